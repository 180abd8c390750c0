"""Put the page's own captions among the extracted blocks, where they stood, marked as captions.

`cleaners.figures` reads captions from the page; extraction may have dropped them (a `<figure>`),
kept them as paragraphs, or split one caption into its text and its credit. Here the captions
inside the article's container (the deepest element holding most of the extracted text), or
beside it in an element that adds little text of its own (a lead picture next to the body), replace
whatever part of them the extractor kept, as one caption block each, in document order; the
chain's caption step then moves them to `captions` and drops every other copy from the body.
A caption box outside the container is another story's or the sidebar's, and stays out; a
"caption" box that holds the container itself is the article, and is no caption.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from cleaners.blocks import Block, Page
from cleaners.figures import DomCaption, PageCaptions
from cleaners.outside import container_parts
from cleaners.treeblocks import text_of

_MAX_SHARE = 0.5  # a caption is less than this share of the extracted text
_SCOPE_GROWTH = 1.5  # an ancestor with more text than this times the container's is beyond the article


def place_captions(page: Page, found: PageCaptions, source: dict[str, HtmlElement],
                   container: HtmlElement | None) -> Page:
    """The page with its DOM captions among the blocks (tag `caption`), replacing any part kept of them.

    `container` is the article's container (`cleaners.outside.article_container`); None admits all.
    """
    if not found.captions or not page.blocks:
        return page
    origins = [source.get(b.text) for b in page.blocks]
    mass = sum(len(b.text) for b in page.blocks)
    # A "caption" as long as half the text is the article beside its picture, whatever the markup.
    scope = _figure_scope(container) if container is not None else []
    captions = [c for c in found.captions
                if (container is None or _belongs(c, container, scope)) and len(c.text) < _MAX_SHARE * mass]
    if not captions:
        return page
    kept: list[tuple[Block, HtmlElement | None]] = []
    for block, origin in zip(page.blocks, origins, strict=True):
        if origin is not None and any(_within(origin, c.box) for c in captions):
            continue  # a part of a caption the extractor kept: the whole caption takes its place
        kept.append((block, origin))
    added = [(found.order[c.box], Block(text=c.text, tag="caption", is_caption=True, near_image=True))
             for c in captions]
    page.blocks = _merge(kept, added, found.order)
    return page


def _belongs(caption: DomCaption, container: HtmlElement, scope: list[HtmlElement]) -> bool:
    """Inside the article's figure scope, and not a box around the article itself."""
    return any(caption.inside(el) for el in scope) and not _within(container, caption.box)


def _figure_scope(container: HtmlElement) -> list[HtmlElement]:
    """Where the article's figures sit: its container and the parts of a body split in sibling
    containers of the same kind, widened to the ancestors that add little text of their own.

    A lead picture often stands beside the text's container, not in it (`<article><figure/><div
    class="body">`, a CMS's picture element next to its text element); a layout's sidebar column
    beside the article adds much text, and the scope stops below it.
    """
    scope = container_parts(container)
    size = len(text_of(container).strip())
    top = container
    for parent in container.iterancestors():
        if parent.tag in ("html", "body") or len(text_of(parent).strip()) > _SCOPE_GROWTH * size:
            break
        top = parent
    if top is not container:
        scope.append(top)
    return scope


def _within(el: HtmlElement, box: HtmlElement) -> bool:
    """True when el is box or lies inside it."""
    return el is box or any(a is box for a in el.iterancestors())


def _merge(kept: list[tuple[Block, HtmlElement | None]], added: list[tuple[int, Block]],
           order: dict[HtmlElement, int]) -> list[Block]:
    """The kept blocks in their order, each added block before the first kept block that follows it."""
    added = sorted(added, key=lambda x: x[0])
    merged: list[Block] = []
    last, k = -1, 0
    for block, origin in kept:
        last = max(last, order.get(origin, -1) if origin is not None else -1)
        while k < len(added) and added[k][0] < last:
            merged.append(added[k][1])
            k += 1
        merged.append(block)
    merged.extend(b for _, b in added[k:])
    return merged
