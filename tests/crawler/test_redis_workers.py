"""A crawl shared by worker processes through a real redis-server: every article once, none lost to a kill."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from crawler.cli.sample_server import SampleServer
from crawler.redis.keys import CrawlKeys
from tests.conftest import ROOT, run_cli
from tests.crawler.redis_helpers import write_site

PAGES = 500
# A generous download timeout: on a loaded machine a page that times out becomes an error row, not an
# article, and the exactly-once assertions below count articles (seen once in a CI run under load).
WORKER_SETTINGS = ("--allow-private", "--workers", "0", "--timeout", "30", "-s", "RETRY_TIMES=0", "-s", "AUTOTHROTTLE_ENABLED=False",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1",
                   "-s", "CLEANCRAWL_REDIS_HEARTBEAT=3", "-s", "CLEANCRAWL_ROLL_ROWS=40",
                   "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """A local site of PAGES distinct articles, and its URL list."""
    root = tmp_path_factory.mktemp("site")
    paths = write_site(root, PAGES)
    with SampleServer(root) as server:
        urls = root.parent / "urls.txt"
        urls.write_text("".join(server.url(p) + "\n" for p in paths))
        yield server, urls


def start_worker(redis_url: str, name: str, out: Path, worker: str) -> subprocess.Popen:
    """`cleancrawl crawl --redis` as a worker process named `worker`."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--redis", redis_url, "--name", name,
                             "--out", str(out), *WORKER_SETTINGS, "-s", f"CLEANCRAWL_WORKER={worker}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def wait_all(procs: list[subprocess.Popen], timeout: float = 150) -> list[tuple[int, str]]:
    """Exit codes and stderr tails of every worker (killed at the deadline)."""
    out = []
    for proc in procs:
        try:
            _, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            _, err = proc.communicate()
        out.append((proc.returncode, err.decode(errors="replace")[-3000:]))
    return out


def owners(client) -> list[bytes]:
    """The worker ids holding in-flight entries of the crawl `killed`, one per entry."""
    return [v.split(b"\t")[0] for v in client.hvals(CrawlKeys.of("killed").of_run(1).inflight)]


def rows_by_worker(out: Path, name: str) -> tuple[list[str], dict[str, int]]:
    """Every article URL written (with repeats), and rows per worker (from the part-file names)."""
    rows = duckdb.sql(f"select url, filename from read_parquet('{out}/articles/**/*.parquet', filename=true)"
                      ).fetchall()
    per_worker: dict[str, int] = {}
    for _, filename in rows:
        worker = Path(filename).name[len(f"part-{name}-"):].rsplit("-", 1)[0]
        per_worker[worker] = per_worker.get(worker, 0) + 1
    return [r[0] for r in rows], per_worker


def test_two_workers_write_every_article_exactly_once(redis_server, many_articles, tmp_path):
    server, urls = many_articles
    seeded = run_cli("seed", str(urls), "--redis", redis_server.url, "--name", "shared")
    assert seeded.returncode == 0, seeded.stderr.decode()[-2000:]
    assert f"run 1: {PAGES} URLs queued, 0 seen before" in seeded.stdout.decode()
    again = run_cli("seed", str(urls), "--redis", redis_server.url, "--name", "shared")
    assert f"0 URLs queued, {PAGES} seen before" in again.stdout.decode()  # pushed once, however often seeded

    out = tmp_path / "out"
    results = wait_all([start_worker(redis_server.url, "shared", out, w) for w in ("w1", "w2")])
    assert all(code == 0 for code, _ in results), results
    written, per_worker = rows_by_worker(out, "shared")
    assert sorted(written) == sorted(server.url(f"news/story-{n:04d}.html") for n in range(PAGES))
    assert set(per_worker) == {"w1", "w2"} and min(per_worker.values()) > 0, per_worker
    client = redis_server.client()
    run = CrawlKeys.of("shared").of_run(1)
    assert client.zcard(run.requests) == 0 and client.hlen(run.inflight) == 0


def test_killing_a_worker_midway_loses_no_article_and_duplicates_none(redis_server, many_articles, tmp_path):
    server, urls = many_articles
    out = tmp_path / "out"
    client = redis_server.client()
    # the victim seeds the shared queue from the list itself and starts working; then a pure worker joins
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    victim = subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", str(urls), "--redis", redis_server.url,
                               "--name", "killed", "--out", str(out), *WORKER_SETTINGS, "-s", "CLEANCRAWL_WORKER=b"],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 90
    while b"b" not in owners(client) and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    survivor = start_worker(redis_server.url, "killed", out, "a")
    served_before = len(server.requests)
    while len(server.requests) - served_before < PAGES // 4 and time.monotonic() < deadline:
        time.sleep(0.05)
    held = owners(client)
    victim.send_signal(signal.SIGKILL)
    results = wait_all([survivor, victim])
    assert results[0][0] == 0, results[0][1]
    assert results[1][0] == -signal.SIGKILL
    assert b"b" in held, "the victim held no page when it was killed: the test proved nothing"
    written, per_worker = rows_by_worker(out, "killed")
    expected = sorted(server.url(f"news/story-{n:04d}.html") for n in range(PAGES))
    assert sorted(written) == expected  # each exactly once: nothing lost, nothing doubled
    assert per_worker.get("a", 0) > 0
    run = CrawlKeys.of("killed").of_run(1)
    assert client.zcard(run.requests) == 0 and client.hlen(run.inflight) == 0
