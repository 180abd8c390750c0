"""Incremental re-runs over the `StateStore`: conditional requests, and only new or changed articles written.

`ConditionalRequestMiddleware` (downloader) sends If-None-Match / If-Modified-Since for pages whose
text is already in the dataset, turns a 304 into `NotModified` (nothing written), and skips a sitemap
URL whose `lastmod` is not newer than the written version. `IncrementalPipeline` (item) drops an
Article whose content hash equals the written one and gives a changed one `version` + 1 with its
`first_seen` kept. The store learns that a row is written only from the export pipeline's
`articles_committed` signal, sent after the Parquet part holding it was renamed into place. A run
killed between that rename and the state update would leave committed rows the store does not know;
so when the previous run did not finish, `reconcile` first reads this job's rows written since it
started back from the dataset and records them (a resumed run then writes them no second time).
A run that takes over from killed or signal-stopped runs (`StateStore.interrupted_since`) also skips,
without a request, every page those runs wrote (`WrittenBeforeInterruption`): only the pages in flight
at the interruption are fetched again, so restarting a big crawl repeats little work.

In a shared crawl the state lives in Redis (`--state redis://…`, crawler/incremental/backends.py) and
runs are the crawl's (`crawler.redis.runs`): a worker joins the current run, whose seen set already
keeps it from fetching again what the run did, so neither `reconcile` nor the resume skip applies.

Both switch off (NotConfigured) when `CLEANCRAWL_STATE_DIR` is empty. Only page requests (meta
`cleancrawl_page`) are conditional: sitemaps, feeds and index pages are always read in full, since
new links are found there.
"""

from __future__ import annotations

import logging
import weakref
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import Response

from cleaners import Article
from crawler.incremental.backends import open_state_store
from crawler.incremental.store import StateStore, UrlStateStore, Written
from crawler.redis.runs import is_shared, shared_run
from crawler.signals import articles_committed
from crawler.sources.jobs import job_label
from output import load

logger = logging.getLogger(__name__)

_STATES: weakref.WeakKeyDictionary[Crawler, IncrementalState] = weakref.WeakKeyDictionary()


class Unchanged(IgnoreRequest):
    """A page request that needs no download or no new row: the spider's errback ignores it quietly."""


class NotModified(Unchanged):
    """The server answered 304 to a conditional request."""


class WrittenBeforeInterruption(Unchanged):
    """Resuming: the page was written by the interrupted run(s) this run takes over."""


class UnchangedSinceLastmod(Unchanged):
    """The sitemap's lastmod is not newer than the version already written."""


@dataclass
class IncrementalState:
    """The open store of one crawl, plus what was fetched but is not yet durably written."""

    store: UrlStateStore
    validators: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    pending: dict[str, Written] = field(default_factory=dict)
    run_id: int | None = None
    resume_since: datetime | None = None  # set when resuming: pages written since then are not fetched again

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> IncrementalState:
        """The crawl's shared state (opened on first use); NotConfigured without CLEANCRAWL_STATE_DIR."""
        if crawler in _STATES:
            return _STATES[crawler]
        state = cls(open_state_store(crawler))
        if isinstance(state.store, StateStore):
            state._start_run(crawler)
        else:  # a shared crawl's state: the run is the crawl's, joined by this worker
            state.run_id = shared_run(crawler)
        _STATES[crawler] = state
        # spider_closed comes after the pipelines closed, so the last commit is recorded first
        crawler.signals.connect(state._closed, signal=signals.spider_closed, weak=False)
        logger.info("incremental state: %s (run %d)", state.store.path, state.run_id)
        return state

    def _start_run(self, crawler: Crawler) -> None:
        """A state folder's run: record interrupted runs' committed rows, decide what to skip, start the run."""
        job = job_label(crawler)
        last = self.store.last_run()
        out = crawler.settings.get("CLEANCRAWL_OUT_DIR")
        if last is not None and last[2] is None and out:  # the previous run was interrupted
            found = reconcile(self.store, out, job, since=last[1])
            logger.info("previous run was interrupted: %d committed rows recorded from %s", found, out)
        self.resume_since = self.store.interrupted_since()
        if self.resume_since is not None:
            logger.info("resuming the run started %s: pages written since then are skipped",
                        self.resume_since.isoformat())
        self.run_id = self.store.start_run()

    def _closed(self, spider: Any, reason: str) -> None:
        if self.pending:
            logger.info("%d fetched articles were not written; they are fetched again next run", len(self.pending))
        if self.run_id is not None and isinstance(self.store, StateStore):
            self.store.finish_run(self.run_id, reason)
        self.store.close()


