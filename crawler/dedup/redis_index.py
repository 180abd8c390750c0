"""`RedisDedupIndex`: the near-duplicate index of a shared crawl in Redis, one for all its workers.

The same groupings as the SQLite `DedupIndex` (exact copies by content hash, near copies by MinHash LSH
with `cleaners.near_dup`'s bands, rows and threshold; groups never merged or renamed), kept in four
hashes (`crawler.redis.keys.DedupKeys`): content hash -> text id, text id -> group + shingle count +
signature, group -> first URL, and LSH band key -> ids of the texts with that band.

Two workers recording near-copies at the same moment must still end in one group. Finding the nearest
group and recording the text are therefore one decision checked atomically: a read-only Lua script
returns the exact match, or the candidates of the text's bands and the last text id given out; the
similarities are computed here with numpy; a second script records the text only if no text with a
higher id joined any of its bands meanwhile (ids only grow), else the worker looks again, and then
sees the other's text. That is two round trips for a new text and one for an exact copy.

Why not datasketch's `MinHashLSH` with its Redis storage: its query and insert are separate calls, so
two workers can both find nothing and start two groups; a query reads each of the 42 bands with its own
round trip (batched only through its query buffer); it keeps a Redis key per band bucket (tens of
keys per text) and no signatures, while the overlap check needs the signature and the shingle count;
and importing it loads scipy into every worker.

A band key lists at most `MAX_CANDIDATES` texts: a template shared by thousands of pages would
otherwise make each lookup read thousands of ids; a copy still meets its original through its other bands.
"""

from __future__ import annotations

import struct
from typing import Any

from cleaners import near_dup
from cleaners.near_dup import Sketch
from crawler.dedup.index import _UNSET, MAX_CANDIDATES, PARAMS, Grouping
from crawler.redis.keys import DedupKeys

# lookups that found a newer text in their bands before giving up: two workers racing on one band
# settle in one retry; more means many workers writing copies of one text at once
MAX_TRIES = 20

# KEYS: ids, texts, groups, bands, seq. ARGV: content hash, max candidates, band keys...
# -> {1, group, first url} for an exact copy, else {0, last id, record, record, ...} of the candidates.
_LOOKUP = """
local id = redis.call('HGET', KEYS[1], ARGV[1])
if id then
  local group = string.match(redis.call('HGET', KEYS[2], id), '^[^\\t]*')
  return {1, group, redis.call('HGET', KEYS[3], group)}
end
local out = {0, redis.call('GET', KEYS[5]) or '0'}
local seen, n, max = {}, 0, tonumber(ARGV[2])
for i = 3, #ARGV do
  local ids = redis.call('HGET', KEYS[4], ARGV[i])
  if ids then
    for cid in string.gmatch(ids, '%d+') do
      if n < max and not seen[cid] then
        seen[cid] = true
        n = n + 1
        out[#out + 1] = redis.call('HGET', KEYS[2], cid)
      end
    end
  end
end
return out
"""

# KEYS: ids, texts, groups, bands, seq. ARGV: content hash, url, group ('' for a new one), record tail,
# last id the lookup saw, max ids per band, band keys... -> {match, group, first url}, or {'retry'}.
_RECORD = """
local id = redis.call('HGET', KEYS[1], ARGV[1])
if id then
  local group = string.match(redis.call('HGET', KEYS[2], id), '^[^\\t]*')
  return {'exact', group, redis.call('HGET', KEYS[3], group)}
end
local seen = tonumber(ARGV[5])
for i = 7, #ARGV do
  local ids = redis.call('HGET', KEYS[4], ARGV[i])
  if ids and tonumber(string.match(ids, '(%d+)$')) > seen then return {'retry'} end
end
local group, match = ARGV[3], 'near'
if group == '' then
  group, match = ARGV[1], 'new'
  redis.call('HSETNX', KEYS[3], group, ARGV[2])
end
local new = redis.call('INCR', KEYS[5])
redis.call('HSET', KEYS[1], ARGV[1], new)
redis.call('HSET', KEYS[2], new, group .. '\\t' .. ARGV[4])
local max = tonumber(ARGV[6])
for i = 7, #ARGV do
  local ids = redis.call('HGET', KEYS[4], ARGV[i])
  if not ids then
    redis.call('HSET', KEYS[4], ARGV[i], new)
  elseif select(2, string.gsub(ids, ' ', '')) + 1 < max then
    redis.call('HSET', KEYS[4], ARGV[i], ids .. ' ' .. new)
  end
end
return {match, group, redis.call('HGET', KEYS[3], group)}
"""


