"""Character counts per block of a page, taken over the whole page at once with one lookup table.

The chrome classifier needs, for every block, how many letters, digits, commas, separators, quotes,
sentence ends and capitalised words it holds. Counting block by block costs a regex pass per block and
measure; here the page's blocks are joined, every character is classed through a table of the Basic
Multilingual Plane (built once per process), and per-block counts are differences of running sums.
"""

from __future__ import annotations

from functools import cache

import numpy as np

LETTER, DIGIT, COMMA, SEPARATOR, SPACE, QUOTE, TERMINAL, UPPER, CASED = (1 << k for k in range(9))
_COMMAS = ",，、;；"
_SEPARATORS = "|｜•·»›>/\\–—:*▪◦►→←#_=~+"
_QUOTES = "\"“”„«»「」『』"
_TERMINALS = ".!?。！？"
_PLANE = 0x10000


class CharCounts:
    """Counts of character classes per block of a page (`count(LETTER)`, `word_starts(UPPER)`, ...)."""

    def __init__(self, texts: list[str]) -> None:
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        self.starts = np.concatenate([[0], np.cumsum(lengths[:-1] + 1)]).astype(np.int64)
        self.ends = self.starts + lengths
        codes = np.frombuffer("\n".join(texts).encode("utf-32-le"), dtype=np.uint32)
        table = _class_table()
        self.classes = table[np.minimum(codes, _PLANE - 1)].astype(np.uint16)
        for i in np.flatnonzero(codes >= _PLANE):  # beyond the table (emoji, rare CJK): one by one
            self.classes[i] = class_of(chr(codes[i]))
        before = np.concatenate([[SPACE], self.classes[:-1]])
        # a word starts at a letter after a space or a line's start (a word opening with "(" is not counted)
        self.word_start = ((before & SPACE) > 0) & ((self.classes & LETTER) > 0)
        after = np.concatenate([self.classes[1:], [SPACE]])
        # a sentence ends at terminal punctuation followed by a space or the block's end (CJK needs none)
        self.sentence_end = ((self.classes & TERMINAL) > 0) & (((after & (LETTER | DIGIT | TERMINAL)) == 0)
                                                                | (codes >= 0x3000))
        self.next_upper = (after & UPPER) > 0

    def _per_block(self, mask: np.ndarray) -> np.ndarray:
        sums = np.concatenate([[0], np.cumsum(mask)])
        return (sums[self.ends] - sums[self.starts]).astype(np.float64)

    def count(self, cls: int) -> np.ndarray:
        """Per block, its characters of the class."""
        return self._per_block((self.classes & cls) > 0)

    def word_starts(self, cls: int = 0) -> np.ndarray:
        """Per block, its words whose first letter is of the class (all words for 0)."""
        return self._per_block(self.word_start & ((self.classes & cls) == cls))

    def capitals_words(self) -> np.ndarray:
        """Per block, its words that open with two capitals ("NEWS", "USA"): shouted labels and acronyms."""
        return self._per_block(self.word_start & ((self.classes & UPPER) > 0) & self.next_upper)

    def sentence_ends(self) -> np.ndarray:
        """Per block, the sentence ends it holds (terminal punctuation before a space or the end)."""
        return self._per_block(self.sentence_end)


@cache
def _class_table() -> np.ndarray:
    """The class bits of every character of the Basic Multilingual Plane."""
    return np.array([class_of(chr(code)) for code in range(_PLANE)], dtype=np.uint16)


def class_of(char: str) -> int:
    """The class bits of one character.

    >>> class_of("A") == LETTER | UPPER | CASED, class_of("7") == DIGIT, class_of("，") == COMMA
    (True, True, True)
    """
    bits = 0
    if char.isalpha():
        bits |= LETTER
        if char.lower() != char.upper():
            bits |= CASED | (UPPER if char.isupper() else 0)
    if char.isdecimal():
        bits |= DIGIT
    if char in _COMMAS:
        bits |= COMMA
    if char in _SEPARATORS:
        bits |= SEPARATOR
    if char in " \t\n":
        bits |= SPACE
    if char in _QUOTES:
        bits |= QUOTE
    if char in _TERMINALS:
        bits |= TERMINAL
    return bits