class ConditionalRequestMiddleware:
    """Send validators of the written version; a 304 or an unchanged sitemap lastmod writes nothing."""

    def __init__(self, state: IncrementalState, stats: Any):
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ConditionalRequestMiddleware:
        """Share the crawl's IncrementalState; NotConfigured without a state folder."""
        return cls(IncrementalState.for_crawler(crawler), crawler.stats)

    def process_request(self, request: Request) -> None:
        """Add If-None-Match / If-Modified-Since, or skip a page the sitemap says is unchanged."""
        if not request.meta.get("cleancrawl_page") or request.meta.get("redirect_urls"):
            return None
        known = self.state.store.get(request.url)
        if known is None or not known.written:
            return None
        since = self.state.resume_since
        if since is not None and known.fetched_at is not None and known.fetched_at >= since:
            self.stats.inc_value("cleancrawl/incremental/resumed_skip")
            raise WrittenBeforeInterruption("written by the interrupted run this one resumes")
        lastmod = request.meta.get("lastmod")
        if lastmod is not None and known.fetched_at is not None and lastmod <= known.fetched_at:
            self.stats.inc_value("cleancrawl/incremental/skipped_by_lastmod")
            raise UnchangedSinceLastmod(f"sitemap lastmod {lastmod.isoformat()} is not newer than the written version")
        if known.etag:
            request.headers["If-None-Match"] = known.etag
        if known.last_modified:
            request.headers["If-Modified-Since"] = known.last_modified
        if known.etag or known.last_modified:
            request.meta["cleancrawl_conditional"] = True
            self.stats.inc_value("cleancrawl/incremental/conditional_requests")
        return None

    def process_response(self, request: Request, response: Response) -> Response:
        """Record the response; a 304 to our conditional request ends the page here."""
        if not request.meta.get("cleancrawl_page"):
            return response
        url = request.meta.get("redirect_urls", [request.url])[0]
        now = datetime.now(UTC)
        self.state.store.saw(url, response.status, now)
        if response.status == 304 and request.meta.get("cleancrawl_conditional"):
            self.state.store.confirm(url, now)
            self.stats.inc_value("cleancrawl/incremental/not_modified")
            raise NotModified(f"304 Not Modified: {url}")
        if 200 <= response.status < 300:
            self.state.validators[url] = (_header(response, b"ETag"), _header(response, b"Last-Modified"))
        return response


class IncrementalPipeline:
    """Drop Articles whose text is already written; number the versions of changed ones."""

    def __init__(self, state: IncrementalState, stats: Any):
        self.state = state
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> IncrementalPipeline:
        """Share the crawl's IncrementalState and listen for committed Parquet parts."""
        pipeline = cls(IncrementalState.for_crawler(crawler), crawler.stats)
        crawler.signals.connect(pipeline.committed, signal=articles_committed)
        return pipeline

    def process_item(self, item: Any) -> Any:
        """Articles: unchanged -> DropItem('unchanged'); new or changed -> version and first_seen set."""
        if not isinstance(item, Article):
            return item
        etag, last_modified = self.state.validators.pop(item.url, (None, None))
        known = self.state.store.get(item.url)
        fetched = item.fetched_at or datetime.now(UTC)
        if known is not None and known.written and known.content_hash == item.content_hash:
            self.state.store.confirm(item.url, fetched, etag, last_modified)
            self.stats.inc_value("cleancrawl/incremental/unchanged")
            raise DropItem("unchanged")
        written_before = known is not None and known.written
        item.version = known.version + 1 if written_before else 1
        item.first_seen = (known.first_seen if written_before and known.first_seen else None) or fetched
        self.stats.inc_value(f"cleancrawl/incremental/{'changed' if written_before else 'new'}")
        self.state.pending[item.url] = Written(item.url, item.content_hash or "", item.version, item.first_seen,
                                               fetched, etag, last_modified)
        return item

    def committed(self, urls: list[str]) -> None:
        """A part file with these URLs is in the dataset: record them as written."""
        rows = [self.state.pending.pop(u) for u in urls if u in self.state.pending]
        self.state.store.mark_written(rows)


def reconcile(store: StateStore, out_dir: str | Path, job: str, since: datetime) -> int:
    """Record as written the job's article rows fetched since `since` that the store lacks; returns how many."""
    if not (Path(out_dir) / "articles").is_dir():
        return 0
    import pyarrow.dataset as ds  # here: it loads pandas, which a crawl without a dataset never needs

    table = load(out_dir).to_table(
        columns=["url", "content_hash", "version", "first_seen", "fetched_at"],
        filter=(ds.field("job") == job) & (ds.field("fetched_at") >= since))
    missing = []
    for row in table.to_pylist():
        known = store.get(row["url"])
        if known is not None and known.written and known.version >= row["version"]:
            continue
        missing.append(Written(row["url"], row["content_hash"], row["version"],
                               row["first_seen"] or row["fetched_at"], row["fetched_at"]))
    missing.sort(key=lambda w: w.version)  # the newest version of a URL is recorded last
    return store.mark_written(missing)


def _header(response: Response, name: bytes) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None

def crawl_run(crawler: Crawler) -> int | None:
    """The run a crawl process writes in: its shared crawl's run, else its state folder's run; None without either."""
    if is_shared(crawler.settings):
        run = shared_run(crawler)
    elif crawler.settings.get("CLEANCRAWL_STATE_DIR"):
        run = IncrementalState.for_crawler(crawler).run_id
    else:
        return None
    crawler.stats.set_value("cleancrawl/run", run)
    return run
