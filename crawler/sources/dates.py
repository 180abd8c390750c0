"""Dates as sitemaps and feeds write them (W3C datetime, RFC 822), read into aware UTC datetimes."""

from __future__ import annotations

from datetime import UTC, datetime, time
from email.utils import parsedate_to_datetime


def parse_date(text: str | None, end_of_day: bool = False) -> datetime | None:
    """A sitemap/feed date in UTC, or None when absent or unreadable.

    A date without a time means midnight, or the day's last second with `end_of_day` (used for a
    sitemap `lastmod`: a page changed "on 2026-11-28" may have changed after a fetch that morning).

    >>> parse_date("2026-11-28T10:30:00+02:00").isoformat()
    '2026-11-28T08:30:00+00:00'
    >>> parse_date("Sat, 28 Nov 2026 10:30:00 GMT").isoformat()
    '2026-11-28T10:30:00+00:00'
    >>> parse_date("2026-11-28", end_of_day=True).isoformat()
    '2026-11-28T23:59:59+00:00'
    >>> parse_date("last tuesday") is None
    True
    """
    if not text or not text.strip():
        return None
    text = text.strip()
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    else:
        if len(text) <= 10 and end_of_day:  # date only
            parsed = datetime.combine(parsed.date(), time(23, 59, 59))
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
