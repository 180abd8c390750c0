"""Drop pages that are not articles: index, tag, category, search and login pages.

A site crawl reaches many pages that list articles rather than being one. Their teaser text can be
long enough to pass as an article, so the decision uses what the page says about itself first
(JSON-LD `@type`, `og:type`), then the shape of its URL (`/tag/x`, `/category/x/page/2`, `?s=…`),
then its structure: a login form, or text that is mostly links or teaser headlines. Explicit article
markup wins over URL shape and structure, so `/category/x/some-story` marked as a NewsArticle stays.
The spider still follows a dropped page's links; only the writing is skipped.

>>> page_kind('<html><head><meta property="og:type" content="article"></head></html>', "https://x.org/tag/rail")
(True, None)
>>> page_kind('<html><body><p>Posts tagged rail</p></body></html>', "https://x.org/tag/rail/")
(False, 'tag_page')
"""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qsl, urlsplit

import lxml.html
from lxml import etree

# schema.org types (lower case) that are articles, and listing types with their reason
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicmodenewsarticle", "satiricalarticle",
    "scholarlyarticle", "techarticle", "report", "liveblogposting", "posting", "socialmediaposting", "review",
})
LISTING_TYPES = {"collectionpage": "index_page", "itemlist": "index_page", "profilepage": "index_page",
                 "searchresultspage": "search_page", "mediagallery": "index_page"}
# URL path segments that name a listing, followed by at most one slug and optional /page/N
_URL_KINDS = {"tag": "tag_page", "tags": "tag_page", "label": "tag_page", "labels": "tag_page",
              "category": "category_page", "categories": "category_page", "topic": "category_page",
              "topics": "category_page", "section": "category_page", "sections": "category_page",
              "author": "index_page", "authors": "index_page", "archive": "index_page", "archives": "index_page",
              "search": "search_page", "login": "login_page", "signin": "login_page", "sign-in": "login_page",
              "register": "login_page", "account": "login_page"}
_SEARCH_PARAMS = frozenset({"s", "q", "query", "search", "keywords"})
_PAGINATION = re.compile(r"^(page|p)$")
# Structure thresholds: a listing has one teaser card (headline link + summary) per few dozen words
# of text; an article's inline and "related" links are few against its prose (checked on real article
# pages: tests/cleaners/test_pagekind.py runs the shared 181-page benchmark, all articles).
MIN_TEASERS = 6
MAX_WORDS_PER_TEASER = 30
MIN_TEASERS_WEBSITE = 3  # the page declares itself no article (og:type website): less evidence needed
MAX_WORDS_PER_TEASER_WEBSITE = 60
MAX_LOGIN_WORDS = 60
_SKIP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside")


def page_kind(html: str | bytes, url: str | None, word_count: int | None = None) -> tuple[bool, str | None]:
    """(True, None) for an article; (False, reason) for an index/tag/category/search/login page."""
    try:
        root = lxml.html.fromstring(html) if html and (html.strip() if isinstance(html, str) else html.strip()) \
            else None
    except (etree.ParserError, ValueError):
        root = None
    if root is None:
        return True, None  # nothing to judge: the other filters decide
    types = _declared_types(root)
    # many article pages carry a site-wide login widget: a password field decides only on a short page
    if (word_count is None or word_count < MAX_LOGIN_WORDS) and not types & ARTICLE_TYPES \
            and root.xpath("//form//input[translate(@type, 'PASWORD', 'pasword')='password']"):
        return False, "login_page"
    if types & ARTICLE_TYPES:
        return True, None
    if by_url := _url_kind(url):
        return False, by_url
    for t in types:
        if t in LISTING_TYPES:
            return False, LISTING_TYPES[t]
    if _looks_like_listing(root, word_count, website="website" in types):
        return False, "index_page"
    return True, None


def _declared_types(root: lxml.html.HtmlElement) -> set[str]:
    """schema.org @type values from JSON-LD (with @graph) plus `article` when og:type says so."""
    types: set[str] = set()
    for script in root.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        stack, seen = [data], 0
        while stack and seen < 500:  # bounded: hostile JSON-LD can nest deep
            node, seen = stack.pop(), seen + 1
            if isinstance(node, list):
                stack.extend(node)
            elif isinstance(node, dict):
                t = node.get("@type")
                types.update(x.lower() for x in (t if isinstance(t, list) else [t]) if isinstance(x, str))
                if "@graph" in node:
                    stack.append(node["@graph"])
    og = root.xpath("string(//meta[@property='og:type']/@content)").strip().lower()
    if og == "article" or og.startswith("article:"):
        types.add("article")
    elif og == "website":  # OpenGraph's type for anything that is not a specific object
        types.add("website")
    return types


def _url_kind(url: str | None) -> str | None:
    """The listing kind a URL's shape shows (`/tag/x/`, `/category/x/page/3`, `/search?q=`), or None."""
    if not url:
        return None
    parts = urlsplit(url)
    if any(k.lower() in _SEARCH_PARAMS and v for k, v in parse_qsl(parts.query)):
        return "search_page"
    segments = [s.lower() for s in parts.path.split("/") if s]
    while len(segments) >= 2 and _PAGINATION.match(segments[-2]) and segments[-1].isdigit():
        segments = segments[:-2]
    if segments and segments[-1] in ("index.html", "index.htm", "index.php"):
        segments = segments[:-1]
    if not segments:
        return "index_page"  # a site's (or section's paginated) front page lists articles
    for i, seg in enumerate(segments):
        name = seg.rsplit(".", 1)[0] if "." in seg else seg
        if name in _URL_KINDS and len(segments) - i - 1 <= 1:
            return _URL_KINDS[name]
    return None


def _looks_like_listing(root: lxml.html.HtmlElement, word_count: int | None, website: bool = False) -> bool:
    """Many teaser cards (a headline link with its own summary) for the amount of text.

    Only cards count, not bare headline links: an article's "most read" box or link-heavy menu is a
    list of links without summaries, while a listing repeats headline + summary for each story.
    """
    body = root.find("body")
    if body is None:
        return False
    cards = 0
    stack = [body]
    while stack:  # depth-first, skipping navigation subtrees
        el = stack.pop()
        if not isinstance(el.tag, str) or el.tag in _SKIP:
            continue
        if el.tag == "a":
            cards += _is_card_headline(el)
            continue
        stack.extend(el)
    if not cards:
        return False
    words = word_count if word_count is not None else len(body.text_content().split())
    if website:
        return cards >= MIN_TEASERS_WEBSITE and words / cards < MAX_WORDS_PER_TEASER_WEBSITE
    return cards >= MIN_TEASERS and words / cards < MAX_WORDS_PER_TEASER


def _is_card_headline(link: lxml.html.HtmlElement) -> bool:
    """A link of 4+ words whose parent or grandparent holds 8+ words of its own, outside links."""
    if len(link.text_content().split()) < 4:
        return False
    for box in (link.getparent(), link.getparent().getparent() if link.getparent() is not None else None):
        if box is None or box.tag in ("body", "html"):
            return False
        links = box.xpath(".//a")
        if len(links) > 3:
            return False  # a list of links, not one story's card
        own = len(box.text_content().split()) - sum(len(a.text_content().split()) for a in links)
        if own >= 8:
            return True
    return False
