"""Seeding a shared crawl: start requests pushed into a run's queue, once each.

`cleancrawl seed` (`crawler.cli.seed`) and every worker given a list or a job (`crawl URLS.txt --redis`,
`crawl --job --redis`) push through a `Seeder`: a URL already in the run's seen set is skipped, so seeding again is
harmless and a worker restarted in the middle of a run re-queues nothing the run has done. `seed
--new-run` first starts a new run (`crawler.redis.runs`), whose seen set is empty: every URL is queued
and visited again.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy.crawler import Crawler
from scrapy.http import Request
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.queue import PriorityQueue

from crawler.redis.keys import CrawlKeys, RunKeys
from crawler.redis.runs import shared_run
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


def reset_crawl(server: Any, keys: CrawlKeys) -> int:
    """Delete every key of the crawl: all runs' frontiers, the run counter, the shared state and index."""
    found = list(server.scan_iter(match=f"{keys.prefix}:*", count=1000))
    return sum(server.unlink(*found[i:i + 500]) for i in range(0, len(found), 500))
