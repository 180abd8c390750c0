"""Remove repeated blocks (the first copy stays) and truncated teasers of another block.

Templates repeat related-article titles and summaries; a dump repeats a block the page showed
twice; a summary box prints the opening of a paragraph cut mid-sentence ("... attend a joint").
A later copy goes when it is made of links, follows its twin directly, or (in a plain-text dump,
where links are unknown) is a long paragraph. Kept: the first copy, and repeats pages make on
purpose: an interview's recurring question, a meal plan's days, a newsletter that repeats its
summary (the benchmark's ground truth keeps these), list items that are not links, table cells.
List items are never teasers. A block that
merely shares its first words with another is kept unless it is wholly a prefix of it.
"""

from __future__ import annotations

import re

from cleaners.blocks import Block, match_key
from cleaners.draft import Draft
from cleaners.scripts import is_cjk, word_units

_MIN_REPEAT_WORDS = 4
_LONG_REPEAT_WORDS = 25
_LINK_DENSE = 0.5
_MIN_TEASER_WORDS = 6
_INDEX_CHARS = 6  # a teaser has at least six words, so at least this many characters
_ELLIPSIS = re.compile(r"\s*(?:…|\.{3})$")


def remove_repeated_blocks(draft: Draft) -> None:
    """Drop later copies of a long, link-dense or back-to-back repeated block (kind `duplicate`)."""
    seen: set[str] = set()
    previous = ""

    def repeated(_i: int, block: Block) -> str | None:
        nonlocal previous
        units = word_units(block.text)
        key, before = match_key(block.text), previous
        previous = key
        if block.tag == "cell" or units < _MIN_REPEAT_WORDS:
            return None
        dense = (block.link_density or 0) >= _LINK_DENSE
        # With HTML signals a repeat is junk when made of links (a related list) or back to back;
        # a plain-text dump has no links to tell, so a long repeated paragraph counts as junk.
        long_in_text = block.link_density is None and units >= _LONG_REPEAT_WORDS
        junk_like = dense or (block.tag != "item" and (long_in_text or key == before))
        if key in seen and junk_like:
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
    return _is_teaser_key(_without_ellipsis(match_key(teaser)), match_key(full))


def _without_ellipsis(key: str) -> str:
    """The key without a trailing ellipsis (checked first: the regex would scan every space of the text)."""
    return _ELLIPSIS.sub("", key) if key.endswith(("…", "...")) else key


def _is_teaser_key(stem: str, target: str) -> bool:
    if len(target) <= len(stem) or not target.startswith(stem) or word_units(stem) < _MIN_TEASER_WORDS:
        return False
    # The cut falls between words ("attend" is no teaser of "attended"); CJK text has no spaces.
    return not (target[len(stem)].isalnum() and stem[-1].isalnum()) or is_cjk(stem[-1])


def remove_teasers(draft: Draft) -> None:
    """Drop a block that is a truncated start of another block or caption (kind `teaser`)."""
    targets = [match_key(t) for t in [*(b.text for b in draft.blocks), *draft.captions]]
    by_start: dict[str, list[int]] = {}
    for j, target in enumerate(targets):
        by_start.setdefault(target[:_INDEX_CHARS], []).append(j)

    def teaser(i: int, block: Block) -> str | None:
        if block.tag in ("cell", "head", "code", "item"):
            return None
        stem = _without_ellipsis(match_key(block.text))
        # a block "… " is no teaser of itself
        others = (targets[j] for j in by_start.get(stem[:_INDEX_CHARS], ()) if j != i)
        return "teaser" if any(_is_teaser_key(stem, t) for t in others) else None

    draft.drop(teaser)
