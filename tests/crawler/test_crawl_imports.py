"""A crawl process that cleans in a pool does not load the cleaning libraries (memory).

Each library below costs the crawl process RSS it would hold for nothing: with CLEAN_WORKERS > 0 only the
spawned workers clean. The crawl runs for real (local server, pool, dedup, Parquet) in a subprocess, which
then lists the libraries it has imported.
"""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

# what the cleaning chain, datasketch's LSH module (scipy) and pyarrow's pandas probe would pull into the crawl process
HEAVY = ("trafilatura", "justext", "htmldate", "courlan", "langdetect", "ftfy", "datasketch", "scipy", "pandas")

_DRIVER = """
import json, sys
from crawler.cli.run import run_crawl
urls, out, workers, heavy = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4].split(",")
result = run_crawl(urls, out, job="imports", overrides={
    "CLEAN_WORKERS": workers, "CLEANCRAWL_ALLOW_PRIVATE": True, "AUTOTHROTTLE_ENABLED": False,
    "RETRY_TIMES": 0, "LOG_LEVEL": "WARNING"})
loaded = sorted(name for name in heavy if name in sys.modules)
print(json.dumps({"articles": result.count("cleancrawl/articles_written"), "loaded": loaded}))
"""


def crawl_and_list_imports(site, tmp_path, workers: int) -> dict:
    """Crawl the two test articles with `workers` cleaning processes; the libraries the crawl process loaded."""
    urls = tmp_path / "urls.txt"
    urls.write_text(f"{site.url('news/ferry-timetable.html')}\n{site.url('news/mercado-central.html')}\n")
    proc = subprocess.run([sys.executable, "-c", _DRIVER, str(urls), str(tmp_path / "out"), str(workers),
                           ",".join(HEAVY)], capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    return json.loads(proc.stdout.decode().strip().splitlines()[-1])


def test_a_crawl_cleaning_in_a_pool_imports_no_cleaning_library(site, tmp_path):
    got = crawl_and_list_imports(site, tmp_path, workers=1)
    assert got["articles"] == 2  # the pages were cleaned (in the worker) and written
    assert got["loaded"] == []


def test_a_crawl_cleaning_inline_imports_them_when_it_cleans(site, tmp_path):
    got = crawl_and_list_imports(site, tmp_path, workers=0)
    assert got["articles"] == 2
    assert {"trafilatura", "langdetect", "ftfy"} <= set(got["loaded"])  # the check above sees real imports
