"""What text alone shows about each block of a plain-text page: the chrome classifier's inputs.

A text dump has no markup, so a block is judged by its shape and by its neighbours. Its own shape: length,
sentence punctuation, commas, function-word density in the page's main language (absolute, and relative
to the page's prose, since lists differ in size from language to language), digits, dates, separators,
bullets, capitalisation, and how often the page repeats it. Its context: the same measures of the blocks
around it, the run of short blocks it sits in, and how much of the page's prose lies before and after
it (a short line between two paragraphs of prose is inside the article; a run of short lines above the
first or below the last is the template's).
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from cleaners.blocks import match_key
from cleaners.char_counts import CASED, COMMA, DIGIT, LETTER, QUOTE, SEPARATOR, SPACE, UPPER, CharCounts
from cleaners.function_words import function_word_share, has_function_words, share_of, stop_words, words_of
from cleaners.scripts import dominant_script, ends_sentence, scripts_of, word_units

LOCAL = ("words", "chars", "ends_sentence", "sentences", "commas", "function_words", "function_words_rel",
         "digits", "capitalised", "all_caps", "date", "separators", "bullet", "address", "letters", "repeats",
         "cells", "word_length", "main_script", "ends_colon", "ends_ellipsis", "quotes", "starts_lower", "pipe",
         "no_function_list", "common_words", "topic_words")
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
SHARE_WINDOWS = (3, 10)  # a comment thread has a name or date line every few blocks; an article has few
CONTEXT = (*(f"{name}{d:+d}" for d in NEIGHBOURS for name in ("words", "function_words_rel", "ends_sentence")),
           "short_run", "position", "char_position", "prose_before", "prose_after", "prose_gap_before",
           "prose_gap_after", "window_function_words", "window_words", "continues", "continued",
           *(f"{name}_within_{half}" for half in SHARE_WINDOWS for name in ("dates", "short", "sentences")))

_DATE = re.compile(
    r"\b\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
    r"|\b(?:19|20)\d{2}\b"
)
_BULLET = re.compile(r"[•·▪◦►\-*–—] |\d{1,2}[.)] ")
_ADDRESS_MARKERS = ("://", "www.", "@", ".com", ".org", ".net")
_FIRST_LETTER = re.compile(r"[^\W\d_]")
_COMMON = 40  # the page's most frequent words in its longer blocks: its own function words, in any language
_SHORT = 10  # a block of fewer words than this is short (a label, a menu item, a heading)
_PROSE_WORDS = 12
_MIN_LEVEL = 0.02  # prose has far more function words than this in any language with a list
_WINDOW = 5


def local_features(texts: list[str], language: str | None) -> np.ndarray:
    """One row per block of its own shape (columns: LOCAL).

    Character counts are taken over the whole page at once (`cleaners.char_counts`).
    """
    n = len(texts)
    table = np.zeros((n, len(LOCAL)))
    if not n:
        return table
    chars = np.array([len(t) for t in texts], dtype=np.float64)
    count = CharCounts(texts)
    nonspace = np.maximum(1.0, chars - count.count(SPACE))
    letters = count.count(LETTER)
    units = np.array([word_units(t) for t in texts], dtype=np.float64)
    words = [words_of(t) for t in texts]
    cased = np.maximum(1.0, count.word_starts(CASED))
    column = {name: table[:, k] for k, name in enumerate(LOCAL)}
    column["words"][:] = np.log1p(units)
    column["chars"][:] = np.log1p(chars)
    column["ends_sentence"][:] = [ends_sentence(t) for t in texts]
    column["sentences"][:] = np.log1p(count.sentence_ends())
    column["commas"][:] = np.minimum(1.0, count.count(COMMA) / np.maximum(units, 1.0))
    column["function_words"][:] = _function_words(texts, words, language)
    column["digits"][:] = count.count(DIGIT) / nonspace
    column["capitalised"][:] = count.word_starts(CASED | UPPER) / cased
    column["all_caps"][:] = count.capitals_words() / cased
    column["date"][:] = [digits >= 2 and _DATE.search(t) is not None for digits, t in zip(count.count(DIGIT), texts, strict=True)]
    column["separators"][:] = count.count(SEPARATOR) / nonspace
    column["bullet"][:] = [_BULLET.match(t) is not None for t in texts]
    column["address"][:] = [any(marker in t for marker in _ADDRESS_MARKERS) for t in texts]
    column["letters"][:] = letters / nonspace
    column["quotes"][:] = count.count(QUOTE) > 0
    column["pipe"][:] = ["|" in t or "｜" in t for t in texts]
    column["no_function_list"][:] = 0.0 if has_function_words(language) else 1.0
    keys = [match_key(t) for t in texts]
    copies = Counter(keys)
    column["repeats"][:] = np.log1p([copies[k] - 1 for k in keys])
    column["cells"][:] = ["\t" in t for t in texts]
    spaced_words = np.array([t.count(" ") + 1 for t in texts], dtype=np.float64)
    column["word_length"][:] = np.minimum(2.0, letters / spaced_words / 10)
    # the scripts the page's language is written in (Japanese: Han and kana, counted as one "han")
    own = {"han" if s == "kana" else s for s in scripts_of(language)} if language else {_main_script(texts)}
    column["main_script"][:] = [(script := dominant_script(t)) is None or script in own for t in texts]
    ends = [t[-1:] for t in texts]
    column["ends_colon"][:] = [e in (":", "：") for e in ends]
    column["ends_ellipsis"][:] = [e == "…" or t.endswith("...") for e, t in zip(ends, texts, strict=True)]
    column["starts_lower"][:] = [(m := _FIRST_LETTER.search(t)) is not None and m.group().islower() for t in texts]
    common = _common_words(units, words)
    column["common_words"][:] = [share_of(w, common) for w in words]
    column["topic_words"][:] = _topic_words(units, words, common)
    _relative_function_words(table)
    return table


def _function_words(texts: list[str], words: list[list[str]], language: str | None) -> list[float]:
    if language in ("zh", "ja"):  # counted per character
        return [function_word_share(t, language) for t in texts]
    stops = stop_words(language)
    return [share_of(w, stops) for w in words]


def _common_words(units: np.ndarray, words: list[list[str]]) -> frozenset[str]:
    """The page's most frequent words in its blocks of ten words or more (its prose, mostly)."""
    counts: Counter[str] = Counter()
    for size, block_words in zip(units, words, strict=True):
        if size >= _SHORT:
            counts.update(block_words)
    return frozenset(w for w, _n in counts.most_common(_COMMON))


