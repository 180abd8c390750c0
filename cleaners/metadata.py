"""Read page metadata from the parsed tree: title, author, date, site name, description, `<html lang>`.

Sources, best first: JSON-LD, OpenGraph, `<meta>` tags, then the page itself (`<title>`, `<h1>`,
a byline). The rules are general: a site-name suffix is cut from the title at a separator
("_", "|", " - ", ...), a byline that names the site is not an author, and the date is the first
publication's, never the last edit's (`cleaners.metadata_date`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from lxml.html import HtmlElement

from cleaners.jsonld import JsonLd
from cleaners.metadata_byline import byline_author, clean_author, same_name
from cleaners.metadata_date import PUBLISHED_META, published_date
from cleaners.treeblocks import norm_space, text_of

# separators between a headline and the site name in <title>: "Story | Site", "Story_Site", "Story - Site"
_TITLE_SEP = re.compile(r"\s+[|\-–—·»:]{1,2}\s+|\s*_\s*|\s*｜\s*")
_URL_HOST = re.compile(r"^https?://(?:www\.)?([^/\s]+)/?$")


@dataclass
class Metadata:
    """Page-level facts read from the HTML; every field is None when the page does not say."""

    title: str | None = None
    author: str | None = None
    published: str | None = None
    sitename: str | None = None
    description: str | None = None
    html_lang: str | None = None
    # every headline the page states (JSON-LD, og:title, <title> without site name, <h1>)
    headlines: tuple[str, ...] = ()


def read_metadata(tree: HtmlElement, jsonld: JsonLd, url: str | None = None,
                  now: datetime | None = None) -> Metadata:
    """Metadata of a parsed page, from JSON-LD, OpenGraph, <meta> and the page's own byline."""
    meta = _meta_tags(tree)
    raw_title = norm_space(tree.findtext(".//title"))
    h1 = next((t for t in (norm_space(text_of(h)) for h in tree.iter("h1")) if t), None)
    sitename = _site(meta.get("og:site_name")) or _site(jsonld.publisher) or _site(jsonld.site_name)
    sitename = sitename or _site(meta.get("application-name"))
    title_head, title_site = split_title(raw_title, sitename)
    sitename = sitename or title_site
    og_title = split_title(meta.get("og:title") or meta.get("twitter:title") or "", sitename)[0]
    title = jsonld.headline or jsonld.name or og_title or title_head or h1
    author = next((a for a in map(clean_author, jsonld.authors) if a), None)
    author = author or clean_author(meta.get("author")) or clean_author(meta.get("article:author"))
    author = author or byline_author(tree)
    if author and sitename and same_name(author, sitename):
        author = None  # the byline names the site itself, not a person
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang")
    stated = (jsonld.published, *(meta.get(k) for k in PUBLISHED_META))
    return Metadata(
        title=title or None,
        author=author,
        published=published_date(tree, stated, url, now or datetime.now(UTC)),
        sitename=sitename or None,
        description=meta.get("og:description") or meta.get("description") or jsonld.description,
        html_lang=lang.strip() or None if lang else None,
        headlines=tuple(dict.fromkeys(t for t in (jsonld.headline or jsonld.name, og_title, title_head, h1) if t)),
    )


def split_title(title: str, sitename: str | None = None) -> tuple[str | None, str | None]:
    """(headline, site name) of a <title>: the site part is the named site, else the shorter edge.

    >>> split_title("Pompeo pushes for sanctions_Example News")
    ('Pompeo pushes for sanctions', 'Example News')
    >>> split_title("Budget passes | The Daily Post", "The Daily Post")
    ('Budget passes', 'The Daily Post')
    >>> split_title("Plain headline without a site")
    ('Plain headline without a site', None)
    """
    title = norm_space(title)
    parts = [p for p in _TITLE_SEP.split(title) if p]
    if len(parts) < 2:
        return title or None, None
    if sitename:
        for i in (-1, 0):
            if same_name(parts[i], sitename):
                rest = parts[:-1] if i == -1 else parts[1:]
                return _joined(title, rest), parts[i]
    first, last = parts[0], parts[-1]
    if len(last) <= len(first):
        return _joined(title, parts[:-1]), last
    return _joined(title, parts[1:]), first


def _joined(title: str, parts: list[str]) -> str:
    """The span of the original title that covers `parts` (keeps its own separators)."""
    start = title.find(parts[0])
    end = title.rfind(parts[-1]) + len(parts[-1])
    return title[start:end]


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    """<meta> name/property -> content (first occurrence, keys lower case)."""
    out: dict[str, str] = {}
    for el in tree.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        value = norm_space(el.get("content"))
        if key and value and key not in out:
            out[key] = value
    return out


def _site(value: str | None) -> str | None:
    """A site name; one written as a URL becomes its host ("https://www.example.in/" -> "example.in")."""
    if not value:
        return None
    match = _URL_HOST.match(value)
    return match.group(1) if match else value
