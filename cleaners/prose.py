"""Where the article's prose is: the heaviest run of paragraph-like blocks on the page.

A page's chrome can outweigh its article in blocks, in bytes, even in its longest single block (a
related list glued into one line); what it does not have is a run of paragraphs. So the article
is found as the run of prose blocks (sentences, not made of links) carrying the most words,
allowing a few short blocks inside it (subheadings, list items, a caption). Steps that must
judge the page by its article, not by its template, ask this module (the main language does).
"""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.scripts import ends_sentence, word_units

PROSE_UNITS = 8  # words (a CJK character is one): shorter blocks are labels, menu items, names
_LINK_DENSE = 0.5
_MAX_GAP = 3  # short blocks a run of prose may hold before it ends


def is_prose(block: Block) -> bool:
    """Paragraph-sized text ending like a sentence, not mostly links, not code.

    A related list glued into one line is long but ends with a headline, not a sentence.
    """
    return (block.tag != "code" and (block.link_density or 0) < _LINK_DENSE
            and word_units(block.text) >= PROSE_UNITS and ends_sentence(block.text))


def article_run(blocks: list[Block]) -> list[Block]:
    """The prose blocks of the heaviest run of prose (all blocks when none is prose).

    >>> menu = [Block("Home"), Block("Sport"), Block("Es war ein langer Sommer in der Stadt, sagte der Bürgermeister.")]
    >>> text = [Block("The council met on Monday and voted for the new budget after a long debate."),
    ...         Block("Officials said the money would go to schools, roads and the new hospital.")]
    >>> [b.text[:15] for b in article_run([*menu, Block("x"), Block("y"), Block("z"), Block("w"), *text])]
    ['The council met', 'Officials said ']
    """
    prose = [is_prose(b) for b in blocks]
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
    if not best_mass:
        return list(blocks)
    return [b for b, p in zip(blocks[best[0]:best[1]], prose[best[0]:best[1]], strict=True) if p]
