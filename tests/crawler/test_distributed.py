"""A distributed crawl that stays correct: two workers, a real redis-server, a local site, three runs.

One crawl NAME with its state in Redis (`--state redis://…`), over 120 stories and 12 near-copies of
them on another part of the site:

- run 1: worker `a` seeds the list itself and is SIGKILLed mid-run while it holds pages and site leases,
  then started again with the same list; worker `b` works throughout. Every page is written exactly once,
  every copy is grouped with its original whichever worker wrote either, the site never has more
  requests in flight than CONCURRENT_REQUESTS_PER_DOMAIN, and the dead worker blocks it no longer than
  the heartbeat.
- run 2 (`seed --new-run`, fresh workers): every URL is requested again, conditionally; nothing is written.
- run 3, after 3 stories changed: exactly those 3 are written, as version 2.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from crawler.redis.keys import CrawlKeys
from tests.conftest import ROOT, run_cli
from tests.crawler.redis_helpers import SharedSite, Visit, article_html, write_copies, write_site

STORIES = 120
COPIED = list(range(0, STORIES, 10))  # 12 stories re-published under mirror/
CHANGED = (10, 55, 105)  # edited before run 3 (story 10 has a copy)
NAME = "daily"
PER_SITE = 4  # CONCURRENT_REQUESTS_PER_DOMAIN: for the whole crawl, as the site sees it
HEARTBEAT = 3.0
WORKER_SETTINGS = ("--allow-private", "--workers", "0", "--timeout", "30", "-s", "RETRY_TIMES=0",
                   "-s", "AUTOTHROTTLE_ENABLED=False", "-s", f"CONCURRENT_REQUESTS_PER_DOMAIN={PER_SITE}",
                   "-s", "CLEANCRAWL_REDIS_IDLE_CLOSE=1", "-s", f"CLEANCRAWL_REDIS_HEARTBEAT={HEARTBEAT}",
                   "-s", "CLEANCRAWL_ROLL_ROWS=8", "-s", "CLEANCRAWL_PROGRESS_INTERVAL=3600")


@dataclass
class Run:
    """What one run left: the site's visits during it, and each worker's (exit code, stdout, stderr)."""

    visits: list[Visit]
    workers: dict[str, tuple[int, str, str]]


@dataclass
class Crawl:
    """The three runs of the crawl, the site, the dataset folder and what run 1's kill found."""

    site: SharedSite
    urls: dict[str, str]  # path -> URL, every page of the list
    out: Path
    runs: dict[int, Run]
    held_at_kill: int  # pages the killed worker held (ledger entries)
    leases_at_kill: dict[bytes, int]  # the killed worker's site leases -> when each expires (ms, Redis's clock)
    killed_at: tuple[float, int]  # time.monotonic() and Redis's clock (ms) right after the kill
    seed_output: dict[int, str]


def worker(redis_url: str, out: Path, name: str, urls: Path | None = None) -> subprocess.Popen:
    """`cleancrawl crawl [URLS] --redis … --state redis://…` as worker `name`."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.Popen([sys.executable, "-m", "crawler.cli", "crawl", *([str(urls)] if urls else []),
                             "--redis", redis_url, "--state", redis_url, "--name", NAME, "--out", str(out),
                             *WORKER_SETTINGS, "-s", f"CLEANCRAWL_WORKER={name}"],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def finish(procs: dict[str, subprocess.Popen], timeout: float = 150) -> dict[str, tuple[int, str, str]]:
    """Each worker's exit code, stdout and stderr (killed at the deadline)."""
    done = {}
    for name, proc in procs.items():
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
        done[name] = (proc.returncode, out.decode(errors="replace"), err.decode(errors="replace"))
    return done


def seed(redis_url: str, urls: Path, *options: str) -> str:
    proc = run_cli("seed", str(urls), "--redis", redis_url, "--name", NAME, *options)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    return proc.stdout.decode()


