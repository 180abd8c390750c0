"""Pages/s of a crawl shared through Redis with 1 and with 2 worker processes, in one run.

    .venv/bin/python benchmarks/redis_workers.py [--pages 1500] [--clean-workers 0]

Starts a private redis-server on 127.0.0.1, serves PAGES distinct article pages (see local_site.py),
and for 1 and then 2 workers: seeds a fresh shared crawl (`cleancrawl seed`), starts the workers
(`cleancrawl crawl --redis`, each cleaning inline by default, so one worker is one process) and
times them until the server has served every page. Afterwards it checks that every page was
written exactly once across the workers. Prints pages/s for both and the ratio.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from local_site import ROOT, ArticleSite  # noqa: E402

from tests.crawler.redis_helpers import RedisServer  # noqa: E402

SETTINGS = ("--allow-private", "-s", "ROBOTSTXT_OBEY=False", "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "RETRY_TIMES=0",
            "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=WARNING",
            "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1", "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")


def run(site: ArticleSite, redis_url: str, urls: Path, out: Path, workers: int, clean_workers: int) -> float:
    """Seed, run `workers` workers to the end; pages/s until the last page was served."""
    name = f"bench{workers}"
    seed = subprocess.run([sys.executable, "-m", "crawler.cli", "seed", str(urls), "--redis", redis_url,
                           "--name", name, "--reset"], cwd=ROOT, capture_output=True, timeout=300)
    if seed.returncode != 0:
        raise SystemExit(seed.stderr.decode()[-2000:])
    served0 = site.served
    started = time.monotonic()
    procs = [subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", "--redis", redis_url, "--name", name,
                               "--out", str(out), "--workers", str(clean_workers), *SETTINGS,
                               "-s", f"CLEANCRAWL_WORKER=w{i}"], cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for i in range(workers)]
    done_at = None
    while any(p.poll() is None for p in procs) and time.monotonic() - started < 3600:
        if done_at is None and site.served - served0 >= site.pages:
            done_at = time.monotonic()
        time.sleep(0.05)
    for p in procs:
        _, err = p.communicate(timeout=60)
        if p.returncode != 0:
            raise SystemExit(f"worker failed:\n{err.decode()[-3000:]}")
    done_at = done_at or time.monotonic()
    rows = duckdb.sql(f"select count(*), count(distinct url) from '{out}/articles/**/*.parquet'").fetchall()[0]
    if rows != (site.pages, site.pages):
        raise SystemExit(f"{workers} workers: expected each of {site.pages} pages once, got (rows, urls) = {rows}")
    return site.pages / (done_at - started)


def main() -> int:
    """Run the 1-worker and the 2-worker crawl and print the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=1500)
    ap.add_argument("--clean-workers", type=int, default=0, help="CLEAN_WORKERS of each worker (0: inline)")
    ap.add_argument("--max-kb", type=int, default=300, help="use only benchmark pages up to this size")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-redis-") as tmp, RedisServer(Path(tmp)) as redis_server, \
            ArticleSite(args.pages, max_kb=args.max_kb) as site:
        urls = site.url_list(Path(tmp) / "urls.txt")
        rates = {}
        for workers in (1, 2):
            rates[workers] = run(site, redis_server.url, urls, Path(tmp) / f"out{workers}", workers,
                                 args.clean_workers)
            print(f"{workers} worker(s): {rates[workers]:6.1f} pages/s ({args.pages} pages, each written once)",
                  flush=True)
    print(f"\n2 workers / 1 worker: {rates[2] / rates[1]:.2f}x on {args.pages} pages "
          f"(CLEAN_WORKERS={args.clean_workers} per worker)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
