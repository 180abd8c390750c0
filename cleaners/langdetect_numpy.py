"""langdetect, bit for bit, at a fraction of its cost: its model as one numpy matrix, its loop on rows.

`NumpyDetector` is langdetect's `Detector` with the same answer and probability (the same float
operations in the same order, the same seeded draws), measured in `benchmarks/language.py` and held
equal to stock langdetect by `tests/cleaners/test_language_numpy.py`.
"""

from __future__ import annotations

import json
import math
import os
import random
import re

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram


def numpy_factory() -> DetectorFactory:
    """langdetect's factory with its profiles as one matrix: the n-gram map gives a row number, not a list.

    The profiles are read as `DetectorFactory.load_profile` reads them (files in `os.listdir`
    order, one column each, n-gram rows in first-seen order, `count / n_words[len - 1]`), but
    straight into numpy: langdetect's own load builds a list of floats per n-gram, and once they
    were freed the worker kept tens of MB of fragmented heap it never used again.
    """
    factory = DetectorFactory()
    names = os.listdir(PROFILES_DIRECTORY)
    rows: dict[str, int] = {}
    columns: list[tuple[np.ndarray, np.ndarray]] = []
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if name.startswith(".") or not os.path.isfile(path):
            continue
        with open(path, encoding="utf-8") as file:
            profile = json.load(file)
        factory.langlist.append(profile["name"])
        n_words = profile["n_words"]
        indices, probabilities = [], []
        for ngram, count in profile["freq"].items():
            row = rows.setdefault(ngram, len(rows))
            if 1 <= len(ngram) <= 3:
                indices.append(row)
                probabilities.append(1.0 * count / n_words[len(ngram) - 1])
        columns.append((np.array(indices, dtype=np.int64), np.array(probabilities, dtype=np.float64)))
    factory.matrix = np.zeros((len(rows), len(names)))  # n-grams x languages (as langdetect sizes it)
    for column, (indices, probabilities) in enumerate(columns):
        factory.matrix[indices, column] = probabilities
    factory.word_lang_prob_map = rows
    factory.word_rows = {}  # (normalised word, space after it) -> its n-grams' rows
    return factory


_SPACES = re.compile(" {2,}")
_NORMALISED: dict[int, str] = {}  # NGram.normalize per character (a pure function of it), as a translate table
_MAX_CACHED_CHARS = 100_000
_MAX_CACHED_WORDS = 20_000  # bounded: a few MB per worker at most
_TWOPI = 2.0 * math.pi  # as random.gauss has it


def _normalisation_table(text: str) -> dict[int, str]:
    """A `str.translate` table that applies NGram.normalize to every character of text."""
    codes = {ord(ch) for ch in set(text)}
    new = codes.difference(_NORMALISED)
    if not new:
        return _NORMALISED
    if len(_NORMALISED) + len(new) <= _MAX_CACHED_CHARS:
        _NORMALISED.update((code, NGram.normalize(chr(code))) for code in new)
        return _NORMALISED
    # the shared table is full: this text's characters only
    return {code: _NORMALISED.get(code) or NGram.normalize(chr(code)) for code in codes}


def _word_rows(word: str, spaced: bool, known: dict[str, int]) -> tuple[int, ...]:
    """Rows of the known 1-, 2- and 3-grams langdetect takes from one normalised word, in its order.

    The window starts at the space before the word; at each character it yields the last 1, 2 and 3
    characters (a lone space is not a gram), except inside a run of capitals (acronyms carry no
    language). A space after the word adds its closing grams.
    """
    padded = " " + word + (" " if spaced else "")
    rows: list[int] = []
    for p in range(1, len(padded)):
        ch = padded[p]
        if ch.isupper() and padded[p - 1].isupper():
            continue
        for gram in (ch if ch != " " else None, padded[p - 1:p + 1], padded[p - 2:p + 1] if p >= 2 else None):
            row = known.get(gram) if gram else None
            if row is not None:
                rows.append(row)
    return tuple(rows)


