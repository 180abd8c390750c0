"""The spider hands a long URL list to the scheduler as it drains, so memory does not grow with the list."""

from __future__ import annotations

import json
import subprocess
import sys
import time

import pytest

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.conftest import ROOT

_DRIVER = """
import json, sys
from crawler.cli.run import run_crawl
urls, out, backlog = sys.argv[1], sys.argv[2], int(sys.argv[3])
result = run_crawl(urls, out, job="start", overrides={
    "CLEANCRAWL_START_BACKLOG": backlog, "CLEAN_WORKERS": 0, "CLEANCRAWL_ALLOW_PRIVATE": True,
    "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": False, "RETRY_TIMES": 0, "LOG_LEVEL": "WARNING",
    "CONCURRENT_REQUESTS": 8, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "EXTENSIONS": {"tests.crawler.scheduler_probe.SchedulerProbe": 0}})
print(json.dumps({"most": result.count("probe/max_scheduled"), "errors": result.count("cleancrawl/errors_written")}))
"""
URLS = 200
# A page takes this long to answer, so the crawl's 8 download slots drain the list far slower than Scrapy
# reads start(), as on a real site; with the margin, a busy machine slowing the crawl process does not
# let the downloads catch up with the reading (the no-backlog test counts what piles up in the scheduler).
ANSWER_SECONDS = 0.2


class _SlowNotFound(QuietHandler):
    """Answers every page with a 404 after ANSWER_SECONDS."""

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        time.sleep(ANSWER_SECONDS)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def site():
    """A server on 127.0.0.1 (free port) answering 404 slowly; yields its base URL."""
    with LoopbackServer(_SlowNotFound) as server:
        yield server.base_url


def crawl_list(site, tmp_path, backlog: int) -> dict:
    """Crawl URLS pages (404 error rows) with the given start backlog; the probe's figures."""
    urls = tmp_path / "urls.txt"
    urls.write_text("".join(f"{site}/{n}.html\n" for n in range(URLS)))
    proc = subprocess.run([sys.executable, "-c", _DRIVER, str(urls), str(tmp_path / "out"), str(backlog)],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    return json.loads(proc.stdout.decode().strip().splitlines()[-1])


@pytest.mark.parametrize("backlog", [20, 60])
def test_the_scheduler_never_holds_more_than_the_backlog_and_every_url_is_crawled(site, tmp_path, backlog):
    got = crawl_list(site, tmp_path, backlog)
    assert got["errors"] == URLS  # every URL fetched (a 404 is an error row)
    assert got["most"] <= backlog


def test_without_a_backlog_the_whole_list_waits_in_the_scheduler(site, tmp_path):
    got = crawl_list(site, tmp_path, 0)
    assert got["errors"] == URLS
    assert got["most"] > URLS // 2  # what the backlog prevents: Scrapy reads start() as fast as it can
