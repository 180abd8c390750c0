"""Remove repeated blocks (the first copy stays) and truncated teasers of another block.

Templates repeat related-article titles and summaries; a dump repeats a block the page showed
twice; a summary box prints the opening of a paragraph cut mid-sentence ("... attend a joint").
Kept: the first copy of a repeated block, short blocks (a repeated "Yes" in an interview or a
list is content) and table cells; a block that merely shares its first words with another is
kept unless it is wholly a prefix of it.
"""

from __future__ import annotations

import re

from cleaners.blocks import Block
from cleaners.draft import Draft
from cleaners.scripts import is_cjk, word_units

_MIN_REPEAT_WORDS = 4
_MIN_TEASER_CHARS = 30
_ELLIPSIS = re.compile(r"\s*(?:…|\.{3})$")


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


def remove_repeated_blocks(draft: Draft) -> None:
    """Drop later copies of a block already seen (kind `duplicate`)."""
    seen: set[str] = set()

    def repeated(_i: int, block: Block) -> str | None:
        if block.tag == "cell" or word_units(block.text) < _MIN_REPEAT_WORDS:
            return None
        key = _key(block.text)
        if key in seen:
            return "duplicate"
        seen.add(key)
        return None

    draft.drop(repeated)


def is_teaser_of(teaser: str, full: str) -> bool:
    """True when teaser is a cut-off start of full (a trailing ellipsis allowed).

    >>> is_teaser_of("Pompeo and Lavrov attend a joint", "Pompeo and Lavrov attend a joint news conference.")
    True
    >>> is_teaser_of("Pompeo and Lavrov will attend", "Pompeo and Lavrov will attended a conference.")
    False
    >>> is_teaser_of("The ministers met in Sochi on Tuesday…", "The ministers met in Sochi on Tuesday and talked.")
    True
    """
    return _is_teaser_key(_ELLIPSIS.sub("", _key(teaser)), _key(full))


def _is_teaser_key(stem: str, target: str) -> bool:
    if len(stem) < _MIN_TEASER_CHARS or len(target) <= len(stem) or not target.startswith(stem):
        return False
    # The cut falls between words ("attend" is no teaser of "attended"); CJK text has no spaces.
    return not (target[len(stem)].isalnum() and stem[-1].isalnum()) or is_cjk(stem[-1])


def remove_teasers(draft: Draft) -> None:
    """Drop a block that is a truncated start of another block or caption (kind `teaser`)."""
    targets = [_key(t) for t in [*(b.text for b in draft.blocks), *draft.captions]]

    def teaser(_i: int, block: Block) -> str | None:
        if block.tag in ("cell", "head", "code"):
            return None
        stem = _ELLIPSIS.sub("", _key(block.text))
        return "teaser" if any(_is_teaser_key(stem, t) for t in targets) else None

    draft.drop(teaser)
