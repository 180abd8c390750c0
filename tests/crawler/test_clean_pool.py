"""CleanPagePipeline with a real spawned pool: stuck, crashing and raising cleaners become error rows."""

from __future__ import annotations

import asyncio
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest
from scrapy.exceptions import DropItem

from cleaners import Article, near_dup
from crawler.cleaning.pipeline import CleanPagePipeline
from crawler.cleaning.pool import CleanPool, NamedFunction
from crawler.items import ErrorItem, PageItem
from tests.conftest import DATA, ROOT, project_crawler
from tests.crawler.pool_faults import clean_or_misbehave

ARTICLE = (DATA / "site" / "news" / "ferry-timetable.html").read_bytes()


def page(path: str) -> PageItem:
    """A fetched article page under a made-up loopback URL."""
    url = f"http://127.0.0.1:9/{path}"
    return PageItem(url=url, final_url=url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                    body=ARTICLE, fetched_at=datetime(2026, 1, 2, tzinfo=UTC))


def run_pipeline(pages: list[PageItem], **kwargs) -> tuple[list, dict, float]:
    """Feed the pages concurrently through a fresh pipeline; results in input order, stats, seconds taken."""
    crawler = project_crawler()
    pipeline = CleanPagePipeline(crawler.stats, clean=clean_or_misbehave, **kwargs)

    async def one(item):
        try:
            return await pipeline.process_item(item)
        except DropItem as exc:
            return exc

    async def main():
        pipeline.open_spider()
        try:
            return await asyncio.gather(*(one(p) for p in pages))
        finally:
            pipeline.close_spider()

    started = time.monotonic()
    results = asyncio.run(main())
    return results, crawler.stats.get_stats(), time.monotonic() - started


def test_inline_and_pool_give_the_same_article():
    (inline,), _, _ = run_pipeline([page("a.html")], workers=0)
    (pooled,), _, _ = run_pipeline([page("a.html")], workers=1)
    assert isinstance(inline, Article) and isinstance(pooled, Article)
    assert pooled.to_dict() == inline.to_dict()
    assert "recruited eleven deckhands" in pooled.text
    # the dedup sketch is not a column: it crosses from the worker beside the record
    assert pooled.sketch is not None and pooled.sketch.size == inline.sketch.size
    assert pooled.sketch.to_bytes() == inline.sketch.to_bytes() == near_dup.sketch(pooled.text).to_bytes()


def test_stuck_crashing_and_raising_cleaners_become_error_rows_and_the_rest_is_cleaned():
    paths = ["ok1.html", "stuck.html", "ok2.html", "crash.html", "raise.html", "ok3.html", "ok4.html"]
    results, stats, seconds = run_pipeline([page(p) for p in paths], workers=2, timeout=3.0)
    by_path = dict(zip(paths, results, strict=True))
    for ok in ("ok1.html", "ok2.html", "ok3.html", "ok4.html"):
        assert isinstance(by_path[ok], Article), (ok, by_path[ok])
        assert by_path[ok].url.endswith(ok)
    reasons = {p: (r.stage, r.reason) for p, r in by_path.items() if isinstance(r, ErrorItem)}
    assert reasons == {"stuck.html": ("clean", "clean_timeout"), "crash.html": ("clean", "clean_worker_died"),
                       "raise.html": ("clean", "clean_exception")}
    assert by_path["raise.html"].exception_type == "RuntimeError"
    assert stats["cleancrawl/clean_pool/restarts"] >= 2  # one for the stuck worker, at least one for the crash
    assert seconds < 45  # the stuck page (sleeps 60 s) did not hold the crawl


def test_pages_in_flight_are_bounded():
    async def main():
        pool = CleanPool(workers=1, timeout=30, max_pending=2)
        try:
            done = await asyncio.gather(*(pool.run(clean_or_misbehave, page(f"p{i}.html")) for i in range(6)))
            return pool.peak_in_flight, done
        finally:
            pool.close()

    peak, done = asyncio.run(main())
    assert peak == 2  # never more than max_pending pages inside the pool; the rest waited in the crawl process
    assert len(done) == 6 and all(isinstance(a, Article) for a in done)


def test_a_worker_carries_on_through_ctrl_c():
    """Ctrl-C reaches the workers too; the crawl process alone decides how to stop (a graceful stop waits for
    the pages in the pool). An interrupted worker would hand a KeyboardInterrupt back to the crawl's event loop."""
    async def main():
        pool = CleanPool(workers=1, timeout=30)
        try:
            return await pool.run(NamedFunction("tests.crawler.pool_faults:interrupt_self"), None)
        finally:
            pool.close()

    assert asyncio.run(main()) == "carried on"


@pytest.mark.parametrize("kwargs", [{"workers": 0, "timeout": 0}, {"workers": 1, "timeout": -1}])
def test_bad_pool_arguments_are_refused(kwargs):
    with pytest.raises(ValueError, match="must be"):
        CleanPool(**kwargs)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the tuning is for glibc's malloc")
def test_workers_give_freed_memory_back_to_the_system():
    # without the tuning (a plain process): the freed blocks stay resident; this is what the test can see
    probe = "from tests.crawler.pool_memory import retained_after_fragmented_frees as r; print(r())"
    plain = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=ROOT, timeout=60)
    assert plain.returncode == 0, plain.stderr.decode()[-2000:]
    assert float(plain.stdout) > 40

    async def main():
        pool = CleanPool(workers=1, timeout=30)
        try:
            return await pool.run(NamedFunction("tests.crawler.pool_memory:retained_after_fragmented_frees"), None)
        finally:
            pool.close()

    assert asyncio.run(main()) < 10
