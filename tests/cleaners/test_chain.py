"""chain: one plain tuple of steps per mode, applied in order; bad input gets a verdict, not a crash."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cleaners import clean_html, clean_text, near_dup
from cleaners.blocks import Block, Page
from cleaners.chain import HTML_STEPS, TEXT_STEPS, content_hash, count_words, run_steps
from cleaners.textmeta import drop_title_copy, take_text_title
from cleaners.verdict import verdict


def test_chains_are_plain_tuples_of_callables():
    for steps in (HTML_STEPS, TEXT_STEPS):
        assert isinstance(steps, tuple)
        assert all(callable(step) for step in steps)
    assert take_text_title in TEXT_STEPS and take_text_title not in HTML_STEPS
    assert drop_title_copy in HTML_STEPS


def test_empty_and_junk_only_text():
    assert clean_text("").text == ""
    article = clean_text("2024-09-22 07:13\n\n© 2024 Example. All rights reserved.")
    assert article.text == ""
    assert article.removed == {"no_words": 1, "notice": 1}


def test_html_without_main_text_is_empty_and_the_verdict_names_it():
    article = clean_html(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    assert article.text == ""
    assert article.removed == {}  # removed counts blocks by kind; "no main text" is a verdict, not a block
    assert verdict(article) == (False, "no_main_text")


def test_extraction_level_removals_are_counted_with_the_chain_s():
    html = ("<html><head><title>Harbour ferry returns</title></head><body><article>"
            "<h1>Harbour ferry returns</h1>"
            + "".join(f"<p>The island ferry sailed again on day {i} of the new timetable, carrying commuters "
                      "and schoolchildren to the mainland.</p>" for i in range(6))
            + "<p>Read more:</p><p>© 2026 Harbour Post. All rights reserved.</p></article></body></html>")
    article = clean_html(html)
    assert "Read more" not in article.text and "All rights reserved" not in article.text
    assert article.removed.get("prompt") == 1 and article.removed.get("notice") == 1


def test_run_steps_counts_every_removal_by_kind():
    page = Page(blocks=[Block("Share this article", tag="line"), Block("Real text of the story.", tag="line")])
    draft = run_steps(page, TEXT_STEPS)
    assert [b.text for b in draft.blocks] == ["Real text of the story."]
    assert draft.removed == {"notice": 1}


def test_record_fields_are_filled():
    article = clean_text("Rates rise again\nBy Jane Doe, 2023-05-02\n" + "The bank raised rates again today. " * 5)
    assert article.title == "Rates rise again"
    assert article.language == "en" and 0 < article.language_score <= 1
    assert article.removed == {"title": 1, "byline": 1}
    assert article.word_count == 30 and article.content_hash


def test_published_date_reaches_the_record_as_utc():
    body = "".join(f"<p>{'The council approved the budget after a long debate on Tuesday night. ' * 3}</p>"
                   for _ in range(4))
    page = (f'<html><head><meta property="article:published_time" content="2019-11-18T10:30:00Z">'
            f"<title>Budget approved</title></head><body><article><h1>Budget approved</h1>{body}</article></body></html>")
    article = clean_html(page)
    assert article.published == datetime(2019, 11, 18, 10, 30, tzinfo=UTC)


@pytest.mark.parametrize("lines", [
    ["The council met on Tuesday and voted to rebuild the sea wall before winter.",
     "Officials said the work would start in March, after the storms – “finally”.",
     "Ünïcödé café déjà vu: ½ of the ﬁne print was read aloud by the clerk."],
    ["北京市政府周二宣布了新的城市规划方案，涉及交通和住房等多个领域的长期改革。",
     "Seoul's 2019 talks: 한국 대표단 met 日本 officials to discuss trade and fishing rights.",
     "上海的居民对这项计划表示欢迎，但也有人担心房价会继续上涨，影响年轻家庭的生活。"],
])
def test_counts_hash_and_sketch_computed_together_equal_their_standalone_functions(lines):
    article = clean_text("\n".join(lines))
    assert article.word_count == count_words(article.text) > 20
    assert article.content_hash == content_hash(article.text)
    alone = near_dup.sketch(article.text)
    assert alone is not None
    assert article.sketch.size == alone.size and (article.sketch.hashvalues == alone.hashvalues).all()
