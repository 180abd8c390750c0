"""A small static HTTP server on 127.0.0.1 for the demo and the tests, with a deliberately slow path.

`/slow/…` waits `slow_seconds` before answering, so a crawl can show how a timeout is recorded.
Every request path is logged in `requests` so tests can assert what was (not) fetched.
"""

from __future__ import annotations

import functools
import sys
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from socketserver import BaseRequestHandler
from typing import Any, Self


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that writes no access log line per request (tests and benchmarks make thousands)."""

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature from http.server
        pass


class _Handler(SimpleHTTPRequestHandler, QuietHandler):
    server: SampleServer

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".html": "text/html; charset=utf-8",
                      ".txt": "text/plain; charset=utf-8", ".pdf": "application/pdf"}

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        self.server.requests.append(self.path)
        if self.path.startswith("/slow"):
            # bounded wait: ends by itself even when the client gave up
            time.sleep(self.server.slow_seconds)
        if self.path.startswith("/error500"):
            self.send_error(500, "Internal Server Error")
            return
        super().do_GET()


class LoopbackServer(ThreadingHTTPServer):
    """An HTTP server on 127.0.0.1 (port 0: a free port) in a daemon thread; use as a context manager.

    The demo's sample site, the tests' fault server and the benchmarks' article site are all this,
    with their own request handler.
    """

    daemon_threads = True
    block_on_close = False
    # a client hanging up (a timed-out crawler) is routine here, not a traceback
    quiet_errors: tuple[type[BaseException], ...] = (ConnectionError,)

    def __init__(self, handler: Callable[..., BaseRequestHandler], host: str = "127.0.0.1", port: int = 0):
        super().__init__((host, port), handler)
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Log a handler's error, unless it is one of `quiet_errors`."""
        if not isinstance(sys.exc_info()[1], self.quiet_errors):
            super().handle_error(request, client_address)

    @property
    def base_url(self) -> str:
        """`http://127.0.0.1:PORT` (or `http://[::1]:PORT`)."""
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in str(host) else host
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        """Absolute URL of a path on this server."""
        return f"{self.base_url}/{path.lstrip('/')}"

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()


class SampleServer(LoopbackServer):
    """Serve a folder, with its slow and failing paths, on 127.0.0.1 in a daemon thread; a context manager."""

    def __init__(self, root: str | Path, host: str = "127.0.0.1", port: int = 0, slow_seconds: float = 5.0):
        super().__init__(functools.partial(_Handler, directory=str(root)), host, port)
        self.slow_seconds = slow_seconds
        self.requests: list[str] = []
