"""Titles: the site's name cut on the side that is the site, headlines with a dash kept whole."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from cleaners.extract import parse_html
from cleaners.jsonld import read_jsonld
from cleaners.metadata import read_metadata
from cleaners.metadata_title import Evidence, host_of, split_title

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _meta(head: str, body: str = "", url: str | None = None):
    html = (f"<html><head><meta charset='utf-8'>{head}</head><body>{body}"
            "<p>Body text of the page, long enough to be a paragraph of the article.</p></body></html>")
    tree = parse_html(html)
    return read_metadata(tree, read_jsonld(tree), url, now=NOW)


class TestSplitTitle:
    @pytest.mark.parametrize(("title", "evidence", "expected"), [
        # title | site, the site named by og:site_name
        ("Budget passes | The Daily Post", Evidence(sites=("The Daily Post",)), ("Budget passes", "The Daily Post")),
        # site - title
        ("The Daily Post - Budget passes after a long night", Evidence(sites=("The Daily Post",)),
         ("Budget passes after a long night", "The Daily Post")),
        # site: title, the colon cut only after the site's exact name
        ("The Space Review: Seeking a bigger role for a big rocket", Evidence(hosts=("www.thespacereview.com",)),
         ("Seeking a bigger role for a big rocket", "The Space Review")),
        # the site part matches the host, not og:site_name ("Mozilla - Wikipedia")
        ("Mozilla - Wikipedia", Evidence(sites=("Wikimedia Foundation, Inc.",), hosts=("en.wikipedia.org",)),
         ("Mozilla", "Wikipedia")),
        # a site name with a separator of its own
        ("Ten easy houseplants_Home_Garden", Evidence(sites=("Home_Garden",)), ("Ten easy houseplants", "Home_Garden")),
        # the whole title is the site's name and tagline: nothing to cut
        ("Yahoo News - Latest News & Headlines", Evidence(sites=("Yahoo News - Latest News & Headlines",)),
         ("Yahoo News - Latest News & Headlines", None)),
        # no evidence, strong separator: the shorter side is the site
        ("新闻标题_某某网", Evidence(), ("新闻标题", "某某网")),
    ])
    def test_site_side_is_cut(self, title, evidence, expected):
        assert split_title(title, evidence) == expected

    @pytest.mark.parametrize(("title", "evidence"), [
        ("Raspberry Pi 3 - The credit card sized PC that cost only $35", Evidence()),
        ("Well-known re-run of a long-running show", Evidence()),
        ("Review: the quiet electric hatchback", Evidence(hosts=("reviews.example.com",))),
        # a headline naming the site's company, repeated whole in the <h1>
        ("Take C.A.R.E. - comwrap at DMEXCO 2018", Evidence(hosts=("blog.comwrap.com",),
                                                           h1s=("Take C.A.R.E. - comwrap at DMEXCO 2018",))),
    ])
    def test_title_with_a_dash_stays_whole(self, title, evidence):
        assert split_title(title, evidence) == (title, None)

    def test_side_stated_as_the_headline_is_kept(self):
        # no site name anywhere: the <h1> says which side is the headline (the owner's name is the site)
        title = "On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )"
        assert split_title(title, Evidence(h1s=("On Recent Controversial Events",)))[0] == "On Recent Controversial Events"

    def test_sections_behind_the_site_headline_are_cut_too(self):
        title = "The Guardian view on Hong Kong: a city on the brink | Editorial | Opinion | The Guardian"
        evidence = Evidence(sites=("The Guardian",), h1s=("The Guardian view on Hong Kong: a city on the brink",))
        assert split_title(title, evidence) == ("The Guardian view on Hong Kong: a city on the brink", "The Guardian")

    def test_og_title_is_not_cut_by_guess(self):
        title = "Milan Design Week 2018 | Light installation for FLOS"
        assert split_title(title, Evidence(), guess=False) == (title, None)

    def test_host_of(self):
        assert host_of("//us.yahoo.com/news/") == "us.yahoo.com"
        assert host_of("https://www.example.org/a?b=c") == "www.example.org"
        assert host_of("/relative/path") is None


class TestPageTitles:
    def test_dropbox_blog_og_title_with_a_dash_is_kept_whole(self):
        # Readability's dropbox-blog: the og:title was cut to "an async task framework"
        m = _meta("<title>How we designed Dropbox ATF: an async task framework - Dropbox</title>"
                  "<meta property='og:title' content='How we designed Dropbox’s ATF - an async task framework'>",
                  "<h1>How we designed Dropbox ATF: an async task framework</h1>",
                  url="https://dropbox.tech/infrastructure/asynchronous-task-scheduling-at-dropbox")
        assert m.title == "How we designed Dropbox’s ATF - an async task framework"

    def test_ebb_org_title_keeps_the_headline_not_the_owner(self):
        # Readability's ebb-org: the title became the site owner's name
        m = _meta("<title>On Recent Controversial Events - Bradley M. Kuhn ( Brad ) ( bkuhn )</title>",
                  "<h1>On Recent Controversial Events</h1>", url="http://ebb.org/bkuhn/blog/2019/10/15/events.html")
        assert m.title == "On Recent Controversial Events"
        assert m.sitename == "Bradley M. Kuhn ( Brad ) ( bkuhn )"

    def test_site_part_matching_the_host_not_og_site_name(self):
        m = _meta("<title>Night trains return to the Alps | Rail Weekly</title>"
                  "<meta property='og:site_name' content='Rail Weekly Media Group'>",
                  url="https://www.railweekly.example/2024/05/night-trains")
        assert (m.title, m.sitename) == ("Night trains return to the Alps", "Rail Weekly Media Group")

    def test_og_title_copied_from_the_home_page_is_not_the_headline(self):
        m = _meta("<title>Russia: Space ship breaks up over Siberia</title>"
                  "<meta property='og:title' content='Yahoo News - Latest News &amp; Headlines'>"
                  "<meta name='application-name' content='Yahoo News - Latest News &amp; Headlines'>",
                  "<h1>Russia: Space ship breaks up over Siberia</h1>", url="https://us.yahoo.com/news/russia-space-ship")
        assert m.title == "Russia: Space ship breaks up over Siberia"

    def test_jsonld_name_when_its_headline_is_a_description(self):
        # Wikipedia's JSON-LD puts a one-line description in "headline" and the title in "name"
        m = _meta("<title>Hermitian matrix - Wikipedia</title><script type='application/ld+json'>"
                  '{"@context": "https://schema.org", "@type": "Article", "name": "Hermitian matrix",'
                  ' "headline": "matrix equal to its conjugate-transpose"}</script>',
                  "<h1>Hermitian matrix</h1>", url="https://en.wikipedia.org/wiki/Hermitian_matrix")
        assert (m.title, m.sitename) == ("Hermitian matrix", "Wikipedia")
