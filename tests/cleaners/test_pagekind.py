"""page_kind: articles kept, index/tag/category/search/login pages dropped with their reason."""

from __future__ import annotations

import gzip
import json

import pytest

from cleaners.pagekind import page_kind
from tests.conftest import shared_folder

PROSE = "<p>" + " ".join(["The council met on Tuesday and agreed the budget after a long debate."] * 12) + "</p>"


def _card(i: int) -> str:
    return (f'<div class="card"><h3><a href="/story-{i}">Headline number {i} about the town</a></h3>'
            f"<p>A two-line summary of story {i}, written by the desk for this listing page.</p></div>")


LISTING = "<html><body><main>" + "".join(_card(i) for i in range(8)) + "</main></body></html>"


class TestDeclaredType:
    def test_json_ld_news_article_is_kept_even_under_a_category_url(self):
        html = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
                '{"@type": ["NewsArticle"]}]}</script></head><body>' + PROSE + "</body></html>")
        assert page_kind(html, "https://n.example/category/politics/", 144) == (True, None)

    def test_og_article_wins_over_teaser_cards(self):
        html = LISTING.replace("<html>", '<html><head><meta property="og:type" content="article"></head>')
        assert page_kind(html, "https://n.example/latest", 80) == (True, None)

    def test_json_ld_collection_and_search_pages(self):
        for t, reason in (("CollectionPage", "index_page"), ("SearchResultsPage", "search_page")):
            html = f'<html><head><script type="application/ld+json">{{"@type": "{t}"}}</script></head>' \
                   f"<body>{PROSE}</body></html>"
            assert page_kind(html, "https://n.example/x", 144) == (False, reason)

    def test_broken_json_ld_is_ignored(self):
        html = '<html><head><script type="application/ld+json">{"@type": </script></head><body>' + PROSE
        assert page_kind(html, "https://n.example/2026/11/story", 144) == (True, None)


class TestUrlShape:
    @pytest.mark.parametrize(("url", "reason"), [
        ("https://n.example/tag/rail/", "tag_page"),
        ("https://n.example/tags/rail/page/3", "tag_page"),
        ("https://n.example/category/city", "category_page"),
        ("https://n.example/topics/climate/", "category_page"),
        ("https://n.example/author/jane-doe/", "index_page"),
        ("https://n.example/", "index_page"),
        ("https://n.example/page/2/", "index_page"),
        ("https://n.example/search", "search_page"),
        ("https://n.example/news?s=bridge", "search_page"),
        ("https://n.example/login.html", "login_page"),
    ])
    def test_listing_urls(self, url, reason):
        assert page_kind("<html><body>" + PROSE + "</body></html>", url, 144) == (False, reason)

    @pytest.mark.parametrize("url", [
        "https://n.example/category/city/2026/11/28/harbour-bridge-reopens",  # a story below a category
        "https://n.example/news/tagesschau-ends-shortwave",  # "tag" inside a word
        "https://n.example/story?id=7&page=2",
    ])
    def test_story_urls_are_not_listings(self, url):
        assert page_kind("<html><body>" + PROSE + "</body></html>", url, 144) == (True, None)


class TestStructure:
    def test_teaser_cards_make_a_listing(self):
        assert page_kind(LISTING, "https://n.example/latest", 120) == (False, "index_page")

    def test_an_article_with_a_most_read_box_stays(self):
        box = "<ul>" + "".join(f'<li><a href="/s{i}">Most read headline number {i} today</a></li>'
                               for i in range(12)) + "</ul>"
        html = "<html><body><article>" + PROSE + "</article>" + box + "</body></html>"
        assert page_kind(html, "https://n.example/2026/story", 144) == (True, None)

    def test_navigation_cards_are_not_counted(self):
        html = "<html><body><nav>" + "".join(_card(i) for i in range(8)) + "</nav>" + PROSE + "</body></html>"
        assert page_kind(html, "https://n.example/2026/story", 144) == (True, None)

    def test_login_form_on_a_short_page_but_not_a_widget_on_an_article(self):
        form = '<form><input type="text" name="u"><input type="PASSWORD" name="p"></form>'
        assert page_kind(f"<html><body><p>Sign in.</p>{form}</body></html>", "https://n.example/account-x", 2) \
            == (False, "login_page")
        assert page_kind(f"<html><body>{PROSE}{form}</body></html>", "https://n.example/2026/story", 144) \
            == (True, None)

    @pytest.mark.parametrize("html", ["", b"", "   ", "<html></html>", b"\x00\xff", "<" * 5000])
    def test_nothing_to_judge_is_kept_for_the_other_filters(self, html):
        assert page_kind(html, None, 0)[0] is True


def test_no_article_of_the_shared_benchmark_is_called_a_listing():
    """181 real article pages from many sites (Scrapinghub benchmark): every one must be kept."""
    folder = shared_folder("benchmarks/scrapinghub")
    truth = json.loads((folder / "ground-truth.json").read_text())
    dropped = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        page = truth[path.name.split(".")[0]]
        keep, reason = page_kind(gzip.decompress(path.read_bytes()), page["url"], len(page["articleBody"].split()))
        if not keep:
            dropped.append((page["url"], reason))
    assert len(truth) >= 180 and dropped == []