def _topic_words(units: np.ndarray, words: list[list[str]], common: frozenset[str]) -> list[float]:
    """Per block, the share of its content words that another long block of the page uses too.

    A list that is the article's content speaks of what the article speaks of; a menu, a "most read"
    list or a footer does not. Content words: not among the page's most frequent, three letters or more.
    """
    blocks_using: Counter[str] = Counter()
    for size, block_words in zip(units, words, strict=True):
        if size >= _SHORT:
            blocks_using.update(set(block_words))
    shares = []
    for size, block_words in zip(units, words, strict=True):
        content = [w for w in block_words if len(w) >= 3 and w not in common]
        if not content:
            shares.append(0.0)
            continue
        own = 1 if size >= _SHORT else 0  # a long block's words count it among their users: not itself
        shares.append(sum(1 for w in content if blocks_using[w] > own) / len(content))
    return shares


def _relative_function_words(table: np.ndarray) -> None:
    """function_words / the page's prose level (upper quartile over its longer blocks in its script), capped at 2.

    A page whose longer blocks hold next to none of the list's words (a language without a list, or
    identified wrongly) gets the neutral 1 everywhere and is marked as having no list: the measure says
    nothing there, and must not make its prose look like chrome.
    """
    share = table[:, LOCAL.index("function_words")]
    longer = share[(table[:, LOCAL.index("words")] >= np.log1p(_SHORT)) & (table[:, LOCAL.index("main_script")] > 0)]
    level = float(np.quantile(longer, 0.75)) if len(longer) else 0.0
    if level > _MIN_LEVEL:
        table[:, LOCAL.index("function_words_rel")] = np.minimum(2.0, share / level)
    else:
        table[:, LOCAL.index("function_words_rel")] = 1.0
        table[:, LOCAL.index("no_function_list")] = 1.0


