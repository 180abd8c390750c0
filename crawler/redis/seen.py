"""The seen set of a shared crawl: every request ever queued, so that each URL is fetched once.

Two kinds, chosen with `CLEANCRAWL_SEEN_SET` when the crawl starts:

- "set": scrapy-redis's dupefilter, a Redis set of request fingerprints (SHA-1, 40 hex characters).
  Exact, and it grows with every URL (for its size per URL see benchmarks/README.md).
- "bloom": a Bloom filter on plain Redis bitmaps (SETBIT in a Lua script; no Redis module), sized once
  from `CLEANCRAWL_BLOOM_CAPACITY` and `CLEANCRAWL_BLOOM_ERROR_RATE`. Its memory is fixed (Redis
  allocates each bitmap in full with the first URLs). A URL seen before is never taken for new; a new
  URL is taken for seen, and not fetched, with about the error rate's probability while the crawl
  stays within the capacity, and more often past it (logged).

Either kind marks a request seen and pushes it into the queue in one script, so that a worker killed
in between cannot leave a URL marked seen that was never queued. Both belong to one run of the crawl
(`crawler.redis.keys.RunKeys`): the set lives at `…:run:N:dupefilter`; the Bloom filter keeps its shape
and count in the hash `…:run:N:bloom` and its bits in `…:run:N:bloom:0`, `:1`, … (one bitmap holds at
most 2^32 bits, Redis's 512 MB string limit). Which kind a run has is what Redis holds: a worker or
seeder configured otherwise uses the existing one and says so in the log.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any

import redis
from scrapy.http import Request
from scrapy_redis.connection import get_redis_from_settings
from scrapy_redis.dupefilter import RFPDupeFilter

from crawler.redis.keys import CrawlKeys, RunKeys

logger = logging.getLogger(__name__)

MAX_SHARD_BITS = 1 << 32  # one Redis string holds at most 512 MB

# KEYS: set, queue. ARGV: fingerprint, score, request.
_SET_ADD_AND_QUEUE = """
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
return 1
"""
# The bits of a URL, from the two hashes h1, h2 (both below the bitmap's size m) of enhanced double hashing
# (Dillinger and Manolios, "Bloom filters in probabilistic verification", 2004): bit i is
# h1 + i*h2 + (i^3 - i)/6 mod m, stepped as below so that every number stays below 2m (exact in Lua's doubles).
_BITS = """
local x, y, k, m = tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
for i = 1, k do
  BIT(x)
  x = (x + y) % m
  y = (y + i) % m
end
"""
# KEYS: bitmap, shape hash[, queue]. ARGV: score, request, h1, h2, k, m. SETBIT returns the old bit: the URL
# is new when any of its bits was clear. Returns the count of URLs added (new), or 0 (seen).
_BLOOM_ADD_AND_QUEUE = "local new = false\n" + _BITS.replace(
    "BIT(x)", "if redis.call('SETBIT', KEYS[1], x, 1) == 0 then new = true end") + """
