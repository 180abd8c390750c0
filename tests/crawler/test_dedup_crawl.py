"""End to end: the dedup pipeline in two real crawls (subprocesses) sharing a state dir, read back from Parquet."""

from __future__ import annotations

import duckdb
import pytest

from tests.conftest import local_crawl_flags, run_cli

CRAWL_SETTINGS = local_crawl_flags()
ORIGINAL, COPY, OTHER = "news/ferry-timetable.html", "mirror/ferry-copy.html", "news/mercado-central.html"


def crawl(site, tmp, name: str, pages: list[str], *options: str) -> tuple[dict[str, tuple], str]:
    """Crawl `pages`; ({page: (dup_group, duplicate_of page, content_hash)}, the crawl's log)."""
    urls = tmp / f"{name}.txt"
    urls.write_text("\n".join(site.url(p) for p in pages) + "\n", encoding="utf-8")
    out = tmp / name
    proc = run_cli("crawl", str(urls), "--out", str(out), "-s", f"CLEANCRAWL_STATE_DIR={tmp / 'state'}",
                   *CRAWL_SETTINGS, *options)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    rows = duckdb.sql(f"select url, dup_group, duplicate_of, content_hash from '{out}/articles/**/*.parquet'")
    page = site.url("")
    found = {u.removeprefix(page): (g, d and d.removeprefix(page), h) for u, g, d, h in rows.fetchall()}
    return found, proc.stderr.decode()


@pytest.fixture(scope="module")
def runs(site, tmp_path_factory):
    """Monday: the original and another article (flag). Next week: the copy and the other again (drop)."""
    tmp = tmp_path_factory.mktemp("dedup-crawl")
    monday = crawl(site, tmp, "monday", [ORIGINAL, OTHER])
    next_week = crawl(site, tmp, "next-week", [COPY, OTHER], "--dedup", "drop")
    return monday, next_week, tmp


def test_first_run_gives_every_article_its_own_group(runs):
    (rows, _), _, tmp = runs
    assert set(rows) == {ORIGINAL, OTHER}
    for group, duplicate_of, content_hash in rows.values():
        assert group == content_hash and duplicate_of is None
    assert (tmp / "state" / "dedup" / "index.sqlite").is_file()


def test_copy_from_another_site_next_week_is_dropped_as_a_copy_of_monday_row(runs):
    _, (rows, log), _ = runs
    assert COPY not in rows
    assert "'cleancrawl/dropped/near_duplicate': 1" in log
    assert "mirror/ferry-copy.html (near copy of http://127.0.0.1:" in log and f"/{ORIGINAL})" in log


def test_same_url_crawled_again_is_still_the_first_of_its_group(runs):
    (monday, _), (rows, _), _ = runs
    assert rows[OTHER] == monday[OTHER]
