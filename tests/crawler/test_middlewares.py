"""Safety middlewares: private addresses are refused by default (redirects included), loops end as errors."""

from __future__ import annotations

import asyncio
import ipaddress

import pytest
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse

from crawler.fetch.middlewares import (
    LoopSafeRedirectMiddleware,
    PrivateAddressError,
    PrivateAddressMiddleware,
    RedirectLoopError,
    is_public,
)
from output import load
from tests.conftest import local_crawl_flags, project_crawler, run_cli
from tests.crawler.redirect_server import RedirectServer
from tests.faults.server import FaultServer


@pytest.mark.parametrize("address", ["127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                                     "100.64.0.1", "0.0.0.0", "::1", "fe80::1", "fd00:ec2::254",
                                     "::ffff:127.0.0.1", "224.0.0.1"])
def test_non_public_addresses_are_not_public(address):
    assert not is_public(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", ["93.184.216.34", "1.1.1.1", "2606:4700:4700::1111"])
def test_public_addresses_are_public(address):
    assert is_public(ipaddress.ip_address(address))


def _middleware(**settings):
    return PrivateAddressMiddleware.from_crawler(project_crawler(settings=settings))


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/admin", "http://169.254.169.254/latest/meta-data/",
                                 "http://[::1]/", "http://10.0.0.5/internal", "http://[fd00:ec2::254]/"])
def test_private_ip_literals_are_refused(url):
    with pytest.raises(PrivateAddressError, match="not a public address"):
        asyncio.run(_middleware().process_request(Request(url)))


def test_a_redirect_to_a_private_address_is_refused():
    """A redirected request goes through process_request again; built here the way Scrapy builds it."""
    crawler = project_crawler(settings={})
    redirect = LoopSafeRedirectMiddleware.from_crawler(crawler)
    first = Request("http://93.184.216.34/article")
    response = HtmlResponse(first.url, status=302, headers={"Location": "http://169.254.169.254/latest/"},
                            request=first)
    redirected = redirect.process_response(first, response)
    assert isinstance(redirected, Request) and redirected.meta["redirect_urls"] == [first.url]
    with pytest.raises(PrivateAddressError):
        asyncio.run(_middleware().process_request(redirected))


def test_allow_private_switches_the_check_off():
    with pytest.raises(NotConfigured):
        _middleware(CLEANCRAWL_ALLOW_PRIVATE=True)


@pytest.mark.parametrize(("url", "allowed"), [
    ("http://127.0.0.2:8080/page", True), ("http://10.1.200.7/page", True), ("http://intranet/page", True),
    ("http://INTRANET:81/page", True), ("http://127.0.0.1:8080/page", False), ("http://10.2.0.1/", False),
    ("http://169.254.169.254/latest/", False), ("http://[::ffff:10.1.0.9]/", True), ("http://[::1]/", False),
])
def test_only_the_named_private_hosts_and_networks_pass(url, allowed):
    middleware = _middleware(CLEANCRAWL_ALLOW_PRIVATE_HOSTS="127.0.0.2,10.1.0.0/16,intranet")
    if allowed:
        assert asyncio.run(middleware.process_request(Request(url))) is None
    else:
        with pytest.raises(PrivateAddressError):
            asyncio.run(middleware.process_request(Request(url)))


def test_a_malformed_allow_list_entry_is_refused_when_the_middleware_is_built():
    with pytest.raises(ValueError, match="10.1.0.0/33"):
        _middleware(CLEANCRAWL_ALLOW_PRIVATE_HOSTS="10.1.0.0/33")


def test_redirect_loop_raises_instead_of_being_filtered():
    crawler = project_crawler(settings={})
    redirect = LoopSafeRedirectMiddleware.from_crawler(crawler)
    a = Request("http://93.184.216.34/a")
    to_b = redirect.process_response(a, HtmlResponse(a.url, status=301, headers={"Location": "/b"}, request=a))
    assert to_b.dont_filter  # the target may be another entry's URL: this entry still gets its row
    with pytest.raises(RedirectLoopError, match="/a -> http://93.184.216.34/b -> http://93.184.216.34/a"):
        redirect.process_response(to_b, HtmlResponse(to_b.url, status=301, headers={"Location": "/a"},
                                                     request=to_b))