if not new then return 0 end
if KEYS[3] then redis.call('ZADD', KEYS[3], ARGV[1], ARGV[2]) end
return redis.call('HINCRBY', KEYS[2], 'count', 1)
"""
# KEYS: bitmap. ARGV: -, -, h1, h2, k, m. 1 when every bit is set (seen, or a false positive).
_BLOOM_CONTAINS = _BITS.replace("BIT(x)", "if redis.call('GETBIT', KEYS[1], x) == 0 then return 0 end") + "return 1\n"
# KEYS: shape hash. ARGV: field, value, … The shape is written once; every worker reads the one written.
_BLOOM_SHAPE = """
if redis.call('HEXISTS', KEYS[1], 'hashes') == 0 then redis.call('HSET', KEYS[1], unpack(ARGV)) end
return redis.call('HGETALL', KEYS[1])
"""


@dataclass(frozen=True)
class BloomShape:
    """The size of a Bloom filter: `shards` bitmaps of `shard_bits` bits, `hashes` bits set per URL."""

    capacity: int
    error_rate: float
    shards: int
    shard_bits: int
    hashes: int

    @classmethod
    def for_capacity(cls, capacity: int, error_rate: float) -> BloomShape:
        """The smallest filter holding `capacity` URLs at `error_rate` (m = -n ln p / ln² 2, k = m/n ln 2).

        >>> s = BloomShape.for_capacity(1_000_000, 0.001)
        >>> (s.shards, s.shard_bits, s.hashes)
        (1, 14377588, 10)
        """
        if capacity < 1 or not 0 < error_rate < 1:
            raise ValueError(f"a Bloom filter needs a capacity >= 1 and 0 < error rate < 1, got {capacity}, "
                             f"{error_rate}")
        bits = math.ceil(-capacity * math.log(error_rate) / math.log(2) ** 2)
        shards = math.ceil(bits / MAX_SHARD_BITS)
        return cls(capacity, error_rate, shards, math.ceil(bits / shards), max(1, round(bits / capacity * math.log(2))))

    def hashes_of(self, fingerprint: str) -> tuple[int, int, int]:
        """The shard and the two hashes h1, h2 of a SHA-1 fingerprint (hex), all from its one digest.

        Bytes 0-7 and 8-15 give h1 and h2, bytes 16-19 the shard; the Lua scripts derive the bits.
        """
        digest = bytes.fromhex(fingerprint)
        m = self.shard_bits
        return (int.from_bytes(digest[16:20], "big") % self.shards, int.from_bytes(digest[:8], "big") % m,
                int.from_bytes(digest[8:16], "big") % m)

    def positions(self, fingerprint: str) -> tuple[int, list[int]]:
        """The shard and the bits of a fingerprint, as the Lua scripts set them (for tests and reading)."""
        shard, h1, h2 = self.hashes_of(fingerprint)
        return shard, [(h1 + i * h2 + (i * i * i - i) // 6) % self.shard_bits for i in range(self.hashes)]


class SharedSeenSet(RFPDupeFilter):
    """A seen set in Redis that marks and queues a request in one step; `from_spider` opens the crawl's kind."""

    kind = ""

    @classmethod
    def from_spider(cls, spider: Any) -> SharedSeenSet:
        """The seen set of the run the spider's crawl works in (scrapy-redis's Scheduler calls this)."""
        from crawler.redis.runs import shared_run

        keys = CrawlKeys.of_crawler(spider.crawler).of_run(shared_run(spider.crawler))
        return open_seen_set(get_redis_from_settings(spider.settings), keys, spider.settings)

    def add_and_queue(self, request: Request, queue: Any) -> bool:
        """Mark the request seen and push it into the scrapy-redis `queue`, unless seen; True when queued."""
        raise NotImplementedError

    def request_seen(self, request: Request) -> bool:
        """True when seen before; marks it seen (Scrapy's dupefilter interface)."""
        raise NotImplementedError

    def all_keys(self) -> list[str]:
        """Every Redis key of this seen set."""
        return [self.key]

    def clear(self) -> None:
        """Delete the seen set."""
        self.server.delete(*self.all_keys())


class ExactSeenSet(SharedSeenSet):
    """A Redis set of fingerprints: exact, growing with every URL."""

    kind = "set"

    def __init__(self, server: redis.Redis, key: str, debug: bool = False):
        super().__init__(server, key, debug)
        self._add_and_queue = server.register_script(_SET_ADD_AND_QUEUE)

    def add_and_queue(self, request: Request, queue: Any) -> bool:
        """SADD and ZADD in one script."""
        return bool(self._add_and_queue(keys=[self.key, queue.key], args=[
            self.request_fingerprint(request), -request.priority, queue._encode_request(request)]))

    def request_seen(self, request: Request) -> bool:
        """SADD, as scrapy-redis does."""
        return self.server.sadd(self.key, self.request_fingerprint(request)) == 0


