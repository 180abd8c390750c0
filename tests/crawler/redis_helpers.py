"""A real redis-server on 127.0.0.1 and a generated many-article site, for the shared-crawl tests."""

from __future__ import annotations

import random
import socket
import subprocess
import time
from pathlib import Path

import redis

from tests.conftest import system_binary

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
