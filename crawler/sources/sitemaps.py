"""Sitemaps: index files, gzipped children, news sitemaps and robots.txt `Sitemap:` lines.

Parsing is Scrapy's own (`scrapy.utils.sitemap.Sitemap`, what `SitemapSpider` uses: entities are not
resolved, so an entity-expansion bomb stays inert); gzip goes through `scrapy.utils.gz.gunzip` with
a size limit. A sitemap whose DOCTYPE declares entities is refused whole: the sitemap protocol has no
use for them, and the parser, recovering from the references it will not expand, silently drops every
entry after the first one. A news sitemap's `<news:publication_date>` is kept so the article
gets a date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from typing import Any

import lxml.etree
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.sources.dates import parse_date


@dataclass(frozen=True)
class SitemapEntry:
    """One `<url>` (or, in an index, one `<sitemap>`) with its dates."""

    url: str
    lastmod: datetime | None = None
    published: datetime | None = None


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, also keeping `news:publication_date` (Scrapy drops nested elements)."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: Any) -> dict[str, Any] | None:
        published = None
        for el in elem.iter():
            if isinstance(el.tag, str) and el.tag.rpartition("}")[2] == "publication_date":
                published = (el.text or "").strip()
                break
        found = super()._process_sitemap_element(elem)
        if found is not None and published:
            found["publication_date"] = published
        return found


def sitemap_body(body: bytes, max_size: int = 0) -> bytes:
    """The XML of a sitemap response: gunzipped when gzip (at most max_size bytes, 0: no limit).

    Raises ValueError when the gzip data is broken or decompresses past the limit, or when the XML
    declares entities (see the module docstring).
    """
    xml = _gunzip(body, max_size) if body[:2] == b"\x1f\x8b" else body
    entities = declared_entities(xml)
    if entities:
        shown = ", ".join(entities[:3]) + (", …" if len(entities) > 3 else "")
        raise ValueError(f"sitemap declares {len(entities)} XML entities ({shown}): not read, "
                         "a sitemap never needs them and an entity-expansion bomb does")
    return xml


def declared_entities(xml: bytes) -> list[str]:
    """Names of the entities the document's internal DTD declares (none are expanded or fetched).

    >>> declared_entities(b'<!DOCTYPE urlset [<!ENTITY a "aaaa">]><urlset/>')
    ['a']
    >>> declared_entities(b'<urlset><url><loc>https://n.example/</loc></url></urlset>')
    []
    """
    events = lxml.etree.iterparse(BytesIO(xml), events=("start",), resolve_entities=False, recover=True,
                                  load_dtd=False, no_network=True)
    try:  # the DTD comes before the root element: reading up to its start is enough
        _, root = next(events)
    except (StopIteration, lxml.etree.XMLSyntaxError):
        return []
    dtd = root.getroottree().docinfo.internalDTD
    return [entity.name for entity in dtd.iterentities()] if dtd is not None else []


def _gunzip(body: bytes, max_size: int) -> bytes:
    try:
        return gunzip(body, max_size=max_size)
    except (OSError, EOFError) as exc:
        raise ValueError(f"broken gzip data: {exc}") from exc
    except Exception as exc:  # scrapy's private _DecompressionMaxSizeExceeded
        if "max" in type(exc).__name__.lower() or "size" in str(exc).lower():
            raise ValueError(f"sitemap larger than {max_size} bytes once decompressed") from exc
        raise


def read_sitemap(xml: bytes) -> tuple[str, list[SitemapEntry]]:
    """('sitemapindex' or 'urlset', its entries); anything else gives ('', [])."""
    try:
        sitemap = _NewsSitemap(xml)
    except (StopIteration, SyntaxError, ValueError):
        return "", []
    if sitemap.type not in ("sitemapindex", "urlset"):
        return "", []
    entries = []
    for d in sitemap:
        loc = (d.get("loc") or "").strip()
        if loc:
            entries.append(SitemapEntry(loc, parse_date(d.get("lastmod"), end_of_day=True),
                                        parse_date(d.get("publication_date"))))
    return sitemap.type, entries


def robots_sitemaps(robots_txt: bytes, base_url: str) -> list[str]:
    """Sitemap URLs named by a robots.txt (`Sitemap:` lines), absolute."""
    return list(sitemap_urls_from_robots(robots_txt, base_url=base_url))
