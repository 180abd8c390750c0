"""Renders a page as a plain-text dump: every text block on its own line, in document order, no markup.

This is what a WET record or a browser's "save as text" gives: block elements (paragraphs, list items, table
cells, headings, divs...) start a new line, `<br>` breaks the line, inline elements run on, whitespace collapses,
and the head, scripts and styles are left out. Chrome stays: the dump holds everything a reader could see.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div",
    "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "amp-sidebar", "amp-user-notification", "amp-ad", "button", "ignore_js_op",
})
SKIP = frozenset({"head", "script", "style", "noscript", "template", "svg", "iframe", "select", "title"})
_SPACE = re.compile(r"\s+")


class _Lines:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.current: list[str] = []

    def text(self, value: str | None) -> None:
        if value:
            self.current.append(value)

    def ending(self) -> None:
        line = _SPACE.sub(" ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []


def _walk(element, out: _Lines) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in SKIP or not tag:
        if tag == "" or tag.lower() in SKIP:
            out.text(element.tail)
        return
    block = tag.lower() in BLOCKS
    if block:
        out.ending()
    if tag.lower() == "br":
        out.ending()
    out.text(element.text)
    for child in element:
        _walk(child, out)
    if block:
        out.ending()
    out.text(element.tail)


def text_dump(page_html: str) -> str:
    """The page's visible text, one block per line."""
    root = lxml_html.document_fromstring(page_html)
    out = _Lines()
    body = root.find("body")
    _walk(body if body is not None else root, out)
    out.ending()
    return "\n".join(out.lines) + "\n"
