"""Scores a cleaner's output on one generated page against the page's truth.

Tokens. The text is NFKC-normalised and case-folded, then split into `\\w+` runs, except that every CJK
ideograph and every kana is a token of its own (Hangul words are space-separated and stay `\\w+` runs).
Punctuation, separators and markup leftovers carry no tokens.

Shingles. A segment of n tokens gives its n-grams; a segment shorter than the shingle size gives one shingle of
all its tokens (so a two-word string is matched as a bigram). Truth segments (each paragraph, caption, neutral
line, boilerplate string) are shingled one by one; the output is shingled as one stream for `text` (its line
breaks ignored, so re-splitting or joining paragraphs costs nothing) and one stream per entry of `captions`.

Body recall (per page). The multiset of the 4-shingles of the body paragraphs, each paragraph on its own;
recall = sum over shingles of min(count in truth, count in the output's `text`) / number of truth shingles.
Captions in `captions` do not count towards recall. A page whose body has no token has recall 1.

Residue (per boilerplate string). The string's n-shingles with n = min(4, its token count); a shingle is in
excess when it occurs in `text` + `captions` more often than in the clean page, which is the body paragraphs,
the captions and the neutral lines (title, subheadings, byline: an extractor may keep or drop those freely).
The string has leaked when more than half of its shingles are in excess. A string without a token is not
boilerplate. Two strings sharing words are judged on the same counts, so keeping one can make the other count
as leaked too (rare with distinct strings; accepted, since both are chrome). Corpus and group residue pool the
strings of all pages (leaked strings / strings); a page's own residue is its share.

Captions-once (per page). For a caption, each of its n-shingles (n = min(4, tokens)) gets an excess count:
occurrences in `text` + `captions` minus occurrences in the rest of the clean page (body, neutral lines, the
other captions), floored at 0. The caption's number of copies is the lower median of those excess counts, so a
caption kept without its credit still counts as kept once, and one kept in `captions` and again in `text` counts
twice. A page passes when each of its captions has exactly one copy. Pages without captions are left out of
captions-once (a group without captioned pages has no captions-once figure).

Combined = mean of (body recall, 1 - residue, captions-once) over the figures a group has; body recall of a
group is the mean of its pages' recall.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

SHINGLE = 4
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")


def tokens(text: str) -> list[str]:
    """The text's tokens: `\\w+` runs, each CJK ideograph or kana alone, after NFKC and case folding."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())


def shingles(toks: Sequence[str], n: int) -> list[tuple[str, ...]]:
    """The n-grams of toks; fewer than n tokens give one shingle of them all (none for no token)."""
    if not toks:
        return []
    if len(toks) <= n:
        return [tuple(toks)]
    return [tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)]


class Counts:
    """Shingle counts of a set of segments, for every shingle size asked (segments are never crossed)."""

    def __init__(self, segments: Iterable[str]) -> None:
        self._segments = [tokens(s) for s in segments]
        self._by_n: dict[int, Counter] = {}

    def of(self, n: int) -> Counter:
        if n not in self._by_n:
            counter: Counter = Counter()
            for toks in self._segments:
                if len(toks) >= n:  # a shorter segment cannot hold an n-gram of a longer string
                    counter.update(tuple(toks[i:i + n]) for i in range(len(toks) - n + 1))
            self._by_n[n] = counter
        return self._by_n[n]


@dataclass
class PageScore:
    """How one output fared on one page."""

    recall: float
    boilerplate: int
    leaked: list[str] = field(default_factory=list)
    captions: int = 0
    lost: list[str] = field(default_factory=list)
    doubled: list[str] = field(default_factory=list)

    @property
    def residue(self) -> float:
        return len(self.leaked) / self.boilerplate if self.boilerplate else 0.0

    @property
    def captions_once(self) -> bool | None:
        return None if not self.captions else not (self.lost or self.doubled)


def _short_string_excess(toks: list[str], out: Counts, clean: Counts) -> list[bool]:
    n = min(SHINGLE, len(toks))
    return [out.of(n)[s] > clean.of(n)[s] for s in shingles(toks, n)]


def score_page(body: Sequence[str], captions: Sequence[str], neutral: Sequence[str],
               boilerplate: Sequence[str], text: str, out_captions: Sequence[str]) -> PageScore:
    """Score one output (`text`, `out_captions`) against one page's truth."""
    text_counts = Counts([text])
    truth: Counter = Counter()
    for paragraph in body:
        truth.update(shingles(tokens(paragraph), SHINGLE))
    matched = 0
    for shingle, count in truth.items():
        matched += min(count, text_counts.of(len(shingle))[shingle])
    total = sum(truth.values())
    result = PageScore(recall=matched / total if total else 1.0, boilerplate=0)

    out = Counts([text, *out_captions])
    clean = Counts([*body, *dict.fromkeys(captions), *neutral])
    for string in dict.fromkeys(boilerplate):
        toks = tokens(string)
        if not toks:
            continue
        result.boilerplate += 1
        excess = _short_string_excess(toks, out, clean)
        if sum(excess) * 2 > len(excess):
            result.leaked.append(string)

    distinct = list(dict.fromkeys(captions))
    result.captions = len(distinct)
    for caption in distinct:
        toks = tokens(caption)
        n = min(SHINGLE, len(toks))
        own = Counter(shingles(toks, n))
        excess = [max(0, out.of(n)[s] - (clean.of(n)[s] - own[s])) for s in shingles(toks, n)]
        copies = statistics.median_low(excess) if excess else 1
        if copies == 0:
            result.lost.append(caption)
        elif copies > 1:
            result.doubled.append(caption)
    return result


@dataclass
class GroupScore:
    """Figures of a group of pages (all, one family, one language)."""

    pages: int = 0
    recall_sum: float = 0.0
    min_recall: float = 1.0
    strings: int = 0
    leaked: int = 0
    captioned: int = 0
    captions_ok: int = 0

    def add(self, score: PageScore) -> None:
        self.pages += 1
        self.recall_sum += score.recall
        self.min_recall = min(self.min_recall, score.recall)
        self.strings += score.boilerplate
        self.leaked += len(score.leaked)
        if score.captions_once is not None:
            self.captioned += 1
            self.captions_ok += score.captions_once

    @property
    def recall(self) -> float:
        return self.recall_sum / self.pages if self.pages else 1.0

    @property
    def residue(self) -> float:
        return self.leaked / self.strings if self.strings else 0.0

    @property
    def captions_once(self) -> float | None:
        return self.captions_ok / self.captioned if self.captioned else None

    @property
    def combined(self) -> float:
        parts = [self.recall, 1 - self.residue]
        if self.captions_once is not None:
            parts.append(self.captions_once)
        return sum(parts) / len(parts)
