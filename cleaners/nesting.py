"""Remove wrapper tags nested past MAX_DEPTH, so a deeply nested page is not cut off by the parser.

libxml2 (behind lxml and trafilatura) stops building the tree at a nesting depth of 256 (2,048
with huge_tree) and silently drops everything below: a page whose article sits inside 5,000
`<div>`s (malformed HTML) came out empty. Here the page is re-tokenised with the standard
library's HTMLParser, which has no depth limit, and the start and end tags of wrappers below
MAX_DEPTH (divs, spans, inline formatting: tags that carry no structure the extractor needs) are
left out, keeping all text and every structural tag. The parser's own tree says when a page needs
this (`too_deep`: one XPath step per level, a fraction of a millisecond), so ordinary pages are
parsed once and never re-tokenised.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from lxml import etree

MAX_DEPTH = 120
# Tags whose nesting means something to the extractor; other tags below MAX_DEPTH are left out.
_STRUCTURAL = frozenset({"html", "head", "body", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li",
                         "table", "thead", "tbody", "tr", "td", "th", "pre", "blockquote", "article", "main",
                         "title", "script", "style", "textarea"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
                   "track", "wbr", "param"})
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# true when some element sits more than MAX_DEPTH levels below the document
_DEEPER_THAN_MAX = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")


def too_deep(tree: etree._Element) -> bool:
    """True when the parsed page has elements nested deeper than MAX_DEPTH (so it may also be cut off)."""
    return bool(_DEEPER_THAN_MAX(tree))


def flatten_deep_nesting(html: str, max_depth: int = MAX_DEPTH) -> str:
    """The page with wrapper tags nested deeper than `max_depth` left out; unchanged when not that deep.

    >>> page = "<html><body>" + "<div>" * 400 + "<p>Deep text.</p>" + "</div>" * 400 + "</body></html>"
    >>> flat = flatten_deep_nesting(page)
    >>> flat.count("<div>") < MAX_DEPTH and "<p>Deep text.</p>" in flat
    True
    >>> flatten_deep_nesting("<p>shallow</p>")
    '<p>shallow</p>'
    """
    if not _maybe_deep(html, max_depth):
        return html
    flattener = _Flattener(max_depth)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.out)


def _maybe_deep(html: str, max_depth: int) -> bool:
    """Cheap scan: somewhere more than `max_depth` non-void tags are open at once."""
    depth = 0
    for closing, name in _TAG.findall(html):  # tuples, not match objects: this runs over every tag of every page
        if closing:
            if depth and name.lower() not in _VOID:
                depth -= 1
        elif name.lower() not in _VOID:
            depth += 1
            if depth > max_depth:
                return True
    return False


class _Flattener(HTMLParser):
    """Re-emit the page, leaving out the tags of non-structural elements opened below max_depth."""

    def __init__(self, max_depth: int):
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.out: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, emitted)
        self.depth = 0  # emitted tags currently open

    def handle_starttag(self, tag: str, attrs: list) -> None:
        text = self.get_starttag_text() or f"<{tag}>"
        if tag in _VOID:
            self.out.append(text)
            return
        emit = self.depth < self.max_depth or tag in _STRUCTURAL
        self.stack.append((tag, emit))
        if emit:
            self.out.append(text)
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.out.append(self.get_starttag_text() or f"<{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                break
        else:
            return  # a stray end tag: browsers ignore it too
        for name, emitted in reversed(self.stack[i:]):
            if emitted:
                self.out.append(f"</{name}>")
                self.depth -= 1
        del self.stack[i:]

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")
