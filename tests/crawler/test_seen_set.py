"""The seen sets of a shared crawl on a real redis-server: the Bloom filter's guarantees and rate, and crawls with it."""

from __future__ import annotations

import hashlib
import logging

import duckdb
import pytest
from scrapy import Request
from scrapy.settings import Settings
from scrapy_redis.queue import PriorityQueue

from crawler.cli.sample_server import SampleServer
from crawler.redis.keys import CrawlKeys
from crawler.redis.seen import BloomSeenSet, BloomShape, ExactSeenSet, open_seen_set
from crawler.spiders.redis_articles import RedisArticlesSpider
from tests.conftest import run_cli
from tests.crawler.redis_helpers import RedisServer, write_site
from tests.crawler.test_redis_workers import start_worker, wait_all

ITEMS = 100_000
ERROR_RATE = 0.01


def fingerprint(url: str) -> str:
    """A SHA-1 hex digest, as the request fingerprints the seen sets are given."""
    return hashlib.sha1(url.encode()).hexdigest()


@pytest.fixture(scope="module")
def redis_server(tmp_path_factory):
    """A private redis-server for this module."""
    with RedisServer(tmp_path_factory.mktemp("redis")) as server:
        yield server


def settings(**values) -> Settings:
    """The project's settings with some changed (components read them with no second default)."""
    result = Settings()
    result.setmodule("crawler.settings", priority="project")
    result.setdict(values, priority="cmdline")
    return result


class TestBloomShape:
    def test_sized_by_the_textbook_formulas(self):
        shape = BloomShape.for_capacity(1_000_000, 0.01)
        assert (shape.shards, shape.shard_bits, shape.hashes) == (1, 9585059, 7)  # 9.6 bits per URL, 7 hashes

    def test_a_billion_urls_need_several_bitmaps_of_at_most_512_mb(self):
        shape = BloomShape.for_capacity(1_000_000_000, 0.001)
        assert shape.shards == 4 and shape.shard_bits <= 1 << 32
        assert shape.shards * shape.shard_bits >= 14_377_587_000  # 14.4 bits per URL, none lost to the split

    @pytest.mark.parametrize(("capacity", "rate"), [(0, 0.01), (1000, 0), (1000, 1.0)])
    def test_impossible_shapes_are_refused(self, capacity, rate):
        with pytest.raises(ValueError, match="Bloom filter"):
            BloomShape.for_capacity(capacity, rate)

    def test_the_bits_of_a_fingerprint_are_fixed_and_within_the_shard(self):
        shape = BloomShape.for_capacity(1_000_000_000, 0.001)
        shard, bits = shape.positions(fingerprint("https://example.org/a"))
        assert (shard, bits) == shape.positions(fingerprint("https://example.org/a"))
        assert 0 <= shard < shape.shards and len(set(bits)) == shape.hashes
        assert all(0 <= b < shape.shard_bits for b in bits)


def test_bloom_has_no_false_negatives_and_its_false_positive_rate_is_the_configured_one(redis_server):
    client = redis_server.client()
    bloom = BloomSeenSet(client, "test:fp", BloomShape.for_capacity(ITEMS, ERROR_RATE))
    added = [fingerprint(f"https://news.example/{n % 97}/story-{n}.html") for n in range(ITEMS)]
    others = [fingerprint(f"https://news.example/{n % 97}/other-{n}.html") for n in range(ITEMS)]
    new = [flag for i in range(0, ITEMS, 5000) for flag in bloom.add_many(added[i:i + 5000])]
    assert all(flag for flag in bloom.contains_many(added)), "a URL added was not found"
    assert not any(bloom.add_many(added[:1000])), "a URL added was taken for new"
    false_positives = sum(bloom.contains_many(others)) / ITEMS
    assert 0.7 * ERROR_RATE < false_positives < 1.3 * ERROR_RATE, false_positives
    taken_for_seen = new.count(False) / ITEMS  # while filling, the rate grows from 0 to ERROR_RATE
    assert taken_for_seen < ERROR_RATE
    assert int(client.hget("test:fp", "count")) == new.count(True)  # the key holds the shape and count
    for url in added[:100]:  # the script sets the bits `positions` names (enhanced double hashing)
        shard, bits = bloom.shape.positions(url)
        assert all(client.getbit(bloom.shard_key(shard), b) for b in bits)


