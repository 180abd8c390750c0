"""The one place that calls trafilatura: HTML in, a `Page` of blocks and metadata out.

The page is parsed once; the same lxml tree feeds the metadata readers, trafilatura and the
second-opinion signals. Trafilatura runs in its fast mode (no readability/justext fallback), and
the full cascade runs only when the fast result looks doubtful (`_doubtful`). Every trafilatura
option is passed explicitly. `None` from trafilatura becomes the reason `no_main_text`.
"""

from __future__ import annotations

import logging

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from cleaners.blocks import Block, Page
from cleaners.jsonld import read_jsonld
from cleaners.metadata import read_metadata
from cleaners.nesting import flatten_deep_nesting, too_deep
from cleaners.parse import parse_html
from cleaners.refine import refine_page
from cleaners.split_body import restore_split_body
from cleaners.treeblocks import body_blocks, caption_texts, source_index

logger = logging.getLogger(__name__)

# the fast result is doubtful below this many characters of text
_SHORT_TEXT = 500
# one or two blocks longer than this are a whole-page dump, not an article
_WALL_TEXT = 3000


def extract_page(html: str, url: str | None = None) -> tuple[Page | None, str | None]:
    """(Page, None) for a page with main text, (None, reason) otherwise."""
    tree = parse_html(html)
    if tree is not None and too_deep(tree):  # the parser may have cut the page off: flatten and parse again
        tree = parse_html(flatten_deep_nesting(html))
    if tree is None:
        return None, "unparseable_html"
    jsonld = read_jsonld(tree)
    meta = read_metadata(tree, jsonld, url)
    body = _run_trafilatura(tree, url, fast=True)
    if _doubtful(body, jsonld.article_body):
        second = _run_trafilatura(tree, url, fast=False)
        body = second if second is not None else body
    if body is None:
        return None, "no_main_text"
    captions, alts = caption_texts(tree)
    source = source_index(tree)
    blocks = body_blocks(body, captions | alts, source)
    if not blocks:
        return None, "no_main_text"
    page = Page(blocks=blocks, title=meta.title, author=meta.author, published=meta.published,
                sitename=meta.sitename, description=meta.description, html_lang=meta.html_lang,
                image_alts=sorted(alts), outside=[meta.description] if meta.description else [])
    descriptions = tuple(d for d in (meta.description, jsonld.description) if d)
    page = refine_page(restore_split_body(page, tree, source), meta.headlines, descriptions)
    if not page.blocks:  # everything the extractor kept was headline, links or prompts
        return None, "no_main_text"
    return page, None


def _run_trafilatura(tree: HtmlElement, url: str | None, fast: bool) -> etree._Element | None:
    """Trafilatura's main-text body (its own XML) for the tree, or None; the tree is not changed.

    `output_format="txt"`: only the body is used, and in any format but "python" bare_extraction
    skips serialising it to text (the body is the same).
    """
    try:
        doc = trafilatura.bare_extraction(
            tree, url=url, fast=fast, favor_precision=False, favor_recall=False,
            include_comments=False, include_tables=True, include_images=False, include_links=False,
            include_formatting=False, deduplicate=False, with_metadata=False, output_format="txt",
        )
    except (ValueError, TypeError, etree.LxmlError) as exc:  # malformed input trafilatura cannot parse
        logger.debug("trafilatura failed on %s: %r", url, exc)
        return None
    if doc is None or doc.body is None:
        return None
    return doc.body


def _doubtful(body: etree._Element | None, article_body: str | None) -> bool:
    """The fast result is missing, short, a wall of text, or much shorter than the JSON-LD articleBody.

    A wall (one or two huge blocks) is what trafilatura's whole-page rescue returns when its main
    extractor found nothing: menus and archives flattened into one block. The full cascade
    (readability/justext comparison) usually finds the article there.
    """
    if body is None:
        return True
    length = len(" ".join(body.itertext()))
    if length < _SHORT_TEXT or (len(body) <= 2 and length > _WALL_TEXT):
        return True
    return bool(article_body) and length < 0.5 * len(article_body)


__all__ = ["Block", "extract_page", "parse_html"]
