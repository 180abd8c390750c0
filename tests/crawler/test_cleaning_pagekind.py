"""clean_page with a job's hints: non-articles dropped by kind, the language filter, sitemap/feed dates."""

from __future__ import annotations

from datetime import UTC, datetime

from cleaners import Article
from crawler.cleaning.page import clean_page
from crawler.items import Dropped, PageItem
from tests.conftest import DATA

HTML = {"content-type": "text/html; charset=utf-8"}
NOW = datetime(2026, 11, 28, 6, tzinfo=UTC)


def _page(rel: str, url: str, **meta) -> PageItem:
    body = (DATA / "scheduled" / rel).read_bytes().replace(b"{{BASE}}", b"http://127.0.0.1:8000")
    return PageItem(url=url, final_url=url, status=200, headers=HTML, body=body, fetched_at=NOW, meta=meta)


def test_listing_pages_are_dropped_with_their_kind():
    got = clean_page(_page("category/city/index.html", "http://127.0.0.1:8000/category/city/"))
    assert got == Dropped("http://127.0.0.1:8000/category/city/", "category_page")
    got = clean_page(_page("index.html", "http://127.0.0.1:8000/latest.html"))  # no URL hint: the cards decide
    assert got == Dropped("http://127.0.0.1:8000/latest.html", "index_page")


def test_a_date_from_a_news_sitemap_fills_published_when_the_page_has_none():
    hint = datetime(2026, 11, 26, 16, 40, tzinfo=UTC)
    got = clean_page(_page("news/school-meals.html", "http://127.0.0.1:8000/news/school-meals.html", published=hint))
    assert isinstance(got, Article) and got.published == hint
    assert clean_page(_page("news/school-meals.html", "http://127.0.0.1:8000/news/school-meals.html")).published is None


def test_language_filter_keeps_listed_languages_only():
    url = "http://127.0.0.1:8000/blog/night-market.html"
    assert isinstance(clean_page(_page("blog/night-market.html", url, languages=("en", "de"))), Article)
    assert clean_page(_page("blog/night-market.html", url, languages=("de",))) == Dropped(url, "not_target_language")
