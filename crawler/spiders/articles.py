"""The `articles` spider: fetch a URL list or a job's sources and hand on the raw pages and the failures.

Arguments are strings so scrapyd can pass them: `-a urls=FILE` (one URL a line, `-` for stdin) and/or
`-a job=jobs/NAME.toml` (sitemaps, feeds, seed pages to crawl from; see `crawler.sources.jobs`). A job's
settings (politeness, output and state folders) are applied in `from_crawler` at spider priority,
so `-s NAME=VALUE` and CLI flags still win.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.fetch.failures import describe_failure
from crawler.incremental.conditional import Unchanged
from crawler.items import ErrorItem, PageItem
from crawler.sources.feeds import is_feed_type, read_feed
from crawler.sources.jobs import Job, crawl_name, load_job
from crawler.sources.links import Scope, clean_url
from crawler.sources.sitemaps import read_sitemap, robots_sitemaps, sitemap_body
from crawler.sources.urls import BadLine, parse_url_lines, read_url_file

logger = logging.getLogger(__name__)

# Response headers kept on the raw page record: what decoding, the record and re-runs need.
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language")
# Where the raw response was archived (crawler/archive/writer.py, with --warc): carried to the Article's warc_* columns.
ARCHIVE_KEYS = ("warc_file", "warc_offset", "warc_length")
HTML_TYPES = (b"text/html", b"application/xhtml+xml")


class ArticlesSpider(scrapy.Spider):
    """Fetch a URL list and/or a job's sources; yields PageItem and ErrorItem, nothing else."""

    name = "articles"

    def __init__(self, urls: str | None = None, job: str | Job | None = None, job_name: str | None = None,
                 **kwargs: Any):
        super().__init__(**kwargs)
        self.urls_file = urls
        self.job = load_job(job) if isinstance(job, str) else job
        self.job_name = crawl_name(job_name, self.job, urls)
        self.total_urls = 0
        self.pages_requested = 0
        self.scope = Scope(self.job.domains(), self.job.allow, self.job.deny) if self.job else Scope()
        self.max_pages = self.job.max_pages if self.job else 0  # 0: no limit (a URL list is what it is)
        self.max_depth = self.job.max_depth if self.job else 0
        self._counted: set[str] = set()  # distinct page URLs requested, kept only under a max_pages limit
        # publication dates a news sitemap or feed gave for a page URL: the page may already have been requested
        # through a link (its request then has no date, and the sitemap's is dropped as a duplicate)
        self._source_dates: dict[str, datetime] = {}
        self.start_backlog = 0  # start requests the scheduler may hold at once: CLEANCRAWL_START_BACKLOG (from_crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> ArticlesSpider:
        """Build the spider; a job file's settings go in below the command line's."""
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.start_backlog = crawler.settings.getint("CLEANCRAWL_START_BACKLOG")
        if spider.job is not None and not crawler.settings.frozen:
            for key, value in spider.job.scrapy_settings().items():
                crawler.settings.set(key, value, priority="spider")
        return spider

    async def start(self) -> AsyncIterator[Any]:
        """`start_items`, each request handed over only while the scheduler has room (`start_backlog`).

        Scrapy's engine reads start() as fast as it can and keeps every request in its scheduler (about a kilobyte
        each, and the freed memory stays with the process), so the crawl
        process would grow with the list's length (memory).
        """
        async for item in self.start_items():
            if isinstance(item, scrapy.Request):
                await self._scheduler_room()
            yield item

    async def _scheduler_room(self) -> None:
        """Wait while the scheduler holds `start_backlog` requests or more (and the engine runs)."""
        engine = getattr(getattr(self, "crawler", None), "engine", None)
        # engine.scheduler is public from Scrapy 2.19; before it, no waiting (every request at once, as Scrapy does)
        while (self.start_backlog and engine is not None and engine.running
               and (scheduler := getattr(engine, "scheduler", None)) is not None
               and len(scheduler) >= self.start_backlog):
            await asyncio.sleep(0.05)

    async def start_items(self) -> AsyncIterator[Any]:
        """Requests for every start source; an ErrorItem for each bad URL-list line."""
        if not self.urls_file and self.job is None:
            logger.error("nothing to crawl: use -a urls=FILE or -a job=jobs/NAME.toml")
            return
        files = ([self.urls_file] if self.urls_file else []) + list(self.job.url_files if self.job else ())
        for item in self._url_lists(files):
            yield item
        if self.job is None:
            return
        for url in self.job.urls:
            if request := self.page_request(url):
                yield request
        for url in self.job.sitemaps:
            yield self.source_request(url, self.parse_sitemap)
        for site in self.job.robots:
            yield self.source_request(urljoin(site, "/robots.txt"), self.parse_robots)
        for url in self.job.feeds:
            yield self.source_request(url, self.parse_feed)
        for url in self.job.seeds:
            if request := self.page_request(url, hops=0, follow=True):
                yield request

    def _url_lists(self, files: list[str]) -> Iterator[Any]:
        for path in files:
            try:
                lines = read_url_file(path)
            except (OSError, ValueError) as exc:
                logger.error("cannot read URL list %s: %s", path, exc)
                continue
            parsed = list(parse_url_lines(lines))
            self.total_urls += sum(1 for p in parsed if not isinstance(p, BadLine))
            for entry in parsed:
                if isinstance(entry, BadLine):
                    logger.warning("skipping line: %s", entry.message(path))
                    yield ErrorItem(url=entry.text[:2000], stage="input", reason=entry.reason,
                                    message=entry.message(path))
                    continue
                if request := self.page_request(entry[1]):
                    yield request

    # -- requests ---------------------------------------------------------------------------
    def page_request(self, url: str, **meta: Any) -> scrapy.Request | None:
        """The one place page requests are built (a shared frontier can take them over); None past max_pages.

        Its response becomes a PageItem, its failure an ErrorItem. Meta: `hops` (links followed from a
        seed), `follow` (extract links), `published` / `lastmod` (dates from a sitemap or feed).
        """
        url = clean_url(url)
        if self.max_pages:
            # count distinct pages: a link found on every page of a site is one page, not hundreds
            if url in self._counted:
                return None  # already requested (the dupefilter would drop it anyway)
            if self.pages_requested >= self.max_pages:
                self._inc("cleancrawl/scope/max_pages_reached")
                return None
            self._counted.add(url)
        self.pages_requested += 1
        meta["cleancrawl_page"] = True
        if self.job and self.job.languages:
            meta["languages"] = self.job.languages
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    def source_request(self, url: str, callback: Any) -> scrapy.Request:
        """A request for a sitemap, robots.txt or feed: read for links, never written as a page."""
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta={"cleancrawl_source": True})

    def _follow(self, url: str, **meta: Any) -> scrapy.Request | None:
        url = clean_url(url)
        reason = self.scope.reason_out(url)
        if reason:
            self._inc(f"cleancrawl/scope/{reason}")
            return None
        if meta.get("published") is not None:
            self._source_dates.setdefault(url, meta["published"])
        return self.page_request(url, **meta)

    # -- callbacks --------------------------------------------------------------------------
    def parse(self, response: Response, **kwargs: Any) -> Any:
        """Hand on the raw page; on a site crawl also follow its links, feeds and canonical URL."""
        meta = response.meta
        is_html = (response.headers.get("Content-Type") or b"").split(b";")[0].strip().lower() in HTML_TYPES
        if is_html and self.job is not None:
            canonical = self._canonical(response)
            if canonical and not self.scope.reason_out(canonical):
                # the page names its own true address: fetch that one (once; the dupefilter sees to it)
                self._inc("cleancrawl/dropped/not_canonical")
                logger.info("not canonical: %s names %s", response.url, canonical)
                if request := self.page_request(canonical, hops=meta.get("hops", 0),
                                                follow=meta.get("follow", False), via_canonical=True):
                    yield request
                return
            if self.job.discover_feeds:
                yield from self._feeds(response)
            if meta.get("follow"):
                yield from self._links(response)
        requested = meta.get("redirect_urls", [response.url])[0]
        published = meta.get("published") or self._source_dates.get(clean_url(requested))
        yield PageItem(
            url=requested,
            final_url=response.url,
            status=response.status,
            headers={h: response.headers.get(h).decode("latin-1") for h in KEPT_HEADERS
                     if response.headers.get(h) is not None},
            body=response.body,
            # the WARC record's date when the response was archived, so the row and its record agree
            fetched_at=meta.get("warc_date") or datetime.now(UTC),
            depth=meta.get("hops", meta.get("depth", 0)),
            meta={k: meta[k] for k in ARCHIVE_KEYS if meta.get(k) is not None}
            | {k: v for k, v in (("published", published), ("languages", meta.get("languages"))) if v is not None},
        )

    def _canonical(self, response: Response) -> str | None:
        """The page's `<link rel=canonical>` when it names another page of the same host, else None."""
        if response.meta.get("via_canonical"):
            return None
        href = response.xpath("//head/link[contains(concat(' ', normalize-space(@rel), ' '), ' canonical ')]"
                              "/@href").get()
        if not href:
            return None
        target = clean_url(response.urljoin(href.strip()))
        here = clean_url(response.url)
        same_host = urlsplit(target).netloc == urlsplit(here).netloc
        return target if same_host and target != here else None

    def _feeds(self, response: Response) -> Iterator[scrapy.Request]:
        """Feeds a page announces with `<link rel="alternate" type="application/rss+xml">` and the like."""
        for link in response.xpath("//link[@href and contains(@rel, 'alternate')]"):
            if is_feed_type(link.attrib.get("type")):
                url = response.urljoin(link.attrib["href"])
                if not self.scope.reason_out(url):
                    yield self.source_request(url, self.parse_feed)

    def _links(self, response: Response) -> Iterator[scrapy.Request]:
        hops = response.meta.get("hops", 0)
        if hops >= self.max_depth:
            return
        for href in response.xpath("//a[@href]/@href").getall():
            href = href.strip()
            if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
                continue
            if request := self._follow(response.urljoin(href), hops=hops + 1, follow=True):
                yield request

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """A sitemap index yields its child sitemaps; a urlset its pages (with lastmod and news dates)."""
        try:
            xml = sitemap_body(response.body, self.settings.getint("DOWNLOAD_MAXSIZE"))
        except ValueError as exc:
            yield ErrorItem(url=response.url, stage="parse", reason="bad_sitemap", http_status=response.status,
                            message=str(exc))
            return
        kind, entries = read_sitemap(xml)
        if not kind:
            yield ErrorItem(url=response.url, stage="parse", reason="bad_sitemap", http_status=response.status,
                            message="not a sitemap (no <urlset> or <sitemapindex> root)")
            return
        for entry in entries:
            if kind == "sitemapindex":
                yield self.source_request(response.urljoin(entry.url), self.parse_sitemap)
            elif request := self._follow(response.urljoin(entry.url), lastmod=entry.lastmod,
                                         published=entry.published):
                yield request

    def parse_robots(self, response: Response) -> Iterator[scrapy.Request]:
        """The sitemaps a robots.txt names."""
        for url in robots_sitemaps(response.body, response.url):
            yield self.source_request(url, self.parse_sitemap)

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """The pages an RSS or Atom feed lists."""
        entries = read_feed(response.body, response.url)
        if not entries:
            logger.warning("no feed entries in %s", response.url)
        for entry in entries:
            if request := self._follow(entry.url, published=entry.published):
                yield request

    def on_error(self, failure: Failure) -> Any:
        """Turn a failed request into an ErrorItem; a page skipped as unchanged is no failure."""
        if failure.check(Unchanged):
            return
        request = failure.request
        url = request.meta.get("redirect_urls", [request.url])[0]
        reason, status, message = describe_failure(failure)
        logger.warning("fetch failed for %s: %s (%s)", url, reason, message)
        yield ErrorItem(url=url, stage="fetch", reason=reason, http_status=status,
                        exception_type=type(failure.value).__name__, message=message)

    def _inc(self, key: str) -> None:
        stats = getattr(getattr(self, "crawler", None), "stats", None)
        if stats is not None:
            stats.inc_value(key)
