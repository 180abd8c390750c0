"""`articles-redis`: the `articles` spider as one worker of a crawl shared through Redis.

Its start sources (URL list, job) are not crawled directly: they are pushed into the queue of the
crawl's current run (`crawler.redis.seeding.Seeder`, once per URL and run across all workers), and every worker,
this one included, pulls pages from there through `RedisFrontierScheduler`. Without a URL list or
job it is a pure worker.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any

from scrapy.http import Request

from crawler.items import ErrorItem
from crawler.redis.seeding import Seeder
from crawler.spiders.articles import ArticlesSpider

logger = logging.getLogger(__name__)


class RedisArticlesSpider(ArticlesSpider):
    """ArticlesSpider whose start requests go to the shared Redis queue; pages come back from it."""

    name = "articles-redis"

    async def start(self) -> AsyncIterator[Any]:
        """Seed the shared queue from the start sources (all of them, before any page is fetched)."""
        if not self.urls_file and getattr(self, "job", None) is None:
            return
        errors = await self.seed(Seeder.for_crawler(self.crawler, self))
        self.total_urls = 0  # other workers share the list: this worker's share is unknown
        for error in errors:
            yield error

    async def seed(self, seeder: Seeder) -> list[ErrorItem]:
        """Push every start request into the queue; the bad-line errors no other worker reported yet."""
        errors = []
        async for item in self.start_items():  # not start(): that waits for room in the (shared) scheduler
            if isinstance(item, Request):
                seeder.push(item)
            elif isinstance(item, ErrorItem) and seeder.first_report(item.url):
                errors.append(item)
        logger.info("seeded the shared queue: %d new URLs, %d seen before", seeder.pushed, seeder.seen)
        return errors
