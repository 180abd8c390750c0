"""Find a page's publication date: the first publication the page states, else htmldate's answer.

The page's published-date markup (JSON-LD `datePublished`, `article:published_time` and the other
<meta> tags of `PUBLISHED_META`) is read first; modified dates (`dateModified`, `og:updated_time`)
never are. When these statements name different days, the earliest is the first publication:
a CMS that rewrites a "published" field on each edit only ever moves it later (Medium's and NBC's
`article:published_time` hold the last edit while their JSON-LD keeps the first publication).
htmldate's own tie-break between such tags is their order in the page, so it is not asked here.
A day in the URL path (/2019/05/14/) outranks stated dates days away from it: those are edits.

When the page states no published date, htmldate searches it, as trafilatura does: `<time>`
elements, the URL, visible bylines, dates written out in many languages. It runs on our tree
(it prunes a copy) and only on those pages, since its search costs more than the rest of the
metadata. Its answer is a day; where a `<time datetime>` writes that day with a time and offset,
that fuller value is kept. No date found is None, never a guess: when htmldate finds no day it
falls back to a year (a copyright line), given as 1 January; that is dropped unless a `<time>`
states that very day.

Values keep their UTC offset ("2019-11-18T10:30:00-08:00") so the record can convert them to UTC;
a bare day stays a bare day ("2019-11-18"), so it is not shifted by a time zone it never had.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime

from htmldate import find_date
from lxml import etree
from lxml.html import HtmlElement

logger = logging.getLogger(__name__)

# <meta> names and properties that state when the page was first published, best first
PUBLISHED_META = ("article:published_time", "og:published_time", "published_time", "datepublished",
                  "date", "pubdate", "publishdate", "dc.date.issued", "dc.date", "dcterms.created",
                  "sailthru.date", "parsely-pub-date", "article.published")

_DATE = re.compile(
    r"(?<!\d)(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}(?!\d))?)?"
)
# a complete date in a URL path: /2019/05/14/, /2019-05-14-, _20190514 is left to htmldate
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/_-](\d{1,2})[/_-](\d{1,2})(?:[/_.-]|$)")
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
_URL_SLACK = timedelta(days=1)  # a URL's local day may differ from a UTC timestamp's day by one


def published_date(tree: HtmlElement, stated: Iterable[str | None], url: str | None, now: datetime) -> str | None:
    """The page's publication date as ISO 8601, from its `stated` published dates (best first) or htmldate."""
    dates = list(dict.fromkeys(d for d in (parse_date(v, now) for v in stated) if d))
    url_day = _url_day(url)
    if url_day is not None:  # stated dates days away from the URL's day are edits; htmldate reads the URL
        dates = [d for d in dates if abs(_utc_day(d) - url_day) <= _URL_SLACK]
    if dates:
        first = min(map(_utc_day, dates))
        same_day = [d for d in dates if _utc_day(d) == first]
        return next((d for d in same_day if "T" in d), same_day[0])  # with its time where stated
    day = _htmldate_day(tree, url, now)
    if day is None:
        return None
    fuller = (parse_date(t.get("datetime"), now) for t in tree.iter("time"))
    stated_day = next((d for d in fuller if d and d[:10] == day), None)
    if stated_day is None and day.endswith("-01-01"):
        return None  # htmldate's last resort, a copyright or lone year: not a day
    return stated_day or day


def parse_date(value: str | None, now: datetime) -> str | None:
    """ISO 8601 form of the first date in value, with its time and offset if given, if plausible (1990 .. now).

    >>> parse_date("2019-11-18T10:30:00.000Z", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-11-18T10:30:00+00:00'
    >>> parse_date("2015-07-10T09:53:00-0400", datetime(2020, 1, 1, tzinfo=UTC))
    '2015-07-10T09:53:00-04:00'
    >>> parse_date("2019-11-18 10:30", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-11-18T10:30:00'
    >>> parse_date("Tue, 15 Oct 2019 10:00:00 +0200", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-10-15T10:00:00+02:00'
    >>> parse_date("2031-01-01", datetime(2020, 1, 1, tzinfo=UTC)) is None
    True
    >>> parse_date("发布时间：2019年5月14日", datetime(2020, 1, 1, tzinfo=UTC))
    '2019-05-14'
    """
    match = _DATE.search(value or "")
    if match is None:
        return _rfc2822(value, now)
    y, mo, d, h, mi, s = (int(g) if g else None for g in match.groups()[:6])
    zone = match.group(7)
    try:
        moment = datetime(y, mo, d, h or 0, mi or 0, s or 0)
    except ValueError:
        return None
    if h is None:
        return moment.date().isoformat() if _plausible(moment.replace(tzinfo=UTC), now) else None
    if zone:
        offset = "+00:00" if zone == "Z" else f"{zone[:3]}:{zone[-2:]}"
        moment = datetime.fromisoformat(moment.isoformat() + offset)
    return moment.isoformat() if _plausible(moment if zone else moment.replace(tzinfo=UTC), now) else None


def _rfc2822(value: str | None, now: datetime) -> str | None:
    """An e-mail style date ("Tue, 15 Oct 2019 10:00:00 +0200"), as some <meta> tags carry it."""
    if not value or not any(c.isdigit() for c in value):
        return None
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return moment.isoformat() if _plausible(moment if moment.tzinfo else moment.replace(tzinfo=UTC), now) else None


def _plausible(moment: datetime, now: datetime) -> bool:
    """Not before 1990 and not in the future (a day of slack for time zones)."""
    return _EARLIEST <= moment <= now + timedelta(days=1)


def _utc_day(value: str) -> date:
    """The UTC day of an ISO date(-time); a value without offset is taken as written."""
    moment = datetime.fromisoformat(value)
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def _url_day(url: str | None) -> date | None:
    """The day a URL path names (/2019/05/14/), or None."""
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    try:
        return date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _htmldate_day(tree: HtmlElement, url: str | None, now: datetime) -> str | None:
    """htmldate's publication day for the page ("YYYY-MM-DD"), searched as trafilatura searches it.

    `original_date` asks for the first publication, not the last edit; `extensive_search` also
    reads free text (bylines written out, "14 June 2020", other languages), as trafilatura does by
    default. A URL of None lets htmldate read the page's canonical link.
    """
    latest = (now + timedelta(days=1)).strftime("%Y-%m-%d")
    try:
        return find_date(tree, extensive_search=True, original_date=True, outputformat="%Y-%m-%d",
                         url=url, max_date=latest)
    except (ValueError, TypeError, etree.LxmlError) as exc:  # malformed markup htmldate cannot read
        logger.debug("htmldate failed on %s: %r", url, exc)
        return None
