"""Write rows into a Hive-partitioned Parquet dataset: `ROOT/<table>/crawl_date=YYYY-MM-DD/part-….parquet`.

A part file is written under a hidden temporary name and renamed only when complete, so a reader (or
a crawl killed mid-write) never leaves a partial file visible. Files roll over by row count, by size
and on a time interval, so a long crawl lands its data as it goes.
"""

from __future__ import annotations

import importlib.abc
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from output.schema import SCHEMAS

logger = logging.getLogger(__name__)

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str, fallback: str = "job") -> str:
    """A file-name-safe label: letters, digits, `.`, `_`, `-` only; never a path or a dot-file."""
    cleaned = _SAFE.sub("-", name).strip(".-")[:80]
    return cleaned or fallback


class _PandasUnimportable(importlib.abc.MetaPathFinder):
    """While on sys.meta_path, `import pandas` fails."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        """Refuse pandas and its submodules; leave every other import to the next finder."""
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


_pandas_probe_answered = False


def answer_pandas_probe() -> None:
    """Keep pyarrow from importing pandas (a large import) only to ask whether a list of rows is a pandas object.

    `pa.array` asks pyarrow's pandas shim whether its input is a Series or an Index, and the shim imports
    pandas for that first question when pandas is installed (the analysis extra installs it). Rows are plain
    Python values, so the first question is asked here, once per process, while pandas cannot be imported:
    the shim notes "no pandas" for such questions. pyarrow APIs that need pandas (`to_pandas`, `from_pandas`)
    still import it when called. Does nothing when pandas is already loaded (crawl-process memory).
    """
    global _pandas_probe_answered
    if _pandas_probe_answered or "pandas" in sys.modules:
        return
    _pandas_probe_answered = True
    finder = _PandasUnimportable()
    sys.meta_path.insert(0, finder)
    try:
        pa.array([None])
    finally:
        sys.meta_path.remove(finder)


@dataclass
class _OpenPart:
    tmp: Path
    final: Path
    writer: pq.ParquetWriter
    opened: float
    rows: int = 0
    keys: list[str] = field(default_factory=list)


class DatasetWriter:
    """Context manager that buffers rows of one table and writes complete, atomically renamed part files."""

    def __init__(self, root: str | Path, table: str = "articles", *, job: str = "job", worker: str = "w0",
                 max_rows: int = 10_000, max_bytes: int = 64 << 20, max_seconds: float = 60.0,
                 row_group_rows: int = 1_000, on_commit: Callable[[list[str]], None] | None = None,
                 before_commit: Callable[[], None] | None = None):
        if table not in SCHEMAS:
            raise ValueError(f"unknown table {table!r}; expected one of {sorted(SCHEMAS)}")
        if max_rows < 1 or row_group_rows < 1:
            raise ValueError("max_rows and row_group_rows must be >= 1")
        answer_pandas_probe()
        self.schema: pa.Schema = SCHEMAS[table]
        self.dir = Path(root) / table
        self.prefix = f"part-{safe_name(job)}-{safe_name(worker, 'w0')}-"
        self.max_rows, self.max_bytes, self.max_seconds = max_rows, max_bytes, max_seconds
        self.row_group_rows = row_group_rows
        self.on_commit = on_commit
        # called before a part file is renamed into place: lets files the rows point into be completed first
        self.before_commit = before_commit
        self.files_written: list[Path] = []
        self.rows_written = 0
        self._buffers: dict[str, list[Mapping[str, Any]]] = {}
        self._parts: dict[str, _OpenPart] = {}
        self._seq = self._next_seq()

    # -- public API -------------------------------------------------------------------------
    def write(self, row: Mapping[str, Any]) -> None:
        """Buffer one row (a dict with exactly the schema's columns); ValueError names a bad field."""
        missing = [n for n in self.schema.names if n not in row]
        extra = [k for k in row if k not in self.schema.names]
        if missing or extra:
            raise ValueError(f"row does not match the {self.schema.metadata[b'cleancrawl.table'].decode()} "
                             f"schema: missing fields {missing}, unknown fields {extra}")
        for f in self.schema:
            if not f.nullable and row[f.name] is None:
                raise ValueError(f"field {f.name!r} is required but is None")
        partition = _crawl_date(row.get("fetched_at"))
        buf = self._buffers.setdefault(partition, [])
        buf.append(row)
        if len(buf) >= self.row_group_rows:
            self._write_buffer(partition)
        self.roll_if_due()

    def roll_if_due(self) -> None:
        """Commit open part files that reached the row, byte or time limit."""
        now = time.monotonic()
        for partition in list(set(self._parts) | set(self._buffers)):
            part = self._parts.get(partition)
            pending = len(self._buffers.get(partition, ()))
            rows = (part.rows if part else 0) + pending
            age = now - part.opened if part else 0.0
            size = part.tmp.stat().st_size if part and part.tmp.exists() else 0
            if rows >= self.max_rows or size >= self.max_bytes or (rows and age >= self.max_seconds):
                self._commit(partition)

    def flush(self) -> None:
        """Commit every open part file now (rows written so far become visible)."""
        for partition in list(set(self._parts) | set(self._buffers)):
            self._commit(partition)

    def close(self) -> None:
        """Commit everything and stop."""
        self.flush()

    def __enter__(self) -> DatasetWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------------
    def _next_seq(self) -> int:
        return next_sequence(self.dir, "crawl_date=*/", self.prefix, ".parquet")

    def _open(self, partition: str) -> _OpenPart:
        folder = self.dir / f"crawl_date={partition}"
        folder.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}{self._seq:06d}.parquet"
        self._seq += 1
        tmp = folder / f".{name}.tmp"
        writer = pq.ParquetWriter(tmp, self.schema, compression="zstd", store_schema=True)
        part = _OpenPart(tmp=tmp, final=folder / name, writer=writer, opened=time.monotonic())
        self._parts[partition] = part
        return part

    def _write_buffer(self, partition: str) -> None:
        rows = self._buffers.pop(partition, [])
        if not rows:
            return
        table = to_table(rows, self.schema)
        part = self._parts.get(partition) or self._open(partition)
        part.writer.write_table(table)
        part.rows += len(rows)
        part.keys.extend(str(r["url"]) for r in rows)

    def _commit(self, partition: str) -> None:
        self._write_buffer(partition)
        part = self._parts.pop(partition, None)
        if part is None:
            return
        if self.before_commit:
            self.before_commit()
        part.writer.close()
        with open(part.tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(part.tmp, part.final)
        fsync_dir(part.final.parent)
        self.files_written.append(part.final)
        self.rows_written += part.rows
        logger.info("wrote %d rows to %s", part.rows, part.final)
        if self.on_commit:
            self.on_commit(part.keys)


def next_sequence(folder: Path, subdirs: str, prefix: str, suffix: str) -> int:
    """The number after the highest `<prefix>NNN<suffix>` file in `folder/<subdirs>`, 0 if none.

    Also deletes this prefix's hidden `.…tmp` files there: a run that was killed left them, and the
    same job and worker never has two writers at once, so they can only be stale.
    """
    seq = 0
    if folder.exists():
        for path in folder.glob(f"{subdirs}{prefix}*{suffix}"):
            stem = path.name[len(prefix):-len(suffix)]
            if stem.isdigit():
                seq = max(seq, int(stem) + 1)
        for stale in folder.glob(f"{subdirs}.{prefix}*.tmp"):
            logger.warning("removing incomplete file left by an interrupted run: %s", stale)
            stale.unlink(missing_ok=True)
    return seq


def to_table(rows: Iterable[Mapping[str, Any]], schema: pa.Schema) -> pa.Table:
    """Rows as an Arrow table with exactly `schema`; a value of the wrong type raises ValueError naming its field."""
    rows = list(rows)
    arrays = []
    for f in schema:
        values = [_prepare(r[f.name], f.type) for r in rows]
        try:
            arrays.append(pa.array(values, type=f.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, OverflowError) as exc:
            raise ValueError(f"field {f.name!r}: {exc}") from exc
    return pa.Table.from_arrays(arrays, schema=schema)


def _prepare(value: Any, type_: pa.DataType) -> Any:
    if value is None:
        return None
    if pa.types.is_map(type_) and isinstance(value, Mapping):
        return list(value.items())
    if pa.types.is_timestamp(type_) and isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _crawl_date(value: Any) -> str:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.date().isoformat()
    return datetime.now(UTC).date().isoformat()


def fsync_dir(path: Path) -> None:
    """Flush a folder's entry list to disk so a rename into it survives a crash (best effort)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
