"""Progress while crawling: a one-line bar on a terminal, periodic log lines otherwise."""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from twisted.internet import task

from cleaners import Article
from crawler.items import ErrorItem

logger = logging.getLogger(__name__)


class Progress:
    """Count pages done (articles + errors) against the list's length; also rolls part files on time."""

    def __init__(self, crawler: Crawler, interval: float, tty: bool):
        self.crawler = crawler
        self.interval = interval
        self.tty = tty
        self.articles = 0
        self.errors = 0
        self.dropped = 0
        self.started = time.monotonic()
        self._loop: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        """Hook the item signals; a bar on a TTY, a log line every CLEANCRAWL_PROGRESS_INTERVAL seconds otherwise."""
        ext = cls(crawler, crawler.settings.getfloat("CLEANCRAWL_PROGRESS_INTERVAL"), sys.stderr.isatty())
        crawler.signals.connect(ext.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(ext.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self, spider: Any) -> None:
        """Start the periodic tick."""
        self.started = time.monotonic()
        self._loop = task.LoopingCall(self.tick)
        self._loop.start(0.5 if self.tty else self.interval, now=False)

    def spider_closed(self, spider: Any) -> None:
        """Stop ticking and finish the bar's line."""
        if self._loop and self._loop.running:
            self._loop.stop()
        if self.tty:
            sys.stderr.write("\r" + self.line() + "\n")
            sys.stderr.flush()

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        """Count one finished page."""
        if isinstance(item, Article):
            self.articles += 1
        elif isinstance(item, ErrorItem):
            self.errors += 1

    def item_dropped(self, item: Any, response: Any = None, exception: Any = None, spider: Any = None) -> None:
        """Count one page that was fetched but is not an article."""
        self.dropped += 1

    def line(self) -> str:
        """`done/total  rate  errors` as one line."""
        done = self.articles + self.errors + self.dropped
        total = getattr(self.crawler.spider, "total_urls", 0) or 0
        rate = done / max(time.monotonic() - self.started, 1e-9)
        if total:
            width = 30
            filled = min(width, int(width * done / total))
            return (f"[{'#' * filled}{'.' * (width - filled)}] {done}/{total} pages  {rate:.1f}/s  "
                    f"{self.articles} articles  {self.errors} errors")
        return f"{done} pages  {rate:.1f}/s  {self.articles} articles  {self.errors} errors"

    def tick(self) -> None:
        """Draw the bar or log a line; commit part files whose time limit passed."""
        for pipe in _export_pipelines(self.crawler):
            pipe.roll_if_due()
        if self.tty:
            sys.stderr.write("\r" + self.line())
            sys.stderr.flush()
        else:
            logger.info("progress: %s", self.line())


def _export_pipelines(crawler: Crawler) -> list[Any]:
    from crawler.export import ParquetExportPipeline

    engine = getattr(crawler, "engine", None)
    itemproc = getattr(getattr(engine, "scraper", None), "itemproc", None)
    return [m for m in getattr(itemproc, "middlewares", ()) if isinstance(m, ParquetExportPipeline)]
