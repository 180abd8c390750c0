"""Which part files of a table are live: a compacted file hides the inputs it was merged from.

`cleancrawl compact` (see `output.compact`) replaces several small part files of a partition by
one merged file. No single file-system call can swap a set of names, so the swap is made visible
by one rename and explained by a rule readers apply to whatever they list:

1. the merged file is written under a hidden name (`.part-compact-….parquet.tmp`: listings skip
   hidden files), then renamed to `part-compact-<stamp>-<n>.parquet`. Its footer metadata
   `cleancrawl.compacted_from` lists each input as `[name, size, mtime_ns]`;
2. a listing that contains a `part-compact-*` file drops every file that file lists (matched by
   name, size and mtime, so a later file that reuses a name is never hidden by mistake);
3. after a grace period the inputs are deleted.

A listing taken before step 1 sees the old set; any listing after it sees the merged file and
the rule removes its inputs, whether they are still there or not: the new set. Files no step
touches are always listed, so a listing is never missing rows or doubling them. The grace period
lets a reader that listed the old set just before the rename finish opening those files.
`output.load` applies this rule; a raw glob (`read_parquet('articles/**/*.parquet')`) does not,
and can see a merged file next to its inputs during the grace period of a running compaction.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pyarrow.parquet as pq

COMPACT_PREFIX = "part-compact-"
COMPACTED_FROM = b"cleancrawl.compacted_from"
PARTITION_PREFIX = "crawl_date="


@dataclass(frozen=True)
class Part:
    """One visible part file with the size and mtime that identify this version of it."""

    path: Path
    size: int
    mtime_ns: int

    @property
    def key(self) -> tuple[str, int, int]:
        """Identity used in `compacted_from`: (name, size, mtime_ns)."""
        return (self.path.name, self.size, self.mtime_ns)


def partition_dirs(table_dir: str | Path) -> list[Path]:
    """The `crawl_date=…` folders of a table directory, sorted (none if it does not exist)."""
    folder = Path(table_dir)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.name.startswith(PARTITION_PREFIX) and p.is_dir())


def list_parts(folder: Path) -> list[Part]:
    """Every visible `*.parquet` file of one partition folder (hidden and temporary files skipped)."""
    parts = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.startswith((".", "_")) or not entry.name.endswith(".parquet"):
                continue
            try:
                st = entry.stat()
            except FileNotFoundError:  # removed while we listed: it is not part of this listing
                continue
            parts.append(Part(Path(entry.path), st.st_size, st.st_mtime_ns))
    return sorted(parts, key=lambda p: p.path.name)


def compacted_from(part: Part) -> frozenset[tuple[str, int, int]]:
    """The input keys a merged file replaces (empty for an ordinary part file)."""
    return _compacted_from(str(part.path), part.size, part.mtime_ns)


@lru_cache(maxsize=4096)
def _compacted_from(path: str, size: int, mtime_ns: int) -> frozenset[tuple[str, int, int]]:
    # keyed by size and mtime too: a file is never rewritten in place, so the answer cannot go stale
    metadata = pq.read_schema(path).metadata or {}
    raw = metadata.get(COMPACTED_FROM)
    if not raw:
        return frozenset()
    return frozenset((str(name), int(size), int(mtime)) for name, size, mtime in json.loads(raw))


def split_live(parts: list[Part]) -> tuple[list[Part], list[Part]]:
    """Split one partition's listing into (live, superseded) by the rule in the module docstring."""
    hidden: set[tuple[str, int, int]] = set()
    for part in parts if len(parts) > 1 else ():  # a lone file has nothing to hide
        if part.path.name.startswith(COMPACT_PREFIX):
            hidden |= compacted_from(part)
    live = [p for p in parts if p.key not in hidden]
    gone = [p for p in parts if p.key in hidden]
    return live, gone


def live_parts(folder: Path, attempts: int = 5) -> list[Part]:
    """The live part files of one partition folder.

    A merged file can itself be merged and deleted between our listing and reading its footer;
    then the listing is stale and is taken again (a bounded number of times).
    """
    for attempt in range(attempts):
        try:
            return split_live(list_parts(folder))[0]
        except FileNotFoundError:
            if attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


def live_files(table_dir: str | Path) -> list[Path]:
    """Paths of every live part file of a table, partition by partition."""
    return [part.path for folder in partition_dirs(table_dir) for part in live_parts(folder)]
