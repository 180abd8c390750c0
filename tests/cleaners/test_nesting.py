"""Deeply nested pages: the parser's tree flags them, the wrappers are flattened, the article survives."""

from __future__ import annotations

import pytest

from cleaners import clean_html
from cleaners.nesting import MAX_DEPTH, too_deep
from cleaners.parse import parse_html

ARTICLE = "".join(f"<p>Paragraph {n} of the buried report says the harbour wall will be rebuilt before winter storms "
                  f"arrive, and the council has set aside money for it this year.</p>" for n in range(4))


def _page(depth: int) -> str:
    return (f"<html><head><title>Buried report</title></head><body>{'<div>' * depth}{ARTICLE}"
            f"{'</div>' * depth}</body></html>")


@pytest.mark.parametrize("depth", [5, MAX_DEPTH - 5])
def test_ordinary_depth_is_not_flagged(depth):
    assert not too_deep(parse_html(_page(depth)))


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 300, 5000])
def test_deep_pages_are_flagged_and_keep_their_text(depth):
    assert too_deep(parse_html(_page(depth)))
    article = clean_html(_page(depth), url="http://127.0.0.1/deep")
    assert [p[:14] for p in article.paragraphs] == [f"Paragraph {n} of" for n in range(4)]
