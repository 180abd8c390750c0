"""robots.txt as RFC 9309 reads it, fetched once per site and obeyed by every request.

Scrapy's RobotsTxtMiddleware allows everything when robots.txt cannot be fetched, parses however
much a server sends, and in Scrapy 2.19 gives a robots.txt still downloading to the first waiting
request only. `RobotsTxtGateMiddleware` follows RFC 9309 (https://www.rfc-editor.org/rfc/rfc9309):

- 2xx: the rules are parsed, only the first `CLEANCRAWL_ROBOTS_MAX_BYTES` (the RFC's 500 KiB
  minimum by default; the download stops there) up to the last whole line;
- 4xx ("unavailable"), or redirects that lead nowhere: everything is allowed;
- 5xx, 429 and network failures ("unreachable": timeout, refused, reset, DNS): the whole site is
  disallowed. Its pages end as `robots_unreachable` error rows, and robots.txt is fetched again
  by the first request for the site after `CLEANCRAWL_ROBOTS_RETRY` seconds, not by every one.
  429 counts as unreachable as in Google's reading of the RFC: a site asking us to slow down is
  not a site without rules;
- rules are cached per site (scheme, host and port) for the run, at most
  `CLEANCRAWL_ROBOTS_MAX_AGE` seconds (the RFC asks for no more than 24 hours);
- every request that arrives while the site's robots.txt downloads waits for it and is judged by it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import StopDownload
from scrapy.http import Response
from scrapy.http.request import NO_CALLBACK
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler
from twisted.internet.defer import Deferred
from twisted.python.failure import Failure

from crawler.fetch.failures import describe_failure
from crawler.fetch.middlewares import RobotsTxtUnreachableError

logger = logging.getLogger(__name__)

_ROBOTS_META = "cleancrawl_robots_txt"  # marks our robots.txt requests, for the download size limit
# failures of the robots.txt request that mean "no robots.txt to be had" (RFC 9309 2.3.1.2), not "unreachable"
_UNAVAILABLE_REASONS = frozenset({"redirect_loop", "too_many_redirects", "private_address"})


@dataclass(frozen=True)
class SiteRules:
    """What a site's robots.txt says, until when to believe it."""

    parser: RobotParser | None  # None: no rules, everything allowed
    unreachable: str  # non-empty: why robots.txt could not be had; the whole site is then disallowed
    expires: float  # time.monotonic() after which robots.txt is fetched again


def first_lines(body: bytes, limit: int) -> bytes:
    """The body cut to at most `limit` bytes, ending at a whole line (a cut rule would be a different rule).

    >>> first_lines(b"Disallow: /a\\nDisallow: /private/", 20)
    b'Disallow: /a\\n'
    """
    if len(body) <= limit:
        return body
    return body[: body.rfind(b"\n", 0, limit) + 1]


