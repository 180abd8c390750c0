"""Where a crawl keeps what it knows across runs: the `--state` value (CLEANCRAWL_STATE_DIR), read in this one place.

- empty: nothing is kept; the near-duplicate index lasts one run (a temporary SQLite file, or for a
  shared crawl the run's keys in the shared Redis, so that every worker groups against the same texts);
- a folder: SQLite files in it, `<job>.state.sqlite` (`StateStore`) and `dedup/index.sqlite` (`DedupIndex`);
- `redis://HOST:PORT/DB` (or `rediss://`, `unix://`): the crawl's keys on that server
  (`RedisStateStore`, `RedisDedupIndex`), seen by every worker of a shared crawl.

A shared crawl (`--redis`) with a state folder would give each worker a state of its own, and a
Redis state outside a shared crawl would have no runs to belong to: both are refused (`state_problem`).
"""

from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.incremental.store import StateStore, UrlStateStore, state_path
from crawler.redis.keys import CrawlKeys
from crawler.redis.runs import is_shared
from crawler.sources.jobs import job_label

REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


def is_redis_url(value: str | None) -> bool:
    """True when a `--state` value names a Redis server rather than a folder."""
    return bool(value) and str(value).lower().startswith(REDIS_SCHEMES)


def state_problem(value: str | None, shared: bool) -> str | None:
    """Why this `--state` value cannot serve this crawl (one line), or None when it can."""
    if shared and value and not is_redis_url(value):
        return (f"--state {value} is a folder, and each worker of a shared crawl would keep its own: give "
                f"--state redis://HOST:PORT/DB (the --redis URL will do) so that all workers share one state")
    if not shared and is_redis_url(value):
        return ("--state redis://… keeps the state of a shared crawl: add --redis URL, or give a folder "
                "to keep the state of this one process")
    return None


def open_state_store(crawler: Crawler) -> UrlStateStore:
    """The crawl's per-URL state store; NotConfigured when CLEANCRAWL_STATE_DIR is empty."""
    value = checked_state(crawler)
    if not value:
        raise NotConfigured("CLEANCRAWL_STATE_DIR is empty: not incremental")
    if is_redis_url(value):
        from crawler.incremental.redis_store import RedisStateStore

        return RedisStateStore(redis_client(crawler.settings, value), CrawlKeys.of_crawler(crawler))
    return StateStore(state_path(value, job_label(crawler)))






def redis_client(settings: Any, url: str) -> Any:
    """A client of the Redis at `url`, with the connection parameters of the shared crawl (REDIS_PARAMS)."""
    from scrapy.settings import Settings
    from scrapy_redis.connection import get_redis_from_settings

    return get_redis_from_settings(Settings({"REDIS_URL": url, "REDIS_PARAMS": settings.getdict("REDIS_PARAMS")}))


def checked_state(crawler: Crawler) -> str:
    """The crawl's CLEANCRAWL_STATE_DIR ('' when unset); ValueError when it cannot serve this crawl."""
    value = crawler.settings.get("CLEANCRAWL_STATE_DIR") or ""
    problem = state_problem(value, is_shared(crawler.settings))
    if problem:
        raise ValueError(problem)
    return value
