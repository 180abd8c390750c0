"""A crawl shared by many worker processes through Redis, on scrapy-redis.

scrapy-redis supplies the shared request queue (a sorted set); the seen set is scrapy-redis's set of
fingerprints or a Bloom filter (`crawler.redis.seen`), either marking a request seen and queueing it in
one script. Both belong to the crawl's current run (`crawler.redis.runs`, keys in `crawler.redis.keys`),
so each run visits every URL once. What scrapy-redis does not do is keep a
request that a worker popped: when that worker dies, the request is gone. `RedisFrontierScheduler`
adds an in-flight ledger so that no URL is lost:

- popping a request and recording it as in flight (`…:inflight`: id -> "worker<TAB>score",
  `…:inflight:req`: id -> the serialized request) is one Lua script, so there is no moment at
  which a popped request is recorded nowhere;
- an entry is released when the page's row is durably written (the export pipeline sends
  `crawler.signals.rows_committed` after a part file is renamed into place) or when the page is
  dropped on purpose (`item_dropped`), or, for requests that yield no row (sitemaps, feeds, unchanged pages),
  when the worker is next idle; it is handed back to the queue when a retry or redirect re-enters it;
- every worker refreshes `cleancrawl:NAME:worker:<id>` (a key with a TTL) as its heartbeat; any worker that
  finds entries whose owner's heartbeat has expired moves them back into the queue (again one script
  per entry, which checks the owner, so two reapers cannot both re-queue it);
- a worker stops when the queue is empty and no other worker holds entries, after an idle grace time,
  or when its run was replaced by a newer one (`cleancrawl seed --new-run`).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Request
from scrapy_redis.scheduler import Scheduler
from twisted.internet import task

from crawler import signals as cc_signals
from crawler.redis.keys import CrawlKeys, worker_id
from crawler.redis.runs import current_run, shared_run
from crawler.redis.seen import open_seen_set

logger = logging.getLogger(__name__)

_POP = """
local r = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
if #r == 0 then return false end
redis.call('ZREM', KEYS[1], r[1])
local id = redis.sha1hex(r[1])
redis.call('HSET', KEYS[2], id, ARGV[1] .. '\\t' .. r[2])
redis.call('HSET', KEYS[3], id, r[1])
return {id, r[1]}
"""
# ARGV: id, owner. Release (KEYS: inflight, inflight:req) or move back to the queue (KEYS + queue),
# only if the entry is still the owner's: a reaper may have re-queued it and another worker taken it.
_RELEASE = """
local v = redis.call('HGET', KEYS[1], ARGV[1])
if not v or string.sub(v, 1, string.len(ARGV[2]) + 1) ~= ARGV[2] .. '\\t' then return 0 end
local data = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('HDEL', KEYS[1], ARGV[1])
redis.call('HDEL', KEYS[2], ARGV[1])
if KEYS[3] and data then
  redis.call('ZADD', KEYS[3], tonumber(string.sub(v, string.len(ARGV[2]) + 2)), data)
end
return 1
"""


def redis_settings(url: str, job: str) -> dict[str, Any]:
    """The Scrapy settings that make a crawl a worker of the shared crawl `job` on the Redis at `url`.

    The scheduler names its keys itself (`crawler.redis.keys`, for the run it joins), so scrapy-redis's
    SCHEDULER_QUEUE_KEY and SCHEDULER_DUPEFILTER_KEY are not used.
    """
    return {
        "REDIS_URL": url,
        "SCHEDULER": "crawler.redis.frontier.RedisFrontierScheduler",
        "SCHEDULER_QUEUE_CLASS": "scrapy_redis.queue.PriorityQueue",  # the in-flight scripts assume a sorted set
        "DUPEFILTER_CLASS": "crawler.redis.seen.SharedSeenSet",  # the kind: CLEANCRAWL_SEEN_SET
        "SCHEDULER_PERSIST": True,  # one worker closing must not delete the shared queue
        "CLEANCRAWL_JOB": job,  # the crawl's name: its keys, the job column, the state's keys
        # per-site politeness for the whole crawl: every worker's downloads take a lease from Redis
        "DOWNLOADER": "crawler.redis.politeness.SharedPolitenessDownloader",
    }




def origin_url(request: Request) -> str:
    """The URL a page's row is keyed by: the first URL of a redirect chain (as the spider records it)."""
    return request.meta.get("redirect_urls", [request.url])[0]


