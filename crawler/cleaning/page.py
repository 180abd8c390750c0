"""`clean_page`: PageItem in, Article or ErrorItem out — a top-level function so a process pool can run it."""

from __future__ import annotations

from cleaners import Article, clean_html, clean_text
from cleaners.decode import decode_html
from cleaners.pagekind import page_kind
from cleaners.verdict import check_language, verdict
from crawler.items import Dropped, ErrorItem, PageItem, domain_of

# Media types the cleaners can read; anything else (PDF, images, binaries) becomes an error row.
HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# Signatures of binary formats servers mislabel as text/html: PDF, PNG, GIF, JPEG, ZIP, gzip, WebP.
_MAGIC = (b"%PDF-", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"RIFF")
_CONTROL = bytes(range(0, 9)) + bytes(range(14, 32))


def looks_binary(body: bytes) -> bool:
    """True when a body labelled as text is a binary file: a known signature, or control bytes in its start.

    >>> looks_binary(b"%PDF-1.4 ..."), looks_binary("<p>Grüße</p>".encode()), looks_binary("<p>hi</p>".encode("utf-16"))
    (True, False, False)
    """
    head = body[:4096].lstrip()
    if head.startswith(_MAGIC):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text is full of NUL bytes
        return False
    controls = sum(head.count(c) for c in _CONTROL)
    return controls > max(1, len(head) // 100)


def clean_page(page: PageItem, language_backend: str | None = None) -> Article | ErrorItem | Dropped:
    """Clean one fetched page with the named language backend (None: langdetect); say why when no article."""
    media = page.headers.get("content-type", "").split(";")[0].strip().lower()
    if media not in HTML_TYPES:
        return ErrorItem(url=page.url, stage="parse", reason="unsupported_content_type",
                         http_status=page.status, message=f"content type {media!r} is not HTML",
                         fetched_at=page.fetched_at)
    if not page.body.strip():
        return ErrorItem(url=page.url, stage="parse", reason="empty_body", http_status=page.status,
                         message="the response body is empty", fetched_at=page.fetched_at)
    if looks_binary(page.body):
        return ErrorItem(url=page.url, stage="parse", reason="binary_body", http_status=page.status,
                         message=f"the body is binary data, not {media or 'text'}", fetched_at=page.fetched_at)
    if media == "text/plain":
        text, charset = decode_html(page.body, page.headers)
        article = clean_text(text, url=page.final_url, language_backend=language_backend)
        article.charset, article.content_type = charset, media
    else:
        article = clean_html(page.body, url=page.final_url, headers=page.headers,
                             language_backend=language_backend)
        # index, tag, search and login pages: the spider followed their links; they are not written
        keep, reason = page_kind(page.body, page.final_url, article.word_count)
        if not keep:
            return Dropped(url=page.url, reason=reason or "not_article")
    keep, reason = verdict(article)
    if keep and page.meta.get("languages"):  # a job's language filter
        keep, reason = check_language(article, page.meta["languages"])
    if not keep:
        return Dropped(url=page.url, reason=reason or "dropped")
    if article.published is None and page.meta.get("published"):  # date from a news sitemap or feed
        article.published = page.meta["published"]
    article.url = page.url
    article.final_url = page.final_url
    article.domain = domain_of(page.final_url)
    article.fetched_at = page.fetched_at
    article.http_status = page.status
    # provenance: where the raw response is archived (set by the WARC middleware or by reclean)
    article.warc_file = page.meta.get("warc_file")
    article.warc_offset = page.meta.get("warc_offset")
    article.warc_length = page.meta.get("warc_length")
    return article