def test_crawl_refuses_loopback_by_default_and_never_connects(tmp_path):
    """Without --allow-private, 127.0.0.1 and localhost become error rows and the server sees no request."""
    with FaultServer() as server:
        urls = tmp_path / "internal.txt"
        port = server.server_address[1]
        urls.write_text(f"{server.url('/ok/a')}\nhttp://localhost:{port}/ok/b\n")
        proc = run_cli("crawl", str(urls), "--out", str(tmp_path / "out"), "--workers", "0", timeout=60)
        hits = dict(server.hits)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert hits == {}
    rows = load(tmp_path / "out", "errors").to_table(columns=["url", "stage", "reason"]).to_pylist()
    assert sorted((r["url"].split("/")[2].split(":")[0], r["stage"], r["reason"]) for r in rows) == [
        ("127.0.0.1", "fetch", "private_address"), ("localhost", "fetch", "private_address")]
    assert "--allow-private" in proc.stderr.decode()  # the log says how to crawl a local site on purpose


def test_a_redirect_from_an_allowed_local_site_to_another_private_host_never_connects(tmp_path):
    """The allowed first hop is fetched; its redirects to a loopback address or to `localhost` are refused.

    The site is on 127.0.0.2 and allowed by name; the target listens on 127.0.0.1 (its address, and
    `localhost`, which resolves to it), recording every request: it must see none, not even robots.txt.
    """
    with RedirectServer("127.0.0.1") as target:
        port = target.server_address[1]
        redirects = {"/to-address": target.url("/secret"), "/to-name": f"http://localhost:{port}/secret",
                     "/to-self": "/article"}
        with RedirectServer("127.0.0.2", redirects) as site:
            urls = tmp_path / "urls.txt"
            urls.write_text("".join(site.url(path) + "\n" for path in redirects))
            proc = run_cli("crawl", str(urls), "--out", str(tmp_path / "out"), "--workers", "0",
                           "-s", "CLEANCRAWL_ALLOW_PRIVATE_HOSTS=127.0.0.2", "-s", "RETRY_TIMES=0",
                           "-s", "AUTOTHROTTLE_ENABLED=False", timeout=120)
            seen_by_site = sorted(site.requests)
        seen_by_target = list(target.requests)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert seen_by_target == []
    assert seen_by_site == ["/article", "/robots.txt", "/to-address", "/to-name", "/to-self"]
    errors = load(tmp_path / "out", "errors").to_table(columns=["url", "stage", "reason"]).to_pylist()
    assert sorted((r["url"], r["stage"], r["reason"]) for r in errors) == [
        (site.url("/to-address"), "fetch", "private_address"), (site.url("/to-name"), "fetch", "private_address")]
    articles = load(tmp_path / "out").to_table(columns=["url", "final_url"]).to_pylist()
    assert articles == [{"url": site.url("/to-self"), "final_url": site.url("/article")}]


def test_every_request_waiting_on_a_slow_robots_txt_obeys_it(tmp_path):
    """Pages queued while robots.txt downloads all wait for its rules; Scrapy 2.19 let all but one through."""
    with FaultServer(build_bomb=False, robots_delay=1.0) as server:
        private = [server.url(f"/private/p{i}.html") for i in range(5)]
        urls = tmp_path / "urls.txt"
        urls.write_text("\n".join([server.url("/ok/first"), *private, server.url("/ok/last")]) + "\n")
        proc = run_cli("crawl", str(urls), "--out", str(tmp_path / "out"), *local_crawl_flags())
        hits = dict(server.hits)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert hits == {"/robots.txt": 1, "/ok/first": 1, "/ok/last": 1}
    errors = load(tmp_path / "out", "errors").to_table(columns=["url", "reason"]).to_pylist()
    assert sorted((r["url"], r["reason"]) for r in errors) == [(url, "robots_disallowed") for url in private]
    articles = load(tmp_path / "out", "articles").to_table(columns=["url"]).column("url").to_pylist()
    assert sorted(articles) == [server.url("/ok/first"), server.url("/ok/last")]
