"""`StateStore`: what a job knows about each URL across runs, in one SQLite file (WAL) in the state folder.

Per URL: `first_seen` (when it was first written), `last_seen` / `last_status` (the last response),
`etag` / `last_modified` (validators for conditional requests), `content_hash` and `version` of the
last *written* text. A row's written fields change only through `mark_written`, which the crawl calls
after the Parquet part holding the row was committed: a crash before that leaves the URL unwritten,
so the next run fetches it again in full and nothing is lost. Each call is one transaction; WAL with
`synchronous=NORMAL` survives a killed process (the last committed transaction stays). The `runs`
table records each run's start and end, so a resumed run can tell an interrupted run from a finished one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from output.writer import safe_name

SCHEMA_VERSION = "1"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS urls (
    url TEXT PRIMARY KEY,
    first_seen TEXT,          -- first write of the URL (UTC ISO 8601)
    last_seen TEXT,           -- last response received
    last_status INTEGER,      -- HTTP status of that response
    etag TEXT,                -- validators of the written version
    last_modified TEXT,
    content_hash TEXT,        -- hash of the last written text; NULL: never written
    version INTEGER NOT NULL DEFAULT 0,
    fetched_at TEXT           -- last time the written version was confirmed current (fetched or 304)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY, started_at TEXT NOT NULL, finished_at TEXT, finish_reason TEXT);
"""


@dataclass(frozen=True)
class UrlState:
    """What the store knows about one URL."""

    url: str
    first_seen: datetime | None
    last_seen: datetime | None
    last_status: int | None
    etag: str | None
    last_modified: str | None
    content_hash: str | None
    version: int
    fetched_at: datetime | None = None

    @property
    def written(self) -> bool:
        """True once a version of the URL is durably in the dataset."""
        return self.content_hash is not None


@dataclass(frozen=True)
class Written:
    """A row that reached the dataset: what `mark_written` records."""

    url: str
    content_hash: str
    version: int
    first_seen: datetime
    fetched_at: datetime
    etag: str | None = None
    last_modified: str | None = None


class UrlStateStore(Protocol):
    """What incremental crawling asks of a store, whichever backend keeps it.

    `StateStore` keeps one crawl process's (or one machine's) state in SQLite; `RedisStateStore`
    (crawler/incremental/redis_store.py) keeps a shared crawl's in Redis, where every worker sees it.
    """

    def get(self, url: str) -> UrlState | None:
        """The state of a URL, None when never seen."""

    def saw(self, url: str, status: int, when: datetime) -> None:
        """Record a response (any status) for a URL."""

    def confirm(self, url: str, when: datetime, etag: str | None = None, last_modified: str | None = None) -> None:
        """The written version of a URL is still current at `when`."""

    def mark_written(self, rows: Iterable[Written]) -> int:
        """Record rows that are now in the dataset, all or none; returns how many."""

    def count(self, written_only: bool = False) -> int:
        """URLs known (or written, with written_only)."""

    def close(self) -> None:
        """Release the connection or file."""


def state_path(directory: str | Path, job: str) -> Path:
    """The store file of a job: `<directory>/<job>.state.sqlite` (job name made file-safe)."""
    return Path(directory) / f"{safe_name(job)}.state.sqlite"


