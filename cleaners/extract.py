"""The one place that calls trafilatura: HTML in, a `Page` of blocks and metadata out.

Every trafilatura option is passed explicitly. `None` from trafilatura becomes the reason
`no_main_text` instead of an exception.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml import etree

from cleaners.blocks import Block, Page

logger = logging.getLogger(__name__)

_BLOCK_TAGS = {"p": "p", "head": "head", "item": "item", "cell": "cell", "quote": "quote", "code": "code"}


def extract_page(html: str, url: str | None = None) -> tuple[Page | None, str | None]:
    """(Page, None) for a page with main text, (None, reason) otherwise."""
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, fast=False, favor_precision=False, favor_recall=False,
            include_comments=False, include_tables=True, include_images=True, include_links=True,
            include_formatting=False, deduplicate=False, with_metadata=True, output_format="python",
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:  # malformed input trafilatura cannot parse
        logger.debug("trafilatura failed on %s: %r", url, exc)
        return None, "unparseable_html"
    if doc is None or doc.body is None:
        return None, "no_main_text"
    blocks = list(_blocks(doc.body))
    if not blocks:
        return None, "no_main_text"
    return Page(blocks=blocks, title=doc.title, author=doc.author, published=doc.date,
                sitename=doc.sitename, description=doc.description), None


def _blocks(body: etree._Element):
    """Blocks in document order from trafilatura's XML body."""
    image_before = False
    for el in body.iter(*_BLOCK_TAGS):
        if any(parent.tag in _BLOCK_TAGS for parent in el.iterancestors()):
            continue  # nested: counted with its parent
        text = " ".join("".join(el.itertext()).split())
        if el.find(".//graphic") is not None and not text:
            image_before = True
            continue
        if not text:
            continue
        linked = sum(len(" ".join("".join(r.itertext()).split())) for r in el.iter("ref"))
        yield Block(text=text, tag=_BLOCK_TAGS[el.tag], link_density=linked / len(text), near_image=image_before)
        image_before = False
