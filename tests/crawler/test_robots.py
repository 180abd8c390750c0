"""robots.txt as RFC 9309 reads it: whole lines up to the parse limit; an unreachable one is tried again later.

The fault suite (tests/crawler/test_faults.py) covers 404, 500, a timeout and an oversized robots.txt;
the slow robots.txt that every waiting request must obey is in tests/crawler/test_middlewares.py.
"""

from __future__ import annotations

from crawler.fetch.robots import first_lines
from output import load
from tests.conftest import run_cli
from tests.faults.server import FaultServer


class TestFirstLines:
    def test_a_short_body_is_kept_whole(self):
        assert first_lines(b"User-agent: *\nDisallow: /a/", 100) == b"User-agent: *\nDisallow: /a/"

    def test_a_line_crossing_the_limit_is_dropped_whole(self):
        """`Disallow: /private/` cut to `Disallow: /pr` would disallow /press/ too: a cut line is not read."""
        body = b"User-agent: *\nDisallow: /a/\nDisallow: /private/\n"
        assert first_lines(body, len(body) - 8) == b"User-agent: *\nDisallow: /a/\n"

    def test_a_limit_inside_the_first_line_leaves_nothing(self):
        assert first_lines(b"Disallow: /private/\n", 5) == b""


def test_an_unreachable_robots_txt_is_fetched_again_later_not_for_every_request(tmp_path):
    """The first robots.txt request gets a 503: the site's pages are refused until the retry time has passed,
    without a robots.txt request each; the first page after it fetches robots.txt again and is crawled."""
    with FaultServer(build_bomb=False, robots="flaky") as flaky, \
            FaultServer(build_bomb=False, stall_seconds=10) as other:
        refused = [flaky.url("/ok/first"), flaky.url("/ok/second")]
        later = flaky.url("/ok/later")
        urls = tmp_path / "urls.txt"
        # one request at a time, in list order: the slow page on the other site lets the retry time pass
        urls.write_text("\n".join([*refused, other.url("/slow/wait?seconds=6"), later]) + "\n")
        proc = run_cli("crawl", str(urls), "--out", str(tmp_path / "out"), "--allow-private", "--workers", "0",
                       "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0", "-s", "CONCURRENT_REQUESTS=1",
                       "-s", "CLEANCRAWL_START_BACKLOG=1", "-s", "CLEANCRAWL_ROBOTS_RETRY=3", timeout=90)
        hits = dict(flaky.hits)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert hits == {"/robots.txt": 2, "/ok/later": 1}, hits
    errors = load(tmp_path / "out", "errors").to_table(columns=["url", "reason", "message"]).to_pylist()
    assert sorted((r["url"], r["reason"]) for r in errors) == [(url, "robots_unreachable") for url in refused]
    assert all("HTTP 503" in r["message"] and "RFC 9309" in r["message"] for r in errors), errors
    articles = load(tmp_path / "out", "articles").to_table(columns=["url"]).column("url").to_pylist()
    assert sorted(articles) == sorted([later, other.url("/slow/wait?seconds=6")])
