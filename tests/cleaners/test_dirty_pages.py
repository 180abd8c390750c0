"""The chain on generated dirty pages (tests/cleaners/dirty.py): the rules hold beyond the seed."""

from __future__ import annotations

import pytest

from cleaners import clean_html, clean_text
from tests.cleaners.dirty import STORIES, make_page

CASES = [(lang, seed) for lang in STORIES for seed in (1, 2)]


@pytest.mark.parametrize(("language", "seed"), CASES)
@pytest.mark.parametrize("mode", ["text", "html"])
def test_dirty_page(language, seed, mode):
    page = make_page(language, seed)
    article = clean_text(page.text) if mode == "text" else clean_html(page.html)
    assert article.paragraphs == page.paragraphs
    # a <figure>'s caption, which trafilatura drops, is read from the page (cleaners.figures)
    assert article.captions == page.captions
    for caption in page.captions:
        assert caption not in article.text
    assert article.title == page.title
    assert article.language == page.language
    everything = "\n".join([article.title or "", article.text, *article.captions])
    for junk in page.junk:
        assert junk not in everything
