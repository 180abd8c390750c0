"""Remove link lists, promotion containers and reader prompts that the extractor kept in the body.

Trafilatura judges containers; what slips through is block-sized: a "Related:" headline that
is one big link, a newsletter box inside the article element, "Tell us what you think...". These
steps look at one block at a time with the HTML signals `extract_page` attached to it (link
density and the class/id words around it), so plain-text input (no signals) passes unchanged.
"""

from __future__ import annotations

import re

from cleaners.blocks import Block, Page
from cleaners.prose_floor import is_prose

# a block is a link list entry when this share of its text is inside links
_LINK_DENSITY = 0.75
_LINKABLE = {"p", "item", "head"}
# a bare URL is a source reference written out, usually body text: it is linked because it is a URL
_URL = re.compile(r"^(?:https?://|www\.)\S+$")
# class/id words of containers that hold promotions or site chrome, never article text
_PROMO_WORDS = frozenset({"newsletter", "promo", "footer", "menu", "trending"})
# reader prompts and teaser labels, in several languages. Ambiguous words ("More", "Related",
# "Also") count only as a label (followed by ":", "...", "!" or nothing), so "More than 2,500
# people ..." stays.
_PROMPT = re.compile(
    r"^\W*(?:"
    r"(?:read more|see more|see also|also read|read also|related|more|also on [\w.]+|also|see more photos"
    r"|leggi anche|leia (?:mais|também)|veja (?:também|mais)|lesen sie (?:auch|mehr)|mehr zum thema"
    r"|lire aussi|à lire aussi|leer más|lee también|читайте также|смотрите также)\s*(?:[:.…!]|$|\[)"
    r"|(?:read more|see more|also on [\w.]+)\b|don'?t miss\b|you may also like\b|like this story\b"
    r"|tell us what you think\b|(?:click|tap) here to (?:subscribe|sign up|get|download the)\b"
    r"|(?:sign up|subscribe)\b.{0,60}\bnewsletter|get .{0,60}\bby clicking here|write to .{0,60} at \S+@\S+"
    r"|相关阅读|延伸阅读|相关文章|相關文章|関連記事|관련기사)",
    re.IGNORECASE,
)
_PROMPT_MAX = 250  # characters; a longer block is a paragraph that happens to start like a prompt


def remove_link_blocks(page: Page) -> Page:
    """Drop paragraphs, list items and headings that are mostly link text ("Related: ..." lists).

    A written-out URL is kept: it is the source reference itself, not a link to another story.
    So is a linked heading between the article's paragraphs: a section heading that links to
    itself (an anchor) or names the product the section reviews, not a list of other stories.
    """
    prose = [i for i, b in enumerate(page.blocks) if is_prose(b)]
    first, last = (prose[0], prose[-1]) if prose else (0, -1)
    page.blocks = [b for i, b in enumerate(page.blocks)
                   if not _is_link_block(b) or (b.tag == "head" and first < i < last)]
    return page


def remove_promo_blocks(page: Page) -> Page:
    """Drop blocks that sit in a newsletter, promotion, menu or footer container."""
    page.blocks = [b for b in page.blocks if not (b.hints & _PROMO_WORDS)]
    return page


def remove_prompt_lines(page: Page) -> Page:
    """Drop short reader prompts and teaser labels ("Read more:", "You may also like", "Leggi anche").

    >>> p = Page([Block("More than 2,500 people came."), Block("More:"), Block("You may also like...")])
    >>> [b.text for b in remove_prompt_lines(p).blocks]
    ['More than 2,500 people came.']
    """
    page.blocks = [b for b in page.blocks if not (len(b.text) < _PROMPT_MAX and _PROMPT.match(b.text))]
    return page


def _is_link_block(block: Block) -> bool:
    return (block.link_density is not None and block.link_density >= _LINK_DENSITY
            and block.tag in _LINKABLE and not _URL.match(block.text))
