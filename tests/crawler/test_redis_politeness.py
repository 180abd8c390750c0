"""Politeness per site across the workers of a shared crawl, as the site sees it (real redis-server, real HTTP).

The site records when each request started and ended (`TimedSite`); the workers run with
CONCURRENT_REQUESTS_PER_DOMAIN=1. Each worker takes only two requests at a time from the shared queue,
so that both work on the one site and their requests interleave. Every fourth page takes longer than
the delay to answer, so that both limits bind: the one request in flight after a slow page, the delay
after a quick one.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from crawler.redis.keys import CrawlKeys
from crawler.redis.politeness import _ACQUIRE, _REFRESH
from tests.conftest import ROOT, run_cli
from tests.crawler.redis_helpers import RedisServer, TimedSite
from tests.crawler.test_redis_workers import rows_by_worker, wait_all

PAGES = 24
DELAY = 0.5
# A request reaches the site a little after its lease is granted (the client connects and sends; the site's
# thread gets the CPU); when the first of two starts arrives later than the second, the site sees a gap
# shorter than the delay by that much. Tens of milliseconds on a loaded machine; without shared politeness
# the two workers' starts are a millisecond or less apart.
START_TOLERANCE = 0.15
HEARTBEAT = 3.0
SETTINGS = ("--allow-private", "--workers", "0", "--timeout", "30", "-s", "RETRY_TIMES=0",
            "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=1", "-s", "CONCURRENT_REQUESTS=2",
            "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1", "-s", f"CLEANCRAWL_REDIS_HEARTBEAT={HEARTBEAT}",
            "-s", "CLEANCRAWL_ROLL_ROWS=5", "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """A private redis-server for this module."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


class TestLeaseScript:
    """The script every worker's downloader runs before a download, on the real server (times in ms)."""

    def test_no_more_leases_than_the_limit_until_one_is_given_back(self, redis_server):
        client = redis_server.client()
        acquire = client.register_script(_ACQUIRE)
        answers = [acquire(keys=["t:limit"], args=[token, 2, 0, 10_000]) for token in ("a", "b", "c")]
        assert answers == [0, 0, -1]
        client.hdel("t:limit", "a")
        assert acquire(keys=["t:limit"], args=["c", 2, 0, 10_000]) == 0

    def test_a_start_waits_for_the_delay_since_any_workers_last_start(self, redis_server):
        acquire = redis_server.client().register_script(_ACQUIRE)
        assert acquire(keys=["t:delay"], args=["a", 8, 5000, 10_000]) == 0
        wait = acquire(keys=["t:delay"], args=["b", 8, 5000, 10_000])
        assert 0 < wait <= 5000
        assert acquire(keys=["t:delay"], args=["b", 8, 0, 10_000]) == 0  # a worker with no delay need not wait
        time.sleep(0.35)
        assert acquire(keys=["t:delay"], args=["c", 8, 300, 10_000]) == 0

    def test_a_lease_not_refreshed_expires_and_a_refreshed_one_does_not(self, redis_server):
        client = redis_server.client()
        acquire, refresh = client.register_script(_ACQUIRE), client.register_script(_REFRESH)
        assert acquire(keys=["t:ttl"], args=["dead", 2, 0, 2000]) == 0
        assert acquire(keys=["t:ttl"], args=["alive", 2, 0, 2000]) == 0
        time.sleep(1.2)
        assert refresh(keys=["t:ttl"], args=["alive", 2000]) == 1
        time.sleep(1.2)  # "dead" is past its 2 s, "alive" was extended
        assert acquire(keys=["t:ttl"], args=["new", 2, 0, 2000]) == 0
        assert acquire(keys=["t:ttl"], args=["newer", 2, 0, 2000]) == -1
        assert sorted(client.hkeys("t:ttl")) == [b"alive", b"last", b"new"]


