"""Normalise block text: debris tags, entities, zero-width characters, mojibake, NFC, whitespace.

Extraction and text dumps leave debris that changes nothing a reader sees but breaks equality
between copies of the same sentence (the seed has `Pompeo,<strong></strong> left`), so every
later step compares normalised text. Kept: the words, their order and punctuation; escaped
markup and a tag named in prose (`the <div> element`) stay literal text; code keeps its tags.
"""

from __future__ import annotations

import html
import re
import unicodedata

import ftfy
import ftfy.badness

from cleaners.draft import Draft
from cleaners.scripts import has_letters

# Debris tags: an empty element (`<strong></strong>`), a tag with attributes, a line break, or
# the closing tag of an inline element.
# A bare tag name in text (`the <div> element`) is spared: an article about HTML may say it.
_TAG = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)(?:\s[^<>]*)?>\s*</\1\s*>"
    r"|</?[A-Za-z][A-Za-z0-9:-]*\s+[A-Za-z:-]+\s*=[^<>]*/?>"
    r"|<br\s*/?>|</(?:span|strong|b|i|em|font|u|sup|sub|small|a)>"
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
# Invisible characters with no meaning in text. ZWJ/ZWNJ are kept: Persian, Indic scripts and
# emoji sequences need them.
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u00ad\u180e]")
# UTF-8 read as cp1252/latin-1 leaves a lead byte (Â, Ã, â, ...) before a continuation byte:
# a C-speed pre-check so ftfy's slower test runs only on suspicious text.
_MOJIBAKE_HINT = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


def normalise_text(text: str, keep_tags: bool = False) -> str:
    """Text with stray tags, entities, invisible characters and mojibake fixed, in NFC, spaces collapsed.

    >>> normalise_text("Pompeo,<strong></strong>\u00a0left &amp; Lavrov\u200b")
    'Pompeo, left & Lavrov'
    >>> normalise_text("CafÃ© doesnâ€™t close")
    'Café doesn’t close'
    >>> normalise_text("wrap it in a <div> element, &lt;p&gt; too")
    'wrap it in a <div> element, <p> too'
    """
    if not keep_tags and "<" in text:
        text = _TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    text = _INVISIBLE.sub("", text)
    if _MOJIBAKE_HINT.search(text) and ftfy.badness.is_bad(text):
        text = ftfy.fix_encoding(text)
    text = unicodedata.normalize("NFC", text)
    return " ".join(text.split())


def normalise_blocks(draft: Draft) -> None:
    """Normalise every block's text; a block left empty is dropped (kind `empty`)."""
    for block in draft.blocks:
        block.text = normalise_text(block.text, keep_tags=block.tag == "code")
    draft.drop(lambda _i, b: None if b.text else "empty")


def remove_wordless_blocks(draft: Draft) -> None:
    """Drop blocks of digits without a single letter: bare dates, times, counters (kind `no_words`).

    Table cells and code are spared (a number in a table is content), and so are rules like
    "___" or "* * *", which mark a section break the reader sees.
    """
    draft.drop(lambda _i, b: "no_words" if b.tag not in ("cell", "code") and _is_wordless(b.text) else None)


def _is_wordless(text: str) -> bool:
    return not has_letters(text) and any(c.isdigit() for c in text)
