"""A Scrapy extension for tests: the most requests the scheduler held at once, as a stat."""

from __future__ import annotations

from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler


class SchedulerProbe:
    """Record `len(scheduler)` after each scheduled request; the highest goes to `probe/max_scheduled`."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.most = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SchedulerProbe:
        """Connect to request_scheduled and spider_closed."""
        probe = cls(crawler)
        crawler.signals.connect(probe.scheduled, signal=signals.request_scheduled)
        crawler.signals.connect(probe.closed, signal=signals.spider_closed)
        return probe

    def scheduled(self, request: Any, spider: Any = None) -> None:
        """Note the scheduler's length now."""
        scheduler = self.crawler.engine.scheduler
        if scheduler is not None:
            self.most = max(self.most, len(scheduler))

    def closed(self, spider: Any = None, reason: str = "") -> None:
        """Publish the highest length seen."""
        self.crawler.stats.set_value("probe/max_scheduled", self.most)
