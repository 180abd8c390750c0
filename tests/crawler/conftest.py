"""Fixtures of the crawler tests: a private redis-server; for the WARC tests a gzip+chunked server and one --warc crawl."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.conftest import DATA, local_crawl_flags, run_cli
from tests.crawler.redis_helpers import RedisServer

SITE = DATA / "site"
# Pages of tests/data/site fetched by the --warc crawl (paths on the `site` server).
CRAWLED_PAGES = ("news/ferry-timetable.html", "news/mercado-central.html")
WARC_CRAWL_SETTINGS = (*local_crawl_flags(workers=1), "-s", "CLEANCRAWL_ROLL_ROWS=1")


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    """A private redis-server on 127.0.0.1 (free port, no persistence) for the whole session."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


class _GzipChunkedHandler(QuietHandler):
    """Serve tests/data/site with Content-Encoding: gzip and Transfer-Encoding: chunked, as many servers do."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        path = (SITE / self.path.lstrip("/")).resolve()
        if not path.is_file() or SITE.resolve() not in path.parents:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for start in range(0, len(body), 512):
            chunk = body[start:start + 512]
            self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


@pytest.fixture(scope="session")
def gzip_site():
    """A server on 127.0.0.1 (free port) sending the test site gzip-encoded and chunked; yields its base URL."""
    with LoopbackServer(_GzipChunkedHandler) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def warc_crawl(site, gzip_site, tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """One crawl with --warc over two articles, a gzip+chunked copy, a 404, a PDF and a redirect; (out, urls)."""
    tmp = tmp_path_factory.mktemp("warc-crawl")
    urls = {
        "ferry": site.url(CRAWLED_PAGES[0]),
        "mercado": site.url(CRAWLED_PAGES[1]),
        "gzip": f"{gzip_site}/{CRAWLED_PAGES[0]}",
        "missing": site.url("missing.html"),
        "pdf": site.url("report.pdf"),
        "redirect": site.url("news"),  # answered with 301 to news/ (a directory listing: dropped as too short)
    }
    url_file = tmp / "archived.txt"
    url_file.write_text("\n".join(urls.values()) + "\n", encoding="utf-8")
    out = tmp / "out"
    proc = run_cli("crawl", str(url_file), "--out", str(out), "--warc", *WARC_CRAWL_SETTINGS)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    (tmp / "summary.txt").write_bytes(proc.stdout)  # beside the dataset, for test_summary_names_the_archive
    return out, urls