def test_marking_and_queueing_happen_together_once(redis_server):
    client = redis_server.client()
    spider = RedisArticlesSpider(job_name="t")
    for seen in (ExactSeenSet(client, "test:once:set"),
                 BloomSeenSet(client, "test:once:bloom", BloomShape.for_capacity(1000, 0.001))):
        queue = PriorityQueue(client, spider, f"test:once:{seen.kind}:requests")
        request = Request("https://example.org/a")
        assert seen.add_and_queue(request, queue) is True
        assert seen.add_and_queue(request.replace(), queue) is False
        assert seen.request_seen(request) is True
        assert len(queue) == 1 and queue.pop().url == "https://example.org/a"


def test_the_kind_and_shape_redis_holds_win_over_the_settings(redis_server, caplog):
    client = redis_server.client()
    held_set, held_bloom = CrawlKeys.of("held-set").of_run(1), CrawlKeys.of("held-bloom").of_run(1)
    ExactSeenSet(client, held_set.dupefilter).request_seen(Request("https://example.org/a"))
    with caplog.at_level(logging.WARNING, logger="crawler.redis.seen"):
        assert isinstance(open_seen_set(client, held_set, settings(CLEANCRAWL_SEEN_SET="bloom")), ExactSeenSet)
    assert "is a Redis set already" in caplog.text
    first = open_seen_set(client, held_bloom, settings(CLEANCRAWL_SEEN_SET="bloom", CLEANCRAWL_BLOOM_CAPACITY=1000))
    later = open_seen_set(client, held_bloom, settings(CLEANCRAWL_SEEN_SET="set", CLEANCRAWL_BLOOM_CAPACITY=5000))
    assert isinstance(later, BloomSeenSet) and later.shape == first.shape and later.shape.capacity == 1000
    with pytest.raises(ValueError, match="CLEANCRAWL_SEEN_SET"):
        open_seen_set(client, CrawlKeys.of("held-other").of_run(1), settings(CLEANCRAWL_SEEN_SET="bitmap"))


def test_a_shared_crawl_with_the_bloom_seen_set_writes_every_article_once(redis_server, tmp_path):
    root = tmp_path / "site"
    paths = write_site(root, 60)
    bloom = ("-s", "CLEANCRAWL_SEEN_SET=bloom", "-s", "CLEANCRAWL_BLOOM_CAPACITY=10000")
    with SampleServer(root) as server:
        urls = tmp_path / "urls.txt"
        urls.write_text("".join(server.url(p) + "\n" for p in paths))
        seeded = run_cli("seed", str(urls), "--redis", redis_server.url, "--name", "bloomed", *bloom)
        assert "run 1: 60 URLs queued, 0 seen before" in seeded.stdout.decode(), seeded.stderr.decode()[-2000:]
        # the workers are not told: the crawl's seen set is the Bloom filter the seeder made
        out = tmp_path / "out"
        results = wait_all([start_worker(redis_server.url, "bloomed", out, w) for w in ("w1", "w2")])
        again = run_cli("seed", str(urls), "--redis", redis_server.url, "--name", "bloomed")
    assert all(code == 0 for code, _ in results), results
    written = [r[0] for r in duckdb.sql(f"select url from read_parquet('{out}/articles/**/*.parquet')").fetchall()]
    assert sorted(written) == sorted(server.url(p) for p in paths)
    assert "0 URLs queued, 60 seen before" in again.stdout.decode()
    client = redis_server.client()
    run = CrawlKeys.of("bloomed").of_run(1)
    assert not client.exists(run.dupefilter), "a Redis set was made beside the Bloom filter"
    assert int(client.hget(run.bloom, "count")) == 60
