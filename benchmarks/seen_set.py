"""Memory and false-positive rate of a shared crawl's two seen sets at N URLs (default 10 million).

    .venv/bin/python benchmarks/seen_set.py [--urls 10000000] [--error-rate 0.001] [--probe 1000000]

Starts a private redis-server on a free loopback port (no persistence; stopped at the end) and fills,
one after the other, the Redis set (`ExactSeenSet`: SADD of the fingerprint) and the Bloom filter
(`BloomSeenSet` sized for N URLs at the error rate, through the script a crawl runs) with the
fingerprints of N distinct news-like URLs, in pipelined batches. A fingerprint is the SHA-1 of the
URL, as Scrapy's request fingerprints are SHA-1 digests. For each it prints the memory Redis
reports (`MEMORY USAGE` of its keys, and the growth of `used_memory`), bytes per URL, the time per
URL added (as a ratio: the machine is shared), and for the Bloom filter:

- URLs taken for seen while filling: new URLs whose bits were all set already (a crawl of N URLs
  would have skipped them);
- the false-positive rate once full: the share of PROBE other URLs it takes for seen;
- no false negatives: a sample of the URLs added, all found.

Then it extrapolates both to 1 billion URLs (the set linearly, the filter from its formulas).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.redis.seen import BloomSeenSet, BloomShape, ExactSeenSet  # noqa: E402
from tests.crawler.redis_helpers import RedisServer  # noqa: E402

BATCH = 10_000
SECTIONS = ("news", "world", "business", "sport", "culture", "science", "politics", "local")


def url(n: int, kind: str = "story") -> str:
    """A distinct news-like URL: one of 20,000 sites, a section, a date, a slug."""
    return (f"https://www.site{n % 20_000}.example/{SECTIONS[n % 8]}/20{n % 7 + 19}/{n % 12 + 1:02d}/"
            f"{kind}-about-the-harbour-{n}.html")


def fingerprints(start: int, stop: int, kind: str = "story") -> Iterator[list[str]]:
    """SHA-1 fingerprints of url(n) for n in [start, stop), in batches."""
    for first in range(start, stop, BATCH):
        yield [hashlib.sha1(url(n, kind).encode()).hexdigest() for n in range(first, min(first + BATCH, stop))]


def used_memory(client) -> int:
    """Redis's `used_memory`, in bytes."""
    return int(client.info("memory")["used_memory"])


def key_memory(client, keys: list[str]) -> int:
    """MEMORY USAGE of the keys, every element counted (SAMPLES 0)."""
    return sum(client.memory_usage(key, samples=0) or 0 for key in keys)


def fill_set(client, n: int) -> tuple[int, int, float]:
    """Fill a Redis set; (its MEMORY USAGE, used_memory growth, seconds)."""
    seen = ExactSeenSet(client, "bench:set")
    before = used_memory(client)
    started = time.perf_counter()
    for batch in fingerprints(0, n):
        pipe = client.pipeline(transaction=False)
        for fp in batch:
            pipe.sadd(seen.key, fp)
        pipe.execute()
    elapsed = time.perf_counter() - started
    return key_memory(client, seen.all_keys()), used_memory(client) - before, elapsed


def fill_bloom(client, n: int, error_rate: float, probe: int) -> dict[str, float]:
    """Fill a Bloom filter sized for n; its memory, time, and error rates."""
    bloom = BloomSeenSet(client, "bench:bloom", BloomShape.for_capacity(n, error_rate))
    before = used_memory(client)
    started = time.perf_counter()
    taken_for_seen = 0
    for batch in fingerprints(0, n):
        taken_for_seen += bloom.add_many(batch).count(False)
    elapsed = time.perf_counter() - started
    memory = key_memory(client, bloom.all_keys())
    grown = used_memory(client) - before
    sampled = min(n, 100_000)
    missed = sum(bloom.contains_many(batch).count(False) for batch in fingerprints(0, sampled))
    false_positives = sum(sum(bloom.contains_many(batch)) for batch in fingerprints(0, probe, kind="other"))
    return {"memory": memory, "grown": grown, "seconds": elapsed, "taken_for_seen": taken_for_seen,
            "false_positives": false_positives, "missed": missed, "sampled": sampled,
            "shards": bloom.shape.shards, "hashes": bloom.shape.hashes, "bits": bloom.shape.shard_bits}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--urls", type=int, default=10_000_000)
    parser.add_argument("--error-rate", type=float, default=0.001)
    parser.add_argument("--probe", type=int, default=1_000_000, help="URLs never added, to measure false positives")
    args = parser.parse_args()
    n = args.urls
    with tempfile.TemporaryDirectory() as tmp, RedisServer(Path(tmp)) as server:
        client = redis.Redis.from_url(server.url, socket_timeout=600)  # freeing 10 M members takes seconds
        set_memory, set_grown, set_seconds = fill_set(client, n)
        client.flushall()
        bloom = fill_bloom(client, n, args.error_rate, args.probe)
        version = client.info("server")["redis_version"]
    print(f"redis {version}, {n:,} URLs, Bloom filter at an error rate of {args.error_rate:g}")
    print(f"set:   MEMORY USAGE {set_memory / 2**20:,.1f} MiB ({set_memory / n:.1f} bytes/URL), "
          f"used_memory +{set_grown / 2**20:,.1f} MiB ({set_grown / n:.1f} bytes/URL)")
    print(f"bloom: MEMORY USAGE {bloom['memory'] / 2**20:,.1f} MiB ({bloom['memory'] / n:.2f} bytes/URL), "
          f"used_memory +{bloom['grown'] / 2**20:,.1f} MiB; {bloom['shards']} bitmap(s) of {bloom['bits']:,} bits, "
          f"{bloom['hashes']} hashes")
    print(f"bloom: new URLs taken for seen while filling {bloom['taken_for_seen']:,} "
          f"({bloom['taken_for_seen'] / n:.5%}); false positives once full {bloom['false_positives']:,} of "
          f"{args.probe:,} ({bloom['false_positives'] / args.probe:.4%}); "
          f"false negatives {bloom['missed']} of {bloom['sampled']:,}")
    print(f"time per URL added, bloom / set: {bloom['seconds'] / set_seconds:.2f}x "
          f"({set_seconds:.0f} s and {bloom['seconds']:.0f} s in this run)")
    billion = 1_000_000_000
    for rate in sorted({args.error_rate, 0.01, 0.001}):
        shape = BloomShape.for_capacity(billion, rate)
        print(f"1 billion URLs: bloom at {rate:g}: {shape.shards * shape.shard_bits / 8 / 1e9:.2f} GB "
              f"({shape.shards} bitmaps, {shape.hashes} hashes)")
    print(f"1 billion URLs: set: {set_memory / n * billion / 1e9:.0f} GB (MEMORY USAGE per URL x 1e9)")


if __name__ == "__main__":
    main()