class NumpyDetector(Detector):
    """langdetect's Detector with its probability loop on numpy rows instead of Python lists.

    The arithmetic is langdetect's, element by element in the same order (multiply by weight +
    p(ngram|language), divide by the plain left-to-right sum, average the trials), the n-grams are
    langdetect's in its order (worked out once per word), and they are drawn from the same seeded
    stream (in bulk, `_Stream`), so the answer and its probability are bit for bit langdetect's, in
    about a quarter of its time. `tests/cleaners/test_language_numpy.py` holds them equal.
    """

    def __init__(self, factory: DetectorFactory) -> None:
        super().__init__(factory)
        self.matrix = factory.matrix
        self.word_rows = factory.word_rows

    def append(self, text: str) -> None:
        """Add text as langdetect does (URLs and e-mails out, Vietnamese marks joined, runs of spaces as one)."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def _ngram_rows(self) -> list[int]:
        """Matrix rows of langdetect's 1-3-grams of the text, in its order (NGram.add_char's rules), word by word.

        langdetect slides a 3-character window over the normalised text, restarting it after a
        space, so the grams of a word depend on the word alone (and on whether a space follows it):
        they are worked out once per word and kept.
        """
        text = self.text.translate(_normalisation_table(self.text))
        words = text.split(" ")
        known, cache = self.word_lang_prob_map, self.word_rows
        rows: list[int] = []
        last = len(words) - 1
        for k, word in enumerate(words):
            if not word:
                continue
            key = (word, k < last)
            found = cache.get(key)
            if found is None:
                found = _word_rows(word, k < last, known)
                if len(cache) < _MAX_CACHED_WORDS:
                    cache[key] = found
            rows += found
        return rows

    def _detect_block(self) -> None:
        self.cleaning_text()
        rows = np.array(self._ngram_rows(), dtype=np.int64)
        if not len(rows):
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        n = len(self.langlist)
        total = np.zeros(n)
        self.random.seed(self.seed)
        stream = _Stream(self.random)
        for _trial in range(self.n_trial):
            prob = np.array(self.prior_map, dtype=np.float64) if self.prior_map is not None else np.full(n, 1.0 / n)
            weight = (self.alpha + stream.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            total += self._trial(prob, weight, rows, stream) / self.n_trial
        self.langprob = total.tolist()

    def _trial(self, prob: np.ndarray, weight: float, rows: np.ndarray, stream: _Stream) -> np.ndarray:
        """One trial: langdetect's updates by randomly drawn n-grams, normalised every fifth, until converged."""
        draws = stream.choices(len(rows))
        factors = np.empty((0, prob.size))
        used = 0
        while True:
            end = used + (5 if used else 1)  # normalised after the first update, then after every fifth
            if end > len(factors):  # factor rows for the next draws (a trial takes a few dozen; rows are cache misses)
                count = max(2 * end, 24)
                more = weight + self.matrix[rows[draws.upto(count)[len(factors):count]]]
                factors = np.concatenate((factors, more)) if len(factors) else more
            # row after row, in order: the same products as langdetect's one-by-one updates
            prob = np.multiply.reduce(np.concatenate((prob[None], factors[used:end])), axis=0)
            used = end
            values = prob.tolist()
            total = sum(values)  # Python's left-to-right sum, as langdetect; numpy's is pairwise
            prob /= total
            if max(values) / total > self.CONV_THRESHOLD or used > self.ITERATION_LIMIT:  # langdetect's i = used - 1
                break
        draws.consume(used)
        return prob


