"""parse_html builds the tree trafilatura's load_html builds, on real pages and on the inputs it repairs."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from cleaners.parse import parse_html
from tests.conftest import ROOT

PAGES = sorted((ROOT / "tests" / "data" / "pages").glob("*.html")) + sorted((ROOT / "crawler" / "cli" / "sample_site").rglob("*.html"))

CRAFTED = {
    "control characters": "<html><body><p>bell\x07 and\x0b vertical tab</p><p>second</p></body></html>",
    "non-characters": "<html><body><p>odd \ufffe and \uffff here</p></body></html>",
    "slash in doctype": '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "/x.dtd"/>\n<html><body><p>t</p></body></html>',
    "doctype on the only line": "<!DOCTYPE html><html><body><p>one line</p></body></html>",
    "self-closing html": '<html lang="en"/>\n<head><title>t</title></head><body><p>text</p></body>',
    "fragment": "<p>just a paragraph</p>",
    "two fragments": "<p>one</p><div>two</div>",
    "not html": "plain words and nothing else",
    "xml declaration": '<?xml version="1.0" encoding="ISO-8859-1"?><html><body><p>déjà</p></body></html>',
    "cjk": "<html><head><meta charset='gbk'></head><body><p>北京会谈 ü</p></body></html>",
    "lone surrogate": "<html><body><p>bad \ud800 char</p></body></html>",
}


def _same(html: str) -> None:
    ours, theirs = parse_html(html), load_html(html)
    assert (ours is None) == (theirs is None)
    if ours is not None:
        assert etree.tostring(ours, encoding="unicode") == etree.tostring(theirs, encoding="unicode")
        # trafilatura calls lxml.html methods on any element
        assert all(isinstance(el, HtmlElement) for el in ours.iter() if isinstance(el.tag, str))


def test_pages_exist():
    assert len(PAGES) >= 10


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_same_tree_as_trafilatura_on_real_pages(path: Path):
    _same(path.read_text(encoding="utf-8", errors="replace"))


def test_same_tree_on_the_seed_page(seed_fixtures):
    _same((seed_fixtures / "seed_page.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_same_tree_on_inputs_that_need_repair(name: str):
    _same(CRAFTED[name])
