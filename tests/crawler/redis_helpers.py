"""A real redis-server on 127.0.0.1 and generated many-article sites, for the shared-crawl tests."""

from __future__ import annotations

import functools
import random
import socket
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import redis

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.conftest import system_binary
from tests.crawler.conditional_server import ConditionalServer, _ConditionalHandler
from tests.faults.gate import HoldGate

WORDS = ["harbour", "council", "ferry", "timetable", "winter", "crew", "engineers", "deckhands", "passengers", "island", "route", "morning", "evening", "service", "operator", "union", "agreement", "wages", "funding", "budget", "minister", "station", "tram", "bridge", "repairs", "river", "flood", "warning", "weather", "storm", "residents", "market", "traders", "festival", "school", "teachers", "pupils", "library", "museum", "exhibition", "artists", "history", "archive", "report", "survey"]


def paragraphs(n: int) -> list[str]:
    """The five paragraphs of article number n."""
    rng = random.Random(n)
    paras = []
    for _ in range(5):
        sentences = []
        for _ in range(3):
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
            sentences.append(f"The {' '.join(words)} and the story number {n} continues here.")
        paras.append(" ".join(sentences))
    return paras


def article_html(n: int, extra: str = "") -> str:
    """A distinct ~200-word English news article, number n (with `extra` as a last paragraph: an update)."""
    body = "".join(f"<p>{p}</p>" for p in [*paragraphs(n), *([extra] if extra else [])])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:type" '
            f'content="article"><title>Story {n}: the {WORDS[n % len(WORDS)]} report</title></head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>Story {n}: the {WORDS[n % len(WORDS)]} report</h1>'
            f'{body}</article><footer>Local News</footer></body></html>')


