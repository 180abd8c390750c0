"""Merge small part files within each partition into files of about a target size, atomically.

A long crawl rolls many small files (by time and by row count); analysts and query engines
prefer fewer, larger ones. Rows never move between partitions, files of different schemas
(versions) are never merged together, and each merged file keeps the schema and its metadata.
How readers never see rows missing or doubled while this runs: see `output.parts`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from output.parts import COMPACT_PREFIX, COMPACTED_FROM, Part, list_parts, partition_dirs, split_live
from output.schema import SCHEMAS
from output.writer import fsync_dir

logger = logging.getLogger(__name__)

LOCK_NAME = ".compact.lock"


@dataclass
class CompactResult:
    """What one compaction did to one table."""

    table: str
    files_before: int = 0
    files_after: int = 0
    merged_files: list[Path] = field(default_factory=list)
    inputs_removed: int = 0
    rows_moved: int = 0

    def summary(self) -> str:
        """One line for the terminal."""
        return (f"{self.table}: {self.files_before} -> {self.files_after} files "
                f"({self.inputs_removed} merged into {len(self.merged_files)}, {self.rows_moved} rows moved)")


def compact(root: str | Path, table: str = "articles", *, target_mb: float = 128.0,
            grace_seconds: float = 2.0) -> CompactResult:
    """Merge the small part files of every partition of `ROOT/<table>` into files of about `target_mb`."""
    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; expected one of {sorted(SCHEMAS)}")
    if target_mb <= 0 or grace_seconds < 0:
        raise ValueError("target_mb must be > 0 and grace_seconds >= 0")
    target = int(target_mb * (1 << 20))
    table_dir = Path(root) / table
    result = CompactResult(table)
    if not table_dir.is_dir():
        return result
    with _locked(table_dir):
        to_remove: list[Part] = []
        for folder in partition_dirs(table_dir):
            live = _tidy(folder)
            result.files_before += len(live)
            for group in plan(live, target):
                merged = _merge(folder, group)
                result.merged_files.append(merged)
                result.rows_moved += pq.ParquetFile(merged).metadata.num_rows
                to_remove.extend(group)
        if to_remove:
            # readers that listed the old set just before the renames get time to open it
            time.sleep(grace_seconds)
        for part in to_remove:
            part.path.unlink(missing_ok=True)
        for folder in {p.path.parent for p in to_remove}:
            fsync_dir(folder)
        result.inputs_removed = len(to_remove)
        result.files_after = sum(len(list_parts(folder)) for folder in partition_dirs(table_dir))
    logger.info("compacted %s: %s", table_dir, result.summary())
    return result


def plan(parts: list[Part], target: int) -> list[list[Part]]:
    """Groups of two or more small files (same schema, name order) whose sizes add up to at most `target`."""
    by_schema: dict[bytes, list[Part]] = {}
    for part in parts:
        if part.size < target:  # keyed by the serialized schema: metadata (version) included
            by_schema.setdefault(pq.read_schema(part.path).serialize().to_pybytes(), []).append(part)
    groups: list[list[Part]] = []
    for same in by_schema.values():
        current: list[Part] = []
        for part in same:
            if current and sum(p.size for p in current) + part.size > target:
                groups.append(current)
                current = []
            current.append(part)
        groups.append(current)
    return [g for g in groups if len(g) >= 2]


def _tidy(folder: Path) -> list[Part]:
    """Finish what an interrupted compaction left: drop its temp files and the inputs it already replaced."""
    for stale in folder.glob(f".{COMPACT_PREFIX}*.tmp"):
        logger.warning("removing temporary file of an interrupted compaction: %s", stale)
        stale.unlink(missing_ok=True)
    live, gone = split_live(list_parts(folder))
    for part in gone:
        logger.warning("removing part file already merged by an interrupted compaction: %s", part.path)
        part.path.unlink(missing_ok=True)
    return live


def _merge(folder: Path, group: list[Part]) -> Path:
    """Write the rows of `group` into one new visible file (temp name, fsync, rename) and return it."""
    schema = pq.read_schema(group[0].path)
    metadata = dict(schema.metadata or {})
    metadata[COMPACTED_FROM] = json.dumps([list(p.key) for p in group]).encode()
    schema = schema.with_metadata(metadata)
    name = f"{COMPACT_PREFIX}{datetime.now(UTC):%Y%m%dT%H%M%S}-{secrets.token_hex(4)}.parquet"
    tmp, final = folder / f".{name}.tmp", folder / name
    expected = 0
    try:
        with pq.ParquetWriter(tmp, schema, compression="zstd", store_schema=True) as writer:
            for part in group:  # one input at a time: memory stays at one small file
                rows = pq.ParquetFile(part.path).read()
                expected += rows.num_rows
                writer.write_table(rows)
        written = pq.ParquetFile(tmp).metadata.num_rows
        if written != expected:
            raise OSError(f"{tmp}: wrote {written} rows, expected {expected}; inputs kept")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(folder)
    logger.info("merged %d files (%d rows) into %s", len(group), expected, final)
    return final


@contextmanager
def _locked(table_dir: Path) -> Iterator[None]:
    """One compaction per table at a time (an exclusive lock on a hidden file in the table folder)."""
    with open(table_dir / LOCK_NAME, "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(f"another compaction of {table_dir} is running") from None
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
