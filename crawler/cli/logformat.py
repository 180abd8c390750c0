"""Log lines that name an item by its URL instead of dumping it (bodies and texts made cron logs huge)."""

from __future__ import annotations

from typing import Any

from scrapy.logformatter import LogFormatter, LogFormatterResult


def describe_item(item: Any) -> str:
    """`TypeName <url>` for any of our items; the type name alone when it has no URL."""
    url = getattr(item, "url", None)
    return f"{type(item).__name__} <{url}>" if url else type(item).__name__


class ItemUrlLogFormatter(LogFormatter):
    """Scrapy's messages for scraped, dropped and failed items, with the item shortened to its type and URL."""

    def scraped(self, item: Any, response: Any, spider: Any) -> LogFormatterResult:
        """Debug line for an item that went through every pipeline."""
        result = super().scraped(item, response, spider)
        result["args"]["item"] = describe_item(item)
        return result

    def dropped(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        """Line for a dropped item (a non-article page, an unchanged article, a duplicate)."""
        result = super().dropped(item, exception, response, spider)
        result["args"]["item"] = describe_item(item)
        return result

    def item_error(self, item: Any, exception: BaseException, response: Any, spider: Any) -> LogFormatterResult:
        """Line for an item whose pipeline raised."""
        result = super().item_error(item, exception, response, spider)
        result["args"]["item"] = describe_item(item)
        return result
