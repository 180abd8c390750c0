"""`Block`: one paragraph-sized unit of a page, the thing every cleaner step looks at.

HTML mode fills the HTML signals (tag, link density, images); plain-text mode leaves them at
their "unknown" values, so a step must work without them and may use them when present.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache


@dataclass
class Block:
    """A paragraph, heading, list item, table cell, quote or caption, with its HTML signals."""

    text: str
    # p, head, item, cell, quote, code, caption; "line" for a plain-text line
    tag: str = "p"
    # share of the text inside links; None when unknown (plain text)
    link_density: float | None = None
    # an image sits directly before or after this block
    near_image: bool = False
    # the block came from a <figcaption> or equals an image's alt text
    is_caption: bool = False
    # free-form HTML hints (class/id words of the container), lower case
    hints: set[str] = field(default_factory=set)
    # the block lies inside the article's container (cleaners.outside); None when unknown (plain text)
    in_container: bool | None = None


@dataclass
class Page:
    """What extraction hands the cleaners: the body blocks plus page-level metadata."""

    blocks: list[Block]
    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    description: str | None = None
    html_lang: str | None = None
    image_alts: list[str] = field(default_factory=list)
    # text blocks seen outside the extracted body (teaser/summary lines, meta description)
    outside: list[str] = field(default_factory=list)
    # the page's link texts outside the article (menus, boxes, footer): the template's language
    chrome_sample: str = ""
    # blocks dropped by the extraction-level steps (cleaners.furniture), counted by kind
    removed: dict[str, int] = field(default_factory=dict)
    # words of prose the extractor found, before any step removed a block (cleaners.prose_floor);
    # None when the page did not come from extraction (plain text): then the blocks as handed over
    prose: int | None = None


@lru_cache(maxsize=4096)
def match_key(text: str) -> str:
    """Text as blocks are compared: case-folded, whitespace collapsed (cached: several steps ask for each block).

    >>> match_key("  Seoul,   May  14 ")
    'seoul, may 14'
    """
    return " ".join(text.casefold().split())
