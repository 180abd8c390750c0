"""The spider's own link rules, without a crawl: distinct pages counted against max_pages, scope, canonical."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request

from crawler.sources.jobs import parse_job
from crawler.spiders.articles import ArticlesSpider


def _spider(**scope) -> ArticlesSpider:
    return ArticlesSpider(job=parse_job({"sources": {"seeds": ["http://127.0.0.1:9/"]}, "scope": scope}))


def test_max_pages_counts_distinct_pages_not_links():
    spider = _spider(max_pages=2)
    first = spider.page_request("http://127.0.0.1:9/a?utm_source=x")
    assert first.url == "http://127.0.0.1:9/a" and first.meta["cleancrawl_page"]
    assert spider.page_request("http://127.0.0.1:9/a") is None  # the same page again: not counted twice
    assert spider.page_request("http://127.0.0.1:9/b") is not None
    assert spider.page_request("http://127.0.0.1:9/c") is None  # a third page: over the limit


def test_links_follow_scope_depth_and_skip_non_http():
    spider = _spider(max_depth=1, deny=["/print/"])
    body = b"""<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body>
      <a href="/news/one">one</a> <a href="/print/one">print</a> <a href="http://127.0.0.2:9/x">offsite</a>
      <a href="mailto:desk@example.org">mail</a> <a href="#top">top</a> <a href="/news/one#comments">again</a></body></html>"""
    request = Request("http://127.0.0.1:9/", meta={"hops": 0, "follow": True})
    response = HtmlResponse("http://127.0.0.1:9/", body=body, request=request)
    links = [r.url for r in spider._links(response)]
    assert links == ["http://127.0.0.1:9/news/one"]
    assert [r.url for r in spider._feeds(response)] == ["http://127.0.0.1:9/feed.xml"]
    deeper = HtmlResponse("http://127.0.0.1:9/news/one", body=body,
                          request=Request("http://127.0.0.1:9/news/one", meta={"hops": 1, "follow": True}))
    assert list(spider._links(deeper)) == []  # max_depth reached


def test_canonical_on_the_same_host_only():
    spider = _spider()

    def canonical(href: str, url: str = "http://127.0.0.1:9/story?utm_medium=social") -> str | None:
        body = f'<html><head><link rel="canonical" href="{href}"></head><body></body></html>'.encode()
        return spider._canonical(HtmlResponse(url, body=body, request=Request(url)))

    assert canonical("/story") is None  # the same page once tracking parameters are gone
    assert canonical("/story-full?utm_source=amp") == "http://127.0.0.1:9/story-full"
    assert canonical("https://syndication.example/story") is None  # another host: keep this copy
