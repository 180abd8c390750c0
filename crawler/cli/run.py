"""Run the `articles` spider in this process and return its stats (used by the CLI and the demo)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings
from scrapy.utils.project import get_project_settings

from crawler.cleaning.pool import return_freed_memory
from crawler.spiders.articles import ArticlesSpider


@dataclass
class CrawlResult:
    """What a finished crawl reports: Scrapy's stats (ours included) and where the data went."""

    stats: dict[str, Any]
    out_dir: Path
    stop_signal: int | None = None  # the shutdown signal (SIGTERM, SIGINT) the crawl received, if any

    @property
    def stopped_by(self) -> int | None:
        """The signal that cut the crawl short, or None when the crawl ended by itself.

        Cut short means what the state store resumes: finish reason "shutdown" (Scrapy's graceful stop) or none
        (a second signal forced the stop). A signal that arrived once the spider had closed by itself ("finished",
        a CLOSESPIDER limit) stopped nothing.
        """
        if self.stop_signal is None or self.stats.get("finish_reason") not in (None, "shutdown"):
            return None
        return self.stop_signal

    def count(self, key: str) -> int:
        """An integer stat, 0 when absent."""
        return int(self.stats.get(key, 0) or 0)

    def by_prefix(self, prefix: str) -> dict[str, int]:
        """Stats under a prefix, keyed by the rest of the name."""
        return {k[len(prefix):]: int(v) for k, v in self.stats.items() if k.startswith(prefix)}

    def files(self) -> list[Path]:
        """Every committed part file of the dataset."""
        return sorted(self.out_dir.glob("*/crawl_date=*/part-*.parquet"))


class _SignalRecordingProcess(CrawlerProcess):
    """A CrawlerProcess that remembers the first shutdown signal, so the CLI can exit with 128 + its number."""

    stop_signal: int | None = None

    def _signal_shutdown(self, signum: int, frame: Any) -> None:
        # Scrapy's (private) handler of the first SIGTERM/SIGINT, a graceful stop; a second signal forces the
        # stop. If a Scrapy upgrade renamed it, the exit codes in tests/crawler/test_resume.py would fail.
        self.stop_signal = signum
        super()._signal_shutdown(signum, frame)


def build_settings(out_dir: str | Path, overrides: Mapping[str, Any] | None = None) -> Settings:
    """The project settings with the output folder and any per-run overrides applied."""
    settings = get_project_settings()
    if settings.get("BOT_NAME") != "cleancrawl":  # run outside the project folder: load ours explicitly
        settings.setmodule("crawler.settings", priority="project")
    settings.set("CLEANCRAWL_OUT_DIR", str(out_dir), priority="cmdline")
    for key, value in (overrides or {}).items():
        settings.set(key, value, priority="cmdline")
    return settings


def run_crawl(urls_file: str | None, out_dir: str | Path, job: str | None = None,
              overrides: Mapping[str, Any] | None = None, job_file: str | None = None,
              spider_cls: type[ArticlesSpider] | None = None) -> CrawlResult:
    """Crawl a URL list and/or a job file's sources into a dataset folder; blocks until the crawl ends."""
    return_freed_memory()  # the crawl's page backlog would otherwise stay in the heap at its peak
    settings = build_settings(out_dir, overrides)
    process = _SignalRecordingProcess(settings)
    crawler = process.create_crawler(spider_cls or ArticlesSpider)
    process.crawl(crawler, urls=urls_file, job=job_file, job_name=job)
    process.start()
    logging.getLogger(__name__).debug("crawl finished")
    return CrawlResult(stats=dict(crawler.stats.get_stats()), out_dir=Path(out_dir), stop_signal=process.stop_signal)
