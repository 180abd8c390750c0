"""Read archived responses back as PageItems: our WARCs, Common Crawl WARC and WET files, streaming.

`read_archive(path)` yields one thing per record: a `PageItem` for an HTML (or plain-text) response or a WET
`conversion` record, a `Skipped(reason)` for every other record (request, metadata, non-HTML, redirects…),
or an `ErrorItem` when a record or the file itself cannot be read. Records are read one at a time and
bodies are bounded, so memory does not grow with the size of the file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.timeutils import iso_date_to_datetime

from cleaners import Article
from crawler.items import Dropped, ErrorItem, PageItem

# A record body larger than this is skipped as too_large (the crawl's DOWNLOAD_MAXSIZE: 20 MiB).
MAX_BODY = 20 * 1024 * 1024
# Marks a PageItem made from a WET conversion record: there was no HTTP exchange, so no status.
TEXT_RECORD = "wet_conversion"
# Extension field our archive (crawler/archive/writer.py) writes on a response reached through redirects: the URL asked for.
REQUESTED_URI = "Cleancrawl-Requested-URI"
# This module stays light (no Scrapy import): `clean_record` runs in spawned processes that import it. Nor does it
# import the cleaners at the top: the crawl's WARC middleware imports it, and a crawl process that cleans in a
# pool must not load them (memory).


@dataclass(frozen=True)
class Skipped:
    """A record that holds no page to clean, with why (counted by reason)."""

    reason: str
    url: str | None = None


Record = PageItem | Skipped | ErrorItem


def read_archive(stream: BinaryIO, name: str, max_body: int = MAX_BODY) -> Iterator[Record]:
    """Yield a PageItem, Skipped or ErrorItem per record of an open WARC or WET file (gzipped or not).

    `name` is what the rows' `warc_file` says (the file's path relative to the dataset root); each
    PageItem's meta also carries `warc_offset` and `warc_length`. A file that cannot be read on (not a
    WARC, truncated) ends with one ErrorItem(stage="input", reason="bad_archive") naming the byte offset.
    """
    # imported here, not at the top: the worker processes that import this module never need Scrapy
    from crawler.spiders.articles import KEPT_HEADERS

    iterator = ArchiveIterator(stream)
    offset = 0
    try:
        for record in iterator:
            if record.format != "warc":
                raise ArchiveError("not a WARC or WET file")
            try:
                item = _to_item(record, max_body, KEPT_HEADERS)
            except Exception as exc:  # noqa: BLE001 - one broken record becomes an error row, not a stop
                item = ErrorItem(url=_target(record) or name, stage="parse", reason="unreadable_record",
                                 exception_type=type(exc).__name__,
                                 message=f"{name}: record at byte {offset}: {exc}"[:1000])
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            if getattr(record.raw_stream, "limit", 0):  # warcio reads a cut-off record without complaint
                raise ArchiveError("the file ends inside this record (truncated)")
            if isinstance(item, PageItem):
                item.meta.update(warc_file=name, warc_offset=offset, warc_length=length)
            yield item
            offset = iterator.offset
        if iterator.offset < stream.seek(0, os.SEEK_END):
            raise ArchiveError("bytes after the last complete record (truncated?)")
    except Exception as exc:  # noqa: BLE001 - warcio raises several types for a broken or foreign file
        yield ErrorItem(url=name, stage="input", reason="bad_archive", exception_type=type(exc).__name__,
                        message=f"{name}: cannot read on at byte {offset}: {exc}"[:1000])


def clean_record(page: PageItem) -> Article | ErrorItem | Dropped:
    """`clean_page`, with a cleaner exception as an error row and no HTTP status for a WET text record."""
    from crawler.cleaning.page import clean_page

    try:
        result = clean_page(page)
    except Exception as exc:  # noqa: BLE001 - a cleaner bug must become an error row, not stop the run
        return ErrorItem(url=page.url, stage="clean", reason="clean_exception", http_status=page.status,
                         exception_type=type(exc).__name__, message=str(exc)[:1000], fetched_at=page.fetched_at)
    if page.meta.get(TEXT_RECORD) and not isinstance(result, Dropped):
        result.http_status = None  # a WET conversion record had no HTTP exchange of its own
    return result


class ArchiveError(ValueError):
    """The file is not a WARC/WET file, or is cut off."""


def _to_item(record: ArcWarcRecord, max_body: int, kept_headers: tuple[str, ...]) -> PageItem | Skipped:
    kind = record.rec_type
    url = _target(record)
    if kind == "conversion":
        return _text_page(record, url, max_body)
    if kind != "response":
        return Skipped(f"{kind}_record", url)
    head = record.http_headers
    if head is None or not url or not url.lower().startswith(("http:", "https:")):
        return Skipped("not_http", url)  # e.g. Common Crawl's dns: records
    status = int(head.get_statuscode())
    if 300 <= status < 400:
        return Skipped("redirect", url)
    if not 200 <= status < 300:
        return Skipped(f"http_{status}", url)
    headers = {name: value for name in kept_headers if (value := head.get_header(name)) is not None}
    media = headers.get("content-type", "").split(";")[0].strip().lower()
    from crawler.cleaning.page import HTML_TYPES

    if media not in HTML_TYPES:
        return Skipped("unsupported_content_type", url)
    body = _read_bounded(record, max_body)
    if body is None:
        return Skipped("too_large", url)
    return PageItem(url=record.rec_headers.get_header(REQUESTED_URI) or url, final_url=url, status=status,
                    headers=headers, body=body, fetched_at=_date(record))


def _text_page(record: ArcWarcRecord, url: str | None, max_body: int) -> PageItem | Skipped:
    """A WET conversion record: extracted text, one block per line, cleaned with clean_text."""
    if not url:
        return Skipped("no_target_uri")
    body = _read_bounded(record, max_body)
    if body is None:
        return Skipped("too_large", url)
    return PageItem(url=url, final_url=url, status=0, headers={"content-type": "text/plain; charset=utf-8"},
                    body=body, fetched_at=_date(record), meta={TEXT_RECORD: True})


def _read_bounded(record: ArcWarcRecord, max_body: int) -> bytes | None:
    """The decoded payload (de-chunked, decompressed), or None when it exceeds max_body."""
    stream = record.content_stream() if record.http_headers else record.raw_stream
    body = stream.read(max_body + 1)
    return None if len(body) > max_body else body


def _target(record: ArcWarcRecord) -> str | None:
    return record.rec_headers.get_header("WARC-Target-URI")


def _date(record: ArcWarcRecord) -> datetime:
    value = record.rec_headers.get_header("WARC-Date")
    if not value:
        return datetime.now(UTC)
    return iso_date_to_datetime(value).replace(tzinfo=UTC)
