"""Sitemaps (index, gzip, news), robots.txt lines, RSS/Atom feeds, tracking-free URLs and scope."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime

import pytest

from crawler.sources.feeds import FeedEntry, is_feed_type, read_feed
from crawler.sources.links import Scope, clean_url
from crawler.sources.sitemaps import SitemapEntry, read_sitemap, robots_sitemaps, sitemap_body

NEWS = b"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://n.example/a</loc><lastmod>2026-11-20</lastmod>
  <news:news><news:publication_date>2026-11-19T08:00:00+01:00</news:publication_date></news:news></url>
 <url><loc> https://n.example/b </loc></url>
 <url><lastmod>2026-11-20</lastmod></url>
</urlset>"""


class TestSitemaps:
    def test_news_sitemap_entries_carry_lastmod_and_publication_date(self):
        kind, entries = read_sitemap(NEWS)
        assert kind == "urlset"
        assert entries == [
            SitemapEntry("https://n.example/a", datetime(2026, 11, 20, 23, 59, 59, tzinfo=UTC),
                         datetime(2026, 11, 19, 7, 0, tzinfo=UTC)),
            SitemapEntry("https://n.example/b"),
        ]

    def test_index_lists_child_sitemaps(self):
        kind, entries = read_sitemap(b'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                                     b"<sitemap><loc>https://n.example/s1.xml.gz</loc></sitemap></sitemapindex>")
        assert (kind, [e.url for e in entries]) == ("sitemapindex", ["https://n.example/s1.xml.gz"])

    def test_gzip_is_unpacked_within_the_size_limit(self):
        assert sitemap_body(gzip.compress(NEWS), max_size=10_000) == NEWS
        assert sitemap_body(NEWS) == NEWS
        with pytest.raises(ValueError, match="larger than"):
            sitemap_body(gzip.compress(b" " * 100_000), max_size=1000)
        with pytest.raises(ValueError):
            sitemap_body(b"\x1f\x8bnot gzip at all")

    def test_not_a_sitemap(self):
        assert read_sitemap(b"<html><body>hi</body></html>") == ("", [])
        assert read_sitemap(b"") == ("", [])

    def test_entity_expansion_is_not_performed(self):
        bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>'
                b'<urlset><url><loc>https://n.example/&b;</loc></url></urlset>')
        _, entries = read_sitemap(bomb)
        assert all("aaaaaaaaaa" not in e.url for e in entries)

    def test_a_sitemap_declaring_entities_is_refused_whole(self):
        # read anyway, the parser stops at the unexpanded reference and drops the entries after it
        bomb = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
                b'<urlset><url><loc>https://n.example/1</loc></url><url><loc>https://n.example/&b;</loc></url>'
                b'<url><loc>https://n.example/3</loc></url></urlset>')
        with pytest.raises(ValueError, match="declares 2 XML entities"):
            sitemap_body(bomb)
        with pytest.raises(ValueError, match="declares 2 XML entities"):
            sitemap_body(gzip.compress(bomb), max_size=10_000)
        # a DOCTYPE without entities, or none at all, is read as before
        plain = b'<!DOCTYPE urlset><urlset><url><loc>https://n.example/1</loc></url></urlset>'
        assert sitemap_body(plain) == plain
        assert sitemap_body(NEWS) == NEWS

    def test_robots_sitemap_lines(self):
        robots = b"User-agent: *\nDisallow: /x/\nSitemap: /sitemap.xml\nsitemap: https://cdn.example/s.xml\n"
        assert robots_sitemaps(robots, "https://n.example/robots.txt") == [
            "https://n.example/sitemap.xml", "https://cdn.example/s.xml"]


class TestFeeds:
    def test_rss2_items_with_dates_and_relative_links(self):
        rss = b"""<rss version="2.0"><channel><title>t</title>
          <item><link>https://n.example/a</link><pubDate>Fri, 27 Nov 2026 07:15:00 GMT</pubDate></item>
          <item><guid>https://n.example/b</guid></item>
          <item><guid isPermaLink="false">tag:n.example,2026:c</guid></item>
          <item><link>/d</link></item></channel></rss>"""
        assert read_feed(rss, "https://n.example/feed") == [
            FeedEntry("https://n.example/a", datetime(2026, 11, 27, 7, 15, tzinfo=UTC)),
            FeedEntry("https://n.example/b"), FeedEntry("https://n.example/d")]

    def test_atom_entries_use_the_alternate_link_and_published(self):
        atom = b"""<feed xmlns="http://www.w3.org/2005/Atom"><entry>
          <link rel="edit" href="https://n.example/edit/1"/><link href="https://n.example/one"/>
          <updated>2026-11-26T00:00:00Z</updated><published>2026-11-25T10:00:00Z</published></entry>
          <entry><link rel="alternate" href="https://n.example/two"/><updated>2026-11-24T00:00:00Z</updated></entry>
          </feed>"""
        assert read_feed(atom, "https://n.example/atom") == [
            FeedEntry("https://n.example/one", datetime(2026, 11, 25, 10, tzinfo=UTC)),
            FeedEntry("https://n.example/two", datetime(2026, 11, 24, tzinfo=UTC))]

    def test_rss1_rdf(self):
        rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
          <item><link>https://n.example/r</link></item></rdf:RDF>"""
        assert read_feed(rdf, "https://n.example/") == [FeedEntry("https://n.example/r")]

    @pytest.mark.parametrize("body", [b"", b"<html><p>no feed</p></html>", b"\xff\xfe garbage"])
    def test_anything_else_is_no_entries(self, body):
        assert read_feed(body, "https://n.example/") == []

    def test_feed_media_types(self):
        assert is_feed_type("application/rss+xml") and is_feed_type("application/atom+xml; charset=utf-8")
        assert not is_feed_type("text/html") and not is_feed_type(None)


class TestLinks:
    @pytest.mark.parametrize(("url", "clean"), [
        ("https://n.example/a?utm_source=x&utm_medium=y", "https://n.example/a"),
        ("https://n.example/a?id=3&fbclid=abc&gclid=1#top", "https://n.example/a?id=3"),
        ("https://n.example/a?UTM_Campaign=x&page=2", "https://n.example/a?page=2"),
        ("https://n.example/search?q=utm_source", "https://n.example/search?q=utm_source"),
    ])
    def test_tracking_parameters_and_fragments_go(self, url, clean):
        assert clean_url(url) == clean

    def test_scope(self):
        scope = Scope(["example.org"], allow=[r"/news/"], deny=[r"/news/print/"])
        assert scope.reason_out("https://www.example.org/news/a") is None
        assert scope.reason_out("https://sub.example.org/news/a") is None
        assert scope.reason_out("https://badexample.org/news/a") == "offsite"
        assert scope.reason_out("https://example.org/news/print/a") == "denied"
        assert scope.reason_out("https://example.org/about") == "not_allowed"
        assert scope.reason_out("mailto:x@example.org") == "offsite"
        assert Scope().reason_out("https://anything.example/") is None
