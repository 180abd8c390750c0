"""extract_page on pages written for its rules: what must be kept and what must go (tests/data/pages/extract_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaners.extract as extract
import cleaners.prose_floor as prose_floor
from cleaners.extract import extract_page

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
EXTRACT_PAGES = sorted(p.stem for p in PAGES.glob("extract_*.html"))


def _body(name: str) -> str:
    page, reason = extract_page((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    assert page is not None, reason
    return "\n".join(b.text for b in page.blocks)


@pytest.mark.parametrize("name", EXTRACT_PAGES)
def test_page_keeps_with_and_drops_without(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = _body(name)
    assert [s for s in expected["with"] if s not in text] == []
    assert [s for s in expected["without"] if s in text] == []
    assert {s: text.count(s) for s in expected.get("count", {})} == expected.get("count", {})


def test_pages_exist():
    assert len(EXTRACT_PAGES) >= 4


def test_whole_page_dump_needs_the_second_opinion(monkeypatch):
    """Without the doubt-gated full run, the fast result is the menu dump (so the page tests the gate)."""
    monkeypatch.setattr(extract, "_doubtful", lambda body, article_body: False)
    text = _body("extract_whole_page_dump")
    assert "Fevereiro" in text


def _no_gate(*_args) -> bool:
    return False


def test_bare_text_article_needs_a_gate(monkeypatch):
    """Without the left-out-text and teaser gates the fast result is the caption and chrome around the article."""
    monkeypatch.setattr(extract, "_left_out_bare_text", _no_gate)
    monkeypatch.setattr(extract, "_kept_a_teaser", _no_gate)
    assert "the evening crossings would run again" not in _body("extract_bare_text_article")


@pytest.mark.parametrize("gate", ["_left_out_bare_text", "_kept_a_teaser"])
def test_either_gate_alone_finds_the_bare_text_article(monkeypatch, gate):
    other = {"_left_out_bare_text", "_kept_a_teaser"} - {gate}
    monkeypatch.setattr(extract, other.pop(), _no_gate)
    assert "the evening crossings would run again" in _body("extract_bare_text_article")


def test_repeated_paragraphs_need_the_left_out_gate(monkeypatch):
    """Without it, trafilatura's fast mode keeps one of the three sections and none of the headings."""
    monkeypatch.setattr(extract, "_left_out_beside", _no_gate)
    text = _body("extract_repeated_paragraphs")
    assert text.count("The branch is open") == 1 and "South branch" not in text


def test_newsletter_container_article_needs_the_prose_floor(monkeypatch):
    """Without the floor the promotion step takes every paragraph and the page has no main text."""
    monkeypatch.setattr(prose_floor, "KEEP", 0.0)
    page, reason = extract_page((PAGES / "extract_article_in_newsletter_container.html").read_text(encoding="utf-8"))
    assert page is None and reason == "no_main_text"


def test_rules_are_what_removes_the_junk(monkeypatch):
    """With the block steps switched off, the junk is there: the pages test our rules, not trafilatura's."""
    monkeypatch.setattr(extract, "remove_furniture", lambda page, *args: page)
    assert "Related: How to build and place a swift nest box" in _body("extract_related_and_prompts")
    assert "Harbour town votes to rebuild its old sea wall" in _body("extract_lead")


class TestExtractPage:
    def test_empty_page_is_no_main_text(self):
        assert extract_page("<html><body><nav><a href='/'>Home</a></nav></body></html>") == (None, "no_main_text")

    def test_not_html_is_a_reason_not_an_exception(self):
        page, reason = extract_page("")
        assert page is None and reason in {"unparseable_html", "no_main_text"}

    def test_metadata_filled_from_the_same_parse(self):
        page, _ = extract_page((PAGES / "extract_lead.html").read_text(encoding="utf-8"))
        assert page.title == "Harbour town votes to rebuild its old sea wall"
        assert page.sitename == "The Coastal Ledger"
        assert page.html_lang == "en"
        assert page.description.startswith("After two winters of flooding")

    def test_seed_page_signals(self, seed_html):
        page, _ = extract_page(seed_html)
        first = page.blocks[0]
        assert first.near_image  # the caption paragraph sits right under the photo
        glued = next(b for b in page.blocks if "charity group" in b.text)
        # the glued headline run is mostly links but also carries a real sentence: it is kept for the
        # cleaners' headline-run step, which cuts the links and keeps the sentence
        assert 0.3 < glued.link_density < 0.75


def test_split_body_needs_the_restore_step(monkeypatch):
    """Trafilatura alone keeps only the first of the three body containers."""
    monkeypatch.setattr(extract, "restore_split_body", lambda page, tree, source: page)
    text = _body("extract_split_body")
    assert "The river authority has begun dredging" in text
    assert "Barge operators welcomed the plan" not in text


def test_split_body_keeps_document_order():
    text = _body("extract_split_body")
    order = [text.index(s) for s in ("The river authority", "Barge operators", "Environmental groups")]
    assert order == sorted(order)
