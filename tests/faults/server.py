"""A fault-injection HTTP server on 127.0.0.1: every way a server or a page can be broken.

Each path is one fault (see `tests/faults/cases.py` for the table and what the pipeline must make of
it; the sitemap faults are in `SITEMAP_CASES`). The server also generates a site of any size under
`/gen/<n>.html` for crash-and-resume tests, and can hold its pages in flight (`hold_after`).
Every request path (with its query) is counted in `hits`, so tests can assert how often a page was retried. Every wait
and every stream is bounded, so the server never outlives a test that gave up on it.
"""

from __future__ import annotations

import io
import select
import socket
import struct
import threading
import time
from collections import Counter
from urllib.parse import parse_qs, urlsplit

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.faults import pages, prose
from tests.faults.gate import HoldGate

ROBOTS_TXT = b"User-agent: *\nDisallow: /private/\n"
ROBOTS_PARSE_LIMIT = 500 * 1024  # CLEANCRAWL_ROBOTS_MAX_BYTES (crawler/settings.py), RFC 9309's minimum


def oversized_robots_txt() -> bytes:
    """A robots.txt of about 600 KiB: `/before/` disallowed in its first line, `/after/` past 500 KiB."""
    padding = b"".join(b"# padding line %06d of a very long robots.txt\n" % i for i in range(13_500))
    assert len(padding) > ROBOTS_PARSE_LIMIT
    return b"User-agent: *\nDisallow: /before/\n" + padding + b"Disallow: /after/\n"
MAX_STREAM = 64 << 20  # a streamed body stops here even if the client keeps reading


