"""`RedirectServer`: a loopback server answering chosen paths with a redirect, and every other path with an article.

Every request reaching it (robots.txt included) is recorded, so a test can prove that a crawl never
connected to it, or that it followed a redirect from it to another host.
"""

from __future__ import annotations

import threading

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.faults.pages import article_html


class _Handler(QuietHandler):
    server: RedirectServer

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        self.server.record(self.path)
        location = self.server.redirects.get(self.path)
        if location is not None:
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/robots.txt":
            body, status, kind = b"User-agent: *\nAllow: /\n", 200, "text/plain"
        else:
            body = article_html(f"The page at {self.path}", f"This is the page at {self.path}.").encode()
            status, kind = 200, "text/html; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class RedirectServer(LoopbackServer):
    """On `host` (any loopback address), a free port; `redirects` maps a path to a Location; a context manager."""

    def __init__(self, host: str = "127.0.0.1", redirects: dict[str, str] | None = None):
        super().__init__(_Handler, host)
        self.redirects = dict(redirects or {})
        self.requests: list[str] = []
        self._lock = threading.Lock()

    def record(self, path: str) -> None:
        """Note one request."""
        with self._lock:
            self.requests.append(path)
