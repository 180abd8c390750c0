"""Our numpy langdetect loop gives langdetect's own answers, bit for bit (faster, same output)."""

from __future__ import annotations

import random

import pytest
from langdetect import DetectorFactory
from langdetect.detector_factory import PROFILES_DIRECTORY
from langdetect.lang_detect_exception import LangDetectException

from cleaners.langdetect_numpy import NumpyDetector, _Stream, numpy_factory
from tests.cleaners.test_language_backends import SENTENCES

MIXED = [
    "BREAKING: The U.N. Security Council met in New York on Friday; 北京 and Moscow abstained.",
    "Ça coûte 12,50 € — c'est-à-dire presque rien, n'est-ce pas ? Şişli, Țară, đường phố.",
    "東京都は月曜日、新しい防災計画を発表した。カタカナとひらがなが混ざる文。",
    "서울시는 월요일 새로운 교통 계획을 발표했다. Bopomofo ㄅㄆㄇ and Arabic یک متن کوتاه.",
    "ONLY CAPITALS HERE AND THERE, then lower case words follow the shouting headline text.",
    "x" * 50 + " the end",
]


def _texts(fixtures) -> list[str]:
    seed = (fixtures / "seed.txt").read_text(encoding="utf-8")
    lines = [line for line in seed.splitlines() if len(line.strip()) >= 10]
    return [*SENTENCES.values(), *MIXED, *lines, seed[:3000]]


@pytest.fixture(scope="module")
def factories():
    DetectorFactory.seed = 0
    stock = DetectorFactory()
    stock.load_profile(PROFILES_DIRECTORY)
    return stock, numpy_factory()


def test_matrix_holds_langdetects_profiles_row_for_row(factories):
    """Read straight into numpy, the profiles give langdetect's languages, n-grams in its order and its floats."""
    stock, ours = factories
    assert ours.langlist == stock.langlist
    assert list(ours.word_lang_prob_map) == list(stock.word_lang_prob_map)
    assert ours.matrix.tolist() == list(stock.word_lang_prob_map.values())


def _probabilities(detector, text: str):
    detector.set_max_text_length(2000)
    detector.append(text)
    try:
        return [(lang.lang, lang.prob) for lang in detector.get_probabilities()]
    except LangDetectException as exc:
        return exc.code


def test_numpy_detector_equals_langdetect_bit_for_bit(factories, seed_fixtures):
    stock, ours = factories
    texts = _texts(seed_fixtures)
    assert len(texts) > 20
    for text in texts:
        expected = _probabilities(stock.create(), text)
        assert _probabilities(NumpyDetector(ours), text) == expected, text[:80]


def test_featureless_text_raises_as_langdetect_does(factories):
    stock, ours = factories
    for text in ("", "12 34 56", "!!!"):
        assert _probabilities(NumpyDetector(ours), text) == _probabilities(stock.create(), text)


def _prepared(detector, text: str):
    detector.set_max_text_length(2000)
    detector.append(text)
    detector.cleaning_text()
    return detector


def test_ngram_rows_are_langdetects_ngrams_in_its_order(factories, seed_fixtures):
    stock, ours = factories
    for _pass in ("words first seen", "words from the cache"):
        for text in _texts(seed_fixtures):
            expected = [ours.word_lang_prob_map[g] for g in _prepared(stock.create(), text)._extract_ngrams()]
            assert _prepared(NumpyDetector(ours), text)._ngram_rows() == expected, text[:80]


@pytest.mark.parametrize("n", [1, 2, 37, 1000, 5000])
def test_bulk_stream_gives_the_generators_gauss_and_choice_draws(n):
    """Trials alternate one gauss draw and a run of choices: the stream must give the same values in that order."""
    rng, bulk = random.Random(7), random.Random(7)
    stream = _Stream(bulk)
    for run in (1, 6, 51, 300, 11, 2000):
        assert stream.gauss(0.0, 1.0) == rng.gauss(0.0, 1.0)
        expected = [rng.choice(range(n)) for _ in range(run)]
        draws = stream.choices(n)
        assert draws.upto(run)[:run].tolist() == expected
        draws.consume(run)
    assert stream.random() == rng.random()
