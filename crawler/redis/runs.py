"""Runs of a shared crawl: which run a worker works in, and starting a new one.

A run visits every URL of the crawl once: its seen set says what it has queued, its ledger what is
being fetched (`crawler.redis.keys.RunKeys`). `cleancrawl seed --new-run` starts the next run (the run
number goes up by one, the older runs' frontier keys are deleted), so every seeded URL is queued and
visited again, conditionally when the crawl keeps its state in Redis. Everything else joins the current
run: `seed` without `--new-run`, and every worker (`crawl --redis`), which therefore continues the run
after a restart instead of starting over. The first seed or worker of a crawl starts run 1.

A worker reads the run number once, when it starts (`shared_run`); a worker whose run was replaced
by a newer one finishes what it holds and stops when idle (start it again to join the new run).
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from scrapy.crawler import Crawler

from crawler.redis.keys import CrawlKeys, worker_id

# KEYS: run, runs. ARGV: the run's record. The current run, or run 1 started now.
_JOIN = """
local n = redis.call('GET', KEYS[1])
if n then return tonumber(n) end
redis.call('SET', KEYS[1], 1)
redis.call('HSETNX', KEYS[2], 1, ARGV[1])
return 1
"""
# KEYS: run, runs. ARGV: the run's record. The number of the run started now.
_NEW = """
local n = redis.call('INCR', KEYS[1])
redis.call('HSET', KEYS[2], n, ARGV[1])
return n
"""

_JOINED: weakref.WeakKeyDictionary[Crawler, int] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class NewRun:
    """A run just started, and what the previous run left unfinished (dropped with its frontier)."""

    number: int
    left_queued: int = 0
    left_in_flight: int = 0


def is_shared(settings: Any) -> bool:
    """True when the crawl is a worker of a crawl shared through Redis (`--redis`, i.e. REDIS_URL)."""
    return bool(settings.get("REDIS_URL"))


def join_run(server: Any, keys: CrawlKeys, by: str) -> int:
    """The number of the crawl's current run; run 1 is started when the crawl has none."""
    return int(server.register_script(_JOIN)(keys=[keys.run, keys.runs], args=[_record(by)]))


def current_run(server: Any, keys: CrawlKeys) -> int | None:
    """The number of the crawl's current run, None before its first."""
    found = server.get(keys.run)
    return int(found) if found is not None else None


def start_new_run(server: Any, keys: CrawlKeys, by: str) -> NewRun:
    """Start the next run: number + 1, with an empty frontier; older runs' frontier keys are deleted."""
    number = int(server.register_script(_NEW)(keys=[keys.run, keys.runs], args=[_record(by)]))
    previous = keys.of_run(number - 1) if number > 1 else None
    left = (server.zcard(previous.requests), server.hlen(previous.inflight)) if previous else (0, 0)
    # every older run's keys, not only the previous run's: a worker of an old run may have written some
    # after they were last deleted
    stale = [k for k in server.scan_iter(match=f"{keys.prefix}:run:*", count=1000) if _run_of(keys, k) < number]
    for start in range(0, len(stale), 500):
        server.unlink(*stale[start:start + 500])
    return NewRun(number, *left)


def shared_run(crawler: Crawler) -> int:
    """The run this worker works in: read (or run 1 started) once per crawl process, then the same for all."""
    if crawler not in _JOINED:
        from scrapy_redis.connection import get_redis_from_settings

        server = get_redis_from_settings(crawler.settings)
        worker = worker_id(crawler.settings)
        _JOINED[crawler] = join_run(server, CrawlKeys.of_crawler(crawler), by=f"worker {worker}")
    return _JOINED[crawler]


def _record(by: str) -> str:
    return json.dumps({"started_at": datetime.now(UTC).isoformat(), "started_by": by})


def _run_of(keys: CrawlKeys, key: bytes) -> int:
    """The run number in a key `PREFIX:run:N:…` (a key that is not one sorts after every run)."""
    number = key.decode(errors="replace")[len(keys.prefix) + len(":run:"):].split(":", 1)[0]
    return int(number) if number.isdigit() else 1 << 62
