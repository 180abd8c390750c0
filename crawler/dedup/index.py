"""`DedupIndex`: which earlier text a new one copies, remembered on disk across runs.

Each text gets a `Grouping`: `dup_group`, the content hash of the first text of its group (stable
across runs), and `duplicate_of`, the URL that group was first seen at (None for that first row,
also when the same URL comes back in a later run). Exact copies are found by `content_hash`
first (one index lookup); otherwise MinHash LSH (`cleaners.near_dup`) proposes candidates that
share a band key, and the most similar one at or above `near_dup.THRESHOLD` decides the group.
Groups are never merged or renamed: ids already written to Parquet stay valid.

Why SQLite on disk rather than datasketch's in-memory `MinHashLSH`: the LSH tables of a million
texts (42 band keys each) would need gigabytes of Python objects and a rebuild at every start.
Here band keys and signatures live in B-trees on disk, so memory is the page cache
(`cache_mb`) whatever the count, and startup is instant. The cache is small because it
fills as the index grows: a larger one is crawl-process memory that
climbs for the whole crawl, and the operating system's file cache holds the rest of
the file anyway. Crash safety: WAL mode, each text is recorded entirely or not at all (a
savepoint), and texts are committed in batches (every `commit_every` texts or `commit_seconds`,
and on `commit()`/`close()`), since one commit per text would rewrite dozens of random B-tree pages each time. A kill leaves the
last committed state: nothing is corrupted; copies of the at most `commit_every` texts recorded
since then will not be recognised later. Without a directory the index is a private temporary
SQLite database, deleted on `close()`.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import NamedTuple

from cleaners import near_dup
from cleaners.near_dup import Sketch

FILENAME = "index.sqlite"
# signatures from other parameters are not comparable: an index records what built it
PARAMS = {
    "num_perm": near_dup.NUM_PERM, "seed": near_dup.SEED, "scheme": near_dup.SCHEME, "hash": "crc32",
    "shingle_words": near_dup.SHINGLE_WORDS, "shingle_cjk": near_dup.SHINGLE_CJK,
    "bands": near_dup.BANDS, "rows": near_dup.ROWS,
}
# candidates looked at per text: bounds the work when a template leaks into many texts
MAX_CANDIDATES = 200

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS groups (id TEXT PRIMARY KEY, first_url TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS texts (
    id INTEGER PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, group_id TEXT NOT NULL,
    size INTEGER, sig BLOB);
CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, text_id INTEGER NOT NULL,
    PRIMARY KEY (key, text_id)) WITHOUT ROWID;
"""
_UNSET = object()


class Grouping(NamedTuple):
    """Where a text belongs: its group, the group's first URL (None if this is it) and how it matched."""

    dup_group: str
    duplicate_of: str | None
    match: str  # "new", "exact" or "near"


