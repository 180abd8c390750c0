"""Remove short blocks that sit outside the article's container: the columns and boxes around it.

Trafilatura keeps a table layout's other cells (the sidebar's boxes, the navigation row, the
footer row) and sometimes a neighbouring box, because the page gives them no container of their
own it could drop. The article's container is the deepest element holding most of the extracted
text; a block found outside it (by its element, or by its text when the extractor merged or split
elements) is chrome when it is short: a box heading, a glued link list, a one-line notice, a
footer. Kept: prose of paragraph length anywhere (a lead paragraph in a box of its own), the
parts of a body split over sibling containers of the same kind, captions, and everything when the
container is the whole page or unknown.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from cleaners.blocks import Block, match_key
from cleaners.draft import Draft
from cleaners.prose_floor import is_prose
from cleaners.scripts import ends_sentence, word_units
from cleaners.treeblocks import text_of

_MAIN_SHARE = 0.6  # the article's container holds this share of the text whose element is known
_KNOWN_SHARE = 0.5  # and that text is at least this share of all extracted text
_PARAGRAPH_UNITS = 25  # words (a CJK character is one): prose this long is kept wherever it sits
_PAGE_LEVEL = frozenset({"html", "body"})
_SAMPLE_CHARS = 400


def article_container(blocks: list[Block], source: dict[str, HtmlElement]) -> HtmlElement | None:
    """The deepest element around paragraphs holding most of the text whose element is known.

    None when too little of the text has a known element.
    """
    mass: dict[HtmlElement, int] = {}
    known = total = 0
    heaviest, heaviest_size = None, -1
    for block in blocks:
        total += len(block.text)
        origin = source.get(block.text)
        if origin is None:
            continue
        known += len(block.text)
        for el in origin.iterancestors():  # a container holds paragraphs: a paragraph is none
            mass[el] = mass.get(el, 0) + len(block.text)
        if len(block.text) > heaviest_size:
            heaviest, heaviest_size = origin, len(block.text)
    if heaviest is None or known < _KNOWN_SHARE * total:
        return None
    for el in heaviest.iterancestors():
        if mass.get(el, 0) >= _MAIN_SHARE * known:
            return el
    return None


def mark_container(blocks: list[Block], source: dict[str, HtmlElement], container: HtmlElement | None) -> None:
    """Set each block's `in_container`: found inside the article's container (by its element, or by its
    text when the extractor merged or split elements); left None when the container is unknown."""
    if container is None or container.tag in _PAGE_LEVEL:
        return
    parts = container_parts(container)
    inside_text: str | None = None  # the container's text, read only for a block without an element
    for block in blocks:
        if block.is_caption:  # placed among the blocks because it lies inside
            block.in_container = True
            continue
        origin = source.get(block.text)
        if origin is not None:
            block.in_container = any(origin is p or any(a is p for a in origin.iterancestors()) for p in parts)
            continue
        if inside_text is None:
            inside_text = "".join(_squeezed(text_of(p)) for p in parts)
        block.in_container = _squeezed(block.text) in inside_text


def remove_outside_blocks(draft: Draft) -> None:
    """Drop short blocks outside the article's container (kind `outside_article`; see `mark_container`)."""
    draft.drop(lambda _i, b: "outside_article" if b.in_container is False and not _is_paragraph(b) else None)


def remove_outside_labels(draft: Draft) -> None:
    """Drop the blocks of `remove_outside_blocks` that are no prose: headings, link rows, footers, labels.

    Run first, on its own: when the prose floor (cleaners.prose_floor) undoes the removal of the
    short sentences outside the container (on a page whose article has no sentence prose, those are
    all the prose there is), the labels still go.
    """
    draft.drop(lambda _i, b: "outside_article" if b.in_container is False and not is_prose(b) else None)


def chrome_sample(source: dict[str, HtmlElement], container: HtmlElement | None, limit: int = _SAMPLE_CHARS) -> str:
    """The page's link texts outside the article's container, in page order, up to `limit` characters.

    Menus, box headings and footers are links in the template's language, whatever the article's:
    this is what the chain reads to tell that language (`cleaners.foreignchrome`).
    """
    parts = container_parts(container) if container is not None and container.tag not in _PAGE_LEVEL else []
    texts: list[str] = []
    size = 0
    for text, el in source.items():
        if not _is_link(el) or any(el is p or any(a is p for a in el.iterancestors()) for p in parts):
            continue
        texts.append(text)
        size += len(text) + 1
        if size >= limit:
            break
    return " ".join(texts)[:limit]


def _is_link(el: HtmlElement) -> bool:
    """A link, or a list item that is one link (the index keeps the item, the first element with the text)."""
    if el.tag == "a":
        return True
    return el.tag == "li" and len(el) == 1 and el[0].tag == "a" and not (el.text or "").strip()


def container_parts(container: HtmlElement) -> list[HtmlElement]:
    """The container and its siblings of the same kind (tag and class): a body split in parts."""
    parent, cls = container.getparent(), container.get("class")
    if parent is None or not cls:
        return [container]
    return [el for el in parent if el is container or (el.tag == container.tag and el.get("class") == cls)]


def _squeezed(text: str) -> str:
    """Text as compared with the container's: case-folded, without whitespace or pipes.

    The extractor puts a space where a line break was (the page's text has none there), and a
    table row's block joins its cells with " | ".
    """
    return "".join(match_key(text).replace("|", " ").split())


def _is_paragraph(block: Block) -> bool:
    return word_units(block.text) >= _PARAGRAPH_UNITS and ends_sentence(block.text)
