"""Runs of a shared crawl from the command line: seed --job, --new-run, workers joining the current run,
and the combinations of --redis and --state that are refused."""

from __future__ import annotations

import subprocess
import sys
import time

import duckdb

from crawler.redis.keys import CrawlKeys
from tests.conftest import ROOT, run_cli

WORKER = ("--allow-private", "--workers", "0", "--timeout", "10", "-s", "RETRY_TIMES=0",
          "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1",
          "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")
PAGES = ("news/ferry-timetable.html", "news/mercado-central.html")


def refused(proc) -> str:
    """The one stderr line of a command refused as bad usage."""
    lines = proc.stderr.decode().strip().splitlines()
    assert proc.returncode == 2 and len(lines) == 1, proc.stderr.decode()[-2000:]
    return lines[0]


def test_a_shared_crawl_with_a_state_folder_is_refused_in_one_line(site, redis_server, tmp_path):
    urls = tmp_path / "list.txt"
    urls.write_text(site.url(PAGES[0]) + "\n")
    proc = run_cli("crawl", str(urls), "--redis", redis_server.url, "--state", str(tmp_path / "state"),
                   "--out", str(tmp_path / "out"), *WORKER)
    line = refused(proc)
    assert "is a folder, and each worker of a shared crawl would keep its own" in line and "redis://" in line
    assert not (tmp_path / "state").exists() and not (tmp_path / "out").exists()


def test_a_redis_state_without_a_shared_crawl_is_refused(site, redis_server, tmp_path):
    urls = tmp_path / "list.txt"
    urls.write_text(site.url(PAGES[0]) + "\n")
    line = refused(run_cli("crawl", str(urls), "--state", redis_server.url, "--out", str(tmp_path / "out")))
    assert "keeps the state of a shared crawl: add --redis URL" in line


def test_a_job_whose_state_is_a_folder_is_refused_as_a_shared_worker(redis_server, tmp_path):
    job = tmp_path / "courier.toml"
    job.write_text(f'state = "{tmp_path / "state"}"\n[sources]\nurls = ["https://news.example.org/a"]\n')
    line = refused(run_cli("crawl", "--job", str(job), "--redis", redis_server.url))
    assert "is a folder" in line


def test_seed_needs_a_list_or_a_job(redis_server):
    assert "give a URL list (URLS.txt or -) or --job JOB.toml" in refused(run_cli("seed", "--redis", redis_server.url))


def test_a_job_is_seeded_into_a_run_its_workers_join_and_a_new_run_visits_every_page_again(site, redis_server,
                                                                                           tmp_path):
    out = tmp_path / "out"
    job = tmp_path / "weekly.toml"
    urls = ", ".join(f'"{site.url(p)}"' for p in PAGES)
    job.write_text(f'name = "weekly"\nout = "{out}"\nstate = "{redis_server.url}"\n[sources]\nurls = [{urls}]\n')

    first = run_cli("seed", "--job", str(job), "--redis", redis_server.url)
    assert "shared crawl 'weekly'" in first.stdout.decode() and "run 1: 2 URLs queued" in first.stdout.decode()
    again = run_cli("seed", "--job", str(job), "--redis", redis_server.url)
    assert "run 1: 0 URLs queued, 2 seen before" in again.stdout.decode()
    one = run_cli("crawl", "--job", str(job), "--redis", redis_server.url, *WORKER)
    assert one.returncode == 0, one.stderr.decode()[-3000:]
    assert b"run:              1" in one.stdout and b"articles written: 2" in one.stdout
    assert b"seeded the shared queue: 0 new URLs, 2 seen before" in one.stderr  # joined run 1, queued nothing

    new = run_cli("seed", "--job", str(job), "--redis", redis_server.url, "--new-run")
    assert "run 2 started (run 1 left 0 queued and 0 in flight): 2 URLs queued" in new.stdout.decode()
    two = run_cli("crawl", "--job", str(job), "--redis", redis_server.url, *WORKER)
    assert two.returncode == 0, two.stderr.decode()[-3000:]
    assert b"run:              2" in two.stdout and b"articles written: 0" in two.stdout
    assert b"not_modified=2" in two.stdout  # visited again, conditionally
    rows = duckdb.sql(f"select run, count(*) from '{out}/articles/**/*.parquet' group by run").fetchall()
    assert rows == [(1, 2)]
    assert redis_server.client().get(CrawlKeys.of("weekly").run) == b"2"


def test_a_worker_of_a_replaced_run_stops(site, redis_server, tmp_path):
    """A standing worker (never idle-closes) of run 1 stops by itself once run 2 starts."""
    urls = tmp_path / "standing.txt"
    urls.write_text(site.url(PAGES[0]) + "\n")
    assert run_cli("seed", str(urls), "--redis", redis_server.url).returncode == 0
    proc = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--redis", redis_server.url, "--name",
                             "standing", "--out", str(tmp_path / "out"), *WORKER,
                             "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=-1"], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not list((tmp_path / "out").glob("articles/**/*.parquet")) and time.monotonic() < deadline:
            time.sleep(0.1)
        time.sleep(1)
        assert proc.poll() is None  # idle, but waiting for more work of run 1
        assert run_cli("seed", str(urls), "--redis", redis_server.url, "--new-run").returncode == 0
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0
    assert b"run 1 of cleancrawl:standing was replaced by run 2: this worker stops" in err