def context_features(local: np.ndarray) -> np.ndarray:
    """One row per block of its surroundings (columns: CONTEXT), from the blocks' LOCAL rows."""
    n = len(local)
    words = local[:, LOCAL.index("words")]
    rel = local[:, LOCAL.index("function_words_rel")]
    sentence = local[:, LOCAL.index("ends_sentence")]
    columns = []
    for d in NEIGHBOURS:
        for values in (words, rel, sentence):
            columns.append(_shift(values, d))
    units = np.expm1(words)
    short = units < _SHORT
    columns.append(np.log1p(_run_lengths(short)) * short)
    columns.append(np.arange(n) / max(n - 1, 1))
    chars = np.expm1(local[:, LOCAL.index("chars")])
    columns.append((np.cumsum(chars) - chars) / max(chars.sum(), 1.0))
    prose = units * ((units >= _PROSE_WORDS) & ((sentence > 0) | (rel > 0.5)))
    total = max(prose.sum(), 1.0)
    before = np.cumsum(prose) - prose
    columns.append(before / total)
    columns.append((total - before - prose) / total if prose.sum() else np.zeros(n))
    columns.append(np.log1p(_gap(prose > 0, forward=True)))
    columns.append(np.log1p(_gap(prose > 0, forward=False)))
    weight = window_sum(units, _WINDOW)
    columns.append(window_sum(rel * units, _WINDOW) / np.maximum(weight, 1.0))
    columns.append(np.log1p(weight))
    # hard-wrapped text (a <pre> block, lines broken with <br>): a line runs on into the next one
    lower = local[:, LOCAL.index("starts_lower")]
    columns.append(lower * (1.0 - _shift(sentence, -1)))
    columns.append((1.0 - sentence) * _shift(lower, 1))
    date = local[:, LOCAL.index("date")]
    for half in SHARE_WINDOWS:
        count = window_sum(np.ones(n), half)
        for values in (date, short.astype(float), sentence):
            columns.append(window_sum(values, half) / count)
    return np.column_stack(columns) if n else np.zeros((0, len(CONTEXT)))


def window_sum(values: np.ndarray, half: int) -> np.ndarray:
    """For each position, the sum of values within `half` positions either side (the page's edges cut it)."""
    n = len(values)
    sums = np.concatenate([[0.0], np.cumsum(values)])
    idx = np.arange(n)
    return sums[np.minimum(n, idx + half + 1)] - sums[np.maximum(0, idx - half)]


def _shift(values: np.ndarray, d: int) -> np.ndarray:
    """values[i + d] at row i, 0 past either end."""
    out = np.zeros_like(values)
    if d > 0:
        out[:-d] = values[d:]
    else:
        out[-d:] = values[:d]
    return out


def _run_lengths(flags: np.ndarray) -> np.ndarray:
    """For each position, the length of the run of equal flags it belongs to."""
    out = np.zeros(len(flags))
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            out[start:i] = i - start
            start = i
    return out


def _gap(marks: np.ndarray, forward: bool) -> np.ndarray:
    """Blocks since the last marked block before (forward) or until the next after; n+1 when there is none."""
    n = len(marks)
    out = np.full(n, float(n + 1))
    last = None
    order = range(n) if forward else range(n - 1, -1, -1)
    for i in order:
        if last is not None:
            out[i] = abs(i - last)
        if marks[i]:
            last = i
    return out


def _main_script(texts: list[str]) -> str | None:
    weight: Counter[str] = Counter()
    for text in texts:
        script = dominant_script(text)
        if script is not None:
            weight[script] += len(text)
    return weight.most_common(1)[0][0] if weight else None