class DedupIndex:
    """Persistent exact + near-duplicate index in `<directory>/index.sqlite` (temporary when None)."""

    def __init__(self, directory: str | Path | None = None, cache_mb: int = 8,
                 commit_every: int = 100, commit_seconds: float = 1.0) -> None:
        if directory is None:
            target = ""  # SQLite: a private on-disk temporary database
        else:
            Path(directory).mkdir(parents=True, exist_ok=True)
            target = str(Path(directory) / FILENAME)
        self.path = target or None
        self.commit_every, self.commit_seconds = max(1, commit_every), commit_seconds
        self._pending, self._since = 0, 0.0
        self._db = sqlite3.connect(target, isolation_level=None, timeout=60)
        if target:
            self._db.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a killed process loses nothing committed; only a power cut may lose the last ones
            self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.execute(f"PRAGMA cache_size=-{int(cache_mb) * 1024}")
        self._db.executescript(_SCHEMA)
        self._check_params()

    def _check_params(self) -> None:
        wanted = {k: str(v) for k, v in PARAMS.items()}
        stored = dict(self._db.execute("SELECT key, value FROM meta"))
        if not stored:
            self._db.executemany("INSERT OR IGNORE INTO meta VALUES (?, ?)", wanted.items())
        elif stored != wanted:
            self._db.close()
            raise ValueError(f"dedup index {self.path} was built with {stored}, this version uses "
                             f"{wanted}; move it away to start a new index")

    def assign(self, url: str, text: str, content_hash: str | None = None, sketch=_UNSET) -> Grouping:
        """Record the text seen at `url` and return its group.

        `sketch` is `near_dup.sketch(text)` when the caller has it (the cleaning computes it in its worker,
        `Article.sketch`); omitted, it is computed here, and only when the text is not an exact copy.
        """
        if not isinstance(text, str) or not text.strip() or not url:
            raise ValueError(f"dedup needs a URL and a non-empty text, got url={url!r}, text={text!r:.40}")
        if content_hash is None:  # a crawl's Articles carry theirs; the chain is imported only for other callers
            from cleaners.chain import content_hash as hash_text

            content_hash = hash_text(text)
        key = content_hash
        if not self._db.in_transaction:
            self._db.execute("BEGIN IMMEDIATE")
            self._since = time.monotonic()
        self._db.execute("SAVEPOINT assign")
        try:
            grouping = self._record(url, text, key, sketch)
        except BaseException:
            self._db.execute("ROLLBACK TO assign")
            raise
        finally:
            self._db.execute("RELEASE assign")
        self._pending += 1
        if self._pending >= self.commit_every or time.monotonic() - self._since >= self.commit_seconds:
            self.commit()
        return grouping

    def _record(self, url: str, text: str, key: str, sketch: object) -> Grouping:
        group = self._group_of(key)
        if group is not None:
            return self._grouping(group, url, "exact")
        sk = near_dup.sketch(text) if sketch is _UNSET else sketch
        keys = near_dup.band_keys(sk) if sk is not None else []
        group = self._nearest_group(sk, keys) if sk is not None else None
        match = "near"
        if group is None:
            group, match = key, "new"
            self._db.execute("INSERT INTO groups VALUES (?, ?)", (group, url))
        cur = self._db.execute(
            "INSERT INTO texts (content_hash, group_id, size, sig) VALUES (?, ?, ?, ?)",
            (key, group, sk.size if sk else None, sk.to_bytes() if sk else None))
        self._db.executemany("INSERT OR IGNORE INTO bands VALUES (?, ?)", ((k, cur.lastrowid) for k in keys))
        return self._grouping(group, url, match)

    def commit(self) -> None:
        """Make every text recorded so far durable (also done every `commit_every` texts and on close)."""
        if self._db.in_transaction:
            self._db.execute("COMMIT")
        self._pending = 0

    def _group_of(self, key: str) -> str | None:
        row = self._db.execute("SELECT group_id FROM texts WHERE content_hash = ?", (key,)).fetchone()
        return row[0] if row else None

    def _nearest_group(self, sk: Sketch, keys: list[int]) -> str | None:
        marks = ",".join("?" * len(keys))
        rows = self._db.execute(
            f"SELECT group_id, size, sig FROM texts WHERE id IN "
            f"(SELECT DISTINCT text_id FROM bands WHERE key IN ({marks}) LIMIT {MAX_CANDIDATES})", keys)
        best, best_score = None, near_dup.THRESHOLD
        for group_id, size, sig in rows:
            score = near_dup.similarity(sk, Sketch.from_bytes(sig, size))
            if score >= best_score:
                best, best_score = group_id, score
        return best

    def _grouping(self, group: str, url: str, match: str) -> Grouping:
        (first_url,) = self._db.execute("SELECT first_url FROM groups WHERE id = ?", (group,)).fetchone()
        return Grouping(group, None if first_url == url else first_url, match)

    def __len__(self) -> int:
        """Number of distinct texts indexed."""
        return self._db.execute("SELECT count(*) FROM texts").fetchone()[0]

    def close(self) -> None:
        """Commit and close the database (a temporary index is deleted)."""
        self.commit()
        self._db.close()

    def __enter__(self) -> DedupIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
