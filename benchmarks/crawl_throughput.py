"""Pages/s of an end-to-end crawl with the cleaning pool vs cleaning inline, in one run.

    .venv/bin/python benchmarks/crawl_throughput.py [--pages 3000] [--pool-workers 2] [--rounds 1]

Serves PAGES distinct article pages (30-300 KB, built from the extraction benchmark's HTML) on
127.0.0.1, crawls them with cleaning and Parquet writing, once with CLEAN_WORKERS=0 (inline, in the
crawl process) and once with CLEAN_WORKERS=N (the process pool), each in a subprocess, and prints
pages/s of both and their ratio (goal >= 1.6x). Rounds alternate the order to spread machine noise.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_site import ArticleSite, crawl  # noqa: E402


def main() -> int:
    """Run both crawls and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=3000)
    ap.add_argument("--pool-workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=1)
    args = ap.parse_args()
    rates: dict[str, list[float]] = {"inline": [], "pool": []}
    with ArticleSite(args.pages) as site, tempfile.TemporaryDirectory(prefix="bench-crawl-") as tmp:
        urls = site.url_list(Path(tmp) / "urls.txt")
        print(f"site: {args.pages} pages from {len(site.templates)} templates, "
              f"avg {sum(map(len, site.templates)) / len(site.templates) / 1024:.0f} KB, at {site.server_address}")
        for r in range(args.rounds):
            order = [("inline", 0), ("pool", args.pool_workers)]
            for label, workers in (order if r % 2 == 0 else order[::-1]):
                stats = crawl(urls, Path(tmp) / f"out-{label}-{r}", {"CLEAN_WORKERS": workers})
                done = stats["articles"] + stats["errors"] + stats["dropped"]
                if stats["responses"] != args.pages or done != args.pages:
                    raise SystemExit(f"{label}: expected {args.pages} pages, got {stats}")
                rate = args.pages / stats["elapsed"]
                rates[label].append(rate)
                print(f"round {r + 1} {label:6} CLEAN_WORKERS={workers}: {rate:6.1f} pages/s "
                      f"({stats['elapsed']:.1f}s crawl, {stats['articles']} articles, {stats['errors']} errors, "
                      f"{stats['dropped']} dropped; load average after {os.getloadavg()[0]:.1f})", flush=True)
    inline, pool = max(rates["inline"]), max(rates["pool"])
    print(f"\nbest of {args.rounds}: inline {inline:.1f} pages/s, pool({args.pool_workers}) {pool:.1f} pages/s, "
          f"ratio {pool / inline:.2f}x (goal >= 1.6x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