def seed(redis_url: str, name: str, site: TimedSite, tmp_path: Path) -> list[str]:
    """Queue PAGES stories of the site in the shared crawl `name`; their URLs."""
    urls = [site.url(f"news/story-{n:04d}.html") for n in range(PAGES)]
    listing = tmp_path / "urls.txt"
    listing.write_text("\n".join(urls) + "\n")
    seeded = run_cli("seed", str(listing), "--redis", redis_url, "--name", name)
    assert seeded.returncode == 0, seeded.stderr.decode()[-2000:]
    return urls


def start_worker(redis_url: str, name: str, out: Path, worker: str, *extra: str) -> subprocess.Popen:
    """`cleancrawl crawl --redis` as the worker `worker`."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--redis", redis_url, "--name", name,
                             "--out", str(out), *SETTINGS, "-s", f"CLEANCRAWL_WORKER={worker}", *extra],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def test_two_workers_keep_the_site_limit_and_the_delay_between_starts(redis_server, tmp_path):
    out = tmp_path / "out"
    with TimedSite(slow_every=4, slow_seconds=2 * DELAY) as site:
        urls = seed(redis_server.url, "polite", site, tmp_path)
        delay = ("-s", f"DOWNLOAD_DELAY={DELAY}", "-s", "DOWNLOAD_DELAY_JITTER=0")
        results = wait_all([start_worker(redis_server.url, "polite", out, w, *delay) for w in ("w1", "w2")])
        spans = sorted(site.spans, key=lambda span: span[1])
    assert all(code == 0 for code, _ in results), results
    written, per_worker = rows_by_worker(out, "polite")
    assert sorted(written) == sorted(urls)
    assert set(per_worker) == {"w1", "w2"}, f"one worker did all the work: the test proved nothing ({per_worker})"
    assert len(spans) == PAGES + 2  # and each worker's robots.txt, through the same limits
    overlapping = [(a, b) for a, b in zip(spans, spans[1:], strict=False) if b[1] < a[2]]
    assert overlapping == [], "two requests in flight at once"
    gaps = sorted(b[1] - a[1] for a, b in zip(spans, spans[1:], strict=False))
    assert gaps[0] >= DELAY - START_TOLERANCE, f"starts closer than the delay: shortest gaps {gaps[:5]}"


def test_a_killed_worker_blocks_the_site_no_longer_than_the_heartbeat(redis_server, tmp_path):
    out = tmp_path / "out"
    client = redis_server.client()
    deadline = time.monotonic() + 90
    with TimedSite() as site:
        site.hold_after(0)  # the first page is held in flight: the victim holds the site's only lease
        urls = seed(redis_server.url, "killed", site, tmp_path)
        victim = start_worker(redis_server.url, "killed", out, "victim")
        while site.held < 1 and victim.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        holders = [token.split(b":")[0] for token in client.hkeys(CrawlKeys.of("killed").site("127.0.0.1"))
                   if token != b"last"]
        survivor = start_worker(redis_server.url, "killed", out, "survivor")
        while not client.exists(CrawlKeys.of("killed").worker("survivor")) and time.monotonic() < deadline:
            time.sleep(0.05)
        victim.send_signal(signal.SIGKILL)
        killed_at = time.monotonic()
        site.release()
        results = wait_all([survivor, victim])
        after_kill = sorted(start for _, start, _ in site.spans if start > killed_at)
    assert holders == [b"victim"], "the victim held no lease on the site when killed: the test proved nothing"
    assert results[0][0] == 0, results[0][1]
    assert results[1][0] == -signal.SIGKILL
    assert after_kill, "the survivor never reached the site"
    waited = after_kill[0] - killed_at
    assert waited <= HEARTBEAT + 5, f"the site stayed blocked {waited:.1f} s after the kill"
    written, per_worker = rows_by_worker(out, "killed")
    assert sorted(written) == sorted(urls)  # the victim's page too, each exactly once
    assert set(per_worker) == {"survivor"}
