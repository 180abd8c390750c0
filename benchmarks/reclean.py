#!/usr/bin/env python3
"""Re-cleaning rate against a crawl of the same pages, both measured in this one run; prints the ratio.

Serves the shared extraction benchmark's pages (../shared/benchmarks/scrapinghub/html, 181 pages; `--copies K`
serves each K times under different paths) on 127.0.0.1, crawls them with the WARC archive on, then runs
`reclean` over the WARC the crawl wrote, with the same number of cleaning processes. The crawl fetches from
loopback, so its rate has no network latency in it: the ratio is a lower bound of what re-cleaning saves
over refetching real sites.

Usage: .venv/bin/python benchmarks/reclean.py [--copies 1] [--workers N] [--pages DIR]
"""

from __future__ import annotations

import argparse
import gzip
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from crawler.archive.reclean import reclean  # noqa: E402 - after the path setup above
from crawler.cli.run import run_crawl  # noqa: E402
from crawler.cli.sample_server import SampleServer  # noqa: E402
from output import load  # noqa: E402

SHARED = next((p for p in (ROOT.parent / "shared", ROOT.parent.parent / "shared") if p.is_dir()), ROOT.parent / "shared")
DEFAULT_PAGES = SHARED / "benchmarks" / "scrapinghub" / "html"


def _site(pages: Path, copies: int, folder: Path) -> list[str]:
    """Write the pages (gunzipped) `copies` times under folder; return their paths."""
    paths = []
    for source in sorted(pages.glob("*.html*")):
        data = gzip.decompress(source.read_bytes()) if source.suffix == ".gz" else source.read_bytes()
        stem = source.name.split(".")[0]
        for k in range(copies):
            (folder / str(k)).mkdir(parents=True, exist_ok=True)
            (folder / str(k) / f"{stem}.html").write_bytes(data)
            paths.append(f"{k}/{stem}.html")
    return paths


def main() -> int:
    """Crawl with --warc, re-clean the WARC, print both rates and their ratio."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=Path, default=DEFAULT_PAGES, help="folder of .html or .html.gz pages")
    parser.add_argument("--copies", type=int, default=1, help="serve each page this many times (default 1)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="cleaning processes for both")
    args = parser.parse_args()
    if not args.pages.is_dir():
        sys.exit(f"no pages at {args.pages} (use --pages DIR)")
    with tempfile.TemporaryDirectory(prefix="bench-reclean-") as tmp:
        tmp = Path(tmp)
        paths = _site(args.pages, args.copies, tmp / "site")
        with SampleServer(tmp / "site") as server:
            urls = tmp / "bench.txt"
            urls.write_text("\n".join(server.url(p) for p in paths) + "\n")
            started = time.monotonic()
            crawl = run_crawl(str(urls), tmp / "crawl", job="bench", overrides={
                "CLEANCRAWL_WARC": True, "CLEAN_WORKERS": args.workers, "LOG_LEVEL": "WARNING",
                "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16, "RETRY_TIMES": 0,
                "CLEANCRAWL_ALLOW_PRIVATE": True})
            crawl_seconds = time.monotonic() - started
        warcs = sorted((tmp / "crawl" / "warc").glob("*.warc.gz"))
        result = reclean(warcs, tmp / "reclean", job="bench-reclean", workers=args.workers)
        crawl_pages = crawl.count("response_received_count")
        crawl_rows = load(tmp / "crawl").count_rows()
        pages = result.records - result.skipped["request_record"] - result.skipped["warcinfo_record"]
        warc_mb = sum(p.stat().st_size for p in warcs) / 1e6
    crawl_rate = crawl_pages / crawl_seconds
    page_rate = pages / result.seconds
    print(f"pages: {len(paths)} ({args.copies} x {len(paths) // args.copies}), cleaning processes: {args.workers}")
    print(f"crawl --warc:  {crawl_pages} responses in {crawl_seconds:.1f}s = {crawl_rate:.1f} pages/s, "
          f"{crawl_rows} articles, {len(warcs)} WARC files ({warc_mb:.1f} MB)")
    print(f"reclean:       {result.records} records ({pages} responses) in {result.seconds:.1f}s = "
          f"{result.rate:.1f} records/s = {page_rate:.1f} pages/s, {result.articles} articles")
    print(f"ratio:         reclean is {page_rate / crawl_rate:.2f}x the crawl's rate (pages/s, same run)")
    if result.articles != crawl_rows:
        print(f"WARNING: reclean wrote {result.articles} articles, the crawl {crawl_rows}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