class StateStore:
    """Per-job URL state in SQLite; open with a file path, close when done (or use as a context manager)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # several crawl processes may share one store (workers of a shared crawl): wait for a writer, don't fail
        self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        found = self._db.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        if found is None:
            self._db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        elif found[0] != SCHEMA_VERSION:
            raise ValueError(f"{self.path}: state schema {found[0]}, this cleancrawl reads {SCHEMA_VERSION}")

    def get(self, url: str) -> UrlState | None:
        """The state of a URL, None when never seen."""
        row = self._db.execute("SELECT url, first_seen, last_seen, last_status, etag, last_modified, "
                               "content_hash, version, fetched_at FROM urls WHERE url=?", (url,)).fetchone()
        if row is None:
            return None
        return UrlState(row[0], from_iso(row[1]), from_iso(row[2]), row[3], row[4], row[5], row[6], row[7], from_iso(row[8]))

    def saw(self, url: str, status: int, when: datetime) -> None:
        """Record a response (any status) for a URL."""
        self._db.execute("INSERT INTO urls (url, last_seen, last_status) VALUES (?, ?, ?) "
                         "ON CONFLICT(url) DO UPDATE SET last_seen=excluded.last_seen, "
                         "last_status=excluded.last_status", (url, to_iso(when), status))

    def confirm(self, url: str, when: datetime, etag: str | None = None, last_modified: str | None = None) -> None:
        """The written version of a URL is still current at `when` (a 304, or the same text again).

        New validators, when the server sent any, replace the stored ones.
        """
        self._db.execute("UPDATE urls SET fetched_at=?, etag=COALESCE(?, etag), "
                         "last_modified=COALESCE(?, last_modified) WHERE url=? AND content_hash IS NOT NULL",
                         (to_iso(when), etag, last_modified, url))

    def mark_written(self, rows: Iterable[Written]) -> int:
        """Record rows that are now in the dataset, in one transaction; returns how many."""
        rows = list(rows)
        if not rows:
            return 0
        with self._transaction():
            self._db.executemany(
                "INSERT INTO urls (url, first_seen, last_seen, last_status, etag, last_modified, content_hash, "
                "version, fetched_at) VALUES (?, ?, ?, 200, ?, ?, ?, ?, ?) ON CONFLICT(url) DO UPDATE SET "
                "first_seen=COALESCE(urls.first_seen, excluded.first_seen), etag=excluded.etag, "
                "last_modified=excluded.last_modified, content_hash=excluded.content_hash, "
                "version=excluded.version, fetched_at=excluded.fetched_at",
                [(r.url, to_iso(r.first_seen), to_iso(r.fetched_at), r.etag, r.last_modified, r.content_hash,
                  r.version, to_iso(r.fetched_at)) for r in rows])
        return len(rows)

    def start_run(self, when: datetime | None = None) -> int:
        """Record the start of a run; returns its id."""
        cur = self._db.execute("INSERT INTO runs (started_at) VALUES (?)", (to_iso(when or _now()),))
        return int(cur.lastrowid)

    def finish_run(self, run_id: int, reason: str, when: datetime | None = None) -> None:
        """Record how a run ended (Scrapy's finish reason: finished, shutdown, …)."""
        self._db.execute("UPDATE runs SET finished_at=?, finish_reason=? WHERE id=?",
                         (to_iso(when or _now()), reason, run_id))

    def last_run(self) -> tuple[int, datetime, datetime | None, str | None] | None:
        """(id, started_at, finished_at, finish_reason) of the latest run; finished_at None: interrupted."""
        row = self._db.execute("SELECT id, started_at, finished_at, finish_reason FROM runs "
                               "ORDER BY id DESC LIMIT 1").fetchone()
        return None if row is None else (row[0], from_iso(row[1]), from_iso(row[2]), row[3])

    def interrupted_since(self) -> datetime | None:
        """Start of the oldest of the latest runs that were killed or stopped by a signal; None if the last ended.

        A run with no finish reason was killed; "shutdown" is Scrapy's reason after SIGINT/SIGTERM. Any
        other reason ("finished", a CLOSESPIDER_* limit) is a deliberate end, so the chain stops there:
        a scheduled job that always stops at its time limit never resumes forever.
        """
        since = None
        for started, reason in self._db.execute("SELECT started_at, finish_reason FROM runs ORDER BY id DESC"):
            if reason not in (None, "shutdown"):
                break
            since = from_iso(started)
        return since

    def count(self, written_only: bool = False) -> int:
        """URLs known (or written, with written_only)."""
        sql = "SELECT count(*) FROM urls" + (" WHERE content_hash IS NOT NULL" if written_only else "")
        return int(self._db.execute(sql).fetchone()[0])

    def close(self) -> None:
        """Close the database (committed state is on disk)."""
        self._db.close()

    def __enter__(self) -> StateStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _transaction(self) -> _Tx:
        return _Tx(self._db)


class _Tx:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")


def _now() -> datetime:
    return datetime.now(UTC)


def to_iso(when: datetime | None) -> str | None:
    """UTC ISO 8601 text of a time (a naive time is taken as UTC); None stays None."""
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat()


def from_iso(text: str | None) -> datetime | None:
    """The time `to_iso` wrote; None or empty: None."""
    return datetime.fromisoformat(text) if text else None
