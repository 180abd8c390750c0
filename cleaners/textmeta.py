"""Find the title of a plain-text page and take it out of the body; drop a body copy of a title.

A text dump starts with template lines (a section label like "新闻中心", a logo), then the
headline, then a byline/date line. The title is therefore the headline-shaped line just before
the first byline or date line (that line goes too: it is metadata), or else the first headline-shaped line written in the body's
script, looked for only above the first paragraph of prose. HTML pages get their title from
extraction; there the body's leading copy of it is dropped.
"""

from __future__ import annotations

import re
from collections import Counter

from cleaners.captions import has_photo_credit
from cleaners.draft import Draft
from cleaners.notices import notice_kind
from cleaners.scripts import dominant_script, ends_sentence, script_units, word_units

_DATE = re.compile(
    r"\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\b\d{1,2}[./]\d{1,2}[./]\d{4}\b"
    r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}",
)
_BYLINE = re.compile(
    r"^(?:By|Von|Par|Por|Di|Door|Автор|От)\s+\S|作者\s*[:：]|来源\s*[:：]|記者|기자|编辑\s*[:：]|\b(?:Posted|Published|Updated)\b",
    re.IGNORECASE,
)
_MIN_TITLE_UNITS = 3
_MAX_TITLE_UNITS = 40
_PROSE_UNITS = 40


def is_headline_shaped(line: str) -> bool:
    """True for a line that reads like a headline: a few words, not a sentence, no date or byline.

    >>> is_headline_shaped("Pompeo pushes for sanctions in talks with Russia")
    True
    >>> is_headline_shaped("He said the talks went well.")
    False
    """
    units = word_units(line)
    if not _MIN_TITLE_UNITS <= units <= _MAX_TITLE_UNITS or ("|" in line):
        return False
    if ends_sentence(line) and not line.rstrip().endswith("?"):
        return False
    # a photo's caption ends with its credit ("... Foto: EFE"); a headline does not
    return not is_byline(line) and notice_kind(line) is None and not has_photo_credit(line)


def is_byline(line: str) -> bool:
    """True for a short line that carries a date or a byline marker."""
    return word_units(line) <= _MAX_TITLE_UNITS and bool(_DATE.search(line) or _BYLINE.search(line))


def take_text_title(draft: Draft) -> None:
    """Set the title of a plain-text page from its headline line and drop that line (kind `title`)."""
    blocks = draft.blocks
    body_script = _main_script(draft)
    head = []
    for block in blocks:
        if word_units(block.text) >= _PROSE_UNITS:
            break
        head.append(block)
    chosen = byline = None
    for before, after in zip(head, head[1:], strict=False):
        if is_byline(after.text) and is_headline_shaped(before.text):
            chosen, byline = before, after
            break
    if chosen is None:
        chosen = next((b for b in head if is_headline_shaped(b.text) and dominant_script(b.text) == body_script), None)
    if chosen is None:
        return
    draft.title = chosen.text
    # The byline/date line under the title is metadata, not body text.
    draft.drop(lambda _i, b: "title" if b is chosen else "byline" if b is byline else None)


def drop_title_copy(draft: Draft) -> None:
    """Drop a leading body block that repeats the page title (kind `title`)."""
    title = " ".join((draft.title or draft.page.title or "").casefold().split())
    if not title or not draft.blocks:
        return
    first = draft.blocks[0]
    if " ".join(first.text.casefold().split()) == title:
        draft.drop(lambda _i, b: "title" if b is first else None)


def _main_script(draft: Draft) -> str | None:
    totals: Counter[str] = Counter()
    for block in draft.blocks:
        totals.update(script_units(block.text))
    merged: Counter[str] = Counter()
    for script, n in totals.items():
        merged["han" if script == "kana" else script] += n
    return merged.most_common(1)[0][0] if merged else None
