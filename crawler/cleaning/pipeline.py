"""`CleanPagePipeline`: the Scrapy adapter of the cleaners: a PageItem in, an Article or an ErrorItem out."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem
from scrapy.statscollectors import StatsCollector

from cleaners import LANGUAGE_BACKENDS, Article
from crawler.cleaning.pool import CleanPool, CleanTimeout, NamedFunction, WorkerDied
from crawler.items import Dropped, ErrorItem, PageItem

logger = logging.getLogger(__name__)

# The cleaning function, by name: the crawl process imports it only when it cleans inline (CLEAN_WORKERS=0);
# with a pool, only the workers load the cleaning libraries (memory).
CLEAN_PAGE = "crawler.cleaning.page:clean_page"


class CleanPagePipeline:
    """Turn a PageItem into an Article (or an ErrorItem saying why not), in a process pool off the reactor."""

    def __init__(self, stats: StatsCollector, workers: int = 0, timeout: float = 120.0,
                 max_pending: int | None = None, clean: Callable[[PageItem], Any] | None = None):
        self.stats = stats
        self.workers = workers
        self.timeout = timeout
        self.max_pending = max_pending
        # a NamedFunction, or a top-level function (or a partial of one) that the pool pickles by reference
        self.clean = clean if clean is not None else NamedFunction(CLEAN_PAGE)
        self._pool: CleanPool | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CleanPagePipeline:
        """Read CLEAN_WORKERS (0: inline; -1: CPU count), CLEAN_TIMEOUT, CLEAN_MAX_PENDING, CLEANCRAWL_LANGUAGE_BACKEND."""
        s = crawler.settings
        workers = s.getint("CLEAN_WORKERS")
        if workers < 0:
            workers = os.cpu_count() or 1
        backend = s.get("CLEANCRAWL_LANGUAGE_BACKEND") or None
        if backend is not None and backend not in LANGUAGE_BACKENDS:
            raise ValueError(f"CLEANCRAWL_LANGUAGE_BACKEND {backend!r} is unknown; "
                             f"choose from {', '.join(LANGUAGE_BACKENDS)}")
        clean = NamedFunction(CLEAN_PAGE) if backend is None else NamedFunction(CLEAN_PAGE, language_backend=backend)
        return cls(crawler.stats, workers=workers, timeout=s.getfloat("CLEAN_TIMEOUT"),
                   max_pending=s.getint("CLEAN_MAX_PENDING") or None, clean=clean)

    def open_spider(self) -> None:
        """Start the worker processes."""
        if self.workers > 0:
            self._pool = CleanPool(self.workers, self.timeout, self.max_pending)

    def close_spider(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self.stats.set_value("cleancrawl/clean_pool/restarts", self._pool.restarts)
            self._pool.close()
            self._pool = None

    async def process_item(self, item: Any) -> Any:
        """Clean PageItems; pass every other item through."""
        if not isinstance(item, PageItem):
            return item
        result = await self._clean(item)
        if isinstance(result, Dropped):
            self.stats.inc_value(f"cleancrawl/dropped/{result.reason}")
            logger.info("not an article: %s (%s)", result.url, result.reason)
            raise DropItem(result.reason)
        if isinstance(result, Article):
            for kind, n in result.removed.items():
                self.stats.inc_value(f"cleancrawl/removed/{kind}", n)
        return result

    async def _clean(self, item: PageItem) -> Any:
        """The cleaner's result, or an ErrorItem when cleaning raised, timed out or killed its worker."""
        try:
            if self._pool is None:
                return self.clean(item)
            return await self._pool.run(self.clean, item)
        except CleanTimeout as exc:
            reason, exc_type, message = "clean_timeout", None, str(exc)
        except WorkerDied as exc:
            reason, exc_type, message = "clean_worker_died", None, str(exc)
        except Exception as exc:  # noqa: BLE001 - a cleaner bug must become an error row, not stop the crawl
            logger.exception("cleaning failed for %s", item.url)
            reason, exc_type, message = "clean_exception", type(exc).__name__, str(exc)[:1000]
        logger.warning("cleaning failed for %s: %s", item.url, reason)
        return ErrorItem(url=item.url, stage="clean", reason=reason, http_status=item.status,
                         exception_type=exc_type, message=message, fetched_at=item.fetched_at)
