"""Politeness per site for a whole shared crawl: the limits hold as the site sees them, whichever worker sends.

Scrapy enforces `CONCURRENT_REQUESTS_PER_DOMAIN` and `DOWNLOAD_DELAY` (and AutoThrottle's delay) per
download slot, inside one process: N workers would hit a site N times as hard. In a shared crawl
`SharedPolitenessDownloader` asks Redis before each download leaves a slot. A site (a slot key: the
host name, or its IP with `CONCURRENT_REQUESTS_PER_IP`) has one hash, `cleancrawl:NAME:site:<slot>`
(`CrawlKeys.site`; it outlives the runs, as the site's politeness does):

- field `last`: when the last request to the site started, in Redis's clock (one clock for every
  worker, on any machine);
- one field per request in flight: a lease token -> when the lease expires.

One Lua script grants a lease only when fewer than the slot's concurrency are held and the slot's
delay (this worker's, AutoThrottle's when it is on) has passed since `last`; else it says how long to
wait. The lease is released as soon as the response or the failure arrives, before the slot takes its
next request. A worker refreshes its leases with its heartbeat; a worker that dies (SIGKILL) leaves
leases that expire `CLEANCRAWL_REDIS_HEARTBEAT` seconds after its last refresh, so it blocks a site
for no longer than that.

Waiting never blocks the reactor: a slot that may not start waits on a timer, for exactly the rest
of the delay, or, when the site's leases are all held, for a poll interval that doubles from
`POLL_FIRST` up to `POLL_MAX` (a few Redis calls a second per waiting slot at most).
"""

from __future__ import annotations

import itertools
import logging
import os
from time import monotonic
from typing import Any

import redis
from scrapy import Request, signals
from scrapy.core.downloader import Downloader, Slot
from scrapy.crawler import Crawler
from scrapy.http import Response
from scrapy.utils.asyncio import call_later, create_looping_call
from scrapy.utils.defer import _process_pending_io, _schedule_coro
from scrapy_redis.connection import get_redis_from_settings

from crawler.redis.keys import CrawlKeys, worker_id

logger = logging.getLogger(__name__)

POLL_FIRST = 0.02  # seconds: a site's leases are all held; ask again after this, doubling …
POLL_MAX = 0.5  # … up to this (a lease is usually freed by a response, which no worker is told of)

# KEYS: the site's hash. ARGV: token, concurrency, delay (ms), lease time (ms).
# Returns 0 (granted), the ms left of the delay, or -1 (all leases held).
_ACQUIRE = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local fields = redis.call('HGETALL', KEYS[1])
local last, held = 0, 0
for i = 1, #fields, 2 do
  if fields[i] == 'last' then last = tonumber(fields[i + 1])
  elseif tonumber(fields[i + 1]) <= now then redis.call('HDEL', KEYS[1], fields[i])
  else held = held + 1 end
