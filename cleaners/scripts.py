"""Cheap text measures the steps share: writing-system profile, length in words, sentence shape.

These are regex passes in C, cheap enough to run on every block, so the costly checks
(langdetect) run only where these say they may matter.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from functools import lru_cache
from types import MappingProxyType

# Characters that each count as one word: Han, kana (CJK text has no spaces between words).
_CJK_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Runs of letters of one script: each run counts as one word of that script.
_SCRIPT_RUNS = {
    "latin": re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]+"),
    "cyrillic": re.compile(r"[\u0400-\u04ff]+"),
    "greek": re.compile(r"[\u0370-\u03ff]+"),
    "arabic": re.compile(r"[\u0600-\u06ff\u0750-\u077f]+"),
    "hebrew": re.compile(r"[\u0590-\u05ff]+"),
    "hangul": re.compile(r"[\uac00-\ud7af\u1100-\u11ff]+"),
    "thai": re.compile(r"[\u0e00-\u0e7f]+"),
    "devanagari": re.compile(r"[\u0900-\u097f]+"),
}
# Any letter of a script other than Latin (the union of the ranges above and of Han and kana).
_OTHER_SCRIPT = re.compile(
    "[\u0370-\u03ff\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f\u0e00-\u0e7f"
    "\u1100-\u11ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_WORD = re.compile(r"\w+")
_LETTER = re.compile(r"[^\W\d_]")
# Sentence end: terminal punctuation, optionally followed by a closing quote or bracket.
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»」』)）]*$")

# The scripts each language is written in (languages not listed here are written in Latin).
LANGUAGE_SCRIPTS = {
    "zh-cn": {"han"}, "zh-tw": {"han"}, "zh": {"han"}, "ja": {"han", "kana"}, "ko": {"hangul", "han"},
    "ru": {"cyrillic"}, "uk": {"cyrillic"}, "bg": {"cyrillic"}, "mk": {"cyrillic"}, "sr": {"cyrillic", "latin"},
    "el": {"greek"}, "ar": {"arabic"}, "fa": {"arabic"}, "ur": {"arabic"}, "he": {"hebrew"},
    "th": {"thai"}, "hi": {"devanagari"}, "mr": {"devanagari"}, "ne": {"devanagari"},
}


def script_units(text: str) -> Mapping[str, int]:
    """Words per writing system in text (read-only); each Han or kana character counts as one word.

    >>> sorted(script_units("Kim said 你好 today").items())
    [('han', 2), ('latin', 3)]
    """
    return MappingProxyType(_script_units(text))


@lru_cache(maxsize=4096)  # the main-language and foreign-block steps measure the same blocks
def _script_units(text: str) -> dict[str, int]:
    units: dict[str, int] = {}
    if text.isascii() or _OTHER_SCRIPT.search(text) is None:  # most blocks: two passes instead of ten
        n = len(_SCRIPT_RUNS["latin"].findall(text))
        if n:
            units["latin"] = n
        return units
    han = len(_HAN.findall(text))
    kana = len(_KANA.findall(text))
    if han:
        units["han"] = han
    if kana:
        units["kana"] = kana
    for script, pattern in _SCRIPT_RUNS.items():
        n = len(pattern.findall(text))
        if n:
            units[script] = n
    return units


@lru_cache(maxsize=4096)
def dominant_script(text: str) -> str | None:
    """The script with most words in text; Japanese kana and Han count as one ("han").

    >>> dominant_script("新闻中心 News")
    'han'
    """
    merged: Counter[str] = Counter()
    for script, n in script_units(text).items():
        merged["han" if script == "kana" else script] += n
    return merged.most_common(1)[0][0] if merged else None


def scripts_of(language: str | None) -> set[str]:
    """The writing systems a language code is written in (Latin when unknown)."""
    return LANGUAGE_SCRIPTS.get((language or "").lower(), {"latin"})


@lru_cache(maxsize=4096)  # several steps measure the same block; str hashes are cached
def word_units(text: str) -> int:
    """Length in words, each CJK character counting as one word.

    >>> word_units("新闻中心 news centre")
    6
    """
    if text.isascii() or _CJK_CHAR.search(text) is None:
        return len(_WORD.findall(text))
    cjk = len(_CJK_CHAR.findall(text))
    return cjk + len(_WORD.findall(_CJK_CHAR.sub(" ", text)))


def is_cjk(char: str) -> bool:
    """True for a Han or kana character (one that counts as a word by itself)."""
    return _CJK_CHAR.fullmatch(char) is not None


def has_letters(text: str) -> bool:
    """True when text holds at least one letter of any script (not only digits and symbols)."""
    return _LETTER.search(text) is not None


def ends_sentence(text: str) -> bool:
    """True when text ends like a sentence (terminal punctuation, maybe a closing quote).

    >>> ends_sentence('He said "yes."'), ends_sentence("Breaking news: talks stall")
    (True, False)
    """
    return _SENTENCE_END.search(text.rstrip()) is not None