class FaultHandler(QuietHandler):
    """Dispatch on the first path segment; see the module docstring."""

    server: FaultServer

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        """Serve the fault the path names."""
        parts = urlsplit(self.path)
        self.server.count(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        head, _, rest = parts.path.lstrip("/").partition("/")
        handler = getattr(self, "fault_" + head.replace("-", "_").replace(".", "_"), None)
        if handler is None:
            self.send_body(404, b"<html><body><p>Not found</p></body></html>")
            return
        handler(rest, query)

    # -- helpers ----------------------------------------------------------------------------
    def send_body(self, status: int, body: bytes, content_type: str = "text/html; charset=utf-8",
                  headers: dict[str, str] | None = None) -> None:
        """A complete response with Content-Length."""
        self.start_body(status, len(body), content_type, headers)
        self.wfile.write(body)

    def start_body(self, status: int, length: int, content_type: str = "text/html",
                  headers: dict[str, str] | None = None) -> None:
        """Status line and headers declaring `length` bytes (the faults then send fewer, or stall)."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(length))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()

    def article(self, name: str) -> bytes:
        """The ordinary article page of a case."""
        return pages.article_html(f"The {name} page", f"This is the {name} page.").encode()

    def reset(self) -> None:
        """Abort the TCP connection with a RST (SO_LINGER 0), whatever was sent so far."""
        self.wfile.flush()
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.wfile = io.BytesIO()  # finish() flushes wfile; the socket is gone
        self.close_connection = True

    def stream(self, chunk: bytes, limit: int = MAX_STREAM) -> None:
        """Send `chunk` repeatedly until the client hangs up or `limit` bytes went out."""
        sent = 0
        try:
            while sent < limit:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    # -- faults -----------------------------------------------------------------------------
    def fault_robots_txt(self, rest: str, query: dict[str, str]) -> None:
        """The server's robots.txt (`FaultServer.robots`): by default disallow /private/, after `robots_delay` s."""
        mode = self.server.robots
        if mode == "404":
            self.send_body(404, b"<html><body><p>Not found</p></body></html>")
        elif mode == "500":
            self.send_body(500, b"<html><body><p>Internal Server Error</p></body></html>")
        elif mode == "flaky":  # 503 to the first request, the rules afterwards
            if self.server.hits[self.path] <= 1:
                self.send_body(503, b"<p>try again later</p>")
            else:
                self.send_body(200, ROBOTS_TXT, "text/plain")
        elif mode == "stall":
            self.wait_for_hangup()
            try:
                self.send_body(200, ROBOTS_TXT, "text/plain")
            except OSError:
                self.close_connection = True
        elif mode == "oversized":
            self.send_body(200, oversized_robots_txt(), "text/plain")
        else:
            time.sleep(self.server.robots_delay)
            self.send_body(200, ROBOTS_TXT, "text/plain")

    def fault_ok(self, rest: str, query: dict[str, str]) -> None:
        """A good article page."""
        self.send_body(200, self.article(rest or "ok"))

    fault_private = fault_ok  # served fine, but robots.txt disallows it
    fault_before = fault_after = fault_ok  # the oversized robots.txt disallows /before/ (and, too late, /after/)

    def fault_slow(self, rest: str, query: dict[str, str]) -> None:
        """A good article page, answered after `?seconds=S` (at most `stall_seconds`)."""
        time.sleep(min(float(query.get("seconds", "1")), self.server.stall_seconds))
        self.send_body(200, self.article(rest or "slow"))

    def fault_gen(self, rest: str, query: dict[str, str]) -> None:
        """A small generated article page, different for every n: `/gen/<n>.html` (see `FaultServer.hold_after`)."""
        n = rest.removesuffix(".html")
        if not n.isdigit():
            self.send_body(404, b"<html><body><p>Not found</p></body></html>")
            return
        self.server.gate()
        title, paragraphs = prose.generated_story(int(n))
        self.send_body(200, pages.article_html(title, paragraphs[0], tuple(paragraphs[1:]), nav=False).encode())

    def fault_sitemap(self, rest: str, query: dict[str, str]) -> None:
        """`/sitemap/<name>`: normal.xml, bomb.xml (entity bomb), huge.xml (streams past any limit), huge.xml.gz."""
        base = self.server.base_url
        if rest == "normal.xml":
            self.send_body(200, pages.sitemap_xml([f"{base}/ok/sitemap-listed-{i}" for i in (1, 2)]),
                           "application/xml")
        elif rest == "bomb.xml":
            self.send_body(200, pages.entity_bomb_sitemap([f"{base}/ok/bomb-listed-{i}" for i in (1, 2)]),
                           "application/xml")
        elif rest == "huge.xml":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.end_headers()
            self.wfile.write(b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
            self.stream(f"<url><loc>{base}/ok/huge-listed</loc></url>\n".encode() * 20_000)
        elif rest == "huge.xml.gz":
            self.send_body(200, pages.oversized_sitemap_gz(f"{base}/ok/huge-gz-listed"), "application/x-gzip")
        else:
            self.send_body(404, b"<html><body><p>Not found</p></body></html>")

    def fault_status(self, rest: str, query: dict[str, str]) -> None:
        """`/status/<code>`, with `?retry_after=S` a Retry-After header."""
        extra = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
        self.send_body(int(rest), f"<html><body><p>status {rest}</p></body></html>".encode(), headers=extra)

    def fault_flaky(self, rest: str, query: dict[str, str]) -> None:
        """`/flaky/<name>?fails=N&code=C`: the first N requests get status C, later ones the article."""
        if self.server.hits[self.path] <= int(query.get("fails", "1")):
            extra = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
            self.send_body(int(query.get("code", "503")), b"<p>try again later</p>", headers=extra)
        else:
            self.send_body(200, self.article(rest))

    def fault_reset(self, rest: str, query: dict[str, str]) -> None:
        """RST before any byte of the response."""
        self.reset()

    def fault_reset_mid_body(self, rest: str, query: dict[str, str]) -> None:
        """Headers and half the body, then RST."""
        body = self.article("reset-mid-body")
        self.start_body(200, len(body))
        self.wfile.write(body[: len(body) // 2])
        self.reset()

    def wait_for_hangup(self) -> None:
        """Send nothing until the client closes the connection (at most `stall_seconds`).

        A stall held for a fixed time could end before a busy client's download timeout fired, and
        the page would arrive; held until the client gives up, it outlasts any timeout.
        """
        deadline = time.monotonic() + self.server.stall_seconds
        while (left := deadline - time.monotonic()) > 0:
            readable, _, _ = select.select([self.connection], [], [], left)
            if readable:
                try:
                    if not self.connection.recv(1, socket.MSG_PEEK):
                        return  # end of stream: the client hung up
                except OSError:
                    return
                time.sleep(0.05)  # the client sent more (a pipelined request): keep stalling

    def fault_stall(self, rest: str, query: dict[str, str]) -> None:
        """Answer only after the client gave up (its download timeout), or after `stall_seconds`."""
        self.wait_for_hangup()
        try:
            self.send_body(200, self.article("stall"))
        except OSError:
            self.close_connection = True

    def fault_stall_mid_body(self, rest: str, query: dict[str, str]) -> None:
        """Headers and part of the body, then silence until the client gives up, then the rest."""
        body = self.article("stall-mid-body")
        self.start_body(200, len(body))
        self.wfile.write(body[:100])
        self.wfile.flush()
        self.wait_for_hangup()
        try:
            self.wfile.write(body[100:])
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def fault_truncated(self, rest: str, query: dict[str, str]) -> None:
        """Content-Length promises more than is sent; then the connection closes."""
        body = self.article("truncated")
        self.start_body(200, len(body) * 4)
        self.wfile.write(body)
        self.close_connection = True

    def fault_huge_declared(self, rest: str, query: dict[str, str]) -> None:
        """Content-Length far over the size limit (the client should not even start reading)."""
        self.start_body(200, 1 << 30)
        self.stream(b"<p>" + b"x" * 65_530 + b"</p>")

    def fault_huge_streamed(self, rest: str, query: dict[str, str]) -> None:
        """No Content-Length; HTML keeps coming past the size limit until the client hangs up."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.stream(b"<p>" + b"lorem ipsum " * 87_000 + b"</p>\n")  # ~1 MiB a write

    def fault_gzip_bomb(self, rest: str, query: dict[str, str]) -> None:
        """About 0.5 MB of gzip that inflates to 512 MiB."""
        self.send_body(200, pages.gzip_bomb(), "text/html", {"Content-Encoding": "gzip"})

    def fault_redirect_loop(self, rest: str, query: dict[str, str]) -> None:
        """`/redirect-loop/a` -> `/redirect-loop/b` -> `/redirect-loop/a` …"""
        self.redirect("/redirect-loop/" + ("b" if rest == "a" else "a"))

    def fault_redirect_chain(self, rest: str, query: dict[str, str]) -> None:
        """`/redirect-chain/<n>[?chain=NAME]` redirects n times before the article."""
        n = int(rest)
        if n > 0:
            suffix = f"?chain={query['chain']}" if "chain" in query else ""
            self.redirect(f"/redirect-chain/{n - 1}{suffix}")
        else:
            self.send_body(200, self.article("redirect-chain"))

    def redirect(self, location: str) -> None:
        """A 302 to `location`."""
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def fault_binary_as_html(self, rest: str, query: dict[str, str]) -> None:
        """Random bytes labelled text/html."""
        self.send_body(200, pages.random_bytes(20_000, seed=7), "text/html")

    def fault_png_as_html(self, rest: str, query: dict[str, str]) -> None:
        """A PNG labelled text/html."""
        self.send_body(200, pages.png_bytes(), "text/html; charset=utf-8")

    def fault_report_pdf(self, rest: str, query: dict[str, str]) -> None:
        """A PDF, correctly labelled."""
        self.send_body(200, pages.pdf_bytes(), "application/pdf")

    def fault_image_png(self, rest: str, query: dict[str, str]) -> None:
        """A PNG, correctly labelled."""
        self.send_body(200, pages.png_bytes(), "image/png")

    def fault_empty(self, rest: str, query: dict[str, str]) -> None:
        """200 with an empty body."""
        self.send_body(200, b"")

    def fault_unclosed_tags(self, rest: str, query: dict[str, str]) -> None:
        """Unclosed <p>, <div>, <b>, no </body></html>."""
        self.send_body(200, pages.unclosed_tags_html("This is the unclosed-tags page.").encode())

    def fault_deep_nesting(self, rest: str, query: dict[str, str]) -> None:
        """The article inside 5,000 nested <div>s."""
        self.send_body(200, pages.deep_nesting_html("This is the deep-nesting page.").encode())

    def fault_charset(self, rest: str, query: dict[str, str]) -> None:
        """`/charset/<charset>/<variant>`: a legacy-charset page declared per the variant."""
        charset, _, variant = rest.partition("/")
        meta = charset if variant in ("meta", "wrong_http_right_meta") else None
        content_type = {"http": f"text/html; charset={charset}", "meta": "text/html", "none": "text/html"}.get(
            variant, f"text/html; charset={pages.WRONG_CHARSET[charset]}")
        self.send_body(200, pages.charset_page(charset, meta), content_type)


class FaultServer(HoldGate, LoopbackServer):
    """The fault server on 127.0.0.1, a free port, in a daemon thread; use as a context manager."""

    request_queue_size = 256  # the listen backlog: a crawl opens many connections at once
    quiet_errors = (ConnectionError, OSError)  # clients hang up on purpose here (timeouts, size limits)

    def __init__(self, stall_seconds: float = 60.0, build_bomb: bool = True, robots_delay: float = 0.0,
                 robots: str = "private"):
        """`robots`: what /robots.txt answers: "private" (disallow /private/), "404", "500", "flaky" (503 once,
        then "private"), "stall" (until the client hangs up), "oversized" (`oversized_robots_txt`)."""
        HoldGate.__init__(self)
        LoopbackServer.__init__(self, FaultHandler)
        if build_bomb:  # built once (about 3 s), before any client waits on it
            pages.gzip_bomb()
        self.stall_seconds = stall_seconds
        self.robots_delay = robots_delay
        self.robots = robots
        self.hits: Counter[str] = Counter()
        self._lock = threading.Lock()

    def count(self, path: str) -> None:
        """Record one request for a path."""
        with self._lock:
            self.hits[path] += 1


def closed_port_url() -> str:
    """A URL on 127.0.0.1 whose port nobody listens on (bound, then closed): connection refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/closed-port.html"
