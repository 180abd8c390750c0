"""`cleancrawl seed`: a URL list's or a job's start requests pushed into a shared crawl's run, once each."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any

from scrapy.http import Request
from scrapy.settings import Settings
from scrapy_redis.connection import get_redis_from_settings

from crawler.items import ErrorItem
from crawler.redis.frontier import redis_settings
from crawler.redis.keys import CrawlKeys
from crawler.redis.runs import NewRun, join_run, start_new_run
from crawler.redis.seeding import Seeder, reset_crawl
from crawler.redis.seen import open_seen_set
from crawler.sources.urls import BadLine, parse_url_lines
from crawler.spiders.redis_articles import RedisArticlesSpider

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Seeded:
    """What `seed_shared_crawl` did: the run seeded, a new run's details, URLs queued, seen before, bad lines."""

    run: int
    new_run: NewRun | None
    pushed: int
    seen: int
    bad: int


def seed_shared_crawl(url: str, name: str, lines: list[str] | None = None, job: Any = None,
                      reset: bool = False, new_run: bool = False,
                      overrides: dict[str, Any] | None = None) -> Seeded:
    """Push a URL list's good lines, or a job's start sources, into the shared crawl `name`.

    Into its current run (run 1 when it has none), or, with `new_run`, into a run started now.
    `overrides` are settings over the project's (`crawler/settings.py`), e.g. CLEANCRAWL_SEEN_SET.
    """
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
