"""Which URLs a crawl follows (allowed domains, allow/deny patterns) and their canonical form.

Tracking parameters (utm_*, fbclid, gclid…) and fragments are stripped with w3lib's
`url_query_cleaner`, so one article reached through many shared links is fetched once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import parse_qsl, urlsplit

from w3lib.url import url_query_cleaner

# Parameters that only say where a click came from; the page is the same without them.
TRACKING_PREFIXES = ("utm_", "mtm_", "pk_", "hsa_")
TRACKING_PARAMS = frozenset({"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "igshid", "mc_cid",
                             "mc_eid", "_ga", "_gl", "oly_enc_id", "oly_anon_id", "vero_id", "wt_mc",
                             "ncid", "cmpid", "at_medium", "at_campaign", "__twitter_impression"})


def clean_url(url: str) -> str:
    """The URL without tracking parameters and fragment; everything else kept as it was.

    >>> clean_url("https://example.org/a?id=7&utm_source=x&fbclid=1#comments")
    'https://example.org/a?id=7'
    >>> clean_url("https://example.org/a?page=2")
    'https://example.org/a?page=2'
    """
    query = urlsplit(url).query
    names = {k for k, _ in parse_qsl(query, keep_blank_values=True)
             if k.lower() in TRACKING_PARAMS or k.lower().startswith(TRACKING_PREFIXES)}
    return url_query_cleaner(url, sorted(names), remove=True, keep_fragments=False, unique=False)


class Scope:
    """Allowed domains (subdomains included) plus allow/deny regular expressions over the whole URL."""

    def __init__(self, domains: Iterable[str] = (), allow: Iterable[str] = (), deny: Iterable[str] = ()):
        self.domains = tuple(d.lower().removeprefix("www.") for d in domains)
        self.allow = tuple(re.compile(p) for p in allow)
        self.deny = tuple(re.compile(p) for p in deny)

    def reason_out(self, url: str) -> str | None:
        """Why a URL is outside the scope (offsite, denied, not_allowed), or None when it is inside."""
        try:
            host = (urlsplit(url).hostname or "").lower()
        except ValueError:
            return "offsite"
        if urlsplit(url).scheme not in ("http", "https"):
            return "offsite"
        host = host.removeprefix("www.")
        if self.domains and not any(host == d or host.endswith("." + d) for d in self.domains):
            return "offsite"
        if any(p.search(url) for p in self.deny):
            return "denied"
        if self.allow and not any(p.search(url) for p in self.allow):
            return "not_allowed"
        return None