end
if held >= tonumber(ARGV[2]) then return -1 end
local wait = last + tonumber(ARGV[3]) - now
if wait > 0 then return wait end
redis.call('HSET', KEYS[1], 'last', now, ARGV[1], now + tonumber(ARGV[4]))
local keep = tonumber(ARGV[4]) + tonumber(ARGV[3])
if redis.call('PTTL', KEYS[1]) < keep then redis.call('PEXPIRE', KEYS[1], keep) end
return 0
"""
# KEYS: the site's hash. ARGV: token, lease time (ms). Extends a lease that still exists.
_REFRESH = """
if redis.replicate_commands then redis.replicate_commands() end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], now + tonumber(ARGV[2]))
if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 1
"""


class SharedPolitenessDownloader(Downloader):
    """Scrapy's Downloader whose slots take a lease from Redis before each download (see the module doc)."""

    def __init__(self, crawler: Crawler):
        super().__init__(crawler)
        s = crawler.settings
        self.server: redis.Redis = get_redis_from_settings(s)
        self.keys = CrawlKeys.of_crawler(crawler)
        self.lease_ms = int(s.getfloat("CLEANCRAWL_REDIS_HEARTBEAT") * 1000)
        self._acquire = self.server.register_script(_ACQUIRE)
        self._refresh = self.server.register_script(_REFRESH)
        worker = worker_id(s)
        self._tokens = (f"{worker}:{os.getpid()}:{n}" for n in itertools.count())
        self._leases: dict[Request, tuple[str, str]] = {}  # request -> (site key, token), while downloading
        self._poll: dict[str, float] = {}  # slot key -> the next poll interval while its site is full
        self._refresh_loop: Any = None

    # -- Scrapy's Downloader, with the lease taken and given back -------------------------------
    def _process_queue(self, slot: Slot) -> None:
        """Start the slot's next requests while Redis grants leases; else wait on a timer."""
        if slot.latercall:
            return
        while slot.queue and slot.free_transfer_slots() > 0:
            request, queue_dfd = slot.queue[0]
            delay = slot.download_delay()
            wait = self._lease(request, slot, delay)
            if wait > 0:
                slot.latercall = call_later(wait, self._latercall, slot)
                return
            slot.lastseen = monotonic()
            slot.queue.popleft()
            _schedule_coro(self._wait_for_download(slot, request, queue_dfd))
            if delay:  # no site start is due before the delay has passed: no need to ask Redis earlier
                slot.latercall = call_later(delay, self._latercall, slot)
                return

    async def _download(self, slot: Slot, request: Request) -> Response:
        """Scrapy 2.19's `Downloader._download`, with the lease given back before the slot goes on."""
        slot.transferring.add(request)
        try:
            response: Response = await self.handlers.download_request_async(request)
            self.signals.send_catch_log(signal=signals.response_downloaded, response=response, request=request,
                                        spider=self.crawler.spider)
            return response
        except Exception:
            await _process_pending_io()
            raise
        finally:
            slot.transferring.remove(request)
            self._give_back(request)
            self._process_queue(slot)
            self.signals.send_catch_log(signal=signals.request_left_downloader, request=request,
                                        spider=self.crawler.spider)

    def close(self) -> None:
        """Stop refreshing, and give back every lease still held."""
        super().close()
        if self._refresh_loop is not None and self._refresh_loop.running:
            self._refresh_loop.stop()
        for request in list(self._leases):
            self._give_back(request)

    # -- leases --------------------------------------------------------------------------------
    def _lease(self, request: Request, slot: Slot, delay: float) -> float:
        """0 when this request may start now (its lease taken), else the seconds to wait before asking again."""
        slot_key = request.meta[self.DOWNLOAD_SLOT]
        key, token = self.keys.site(slot_key), next(self._tokens)
        try:
            answer = self._acquire(keys=[key], args=[token, slot.concurrency, int(delay * 1000), self.lease_ms])
        except redis.RedisError as exc:
            logger.warning("cannot ask Redis whether %s may be fetched (%s); asking again in %.1f s",
                           request.url, exc, POLL_MAX)
            return POLL_MAX
        if answer == 0:
            self._leases[request] = (key, token)
            self._poll.pop(slot_key, None)
            self._start_refreshing()
            return 0.0
        if answer > 0:
            self.crawler.stats.inc_value("cleancrawl/politeness/delayed")
            return answer / 1000
        self.crawler.stats.inc_value("cleancrawl/politeness/site_full")
        poll = self._poll.get(slot_key, POLL_FIRST)
        self._poll[slot_key] = min(poll * 2, POLL_MAX)
        return poll

    def _give_back(self, request: Request) -> None:
        lease = self._leases.pop(request, None)
        if lease is None:
            return
        try:
            self.server.hdel(*lease)
        except redis.RedisError as exc:  # the lease then expires by itself
            logger.warning("cannot give back the lease of %s (%s)", request.url, exc)

    def _start_refreshing(self) -> None:
        if self._refresh_loop is None:
            self._refresh_loop = create_looping_call(self._refresh_leases)
            self._refresh_loop.start(max(self.lease_ms / 3000, 0.2), now=False)

    def _refresh_leases(self) -> None:
        """Extend every lease this worker holds: a long download keeps its site's slot."""
        if not self._leases:
            return
        pipe = self.server.pipeline(transaction=False)
        for key, token in list(self._leases.values()):
            self._refresh(keys=[key], args=[token, self.lease_ms], client=pipe)
        try:
            pipe.execute()
        except redis.RedisError as exc:
            logger.warning("cannot refresh %d site leases (%s)", len(self._leases), exc)
