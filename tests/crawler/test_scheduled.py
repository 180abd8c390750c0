"""Scheduled crawls end to end: one job run three times against a local news site with ETags.

The site (tests/data/scheduled, served by `ConditionalServer`) has robots.txt naming a sitemap index
with a gzipped child and a news sitemap, an RSS feed, an Atom feed found by autodiscovery, listing,
tag, category, search and login pages, a print copy whose canonical URL carries a tracking parameter,
and a robots-disallowed draft linked from everywhere.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

import duckdb
import pytest

from crawler.incremental.store import StateStore, state_path
from tests.conftest import DATA, local_crawl_flags, run_cli
from tests.crawler.conditional_server import ConditionalServer, render_site

ARTICLES = {"/articles/harbour-bridge.html", "/articles/ferry-fares.html", "/articles/library-hours.html", "/news/council-vote.html",
            "/news/school-meals.html", "/blog/night-market.html", "/blog/river-cleanup.html"}
FAST = local_crawl_flags()

JOB = """
name = "courier"
out = "{out}"
state = "{state}"

[sources]
robots = ["{base}/"]
feeds = ["{base}/feed.rss"]
seeds = ["{base}/"]

[scope]
max_depth = 2
max_pages = 200

[politeness]
autothrottle = false
concurrency_per_domain = 4
"""


def _articles(out) -> list[tuple]:
    if not list(out.glob("articles/**/*.parquet")):
        return []
    return duckdb.sql(f"select url, version, first_seen, published, title from '{out}/articles/**/*.parquet' "
                      "order by url").fetchall()


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """Three runs of one job: a first crawl, a re-run of the unchanged site, a re-run after one edit."""
    tmp = tmp_path_factory.mktemp("scheduled")
    root = tmp / "site"
    root.mkdir()
    with ConditionalServer(root) as server:
        render_site(DATA / "scheduled", root, server.base_url)
        job = tmp / "courier.toml"
        job.write_text(JOB.format(out=tmp / "out", state=tmp / "state", base=server.base_url), encoding="utf-8")
        results = {}
        for run in (1, 2, 3):
            if run == 3:  # the night market moved: the page changes server-side
                page = root / "blog" / "night-market.html"
                page.write_text(page.read_text().replace("every Friday", "every Saturday"))
                later = time.time() + 5
                os.utime(page, (later, later))
            server.log.clear()
            out = tmp / f"out{run}"
            proc = run_cli("crawl", "--job", str(job), "--out", str(out), *FAST)
            assert proc.returncode == 0, proc.stderr.decode()[-4000:]
            results[run] = (out, list(server.log), proc)
    results["state"] = tmp / "state"
    return results


def test_first_run_writes_every_article_once(runs):
    out, _, proc = runs[1]
    rows = _articles(out)
    assert sorted(_path(r[0]) for r in rows) == sorted(ARTICLES)
    assert {r[1] for r in rows} == {1}
    assert "articles written: 7" in proc.stdout.decode()


def test_non_articles_are_followed_but_not_written_and_counted_by_reason(runs):
    out, log, proc = runs[1]
    stdout = proc.stdout.decode()
    for reason in ("index_page=1", "category_page=1", "tag_page=1", "search_page=1", "login_page=1",
                   "not_canonical=1"):
        assert reason in stdout
    # the category page was fetched (its links followed), the print copy led to its canonical URL
    assert any(r.path == "/category/city/" for r in log)
    assert any(r.path == "/articles/harbour-bridge-print.html" for r in log)


def test_sources_sitemap_index_gzip_news_rss_atom_were_all_read(runs):
    _, log, _ = runs[1]
    paths = {r.path for r in log}
    assert {"/robots.txt", "/sitemap_index.xml", "/sitemap-articles.xml.gz", "/sitemap-news.xml",
            "/feed.rss", "/atom.xml"} <= paths
    assert "/blog/river-cleanup.html" in paths  # listed only in the Atom feed, which pages announce


def test_tracking_parameters_are_stripped_so_one_article_is_fetched_once(runs):
    _, log, _ = runs[1]
    pages = [r.path for r in log if r.path.endswith(".html") or "?" in r.path]
    assert not [p for p in pages if "utm_" in p]
    for path in ARTICLES:
        assert pages.count(path) == 1, path


def test_news_sitemap_publication_date_reaches_the_row(runs):
    out, _, _ = runs[1]
    published = {_path(r[0]): r[3] for r in _articles(out)}
    # listed only in the news sitemap; the page itself carries no date
    assert published["/news/school-meals.html"] == datetime(2026, 11, 26, 16, 40, tzinfo=UTC)
    # listed in the news sitemap and the RSS feed (same time in both), also linked from the listings: the date
    # must reach the row whichever way the page was requested first
    assert published["/news/council-vote.html"] == datetime(2026, 11, 27, 7, 15, tzinfo=UTC)


def test_robots_disallowed_page_is_never_requested(runs):
    for run in (1, 2, 3):
        _, log, _ = runs[run]
        assert not [r for r in log if r.path.startswith("/private/")]


def test_offsite_links_are_counted_not_followed(runs):
    _, _, proc = runs[1]
    stderr = proc.stderr.decode()
    assert "'cleancrawl/scope/offsite'" in stderr  # the link to 127.0.0.2 (another host) was not followed
    assert "Crawled (200) <GET http://127.0.0.2" not in stderr


def test_second_run_writes_nothing_and_asks_conditionally(runs):
    out, log, proc = runs[2]
    assert _articles(out) == []
    assert "articles written: 0" in proc.stdout.decode()
    conditional = {r.path for r in log if r.header("If-None-Match")}
    # the feed-only articles have no sitemap lastmod: they are asked for with their ETag (and get a 304)
    assert {"/blog/night-market.html", "/blog/river-cleanup.html", "/news/council-vote.html"} <= conditional
    # listed only in the sitemap, with a lastmod older than the written version: not even requested
    assert not [r for r in log if r.path == "/articles/ferry-fares.html"]
    assert "skipped_by_lastmod=" in proc.stdout.decode()
    # index pages are read in full every run, so new links are found
    assert not [r for r in log if r.path == "/" and r.header("If-None-Match")]


def test_third_run_writes_only_the_changed_page_as_version_2(runs):
    first = {_path(r[0]): r for r in _articles(runs[1][0])}
    rows = _articles(runs[3][0])
    assert [(_path(r[0]), r[1]) for r in rows] == [("/blog/night-market.html", 2)]
    assert rows[0][2] == first["/blog/night-market.html"][2]  # first_seen kept
    assert rows[0][2] is not None


def test_state_store_holds_every_written_url(runs):
    path = state_path(runs["state"], "courier")
    with StateStore(path) as store:
        assert store.count(written_only=True) == 7
        market = store.get(_full(runs, "/blog/night-market.html"))
        assert market.version == 2 and market.etag
        run = store.last_run()
        assert run[3] == "finished"


def test_plain_scrapy_runs_the_job_with_string_arguments(runs, tmp_path):
    """What scrapyd does: `scrapy crawl articles -a job=FILE`, settings from the job file itself."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    job = tmp_path / "courier.toml"
    (tmp_path / "site").mkdir()
    with ConditionalServer(tmp_path / "site") as server:
        render_site(DATA / "scheduled", tmp_path / "site", server.base_url)
        job.write_text(JOB.format(out=tmp_path / "out", state=tmp_path / "state", base=server.base_url)
                       + "\n[settings]\nRETRY_TIMES = 0\nCLEAN_WORKERS = 0\nCLEANCRAWL_ALLOW_PRIVATE = true\n", encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"job={job}"],
                              cwd=ROOT, capture_output=True, timeout=180)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    assert sorted(_path(r[0]) for r in _articles(tmp_path / "out")) == sorted(ARTICLES)
    assert state_path(tmp_path / "state", "courier").is_file()


def _full(runs, path: str) -> str:
    return next(r[0] for r in _articles(runs[1][0]) if _path(r[0]) == path)
