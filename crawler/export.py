"""`ParquetExportPipeline`: the Scrapy adapter of the dataset: Articles and ErrorItems written through `output`."""

from __future__ import annotations

import functools
import socket
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.statscollectors import StatsCollector
from twisted.python.failure import Failure

from cleaners import PIPELINE_VERSION, Article
from crawler import signals as cc_signals
from crawler.items import ErrorItem
from crawler.sources.jobs import job_label
from output import DatasetWriter

# Rows per Parquet row group in a crawl: the writer holds one group of rows (and pyarrow its encoding
# buffers, which its allocator keeps) in the crawl process, so a smaller group keeps its memory
# low (benchmarks/README.md), and a group of 250 articles is still about a megabyte of text.
ROW_GROUP_ROWS = 250




def worker_label(settings: Any) -> str:
    """This process's label in part-file names: CLEANCRAWL_WORKER, else the host name."""
    return settings.get("CLEANCRAWL_WORKER") or socket.gethostname()


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
        self.run: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ParquetExportPipeline:
        """Read CLEANCRAWL_OUT_DIR (required), CLEANCRAWL_JOB, CLEANCRAWL_WORKER and the roll-over limits."""
        s = crawler.settings
        out = s.get("CLEANCRAWL_OUT_DIR")
        if not out:
            raise NotConfigured("CLEANCRAWL_OUT_DIR is empty")
        pipeline = cls(crawler.stats, out, s.get("CLEANCRAWL_JOB") or None, worker_label(s),
                       s.getint("CLEANCRAWL_ROLL_ROWS"), s.getfloat("CLEANCRAWL_ROLL_SECONDS"))
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        """Open one writer per table."""
        crawler = getattr(self, "crawler", None)
        self.job = self.job or (job_label(crawler) if crawler is not None else "crawl")
        if crawler is not None:
            from crawler.incremental.conditional import crawl_run

            self.run = crawl_run(crawler)
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
            item.job, item.run = self.job, self.run
            item.pipeline_version = PIPELINE_VERSION
            self.writers["articles"].write(item.to_dict())
            self.stats.inc_value("cleancrawl/articles_written")
        elif isinstance(item, ErrorItem):
            item.job, item.run = self.job, self.run
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
            crawler.signals.send_catch_log(cc_signals.articles_committed, urls=urls)
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
        for _receiver, result in crawler.signals.send_catch_log(signal=cc_signals.articles_commit_pending):
            if isinstance(result, Failure):
                result.raiseException()
