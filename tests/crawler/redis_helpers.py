"""A real redis-server on 127.0.0.1 and generated many-article sites, for the shared-crawl tests."""

from __future__ import annotations

import random
import shutil
import socket
import subprocess
import threading
import time
from pathlib import Path

import redis

from crawler.cli.sample_server import LoopbackServer, QuietHandler
from tests.faults.gate import HoldGate

WORDS = ["harbour", "council", "ferry", "timetable", "winter", "crew", "engineers", "deckhands", "passengers", "island", "route", "morning", "evening", "service", "operator", "union", "agreement", "wages", "funding", "budget", "minister", "station", "tram", "bridge", "repairs", "river", "flood", "warning", "weather", "storm", "residents", "market", "traders", "festival", "school", "teachers", "pupils", "library", "museum", "exhibition", "artists", "history", "archive", "report", "survey"]


def article_html(n: int) -> str:
    """A distinct ~200-word English news article, number n."""
    rng = random.Random(n)
    paras = []
    for _ in range(5):
        sentences = []
        for _ in range(3):
            words = [rng.choice(WORDS) for _ in range(rng.randint(9, 14))]
            sentences.append(f"The {' '.join(words)} and the story number {n} continues here.")
        paras.append(f"<p>{' '.join(sentences)}</p>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:type" '
            f'content="article"><title>Story {n}: the {WORDS[n % len(WORDS)]} report</title></head><body>'
            f'<nav><a href="/">Home</a></nav><article><h1>Story {n}: the {WORDS[n % len(WORDS)]} report</h1>'
            f'{"".join(paras)}</article><footer>Local News</footer></body></html>')


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


class RedisServer:
    """`redis-server` on 127.0.0.1, a free port, no persistence; a context manager with `.url`."""

    def __init__(self, workdir: Path):
        binary = shutil.which("redis-server")
        if binary is None:
            raise RuntimeError("redis-server is not installed: run `make system-deps` (Debian package redis-server)")
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
