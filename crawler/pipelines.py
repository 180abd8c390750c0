"""Item pipelines: adapters between Scrapy and the cleaners (`CleanPagePipeline`) and the dataset (`ParquetExportPipeline`)."""

from __future__ import annotations

import functools
import logging
import os
import socket
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from cleaners import LANGUAGE_BACKENDS, PIPELINE_VERSION, Article
from crawler import signals as cc_signals
from crawler.clean_pool import CleanPool, CleanTimeout, NamedFunction, WorkerDied
from crawler.items import Dropped, ErrorItem, PageItem
from output import DatasetWriter

logger = logging.getLogger(__name__)

# The cleaning function, by name: the crawl process imports it only when it cleans inline (CLEAN_WORKERS=0);
# with a pool, only the workers load the cleaning libraries (issue 10, memory).
CLEAN_PAGE = "crawler.cleaning:clean_page"

# Rows per Parquet row group in a crawl: the writer holds one group of rows (and pyarrow its encoding
# buffers, which its allocator keeps) in the crawl process; 1,000 articles cost ~50 MB of RSS, 250 ~17 MB
# (issue 10, memory), and a group of 250 articles is still ~1 MB of text.
ROW_GROUP_ROWS = 250

# Scrapy signal sent just before an articles part file is committed; a receiver (the WARC archive) completes
# the files those rows point into, so a visible row never points at an unfinished file. A receiver error stops the commit.
articles_commit_pending = object()

# Sent with `urls=[...]` after a Parquet part of articles is renamed into place: those rows are durable
# (the incremental state store marks them written only then).
articles_committed = object()


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
        workers = s.getint("CLEAN_WORKERS", -1)
        if workers < 0:
            workers = os.cpu_count() or 1
        backend = s.get("CLEANCRAWL_LANGUAGE_BACKEND") or None
        if backend is not None and backend not in LANGUAGE_BACKENDS:
            raise ValueError(f"CLEANCRAWL_LANGUAGE_BACKEND {backend!r} is unknown; "
                             f"choose from {', '.join(LANGUAGE_BACKENDS)}")
        clean = NamedFunction(CLEAN_PAGE) if backend is None else NamedFunction(CLEAN_PAGE, language_backend=backend)
        return cls(crawler.stats, workers=workers, timeout=s.getfloat("CLEAN_TIMEOUT", 120.0),
                   max_pending=s.getint("CLEAN_MAX_PENDING", 0) or None, clean=clean)

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


class ParquetExportPipeline:
    """Write Articles to OUT/articles and ErrorItems to OUT/errors through output.DatasetWriter."""

    def __init__(self, stats: StatsCollector, out_dir: str, job: str | None, worker: str,
                 roll_rows: int, roll_seconds: float):
        self.stats = stats
        self.out_dir = Path(out_dir)
        self.job = job
        self.worker = worker
        self.roll_rows = roll_rows
        self.roll_seconds = roll_seconds
        self.writers: dict[str, DatasetWriter] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParquetExportPipeline:
        """Read CLEANCRAWL_OUT_DIR (required), CLEANCRAWL_JOB, CLEANCRAWL_WORKER and the roll-over limits."""
        s = crawler.settings
        out = s.get("CLEANCRAWL_OUT_DIR")
        if not out:
            raise NotConfigured("CLEANCRAWL_OUT_DIR is empty")
        pipeline = cls(crawler.stats, out, s.get("CLEANCRAWL_JOB") or None,
                       s.get("CLEANCRAWL_WORKER") or socket.gethostname(),
                       s.getint("CLEANCRAWL_ROLL_ROWS", 10_000), s.getfloat("CLEANCRAWL_ROLL_SECONDS", 60.0))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        """Open one writer per table."""
        spider = getattr(getattr(self, "crawler", None), "spider", None)
        self.job = self.job or getattr(spider, "job_name", None) or "crawl"
        for table in ("articles", "errors"):
            self.writers[table] = DatasetWriter(self.out_dir, table, job=self.job, worker=self.worker,
                                                max_rows=self.roll_rows, max_seconds=self.roll_seconds,
                                                row_group_rows=ROW_GROUP_ROWS,
                                                on_commit=functools.partial(self._rows_committed, table))
        self.writers["articles"].before_commit = self._articles_commit_pending

    def close_spider(self) -> None:
        """Commit and close both writers; record the files written in the stats."""
        for table, writer in self.writers.items():
            writer.close()
            self.stats.set_value(f"cleancrawl/files/{table}", len(writer.files_written))
            self.stats.set_value(f"cleancrawl/rows/{table}", writer.rows_written)

    def process_item(self, item: Any) -> Any:
        """Write one row; anything that is neither an Article nor an ErrorItem is refused loudly."""
        if isinstance(item, Article):
            item.job = self.job
            item.pipeline_version = PIPELINE_VERSION
            self.writers["articles"].write(item.to_dict())
            self.stats.inc_value("cleancrawl/articles_written")
        elif isinstance(item, ErrorItem):
            item.job = self.job
            item.pipeline_version = PIPELINE_VERSION
            self.writers["errors"].write(vars(item))
            self.stats.inc_value("cleancrawl/errors_written")
            self.stats.inc_value(f"cleancrawl/errors/{item.stage}/{item.reason}")
        else:
            raise DropItem(f"unexpected item type {type(item).__name__}")
        return item

    def _rows_committed(self, table: str, urls: list[str]) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is None:
            return
        if table == "articles":
            crawler.signals.send_catch_log(articles_committed, urls=urls)
        crawler.signals.send_catch_log(cc_signals.rows_committed, table=table, urls=urls)

    def flush(self) -> None:
        """Commit every open part file now (the Redis frontier does this when its worker is idle)."""
        for writer in self.writers.values():
            writer.flush()

    def roll_if_due(self) -> None:
        """Commit files that reached their time limit (called periodically by the progress extension)."""
        for writer in self.writers.values():
            writer.roll_if_due()

    def _articles_commit_pending(self) -> None:
        crawler = getattr(self, "crawler", None)
        if crawler is None:
            return
        for _receiver, result in crawler.signals.send_catch_log(signal=articles_commit_pending):
            if isinstance(result, Failure):
                result.raiseException()
