"""Find image captions in the page's own markup, before extraction prunes it.

Trafilatura removes `<figure>` (and with it `<figcaption>`) and keeps other caption markup as
ordinary paragraphs, so the record's `captions` cannot come from its body alone. A caption is
found here by its place beside an image, whatever the theme calls it:

- the smallest element around an image (`<img>`, `<amp-img>`) that holds any text, when it is a
  figure-like box: the text sits in one element of its own (not loose around the image), is
  short, mostly not links, has no heading (a teaser card has one) and the box holds one image.
  That covers `<figure>`, WordPress's `wp-caption` div, Blogger's caption table and Bootstrap's
  figure alike;
- any `<figcaption>` (a figure may hold a video or several images);
- inside a text container, a short element right after an image (or after the textless element
  wrapping it) whose class or id calls it a caption, cutline or legend.

A paragraph that merely follows an image in the article's text is none of these, and stays.
Each caption keeps its place in the page and its ancestors, so extraction can keep the captions
inside the article's container and put them back where they stood (`cleaners.placecaptions`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from cleaners.scripts import word_units
from cleaners.treeblocks import IMAGE_TAGS, norm_space, text_of

_MAX_CAPTION_UNITS = 80  # words (a CJK character is one): longer text beside an image is an article or a card
_MAX_BOX_CHARS = 2000  # before whitespace is collapsed; a caption box holds far less
_MAX_BOX_CHILDREN = 8  # an element with more children is a text container, not a figure
_MAX_DEPTH = 5  # a figure box sits within a few levels of its image (img > td > tr > tbody > table)
_LINK_DENSE = 0.5
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_FALLBACKS = frozenset({"noscript", "amp-img", "amp-anim"})  # an <img> inside these repeats its holder
_CODE = ("script", "style", "noscript", "template", "iframe", "form", "button")
_CAPTION_NAME = re.compile(r"caption|cutline|legend")
# elements of the text's own flow: a picture inside one is part of the text, not a figure
_TEXT_FLOW = frozenset({"blockquote", "li", "ul", "ol", "dl", "article", "main", "section", "body", "html", "form"})


@dataclass
class PageCaptions:
    """The captions found on a page, and every element's place in it (to order blocks among captions)."""

    captions: list[DomCaption]
    order: dict[HtmlElement, int]


@dataclass
class DomCaption:
    """A caption read from the page: its text, the element holding it and that element's ancestors."""

    text: str
    box: HtmlElement
    ancestors: tuple[HtmlElement, ...]

    def inside(self, container: HtmlElement) -> bool:
        """True when the caption sits within `container` (or is it)."""
        return container is self.box or container in self.ancestors


def find_captions(tree: HtmlElement) -> PageCaptions:
    """The page's image captions in document order, each element once."""
    boxes: dict[HtmlElement, str] = {}
    for img in tree.iter(IMAGE_TAGS):
        found = _caption_of(img)
        if found is not None:
            boxes.setdefault(*found)
    for el in tree.iter("figcaption"):
        text = norm_space(text_of(el))
        if el not in boxes and not any(a in boxes for a in el.iterancestors()) and _caption_text(el, text):
            boxes[el] = text
    if not boxes:
        return PageCaptions([], {})
    order = {el: i for i, el in enumerate(tree.iter())}
    ordered = sorted(boxes.items(), key=lambda item: order[item[0]])
    return PageCaptions([DomCaption(text, box, tuple(box.iterancestors())) for box, text in ordered], order)


def _caption_of(img: HtmlElement) -> tuple[HtmlElement, str] | None:
    """(element, caption) for the image's figure box or its named caption neighbour, else None."""
    wrapper, node = img, img.getparent()
    for _ in range(_MAX_DEPTH):  # up to the smallest element around the image that holds text
        if node is None:
            return None
        raw = text_of(node)
        if raw and not raw.isspace():
            break
        wrapper, node = node, node.getparent()
    else:
        return None
    if len(raw) <= _MAX_BOX_CHARS and len(node) <= _MAX_BOX_CHILDREN:
        holder = _figure_text(node, wrapper)
        text = norm_space(raw) if holder is not None else ""
        if holder is not None and _caption_text(holder, text):
            return node, text
    following = wrapper.getnext()
    if following is None or not isinstance(following.tag, str):
        return None
    name = f"{following.get('class') or ''} {following.get('id') or ''}".lower()
    if not _CAPTION_NAME.search(name):
        return None
    text = norm_space(text_of(following))
    return (following, text) if _caption_text(following, text) else None


def _figure_text(node: HtmlElement, wrapper: HtmlElement) -> HtmlElement | None:
    """The element holding the caption when node is a figure box: one picture, one element of text.

    That element holds at most one paragraph and no heading. Text loose around the image is a
    paragraph that starts with an inline picture; a heading beside an image is a teaser card; an
    element of several paragraphs, or a text and a caption of its own beside the image, is a
    section of the article with its picture; a quotation or a list item holding a picture is text.
    """
    if node.tag in _TEXT_FLOW or (node.text and node.text.strip()) or any(c.tail and c.tail.strip() for c in node):
        return None
    texts = [c for c in node if c is not wrapper and (t := text_of(c)) and not t.isspace()]
    if len(texts) != 1 or sum(1 for _ in texts[0].iter("p", "div", "li")) > 1:
        return None
    if wrapper.tag == "p" and texts[0].tag == "p":
        return None  # a picture paragraph, then a text paragraph: the article's own flow
    if _pictures(node) != 1 or next(node.iter(_HEADINGS), None) is not None:
        return None
    return texts[0]


def _pictures(node: HtmlElement) -> int:
    """Images in node, an AMP image's or a lazy loader's <noscript> fallback not counted again."""
    return sum(1 for el in node.iter(IMAGE_TAGS) if (p := el.getparent()) is None or p.tag not in _FALLBACKS)


def _caption_text(el: HtmlElement, text: str) -> bool:
    """Short words, mostly not link text (a linked title under a thumbnail is a teaser), no script or form."""
    if not text or word_units(text) > _MAX_CAPTION_UNITS or not any(c.isalpha() for c in text):
        return False
    if next(el.iter(_CODE), None) is not None:
        return False  # an ad slot or widget: its "text" is a script
    if el.tag == "a" or any(a.tag == "a" for a in el.iterancestors()):
        return False
    linked = sum(len(norm_space(text_of(a))) for a in el.iter("a"))
    return linked < _LINK_DENSE * len(text)
