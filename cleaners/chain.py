"""The cleaning chain: `clean_html` and `clean_text` run the same steps over a page's blocks."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version

from cleaners.article import Article
from cleaners.blocks import Block, Page
from cleaners.decode import decode_html, header_value
from cleaners.extract import extract_page

try:
    PIPELINE_VERSION = version("cleancrawl")
except PackageNotFoundError:  # running from a source tree that is not installed
    PIPELINE_VERSION = "0+unknown"

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WORD = re.compile(r"\w+")


def clean_html(html: str | bytes, url: str | None = None, headers: Mapping | None = None) -> Article:
    """Extract and clean one HTML page (bytes are decoded per its charset)."""
    text, charset = decode_html(html, headers)
    page, reason = extract_page(text, url)
    article = Article(url=url or "", charset=charset, content_type=_media_type(headers))
    if page is None:
        article.removed = {reason: 1} if reason else {}
        return article
    return _finish(article, page)


def clean_text(text: str, url: str | None = None) -> Article:
    """Clean a plain-text dump of a page, one block per line (the first line is the title)."""
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    title = lines[0] if lines else None
    page = Page(blocks=[Block(text=line, tag="line") for line in lines[1:]], title=title)
    return _finish(Article(url=url or ""), page)


def _finish(article: Article, page: Page) -> Article:
    paragraphs = [b.text for b in page.blocks]
    article.text = "\n\n".join(paragraphs)
    article.title = page.title
    article.author = page.author
    article.sitename = page.sitename
    article.description = page.description
    article.html_lang = page.html_lang
    article.word_count = count_words(article.text)
    article.content_hash = content_hash(article.text)
    article.pipeline_version = PIPELINE_VERSION
    return article


def _media_type(headers: Mapping | None) -> str | None:
    value = header_value(headers, "content-type")
    return value.split(";")[0].strip().lower() if value else None


def count_words(text: str) -> int:
    """Words in text; each CJK character counts as one word."""
    cjk = len(_CJK.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text)))


def content_hash(text: str) -> str:
    """Hash of the normalised text (NFKC, case-folded, whitespace collapsed): equal bodies, equal hashes."""
    norm = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.blake2b(norm.encode("utf-8"), digest_size=16).hexdigest()
