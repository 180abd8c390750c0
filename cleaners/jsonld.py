"""Read a page's JSON-LD (schema.org) once: the article object, its publisher and the site name.

Pages often describe themselves in `<script type="application/ld+json">`: the headline, author,
dates, publisher and sometimes the whole `articleBody`. Broken JSON is common and is skipped,
never raised: the rest of the page still gets extracted.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

# schema.org types whose object describes the page's main text
_ARTICLE_TYPE = re.compile(r"(Article|BlogPosting|Posting|Report|NewsArticle)$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# XHTML-era wrappers around a script's JSON: "<![CDATA[ ... ]]>", "<!-- ... -->", each maybe behind "//"
_WRAPPER = re.compile(r"^(?://\s*)?(?:<!\[CDATA\[|<!--)|(?://\s*)?(?:\]\]>|-->)$")


@dataclass
class JsonLd:
    """What the page's JSON-LD says about its main article (empty when it says nothing)."""

    headline: str | None = None
    name: str | None = None  # the article's `name`: usually its headline, on some sites the site's name
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    publisher: str | None = None
    site_name: str | None = None
    description: str | None = None
    article_body: str | None = None


def read_jsonld(tree: HtmlElement) -> JsonLd:
    """The article-level JSON-LD facts of a parsed page; broken scripts are skipped."""
    out = JsonLd()
    for obj in _objects(tree):
        kinds = _types(obj)
        if any(_ARTICLE_TYPE.search(k) for k in kinds) and out.headline is None and out.name is None:
            out.headline = _string(obj.get("headline"))
            out.name = _string(obj.get("name"))
            out.authors = [a for a in (_name(x) for x in _as_list(obj.get("author"))) if a]
            out.published = _string(obj.get("datePublished")) or _string(obj.get("dateCreated"))
            out.publisher = _name(obj.get("publisher"))
            out.description = _string(obj.get("description"))
            out.article_body = _string(obj.get("articleBody"))
        elif "WebSite" in kinds and out.site_name is None:
            out.site_name = _string(obj.get("name"))
    return out


def _objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD scripts, `@graph` members and lists flattened."""
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = _WRAPPER.sub("", (script.text or "").strip()).strip()
        if not raw:
            continue
        try:
            data = json.loads(_CONTROL.sub(" ", raw))
        except ValueError:
            continue  # broken JSON-LD is common; the page is still extracted without it
        stack = [data]
        while stack:  # bounded: json.loads output is finite and acyclic
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                if "@graph" in item:
                    stack.extend(reversed(_as_list(item["@graph"])))
                yield item


def _types(obj: dict[str, Any]) -> list[str]:
    return [t for t in _as_list(obj.get("@type")) if isinstance(t, str)]


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str):
        text = " ".join(html.unescape(value).split())  # JSON-LD often carries HTML entities (&#8216;)
        return text or None
    return None


def _name(value: Any) -> str | None:
    """A person's or organisation's name from a string or a {"name": ...} object."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        return _string(value.get("name"))
    return _string(value)
