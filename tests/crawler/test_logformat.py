"""Dropped and failed items are logged by URL, never with their page body."""

from datetime import UTC, datetime

from crawler.cli.logformat import ItemUrlLogFormatter
from crawler.items import PageItem
from crawler.spiders.articles import ArticlesSpider
from tests.conftest import project_crawler


def test_dropped_page_is_logged_by_url_without_its_body():
    crawler = project_crawler(ArticlesSpider, {"DEFAULT_DROPITEM_LOG_LEVEL": "INFO"})
    spider = ArticlesSpider.from_crawler(crawler)
    body = b"<html>" + b"x" * 10_000 + b"</html>"
    item = PageItem(url="http://127.0.0.1/tag/x", final_url="http://127.0.0.1/tag/x", status=200,
                    headers={}, body=body, fetched_at=datetime.now(UTC))
    result = ItemUrlLogFormatter().dropped(item, Exception("tag_page"), None, spider)
    line = result["msg"] % result["args"]
    assert "PageItem <http://127.0.0.1/tag/x>" in line and "tag_page" in line
    assert "xxxx" not in line and len(line) < 200
