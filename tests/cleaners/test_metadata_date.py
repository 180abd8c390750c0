"""The publication date: each source a page may state it in, published over modified, no guesses, UTC on the record."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from lxml import etree

from cleaners import clean_html
from cleaners.extract import parse_html
from cleaners.jsonld import read_jsonld
from cleaners.metadata import read_metadata
from cleaners.metadata_date import parse_date

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _html(name: str) -> str:
    return (PAGES / f"{name}.html").read_text(encoding="utf-8")


def _published(name: str, url: str | None = None) -> str | None:
    tree = parse_html(_html(name))
    return read_metadata(tree, read_jsonld(tree), url, now=NOW).published


class TestSources:
    @pytest.mark.parametrize(("page", "expected"), [
        ("meta_jsonld", "2023-10-02T08:30:00+01:00"),  # JSON-LD datePublished, offset kept
        ("meta_opengraph", "2022-05-17T06:00:00+00:00"),  # article:published_time
        ("meta_plain", "2021-03-09"),  # <meta name="date">, a bare day
        ("meta_date_time_element", "2021-09-15T00:40:00+02:00"),  # only <time datetime> in the byline
        ("meta_byline_only", "2020-06-14"),  # only written in the byline: the day, no guessed time zone
    ])
    def test_each_source(self, page, expected):
        assert _published(page) == expected

    def test_date_only_in_the_url(self):
        assert _published("meta_date_none", "https://green.example/2019/04/23/repot-fiddle-leaf-fig/") == "2019-04-23"

    def test_no_date_anywhere_is_none_not_the_copyright_year(self):
        # the footer's "© 2024" is what htmldate falls back to (as 1 January): not a publication day
        assert _published("meta_date_none") is None
        assert _published("meta_date_none", "https://green.example/plants/repot-fiddle-leaf-fig/") is None

    def test_implausible_dates_are_rejected(self):
        assert _published("meta_site_byline") is None  # 2035 is in the future, 1985 is before 1990


class TestPublishedNotModified:
    def test_published_wins_over_modified_and_updated(self):
        # og:updated_time, article:modified_time, dateModified and an "Updated" <time> come first in the page
        assert _published("meta_date_published_and_modified") == "2023-11-20T07:45:00+00:00"

    @pytest.mark.parametrize("edited", ["meta", "jsonld"])
    def test_stated_days_that_disagree_give_the_first_publication(self, edited):
        # one "published" field holds the last edit (Medium's and NBC's article:published_time do),
        # whichever source it is and wherever it stands in the page
        html = _html("meta_date_stated_days_disagree")
        if edited == "jsonld":  # swap the two published dates in the <head>
            head, body = html.split("</head>")
            head = (head.replace("2022-08-30T09:12:00.000Z", "SWAP").replace("2022-06-04T18:20:00.000Z", "2022-08-30T09:12:00.000Z")
                    .replace("SWAP", "2022-06-04T18:20:00.000Z"))
            html = head + "</head>" + body
        tree = parse_html(html)
        assert read_metadata(tree, read_jsonld(tree), None, now=NOW).published == "2022-06-04T18:20:00+00:00"

    def test_a_url_date_days_away_from_the_stated_one_wins(self):
        html = _html("meta_date_none").replace(
            "<head>", '<head><meta property="article:published_time" content="2024-03-02T10:15:00Z">')
        tree = parse_html(html)
        url = "https://green.example/2019/04/23/repot-fiddle-leaf-fig/"
        assert read_metadata(tree, read_jsonld(tree), url, now=NOW).published == "2019-04-23"
        assert read_metadata(tree, read_jsonld(tree), None, now=NOW).published == "2024-03-02T10:15:00+00:00"


def test_htmldate_leaves_our_tree_as_it_was():
    """The tree goes on to trafilatura: htmldate's pruning must happen on its own copy."""
    tree = parse_html(_html("meta_date_none"))
    before = etree.tostring(tree)
    assert read_metadata(tree, read_jsonld(tree), None, now=NOW).published is None  # the full search ran
    assert etree.tostring(tree) == before


class TestRecordIsUtc:
    def test_offset_converted_to_utc(self):
        article = clean_html(_html("meta_date_time_element"))
        assert article.published == datetime(2021, 9, 14, 22, 40, tzinfo=UTC)

    def test_bare_day_stays_that_day(self):
        article = clean_html(_html("meta_plain"))
        assert article.published == datetime(2021, 3, 9, tzinfo=UTC)

    def test_no_date_is_null(self):
        assert clean_html(_html("meta_date_none")).published is None


class TestParseDate:
    @pytest.mark.parametrize(("value", "expected"), [
        ("2025-12-31", "2025-12-31"),
        ("2019-11-18T10:30:00.123Z", "2019-11-18T10:30:00+00:00"),
        ("2019-11-18T10:30:00+0530", "2019-11-18T10:30:00+05:30"),
        ("2017-11-03 03:01:00.000000", "2017-11-03T03:01:00"),
        ("Tue, 15 Oct 2019 10:00:00 +0200", "2019-10-15T10:00:00+02:00"),
        ("2019年5月14日", "2019-05-14"),
        ("2026-03-01", None),  # after NOW
        ("1989-12-31", None),
        ("2019-02-30", None),
        ("updated recently", None),
    ])
    def test_parse_date(self, value, expected):
        assert parse_date(value, NOW) == expected