@pytest.fixture(scope="module")
def crawl(redis_server, tmp_path_factory) -> Crawl:
    root = tmp_path_factory.mktemp("site")
    paths = write_site(root, STORIES) + write_copies(root, COPIED)
    out = tmp_path_factory.mktemp("dataset")
    client = redis_server.client()
    run1 = CrawlKeys.of(NAME).of_run(1)
    # run 1's pages are slow enough that the second worker is at work well before the crawl ends
    with SharedSite(root, delay=0.3) as site:
        urls = {p: site.url(p) for p in paths}
        url_file = root.parent / "stories.txt"
        url_file.write_text("".join(u + "\n" for u in urls.values()))
        runs: dict[int, Run] = {}

        # run 1: `a` seeds and works, `b` joins; `a` is killed while it holds pages and site leases, then
        # started again
        a = worker(redis_server.url, out, "a", url_file)
        deadline = time.monotonic() + 90
        while not (any(v.startswith(b"a\t") for v in client.hvals(run1.inflight)) and len(site.pages()) >= 30) \
                and a.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        b = worker(redis_server.url, out, "b")
        site_key, lease_of_a = CrawlKeys.of(NAME).site("127.0.0.1"), f"a:{a.pid}:".encode()
        while not (any(v.startswith(b"b\t") for v in client.hvals(run1.inflight))
                   and any(t.startswith(lease_of_a) for t in client.hkeys(site_key))) and time.monotonic() < deadline:
            time.sleep(0.01)
        held = sum(v.startswith(b"a\t") for v in client.hvals(run1.inflight))
        a.send_signal(signal.SIGKILL)
        seconds, micros = client.time()
        killed_at = (time.monotonic(), seconds * 1000 + micros // 1000)
        leases = {t: int(v) for t, v in client.hgetall(site_key).items() if t.startswith(lease_of_a)}
        killed = finish({"a-killed": a})
        again = worker(redis_server.url, out, "a", url_file)
        done = killed | finish({"a": again, "b": b})
        runs[1] = Run(site.pages(), done)

        # run 2: a new run of the unchanged site, with fresh workers
        site.delay = 0.05
        seeded = {2: seed(redis_server.url, url_file, "--new-run")}
        before = len(site.visits)
        done = finish({"c": worker(redis_server.url, out, "c"), "d": worker(redis_server.url, out, "d")})
        runs[2] = Run(site.pages(before), done)

        # run 3: three stories changed on the site
        for n in CHANGED:
            (root / f"news/story-{n:04d}.html").write_text(article_html(n, extra=f"Update: story {n} was "
                                                           "corrected after the council meeting on Monday."))
        seeded[3] = seed(redis_server.url, url_file, "--new-run")
        before = len(site.visits)
        done = finish({"e": worker(redis_server.url, out, "e"), "f": worker(redis_server.url, out, "f")})
        runs[3] = Run(site.pages(before), done)
        return Crawl(site, urls, out, runs, held, leases, killed_at, seeded)


def rows(crawl: Crawl, run: int) -> list[dict]:
    """The article rows a run wrote, with the worker that wrote each (from its part file's name)."""
    found = duckdb.sql(f"select url, version, first_seen, dup_group, duplicate_of, run, filename from "
                       f"read_parquet('{crawl.out}/articles/**/*.parquet', filename=true) where run = {run}")
    out = []
    for url, version, first_seen, group, duplicate_of, got_run, filename in found.fetchall():
        writer = Path(filename).name[len(f"part-{NAME}-"):].rsplit("-", 1)[0]
        out.append({"url": url, "version": version, "first_seen": first_seen, "dup_group": group,
                    "duplicate_of": duplicate_of, "run": got_run, "worker": writer})
    return out


def test_every_worker_ended_cleanly_but_the_killed_one(crawl):
    for run in crawl.runs.values():
        for name, (code, _, err) in run.workers.items():
            assert code == (-signal.SIGKILL if name == "a-killed" else 0), (name, err[-4000:])


def test_run_1_writes_every_page_exactly_once_although_a_worker_was_killed(crawl):
    written = rows(crawl, 1)
    assert sorted(r["url"] for r in written) == sorted(crawl.urls.values())  # nothing lost, nothing twice
    assert {r["version"] for r in written} == {1}
    assert crawl.held_at_kill > 0, "the killed worker held no page: the test proved nothing"
    # the restarted worker continued run 1: its list was all seen, and only the pages in flight at the
    # kill were fetched a second time
    assert "0 new URLs, 132 seen before" in crawl.runs[1].workers["a"][2]
    fetched = Counter(v.path for v in crawl.runs[1].visits)
    assert set(fetched) == {"/" + p for p in crawl.urls} and max(fetched.values()) <= 2
    assert sum(fetched.values()) - len(crawl.urls) <= crawl.held_at_kill + 4


def test_the_site_never_has_more_requests_in_flight_than_the_limit_for_the_whole_crawl(crawl):
    assert crawl.site.max_in_flight <= PER_SITE
    # the limit binds: with twice PER_SITE requests allowed across the two workers, a crawl without shared
    # politeness sends more at once
    busiest = max(sum(v.start <= w.start < v.end for v in crawl.runs[1].visits) for w in crawl.runs[1].visits)
    assert busiest >= PER_SITE - 1


def test_a_killed_worker_blocks_the_site_no_longer_than_the_heartbeat(crawl):
    assert crawl.leases_at_kill, "the killed worker held no lease on the site: the test proved nothing"
    killed_monotonic, killed_redis = crawl.killed_at
    assert max(crawl.leases_at_kill.values()) - killed_redis <= HEARTBEAT * 1000  # they lapse by themselves
    starts = sorted(v.start for v in crawl.runs[1].visits if v.start > killed_monotonic)
    assert starts and starts[0] - killed_monotonic <= HEARTBEAT + 2, "the site stayed blocked after the kill"


def test_every_near_copy_is_grouped_with_its_original_whichever_worker_wrote_it(crawl):
    by_url = {r["url"]: r for r in rows(crawl, 1)}
    crossed = 0
    for n in COPIED:
        story, copy = by_url[crawl.urls[f"news/story-{n:04d}.html"]], by_url[crawl.urls[f"mirror/copy-{n:04d}.html"]]
        assert story["dup_group"] == copy["dup_group"], (story, copy)
        first, second = sorted((story, copy), key=lambda r: r["duplicate_of"] is not None)
        assert first["duplicate_of"] is None and second["duplicate_of"] == first["url"]
        crossed += story["worker"] != copy["worker"]
    assert crossed > 0, "every copy was written by its original's worker: cross-worker grouping untested"
    groups = Counter(r["dup_group"] for r in by_url.values())
    assert len(groups) == STORIES and sorted(groups.values()).count(2) == len(COPIED)  # no false groups


def test_run_2_revisits_every_url_conditionally_and_writes_nothing(crawl):
    assert "run 2 started (run 1 left 0 queued and 0 in flight): 132 URLs queued, 0 seen before" in crawl.seed_output[2]
    assert rows(crawl, 2) == []
    visits = crawl.runs[2].visits
    assert sorted(v.path for v in visits) == sorted("/" + p for p in crawl.urls)  # each page once
    assert all(v.conditional and v.status == 304 for v in visits)
    for name in ("c", "d"):
        _, summary, _ = crawl.runs[2].workers[name]
        assert "run:              2" in summary and "articles written: 0" in summary


def test_run_3_writes_exactly_the_three_changed_pages_as_version_2(crawl):
    first = {r["url"]: r for r in rows(crawl, 1)}
    written = rows(crawl, 3)
    changed = {crawl.urls[f"news/story-{n:04d}.html"] for n in CHANGED}
    assert {r["url"] for r in written} == changed and len(written) == 3
    for r in written:
        assert r["version"] == 2 and r["first_seen"] == first[r["url"]]["first_seen"]
        assert r["dup_group"] == first[r["url"]]["dup_group"]  # the new version stays in its group
    assert sum(v.status == 200 for v in crawl.runs[3].visits) == 3


def test_the_shared_state_holds_every_url_and_only_the_last_run_has_a_frontier(crawl, redis_server):
    client = redis_server.client()
    keys = CrawlKeys.of(NAME)
    assert client.hlen(keys.state) == len(crawl.urls) and client.get(keys.run) == b"3"
    runs = {k.decode().split(":")[3] for k in client.scan_iter(match=f"{keys.prefix}:run:*")}
    assert runs <= {"3"}
    assert client.zcard(keys.of_run(3).requests) == 0 and client.hlen(keys.of_run(3).inflight) == 0


def test_the_report_shows_what_each_run_wrote(crawl):
    proc = run_cli("report", str(crawl.out), "--text")
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    text = proc.stdout.decode()
    section = text[text.index("Per run"):].split("\n\n")[0]
    assert "run 1  132 / 0" in section and "run 3    3 / 0" in section and "run 2" not in section
