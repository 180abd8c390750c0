"""Remove the page's headline and standfirst from the start of the body; they are metadata, not text.

Trafilatura keeps the page's `<h1>` and the sub-headline under it ("dek", standfirst) as the
first blocks. The record carries the title in `title` and the summary in `description`, so a
leading block that repeats one of the page's own headlines (JSON-LD, og:title, `<title>`, `<h1>`)
is dropped, and so is a leading *heading* that repeats its description. A first paragraph that
the site reused as its meta description is body text and is kept: only headings are standfirsts.
"""

from __future__ import annotations

import re

from cleaners.blocks import Page

_WORD = re.compile(r"\w+")
_LEAD = 3  # only the first few blocks can be the page's headline or standfirst
_MIN_DESCRIPTION = 20  # characters; shorter descriptions are labels, not summaries


def remove_title_blocks(page: Page, headlines: tuple[str, ...] = ()) -> Page:
    """Drop the first leading block that repeats one of the page's headlines.

    >>> from cleaners.blocks import Block
    >>> p = Page([Block("Budget passes", tag="head"), Block("The budget passed on Monday.")])
    >>> [b.text for b in remove_title_blocks(p, ("Budget Passes",)).blocks]
    ['The budget passed on Monday.']
    """
    keys = {_key(h) for h in (*headlines, page.title or "")} - {""}
    for i, block in enumerate(page.blocks[:_LEAD]):
        if _key(block.text) in keys:
            del page.blocks[i]
            break
    return page


def remove_standfirst(page: Page, descriptions: tuple[str, ...] = ()) -> Page:
    """Drop a leading heading that repeats the page's description (or is cut from it, or it from it)."""
    keys = [k for k in (_key(d) for d in (*descriptions, page.description or "")) if len(k) >= _MIN_DESCRIPTION]
    for i, block in enumerate(page.blocks[:_LEAD]):
        if block.tag == "head" and any(_same_summary(_key(block.text), k) for k in keys):
            del page.blocks[i]
            break
    return page


def _same_summary(block: str, description: str) -> bool:
    """Equal, or one is a truncation of the other covering most of it."""
    if block == description:
        return True
    short, long_ = sorted((block, description), key=len)
    return bool(short) and long_.startswith(short) and len(short) > 0.6 * len(long_)


def _key(text: str) -> str:
    """Case- and punctuation-insensitive form used to compare a block with a headline."""
    return " ".join(_WORD.findall(text.casefold()))
