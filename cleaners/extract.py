"""The one place that calls trafilatura: HTML in, a `Page` of blocks and metadata out.

The page is parsed once; the same lxml tree feeds the metadata readers, trafilatura and the
second-opinion signals. Trafilatura runs in its fast mode (no readability/justext fallback), and
the full cascade runs only when the fast result looks doubtful (`_doubtful`). Every trafilatura
option is passed explicitly. `None` from trafilatura becomes the reason `no_main_text`.

Trafilatura is called through its cascade (`trafilatura_sequence`) on our own tree rather than
through `bare_extraction`, which deep-copies a tree it is handed (a cost paid for nothing here). The cascade prunes that tree in place (comment sections, appended follow-up articles), so
everything read from the intact page is read first, and a doubtful page is parsed again for the
second run. `tests/cleaners/test_extract_sequence.py` holds the body equal to `bare_extraction`'s.
"""

from __future__ import annotations

import logging
import re

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.core import trafilatura_sequence  # internal API: trafilatura is pinned to 2.3.x
from trafilatura.settings import Extractor

from cleaners import trace
from cleaners.blocks import Block, Page
from cleaners.draft import Draft
from cleaners.figures import find_captions
from cleaners.furniture import remove_furniture
from cleaners.jsonld import read_jsonld
from cleaners.metadata import read_metadata
from cleaners.nesting import flatten_deep_nesting, too_deep
from cleaners.outside import (
    article_container,
    chrome_sample,
    mark_container,
    remove_outside_blocks,
    remove_outside_labels,
)
from cleaners.parse import parse_html
from cleaners.placecaptions import place_captions
from cleaners.prose_floor import prose_words, run_with_prose_floor
from cleaners.scripts import word_units
from cleaners.split_body import restore_split_body
from cleaners.treeblocks import body_blocks, image_alt_texts, norm_space, source_index, text_of

logger = logging.getLogger(__name__)

# the fast result is doubtful below this many characters of text
_SHORT_TEXT = 500
# one or two blocks longer than this are a whole-page dump, not an article
_WALL_TEXT = 3000
# characters; a skipped paragraph shorter than this is a label or a button, not article text
_PARAGRAPH = 100
# a teaser worth checking has this many words; its first characters find the text it was cut from
_TEASER_WORDS = 12
_PROBE = 60
_MAX_TEASERS = 3  # paragraphs checked per page: a teaser leads the fast result it spoiled
_ELLIPSIS = re.compile(r"…|\.\.\.")
# an element holding bare text lines: two line breaks and enough text to be an article
_BARE_TEXT = etree.XPath("//br[2]/..")
_BARE_TEXT_LENGTH = 500
_STARTS_WITH = etree.XPath("//text()[starts-with(normalize-space(.), $probe)]")


def extract_page(html: str, url: str | None = None) -> tuple[Page | None, str | None]:
    """(Page, None) for a page with main text, (None, reason) otherwise."""
    tree = _parse(html)
    if tree is None:
        return None, "unparseable_html"
    jsonld = read_jsonld(tree)
    meta = read_metadata(tree, jsonld, url)
    figures = find_captions(tree)
    alts = image_alt_texts(tree)
    source = source_index(tree)
    body = _run_trafilatura(tree, url, fast=True)  # prunes comment sections and appended articles from tree
    blocks = body_blocks(body, alts, source) if body is not None else []
    doubtful = (_doubtful(body, jsonld.article_body) or _left_out_beside(blocks, source)
                or _left_out_bare_text(blocks, tree) or _kept_a_teaser(blocks, tree))
    if doubtful:
        fresh = _parse(html)
        second = _run_trafilatura(fresh, url, fast=False) if fresh is not None else None
        if second is not None:
            blocks = body_blocks(second, alts, source)
    if (records := trace.records()) is not None:
        records.append(trace.StepTrace(stage="extract", step="trafilatura", prose_after=prose_words(blocks),
                                       note="full cascade (fast result doubtful)" if doubtful else "fast"))
    if not blocks:
        return None, "no_main_text"
    page = Page(blocks=blocks, title=meta.title, author=meta.author, published=meta.published,
                sitename=meta.sitename, description=meta.description, html_lang=meta.html_lang,
                image_alts=sorted(alts), outside=[meta.description] if meta.description else [])
    descriptions = tuple(d for d in (meta.description, jsonld.description) if d)
    page = remove_furniture(restore_split_body(page, tree, source), meta.headlines, descriptions)
    container = article_container(page.blocks, source)
    page = place_captions(page, figures, source, container)
    mark_container(page.blocks, source, container)
    _remove_outside(page)
    page.chrome_sample = chrome_sample(source, container)
    if not page.blocks:  # everything the extractor kept was headline, links or prompts
        return None, "no_main_text"
    return page, None


