"""The seed page: text and HTML mode both give the expected record, none of the junk."""

from __future__ import annotations

import json

import pytest

from cleaners import clean_html, clean_text


@pytest.fixture(scope="module")
def expected(seed_fixtures):
    return json.loads((seed_fixtures / "seed.expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["text", "html"])
def article(request, seed_fixtures):
    if request.param == "text":
        return clean_text((seed_fixtures / "seed.txt").read_text(encoding="utf-8"))
    return clean_html((seed_fixtures / "seed_page.html").read_bytes())


def _ws(texts):
    return [" ".join(t.split()) for t in texts]


def test_paragraphs_exactly(article, expected):
    assert _ws(article.paragraphs) == _ws(expected["paragraphs"])
    assert article.text == "\n\n".join(article.paragraphs)


def test_captions_once_each_in_order(article, expected):
    assert _ws(article.captions) == _ws(expected["captions"])


def test_title_and_language(article, expected):
    assert article.title == expected["title"]
    assert article.language == expected["language"]
    assert article.language_score is not None and article.language_score > 0.9


def test_no_junk_anywhere(article, expected):
    everything = "\n".join([article.title or "", article.text, *article.captions])
    for junk in expected["must_not_contain"]:
        assert junk not in everything


def test_removals_counted_by_kind(article):
    assert article.removed["caption"] >= 4
    assert article.removed["headline_run"] == 1
    assert all(k.islower() and " " not in k for k in article.removed)
