"""Property tests (issue 7): arbitrary text, bytes and HTML never make the cleaners raise or invent text.

"Never invents text" is checked on word tokens: every `\\w+` token of the output, after NFKC and
case folding, occurs in the input's text, which is the input with its tags removed, its entities
decoded, the same normalisation applied and all whitespace dropped (inline tags join words, so
`<b>fo</b>o` rightly comes out as `foo`). Bytes are compared with their decoding by `decode_html`,
the one the pipeline uses.
"""

from __future__ import annotations

import html
import re
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaners import clean_html, clean_text
from cleaners.decode import decode_html

try:  # the cleaners may repair mojibake with ftfy; the reference text gets the same repair
    import ftfy
except ImportError:  # pragma: no cover - depends on the cleaners in use
    ftfy = None

FUZZ = settings(max_examples=30, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
_TAG = re.compile(r"<[^>]*>")
_WORD = re.compile(r"\w+")


def _norm(text: str) -> str:
    """NFKC, case-folded, without whitespace and without control/format characters (parsers drop those)."""
    if ftfy is not None:
        text = ftfy.fix_text(text)
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("C"))


def _norm_spaced(text: str) -> str:
    """Like _norm, but whitespace kept, so the output still splits into words."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return "".join(c for c in text if c.isspace() or not unicodedata.category(c).startswith("C"))


def _reference(markup: str) -> str:
    """The input's text, normalised: tags removed, entities decoded, no whitespace."""
    return _norm(html.unescape(_TAG.sub("", markup)))


def _invented(output: str, reference: str) -> list[str]:
    tokens = _WORD.findall(_norm_spaced(output))
    return [t for t in tokens if t not in reference]


words = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=40)
_TAGS = ("p", "div", "span", "b", "i", "a", "h1", "h2", "article", "li", "td", "blockquote", "em", "section")


def _element(children):
    return st.builds(lambda tag, kids: f"<{tag}>" + "".join(kids) + (f"</{tag}>" if tag != "li" else ""),
                     st.sampled_from(_TAGS), st.lists(children, max_size=5))


html_docs = st.builds(
    lambda title, body: f"<html><head><title>{title}</title></head><body>{''.join(body)}</body></html>",
    words.map(html.escape),
    st.lists(st.recursive(words.map(html.escape), _element, max_leaves=30), max_size=8),
)


@FUZZ
@given(html_docs)
def test_clean_html_on_generated_html_invents_no_text(markup):
    article = clean_html(markup, url="http://example.org/fuzz")
    assert _invented(article.text, _reference(markup)) == []


@FUZZ
@given(st.text(max_size=1500))
def test_clean_html_on_arbitrary_text_invents_no_text(text):
    article = clean_html(text)
    assert _invented(article.text, _reference(text)) == []


@FUZZ
@given(st.binary(max_size=1500), st.sampled_from(["text/html", "text/html; charset=utf-8",
                                                   "text/html; charset=iso-8859-1", "text/html; charset=gbk"]))
def test_clean_html_on_arbitrary_bytes_invents_no_text(data, content_type):
    headers = {"content-type": content_type}
    article = clean_html(data, headers=headers)
    decoded, _ = decode_html(data, headers)
    assert _invented(article.text, _reference(decoded)) == []


@FUZZ
@given(st.text(max_size=1500))
def test_clean_text_invents_no_text(text):
    article = clean_text(text)
    assert _invented(article.text, _norm(text)) == []
    if article.title:
        assert _invented(article.title, _norm(text)) == []
