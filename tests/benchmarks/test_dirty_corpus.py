"""The dirty-page generator and its scorer: deterministic pages whose truth is on the page, and a scorer that
rewards the perfect output and punishes each kind of fault."""

from __future__ import annotations

import copy

import pytest

from benchmarks.dirtycorpus import bodies
from benchmarks.dirtycorpus.check import problems
from benchmarks.dirtycorpus.chrome import LANGS, RTL
from benchmarks.dirtycorpus.families import FAMILIES
from benchmarks.dirtycorpus.generate import make_page
from benchmarks.dirtycorpus.score import score_page, tokens

try:
    bodies.shared_dir()
except FileNotFoundError:
    pytest.skip("shared benchmarks not found", allow_module_level=True)

# two pages of every family (families take turns, so pages i and i + len(FAMILIES) share one)
SAMPLE = [make_page("dev", i) for i in range(2 * len(FAMILIES))]


def perfect(page):
    return "\n\n".join(page.body), list(page.captions)


def score(page, text, captions):
    return score_page(page.body, page.captions, page.neutral, page.boilerplate, text, captions)


def test_generation_is_deterministic_per_seed():
    again = make_page("dev", 3)
    assert (again.html, again.text, again.truth()) == (SAMPLE[3].html, SAMPLE[3].text, SAMPLE[3].truth())
    assert make_page("holdout", 3).html != SAMPLE[3].html
    assert make_page("7", 3).html != SAMPLE[3].html


def test_sample_covers_every_family():
    assert {page.family for page in SAMPLE} == {family.name for family in FAMILIES}


@pytest.mark.parametrize("page", SAMPLE, ids=lambda p: f"{p.id}-{p.family}")
def test_truth_is_on_the_page(page):
    """Paragraphs, captions and boilerplate are printed in the HTML and the dump; no word of the dump is untracked."""
    assert page.body and page.boilerplate
    assert problems(page) == []


def test_check_finds_a_truth_string_missing_from_the_page():
    page = copy.deepcopy(SAMPLE[0])
    page.boilerplate.append("Subscribe to our premium plan today")
    page.text = page.text.replace(page.body[0], "")
    found = problems(page)
    assert any("boilerplate not in the HTML" in p for p in found)
    assert any("body not on a line of the dump" in p for p in found)
    assert any("raw dump's body recall" in p for p in found)
    page.text += "\nUntracked words here\n"
    assert any("no truth string holds" in p for p in problems(page))


@pytest.mark.parametrize("page", SAMPLE[:len(FAMILIES)], ids=lambda p: f"{p.id}-{p.family}")
def test_perfect_output_scores_perfectly(page):
    result = score(page, *perfect(page))
    assert result.recall == 1.0
    assert result.leaked == [] and result.residue == 0.0
    assert result.captions_once in (True, None)


def test_dropping_a_paragraph_lowers_recall():
    page = max(SAMPLE, key=lambda p: len(p.body))
    text = "\n\n".join(page.body[:-1])
    result = score(page, text, page.captions)
    assert result.recall < 1.0
    assert result.recall == pytest.approx(1 - _shingles(page.body[-1]) / sum(_shingles(p) for p in page.body))


def _shingles(paragraph: str) -> int:
    return max(1, len(tokens(paragraph)) - 3)


def test_one_leaked_string_raises_residue():
    page = SAMPLE[0]
    # a string sharing no words with another one (two strings sharing words are judged on the same counts)
    string = next(s for s in page.boilerplate if len(tokens(s)) >= 3
                  and not any(o != s and set(tokens(o)) & set(tokens(s)) for o in page.boilerplate))
    text, captions = perfect(page)
    result = score(page, text + "\n\n" + string, captions)
    assert result.leaked == [string]
    assert result.residue == pytest.approx(1 / result.boilerplate)


def test_short_chrome_string_counts_beyond_what_the_body_explains():
    page = SAMPLE[0]
    text, captions = perfect(page)
    nav_item = next(s for s in page.boilerplate if len(tokens(s)) == 1)
    assert nav_item in score(page, text + "\n" + nav_item, captions).leaked
    assert score(page, text, captions).leaked == []


def test_caption_kept_twice_or_lost_fails_captions_once():
    page = next(p for p in SAMPLE if p.captions)
    text, captions = perfect(page)
    doubled = score(page, text + "\n\n" + captions[0], captions)
    assert doubled.captions_once is False and doubled.doubled == [captions[0]]
    lost = score(page, text, captions[1:])
    assert lost.captions_once is False and lost.lost == [captions[0]]
    in_text_only = score(page, text + "\n\n" + "\n\n".join(captions), [])
    assert in_text_only.captions_once is True


def test_caption_kept_without_its_credit_still_counts_once():
    page = next(p for p in SAMPLE if p.captions)
    text, captions = perfect(page)
    long_caption = "Residents walk past a damaged building in the city centre on Tuesday (AP Photo/Evan Vucci)"
    result = score_page(page.body, [long_caption], [], [], text, [long_caption.split(" (AP")[0]])
    assert result.captions_once is True


def test_tokens_split_cjk_characters_and_keep_words():
    assert tokens("东方新闻网 Breaking-News 2019年") == ["东", "方", "新", "闻", "网", "breaking", "news", "2019", "年"]
    assert tokens("많이 본 뉴스") == ["많이", "본", "뉴스"]


def test_dev_and_holdout_use_different_articles():
    dev, holdout = bodies.articles_for("dev"), bodies.articles_for("holdout")
    assert len(dev) >= 8 and set(dev) == set(holdout)
    for lang in dev:
        assert not {a.source for a in dev[lang]} & {a.source for a in holdout[lang]}


def test_every_chrome_language_fills_every_slot():
    reference = LANGS["en"]
    for lang, table in LANGS.items():
        missing = {slot for slot in reference if slot not in table}
        assert not missing, (lang, missing)
        assert set(table["heads"]) == set(reference["heads"]), lang
        assert set(table["notices"]) == set(reference["notices"]), lang
        # dev and holdout each get half of the headline pool: enough for a related list of six
        assert len(table["headlines"]) >= 12, lang
        for template in table["rights"]:
            assert "{site}" in template and "{year}" in template, (lang, template)
    assert len(RTL) >= 2 and len(LANGS) >= 12
