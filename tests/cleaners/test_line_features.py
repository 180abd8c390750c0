"""The chrome classifier's inputs: function words per language, character counts, a block's context."""

from __future__ import annotations

import numpy as np
import pytest

from cleaners.char_counts import DIGIT, LETTER, QUOTE, CharCounts
from cleaners.function_words import function_word_share, has_function_words, words_of
from cleaners.line_features import CONTEXT, LOCAL, context_features, local_features


class TestFunctionWords:
    @pytest.mark.parametrize(("language", "prose", "menu"), [
        ("en", "The council said that it would vote on the plan in the spring.", "Markets Podcasts Weather Sport"),
        ("de", "Der Rat sagte, dass er im Frühjahr über den Plan abstimmen werde.", "Startseite Impressum Sport"),
        ("ru", "Совет заявил, что проголосует за этот план весной.", "Спорт Погода Афиша"),
        ("hi", "परिषद ने कहा कि वह वसंत में इस योजना पर मतदान करेगी।", "खेल मौसम"),
        ("zh", "市议会表示，他们将在春季对这个计划进行表决。", "体育 财经 视频"),
        ("ja", "市議会は春にこの計画について採決すると述べた。", "スポーツ 経済 動画"),
    ])
    def test_prose_is_denser_in_function_words_than_a_menu(self, language, prose, menu):
        assert has_function_words(language)
        assert function_word_share(prose, language) > function_word_share(menu, language) + 0.2

    def test_unknown_language_has_no_measure(self):
        assert not has_function_words("xx") and function_word_share("anything at all", "xx") == 0.0

    def test_words_keep_indic_vowel_signs(self):
        assert words_of("हिन्दी भाषा") == ["हिन्दी", "भाषा"]


def test_char_counts_per_block():
    counts = CharCounts(["Q1 2024: 12,430", "“Yes,” he said. Then he left.", "新闻。"])
    assert list(counts.count(DIGIT)) == [10, 0, 0]
    assert list(counts.count(LETTER)) == [1, 19, 2]
    assert list(counts.count(QUOTE)) == [0, 2, 0]
    assert list(counts.sentence_ends()) == [0, 2, 1]
    assert list(counts.word_starts()) == [1, 5, 1]  # a word opening with a quote is not counted


def test_features_have_one_row_per_block_and_their_named_columns():
    texts = ["Home", "News", "The council said that it would vote on the plan in the spring, officials said.", "Contact"]
    local = local_features(texts, "en")
    assert local.shape == (4, len(LOCAL)) and context_features(local).shape == (4, len(CONTEXT))
    ends = local[:, LOCAL.index("ends_sentence")]
    assert list(ends) == [0, 0, 1, 0]
    assert local_features([], "en").shape == (0, len(LOCAL))
    assert np.isfinite(context_features(local)).all()
