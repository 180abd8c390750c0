"""The Parquet writer: rows round-trip field by field, bad rows are refused, files appear atomically."""

from datetime import UTC, datetime

import duckdb
import pyarrow.parquet as pq
import pytest

from cleaners.article import Article
from output import ARTICLE_SCHEMA, SCHEMA_VERSION, DatasetWriter, load, read_rows
from output.writer import safe_name


def _row(i: int, day: int = 1) -> dict:
    art = Article(url=f"http://127.0.0.1/a{i}", fetched_at=datetime(2026, 3, day, 12, tzinfo=UTC),
                  title=f"Title {i}", text=f"Body {i}\n\nSecond paragraph", captions=["a caption"],
                  word_count=4, content_hash=f"h{i}", removed={"caption": 2, "notice": 1},
                  job="t", pipeline_version="0.1", language_score=0.5)
    return art.to_dict()


def test_rows_round_trip_field_by_field(tmp_path):
    rows = [_row(i) for i in range(3)]
    with DatasetWriter(tmp_path, job="t") as w:
        for r in rows:
            w.write(r)
    [path] = w.files_written
    assert path.parent.name == "crawl_date=2026-03-01"
    assert path.name == "part-t-w0-000000.parquet"
    back = read_rows(path)
    for want, got in zip(rows, back, strict=True):
        for name in ARTICLE_SCHEMA.names:
            if name == "language_score":
                assert got[name] == pytest.approx(want[name])
            else:
                assert got[name] == want[name], name


def test_schema_version_and_descriptions_are_in_the_file(tmp_path):
    with DatasetWriter(tmp_path, job="t") as w:
        w.write(_row(0))
    schema = pq.read_schema(w.files_written[0])
    assert schema.metadata[b"cleancrawl.schema_version"] == SCHEMA_VERSION.encode()
    assert schema.field("text").metadata[b"description"]


@pytest.mark.parametrize(("change", "message"), [
    ({"bogus": 1}, "unknown fields \\['bogus'\\]"),
    ({"word_count": "many"}, "field 'word_count'"),
    ({"url": None}, "field 'url' is required"),
])
def test_a_wrong_row_is_refused_naming_the_field(tmp_path, change, message):
    row = _row(0) | change
    with DatasetWriter(tmp_path, job="t", row_group_rows=1) as w, pytest.raises(ValueError, match=message):
        w.write(row)


def test_missing_field_is_named(tmp_path):
    row = _row(0)
    del row["title"]
    with DatasetWriter(tmp_path) as w, pytest.raises(ValueError, match="missing fields \\['title'\\]"):
        w.write(row)


def test_no_file_is_visible_until_committed(tmp_path):
    w = DatasetWriter(tmp_path, job="t", row_group_rows=1)
    w.write(_row(0))
    assert load(tmp_path).count_rows() == 0
    assert not list(tmp_path.rglob("part-*.parquet"))
    w.close()
    assert load(tmp_path).count_rows() == 1
    assert not list(tmp_path.rglob("*.tmp"))


def test_rolls_by_rows_partitions_by_day_and_continues_numbering(tmp_path):
    committed = []
    with DatasetWriter(tmp_path, job="t", max_rows=2, row_group_rows=1, on_commit=committed.extend) as w:
        for i in range(5):
            w.write(_row(i, day=1 if i < 4 else 2))
    assert sorted(p.name for p in w.files_written) == [f"part-t-w0-00000{i}.parquet" for i in range(3)]
    assert sorted(committed) == sorted(f"http://127.0.0.1/a{i}" for i in range(5))
    with DatasetWriter(tmp_path, job="t") as again:
        again.write(_row(9))
    assert again.files_written[0].name == "part-t-w0-000003.parquet"
    con = duckdb.connect()
    got = con.sql(f"select crawl_date, count(*) from read_parquet('{tmp_path}/articles/**/*.parquet', "
                  "hive_partitioning=true) group by 1 order by 1").fetchall()
    assert [(str(d), n) for d, n in got] == [("2026-03-01", 5), ("2026-03-02", 1)]


def test_stale_temp_file_of_a_killed_run_is_removed_and_never_read(tmp_path):
    folder = tmp_path / "articles" / "crawl_date=2026-03-01"
    folder.mkdir(parents=True)
    (folder / ".part-t-w0-000000.parquet.tmp").write_bytes(b"PAR1 half a file")
    assert load(tmp_path).count_rows() == 0
    with DatasetWriter(tmp_path, job="t") as w:
        w.write(_row(1))
    assert not list(folder.glob("*.tmp"))
    assert load(tmp_path).count_rows() == 1


def test_names_from_untrusted_input_cannot_escape_the_folder():
    assert safe_name("../../etc/passwd") == "etc-passwd"
    assert safe_name("..") == "job"
    assert "/" not in safe_name("a/b\\c d")


def test_errors_table_has_its_own_schema(tmp_path):
    row = {"url": "http://127.0.0.1/x", "fetched_at": datetime(2026, 3, 1, tzinfo=UTC), "stage": "fetch",
           "reason": "http_500", "http_status": 500, "exception_type": None, "message": "Internal Server Error",
           "domain": "127.0.0.1", "job": "t", "pipeline_version": "0.1", "run": 3}
    with DatasetWriter(tmp_path, "errors", job="t") as w:
        w.write(row)
    assert load(tmp_path, "errors").to_table().to_pylist()[0]["reason"] == "http_500"


def test_before_commit_runs_before_the_part_file_appears(tmp_path):
    seen = []
    w = DatasetWriter(tmp_path, job="t",
                      before_commit=lambda: seen.append((len(list(tmp_path.rglob("part-*.parquet"))),
                                                          len(list(tmp_path.rglob(".part-*.tmp"))))))
    w.write(_row(0))
    w.close()
    assert seen == [(0, 1)]  # called once, while the part was still under its temporary name
    assert len(w.files_written) == 1
