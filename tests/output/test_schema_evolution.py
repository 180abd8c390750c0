"""Schema evolution: files of version N and N+1 (one added column) read as one dataset.

`output.load` reads with an explicit schema, so a column a file lacks reads as null; DuckDB does
the same with `union_by_name=true`. Each file keeps the version it was written with.
"""

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from output import ARTICLE_SCHEMA, SCHEMA_VERSION, DatasetWriter, load
from output.compact import compact
from output.writer import to_table
from tests.output.sample_dataset import article_rows

NEXT_VERSION = str(int(SCHEMA_VERSION) + 1)
ADDED = pa.field("reading_minutes", pa.int32(), metadata={"description": "estimated reading time"})
SCHEMA_NEXT = ARTICLE_SCHEMA.append(ADDED).with_metadata(
    ARTICLE_SCHEMA.metadata | {b"cleancrawl.schema_version": NEXT_VERSION.encode()})


def _write_both(root):
    """Rows 0-5 with today's schema (DatasetWriter), rows 6-11 with the next version, same partitions."""
    rows = article_rows(12)
    with DatasetWriter(root, job="old") as w:
        for row in rows[:6]:
            w.write(row)
    new_rows = [r | {"reading_minutes": i + 1} for i, r in enumerate(rows[6:])]
    for i, row in enumerate(new_rows):  # one file per row, laid out as the next writer would
        folder = root / "articles" / f"crawl_date={row['fetched_at'].date().isoformat()}"
        folder.mkdir(parents=True, exist_ok=True)
        pq.write_table(to_table([row], SCHEMA_NEXT), folder / f"part-new-w0-{i:06d}.parquet", compression="zstd")
    return rows[:6], new_rows


def test_each_file_carries_its_schema_version(tmp_path):
    _write_both(tmp_path)
    versions = sorted(pq.read_schema(p).metadata[b"cleancrawl.schema_version"].decode()
                      for p in (tmp_path / "articles").rglob("*.parquet"))
    assert set(versions) == {SCHEMA_VERSION, NEXT_VERSION}


def test_output_load_with_the_newer_schema_reads_old_files_as_null(tmp_path):
    old, new = _write_both(tmp_path)
    table = load(tmp_path, schema=SCHEMA_NEXT).to_table(columns=["url", "reading_minutes", "title"])
    got = {r["url"]: r for r in table.to_pylist()}
    assert len(got) == len(old) + len(new)
    assert all(got[r["url"]]["reading_minutes"] is None and got[r["url"]]["title"] == r["title"] for r in old)
    assert all(got[r["url"]]["reading_minutes"] == r["reading_minutes"] for r in new)


def test_output_load_with_todays_schema_reads_newer_files_without_the_added_column(tmp_path):
    old, new = _write_both(tmp_path)
    table = load(tmp_path).to_table()
    assert "reading_minutes" not in table.column_names
    assert sorted(table["url"].to_pylist()) == sorted(r["url"] for r in old + new)


def test_duckdb_union_by_name_reads_both_versions(tmp_path):
    old, new = _write_both(tmp_path)
    glob = str(tmp_path / "articles" / "**" / "*.parquet")
    rows = duckdb.sql(f"select url, reading_minutes, crawl_date from read_parquet('{glob}', "
                      "union_by_name=true, hive_partitioning=true)").fetchall()
    got = {url: (minutes, day) for url, minutes, day in rows}
    assert len(rows) == len(got) == len(old) + len(new)
    assert {u: m for u, (m, _) in got.items()} == {r["url"]: r.get("reading_minutes") for r in old + new}
    assert all(str(got[r["url"]][1]) == r["fetched_at"].date().isoformat() for r in old + new)


def test_compaction_never_mixes_versions_in_one_file(tmp_path):
    old, new = _write_both(tmp_path)
    before = sorted(load(tmp_path, schema=SCHEMA_NEXT).to_table().to_pylist(), key=lambda r: r["url"])
    compact(tmp_path, grace_seconds=0)
    for path in (tmp_path / "articles").rglob("*.parquet"):
        found = pq.read_schema(path)
        version = found.metadata[b"cleancrawl.schema_version"].decode()
        assert ("reading_minutes" in found.names) == (version == NEXT_VERSION)
    after = sorted(load(tmp_path, schema=SCHEMA_NEXT).to_table().to_pylist(), key=lambda r: r["url"])
    assert after == before