class RedisDedupIndex:
    """Exact + near-duplicate index under `keys` on a Redis server; the interface of `DedupIndex`."""

    def __init__(self, server: Any, keys: DedupKeys) -> None:
        self.server = server
        self.keys = keys
        self.path = keys.prefix
        self._check_params()
        self._lookup = server.register_script(_LOOKUP)
        self._record = server.register_script(_RECORD)
        self._keys = [keys.ids, keys.texts, keys.groups, keys.bands, keys.seq]

    def _check_params(self) -> None:
        wanted = {k: str(v) for k, v in PARAMS.items()}
        pipe = self.server.pipeline(transaction=True)
        for k, v in wanted.items():
            pipe.hsetnx(self.keys.meta, k, v)
        pipe.hgetall(self.keys.meta)
        stored = {k.decode(): v.decode() for k, v in pipe.execute()[-1].items()}
        if stored != wanted:
            raise ValueError(f"dedup index {self.path} was built with {stored}, this version uses "
                             f"{wanted}; delete its keys to start a new index")

    def assign(self, url: str, text: str, content_hash: str | None = None, sketch: Any = _UNSET) -> Grouping:
        """Record the text seen at `url` and return its group (see `DedupIndex.assign`)."""
        if not isinstance(text, str) or not text.strip() or not url:
            raise ValueError(f"dedup needs a URL and a non-empty text, got url={url!r}, text={text!r:.40}")
        if content_hash is None:
            from cleaners.chain import content_hash as hash_text

            content_hash = hash_text(text)
        computed = sketch is not _UNSET
        for _ in range(MAX_TRIES):
            found = self.look_up(content_hash, sketch if computed else None)
            if isinstance(found, Grouping):
                return _relative(found, url)
            if not computed:  # not an exact copy: now the sketch is worth computing
                sketch, computed = near_dup.sketch(text), True
                continue
            grouping = self.record(url, content_hash, sketch, *found)
            if grouping is not None:
                return _relative(grouping, url)
        raise RuntimeError(f"dedup index {self.path}: {url} met a newer text in its bands {MAX_TRIES} times")

    def look_up(self, content_hash: str, sketch: Sketch | None) -> Grouping | tuple[str | None, int]:
        """The exact copy's grouping, else (the nearest group or None, the last text id the lookup saw)."""
        reply = self._lookup(keys=self._keys, args=[content_hash, MAX_CANDIDATES, *_band_args(sketch)])
        if reply[0] == 1:
            return Grouping(reply[1].decode(), _text(reply[2]), "exact")
        best, best_score = None, near_dup.THRESHOLD
        for record in reply[2:]:
            group, size, sig = record.split(b"\t", 2)
            if not size or sketch is None:
                continue
            score = near_dup.similarity(sketch, Sketch.from_bytes(sig, int(size)))
            if score >= best_score:
                best, best_score = group.decode(), score
        return best, int(reply[1])

    def record(self, url: str, content_hash: str, sketch: Sketch | None, group: str | None,
               seen: int) -> Grouping | None:
        """Record the text in `group` (None: a new group); None when a newer text joined its bands meanwhile."""
        tail = f"{sketch.size}\t".encode() + sketch.to_bytes() if sketch is not None else b""
        reply = self._record(keys=self._keys, args=[content_hash, url, group or "", tail, seen, MAX_CANDIDATES,
                                                    *_band_args(sketch)])
        if reply[0] == b"retry":
            return None
        return Grouping(reply[1].decode(), _text(reply[2]), reply[0].decode())

    def commit(self) -> None:
        """Nothing to do: each text is recorded in Redis when assigned."""

    def __len__(self) -> int:
        """Number of distinct texts indexed."""
        return int(self.server.hlen(self.keys.ids))

    def close(self) -> None:
        """Release the connection."""
        self.server.close()

    def __enter__(self) -> RedisDedupIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _band_args(sketch: Sketch | None) -> list[bytes]:
    """The band keys as 8-byte fields (the hash's field names)."""
    return [struct.pack("<q", k) for k in near_dup.band_keys(sketch)] if sketch is not None else []


def _text(value: bytes | None) -> str | None:
    return value.decode() if value is not None else None


def _relative(grouping: Grouping, url: str) -> Grouping:
    """`duplicate_of` is None for the group's first URL, also when that URL comes back."""
    return grouping._replace(duplicate_of=None) if grouping.duplicate_of == url else grouping
