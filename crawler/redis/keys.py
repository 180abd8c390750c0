"""Every Redis key of a shared crawl, named in this one place.

A crawl NAME owns the keys under `cleancrawl:NAME:` (the name made safe by `output.writer.safe_name`).
What outlives a run sits directly under the crawl: the current run number, the runs' records, the
per-URL state, the near-duplicate index, the workers' heartbeats and anything kept per site. What
belongs to one run (the frontier: queue, seen set, in-flight ledger) sits under `cleancrawl:NAME:run:N:`,
so a new run starts with an empty seen set and every URL is visited again, while a worker restarted
in the middle of a run finds that run's seen set and ledger and goes on where it stopped.

`seed --reset` deletes everything under the crawl's prefix; `seed --new-run` deletes every key of the
older runs (everything under `cleancrawl:NAME:run:N:` for N below the new run's number).
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from typing import Any

from output.writer import safe_name


def default_worker_id() -> str:
    """`host-pid`: unique among live workers, and readable in part-file names."""
    return f"{socket.gethostname()}-{os.getpid()}"


def worker_id(settings: Any) -> str:
    """This worker's id in a shared crawl (heartbeat key, leases, part-file names): CLEANCRAWL_WORKER, else host-pid."""
    return settings.get("CLEANCRAWL_WORKER") or default_worker_id()


@dataclass(frozen=True)
class CrawlKeys:
    """The keys of crawl NAME that outlive its runs."""

    prefix: str  # cleancrawl:NAME

    @classmethod
    def of(cls, name: str) -> CrawlKeys:
        """The keys of the crawl called `name` (its `--name`, else the list's or the job's name)."""
        return cls(f"cleancrawl:{safe_name(name)}")

    @classmethod
    def of_crawler(cls, crawler: Any) -> CrawlKeys:
        """The keys of the crawl a Scrapy crawler works in: CLEANCRAWL_JOB, else its spider's job name."""
        from crawler.sources.jobs import job_label

        return cls.of(job_label(crawler))

    @property
    def run(self) -> str:
        """String: the number of the crawl's current run (absent until the first seed or worker)."""
        return f"{self.prefix}:run"

    @property
    def runs(self) -> str:
        """Hash: run number -> JSON record of that run (started_at, seeded by whom)."""
        return f"{self.prefix}:runs"

    @property
    def state(self) -> str:
        """Hash: URL -> JSON list of what the incremental state keeps about it (`RedisStateStore`)."""
        return f"{self.prefix}:state"

    @property
    def state_meta(self) -> str:
        """Hash: schema version of the state, and counters (URLs written)."""
        return f"{self.prefix}:state:meta"

    @property
    def dedup(self) -> DedupKeys:
        """The crawl's near-duplicate index (kept across runs: `--state redis://…`)."""
        return DedupKeys(f"{self.prefix}:dedup")

    def worker(self, worker_id: str) -> str:
        """String with a TTL: the heartbeat of a live worker."""
        return f"{self.prefix}:worker:{worker_id}"

    def site(self, slot: str) -> str:
        """Hash: one site's download leases and last start, shared by all workers (politeness)."""
        return f"{self.prefix}:site:{slot}"

    def of_run(self, number: int) -> RunKeys:
        """The keys of run `number` of this crawl."""
        if number < 1:
            raise ValueError(f"runs are numbered from 1, got {number}")
        return RunKeys(f"{self.prefix}:run:{number}")


@dataclass(frozen=True)
class RunKeys:
    """The keys of one run of a crawl: its frontier."""

    prefix: str  # cleancrawl:NAME:run:N

    @property
    def requests(self) -> str:
        """Sorted set: the queue of serialized requests (scrapy-redis PriorityQueue)."""
        return f"{self.prefix}:requests"

    @property
    def dupefilter(self) -> str:
        """Set: fingerprints of every request queued in this run (the seen set)."""
        return f"{self.prefix}:dupefilter"

    @property
    def bloom(self) -> str:
        """Hash: shape and count of the Bloom-filter seen set that replaces `dupefilter` (CLEANCRAWL_SEEN_SET=bloom).

        Its bitmaps are `…:bloom:0`, `…:bloom:1`, …
        """
        return f"{self.prefix}:bloom"

    @property
    def inflight(self) -> str:
        """Hash: in-flight id -> "worker<TAB>score" (the ledger)."""
        return f"{self.prefix}:inflight"

    @property
    def inflight_req(self) -> str:
        """Hash: in-flight id -> the serialized request."""
        return f"{self.prefix}:inflight:req"

    @property
    def bad_lines(self) -> str:
        """Set: bad URL-list lines already reported as error rows in this run."""
        return f"{self.prefix}:bad_lines"

    @property
    def dedup(self) -> DedupKeys:
        """The near-duplicate index of a shared crawl without `--state`: it lasts one run."""
        return DedupKeys(f"{self.prefix}:dedup")


@dataclass(frozen=True)
class DedupKeys:
    """The keys of one near-duplicate index (`crawler.dedup.redis_index.RedisDedupIndex`)."""

    prefix: str

    @property
    def ids(self) -> str:
        """Hash: content hash -> text id."""
        return f"{self.prefix}:ids"

    @property
    def texts(self) -> str:
        """Hash: text id -> packed group id, shingle count and MinHash signature."""
        return f"{self.prefix}:texts"

    @property
    def groups(self) -> str:
        """Hash: group id -> the URL the group was first seen at."""
        return f"{self.prefix}:groups"

    @property
    def bands(self) -> str:
        """Hash: LSH band key (8 bytes) -> ids of the texts with that band, space-separated."""
        return f"{self.prefix}:bands"

    @property
    def seq(self) -> str:
        """String: the last text id given out (ids only grow: a commit checks none appeared in its bands)."""
        return f"{self.prefix}:seq"

    @property
    def meta(self) -> str:
        """Hash: the sketch parameters the index was built with."""
        return f"{self.prefix}:meta"

    @property
    def all(self) -> tuple[str, ...]:
        """Every key of the index."""
        return (self.ids, self.texts, self.groups, self.bands, self.seq, self.meta)