class _Stream:
    """langdetect's random draws (`gauss`, `choice`) from its seeded generator, read from 32-bit words drawn in bulk.

    CPython's Mersenne Twister gives `getrandbits(32 * n)` as n consecutive 32-bit words, and builds
    its other draws from the same words: `random()` from two of them (27 and 26 bits), `gauss` from two
    `random()` calls every other time (it keeps the second value), `choice` from one word per try,
    shifted to the length's bit count and retried while out of range. Read here in that order from one
    bulk draw, they are the values langdetect's calls give, without a Python call per draw.
    """

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = np.empty(0, dtype=np.uint32)
        self.pos = 0  # the next unread word
        self.gauss_next: float | None = None

    def need(self, count: int) -> None:
        """Have at least `count` words from the current position on."""
        short = self.pos + count - len(self.words)
        if short > 0:
            n = max(short, 256, len(self.words))
            more = np.frombuffer(self.rng.getrandbits(32 * n).to_bytes(4 * n, "little"), dtype="<u4")
            self.words = np.concatenate((self.words, more))

    def random(self) -> float:
        """`random.random()`."""
        self.need(2)
        a, b = int(self.words[self.pos]) >> 5, int(self.words[self.pos + 1]) >> 6
        self.pos += 2
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def gauss(self, mu: float = 0.0, sigma: float = 1.0) -> float:
        """`random.gauss(mu, sigma)` (the generator's seed resets the kept value, as here a new stream)."""
        z, self.gauss_next = self.gauss_next, None
        if z is None:
            x2pi = self.random() * _TWOPI
            g2rad = math.sqrt(-2.0 * math.log(1.0 - self.random()))
            z = math.cos(x2pi) * g2rad
            self.gauss_next = math.sin(x2pi) * g2rad
        return mu + z * sigma

    def choices(self, n: int) -> _Choices:
        """The `random.choice` indices into a sequence of length n, from the current position on."""
        return _Choices(self, n)


class _Choices:
    """A run of `choice` draws; `consume(k)` moves the stream past the words the first k took."""

    def __init__(self, stream: _Stream, n: int) -> None:
        self.stream, self.n, self.shift = stream, n, np.uint32(32 - n.bit_length())
        self.indices = np.empty(0, dtype=np.int64)
        self.ends = np.empty(0, dtype=np.int64)  # the word position after each accepted index
        self.scanned = stream.pos

    def upto(self, count: int) -> np.ndarray:
        """At least `count` indices (more when the words at hand give more)."""
        stream = self.stream
        while len(self.indices) < count:
            stream.need(self.scanned - stream.pos + 2 * (count - len(self.indices)) + 16)
            tries = stream.words[self.scanned:] >> self.shift
            accepted = np.flatnonzero(tries < self.n)
            self.indices = np.concatenate((self.indices, tries[accepted].astype(np.int64)))
            self.ends = np.concatenate((self.ends, accepted + self.scanned + 1))
            self.scanned = len(stream.words)
        return self.indices

    def consume(self, count: int) -> None:
        """The first `count` indices were used: the stream goes on after the word of the last one."""
        self.stream.pos = int(self.ends[count - 1])


def ngram_rows(factory: DetectorFactory, text: str) -> np.ndarray:
    """The matrix rows of the known n-grams langdetect takes from text (as `_detect_block` reads them)."""
    detector = NumpyDetector(factory)
    detector.append(text)
    detector.cleaning_text()
    return np.array(detector._ngram_rows(), dtype=np.int64)


def ngram_log_likelihoods(factory: DetectorFactory, rows: np.ndarray, columns: list[int] | None = None) -> np.ndarray:
    """Log-likelihood of the n-grams (`ngram_rows`) per language: langdetect's model read once, without draws.

    langdetect samples n-grams at random in several trials, which suits a paragraph; to weigh many
    short blocks against each other a deterministic sum over all their known n-grams is enough and
    far cheaper: log(smoothing + p(n-gram | language)) with langdetect's own smoothing. All the
    languages in `factory.langlist` order, or only the given columns (cheaper still).
    """
    smoothing = Detector.ALPHA_DEFAULT / Detector.BASE_FREQ
    probabilities = factory.matrix[rows] if columns is None else factory.matrix[np.ix_(rows, columns)]
    return np.log(smoothing + probabilities).sum(axis=0)
