"""Seeding a shared crawl: the start requests of a URL list or a job file pushed into a run's queue, once each.

`cleancrawl seed` and every worker given a list or a job (`crawl URLS.txt --redis`, `crawl --job
--redis`) push through a `Seeder`: a URL already in the run's seen set is skipped, so seeding again is
harmless and a worker restarted in the middle of a run re-queues nothing the run has done. `seed
--new-run` first starts a new run (`crawler.redis.runs`), whose seen set is empty: every URL is queued
and visited again.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue

from crawler.items import ErrorItem
from crawler.redis.keys import CrawlKeys, RunKeys
from crawler.redis.runs import NewRun, join_run, shared_run, start_new_run
from crawler.redis.seen import SharedSeenSet, open_seen_set

logger = logging.getLogger(__name__)


class Seeder:
    """Push start requests into one run's queue once: URLs the run's seen set holds are skipped."""

    def __init__(self, server: Any, keys: RunKeys, spider: Any, seen: SharedSeenSet):
        self.server = server
        self.keys = keys
        self.queue = PriorityQueue(server, spider, keys.requests)
        self.seen_set = seen
        self.pushed = self.seen = 0

    @classmethod
    def for_crawler(cls, crawler: Crawler, spider: Any) -> Seeder:
        """The seeder of the run this worker works in (REDIS_URL, the crawl's name, CLEANCRAWL_SEEN_SET)."""
        keys = CrawlKeys.of_crawler(crawler).of_run(shared_run(crawler))
        server = get_redis_from_settings(crawler.settings)
        return cls(server, keys, spider, open_seen_set(server, keys, crawler.settings))

    def push(self, request: Request) -> bool:
        """Queue the request unless its URL was seen in this run; True when queued."""
        new = self.seen_set.add_and_queue(request, self.queue)
        self.pushed += bool(new)
        self.seen += not new
        return bool(new)

    def first_report(self, text: str) -> bool:
        """True the first time any worker reports this bad input line in this run (so it becomes one error row)."""
        return bool(self.server.sadd(self.keys.bad_lines, text))


@dataclass(frozen=True)
class Seeded:
    """What `seed_shared_crawl` did: the run seeded, a new run's details, URLs queued, seen before, bad lines."""

    run: int
    new_run: NewRun | None
    pushed: int
    seen: int
    bad: int


def reset_crawl(server: Any, keys: CrawlKeys) -> int:
    """Delete every key of the crawl: all runs' frontiers, the run counter, the shared state and index."""
    found = list(server.scan_iter(match=f"{keys.prefix}:*", count=1000))
    return sum(server.unlink(*found[i:i + 500]) for i in range(0, len(found), 500))


def seed_shared_crawl(url: str, name: str, lines: list[str] | None = None, job: Any = None,
                      reset: bool = False, new_run: bool = False,
                      overrides: dict[str, Any] | None = None) -> Seeded:
    """Push a URL list's good lines, or a job's start sources, into the shared crawl `name`.

    Into its current run (run 1 when it has none), or, with `new_run`, into a run started now.
    `overrides` are settings over the project's (`crawler/settings.py`), e.g. CLEANCRAWL_SEEN_SET.
    """
    from scrapy.settings import Settings

    from crawler.redis.frontier import redis_settings
    from crawler.sources.urls import BadLine, parse_url_lines
    from crawler.spiders.redis_articles import RedisArticlesSpider

    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.setdict({**redis_settings(url, name), **(overrides or {})}, priority="cmdline")
    server = get_redis_from_settings(settings)
    server.ping()
    keys = CrawlKeys.of(name)
    if reset:
        reset_crawl(server, keys)
    started = start_new_run(server, keys, by="seed --new-run") if new_run else None
    run = started.number if started else join_run(server, keys, by="seed")
    spider = RedisArticlesSpider(job=job, job_name=name)
    seeder = Seeder(server, keys.of_run(run), spider, open_seen_set(server, keys.of_run(run), settings))
    bad = 0
    for entry in parse_url_lines(lines or []):
        if isinstance(entry, BadLine):
            bad += 1
            logger.warning("skipping line: %s", entry.message("URL list"))
        elif (request := spider.page_request(entry[1])) is not None:
            seeder.push(request)
    if job is not None:
        for item in asyncio.run(_collect(spider.start_items())):
            if isinstance(item, Request):
                seeder.push(item)
            elif isinstance(item, ErrorItem):
                bad += 1
    return Seeded(run, started, seeder.pushed, seeder.seen, bad)


async def _collect(items: Any) -> list[Any]:
    return [item async for item in items]
