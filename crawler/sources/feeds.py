"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds: the article links they list, with publication dates.

Parsed with lxml, entities not resolved and no network access, so a hostile feed cannot expand
or fetch anything. Feed autodiscovery reads a page's `<link rel="alternate">` feed types.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from lxml import etree

from crawler.sources.dates import parse_date

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=False,
                          remove_comments=True, remove_pis=True)


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: the page URL and its date (published, else updated)."""

    url: str
    published: datetime | None = None


def _local(el: etree._Element) -> str:
    return el.tag.rpartition("}")[2].lower() if isinstance(el.tag, str) else ""


def read_feed(body: bytes, base_url: str) -> list[FeedEntry]:
    """The entries of an RSS or Atom feed, in feed order; [] for anything that is not a feed."""
    try:
        root = etree.fromstring(body, parser=_PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    if root is None or _local(root) not in ("rss", "feed", "rdf", "channel"):
        return []
    entries = []
    for item in root.iter():
        kind = _local(item)
        if kind not in ("item", "entry"):
            continue
        url, date = _item_link(item, kind), None
        for child in item:
            name = _local(child)
            if name in ("pubdate", "published", "date", "issued") or (name == "updated" and date is None):
                date = parse_date(child.text) or date
        if url:
            entries.append(FeedEntry(urljoin(base_url, url), date))
    return entries


def _item_link(item: etree._Element, kind: str) -> str | None:
    guid = None
    for child in item:
        name = _local(child)
        if kind == "entry" and name == "link" and child.get("rel", "alternate") == "alternate" and child.get("href"):
            return child.get("href").strip()
        if kind == "item" and name == "link" and (child.text or "").strip():
            return child.text.strip()
        if kind == "item" and name == "guid" and child.get("isPermaLink", "true") != "false":
            guid = (child.text or "").strip() or None
    return guid if guid and guid.startswith(("http://", "https://")) else None


def is_feed_type(media_type: str | None) -> bool:
    """True for the media types `<link rel="alternate" type=…>` uses for feeds."""
    return (media_type or "").split(";")[0].strip().lower() in FEED_TYPES
