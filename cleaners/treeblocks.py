"""Turn trafilatura's XML body into `Block`s, keeping the HTML signals the cleaners use.

Trafilatura's body holds `p`, `head`, `list/item`, `table/row/cell`, `quote`, `code` and
`graphic` elements, with inline `hi`, `ref` and `lb`; text can also sit directly in the body or
in an element's tail. Every piece of that text ends up in exactly one block, so nothing the
extractor kept is lost on the way (a table row becomes one block, its cells joined by " | ").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from cleaners.blocks import Block

_SOURCE_TAGS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "a", "blockquote",
                "figcaption", "td", "th")
IMAGE_TAGS = ("img", "amp-img", "amp-anim")  # AMP pages write their pictures as <amp-img>
_MAX_SOURCE_TEXT = 2000  # longer texts are containers, not blocks
_HINT_DEPTH = 3
_HINT_WORD = re.compile(r"[a-z]+")
_SIMPLE = {"p": "p", "head": "head", "quote": "quote", "code": "code"}
# block-level children of a table cell that make its row a layout row
_BLOCKY = frozenset({"p", "head", "quote", "list", "table", "code"})
_LONG_CELL_WORDS = 80  # a cell this long is a page column (article text), not a data value
# elements inside a block that the page shows apart from their neighbours (a space between them)
_SPACED = frozenset({"lb", "p", "head", "list", "item", "quote", "code", "table", "row", "cell", "graphic"})


def norm_space(text: str | None) -> str:
    """Whitespace collapsed to single spaces and stripped.

    >>> norm_space("  a\\n b\\t ")
    'a b'
    """
    return " ".join(text.split()) if text else ""


def text_of(el: HtmlElement) -> str:
    """The element's text_content(), serialised by libxml2 directly (half the time of lxml's XPath string())."""
    if not len(el):  # no children (links, most paragraphs' parts): its own text is all of it
        return el.text or ""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


def image_alt_texts(tree: HtmlElement) -> set[str]:
    """The alt and title texts of the page's images, whitespace-normalised (a caption often repeats one)."""
    texts = {norm_space(el.get(attr)) for el in tree.iter(IMAGE_TAGS) for attr in ("alt", "title") if el.get(attr)}
    return {t for t in texts if len(t) > 1}


def source_index(tree: HtmlElement) -> dict[str, HtmlElement]:
    """Text of each paragraph-like element of the page -> the element (first one with that text).

    Trafilatura's body (without its link mode, which changes what it keeps) does not say which text
    was linked or where it sat, so a block's HTML signals are looked up in the original tree by text.
    """
    out: dict[str, HtmlElement] = {}
    for el in tree.iter(_SOURCE_TAGS):
        text = norm_space(text_of(el))
        if text and len(text) <= _MAX_SOURCE_TEXT and text not in out:
            out[text] = el
    return out


def _signals(el: HtmlElement, text: str) -> tuple[float, set[str], bool]:
    """(link density, class/id words around it, an image inside or beside it) of a source element."""
    linked = len(text) if el.tag == "a" else sum(len(norm_space(text_of(a))) for a in el.iter("a"))
    near = any(n is not None and next(n.iter(IMAGE_TAGS), None) is not None  # the node itself or an image inside
               for n in (el, el.getprevious(), el.getnext()))
    return min(1.0, linked / len(text)), _hints(el), near


def _hints(el: HtmlElement) -> set[str]:
    """Lower-case class/id words of the element and its nearest ancestors."""
    words: set[str] = set()
    for node in (el, *itertools.islice(el.iterancestors(), _HINT_DEPTH)):
        for attr in ("class", "id"):
            value = node.get(attr)
            if value:
                words.update(_HINT_WORD.findall(value.lower()))
    return words


