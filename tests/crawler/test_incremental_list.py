"""`cleancrawl crawl urls.txt --out D --state S`: any URL-list crawl becomes incremental."""

from __future__ import annotations

import duckdb

from crawler.incremental.store import StateStore, state_path
from tests.conftest import local_crawl_flags, run_cli

FAST = local_crawl_flags()


def test_url_list_run_twice_writes_nothing_the_second_time(site, tmp_path):
    urls = tmp_path / "morning.txt"
    urls.write_text(site.url("news/ferry-timetable.html") + "\n" + site.url("news/mercado-central.html") + "\n")
    state = tmp_path / "state"
    first = run_cli("crawl", str(urls), "--out", str(tmp_path / "one"), "--state", str(state), *FAST)
    assert first.returncode == 0, first.stderr.decode()[-3000:]
    assert b"articles written: 2" in first.stdout
    [(n, versions)] = duckdb.sql(f"select count(*), list(distinct version) from "
                                 f"'{tmp_path}/one/articles/**/*.parquet'").fetchall()
    assert (n, versions) == (2, [1])

    before = len(site.requests)
    second = run_cli("crawl", str(urls), "--out", str(tmp_path / "two"), "--state", str(state), *FAST)
    assert second.returncode == 0, second.stderr.decode()[-3000:]
    assert b"articles written: 0" in second.stdout
    assert not list((tmp_path / "two").glob("articles/**/*.parquet"))
    # the plain static server knows Last-Modified only: the re-run asked If-Modified-Since and got 304s
    assert b"not_modified=2" in second.stdout
    assert [p for p in site.requests[before:] if p.startswith("/news/")] == [
        "/news/ferry-timetable.html", "/news/mercado-central.html"] or sorted(
        p for p in site.requests[before:] if p.startswith("/news/")) == [
        "/news/ferry-timetable.html", "/news/mercado-central.html"]
    with StateStore(state_path(state, "morning")) as store:
        assert store.count(written_only=True) == 2
        assert [r[3] for r in [store.last_run()]] == ["finished"]


def test_without_state_every_run_writes_again(site, tmp_path):
    urls = tmp_path / "list.txt"
    urls.write_text(site.url("news/ferry-timetable.html") + "\n")
    for run in ("a", "b"):
        proc = run_cli("crawl", str(urls), "--out", str(tmp_path / run), *FAST)
        assert b"articles written: 1" in proc.stdout, proc.stderr.decode()[-2000:]


def test_rows_committed_just_before_a_kill_are_not_written_again(site, tmp_path):
    """The kill lands after a part file was renamed into place but before the state recorded its rows."""
    import sqlite3

    urls = tmp_path / "evening.txt"
    urls.write_text(site.url("news/ferry-timetable.html") + "\n" + site.url("news/mercado-central.html") + "\n")
    state = tmp_path / "state"
    first = run_cli("crawl", str(urls), "--out", str(tmp_path / "data"), "--state", str(state), *FAST)
    assert b"articles written: 2" in first.stdout, first.stderr.decode()[-3000:]
    with sqlite3.connect(state_path(state, "evening")) as db:  # what the kill would have left behind
        db.execute("DELETE FROM urls")
        db.execute("UPDATE runs SET finished_at = NULL, finish_reason = NULL")
    again = run_cli("crawl", str(urls), "--out", str(tmp_path / "data"), "--state", str(state), *FAST)
    assert again.returncode == 0, again.stderr.decode()[-3000:]
    assert b"articles written: 0" in again.stdout
    assert b"previous run was interrupted: 2 committed rows recorded" in again.stderr
    [(n,)] = duckdb.sql(f"select count(*) from '{tmp_path}/data/articles/**/*.parquet'").fetchall()
    assert n == 2
