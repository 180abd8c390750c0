"""Our direct call of trafilatura's cascade gives the body `bare_extraction` gives, without its copy."""

from __future__ import annotations

import pytest
from lxml import etree
from trafilatura import bare_extraction

from cleaners.extract import _run_trafilatura
from cleaners.parse import parse_html
from tests.cleaners.test_parse import PAGES


def _bare(html: str, fast: bool) -> str | None:
    doc = bare_extraction(html, fast=fast, favor_precision=False, favor_recall=False, include_comments=False,
                          include_tables=True, include_images=False, include_links=False, include_formatting=False,
                          deduplicate=False, with_metadata=False, output_format="txt")
    return None if doc is None or doc.body is None else etree.tostring(doc.body, encoding="unicode")


def _ours(html: str, fast: bool) -> str | None:
    body = _run_trafilatura(parse_html(html), None, fast=fast)
    return None if body is None else etree.tostring(body, encoding="unicode")


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "full"])
def test_same_body_as_bare_extraction(fast: bool, seed_fixtures) -> None:
    htmls = [p.read_text(encoding="utf-8") for p in PAGES]
    htmls.append((seed_fixtures / "seed_page.html").read_text(encoding="utf-8"))
    assert len(htmls) > 10
    for html in htmls:
        assert _ours(html, fast) == _bare(html, fast)


def test_small_and_empty_pages_as_bare_extraction() -> None:
    assert _ours("<html><body><p> </p></body></html>", True) is None
    assert _bare("<html><body><p> </p></body></html>", True) is None
    nav_only = "<html><body><nav><a href='/'>Home</a></nav></body></html>"  # the rescue keeps the link text
    assert _ours(nav_only, True) == _bare(nav_only, True) == "<body><p>Home</p></body>"


def test_the_cascade_prunes_comment_sections_from_the_tree_it_is_given() -> None:
    html = ("<html><body><article><p>" + "A sentence of the article body text. " * 20 + "</p></article>"
            "<div id='comments'><p>First!</p></div></body></html>")
    tree = parse_html(html)
    assert tree.find(".//div[@id='comments']") is not None
    assert _run_trafilatura(tree, None, fast=True) is not None
    assert tree.find(".//div[@id='comments']") is None  # why extract_page reads the intact page first
