"""The per-URL state: written only through mark_written, kept across opens; SQLite (a folder) and Redis alike."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest

from crawler.incremental.redis_store import RedisStateStore
from crawler.incremental.store import StateStore, UrlStateStore, Written, state_path
from crawler.redis.keys import CrawlKeys

T0 = datetime(2026, 11, 28, 6, 0, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "redis"])
def open_store(request, tmp_path) -> Callable[[], UrlStateStore]:
    """Opens the same store again on each call: a SQLite file, or one crawl's keys on a real redis-server."""
    if request.param == "sqlite":
        return lambda: StateStore(tmp_path / "s.sqlite")
    server = request.getfixturevalue("redis_server")
    keys = CrawlKeys.of(f"state-{uuid.uuid4().hex[:8]}")
    return lambda: RedisStateStore(server.client(), keys)


def test_a_url_is_written_only_through_mark_written(open_store):
    with open_store() as store:
        store.saw("https://n.example/a", 200, T0)
        seen = store.get("https://n.example/a")
        assert seen.last_status == 200 and not seen.written and seen.version == 0
        store.mark_written([Written("https://n.example/a", "h1", 1, T0, T0, '"e1"', "Sat, 28 Nov 2026 05:00:00 GMT")])
        got = store.get("https://n.example/a")
        assert (got.written, got.version, got.first_seen, got.etag) == (True, 1, T0, '"e1"')


def test_a_new_version_keeps_first_seen_and_state_survives_reopening(open_store):
    with open_store() as store:
        store.mark_written([Written("u", "h1", 1, T0, T0)])
        later = T0 + timedelta(days=1)
        store.mark_written([Written("u", "h2", 2, later, later, '"e2"')])
    with open_store() as store:
        got = store.get("u")
        assert (got.content_hash, got.version, got.first_seen, got.fetched_at, got.etag) == ("h2", 2, T0, later, '"e2"')
        assert store.get("missing") is None


def test_confirm_refreshes_an_unchanged_written_url_only(open_store):
    with open_store() as store:
        store.mark_written([Written("u", "h1", 1, T0, T0, '"old"')])
        store.saw("never-written", 200, T0)
        store.confirm("u", T0 + timedelta(hours=1), '"new"')
        store.confirm("never-written", T0 + timedelta(hours=1), '"x"')
        assert store.get("u").etag == '"new"' and store.get("u").fetched_at == T0 + timedelta(hours=1)
        assert store.get("never-written").etag is None


def test_count_and_a_response_after_writing_keeps_the_written_version(open_store):
    with open_store() as store:
        store.saw("a", 404, T0)
        store.mark_written([Written("b", "h1", 1, T0, T0, '"e"'), Written("c", "h2", 1, T0, T0)])
        assert (store.count(), store.count(written_only=True)) == (3, 2)
        store.saw("b", 500, T0 + timedelta(hours=1))
        got = store.get("b")
        assert (got.last_status, got.last_seen, got.content_hash, got.etag) == (500, T0 + timedelta(hours=1), "h1", '"e"')
        store.mark_written([Written("a", "h3", 1, T0, T0)])  # a URL seen before, written now
        store.mark_written([Written("b", "h4", 2, T0, T0)])  # written again: still one URL written
        assert (store.count(), store.count(written_only=True)) == (3, 3)


def test_runs_record_an_interrupted_run(tmp_path):
    with StateStore(tmp_path / "s.sqlite") as store:
        first = store.start_run(T0)
        store.finish_run(first, "finished", T0)
        store.start_run(T0)
        run_id, _, finished, reason = store.last_run()
        assert run_id == first + 1 and finished is None and reason is None


def test_wal_mode_and_file_safe_name(tmp_path):
    path = state_path(tmp_path, "../../etc/evil job")
    assert path.parent == tmp_path and "/" not in path.name
    StateStore(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_store_from_another_schema_version_is_refused(tmp_path):
    path = tmp_path / "s.sqlite"
    StateStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    with pytest.raises(ValueError, match="state schema 99"):
        StateStore(path)


def _row(url: str, text_hash: str, version: int, fetched: datetime, job: str = "courier") -> dict:
    from cleaners import Article

    article = Article(url=url, fetched_at=fetched, text="body", content_hash=text_hash, version=version,
                      first_seen=T0, job=job, pipeline_version="test")
    return article.to_dict()


def test_reconcile_records_rows_committed_by_an_interrupted_run(tmp_path):
    """A kill between a part's rename and the state update: the next start finds the rows in the dataset."""
    from crawler.incremental.conditional import reconcile
    from output import DatasetWriter

    later = T0 + timedelta(hours=2)
    with StateStore(tmp_path / "s.sqlite") as store:
        store.mark_written([Written("https://n.example/known", "h1", 1, T0, T0)])
        started = store.start_run(T0 + timedelta(hours=1))
        with DatasetWriter(tmp_path / "out", "articles", job="courier", worker="w1") as writer:
            writer.write(_row("https://n.example/known", "h2", 2, later))  # changed: version 2 committed
            writer.write(_row("https://n.example/new", "h9", 1, later))
            writer.write(_row("https://n.example/old", "h5", 1, T0 - timedelta(days=3)))  # before the run
            writer.write(_row("https://n.example/other-job", "h7", 1, later, job="sports"))
        _, since, finished, _ = store.last_run()
        assert started and finished is None
        assert reconcile(store, tmp_path / "out", "courier", since) == 2
        assert (store.get("https://n.example/known").version, store.get("https://n.example/known").first_seen) == (2, T0)
        assert store.get("https://n.example/new").content_hash == "h9"
        assert store.get("https://n.example/old") is None and store.get("https://n.example/other-job") is None
        assert reconcile(store, tmp_path / "out", "courier", since) == 0  # nothing left to record
        assert reconcile(store, tmp_path / "missing", "courier", since) == 0


def test_a_redis_state_of_another_schema_version_is_refused(redis_server):
    keys = CrawlKeys.of("old-state")
    RedisStateStore(redis_server.client(), keys).close()
    redis_server.client().hset(keys.state_meta, "schema_version", "99")
    with pytest.raises(ValueError, match="state schema 99"):
        RedisStateStore(redis_server.client(), keys)
