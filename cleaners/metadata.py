"""Read page metadata from the parsed tree: title, author, date, site name, description, `<html lang>`.

Sources, best first: JSON-LD, OpenGraph, `<meta>` tags, then the page itself (`<title>`, `<h1>`,
a byline). The rules are general: a site-name suffix is cut from the title at a separator
("_", "|", " - ", ...), a byline that names the site is not an author, and a date in the future or
before 1990 is not a publication date.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cache

from lxml.html import HtmlElement

from cleaners.jsonld import JsonLd
from cleaners.metadata_byline import byline_author, clean_author, same_name, short_lines_after_h1
from cleaners.treeblocks import norm_space, text_of

# separators between a headline and the site name in <title>: "Story | Site", "Story_Site", "Story - Site"
_TITLE_SEP = re.compile(r"\s+[|\-–—·»:]{1,2}\s+|\s*_\s*|\s*｜\s*")
_DATE = re.compile(r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2}))?)?")
# the byline sits right after the headline: only this many short text nodes are read for a date
_DATE_LINES = 30  # short lines after the <h1> searched for a date (the byline reader's list begins with them)
_URL_HOST = re.compile(r"^https?://(?:www\.)?([^/\s]+)/?$")
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)

_DATE_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
              "date", "pubdate", "publishdate", "dc.date.issued", "dc.date", "dcterms.created",
              "sailthru.date", "parsely-pub-date", "article.published")


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
    title = jsonld.headline or og_title or title_head or h1
    author = next((a for a in map(clean_author, jsonld.authors) if a), None)
    author = author or clean_author(meta.get("author")) or clean_author(meta.get("article:author"))
    after_h1 = cache(lambda: short_lines_after_h1(tree))  # read by the byline and the date search, once
    author = author or byline_author(tree, after_h1)
    if author and sitename and same_name(author, sitename):
        author = None  # the byline names the site itself, not a person
    html = tree if tree.tag == "html" else tree.getroottree().getroot()
    lang = html.get("lang") or html.get("{http://www.w3.org/XML/1998/namespace}lang")
    return Metadata(
        title=title or None,
        author=author,
        published=_published(tree, jsonld, meta, now or datetime.now(UTC), after_h1),
        sitename=sitename or None,
        description=meta.get("og:description") or meta.get("description") or jsonld.description,
        html_lang=lang.strip() or None if lang else None,
        headlines=tuple(dict.fromkeys(t for t in (jsonld.headline, og_title, title_head, h1) if t)),
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


def _published(tree: HtmlElement, jsonld: JsonLd, meta: dict[str, str], now: datetime,
               after_h1: Callable[[], list[str]]) -> str | None:
    """The first plausible publication date, as ISO 8601 (dates in the future or before 1990 are rejected)."""
    candidates = [jsonld.published, *(meta.get(k) for k in _DATE_META)]
    candidates += [t.get("datetime") for t in tree.iter("time")]
    for value in candidates:
        date = parse_date(value, now)
        if date:
            return date
    # byline-only pages: a date written in the short lines under the <h1>
    for node in after_h1()[:_DATE_LINES]:
        date = parse_date(node, now)
        if date:
            return date
    return None


def parse_date(value: str | None, now: datetime) -> str | None:
    """ISO date(-time) string of the first YYYY-MM-DD date in value, if plausible (1990 .. now).

    >>> parse_date("2019-11-18T10:30:00Z", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-11-18T10:30:00'
    >>> parse_date("2031-01-01", datetime(2020, 1, 1, tzinfo=UTC)) is None
    True
    >>> parse_date("1989-12-31", datetime(2020, 1, 1, tzinfo=UTC)) is None
    True
    >>> parse_date("发布时间：2019年5月14日", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-05-14'

    """
    match = _DATE.search(value or "")
    if not match:
        return None
    y, mo, d, h, mi, s = (int(g) if g else None for g in match.groups())
    try:
        date = datetime(y, mo, d, h or 0, mi or 0, s or 0, tzinfo=UTC)
    except ValueError:
        return None
    if date < _EARLIEST or date > now + timedelta(days=1):  # a day of slack for time zones
        return None
    return date.replace(tzinfo=None).isoformat() if h is not None else date.date().isoformat()
