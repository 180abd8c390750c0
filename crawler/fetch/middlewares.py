"""Downloader middlewares for safety and honest failures.

- `PrivateAddressMiddleware` refuses URLs whose host is or resolves to a non-public address
  (loopback, private, link-local such as the cloud metadata service 169.254.169.254, CGNAT,
  reserved), redirects included, so a URL list from an untrusted source cannot reach internal
  services. `CLEANCRAWL_ALLOW_PRIVATE` (`--allow-private`) switches it off for local sites and tests;
  `CLEANCRAWL_ALLOW_PRIVATE_HOSTS` names the few private hosts or networks a crawl may reach while
  every other private address stays refused (a local site whose pages redirect elsewhere).
- `LoopSafeRedirectMiddleware` ends a redirect loop as an error instead of letting the duplicate
  filter drop it silently, and lets a redirect reach a URL fetched before for another list entry,
  so every entry of a list ends as exactly one row.

robots.txt is obeyed by `crawler.fetch.robots.RobotsTxtGateMiddleware`; the errors it raises are here,
with the others, so that `crawler.fetch.failures` can name them all.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


class PrivateAddressError(IgnoreRequest):
    """The URL's host is, or resolves to, an address that is not on the public internet."""


class RedirectLoopError(IgnoreRequest):
    """A redirect points back to a URL already visited in the same chain."""


class RobotsTxtUnreachableError(IgnoreRequest):
    """The site's robots.txt could not be fetched (5xx, 429, network failure): RFC 9309 disallows the whole site."""


def is_public(ip: IPAddress) -> bool:
    """True for a globally routable unicast address (IPv4-mapped IPv6 judged by its IPv4 part).

    >>> [is_public(ipaddress.ip_address(a)) for a in ("93.184.216.34", "127.0.0.1", "169.254.169.254", "::ffff:10.0.0.1")]
    [True, False, False, False]
    """
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def allowed_private(entries: Iterable[str]) -> tuple[tuple[IPNetwork, ...], frozenset[str]]:
    """(networks, host names) of an allow-list: "127.0.0.2", "10.1.0.0/16" and "::1" are networks, "intranet" a name.

    >>> allowed_private(["127.0.0.2", " Intranet.Example "])
    ((IPv4Network('127.0.0.2/32'),), frozenset({'intranet.example'}))
    """
    networks: list[IPNetwork] = []
    hosts: set[str] = set()
    for entry in (e.strip().lower() for e in entries):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            if "/" in entry or ":" in entry or " " in entry:
                raise ValueError(f"not a host name, address or network: {entry!r}") from None
            hosts.add(entry)
    return tuple(networks), frozenset(hosts)


class PrivateAddressMiddleware:
    """Refuse requests to non-public addresses; the refusal becomes an error row with reason `private_address`.

    Hosts named in `allowed_hosts` (matched on the URL's host) and addresses in `allowed_networks` pass:
    a crawl of one local site, whose redirects to any other private address are still refused.
    """

    def __init__(self, crawler: Crawler, allowed: Iterable[str] = ()):
        self.crawler = crawler
        self.allowed_networks, self.allowed_hosts = allowed_private(allowed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> PrivateAddressMiddleware:
        """Off (NotConfigured) when CLEANCRAWL_ALLOW_PRIVATE is true; CLEANCRAWL_ALLOW_PRIVATE_HOSTS is let through."""
        if crawler.settings.getbool("CLEANCRAWL_ALLOW_PRIVATE"):
            raise NotConfigured("CLEANCRAWL_ALLOW_PRIVATE is set")
        return cls(crawler, crawler.settings.getlist("CLEANCRAWL_ALLOW_PRIVATE_HOSTS"))

    async def process_request(self, request: Request) -> None:
        """Resolve the host (through Scrapy's cached resolver, so the download uses the same address) and check it."""
        host = urlsplit(request.url).hostname
        if not host or host in self.allowed_hosts:
            return None
        try:
            ip = ipaddress.ip_address(host)
        except ValueError:
            ip = await self._resolve(host)
            if ip is None:
                return None  # unresolvable: the download fails with a DNS error of its own
        if not is_public(ip) and not self._allowed(ip):
            self.crawler.stats.inc_value("cleancrawl/refused/private_address")
            logger.warning("refusing %s: %s is not a public address (use --allow-private for local sites)",
                           request.url, ip)
            raise PrivateAddressError(f"{host} resolves to {ip}, which is not a public address")
        return None

    def _allowed(self, ip: IPAddress) -> bool:
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return any(ip in network for network in self.allowed_networks)

    async def _resolve(self, host: str) -> IPAddress | None:
        from twisted.internet import reactor
        from twisted.internet.error import DNSLookupError

        try:
            address = await maybe_deferred_to_future(reactor.resolve(host))
        except DNSLookupError:
            return None
        try:
            return ipaddress.ip_address(address)
        except ValueError:
            return None


class LoopSafeRedirectMiddleware(RedirectMiddleware):
    """Scrapy's RedirectMiddleware, but a loop fails as `redirect_loop` and a redirect is never deduplicated."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        seen = [*request.meta.get("redirect_urls", []), request.url]
        if redirected.url in seen:
            raise RedirectLoopError(f"redirect loop: {' -> '.join([*seen, redirected.url])}"[:1000])
        result = super()._redirect(redirected, request, reason)
        # The target may have been fetched already for another entry; this entry still needs its own row.
        result.dont_filter = True
        return result