class RedisFrontierScheduler(Scheduler):
    """scrapy-redis's scheduler plus an in-flight ledger, heartbeats and re-queueing of dead workers' pages."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisFrontierScheduler:
        """Join the crawl's current run; read CLEANCRAWL_WORKER, CLEANCRAWL_REDIS_HEARTBEAT and _IDLE_CLOSE."""
        sched = super().from_crawler(crawler)
        s = crawler.settings
        sched.crawler = crawler
        sched.crawl = CrawlKeys.of_crawler(crawler)
        sched.run = shared_run(crawler)
        sched.keys = sched.crawl.of_run(sched.run)
        sched.queue_key = sched.keys.requests
        sched.df = open_seen_set(sched.server, sched.keys, s)
        sched.worker = worker_id(s)
        sched.heartbeat = s.getfloat("CLEANCRAWL_REDIS_HEARTBEAT")
        sched.idle_close = s.getfloat("CLEANCRAWL_REDIS_IDLE_CLOSE")
        sched._mine = {}  # origin URL -> in-flight id, for the entries this worker holds
        sched._idle_since = None
        sched._told_superseded = False
        sched._loop = None
        crawler.signals.connect(sched.rows_committed, signal=cc_signals.rows_committed)
        crawler.signals.connect(sched.item_dropped, signal=signals.item_dropped)
        crawler.signals.connect(sched.spider_idle, signal=signals.spider_idle)
        return sched

    # -- Scrapy's scheduler interface ----------------------------------------------------------
    def open(self, spider: Any) -> None:
        """Open the shared queue, announce this worker, re-queue what dead workers left."""
        super().open(spider)
        self.k_inflight, self.k_req = self.keys.inflight, self.keys.inflight_req
        self._pop = self.server.register_script(_POP)
        self._release = self.server.register_script(_RELEASE)
        self.beat()
        self.reap(mine_too=True)
        self._loop = task.LoopingCall(self.beat)
        self._loop.start(max(self.heartbeat / 3, 0.2), now=False)
        logger.info("worker %s joined run %d of the shared crawl %s (%d requests queued)", self.worker, self.run,
                    self.crawl.prefix, len(self.queue))

    def close(self, reason: str) -> None:
        """Hand back every entry this worker still holds, and leave."""
        if self._loop is not None and self._loop.running:
            self._loop.stop()
        for url in list(self._mine):
            self._give_back(url, requeue=True)
        self.server.delete(self._worker_key(self.worker))
        super().close(reason)

    def enqueue_request(self, request: Request) -> bool:
        """Push to the shared queue unless seen; a retry or redirect hands its old entry back."""
        if request.dont_filter:
            self.queue.push(request)
        elif not self.df.add_and_queue(request, self.queue):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self._give_back(origin_url(request), requeue=False)  # the queue now holds the work
        return True

    def next_request(self) -> Request | None:
        """Pop the best request and record it as in flight for this worker, atomically."""
        popped = self._pop(keys=[self.queue.key, self.k_inflight, self.k_req], args=[self.worker])
        if not popped:
            return None
        entry_id, data = popped[0].decode(), popped[1]
        request = self.queue._decode_request(data)
        self._mine[origin_url(request)] = entry_id
        if self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    # -- signals -------------------------------------------------------------------------------
    def rows_committed(self, table: str, urls: list[str]) -> None:
        """Rows are durable: release their entries."""
        for url in urls:
            self._give_back(url, requeue=False)

    def item_dropped(self, item: Any, response: Any = None, exception: Any = None, spider: Any = None) -> None:
        """A page dropped on purpose (not an article, a duplicate) is done: release its entry."""
        url = getattr(item, "url", None)
        if url:
            self._give_back(url, requeue=False)

    def spider_idle(self, spider: Any = None) -> None:
        """Commit pending rows, re-queue dead workers' pages; stay open while any work may remain."""
        from crawler.export import ParquetExportPipeline

        itemproc = getattr(getattr(self.crawler.engine, "scraper", None), "itemproc", None)
        for pipe in getattr(itemproc, "middlewares", ()):
            if isinstance(pipe, ParquetExportPipeline):
                pipe.flush()
        # Idle means nothing is being fetched or processed here, and every row is now committed: what this
        # worker still holds produced no row at all (a sitemap, a feed, a page skipped as unchanged).
        for url in list(self._mine):
            self._give_back(url, requeue=False)
        if self.superseded():
            return  # the crawl moved on to a newer run: this worker's run is over
        self.reap()
        busy = len(self.queue) > 0 or self.others_in_flight() > 0
        now = time.monotonic()
        if busy or self._idle_since is None:
            self._idle_since = now
        if busy or self.idle_close < 0 or now - self._idle_since < self.idle_close:
            raise DontCloseSpider

    # -- the ledger ----------------------------------------------------------------------------
    def beat(self) -> None:
        """Refresh this worker's heartbeat."""
        self.server.set(self._worker_key(self.worker), str(time.time()), px=int(self.heartbeat * 1000))

    def reap(self, mine_too: bool = False) -> int:
        """Move entries whose owner's heartbeat expired back into the queue; how many were moved.

        `mine_too` (when the worker starts): entries under this worker's own id are moved too. They were
        left by an earlier process with the same `CLEANCRAWL_WORKER` (a restarted worker), which is dead
        even while its heartbeat has not expired yet, and which no one else would ever re-queue.
        """
        alive: dict[str, bool] = {self.worker: not mine_too}
        moved = 0
        for entry_id, value in self.server.hscan_iter(self.k_inflight, count=500):
            owner = value.decode().split("\t", 1)[0]
            if owner not in alive:
                alive[owner] = bool(self.server.exists(self._worker_key(owner)))
            if not alive[owner]:
                moved += self._release(keys=[self.k_inflight, self.k_req, self.queue.key],
                                       args=[entry_id, owner])
        if moved:
            logger.warning("re-queued %d requests of workers that stopped answering", moved)
            if self.stats:
                self.stats.inc_value("cleancrawl/redis/requeued", moved)
        return moved

    def superseded(self) -> bool:
        """True (and logged once) when a newer run of the crawl has started since this worker joined."""
        now = current_run(self.server, self.crawl)
        if now is None or now == self.run:
            return False
        if not self._told_superseded:
            self._told_superseded = True
            logger.warning("run %d of %s was replaced by run %s: this worker stops; start it again to join "
                           "the new run", self.run, self.crawl.prefix, now)
        return True

    def others_in_flight(self) -> int:
        """How many in-flight entries other workers hold."""
        return self.server.hlen(self.k_inflight) - len(self._mine)

    def _give_back(self, url: str, requeue: bool) -> None:
        entry_id = self._mine.pop(url, None)
        if entry_id is None:
            return
        keys = [self.k_inflight, self.k_req] + ([self.queue.key] if requeue else [])
        self._release(keys=keys, args=[entry_id, self.worker])

    def _worker_key(self, worker: str) -> str:
        return self.crawl.worker(worker)