class BloomSeenSet(SharedSeenSet):
    """A Bloom filter on Redis bitmaps: fixed memory, no false negatives, false positives at about its rate."""

    kind = "bloom"

    def __init__(self, server: redis.Redis, key: str, shape: BloomShape, debug: bool = False):
        """`key`: the hash of the filter's shape and count; its bitmaps are `key:0`, `key:1`, …"""
        super().__init__(server, key, debug)
        self.k_shape = key
        stored = server.register_script(_BLOOM_SHAPE)(keys=[self.k_shape], args=[
            "capacity", shape.capacity, "error_rate", repr(shape.error_rate), "shards", shape.shards,
            "shard_bits", shape.shard_bits, "hashes", shape.hashes])
        fields = {k.decode(): v.decode() for k, v in zip(stored[::2], stored[1::2], strict=True)}
        self.shape = BloomShape(int(fields["capacity"]), float(fields["error_rate"]), int(fields["shards"]),
                                int(fields["shard_bits"]), int(fields["hashes"]))
        if self.shape != shape:
            logger.warning("the Bloom seen set %s was made for %d URLs at an error rate of %g; using that, not the "
                           "configured %d at %g", key, self.shape.capacity, self.shape.error_rate, shape.capacity,
                           shape.error_rate)
        self._add_and_queue = server.register_script(_BLOOM_ADD_AND_QUEUE)
        self._contains = server.register_script(_BLOOM_CONTAINS)
        self._warned_full = False

    def shard_key(self, shard: int) -> str:
        """The bitmap of one shard."""
        return f"{self.k_shape}:{shard}"

    def all_keys(self) -> list[str]:
        """The shape hash and every shard."""
        return [self.k_shape, *(self.shard_key(i) for i in range(self.shape.shards))]

    def add(self, fingerprint: str, queue_key: str | None = None, score: float = 0, data: bytes = b"") -> bool:
        """Set the fingerprint's bits (and queue `data` if it was new); True when it was new."""
        shard, h1, h2 = self.shape.hashes_of(fingerprint)
        keys = [self.shard_key(shard), self.k_shape] + ([queue_key] if queue_key else [])
        count = self._add_and_queue(keys=keys, args=[score, data, h1, h2, self.shape.hashes, self.shape.shard_bits])
        if count > self.shape.capacity and not self._warned_full:
            self._warned_full = True
            logger.warning("the Bloom seen set %s holds more than its capacity of %d URLs: new URLs are now taken "
                           "for seen (and skipped) more often than %g of the time; raise CLEANCRAWL_BLOOM_CAPACITY "
                           "for the next run", self.key, self.shape.capacity, self.shape.error_rate)
        return bool(count)

    def add_many(self, fingerprints: list[str]) -> list[bool]:
        """`add` for many fingerprints in one round trip (no queueing): for each, True when it was new."""
        pipe = self.server.pipeline(transaction=False)
        k, m = self.shape.hashes, self.shape.shard_bits
        for fingerprint in fingerprints:
            shard, h1, h2 = self.shape.hashes_of(fingerprint)
            self._add_and_queue(keys=[self.shard_key(shard), self.k_shape], args=[0, b"", h1, h2, k, m], client=pipe)
        return [bool(count) for count in pipe.execute()]

    def contains_many(self, fingerprints: list[str]) -> list[bool]:
        """`contains` for many fingerprints in one round trip."""
        pipe = self.server.pipeline(transaction=False)
        k, m = self.shape.hashes, self.shape.shard_bits
        for fingerprint in fingerprints:
            shard, h1, h2 = self.shape.hashes_of(fingerprint)
            self._contains(keys=[self.shard_key(shard)], args=[0, b"", h1, h2, k, m], client=pipe)
        return [bool(found) for found in pipe.execute()]

    def contains(self, fingerprint: str) -> bool:
        """True when every bit of the fingerprint is set (seen, or a false positive); changes nothing."""
        shard, h1, h2 = self.shape.hashes_of(fingerprint)
        return bool(self._contains(keys=[self.shard_key(shard)],
                                   args=[0, b"", h1, h2, self.shape.hashes, self.shape.shard_bits]))

    def add_and_queue(self, request: Request, queue: Any) -> bool:
        """SETBIT and ZADD in one script."""
        return self.add(self.request_fingerprint(request), queue.key, -request.priority,
                        queue._encode_request(request))

    def request_seen(self, request: Request) -> bool:
        """Set the request's bits; True when they were all set already."""
        return not self.add(self.request_fingerprint(request))


def open_seen_set(server: redis.Redis, keys: RunKeys, settings: Any) -> SharedSeenSet:
    """The seen set of a run: the kind Redis already holds for it, else CLEANCRAWL_SEEN_SET's."""
    kind = settings.get("CLEANCRAWL_SEEN_SET")
    if kind not in ("set", "bloom"):
        raise ValueError(f"CLEANCRAWL_SEEN_SET must be 'set' or 'bloom', not {kind!r}")
    held = "bloom" if server.exists(keys.bloom) else "set" if server.exists(keys.dupefilter) else None
    if held and held != kind:
        logger.warning("the seen set of this run (%s) is a %s already: CLEANCRAWL_SEEN_SET=%s applies to a new "
                       "crawl or run only", keys.prefix, "Bloom filter" if held == "bloom" else "Redis set", kind)
        kind = held
    debug = settings.getbool("DUPEFILTER_DEBUG")
    if kind == "bloom":
        shape = BloomShape.for_capacity(settings.getint("CLEANCRAWL_BLOOM_CAPACITY"),
                                        settings.getfloat("CLEANCRAWL_BLOOM_ERROR_RATE"))
        return BloomSeenSet(server, keys.bloom, shape, debug)
    return ExactSeenSet(server, keys.dupefilter, debug)
