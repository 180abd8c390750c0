"""`parse_html`: the page's lxml tree, built as trafilatura's `load_html` builds it, without its slowest pass.

`load_html` first deletes the characters XML forbids (C0 controls, U+FFFE, U+FFFF) with a regular
expression over the whole page: about a third of the parse time, and almost never needed. Here the
page is encoded once and its bytes checked for controls (UTF-8 never hides a control byte inside
a multi-byte sequence), the text for the two non-characters; a page that has them, or that cannot be encoded, takes
trafilatura's own path. Otherwise the same repairs (a slash in the doctype, a self-closing `<html/>`),
the same parser options and the same rejection of non-HTML apply, so the tree is the one `load_html`
gives (`tests/cleaners/test_parse.py` compares them on every page we have), made of plain HtmlElements.
"""

from __future__ import annotations

import logging

from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring
from trafilatura.utils import DOCTYPE_TAG, FAULTY_HTML, load_html

logger = logging.getLogger(__name__)

# trafilatura's parser options; every element is a plain HtmlElement, chosen in C. lxml.html's own
# lookup calls back into Python for each element proxy (to make <form>, <input>... special classes
# nobody here uses), which would cost trafilatura's passes over our tree a share of their time.
_PARSER = HTMLParser(collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True)
_PARSER.set_element_class_lookup(etree.ElementDefaultClassLookup(
    element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity))
_CONTROL_BYTES = bytes(range(0x00, 0x09)) + b"\x0b\x0c" + bytes(range(0x0E, 0x20))


def parse_html(html: str) -> HtmlElement | None:
    """The page's lxml tree, or None when it is not HTML at all."""
    try:
        return _parse(html)
    except (ValueError, TypeError, etree.LxmlError) as exc:
        logger.debug("lxml could not parse the page: %r", exc)
        return None


def _parse(html: str) -> HtmlElement | None:
    try:
        data = html.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: trafilatura's path knows what to do
        return load_html(html)
    if len(data.translate(None, _CONTROL_BYTES)) != len(data) or "\ufffe" in html or "\uffff" in html:
        return load_html(html)
    beginning = html[:50].lower()
    repaired = _repair(html, beginning)
    tree = fromstring(data if repaired is html else repaired.encode("utf-8"), parser=_PARSER)
    if tree is None or len(tree) < 1:
        return load_html(html)  # trafilatura's second attempt
    if "html" not in beginning and len(tree) < 2:
        logger.debug("parsed tree length %s: not valid HTML", len(tree))
        return None
    return tree


def _repair(html: str, beginning: str) -> str:
    """trafilatura's repairs for libxml2: a slash in the doctype line, a self-closing <html/> tag."""
    if "doctype" in beginning:
        first, _, rest = html.partition("\n")
        fixed = DOCTYPE_TAG.sub("", first, count=1)
        if fixed != first:
            html = fixed + "\n" + rest
    for line in html[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            return FAULTY_HTML.sub(r"\1>", html, count=1)
    return html
