"""Remove a short line that repeats the line right before it, as text dumps print captions and headlines twice.

A page's text dump runs together what the markup kept apart: a caption printed under the photo and again as
the figure's caption, a headline that is both a link and a heading, a menu item and its tooltip. Read as
text, the same line comes twice in a row. The second copy goes. Kept: the first copy, and a repeated
paragraph (longer than a caption): that repetition is the page's own, and the chrome classifier judges it
in its context.
"""

from __future__ import annotations

from cleaners.blocks import Block, match_key
from cleaners.draft import Draft
from cleaners.scripts import word_units

_MAX_WORDS = 40  # captions and headlines are shorter; a paragraph repeated is left to the classifier


def remove_doubled_lines(draft: Draft) -> None:
    """Drop a block of at most a caption's length that equals the block before it (kind `duplicate`).

    >>> from cleaners.blocks import Page
    >>> draft = Draft(page=Page(blocks=[Block("Boats moored in the harbour."), Block("Boats moored in the harbour."),
    ...                                 Block("The storm reached the coast on Tuesday.")]))
    >>> remove_doubled_lines(draft)
    >>> [b.text for b in draft.blocks], dict(draft.removed)
    (['Boats moored in the harbour.', 'The storm reached the coast on Tuesday.'], {'duplicate': 1})
    """
    previous = ""

    def doubled(_i: int, block: Block) -> str | None:
        nonlocal previous
        key, before = match_key(block.text), previous
        previous = key
        return "duplicate" if key == before and word_units(block.text) <= _MAX_WORDS else None

    draft.drop(doubled)
