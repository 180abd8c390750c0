"""Every fault the fault server serves, with what the pipeline must make of it (the reliability guide's table: tests/faults/table.py).

A case ends as an article row (whose text must contain `text`) or as an error row with `stage` and
`reason`. `attempts` is how many requests the server must see for the path: 3 = the first try plus
Scrapy's RETRY_TIMES=2 retries, 1 = not retried, 0 = never requested (robots.txt). `site` names the
fault server a case is served from: "private" is the main one (its robots.txt disallows /private/);
the robots.txt cases each need a site of their own, whose robots.txt answers as the name says
(`FaultServer.robots`).
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.faults.pages import CHARSET_TEXTS, WRONG_CHARSET, split_sentences

RETRIED = 3  # 1 + RETRY_TIMES (2, crawler/settings.py)


@dataclass(frozen=True)
class Case:
    """One fault and its expected outcome."""

    name: str
    path: str  # on the fault server; "{closed}" is the closed port
    what: str  # the fault, as the reliability guide's table names it
    stage: str | None = None  # None: an article row is expected
    reason: str | None = None
    text: tuple[str, ...] = ()  # sentences the article's text must contain
    attempts: int | None = None
    site: str = "private"

    @property
    def article(self) -> bool:
        """True when the case must end as an article row."""
        return self.stage is None


def _error(name: str, path: str, what: str, stage: str, reason: str, attempts: int | None = None,
           site: str = "private") -> Case:
    return Case(name, path, what, stage, reason, attempts=attempts, site=site)


def _article(name: str, path: str, what: str, text: str, attempts: int | None = None, site: str = "private") -> Case:
    return Case(name, path, what, text=tuple(split_sentences(text)), attempts=attempts, site=site)


CASES: list[Case] = [
    _article("ok", "/ok/ok", "an ordinary article (control)", "This is the ok page.", attempts=1),
    _error("http_404", "/status/404", "404 Not Found", "fetch", "http_404", attempts=1),
    _error("http_500", "/status/500", "500 Internal Server Error", "fetch", "http_500", attempts=RETRIED),
    _error("http_502", "/status/502", "502 Bad Gateway", "fetch", "http_502", attempts=RETRIED),
    _error("http_503", "/status/503", "503 Service Unavailable", "fetch", "http_503", attempts=RETRIED),
    _error("http_503_retry_after", "/status/503?retry_after=1", "503 with Retry-After: 1", "fetch", "http_503",
           attempts=RETRIED),
    _error("http_429", "/status/429", "429 Too Many Requests", "fetch", "http_429", attempts=RETRIED),
    _error("http_429_retry_after", "/status/429?retry_after=1", "429 with Retry-After: 1", "fetch", "http_429",
           attempts=RETRIED),
    _article("flaky_503", "/flaky/flaky-503?fails=1&code=503&retry_after=1", "503 once, then 200",
             "This is the flaky-503 page.", attempts=2),
    _article("flaky_429", "/flaky/flaky-429?fails=2&code=429", "429 twice, then 200",
             "This is the flaky-429 page.", attempts=3),
    _error("reset", "/reset", "connection reset (RST) before the response", "fetch", "connection_lost",
           attempts=RETRIED),
    _error("reset_mid_body", "/reset-mid-body", "connection reset halfway through the body", "fetch",
           "truncated_body", attempts=RETRIED),
    # its robots.txt is refused too: RFC 9309 counts the site unreachable, and the page is not tried
    _error("refused", "{closed}", "connection refused (closed port)", "fetch", "robots_unreachable"),
    _error("stall", "/stall", "no response before the download timeout", "fetch", "timeout", attempts=RETRIED),
    _error("stall_mid_body", "/stall-mid-body", "body stalls past the download timeout", "fetch", "timeout",
           attempts=RETRIED),
    _error("truncated", "/truncated", "Content-Length larger than the body sent", "fetch", "truncated_body",
           attempts=RETRIED),
    _error("huge_declared", "/huge-declared", "Content-Length of 1 GiB (limit: DOWNLOAD_MAXSIZE, 20 MiB)",
           "fetch", "too_large", attempts=1),
    # attempts not fixed: on a busy machine a first try may time out before 20 MiB arrived, and is retried
    _error("huge_streamed", "/huge-streamed", "body without Content-Length streaming past 20 MiB", "fetch",
           "too_large"),
    _error("gzip_bomb", "/gzip-bomb", "0.5 MB of gzip inflating to 512 MiB", "fetch", "too_large", attempts=1),
    _error("redirect_loop", "/redirect-loop/a", "redirect loop a -> b -> a", "fetch", "redirect_loop"),
    _error("redirect_chain_long", "/redirect-chain/15?chain=long", "15 redirects (REDIRECT_MAX_TIMES = 10)", "fetch",
           "too_many_redirects"),
    _article("redirect_chain_short", "/redirect-chain/5?chain=short", "5 redirects, then the article",
             "This is the redirect-chain page."),
    _error("binary_as_html", "/binary-as-html", "random bytes served as text/html", "parse", "binary_body",
           attempts=1),
    _error("png_as_html", "/png-as-html", "a PNG served as text/html", "parse", "binary_body", attempts=1),
    _error("pdf", "/report.pdf", "a PDF (application/pdf)", "parse", "unsupported_content_type", attempts=1),
    _error("image", "/image.png", "an image (image/png)", "parse", "unsupported_content_type", attempts=1),
    _error("empty_200", "/empty", "200 with an empty body", "parse", "empty_body", attempts=1),
    _article("unclosed_tags", "/unclosed-tags", "unclosed <p>, <div>, <b>; no </body>",
             "This is the unclosed-tags page."),
    _article("deep_nesting", "/deep-nesting", "article inside 5,000 nested <div>s",
             "This is the deep-nesting page."),
    _error("robots_disallow", "/private/page.html", "path disallowed by robots.txt", "fetch",
           "robots_disallowed", attempts=0),
    # robots.txt as RFC 9309 reads it
    _article("robots_404", "/private/robots-404", "robots.txt answers 404: everything allowed, /private/ too",
             "This is the robots-404 page.", attempts=1, site="404"),
    _error("robots_500", "/ok/robots-500", "robots.txt answers 500: the whole site disallowed", "fetch",
           "robots_unreachable", attempts=0, site="500"),
    _error("robots_timeout", "/ok/robots-timeout", "robots.txt times out: the whole site disallowed", "fetch",
           "robots_unreachable", attempts=0, site="stall"),
    _error("robots_oversized_before", "/before/robots-oversized",
           "robots.txt of 633 KiB, path disallowed in its first lines", "fetch", "robots_disallowed", attempts=0,
           site="oversized"),
    _article("robots_oversized_after", "/after/robots-oversized",
             "robots.txt of 633 KiB, path disallowed only past 500 KiB (not read)", "This is the robots-oversized page.",
             attempts=1, site="oversized"),
]

CHARSET_VARIANTS = {
    "http": "charset in the HTTP header",
    "meta": "charset in <meta> only",
    "none": "no charset anywhere",
    "wrong_http": "wrong HTTP charset ({wrong}), no <meta>",
    "wrong_http_right_meta": "wrong HTTP charset ({wrong}), right <meta>",
}

for _charset in sorted(CHARSET_TEXTS):
    for _variant, _what in CHARSET_VARIANTS.items():
        CASES.append(_article(f"charset_{_charset}_{_variant}", f"/charset/{_charset}/{_variant}",
                              f"{_charset} page, " + _what.format(wrong=WRONG_CHARSET[_charset]),
                              CHARSET_TEXTS[_charset], attempts=1))

# Sitemaps, read as a job's `sources.sitemaps` (tests/crawler/test_faults_sitemaps.py): each ends as one
# error row for the sitemap URL, and no page it lists is requested; `normal.xml` is the control.
SITEMAP_CASES: list[Case] = [
    _error("sitemap_entity_bomb", "/sitemap/bomb.xml",
           'sitemap with an entity-expansion bomb ("billion laughs", 1 kB declaring 300 MB)', "parse", "bad_sitemap"),
    _error("sitemap_huge", "/sitemap/huge.xml", "sitemap streaming past DOWNLOAD_MAXSIZE (20 MiB)", "fetch",
           "too_large"),
    _error("sitemap_huge_gz", "/sitemap/huge.xml.gz", "gzipped sitemap of 70 kB inflating past 20 MiB", "parse",
           "bad_sitemap"),
]
# Pages each sitemap lists (server paths); only the control's are crawled.
SITEMAP_LISTED = {"/sitemap/normal.xml": ("/ok/sitemap-listed-1", "/ok/sitemap-listed-2"),
                  "/sitemap/bomb.xml": ("/ok/bomb-listed-1", "/ok/bomb-listed-2"),
                  "/sitemap/huge.xml": ("/ok/huge-listed",), "/sitemap/huge.xml.gz": ("/ok/huge-gz-listed",)}
