"""Read the dataset back: `load(DIR)` for analysis, `read_rows(file)` with a schema check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from output.parts import live_files
from output.schema import SCHEMAS

if TYPE_CHECKING:
    import pyarrow.dataset as ds


def load(root: str | Path, table: str = "articles", *, schema: pa.Schema | None = None) -> ds.Dataset:
    """The `articles` (or `errors`) table of a dataset directory as one pyarrow Dataset.

    Files written by older schema versions read with the current columns; a column they lack reads as null
    (`schema` reads with another version's schema instead). Part files that a compaction has merged are
    left out even while they still exist (see `output.parts`), so a concurrent `compact` never shows rows
    missing or doubled. The Dataset holds the file list of this moment: call `load` again for newer files.
    """
    # imported here: pyarrow.dataset imports pandas, which a crawl process that only writes never needs
    import pyarrow.dataset as ds

    if table not in SCHEMAS:
        raise ValueError(f"unknown table {table!r}; expected one of {sorted(SCHEMAS)}")
    schema = (schema or SCHEMAS[table]).append(pa.field("crawl_date", pa.string()))
    folder = Path(root) / table
    files = live_files(folder)
    if not files:
        return ds.dataset(pa.Table.from_pylist([], schema=schema))
    return ds.dataset([str(f) for f in files], format="parquet", partitioning=ds.partitioning(pa.schema([pa.field("crawl_date", pa.string())]), flavor="hive"),
                      partition_base_dir=str(folder), schema=schema, exclude_invalid_files=False)


def read_rows(path: str | Path, table: str = "articles") -> list[dict[str, Any]]:
    """Rows of one part file as dicts, after checking its schema equals ours (ValueError otherwise)."""
    expected = SCHEMAS[table]
    found = pq.read_schema(path)
    if not found.remove_metadata().equals(expected.remove_metadata()):
        raise ValueError(f"{path}: schema differs from the {table} schema")
    rows = pq.read_table(path, schema=expected).to_pylist()
    for row in rows:
        if row.get("removed") is not None:
            row["removed"] = dict(row["removed"])
    return rows
