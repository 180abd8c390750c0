"""Restore article text that the extractor lost because the body was split into several containers.

Many sites cut the article body into sibling containers of the same kind (same tag and class)
with ads or embeds between them. Trafilatura picks one container and drops the others, so a
long article comes back as its first few paragraphs. When most of the extracted text sits in a
container whose exact tag and class repeat elsewhere on the page, the paragraphs of the other
copies are added back in document order. Only paragraph-like elements with little link text
are taken, so a repeated card layout (related links) adds nothing.
"""

from __future__ import annotations

import re
from collections import Counter

from lxml.html import HtmlElement

from cleaners.blocks import Block, Page
from cleaners.treeblocks import norm_space, text_of

# grid and layout class words: a container known only by these is every box on the page
_LAYOUT = re.compile(r"^(?:row|col|column|columns|container|clearfix|wrapper|wrap|inner|outer|grid|cell|box|block|"
                     r"left|right|main|section|(?:col|row|grid|span|offset|flex|pull|push)[-_].*)$")
_PARAGRAPHS = ("p", "h2", "h3", "h4", "blockquote")
_MAX_CONTAINERS = 30  # more copies than this is a listing page, not a split article
_DOMINANT = 0.5  # share of the extracted text the container kind must hold
_MIN_TEXT = 25  # characters; shorter elements are labels and buttons
_MAX_LINK_DENSITY = 0.3
# a container is added back only if it holds prose: this many paragraphs of this mean length
_MIN_PARAGRAPHS = 2
_MIN_MEAN_LENGTH = 100


def restore_split_body(page: Page, tree: HtmlElement, source: dict[str, HtmlElement]) -> Page:
    """Add the paragraphs of sibling body containers the extractor skipped, in document order."""
    origins = [(b, source.get(b.text)) for b in page.blocks]
    kinds: Counter[tuple[str, str]] = Counter()
    for block, el in origins:
        parent = el.getparent() if el is not None else None
        if parent is not None and parent.get("class"):
            kinds[(parent.tag, parent.get("class"))] += len(block.text)
    if not kinds:
        return page
    (tag, cls), chars = kinds.most_common(1)[0]
    if chars < _DOMINANT * sum(len(b.text) for b in page.blocks) or _layout_only(cls):
        return page
    containers = [c for c in tree.iter(tag) if c.get("class") == cls]
    if not 1 < len(containers) <= _MAX_CONTAINERS:
        return page
    used = {el.getparent() for _, el in origins if el is not None}
    missing = [c for c in containers if c not in used]
    if not missing:
        return page
    order = {el: i for i, el in enumerate(tree.iter())}
    have = {b.text for b in page.blocks}
    added: list[tuple[int, Block]] = []
    for container in missing:
        found = [(el, b) for el in container.iter(_PARAGRAPHS) if (b := _paragraph(el)) is not None]
        found = [(el, b) for el, b in found if b.text not in have]
        if not _prose(b for _, b in found):
            continue  # a card, a notice or a footer that happens to share the class
        for el, block in found:
            have.add(block.text)
            added.append((order[el], block))
    if not added:
        return page
    page.blocks = _merge(origins, sorted(added, key=lambda x: x[0]), order)
    return page


def _merge(origins: list[tuple[Block, HtmlElement | None]], added: list[tuple[int, Block]],
           order: dict[HtmlElement, int]) -> list[Block]:
    """The extracted blocks in their order, with each added block before the first one that follows it."""
    merged: list[Block] = []
    last, k = -1, 0
    for block, el in origins:
        last = max(last, order.get(el, -1) if el is not None else -1)
        while k < len(added) and added[k][0] < last:
            merged.append(added[k][1])
            k += 1
        merged.append(block)
    merged.extend(b for _, b in added[k:])
    return merged


def _layout_only(cls: str) -> bool:
    """A class made only of grid/layout words ("row", "col-7", "clearfix") says nothing about content.

    >>> _layout_only("row"), _layout_only("col-md-8 clearfix"), _layout_only("article__body grid--item")
    (True, True, False)
    """
    return all(_LAYOUT.match(token) for token in cls.split())


def _prose(blocks) -> bool:
    """Article-like text: a few paragraphs of sentence length, not one-line teasers or notices."""
    lengths = [len(b.text) for b in blocks if b.tag == "p"]
    return len(lengths) >= _MIN_PARAGRAPHS and sum(lengths) / len(lengths) >= _MIN_MEAN_LENGTH


def _paragraph(el: HtmlElement) -> Block | None:
    """A body block for a paragraph-like element, or None for labels and link lists."""
    if any(a.tag in _PARAGRAPHS for a in el.iterancestors()):
        return None  # counted with its enclosing paragraph or quote
    text = norm_space(text_of(el))
    if len(text) < _MIN_TEXT:
        return None
    linked = sum(len(norm_space(text_of(a))) for a in el.iter("a"))
    if linked / len(text) > _MAX_LINK_DENSITY:
        return None
    return Block(text=text, tag="head" if el.tag in ("h2", "h3", "h4") else "p", link_density=linked / len(text))