def copy_html(n: int) -> str:
    """A near-copy of article n as an aggregator re-publishes it: other page, its last paragraph cut, a line added."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs(n)[:4])
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:type" '
            f'content="article"><title>Wire: story {n}</title></head><body><header><a href="/">Aggregator</a>'
            f'</header><main><div class="post"><h2>Wire: story {n}</h2>{body}<p>This story was first published '
            f'by Local News and is republished with permission.</p></div></main><footer>Aggregator Ltd</footer>'
            f'</body></html>')


def write_site(root: Path, pages: int) -> list[str]:
    """Write `pages` article files under root/news/; their paths."""
    (root / "news").mkdir(parents=True, exist_ok=True)
    (root / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    paths = []
    for n in range(pages):
        path = f"news/story-{n:04d}.html"
        (root / path).write_text(article_html(n), encoding="utf-8")
        paths.append(path)
    return paths


def write_copies(root: Path, of: list[int]) -> list[str]:
    """Write a near-copy of each article number in `of` under root/mirror/; their paths."""
    (root / "mirror").mkdir(parents=True, exist_ok=True)
    paths = []
    for n in of:
        path = f"mirror/copy-{n:04d}.html"
        (root / path).write_text(copy_html(n), encoding="utf-8")
        paths.append(path)
    return paths


@dataclass(frozen=True)
class Visit:
    """One request as the site saw it: path, whether it was conditional, the answer, when it ran (monotonic)."""

    path: str
    conditional: bool
    status: int
    start: float
    end: float


class _SlowHandler(_ConditionalHandler):
    """Counts the requests in flight: from the request's arrival until just before its last byte goes out
    (the client cannot have the whole answer yet), so a count above the limit is a real overlap."""

    server: SharedSite
    _status = 0
    _start = 0.0
    _done = False

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        self._start, self._done = time.monotonic(), False
        with self.server.lock:
            self.server.in_flight += 1
            self.server.max_in_flight = max(self.server.max_in_flight, self.server.in_flight)
        try:
            if self.path.endswith(".html"):
                time.sleep(self.server.delay)  # a page takes a while: requests overlap as on a real site
            super().do_GET()
        finally:
            self._finish()

    def send_response(self, code: int, message: Any = None) -> None:
        self._status = code
        super().send_response(code, message)

    def end_headers(self) -> None:
        if self._status == 304:  # no body: the headers are the whole answer
            self._finish()
        super().end_headers()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        body = source.read()
        outputfile.write(body[:-1])
        outputfile.flush()
        self._finish()
        outputfile.write(body[-1:])

    def _finish(self) -> None:
        if self._done:
            return
        self._done = True
        with self.server.lock:
            self.server.in_flight -= 1
        self.server.visits.append(Visit(self.path, "If-None-Match" in self.headers, self._status, self._start,
                                        time.monotonic()))


class SharedSite(ConditionalServer):
    """A ConditionalServer (ETags) whose pages take `delay` seconds, logging `visits` and the most requests at once."""

    def __init__(self, root: str | Path, delay: float = 0.1):
        super().__init__(root)
        self.RequestHandlerClass = functools.partial(_SlowHandler, directory=str(root))
        self.delay = delay
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = 0
        self.visits: list[Visit] = []

    def pages(self, since: int = 0) -> list[Visit]:
        """Visits of .html pages from visit number `since` on."""
        return [v for v in self.visits[since:] if v.path.endswith(".html")]


class RedisServer:
    """`redis-server` on 127.0.0.1, a free port, no persistence; a context manager with `.url`."""

    def __init__(self, workdir: Path):
        binary = system_binary("redis-server", package="redis-server")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._proc = subprocess.Popen([binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                       "--appendonly", "no", "--dir", str(workdir)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        for _ in range(100):  # bounded: 10 s
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"redis-server did not answer on port {self.port}")

    def client(self) -> redis.Redis:
        """A client of this server."""
        return redis.Redis.from_url(self.url)

    def stop(self) -> None:
        """Stop the server."""
        self._proc.terminate()
        try:
            self._proc.wait(10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()

    def __enter__(self) -> RedisServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class _TimedHandler(QuietHandler):
    server: TimedSite

    def do_GET(self) -> None:  # noqa: N802 - name from http.server
        """robots.txt allows all; `/news/story-NNNN.html` is `article_html(NNNN)`, after the gate and a pause."""
        started = time.monotonic()
        if self.path == "/robots.txt":
            body, kind = b"User-agent: *\nAllow: /\n", "text/plain"
        elif self.path.startswith("/news/story-"):
            self.server.gate()
            n = int(self.path[len("/news/story-"):-len(".html")])
            slow = self.server.slow_every and n % self.server.slow_every == 0
            time.sleep(self.server.slow_seconds if slow else self.server.page_seconds)
            body, kind = article_html(n).encode(), "text/html"
        else:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", f"{kind}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body[:-1])
        self.wfile.flush()
        # taken before the last byte goes out: the client cannot have the whole response yet, so the
        # recorded span lies inside the time the request was in flight for the client
        ended = time.monotonic()
        self.wfile.write(body[-1:])
        self.server.record(self.path, started, ended)


class TimedSite(HoldGate, LoopbackServer):
    """A site of generated articles on 127.0.0.1 that records when each request started and ended.

    A page takes `page_seconds` to answer, every `slow_every`-th one (0: none) `slow_seconds`. `spans` holds
    (path, start, end) in `time.monotonic()` seconds, one per answered request; pages can be held in flight
    (`hold_after`, `release`).
    """

    def __init__(self, page_seconds: float = 0.05, slow_every: int = 0, slow_seconds: float = 1.0):
        HoldGate.__init__(self)
        LoopbackServer.__init__(self, _TimedHandler)
        self.page_seconds = page_seconds
        self.slow_every = slow_every
        self.slow_seconds = slow_seconds
        self.spans: list[tuple[str, float, float]] = []
        self._spans_lock = threading.Lock()

    def record(self, path: str, started: float, ended: float) -> None:
        """Add one answered request."""
        with self._spans_lock:
            self.spans.append((path, started, ended))
