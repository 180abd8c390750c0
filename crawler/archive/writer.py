"""Archive every raw response into rolling gzipped WARC files under `OUT/warc/` (ISO 28500).

`WarcArchive` writes a request and a response record per exchange through warcio's `WARCWriter`, one gzip
member per record, into `OUT/warc/<job>-<worker>-<seq>.warc.gz`. Like a Parquet part, a file is written under
a hidden temporary name and renamed when it is closed: when it reaches `CLEANCRAWL_WARC_MAX_BYTES`, at the end
of the crawl, and just before every articles part file is committed. That last roll is the ordering rule:
the WARC file is renamed first, then the Parquet part whose rows point into it, so a visible row never
points at an unfinished file. A crawl killed midway leaves only temporary files that no committed row
points at; the next run with the same job and worker removes them.

`WarcArchiveMiddleware` sits next to the downloader (priority 950), so it sees each response before
HttpCompressionMiddleware decompresses it: the body is stored as received, still content-encoded. Scrapy
does not keep the raw header bytes: we record its parsed headers (names in Scrapy's Title-Case, repeated
headers kept, non-ASCII values %-encoded by warcio). Twisted's HTTP client removes chunked framing and
its `Transfer-Encoding` header; should one reach us it is stored as `X-Crawler-Transfer-Encoding`, as Common
Crawl does, so readers never try to de-chunk a body that is no longer chunked. The request record holds the headers Scrapy's middlewares set, plus the
`Host` header the HTTP client adds.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Request, Response
from scrapy.statscollectors import StatsCollector
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaners import PIPELINE_VERSION
from crawler.archive.reader import (
    REQUESTED_URI,  # the extension field naming the URL asked for (the row's `url`)
)
from crawler.export import worker_label
from crawler.signals import articles_commit_pending
from crawler.sources.jobs import job_label
from output.writer import fsync_dir, next_sequence, safe_name

logger = logging.getLogger(__name__)

# WARC/1.1 dates carry microseconds, so the record's WARC-Date can be the row's fetched_at exactly.
WARC_VERSION = "1.1"
# request.meta keys the middleware sets; the spider copies them onto the PageItem and clean_page onto the Article.
META_KEYS = ("warc_file", "warc_offset", "warc_length")
DATE_KEY = "warc_date"


@dataclass(frozen=True)
class WarcLocation:
    """Where a response record lies: its file (relative to the dataset root), byte offset and length."""

    file: str
    offset: int
    length: int


class WarcArchive:
    """Rolling gzipped WARC files under ROOT/warc/, each written under a temporary name and renamed when closed."""

    def __init__(self, root: str | Path, job: str = "job", worker: str = "w0", max_bytes: int = 1 << 30):
        if max_bytes < 1:
            raise ValueError("max_bytes must be >= 1")
        self.root = Path(root)
        self.dir = self.root / "warc"
        self.prefix = f"{safe_name(job)}-{safe_name(worker, 'w0')}-"
        self.job, self.worker, self.max_bytes = job, worker, max_bytes
        self.files_written: list[Path] = []
        self.records_written = 0
        self._fh: IO[bytes] | None = None
        self._writer: WARCWriter | None = None
        self._tmp: Path | None = None
        self._final: Path | None = None
        self._seq = self._next_seq()

    def write_exchange(self, url: str, request: StatusAndHeaders, response: StatusAndHeaders, body: bytes,
                       date: datetime, request_body: bytes = b"", requested_url: str | None = None) -> WarcLocation:
        """Append a response record and its request record; return where the response record lies."""
        writer, fh, final = self._open()
        warc_date = date.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        extra = {REQUESTED_URI: requested_url} if requested_url and requested_url != url else {}
        resp = writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                         http_headers=response,
                                         warc_headers_dict={"WARC-Date": warc_date, **extra})
        req = writer.create_warc_record(url, "request", payload=BytesIO(request_body), length=len(request_body),
                                        http_headers=request, warc_headers_dict={
                                            "WARC-Date": warc_date,
                                            "WARC-Concurrent-To": resp.rec_headers.get_header("WARC-Record-ID")})
        offset = fh.tell()
        writer.write_record(resp)
        length = fh.tell() - offset
        writer.write_record(req)
        self.records_written += 2
        location = WarcLocation(final.relative_to(self.root).as_posix(), offset, length)
        if fh.tell() >= self.max_bytes:
            self.roll()
        return location

    def roll(self) -> None:
        """Close the open file and rename it into place (no-op when none is open)."""
        if self._fh is None or self._tmp is None or self._final is None:
            return
        fh, self._fh, self._writer = self._fh, None, None
        fh.flush()
        os.fsync(fh.fileno())
        fh.close()
        os.replace(self._tmp, self._final)
        fsync_dir(self.dir)
        self.files_written.append(self._final)
        logger.info("wrote WARC file %s", self._final)

    def close(self) -> None:
        """Complete the open file; the archive can be written to again afterwards (a new file opens)."""
        self.roll()

    def _open(self) -> tuple[WARCWriter, IO[bytes], Path]:
        if self._writer is not None and self._fh is not None and self._final is not None:
            return self._writer, self._fh, self._final
        self.dir.mkdir(parents=True, exist_ok=True)
        name = f"{self.prefix}{self._seq:06d}.warc.gz"
        self._seq += 1
        self._final = self.dir / name
        self._tmp = self.dir / f".{name}.tmp"
        self._fh = open(self._tmp, "wb")  # noqa: SIM115 - stays open across calls, closed in roll()
        self._writer = WARCWriter(self._fh, gzip=True, warc_version=WARC_VERSION)
        info = self._writer.create_warcinfo_record(name, {
            "software": f"cleancrawl/{PIPELINE_VERSION} (warcio, Scrapy)",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.job,
            "hostname": self.worker,
        })
        self._writer.write_record(info)
        self.records_written += 1
        return self._writer, self._fh, self._final

    def _next_seq(self) -> int:
        return next_sequence(self.dir, "", self.prefix, ".warc.gz")


class WarcArchiveMiddleware:
    """Downloader middleware: archive each raw response with its request; its location goes in request.meta."""

    def __init__(self, stats: StatsCollector, out_dir: str, job: str | None, worker: str, max_bytes: int):
        self.stats = stats
        self.out_dir = out_dir
        self.job = job
        self.worker = worker
        self.max_bytes = max_bytes
        self.archive: WarcArchive | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchiveMiddleware:
        """On when CLEANCRAWL_WARC is true; reads CLEANCRAWL_OUT_DIR, _JOB, _WORKER and CLEANCRAWL_WARC_MAX_BYTES."""
        s = crawler.settings
        if not s.getbool("CLEANCRAWL_WARC"):
            raise NotConfigured("CLEANCRAWL_WARC is off")
        if not s.get("CLEANCRAWL_OUT_DIR"):
            raise NotConfigured("CLEANCRAWL_OUT_DIR is empty")
        mw = cls(crawler.stats, s.get("CLEANCRAWL_OUT_DIR"), s.get("CLEANCRAWL_JOB") or None,
                 worker_label(s), s.getint("CLEANCRAWL_WARC_MAX_BYTES"))
        mw.crawler = crawler
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(mw.roll, signal=articles_commit_pending)
        return mw

    def spider_opened(self, spider: Any) -> None:
        """Open the archive, named like the Parquet parts (job from the setting or the spider)."""
        crawler = getattr(self, "crawler", None)
        job = self.job or (job_label(crawler) if crawler is not None else getattr(spider, "job_name", None) or "crawl")
        self.archive = WarcArchive(self.out_dir, job=job, worker=self.worker, max_bytes=self.max_bytes)

    def spider_closed(self, spider: Any) -> None:
        """Complete the last file; count files and records in the stats."""
        if self.archive is None:
            return
        self.archive.close()
        self.stats.set_value("cleancrawl/warc/files", len(self.archive.files_written))
        self.stats.set_value("cleancrawl/warc/records", self.archive.records_written)

    def roll(self) -> None:
        """Complete the open file (sent before an articles part file is committed)."""
        if self.archive is not None:
            self.archive.roll()

    def process_response(self, request: Request, response: Response) -> Response:
        """Archive the exchange as received and record where its response record lies."""
        if self.archive is None:  # a response before spider_opened: archive under the configured job name
            self.archive = WarcArchive(self.out_dir, job=self.job or "crawl", worker=self.worker,
                                       max_bytes=self.max_bytes)
        now = datetime.now(UTC)
        requested = request.meta.get("redirect_urls", [request.url])[0]
        location = self.archive.write_exchange(
            response.url, request_head(request), response_head(response), response.body, now,
            request_body=request.body or b"", requested_url=requested)
        request.meta.update(warc_file=location.file, warc_offset=location.offset, warc_length=location.length,
                            **{DATE_KEY: now})
        self.stats.inc_value("cleancrawl/warc/responses")
        logger.debug("archived %s at %s:%d", response.url, location.file, location.offset)
        return response


def request_head(request: Request) -> StatusAndHeaders:
    """The request line and headers as Scrapy sends them (plus the Host header the HTTP client adds)."""
    parts = urlsplit(request.url)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    headers = _header_list(request.headers)
    if not any(name.lower() == "host" for name, _ in headers):
        headers.insert(0, ("Host", parts.netloc))
    return StatusAndHeaders(f"{request.method} {target} HTTP/1.1", headers, is_http_request=True)


def response_head(response: Response) -> StatusAndHeaders:
    """The status line and headers as received (Transfer-Encoding renamed: the body is no longer chunked)."""
    try:
        phrase = HTTPStatus(response.status).phrase
    except ValueError:
        phrase = ""
    headers = [("X-Crawler-Transfer-Encoding" if name.lower() == "transfer-encoding" else name, value)
               for name, value in _header_list(response.headers)]
    protocol = getattr(response, "protocol", None) or "HTTP/1.1"
    return StatusAndHeaders(f"{response.status} {phrase}".strip(), headers, protocol=protocol)


def _header_list(headers: Any) -> list[tuple[str, str]]:
    """Scrapy Headers (bytes name -> list of bytes values) as (name, value) pairs, repeated headers kept."""
    out = []
    for name, values in headers.items():
        key = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        for value in values if isinstance(values, list | tuple) else [values]:
            out.append((key, value.decode("latin-1") if isinstance(value, bytes) else str(value)))
    return out
