"""A crawl shared by worker processes through a real redis-server: every article once, none lost to a kill."""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import duckdb
import pytest

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from crawler.redis.keys import CrawlKeys
from tests.conftest import ROOT, local_crawl_flags, run_cli
from tests.crawler.redis_helpers import write_site

PAGES = 500
GATE_MAX = 60.0  # seconds a page request waits for the other worker at most
# The exactly-once assertions below count articles: a page timing out would be an error row instead, hence
# a timeout well over the longest a page request is held at the gate (below). A worker downloads at most 16
# pages at once and the site allows 32 across workers (politeness is shared through Redis), so a worker whose
# requests wait at the gate never holds every slot of the site, and the other one can come in.
WORKER_SETTINGS = (*local_crawl_flags(timeout=2 * GATE_MAX), "-s", "CONCURRENT_REQUESTS=16",
                   "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1", "-s", "CLEANCRAWL_REDIS_HEARTBEAT=3", "-s", "CLEANCRAWL_ROLL_ROWS=40",
                   "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")


class _GatedHandler(SimpleHTTPRequestHandler, QuietHandler):
    server: _GatedSite

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        self.server.arrived(self.path, self.headers.get("User-Agent", ""))
        if self.path != "/robots.txt":
            self.server.wait_for_agents()
        super().do_GET()


class _GatedSite(LoopbackServer):
    """Serves a folder; after `hold_until_agents(n)`, page requests wait until n distinct User-Agents (one per
    worker) have asked for anything, robots.txt included, so no worker can drain the queue alone.

    Without it, a worker that starts late on a busy machine may find the queue already empty, and the
    test would prove nothing about sharing (or fail on `min(per_worker) > 0` by chance).
    """

    def __init__(self, root: Path):
        super().__init__(functools.partial(_GatedHandler, directory=str(root)))
        self.requests: list[str] = []
        self._agents: set[str] = set()
        self._needed = 0
        self._all_here = threading.Event()
        self._all_here.set()
        self._lock = threading.Lock()

    def hold_until_agents(self, n: int) -> None:
        with self._lock:
            self._agents.clear()
            self._needed = n
            self._all_here.clear()

    def arrived(self, path: str, agent: str) -> None:
        with self._lock:
            self.requests.append(path)
            self._agents.add(agent)
            if len(self._agents) >= self._needed:
                self._all_here.set()

    def wait_for_agents(self) -> None:
        self._all_here.wait(GATE_MAX)


@pytest.fixture(scope="module")
def many_articles(tmp_path_factory):
    """A local site of PAGES distinct articles, and its URL list."""
    root = tmp_path_factory.mktemp("site")
    paths = write_site(root, PAGES)
    with _GatedSite(root) as server:
        urls = root.parent / "urls.txt"
        urls.write_text("".join(server.url(p) + "\n" for p in paths))
        yield server, urls


def start_worker(redis_url: str, name: str, out: Path, worker: str) -> subprocess.Popen:
    """`cleancrawl crawl --redis` as a worker process named `worker` (also in its User-Agent)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--redis", redis_url, "--name", name,
                             "--out", str(out), *WORKER_SETTINGS, "-s", f"CLEANCRAWL_WORKER={worker}",
                             "-s", f"USER_AGENT=cleancrawl-test ({worker})"],
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
    server.hold_until_agents(2)
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
