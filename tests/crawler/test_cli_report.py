"""`cleancrawl report` and `cleancrawl compact` from the command line, on a dataset written by the real writer."""

from __future__ import annotations

import pytest

from output import load
from tests.conftest import run_cli
from tests.output.sample_dataset import article_rows, error_rows, write_dataset


@pytest.fixture
def dataset(tmp_path):
    root = tmp_path / "data"
    write_dataset(root, article_rows(), error_rows())
    return root


def test_report_writes_html_and_prints_text(dataset, tmp_path):
    out = tmp_path / "site" / "report.html"
    proc = run_cli("report", str(dataset), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {out}".encode() in proc.stdout
    assert out.read_text(encoding="utf-8").count("<svg") >= 7
    text = run_cli("report", str(dataset), "--text")
    assert text.returncode == 0
    assert f"{len(article_rows()):,} articles, {len(error_rows()):,} errors".encode() in text.stdout
    assert b"Top 20 pages by removed blocks" in text.stdout


def test_compact_merges_both_tables(dataset):
    before = {t: load(dataset, t).count_rows() for t in ("articles", "errors")}
    files = len(list(dataset.rglob("*.parquet")))
    proc = run_cli("compact", str(dataset), "--target-mb", "4")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.decode().splitlines()[0].startswith("articles: ")
    assert {t: load(dataset, t).count_rows() for t in ("articles", "errors")} == before
    assert len(list(dataset.rglob("*.parquet"))) < files


@pytest.mark.parametrize("args", [["report", "/nonexistent/dataset"], ["compact", "/nonexistent/dataset"],
                                  ["compact", ".", "--target-mb", "0"], ["compact", ".", "--target-mb", "x"]])
def test_bad_usage_exits_2_with_one_line(args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert len(proc.stderr.decode().strip().splitlines()) == 1


@pytest.mark.parametrize("command", ["report", "compact"])
def test_help(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0 and b"usage: cleancrawl " + command.encode() in proc.stdout
