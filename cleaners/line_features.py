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
from cleaners.function_words import function_word_share, has_function_words
from cleaners.scripts import dominant_script, ends_sentence, word_units

LOCAL = ("words", "chars", "ends_sentence", "sentences", "commas", "function_words", "function_words_rel",
         "digits", "capitalised", "all_caps", "date", "separators", "bullet", "address", "letters", "repeats",
         "cells", "word_length", "main_script", "ends_colon", "ends_ellipsis", "quotes", "starts_lower", "pipe",
         "no_function_list", "common_words")
NEIGHBOURS = (-3, -2, -1, 1, 2, 3)
SHARE_WINDOWS = (3, 10)  # a comment thread has a name or date line every few blocks; an article has few
CONTEXT = (*(f"{name}{d:+d}" for d in NEIGHBOURS for name in ("words", "function_words_rel", "ends_sentence")),
           "short_run", "position", "char_position", "prose_before", "prose_after", "prose_gap_before",
           "prose_gap_after", "window_function_words", "window_words",
           *(f"{name}_within_{half}" for half in SHARE_WINDOWS for name in ("dates", "short", "sentences")))

_SENTENCE_END = re.compile(r"[.!?。！？](?:[\"'”’»」』)）]*)(?=\s|$)")
_COMMA = re.compile(r"[,，、;；]")
_DIGIT = re.compile(r"\d")
_LETTER = re.compile(r"[^\W\d_]")
_DATE = re.compile(
    r"\b\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b"
    r"|\b(?:19|20)\d{2}\b"
)
_SEPARATORS = re.compile(r"[|•·»›>/\\–—:*▪◦►→←#_=~+]")
_BULLET = re.compile(r"^\s*(?:[•·▪◦►\-*–—]\s|\d{1,2}[.)]\s)")
_ADDRESS = re.compile(r"https?://|www\.|\S@\S|^@\w|\.(?:com|org|net)\b")
_QUOTES = re.compile(r"[\"“”„«»「」『』]")
# a token as the page's word counts go: a CJK character alone, else a run of word characters
_TOKEN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[^\W\d_\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_COMMON = 40  # the page's most frequent tokens in its longer blocks: its own function words, in any language
_SHORT = 10  # a block of fewer words than this is short (a label, a menu item, a heading)
_PROSE_WORDS = 12
_WINDOW = 5


def local_features(texts: list[str], language: str | None) -> np.ndarray:
    """One row per block of its own shape (columns: LOCAL)."""
    main_script = _main_script(texts)
    copies = Counter(match_key(t) for t in texts)
    no_list = 0.0 if has_function_words(language) else 1.0
    tokens = [_TOKEN.findall(t.lower()) for t in texts]
    common = _common_tokens(texts, tokens)
    rows = []
    for text, toks in zip(texts, tokens, strict=True):
        units = word_units(text)
        chars = len(text)
        nonspace = max(1, chars - text.count(" "))
        words = text.split()
        cased = [w for w in words if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
        upper = sum(1 for w in cased if w[0].isupper())
        caps = sum(1 for w in cased if len(w) > 1 and w.isupper())
        letters = len(_LETTER.findall(text))
        stripped = text.rstrip()
        script = dominant_script(text)
        first = next((c for c in text if c.isalpha()), "")
        rows.append((
            np.log1p(units),
            np.log1p(chars),
            1.0 if ends_sentence(text) else 0.0,
            np.log1p(len(_SENTENCE_END.findall(text))),
            min(1.0, len(_COMMA.findall(text)) / max(units, 1)),
            function_word_share(text, language),
            0.0,  # function_words_rel: filled below, relative to the page
            len(_DIGIT.findall(text)) / nonspace,
            upper / len(cased) if cased else 0.0,
            caps / len(cased) if cased else 0.0,
            1.0 if _DATE.search(text) else 0.0,
            len(_SEPARATORS.findall(text)) / nonspace,
            1.0 if _BULLET.match(text) else 0.0,
            1.0 if _ADDRESS.search(text) else 0.0,
            letters / nonspace,
            np.log1p(copies[match_key(text)] - 1),
            1.0 if "\t" in text else 0.0,
            min(2.0, letters / max(len(words), 1) / 10),
            1.0 if script is None or script == main_script else 0.0,
            1.0 if stripped.endswith((":", "：")) else 0.0,
            1.0 if stripped.endswith(("…", "...")) else 0.0,
            1.0 if _QUOTES.search(text) else 0.0,
            1.0 if first and first.islower() else 0.0,
            1.0 if "|" in text or "｜" in text else 0.0,
            no_list,
            sum(map(common.__contains__, toks)) / len(toks) if toks else 0.0,
        ))
    table = np.array(rows, dtype=np.float64).reshape(len(texts), len(LOCAL))
    _relative_function_words(table)
    return table


def _common_tokens(texts: list[str], tokens: list[list[str]]) -> frozenset[str]:
    """The page's most frequent tokens in its blocks of ten words or more (its prose, mostly)."""
    counts: Counter[str] = Counter()
    for text, toks in zip(texts, tokens, strict=True):
        if word_units(text) >= _SHORT:
            counts.update(toks)
    return frozenset(t for t, _n in counts.most_common(_COMMON))


def _relative_function_words(table: np.ndarray) -> None:
    """function_words / the page's prose level (the upper quartile over its longer blocks), capped at 2."""
    share = table[:, LOCAL.index("function_words")]
    longer = share[table[:, LOCAL.index("words")] >= np.log1p(_SHORT)]
    level = float(np.quantile(longer, 0.75)) if len(longer) else 0.0
    if level > 0.02:
        table[:, LOCAL.index("function_words_rel")] = np.minimum(2.0, share / level)


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
