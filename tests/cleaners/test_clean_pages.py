"""clean_html on pages written for the chain's prose floor: what must be kept, how often, and what must go
(tests/data/pages/clean_*)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaners.prose_floor as prose_floor
from cleaners import clean_html

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
CLEAN_PAGES = sorted(p.stem for p in PAGES.glob("clean_*.html"))


def _text(name: str) -> str:
    return clean_html((PAGES / f"{name}.html").read_bytes()).text


@pytest.mark.parametrize("name", CLEAN_PAGES)
def test_page_keeps_with_and_drops_without(name):
    expected = json.loads((PAGES / f"{name}.expected.json").read_text(encoding="utf-8"))
    text = _text(name)
    assert [s for s in expected["with"] if s not in text] == []
    assert [s for s in expected["without"] if s in text] == []
    assert {s: text.count(s) for s in expected.get("count", {})} == expected.get("count", {})


def test_pages_exist():
    assert CLEAN_PAGES


def test_refrain_needs_the_prose_floor(monkeypatch):
    """Without the floor the repeated-block step leaves one verse of four."""
    monkeypatch.setattr(prose_floor, "KEEP", 0.0)
    assert _text("clean_refrain_between_drawings").count("Row the boat across the water") == 1
