"""One crawl over every fault of the fault server, then one assertion per case.

Each case must end as exactly one row: an article whose text is right, or an error row with the
expected stage and reason. The crawl must not log a traceback, must end by itself, and must leave
only valid Parquet files. The stalling pages stall until the crawl hangs up (at most a minute), so a
download timeout that does not fire shows as article rows where `timeout` error rows are due. Retries
follow Scrapy's RETRY_TIMES and are counted.
"""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections import Counter
from contextlib import ExitStack

import pytest

from output import read_rows
from tests.conftest import local_crawl_flags, run_cli
from tests.faults.cases import CASES, RETRIED
from tests.faults.server import FaultServer, closed_port_url

CRAWL_TIMEOUT = 300  # seconds: a hung crawl fails the test instead of hanging it
# Every good page must arrive within it while 64 downloads (20 MiB bodies and bombs among them) share a
# busy machine, or it is retried and the exact request counts fail; the stalls last until the crawl hangs
# up, so it costs three timeouts of wall time (the stalled pages' tries), not flakiness.
DOWNLOAD_TIMEOUT = 10


@pytest.fixture(scope="module")
def crawl(tmp_path_factory):
    """Serve every case (a server per robots.txt behaviour), crawl them all in one subprocess, read both tables back."""
    tmp = tmp_path_factory.mktemp("faults")
    with ExitStack() as stack:
        servers = {site: stack.enter_context(FaultServer(robots=site, build_bomb=site == "private"))
                   for site in sorted({c.site for c in CASES})}
        closed = closed_port_url()
        urls = {c.name: closed if c.path == "{closed}" else servers[c.site].url(c.path) for c in CASES}
        url_list = tmp / "faults.txt"
        url_list.write_text("\n".join(urls.values()) + "\n", encoding="utf-8")
        out = tmp / "out"
        try:
            proc = run_cli("crawl", str(url_list), "--out", str(out),
                           *local_crawl_flags(workers=1, timeout=DOWNLOAD_TIMEOUT, retries=RETRIED - 1),
                           "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=64", timeout=CRAWL_TIMEOUT)
        except subprocess.TimeoutExpired as hung:
            log = (hung.stderr or b"").decode("utf-8", "replace")[-3000:]
            pytest.fail(f"the fault crawl did not end within {CRAWL_TIMEOUT} s; its log ends:\n{log}")
        hits = {site: Counter(server.hits) for site, server in servers.items()}
    files = sorted(out.rglob("*.parquet"))
    tables = {t: [row for f in files if f"/{t}/" in str(f) for row in read_rows(f, t)] for t in ("articles", "errors")}
    return {"urls": urls, "proc": proc, "hits": hits, "out": out, "files": files, **tables}


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _log_about(crawl: dict, url: str) -> str:
    """The crawl's log lines that name this URL or a robots.txt: what a failure message needs."""
    host = url.split("/")[2]
    lines = crawl["proc"].stderr.decode("utf-8", "replace").splitlines()
    return "\n".join(line for line in lines if url in line or f"{host}/robots.txt" in line)[-4000:]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_case_ends_as_one_article_or_one_error_row(crawl, case):
    url = crawl["urls"][case.name]
    articles = [r for r in crawl["articles"] if r["url"] == url]
    errors = [r for r in crawl["errors"] if r["url"] == url]
    if case.article:
        assert errors == [], f"{case.name}: unexpected error row {errors}"
        assert len(articles) == 1, f"{case.name}: {len(articles)} article rows"
        text = _norm(articles[0]["text"])
        missing = [s for s in case.text if _norm(s) not in text]
        assert not missing, f"{case.name}: text lacks {missing!r}; got {articles[0]['text'][:300]!r}"
    else:
        assert articles == [], f"{case.name}: unexpected article row; the crawl said:\n{_log_about(crawl, url)}"
        assert [(r["stage"], r["reason"]) for r in errors] == [(case.stage, case.reason)], errors
        assert errors[0]["message"], "an error row says what happened"
    if case.attempts is not None:
        seen = crawl["hits"][case.site][case.path]
        assert seen == case.attempts, f"{case.name}: requests seen {seen}"


def test_robots_txt_is_fetched_once_per_site_and_retried_only_when_unreachable(crawl):
    """Cached for the run; a 500 or a timeout is retried (RETRY_TIMES=2) like any page, then the site is refused."""
    assert {site: hits["/robots.txt"] for site, hits in crawl["hits"].items()} == {
        "private": 1, "404": 1, "oversized": 1, "500": 3, "stall": 3}


def test_crawl_succeeds_without_tracebacks(crawl):
    proc = crawl["proc"]
    log = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, log[-3000:]
    assert "Traceback" not in log and "Unhandled" not in log, log[log.find("Traceback") - 2000:][:4000]


def test_every_parquet_file_is_valid_and_no_temp_file_is_left(crawl):
    assert crawl["files"], "the crawl wrote no files"
    for path in crawl["files"]:  # read_rows checks the schema; reading every row checks the data
        assert read_rows(path, "articles" if "/articles/" in str(path) else "errors") is not None
    leftovers = [p for p in crawl["out"].rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]
    assert leftovers == []


def test_no_row_for_anything_but_the_list(crawl):
    listed = set(crawl["urls"].values())
    rows = [r["url"] for r in crawl["articles"] + crawl["errors"]]
    assert sorted(rows) == sorted(listed), "every list entry ends as exactly one row"


def test_retries_are_counted_in_the_summary(crawl):
    """Scrapy's RETRY_TIMES=2: every retryable failure is requested three times, and the stats count it."""
    seen_by_server = sum(n - 1 for hits in crawl["hits"].values() for n in hits.values())
    refused = 2  # the closed port's robots.txt, retried twice; its page is never tried (the site is unreachable)
    m = re.search(r"retries:\s+(\d+)", crawl["proc"].stdout.decode())
    assert m, crawl["proc"].stdout.decode()
    assert int(m.group(1)) == seen_by_server + refused
