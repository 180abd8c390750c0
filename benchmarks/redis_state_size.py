"""Redis memory per URL of a shared crawl's state and near-duplicate index, and the index's speed vs SQLite.

    .venv/bin/python benchmarks/redis_state_size.py [--urls 20000]

Starts a private redis-server on 127.0.0.1 and fills, as a crawl would:

- the per-URL state (`RedisStateStore.mark_written`, in batches as the export commits them) for URLS
  typical news URLs with an ETag, a Last-Modified date and a content hash;
- the near-duplicate index (`RedisDedupIndex.assign`) with URLS distinct texts. Their sketches are
  random signatures of a typical size: the index stores a fixed-size record per text and one entry per
  LSH band, so its size does not depend on the words.

Prints `MEMORY USAGE` (SAMPLES 0: every element counted) of each key per URL or text, and the index's
assigns per second against the SQLite `DedupIndex` on the same texts (a ratio: both in this run).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaners import near_dup  # noqa: E402
from crawler.dedup.index import DedupIndex  # noqa: E402
from crawler.dedup.redis_index import RedisDedupIndex  # noqa: E402
from crawler.incremental.redis_store import RedisStateStore  # noqa: E402
from crawler.incremental.store import Written  # noqa: E402
from crawler.redis.keys import CrawlKeys  # noqa: E402
from tests.crawler.redis_helpers import WORDS, RedisServer  # noqa: E402

SECTIONS = ("politics", "world/europe", "business/markets", "sport/football", "culture", "science/climate")


def news_url(rng: random.Random, i: int) -> str:
    """A URL shaped like a news site's article URL (about 90 characters)."""
    day = datetime(2026, 1, 1) + timedelta(days=rng.randrange(330))
    slug = "-".join(rng.choice(WORDS) for _ in range(rng.randint(5, 9)))
    return (f"https://www.{rng.choice(('courier', 'daily-herald', 'metro-news'))}.example.com/"
            f"{rng.choice(SECTIONS)}/{day:%Y/%m/%d}/{slug}-{i}.html")


def key_bytes(client, keys: list[str]) -> int:
    return sum(client.memory_usage(k, samples=0) or 0 for k in keys)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--urls", type=int, default=20_000)
    args = ap.parse_args()
    rng = random.Random(1)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp)) as server:
        client = server.client()
        keys = CrawlKeys.of("sizing")
        store = RedisStateStore(server.client(), keys)
        batch = []
        for i in range(args.urls):
            batch.append(Written(news_url(rng, i), f"{rng.getrandbits(128):032x}", 1, now, now,
                                 f'"{rng.getrandbits(64):016x}"', "Sat, 28 Nov 2026 05:00:00 GMT"))
            if len(batch) == 250:
                store.mark_written(batch)
                batch = []
        store.mark_written(batch)
        state = key_bytes(client, [keys.state])
        print(f"state: {state / args.urls:.0f} bytes per URL ({args.urls} URLs, {state / 1e6:.1f} MB)")

        np_rng = np.random.default_rng(1)
        sketches = [near_dup.Sketch(np_rng.integers(0, 2**32, near_dup.NUM_PERM, dtype=np.uint32),
                                    int(np_rng.integers(150, 1500))) for _ in range(args.urls)]
        urls = [news_url(rng, i) for i in range(args.urls)]
        hashes = [f"{rng.getrandbits(128):032x}" for _ in range(args.urls)]
        index = RedisDedupIndex(server.client(), keys.dedup)
        start = time.perf_counter()
        for url, h, sk in zip(urls, hashes, sketches, strict=True):
            index.assign(url, "text", h, sketch=sk)
        redis_rate = args.urls / (time.perf_counter() - start)
        dedup = key_bytes(client, list(keys.dedup.all))
        parts = {name: key_bytes(client, [getattr(keys.dedup, name)]) / args.urls
                 for name in ("ids", "texts", "groups", "bands")}
        print(f"dedup index: {dedup / args.urls:.0f} bytes per text ({dedup / 1e6:.1f} MB); "
              + ", ".join(f"{k} {v:.0f}" for k, v in parts.items()))
        with DedupIndex(Path(tmp) / "sqlite") as sqlite_index:
            start = time.perf_counter()
            for url, h, sk in zip(urls, hashes, sketches, strict=True):
                sqlite_index.assign(url, "text", h, sketch=sk)
            sqlite_rate = args.urls / (time.perf_counter() - start)
        print(f"assign: Redis {redis_rate:.0f} texts/s, SQLite {sqlite_rate:.0f} texts/s "
              f"(ratio {redis_rate / sqlite_rate:.2f})")


if __name__ == "__main__":
    main()
