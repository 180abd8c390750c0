"""Page metadata from JSON-LD, OpenGraph, <meta> and byline-only pages, plus the seed's html_only values.

Dates in detail: test_metadata_date.py; titles: test_metadata_title.py.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from cleaners.extract import extract_page, parse_html
from cleaners.jsonld import read_jsonld
from cleaners.metadata import read_metadata
from cleaners.metadata_byline import clean_author, same_name

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _meta(name: str):
    tree = parse_html((PAGES / f"{name}.html").read_text(encoding="utf-8"))
    return read_metadata(tree, read_jsonld(tree), None, now=NOW)


class TestSources:
    def test_jsonld_wins_and_broken_script_is_skipped(self):
        m = _meta("meta_jsonld")
        assert m.title == "Ferry timetable changes announced for the winter \u2018quiet season\u2019"
        assert m.author == "Morag Campbell"
        assert m.published == "2023-10-02T08:30:00+01:00"
        assert m.sitename == "Island Courier"
        assert m.description == "Fewer sailings from November to March, but an extra late boat on Fridays."
        assert m.html_lang == "en-GB"

    def test_opengraph(self):
        m = _meta("meta_opengraph")
        assert m.title == "Neue Radwege für die Altstadt"  # og:title without its " | site" suffix
        assert m.sitename == "Stadtanzeiger Nord"
        assert m.published == "2022-05-17T06:00:00+00:00"
        assert m.author == "Petra Klein"  # the article:author profile URL is not a name
        assert m.html_lang == "de"

    def test_plain_meta_and_title_suffix(self):
        m = _meta("meta_plain")
        assert (m.title, m.sitename) == ("Abre el nuevo mercado de la colonia Centro", "Diario del Valle")
        assert (m.author, m.published) == ("Lucía Hernández", "2021-03-09")
        assert m.description == "El mercado reúne a sesenta productores locales."

    def test_byline_only(self):
        m = _meta("meta_byline_only")
        assert m.author == "Daniel Okafor"
        assert m.published == "2020-06-14"  # the day the byline writes; its time has no zone
        assert m.html_lang is None and m.sitename is None

    def test_byline_naming_the_site_is_not_an_author_and_implausible_dates_are_rejected(self):
        m = _meta("meta_site_byline")
        assert m.sitename == "晨光资讯网"
        assert m.author is None
        assert m.published is None  # 2035 is in the future, 1985 is before 1990


def test_seed_html_only(seed_html, seed_expected):
    page, reason = extract_page(seed_html)
    assert page is not None, reason
    expected = seed_expected["html_only"]
    assert page.sitename == expected["sitename"]
    assert page.html_lang == expected["html_lang"]
    assert page.author == expected["author"]
    assert page.title == seed_expected["title"]


class TestHelpers:
    @pytest.mark.parametrize(("raw", "expected"), [
        ("By Jane Doe", "Jane Doe"),
        ("BY TOM SMITH, Staff Writer", "TOM SMITH"),
        ("Partner Content", "Partner Content"),
        ("Bryan Lee @bryanlee", "Bryan Lee"),
        ("作者:张三 来源:本站", "张三"),
        ("webmaster", None),
        ("https://example.com/authors/jane", None),
    ])
    def test_clean_author(self, raw, expected):
        assert clean_author(raw) == expected

    def test_same_name(self):
        assert same_name("BBC News", "BBC")
        assert not same_name("Jane Doe", "Daily Post")
