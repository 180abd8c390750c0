"""extract_page on pages written for its rules: what must be kept and what must go (tests/data/pages/extract_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaners.extract as extract
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


def test_pages_exist():
    assert len(EXTRACT_PAGES) >= 4


def test_whole_page_dump_needs_the_second_opinion(monkeypatch):
    """Without the doubt-gated full run, the fast result is the menu dump (so the page tests the gate)."""
    monkeypatch.setattr(extract, "_doubtful", lambda body, article_body: False)
    text = _body("extract_whole_page_dump")
    assert "Fevereiro" in text


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
