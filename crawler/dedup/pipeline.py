"""`DedupPipeline`: fills `dup_group` / `duplicate_of` on each Article, or drops copies.

Sits between cleaning and export. Settings: `DEDUP_POLICY` ("flag", the default, writes every
row and marks copies; "drop" writes only the first of each group and counts the rest as
`cleancrawl/dropped/near_duplicate`), `CLEANCRAWL_STATE_DIR` (the index persists in
`<state>/dedup/`, or under the crawl's keys with `redis://…`, so copies found in a later run point
at rows written today; when empty the index lives only for the run). Which index a crawl gets is
decided in `open_dedup_index` below.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from cleaners.article import Article
from crawler.dedup.index import DedupIndex
from crawler.incremental.backends import checked_state, is_redis_url, redis_client
from crawler.redis.keys import CrawlKeys
from crawler.redis.runs import is_shared, shared_run

logger = logging.getLogger(__name__)

POLICIES = ("flag", "drop")
DROP_REASON = "near_duplicate"


class DedupPipeline:
    """Scrapy item pipeline around `DedupIndex`; items that are not Articles pass through."""

    def __init__(self, directory: str | Path | None = None, policy: str = "flag", stats: Any = None,
                 open_index: Callable[[], Any] | None = None) -> None:
        """The index is `DedupIndex(directory)` (temporary when None), or what `open_index` returns."""
        if policy not in POLICIES:
            raise ValueError(f"DEDUP_POLICY must be one of {POLICIES}, got {policy!r}")
        self.directory = Path(directory) if directory else None
        self.policy = policy
        self.stats = stats
        self.open_index = open_index or (lambda: DedupIndex(self.directory))
        self.index: Any = None  # DedupIndex, or RedisDedupIndex in a shared crawl
        self._flusher: Any = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> DedupPipeline:
        """Build from the crawler's settings (see the module docstring)."""
        policy = (crawler.settings.get("DEDUP_POLICY") or "flag").strip().lower()
        pipeline = cls(policy=policy, stats=crawler.stats, open_index=lambda: open_dedup_index(crawler))
        crawler.signals.connect(pipeline.start_committing, signal=signals.spider_opened)
        return pipeline

    def open_spider(self) -> None:
        """Open (or create) the index."""
        self.index = self.open_index()

    def start_committing(self) -> None:
        """Commit the index every second from the reactor (like Scrapy's LogStats), also while no items come.

        A slow, polite crawl may go minutes between items; without this the open batch would hold
        SQLite's write lock all that time, and another crawl sharing the state directory would wait.
        """
        from twisted.internet import task  # here, not at import: only a running crawl has a reactor

        self._flusher = task.LoopingCall(self.commit)
        self._flusher.start(1.0, now=False)

    def close_spider(self) -> None:
        """Close the index."""
        if self._flusher is not None and self._flusher.running:
            self._flusher.stop()
        if self.index is not None:
            self.index.close()
            self.index = None

    def commit(self) -> None:
        """Make the texts seen so far durable and release the write lock."""
        if self.index is not None:
            self.index.commit()

    def process_item(self, item: Any) -> Any:
        """Mark the Article with its group; on policy drop, drop every copy after the first."""
        if not isinstance(item, Article) or not item.text:
            return item
        if self.index is None:
            self.open_spider()
        # the cleaning computed the sketch in its worker; an Article without one (too short, or made
        # elsewhere) lets the index decide, computing it when the text is not an exact copy
        known = {} if item.sketch is None else {"sketch": item.sketch}
        grouping = self.index.assign(item.url, item.text, item.content_hash, **known)
        item.dup_group, item.duplicate_of = grouping.dup_group, grouping.duplicate_of
        if grouping.duplicate_of is None:
            return item
        self._inc(f"cleancrawl/dedup/{grouping.match}")
        if self.policy == "drop":
            self._inc(f"cleancrawl/dropped/{DROP_REASON}")
            logger.info("near duplicate dropped: %s (%s copy of %s)", item.url, grouping.match, grouping.duplicate_of)
            raise DropItem(DROP_REASON)
        return item

    def _inc(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)


def open_dedup_index(crawler: Crawler) -> Any:
    """The crawl's near-duplicate index (`DedupIndex` or `RedisDedupIndex`, one interface)."""
    value = checked_state(crawler)
    if is_redis_url(value) or is_shared(crawler.settings):
        from crawler.dedup.redis_index import RedisDedupIndex

        keys = CrawlKeys.of_crawler(crawler)
        if is_redis_url(value):
            return RedisDedupIndex(redis_client(crawler.settings, value), keys.dedup)
        return RedisDedupIndex(redis_client(crawler.settings, crawler.settings.get("REDIS_URL")),
                               keys.of_run(shared_run(crawler)).dedup)
    return DedupIndex(Path(value) / "dedup" if value else None)