class RobotsTxtGateMiddleware(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware with RFC 9309's answers to missing, failing and oversized robots.txt."""

    def __init__(self, crawler: Crawler, max_bytes: int, retry_after: float, max_age: float):
        super().__init__(crawler)
        self.max_bytes = max_bytes
        self.retry_after = retry_after
        self.max_age = max_age
        self._rules: dict[str, SiteRules | list[Deferred[SiteRules]]] = {}  # a list: waiters while it downloads
        crawler.signals.connect(self._count_from_zero, signal=signals.headers_received)
        crawler.signals.connect(self._stop_at_limit, signal=signals.bytes_received)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RobotsTxtGateMiddleware:
        """Read CLEANCRAWL_ROBOTS_MAX_BYTES, _RETRY and _MAX_AGE (off, as Scrapy's, unless ROBOTSTXT_OBEY)."""
        s = crawler.settings
        return cls(crawler, s.getint("CLEANCRAWL_ROBOTS_MAX_BYTES"), s.getfloat("CLEANCRAWL_ROBOTS_RETRY"),
                   s.getfloat("CLEANCRAWL_ROBOTS_MAX_AGE"))

    async def process_request(self, request: Request) -> None:
        """Let the request through, or refuse it (robots_disallowed, or robots_unreachable for the whole site)."""
        if request.meta.get("dont_obey_robotstxt") or request.url.startswith(("data:", "file:")):
            return None
        rules = await self.site_rules(request)
        if rules.unreachable:
            self._stats.inc_value("cleancrawl/robots/refused_unreachable")
            raise RobotsTxtUnreachableError(
                f"robots.txt of {urlparse_cached(request).netloc} unreachable ({rules.unreachable}): "
                "the whole site counts as disallowed until it answers (RFC 9309)")
        self.process_request_2(rules.parser, request)
        return None

    async def site_rules(self, request: Request) -> SiteRules:
        """The rules of the request's site: cached, awaited while they download, or fetched now."""
        netloc = urlparse_cached(request).netloc
        cached = self._rules.get(netloc)
        if isinstance(cached, list):  # downloading: wait for it, like every other request of the site
            mine: Deferred[SiteRules] = Deferred()
            cached.append(mine)
            return await maybe_deferred_to_future(mine)
        if cached is not None and time.monotonic() < cached.expires:
            return cached
        waiters: list[Deferred[SiteRules]] = []
        self._rules[netloc] = waiters
        try:
            rules = await self._fetch(request)
        except Exception as exc:  # a bug of ours must not leave the site's waiters hanging
            rules = SiteRules(None, f"{type(exc).__name__}: {exc}", time.monotonic() + self.retry_after)
        self._rules[netloc] = rules
        for waiter in waiters:
            waiter.callback(rules)
        return rules

    async def _fetch(self, request: Request) -> SiteRules:
        url = urlparse_cached(request)
        robots = Request(f"{url.scheme}://{url.netloc}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                         meta={"dont_obey_robotstxt": True, _ROBOTS_META: 0}, callback=NO_CALLBACK)
        self._stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(robots)
        except Exception as exc:
            reason, _, message = describe_failure(Failure(exc))
            self._stats.inc_value(f"robotstxt/exception_count/{reason}")
            if reason in _UNAVAILABLE_REASONS:
                logger.info("no robots.txt at %s (%s): everything allowed", robots.url, message)
                return self._allow_all()
            return self._unreachable(robots.url, f"{reason}: {message}")
        self._stats.inc_value("robotstxt/response_count")
        self._stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        if response.status == 429 or response.status >= 500:
            return self._unreachable(robots.url, f"HTTP {response.status}")
        if not 200 <= response.status < 300:
            return self._allow_all()
        return SiteRules(await self._parse(response, request), "", time.monotonic() + self.max_age)

    async def _parse(self, response: Response, request: Request) -> RobotParser:
        body = first_lines(response.body, self.max_bytes)
        if len(body) < len(response.body) or "download_stopped" in response.flags:
            self._stats.inc_value("cleancrawl/robots/truncated")
            logger.info("robots.txt at %s is longer than %d bytes: only its first %d bytes are read (RFC 9309)",
                        response.url, self.max_bytes, len(body))
        parser = build_from_crawler(self._parserimpl, self.crawler, body)
        await self.crawler.signals.send_catch_log_async(signal=signals.robots_parsed, robotparser=parser,
                                                         request=request)
        return parser

    def _allow_all(self) -> SiteRules:
        return SiteRules(None, "", time.monotonic() + self.max_age)

    def _unreachable(self, robots_url: str, why: str) -> SiteRules:
        self._stats.inc_value("cleancrawl/robots/unreachable")
        logger.warning("robots.txt at %s unreachable (%s): the site's pages are refused until it is fetched "
                       "again, in %.0f s (RFC 9309)", robots_url, why, self.retry_after)
        return SiteRules(None, why, time.monotonic() + self.retry_after)

    def _count_from_zero(self, headers: object, body_length: int, request: Request, spider: object = None) -> None:
        """A new response to a robots.txt request (a retry, a redirect's target): its bytes counted afresh."""
        if _ROBOTS_META in request.meta:
            request.meta[_ROBOTS_META] = 0

    def _stop_at_limit(self, data: bytes, request: Request, spider: object = None) -> None:
        """Stop downloading a robots.txt once past the parse limit: the rest would never be read."""
        if _ROBOTS_META not in request.meta:
            return
        request.meta[_ROBOTS_META] += len(data)
        if request.meta[_ROBOTS_META] > self.max_bytes:
            raise StopDownload(fail=False)
