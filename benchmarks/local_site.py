"""A large generated article site on 127.0.0.1 for the crawl benchmarks, and helpers to crawl it.

`/a/<n>.html` serves benchmark page `n mod K` (the shared extraction benchmark's real article HTML,
those of 30-300 KB), with the page number written into its title and first paragraph so that every
page is a distinct article. Pages are built in memory once; the server is the standard library's
threaded server, like `crawler.cli.sample_server`.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from crawler.cli.sample_server import LoopbackServer, QuietHandler

ROOT = Path(__file__).resolve().parents[1]
SHARED = next((p for p in (Path(os.environ.get("CLEANCRAWL_SHARED", "/nonexistent")), ROOT.parent / "shared",
                           ROOT.parent.parent / "shared") if (p / "benchmarks").is_dir()), ROOT.parent / "shared")
HTML_DIR = SHARED / "benchmarks" / "scrapinghub" / "html"


def load_templates(min_kb: int = 30, max_kb: int = 300) -> list[bytes]:
    """The benchmark pages whose size is in [min_kb, max_kb], decompressed, in a stable order."""
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(HTML_DIR.glob("*.html.gz"))]
    chosen = [p for p in pages if min_kb * 1024 <= len(p) <= max_kb * 1024]
    if not chosen:
        raise SystemExit(f"no benchmark pages found under {HTML_DIR}")
    return chosen


def make_page(templates: list[bytes], n: int) -> bytes:
    """Page n: a template with the number in its <title> and a unique first paragraph."""
    html = templates[n % len(templates)]
    html = re.sub(rb"<title>", f"<title>No. {n}: ".encode(), html, count=1, flags=re.I)
    return re.sub(rb"(<p\b[^>]*>)", rf"\1Dispatch {n} of the local benchmark site. ".encode(), html, count=1,
                  flags=re.I)


class _Handler(QuietHandler):
    server: ArticleSite
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        match = re.fullmatch(r"/a/(\d+)\.html", self.path)
        if not match:
            self.send_error(404)
            return
        body = self.server.page(int(match.group(1)))
        self.server.count()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class ArticleSite(LoopbackServer):
    """`pages` distinct article pages on 127.0.0.1 (free port), in a daemon thread; a context manager."""

    def __init__(self, pages: int, min_kb: int = 30, max_kb: int = 300):
        super().__init__(_Handler)
        self.pages = pages
        self.templates = load_templates(min_kb, max_kb)
        self.served = 0
        self._lock = threading.Lock()

    def page(self, n: int) -> bytes:
        """The bytes of page n."""
        return make_page(self.templates, n)

    def count(self) -> None:
        """Count one page served (thread-safe)."""
        with self._lock:
            self.served += 1

    def url_list(self, path: Path, first: int = 0) -> Path:
        """Write the URL list of every page (from `first`) to `path`."""
        host, port = self.server_address[:2]
        path.write_text("".join(f"http://{host}:{port}/a/{n}.html\n" for n in range(first, self.pages)))
        return path


# Settings for a benchmark crawl: no politeness delays against our own loopback server.
BENCH_SETTINGS = {
    "ROBOTSTXT_OBEY": False, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS": 32,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 32, "LOG_LEVEL": "WARNING", "RETRY_TIMES": 0,
    "CLEANCRAWL_PROGRESS_INTERVAL": 3600, "CLEANCRAWL_ALLOW_PRIVATE": True,  # the benchmark site is on 127.0.0.1
}

_DRIVER = """
import json, sys, time
from crawler.cli.run import run_crawl
urls, out, overrides = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
result = run_crawl(urls, out, job="bench", overrides=overrides)
s = result.stats
print("STATS " + json.dumps({"elapsed": s.get("elapsed_time_seconds"), "responses": s.get("response_received_count", 0),
      "articles": s.get("cleancrawl/articles_written", 0), "errors": s.get("cleancrawl/errors_written", 0),
      "dropped": sum(v for k, v in s.items() if k.startswith("cleancrawl/dropped/"))}))
"""


def start_crawl(urls: Path, out: Path, overrides: dict[str, Any]) -> subprocess.Popen:
    """Start a crawl of `urls` into `out` in a subprocess (stdout: one STATS json line at the end)."""
    return subprocess.Popen([sys.executable, "-c", _DRIVER, str(urls), str(out),
                             json.dumps({**BENCH_SETTINGS, **overrides})],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish_crawl(proc: subprocess.Popen, timeout: float) -> dict[str, Any]:
    """Wait for a crawl subprocess (killed after `timeout` s) and return its STATS."""
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise SystemExit(f"crawl did not finish within {timeout:.0f}s") from None
    lines = [ln for ln in out.decode().splitlines() if ln.startswith("STATS ")]
    if proc.returncode != 0 or not lines:
        raise SystemExit(f"crawl failed (exit {proc.returncode}):\n{err.decode()[-3000:]}")
    return json.loads(lines[-1][6:])


def crawl(urls: Path, out: Path, overrides: dict[str, Any], timeout: float = 1800) -> dict[str, Any]:
    """Run one benchmark crawl to its end; STATS plus `wall` seconds."""
    started = time.monotonic()
    stats = finish_crawl(start_crawl(urls, out, overrides), timeout)
    stats["wall"] = time.monotonic() - started
    return stats
