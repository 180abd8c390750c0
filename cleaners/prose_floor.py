"""Keep the article's prose: a removal step that would take most of it is undone for that page.

Every removal step judges blocks on its own signal: a language, a link density, a repeat, a
notice phrase, a container's class words. On a page built unlike the ones a rule was written
for, the same signal can fire on the article itself: a Bengali article on a site labelled
English, a text whose paragraphs repeat on purpose, a press release inside a container named
"footer". One check covers them all, whatever the step: the prose the extractor found
(sentence-length blocks that are not link lists) keeps at least half of its words. A step that
would go below that floor is wrong for this page, so what it removed is put back and the next
step runs. Steps that remove chrome (short lines, links, headings) never come near the floor.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from operator import attrgetter

from cleaners import trace
from cleaners.blocks import Block
from cleaners.draft import Draft, Step
from cleaners.scripts import ends_sentence, word_units

logger = logging.getLogger(__name__)

# share of the extracted prose that must survive every removal
KEEP = 0.5
# a block of fewer words is a label, a heading-sized line or a short list item, not prose
PROSE_UNITS = 10
# a block this long is prose even without a full stop (longer than any headline)
LONG_UNITS = 40
_LINK_DENSE = 0.5
_NOT_PROSE = frozenset({"head", "code", "caption"})
_TEXT = attrgetter("text")


def is_prose(block: Block) -> bool:
    """Running text: sentence-length, and ending like a sentence or long; not a heading or a list of links.

    Headline lists and menus rarely end with a full stop, so a text dump's chrome (no link signals
    there) does not count; a long block does even without one (a post written without punctuation,
    the article cell of a table layout).

    >>> is_prose(Block("The council voted on Monday to rebuild the old sea wall before winter."))
    True
    >>> is_prose(Block("Council votes to rebuild the old sea wall before winter storms arrive", tag="line"))
    False
    """
    return _prose_units(block) > 0


def prose_words(blocks: Iterable[Block]) -> int:
    """Words in the prose blocks (each CJK character one word)."""
    return sum(map(_prose_units, blocks))


def _prose_units(block: Block) -> int:
    """The block's words if it is prose, else 0."""
    if block.tag in _NOT_PROSE or (block.link_density or 0.0) >= _LINK_DENSE:
        return 0
    return _prose_text_units(block.text)


@lru_cache(maxsize=4096)  # every step's check measures the same blocks again
def _prose_text_units(text: str) -> int:
    units = word_units(text)
    return units if units >= LONG_UNITS or (units >= PROSE_UNITS and ends_sentence(text)) else 0


def run_with_prose_floor(draft: Draft, steps: Iterable[tuple[str, Step]], stage: str, found: int | None = None) -> None:
    """Run the named steps over the draft in order, undoing any that takes the prose below the floor.

    `found` is the prose the extractor found (default: the draft's blocks now); the floor is
    `KEEP` of it. An undone step's removals, caption moves and counts are all put back.
    """
    floor = KEEP * (prose_words(draft.blocks) if found is None else found)
    records = trace.records()
    prose = prose_words(draft.blocks)
    for name, step in steps:
        blocks = draft.page.blocks[:]
        texts = list(map(_TEXT, blocks))
        captions, removed = len(draft.captions), draft.removed.copy()
        step(draft)
        same = len(draft.page.blocks) == len(blocks) and list(map(_TEXT, draft.page.blocks)) == texts
        after = prose if same else prose_words(draft.blocks)  # most steps change nothing on a page
        undone = after < floor and after < prose
        if records is not None:
            records.append(_record(stage, name, blocks, texts, draft, removed, prose, after, undone))
        if undone:
            logger.debug("step %s would keep %d of %d prose words: undone", name, after, prose)
            for block, text in zip(blocks, texts, strict=True):
                block.text = text
            draft.page.blocks = blocks
            del draft.captions[captions:]
            draft.removed = removed
        else:
            prose = after


def _record(stage: str, name: str, blocks: list[Block], texts: list[str], draft: Draft, removed: Counter[str],
            prose: int, after: int, undone: bool) -> trace.StepTrace:
    """What the step dropped or cut, for the trace (only built while tracing)."""
    kept = {id(b) for b in draft.blocks}
    dropped = [text if id(b) not in kept else f"[cut to {b.text!r}] {text}"
               for b, text in zip(blocks, texts, strict=True)
               if id(b) not in kept or word_units(b.text) < word_units(text)]
    counts = {k: n for k, n in (draft.removed - removed).items() if n}
    return trace.StepTrace(stage=stage, step=name, removed=counts, dropped=dropped,
                           prose_before=prose, prose_after=after, undone=undone)


def step_name(step: Step) -> str:
    """A step's name for logs and traces: the function's, or the class's for a callable object."""
    return getattr(step, "__name__", type(step).__name__)