def _remove_outside(page: Page) -> None:
    """The outside-the-container steps under the prose floor, as the furniture steps run; counted on `page.removed`."""
    draft = Draft(page=page)
    steps = [("outside_labels", remove_outside_labels), ("outside_article", remove_outside_blocks)]
    run_with_prose_floor(draft, steps, "extract", page.prose)
    for kind, n in draft.removed.items():
        page.removed[kind] = page.removed.get(kind, 0) + n


def _parse(html: str) -> HtmlElement | None:
    """The page's tree; a page nested past the parser's depth limit is flattened and parsed again."""
    tree = parse_html(html)
    if tree is not None and too_deep(tree):  # the parser may have cut the page off
        tree = parse_html(flatten_deep_nesting(html))
    return tree


def _run_trafilatura(tree: HtmlElement, url: str | None, fast: bool) -> etree._Element | None:
    """Trafilatura's main-text body (its own XML) for the tree, or None, as `bare_extraction` gives it.

    The tree itself goes through the cascade, uncopied: it comes back with comment sections and
    appended follow-up articles pruned. Options as `bare_extraction(tree, url=url, fast=fast,
    include_comments=False, include_formatting=False, output_format="txt")` builds them.
    """
    options = Extractor(
        output_format="txt", fast=fast, precision=False, recall=False, comments=False, formatting=False,
        links=False, images=False, tables=True, dedup=False, lang=None, url=url, with_metadata=False,
    )
    try:
        body, text, _comments, _comment_text = trafilatura_sequence(tree, options, url)
    except (ValueError, TypeError, etree.LxmlError) as exc:  # malformed input trafilatura cannot handle
        logger.debug("trafilatura failed on %s: %r", url, exc)
        return None
    if body is None or len(text) < options.min_output_size:  # bare_extraction's size check (no comments)
        return None
    return body


def _left_out_beside(blocks: list[Block], source: dict[str, HtmlElement]) -> bool:
    """The fast result left out paragraphs beside the ones it kept, holding at least as much text.

    Without its second opinion, trafilatura's fast mode can stop after the first of a run of plain
    paragraphs (a page without article markup, repeated paragraphs): what it skipped then sits in
    the same parent element as what it kept. Hidden paragraphs (`hidden`, `display: none`) do not
    count: leaving them out is right.
    """
    kept = {el for b in blocks if (el := source.get(b.text)) is not None}
    parents = {el.getparent() for el in kept} - {None}
    skipped = 0
    for parent in parents:
        for child in parent.iterchildren("p"):
            if child not in kept and not _hidden(child):
                length = len(norm_space(text_of(child)))
                skipped += length if length >= _PARAGRAPH else 0
    return skipped > 0 and skipped >= sum(len(b.text) for b in blocks)


def _left_out_bare_text(blocks: list[Block], tree: HtmlElement) -> bool:
    """The fast result left out a longer text written as bare lines between line breaks.

    Some sites (mobile news pages, old forums) write the article as text directly in a `div`, its
    paragraphs separated by `<br>`. Trafilatura's fast mode can miss such a block and return the
    chrome around it; the full cascade finds it. Only elements with two line breaks are looked at
    (one XPath query), and each by its longest line.
    """
    kept = " ".join(b.text for b in blocks)
    left_out = 0
    for el in _BARE_TEXT(tree):
        lines = [norm_space(line) for line in (el.text, *(br.tail for br in el.iterchildren("br")))]
        length = sum(map(len, lines))
        longest = max(lines, key=len)
        if length >= _BARE_TEXT_LENGTH and len(longest) >= _PARAGRAPH and longest[:_PROBE] not in kept:
            left_out += length
    return left_out > len(kept)


def _kept_a_teaser(blocks: list[Block], tree: HtmlElement) -> bool:
    """A paragraph the fast result kept is the cut-off start of a longer text elsewhere on the page.

    A teaser box ("The promise of ... For example…") can outscore the article it summarises when
    the article is written as bare text with line breaks: the fast result is then the teaser and
    chrome around it, while the full text sits in another container. Only paragraphs cut at an
    ellipsis are checked, each by one query over the page's text nodes.
    """
    checked, kept = 0, ""
    for block in blocks:
        if block.tag != "p" or ("…" not in block.text and "..." not in block.text):
            continue
        # the teaser's own text ends at its ellipsis; a "Read the full story" link may follow it
        stem = _ELLIPSIS.split(block.text, maxsplit=1)[0].rstrip(". ")
        if word_units(stem) < _TEASER_WORDS:
            continue
        probe = stem[:_PROBE]
        kept = kept or " ".join(b.text for b in blocks)
        for node in _STARTS_WITH(tree, probe=probe):
            text = norm_space(node)  # the teaser's own text (or a part of it) is no longer text
            if (len(text) > len(stem) and text.startswith(stem) and not block.text.startswith(text)
                    and text not in kept):  # the full text kept too: the teaser is a box beside it
                return True
        checked += 1
        if checked == _MAX_TEASERS:
            break
    return False


def _hidden(el: HtmlElement) -> bool:
    """The element is hidden from the reader by its own attributes."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or "visibility:hidden" in style


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
