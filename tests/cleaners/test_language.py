"""language: main language on a sample; foreign chrome goes, relative to the main language."""

from __future__ import annotations

import pytest

from cleaners.blocks import Block
from cleaners.language import LanguageIdentifier
from cleaners.mixedlang import ForeignBlockFilter, MainLanguage
from tests.cleaners.helpers import draft_of, texts

IDENTIFIER = LanguageIdentifier()

EN = ["The central bank raised interest rates on Tuesday for the third time this year, citing inflation.",
      "Officials said the decision was unanimous and that further increases could follow in the spring.",
      "Analysts had expected the move, which sent the currency to its highest level in five months."]
DE = ["Die Bundesregierung hat am Dienstag ein neues Klimaschutzgesetz beschlossen, das strengere Ziele vorsieht.",
      "Nach Angaben des Ministeriums sollen die Emissionen bis zum Jahr 2030 deutlich sinken.",
      "Kritiker bemängeln jedoch, dass die Maßnahmen für den Verkehrssektor nicht ausreichen würden."]
ZH = ["国家统计局周二公布的数据显示，今年前三个季度国内生产总值同比增长百分之五，高于市场预期。",
      "分析人士认为，消费和出口的回暖是经济增长的主要动力，但房地产市场仍然面临较大压力。"]


def clean(*blocks: str | Block) -> tuple[list[str], str | None]:
    draft = draft_of(*blocks)
    MainLanguage(IDENTIFIER)(draft)
    ForeignBlockFilter(IDENTIFIER)(draft)
    return texts(draft), draft.language


class TestLanguageIdentifier:
    def test_repeatable(self):
        text = "Ceci est un court texte en français, écrit pour le test."
        assert {IDENTIFIER.identify(text) for _ in range(3)} == {IDENTIFIER.identify(text)}

    def test_chinese_code_is_iso_639_1(self):
        assert IDENTIFIER.identify(ZH[0])[0] == "zh"

    def test_no_features_is_a_reason(self):
        assert IDENTIFIER.identify("12345 !!! 678") == (None, None, "no_language")

    def test_unknown_backend_is_refused_at_construction(self):
        with pytest.raises(ValueError, match="backend"):
            LanguageIdentifier(backend="nope")


class TestForeignBlocks:
    def test_chinese_chrome_around_english_article(self):
        kept, lang = clean("新闻中心", *EN, "相关文章", "广州市白云区供销联社携手6所院校推进百千万工程", "网友点评")
        assert (kept, lang) == (EN, "en")

    def test_german_article_on_english_chrome_site_keeps_german(self):
        chrome = ["Sign up for our newsletter and get the best stories of the week in your inbox every morning.",
                  "Follow us on all the social networks that you use and never miss any of the news."]
        kept, lang = clean(chrome[0], *DE, chrome[1])
        assert (kept, lang) == (DE, "de")

    def test_chinese_article_loses_english_chrome_keeps_names(self):
        kept, lang = clean("Share this story with your friends and family on social media", *ZH,
                           "Apple CEO Tim Cook", ZH[0] + "（完）")
        assert lang == "zh"
        assert kept == [*ZH, "Apple CEO Tim Cook", ZH[0] + "（完）"]

    def test_quoted_chinese_phrase_inside_english_article(self):
        quoted = 'Locals call the campaign "百千万工程", roughly "the hundred, thousand, ten thousand project".'
        kept, _ = clean(EN[0], quoted, EN[1], EN[2])
        assert quoted in kept

    def test_foreign_quotation_inside_the_article_stays(self):
        verse = "أحبب حبيبك هونا ما عسى أن يكون بغيضك يوما ما وأبغض بغيضك هونا ما"
        kept, _ = clean(EN[0], verse, EN[1], EN[2])
        assert kept == [EN[0], verse, EN[1], EN[2]]

    def test_short_blocks_names_and_numbers_stay(self):
        kept, _ = clean(*DE, "Angela Merkel", "Berlin, 12.03.2021", "OK")
        assert kept[-3:] == ["Angela Merkel", "Berlin, 12.03.2021", "OK"]

    def test_code_stays(self):
        code = Block("for (int i = 0; i < n; i++) { total += values[i]; }", tag="code")
        kept, _ = clean(*DE, code)
        assert kept[-1] == code.text


class _SeenTexts(LanguageIdentifier):
    """The real identifier, noting every text it is asked about."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def identify(self, text: str) -> tuple[str | None, float | None, str | None]:
        self.seen.append(text)
        return super().identify(text)


def test_main_language_uses_a_bounded_sample_of_the_longest_blocks():
    """langdetect's cost grows with the text: the identifier sees at most `sample_chars`, longest blocks first."""
    identifier = _SeenTexts()
    chrome = ["Home", "Newsletter", "Kontakt und Impressum der Redaktion"] * 200
    draft = draft_of(*chrome[:300], *EN, *chrome[300:])
    MainLanguage(identifier, sample_chars=150)(draft)
    assert draft.language == "en"
    [sample] = identifier.seen
    assert len(sample) <= 150
    assert sample.startswith(max(EN, key=len)[:100])
    with pytest.raises(ValueError):
        MainLanguage(IDENTIFIER, sample_chars=0)


class TestMainLanguageFromTheArticlesMass:
    AR = ["وزير الخارجية يلتقي نظيره الروسي في موسكو لبحث العلاقات الثنائية بين البلدين الشقيقين",
          "ارتفاع أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك الجديد بخفض الإنتاج اليومي",
          "افتتاح معرض الكتاب الدولي بمشاركة أكثر من خمسمائة دار نشر عربية وأجنبية هذا العام"]

    def test_words_not_bytes(self):
        # The Arabic chrome has more UTF-8 bytes than the English article, but fewer words.
        english = [*EN, "Markets in the region rose after the announcement, led by banks and the large exporters."]
        assert sum(len(t.encode()) for t in self.AR) > sum(len(t.encode()) for t in english)
        kept, lang = clean(self.AR[0], *english, *self.AR[1:])
        assert (kept, lang) == (english, "en")

    def test_links_do_not_weigh(self):
        related = [Block(t, tag="item", link_density=1.0) for t in self.AR * 3]
        kept, lang = clean(*related[:4], *EN, *related[4:])
        assert (kept, lang) == (EN, "en")