def body_blocks(body: etree._Element, captions: set[str] | frozenset[str] = frozenset(),
                source: dict[str, HtmlElement] | None = None) -> list[Block]:
    """Blocks in document order from trafilatura's XML body; `captions` (texts) marks caption blocks.

    `source` (from `source_index`) gives link density and class hints for blocks found in it.
    """
    source = source or {}
    blocks: list[Block] = []
    image_before = False
    for piece in _pieces(body):
        if piece is None:
            image_before = True
            continue
        text, links, tag = piece
        origin = source.get(text)
        if origin is not None:
            density, hints, near = _signals(origin, text)
        else:
            density, hints, near = links / len(text), set(), False
        blocks.append(Block(text=text, tag=tag, link_density=density, near_image=image_before or near,
                            is_caption=text in captions, hints=hints))
        image_before = False
    if blocks and image_before:
        blocks[-1].near_image = True
    return blocks


def _pieces(container: etree._Element) -> Iterator[tuple[str, int, str] | None]:
    """(text, linked characters, tag) for each block in the container, in order; None where an image stands.

    Loose text and inline markup (hi, ref, lb, ...) between block elements form running paragraphs.
    """
    inline: list[etree._Element | str] = []

    def flush() -> Iterator[tuple[str, int, str]]:
        if inline:
            text = norm_space("".join(x if isinstance(x, str) else _text(x) for x in inline))
            links = sum(_linked(x) for x in inline if not isinstance(x, str))
            inline.clear()
            if text:
                yield text, links, "p"

    if container.text and container.text.strip():
        inline.append(container.text)
    for el in container:
        tag = el.tag
        if tag == "graphic" or (tag in _SIMPLE and not norm_space(_text(el)) and el.find(".//graphic") is not None):
            yield from flush()
            yield None
        elif tag in _SIMPLE or tag in ("list", "table"):
            yield from flush()
            yield from ((t, n, k) for t, n, k in _units(el) if t)
        else:
            inline.append(el)
        if el.tail and el.tail.strip():
            inline.append(el.tail)
    yield from flush()


def _units(el: etree._Element) -> Iterator[tuple[str, int, str]]:
    """(text, linked characters, tag) for one block-level element of the body.

    A table row is one block, its cells joined by " | ", unless the table lays out the page (see
    `_is_layout_table`): then each cell's paragraphs are blocks of their own, as in a page body.
    """
    if el.tag == "list":
        for item in el.iterchildren("item"):
            yield norm_space(_text(item)), _linked(item), "item"
        return
    if el.tag == "table":
        rows = [list(row.iterchildren("cell")) for row in el.iter("row")]
        if _is_layout_table(rows):
            for cell in (c for cells in rows for c in cells):
                yield from (p for p in _pieces(cell) if p is not None)
            return
        for cells in rows:
            texts = [norm_space(_text(c)) for c in cells]
            yield " | ".join(c for c in texts if c), sum(_linked(c) for c in cells), "row"
        return
    yield norm_space(_text(el)), _linked(el), _SIMPLE[el.tag]


def _is_layout_table(rows: list[list[etree._Element]]) -> bool:
    """A table of page columns or boxes, not of data.

    Table layouts put the navigation, the article and a sidebar side by side as cells of one row
    (a cell holds several paragraphs, or a long text), and frame each sidebar box in a table of
    one column; joined into rows, the article would mix with the chrome around it.
    """
    if all(sum(1 for c in cells if norm_space(_text(c))) <= 1 for cells in rows):
        return True
    for cell in (c for cells in rows for c in cells):
        if sum(1 for c in cell if c.tag in _BLOCKY) >= 2 or len(_text(cell).split()) >= _LONG_CELL_WORDS:
            return True
    return False


def _text(el: etree._Element) -> str:
    """All text inside the element (not its tail), with a space where a line break or a block boundary was.

    A list item can hold a heading and paragraphs of its own ("<item><head>WebIDE</head><p>Develop ..."):
    joined without a space, the heading's last word and the paragraph's first would become one.
    Inline markup (`hi`, `ref`) is joined as the page renders it.
    """
    parts = [el.text or ""]
    for child in el:
        space = " " if child.tag in _SPACED else ""
        parts.append(space)
        parts.append(_text(child))
        parts.append(space)
        parts.append(child.tail or "")
    return "".join(parts)


def _linked(el: etree._Element) -> int:
    """Characters of text inside links (`ref`) within the element."""
    return sum(len(norm_space(_text(r))) for r in el.iter("ref"))
