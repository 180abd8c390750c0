"""Read page metadata from the parsed tree: title, author, date, site name, description, `<html lang>`.

Sources, best first: JSON-LD, OpenGraph, `<meta>` tags, then the page itself (`<title>`, `<h1>`,
a byline). The rules are general: a site-name suffix is cut from the title on the side the page
names as its site (`cleaners.metadata_title`), a byline that names the site is not an author, and
the date is the first publication's, never the last edit's (`cleaners.metadata_date`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import islice

from lxml.html import HtmlElement

from cleaners.jsonld import JsonLd
from cleaners.metadata_byline import byline_author, clean_author, same_name
from cleaners.metadata_date import PUBLISHED_META, published_date
from cleaners.metadata_title import Evidence, host_of, name_key, split_title, stated_sites
from cleaners.treeblocks import norm_space, text_of

_URL_HOST = re.compile(r"^https?://(?:www\.)?([^/\s]+)/?$")
_H1S = 5  # the first <h1>s: the headline is among them when the page marks it at all
_WORD = re.compile(r"\w+")


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
    title, sitename, headlines = _title_and_site(tree, meta, jsonld, url)
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
        headlines=headlines,
    )


def _title_and_site(tree: HtmlElement, meta: dict[str, str], jsonld: JsonLd,
                    url: str | None) -> tuple[str | None, str | None, tuple[str, ...]]:
    """(title, site name, every headline stated) from JSON-LD, og:title, <title> and the <h1>s."""
    h1s = [t for t in (norm_space(text_of(h)) for h in islice(tree.iter("h1"), _H1S)) if t]
    sites = stated_sites(_site(v) for v in (meta.get("og:site_name"), jsonld.publisher, jsonld.site_name,
                                            meta.get("application-name")))
    canonical = tree.find(".//link[@rel='canonical']")
    hosts = (host_of(url), host_of(meta.get("og:url")), host_of(canonical.get("href") if canonical is not None else None))
    raw_og = meta.get("og:title") or meta.get("twitter:title") or ""
    evidence = Evidence(sites=sites, hosts=tuple(dict.fromkeys(h for h in hosts if h)), h1s=tuple(h1s),
                        headlines=(raw_og, jsonld.headline or "", jsonld.name or ""))
    title_head, title_site = split_title(tree.findtext(".//title"), evidence)
    og_title = split_title(raw_og, evidence, guess=False)[0]
    ld_title = split_title(_jsonld_title(jsonld, (title_head, og_title, *h1s)), evidence, guess=False)[0]
    sitename = sites[0] if sites else title_site
    # a "title" that is only the site's name (og:title copied from the home page) is not the headline
    named = [t for t in (ld_title, og_title, title_head) if t and not (sitename and name_key(t) == name_key(sitename))]
    title = named[0] if named else (h1s[0] if h1s else None)
    headlines = tuple(dict.fromkeys(t for t in (ld_title, og_title, title_head, h1s[0] if h1s else None) if t))
    return title, sitename, headlines


def _jsonld_title(jsonld: JsonLd, stated: tuple[str | None, ...]) -> str | None:
    """The JSON-LD headline, or its `name` where only the name matches the page's other headlines.

    Both should be the article's title; some sites put a one-line description in `headline`
    (Wikipedia) or the site's name in `name`.
    """
    if not (jsonld.headline and jsonld.name) or jsonld.headline == jsonld.name:
        return jsonld.headline or jsonld.name
    others = [t for t in stated if t]
    if any(_similar(jsonld.name, t) for t in others) and not any(_similar(jsonld.headline, t) for t in others):
        return jsonld.name
    return jsonld.headline


def _similar(a: str, b: str) -> bool:
    """Most of b's words are a's words (Readability's title test: 1 - share of b's text not in a > 0.75)."""
    words_a = set(_WORD.findall(a.casefold()))
    words_b = _WORD.findall(b.casefold())
    if not words_b:
        return False
    new = " ".join(w for w in words_b if w not in words_a)
    return 1 - len(new) / len(" ".join(words_b)) > 0.75


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
