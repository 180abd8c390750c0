"""near_dup: shingles, sketches and the overlap test, on small real texts."""

import random
from pathlib import Path

import pytest

from cleaners import clean_text, near_dup

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def budget() -> str:
    return clean_text((DATA / "dedup" / "council_budget.txt").read_text(encoding="utf-8")).text


@pytest.fixture(scope="module")
def strike() -> str:
    return clean_text((DATA / "dedup" / "council_strike.txt").read_text(encoding="utf-8")).text


def edit_words(text: str, share: float, seed: int = 7) -> str:
    """Replace `share` of the words at random positions with other words from the text."""
    rng = random.Random(seed)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), round(len(words) * share)):
        words[i] = rng.choice(words)
    return " ".join(words)


class TestShingles:
    def test_word_trigrams_ignore_case_and_punctuation(self):
        assert near_dup.shingles("Hello, World! hello world") == {b"hello world hello", b"world hello world"}

    def test_chinese_text_is_shingled_by_characters(self):
        found = near_dup.shingles("北京今天下雨了")
        assert found == {"北京今天下".encode(), "京今天下雨".encode(), "今天下雨了".encode()}

    def test_short_text_has_no_sketch(self):
        assert near_dup.sketch("Too short to judge by shingles.") is None


class TestSimilarity:
    def test_identical_texts(self, budget):
        a = near_dup.sketch(budget)
        assert near_dup.similarity(a, near_dup.sketch(budget)) == 1.0

    def test_copy_with_ten_percent_of_words_edited(self, budget):
        assert near_dup.is_near_copy(near_dup.sketch(budget), near_dup.sketch(edit_words(budget, 0.10)))

    def test_copy_truncated_to_seventy_percent(self, budget):
        words = budget.split(" ")
        cut = " ".join(words[: int(len(words) * 0.7)])
        assert near_dup.is_near_copy(near_dup.sketch(budget), near_dup.sketch(cut))

    def test_different_article_on_the_same_topic(self, budget, strike):
        score = near_dup.similarity(near_dup.sketch(budget), near_dup.sketch(strike))
        assert score < near_dup.THRESHOLD / 2

    def test_text_under_half_as_long_is_not_a_copy(self, budget):
        words = budget.split(" ")
        quarter = " ".join(words[: len(words) // 4])
        assert near_dup.similarity(near_dup.sketch(budget), near_dup.sketch(quarter)) == 0.0


class TestSketchStorage:
    def test_bytes_round_trip(self, budget):
        s = near_dup.sketch(budget)
        back = near_dup.Sketch.from_bytes(s.to_bytes(), s.size)
        assert len(s.to_bytes()) == 4 * near_dup.NUM_PERM
        assert (back.hashvalues == s.hashvalues).all() and back.size == s.size

    def test_band_keys_are_stable_and_shared_by_copies(self, budget, strike):
        keys = near_dup.band_keys(near_dup.sketch(budget))
        assert len(keys) == near_dup.BANDS
        assert keys == near_dup.band_keys(near_dup.sketch(budget))
        assert not set(keys) & set(near_dup.band_keys(near_dup.sketch(strike)))


class TestSketchOnTheArticle:
    def test_the_cleaning_chain_sketches_the_clean_text(self, budget):
        article = clean_text((DATA / "dedup" / "council_budget.txt").read_text(encoding="utf-8"))
        expected = near_dup.sketch(budget)
        assert article.sketch is not None and article.sketch.size == expected.size
        assert article.sketch.to_bytes() == expected.to_bytes()

    def test_a_text_too_short_to_sketch_has_none(self):
        assert clean_text("A title\nOnly a few words here.").sketch is None
