"""The `articles` spider: fetch every URL of a list and hand on the raw pages and the failures."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy
from scrapy.http import Response
from twisted.python.failure import Failure

from crawler.failures import describe_failure
from crawler.items import ErrorItem, PageItem
from crawler.urls import BadLine, parse_url_lines, read_url_file

logger = logging.getLogger(__name__)

# Response headers kept on the raw page record: what decoding, the record and re-runs need.
KEPT_HEADERS = ("content-type", "etag", "last-modified", "content-language")
# Where the raw response was archived (crawler/warc.py, with --warc): carried to the Article's warc_* columns.
ARCHIVE_KEYS = ("warc_file", "warc_offset", "warc_length")


class ArticlesSpider(scrapy.Spider):
    """Fetch the URLs of a list (`-a urls=FILE`); yields PageItem and ErrorItem, nothing else."""

    name = "articles"

    def __init__(self, urls: str | None = None, job_name: str | None = None, **kwargs: Any):
        super().__init__(**kwargs)
        self.urls_file = urls
        self.job_name = job_name or (Path(urls).stem if urls and urls != "-" else "stdin")
        self.total_urls = 0

    async def start(self) -> AsyncIterator[Any]:
        """Requests for the good lines of the list; an ErrorItem for each bad line."""
        if not self.urls_file:
            logger.error("no URL list given: use -a urls=FILE")
            return
        try:
            lines = read_url_file(self.urls_file)
        except OSError as exc:
            logger.error("cannot read URL list %s: %s", self.urls_file, exc)
            return
        parsed = list(parse_url_lines(lines))
        self.total_urls = sum(1 for p in parsed if not isinstance(p, BadLine))
        for entry in parsed:
            if isinstance(entry, BadLine):
                logger.warning("skipping line: %s", entry.message(self.urls_file))
                yield ErrorItem(url=entry.text[:2000], stage="input", reason=entry.reason,
                                message=entry.message(self.urls_file))
                continue
            _lineno, url = entry
            yield self.page_request(url)

    def page_request(self, url: str, **meta: Any) -> scrapy.Request:
        """A request whose response becomes a PageItem and whose failure becomes an ErrorItem."""
        return scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta)

    def parse(self, response: Response, **kwargs: Any) -> Any:
        """Hand on the raw page."""
        yield PageItem(
            url=response.request.meta.get("redirect_urls", [response.url])[0],
            final_url=response.url,
            status=response.status,
            headers={h: response.headers.get(h).decode("latin-1") for h in KEPT_HEADERS
                     if response.headers.get(h) is not None},
            body=response.body,
            # the WARC record's date when the response was archived, so the row and its record agree
            fetched_at=response.meta.get("warc_date") or datetime.now(UTC),
            depth=response.meta.get("depth", 0),
            meta={k: response.meta[k] for k in ARCHIVE_KEYS if k in response.meta},
        )

    def on_error(self, failure: Failure) -> Any:
        """Turn a failed request into an ErrorItem with stage, reason and detail."""
        request = failure.request
        url = request.meta.get("redirect_urls", [request.url])[0]
        reason, status, message = describe_failure(failure)
        logger.warning("fetch failed for %s: %s (%s)", url, reason, message)
        yield ErrorItem(url=url, stage="fetch", reason=reason, http_status=status,
                        exception_type=type(failure.value).__name__, message=message)
