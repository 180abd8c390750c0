"""Compaction: the same rows in fewer files, metadata kept, and no reader ever sees rows missing or doubled."""

import fcntl
import json
import threading
import time
from collections import Counter

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from output import ARTICLE_SCHEMA, ERROR_SCHEMA, SCHEMA_VERSION, DatasetWriter, load
from output.compact import LOCK_NAME, _merge, compact, plan
from output.parts import COMPACTED_FROM, list_parts, partition_dirs
from tests.output.sample_dataset import article_rows, write_dataset


def _rows(root, table="articles") -> Counter:
    """The table's rows as a multiset (each row as canonical JSON, partition column included)."""
    return Counter(json.dumps(r, sort_keys=True, default=str) for r in load(root, table).to_table().to_pylist())


def _files(root, table="articles") -> list:
    return sorted((root / table).rglob("*.parquet"))


@pytest.mark.parametrize(("table", "schema"), [("articles", ARTICLE_SCHEMA), ("errors", ERROR_SCHEMA)])
def test_compact_keeps_every_row_in_fewer_files_with_the_metadata(fresh_sample, table, schema):
    root, _, _ = fresh_sample
    before, files_before = _rows(root, table), _files(root, table)
    result = compact(root, table, target_mb=1, grace_seconds=0)
    after = _files(root, table)
    assert _rows(root, table) == before
    assert sum(before.values()) > 0
    assert len(after) == len(partition_dirs(root / table)) < len(files_before)
    assert (result.files_before, result.files_after) == (len(files_before), len(after))
    for path in after:
        found = pq.read_schema(path)
        assert found.metadata[b"cleancrawl.schema_version"] == SCHEMA_VERSION.encode()
        assert found.metadata[b"cleancrawl.table"] == table.encode()
        assert found.remove_metadata().equals(schema.remove_metadata())
        for name in schema.names:  # field descriptions survive
            assert found.field(name).metadata == schema.field(name).metadata
        assert COMPACTED_FROM in found.metadata
    assert not list(root.rglob("*.tmp"))


def test_target_size_bounds_the_merged_files(fresh_sample):
    root, _, _ = fresh_sample
    folder = partition_dirs(root / "articles")[0]
    parts = list_parts(folder)
    target = sum(p.size for p in parts[:2])  # room for about two inputs per merged file
    groups = plan(parts, target)
    assert groups and all(len(g) >= 2 and sum(p.size for p in g) <= target for g in groups)
    assert plan(parts, min(p.size for p in parts)) == []  # nothing is smaller than the target: no work
    before = _rows(root)
    compact(root, target_mb=target / (1 << 20), grace_seconds=0)
    assert _rows(root) == before
    assert 1 < len(list_parts(folder)) < len(parts)


def test_reader_during_compaction_never_sees_rows_missing_or_doubled(tmp_path):
    root = tmp_path / "data"
    write_dataset(root, article_rows(120), [], max_rows=2)  # about 60 small files over 3 partitions
    expected = sum(_rows(root).values())
    errors: list[BaseException] = []

    def read() -> tuple[list[str], int, list[str]]:
        """(file names listed first, rows counted, urls read): what one reader sees."""
        names = [p.name for p in (root / "articles").rglob("*.parquet")]
        dataset = load(root)
        return names, dataset.count_rows(), dataset.to_table(columns=["url"])["url"].to_pylist()

    # The risky moment (merged files visible while their inputs still exist) lasts the grace period: make it
    # several reads long, as long as a read takes on this machine now, so the loop below surely reads inside it.
    started = time.monotonic()
    read()
    grace = max(1.0, 5 * (time.monotonic() - started))

    def run() -> None:
        try:
            compact(root, target_mb=1, grace_seconds=grace)
        except BaseException as exc:  # surfaced by the assertion below
            errors.append(exc)

    worker = threading.Thread(target=run)
    counts, during, in_window = [], 0, 0
    worker.start()
    deadline = time.monotonic() + 60 + grace
    while worker.is_alive() and time.monotonic() < deadline:
        names, count, urls = read()
        in_window += any(n.startswith("part-compact-") for n in names) and len(names) > 3
        counts.append(count)
        assert len(set(urls)) == len(urls) == expected
        during += 1
    worker.join(timeout=60)
    assert not errors and not worker.is_alive()
    assert during >= 3 and in_window >= 1, f"the reader loop did not overlap the compaction (grace {grace:.1f} s)"
    assert set(counts) == {expected}
    assert len(_files(root)) == 3


def test_interrupted_compaction_hides_inputs_then_finishes(fresh_sample):
    root, _, _ = fresh_sample
    folder = partition_dirs(root / "articles")[0]
    parts = list_parts(folder)
    before = _rows(root)
    _merge(folder, parts)  # as if killed after the rename, before deleting the inputs
    raw = ds.dataset(root / "articles", format="parquet", partitioning="hive").count_rows()
    assert raw == sum(before.values()) + sum(pq.ParquetFile(p.path).metadata.num_rows for p in parts)
    assert _rows(root) == before  # load() applies the rule: the merged file replaces its inputs
    compact(root, grace_seconds=0)  # the next run deletes the replaced inputs first
    assert all(not p.path.exists() for p in parts)
    assert _rows(root) == before


def test_a_later_file_reusing_an_input_name_stays_visible(fresh_sample):
    root, _, _ = fresh_sample
    folder = partition_dirs(root / "articles")[0]
    parts = list_parts(folder)
    _merge(folder, parts)
    reused = parts[0].path
    reused.unlink()  # a writer later starts numbering again and writes the same name anew
    day = folder.name.split("=")[1]
    rows = [r for r in article_rows(80)[36:] if r["fetched_at"].date().isoformat() == day][:1]
    with DatasetWriter(root, job="sample", worker=reused.name.split("-")[2], max_rows=1) as w:
        for row in rows:
            w.write(row)
    assert reused.exists() or w.files_written
    urls = load(root).to_table(columns=["url"])["url"].to_pylist()
    assert rows[0]["url"] in urls


def test_one_compaction_at_a_time(fresh_sample):
    root, _, _ = fresh_sample
    with open(root / "articles" / LOCK_NAME, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        with pytest.raises(RuntimeError, match="another compaction"):
            compact(root, grace_seconds=0)


def test_bad_arguments_and_missing_tables(tmp_path):
    with pytest.raises(ValueError, match="unknown table"):
        compact(tmp_path, "pages")
    with pytest.raises(ValueError, match="target_mb"):
        compact(tmp_path, target_mb=0)
    assert compact(tmp_path).files_before == 0
