"""Where the article's prose is: the heaviest run of paragraph-like blocks on the page.

A page's chrome can outweigh its article in blocks, in bytes, even in its longest single block (a
related list glued into one line); what it does not have is a run of paragraphs. So the article
is found as the run of prose blocks (sentences or long texts, not links) carrying the most words,
allowing a few short blocks inside it (subheadings, list items, a caption). Steps that must
judge the page by its article, not by its template, ask this module (the main language does).
"""

from __future__ import annotations

from cleaners import prose_floor
from cleaners.blocks import Block
from cleaners.scripts import word_units

LONG_UNITS = 25  # a block this long is prose even when it does not end like a sentence
_LINK_DENSE = 0.5
_MAX_GAP = 3  # short blocks a run of prose may hold before it ends


def is_prose(block: Block) -> bool:
    """Running text (`cleaners.prose_floor.is_prose`), or a long text not made of links that ends
    without a full stop (some sites punctuate no line)."""
    if prose_floor.is_prose(block):
        return True
    return (block.tag not in ("code", "head", "caption") and (block.link_density or 0) < _LINK_DENSE
            and word_units(block.text) >= LONG_UNITS)


def article_run(blocks: list[Block]) -> list[int]:
    """Indices of the prose blocks in the heaviest run of prose (when none is prose, every block's inside
    the article's container, or every block's).

    >>> menu = [Block("Home"), Block("Sport"), Block("Es war ein langer Sommer in der Stadt, sagte der Bürgermeister.")]
    >>> text = [Block("The council met on Monday and voted for the new budget after a long debate."),
    ...         Block("Officials said the money would go to schools, roads and the new hospital.")]
    >>> article_run([*menu, Block("x"), Block("y"), Block("z"), Block("w"), *text])
    [7, 8]
    """
    # Blocks known to lie outside the article's container (cleaners.outside) are no part of it.
    prose = [is_prose(b) and b.in_container is not False for b in blocks]
    best, best_mass = (0, 0), 0
    start, mass, gap = 0, 0, 0
    for i, block in enumerate(blocks):
        if not prose[i]:
            gap += 1
            if gap > _MAX_GAP:
                mass = 0
            continue
        if mass == 0:
            start = i
        mass += word_units(block.text)
        gap = 0
        if mass > best_mass:
            best, best_mass = (start, i + 1), mass
    if not best_mass:  # no prose (a calendar, a list): the blocks inside the container, or all
        inside = [i for i, b in enumerate(blocks) if b.in_container is not False]
        return inside or list(range(len(blocks)))
    return [i for i in range(*best) if prose[i]]
