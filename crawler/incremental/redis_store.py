"""`RedisStateStore`: the per-URL state of a shared crawl in Redis, where every worker reads and writes it.

The same fields as the SQLite `StateStore` (first_seen, last_seen / last_status, etag / last_modified,
content_hash, version, fetched_at), one entry per URL in the hash `cleancrawl:NAME:state`: URL -> a JSON
list of the fields in that order. Each update is one Lua script that reads the entry and writes it back,
so two workers never interleave a read and a write of one URL (the frontier gives a URL to one worker at
a time; a re-queued page may still meet its old worker). `mark_written` records a batch in one
MULTI/EXEC transaction: no other client sees part of it, and a worker killed while sending it leaves
none of it (Redis runs the transaction only once EXEC arrives). As there, a URL's written
fields change only through `mark_written`, which the crawl calls after the Parquet part holding its row
was committed.

Runs are not kept here: a shared crawl's runs belong to its frontier (crawler/redis/runs.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from crawler.incremental.store import SCHEMA_VERSION, UrlState, Written, from_iso, to_iso
from crawler.redis.keys import CrawlKeys

# the JSON list's positions (Lua counts from 1)
FIELDS = ("first_seen", "last_seen", "last_status", "etag", "last_modified", "content_hash", "version", "fetched_at")

_NEW = "local r = {cjson.null, cjson.null, cjson.null, cjson.null, cjson.null, cjson.null, 0, cjson.null}"

# KEYS: state. ARGV: url, when, status.
_SAW = f"""
local old = redis.call('HGET', KEYS[1], ARGV[1])
{_NEW}
if old then r = cjson.decode(old) end
r[2] = ARGV[2]
r[3] = tonumber(ARGV[3])
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
"""

# KEYS: state. ARGV: url, JSON [when, etag or null, last_modified or null]. Only a written URL is confirmed.
_CONFIRM = """
local old = redis.call('HGET', KEYS[1], ARGV[1])
if not old then return 0 end
local r = cjson.decode(old)
if r[6] == cjson.null then return 0 end
local a = cjson.decode(ARGV[2])
r[8] = a[1]
if a[2] ~= cjson.null then r[4] = a[2] end
if a[3] ~= cjson.null then r[5] = a[3] end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
return 1
"""

# KEYS: state, state meta. ARGV: url, JSON list of the new entry. first_seen, last_seen and last_status of
# an existing entry are kept; the meta's `written` counts URLs written at least once.
_MARK_WRITTEN = """
local r = cjson.decode(ARGV[2])
local old = redis.call('HGET', KEYS[1], ARGV[1])
if old then
  local o = cjson.decode(old)
  if o[1] ~= cjson.null then r[1] = o[1] end
  r[2], r[3] = o[2], o[3]
  if o[6] == cjson.null then redis.call('HINCRBY', KEYS[2], 'written', 1) end
else
  redis.call('HINCRBY', KEYS[2], 'written', 1)
end
redis.call('HSET', KEYS[1], ARGV[1], cjson.encode(r))
"""


class RedisStateStore:
    """Per-URL state of crawl NAME in Redis (`cleancrawl:NAME:state`); the `UrlStateStore` interface."""

    def __init__(self, server: Any, keys: CrawlKeys):
        self.server = server
        self.keys = keys
        self.path = f"{keys.state} on {_where(server)}"  # for log lines, as StateStore.path
        found = server.hget(keys.state_meta, "schema_version")
        if found is None:
            server.hsetnx(keys.state_meta, "schema_version", SCHEMA_VERSION)
        elif found.decode() != SCHEMA_VERSION:
            raise ValueError(f"{self.path}: state schema {found.decode()}, this cleancrawl reads {SCHEMA_VERSION}")
        self._saw = server.register_script(_SAW)
        self._confirm = server.register_script(_CONFIRM)
        self._mark = server.register_script(_MARK_WRITTEN)

    def get(self, url: str) -> UrlState | None:
        """The state of a URL, None when never seen."""
        raw = self.server.hget(self.keys.state, url)
        if raw is None:
            return None
        r = json.loads(raw)
        return UrlState(url, from_iso(r[0]), from_iso(r[1]), r[2], r[3], r[4], r[5], int(r[6]), from_iso(r[7]))

    def saw(self, url: str, status: int, when: datetime) -> None:
        """Record a response (any status) for a URL."""
        self._saw(keys=[self.keys.state], args=[url, to_iso(when), int(status)])

    def confirm(self, url: str, when: datetime, etag: str | None = None, last_modified: str | None = None) -> None:
        """The written version of a URL is still current at `when`; new validators replace the stored ones."""
        self._confirm(keys=[self.keys.state], args=[url, json.dumps([to_iso(when), etag, last_modified])])

    def mark_written(self, rows: Iterable[Written]) -> int:
        """Record rows that are now in the dataset, in one transaction; returns how many."""
        rows = list(rows)
        if not rows:
            return 0
        pipe = self.server.pipeline(transaction=True)
        for r in rows:
            entry = [to_iso(r.first_seen), to_iso(r.fetched_at), 200, r.etag, r.last_modified, r.content_hash,
                     r.version, to_iso(r.fetched_at)]
            self._mark(keys=[self.keys.state, self.keys.state_meta], args=[r.url, json.dumps(entry)], client=pipe)
        pipe.execute()
        return len(rows)

    def count(self, written_only: bool = False) -> int:
        """URLs known (or written, with written_only)."""
        if written_only:
            return int(self.server.hget(self.keys.state_meta, "written") or 0)
        return int(self.server.hlen(self.keys.state))

    def close(self) -> None:
        """Release the connection (everything is in Redis already)."""
        self.server.close()

    def __enter__(self) -> RedisStateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _where(server: Any) -> str:
    kw = server.connection_pool.connection_kwargs
    return f"redis://{kw.get('host', '?')}:{kw.get('port', '?')}/{kw.get('db', 0)}"
