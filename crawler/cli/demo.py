"""`cleancrawl demo`: serve the bundled sample site on 127.0.0.1, crawl it, print what happened."""

from __future__ import annotations

import tempfile
from pathlib import Path

from crawler.cli.run import run_crawl
from crawler.cli.sample_server import SampleServer
from crawler.cli.summary import crawl_summary

SAMPLE_SITE = Path(__file__).parent / "sample_site"
# The slow page answers after SLOW_SECONDS; the demo's timeout is shorter, so it is recorded as a timeout.
SLOW_SECONDS = 4.0
DEMO_TIMEOUT = 2.0


def demo_url_list(base_url: str) -> str:
    """The sample site's URL list with the server's address filled in."""
    template = (SAMPLE_SITE / "urls.txt").read_text(encoding="utf-8")
    return template.replace("{base}", base_url)


def run_demo(out_dir: Path) -> int:
    """Serve, crawl, summarize; returns the process exit code."""
    with SampleServer(SAMPLE_SITE, slow_seconds=SLOW_SECONDS) as server, \
            tempfile.TemporaryDirectory(prefix="cleancrawl-demo-") as tmp:
        urls = Path(tmp) / "demo.txt"
        urls.write_text(demo_url_list(server.base_url), encoding="utf-8")
        print(f"serving the sample site at {server.base_url}; crawling {urls.name} into {out_dir}/")
        result = run_crawl(str(urls), out_dir, job="demo", overrides={
            "DOWNLOAD_TIMEOUT": DEMO_TIMEOUT, "RETRY_TIMES": 0, "LOG_LEVEL": "WARNING",
            "AUTOTHROTTLE_ENABLED": False, "CLEANCRAWL_ALLOW_PRIVATE": True,  # the sample site is on 127.0.0.1
        })
    print(crawl_summary(result))
    return 0 if result.count("cleancrawl/articles_written") else 1
