"""The near-duplicate index: groups on real cleaned pages, persistence across instances, crash safety, races.

The interface tests run against both backends: SQLite in a folder (`DedupIndex`) and Redis (`RedisDedupIndex`).
"""

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from cleaners import clean_html, clean_text, near_dup
from cleaners.chain import content_hash
from crawler.dedup.index import FILENAME, DedupIndex
from crawler.dedup.redis_index import RedisDedupIndex
from crawler.redis.keys import CrawlKeys

DATA = Path(__file__).resolve().parents[1] / "data"

TEMPLATE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title} | Metro Daily</title></head>
<body><header><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a>
<a href="/opinion">Opinion</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article><h1>{title}</h1><p class="byline">By Staff Reporter</p>{body}</article>
<aside><h2>Most read</h2><ul><li><a href="/a1">Heat wave expected to last through the weekend across the region</a></li>
<li><a href="/a2">Local bakery wins national award for its sourdough bread recipe</a></li>
<li><a href="/a3">School board announces new start times for the autumn term</a></li></ul></aside></main>
<footer><p>Sign up for our newsletter to get the day's top stories from the city delivered to your inbox every morning.</p>
<p>Copyright 2024 Metro Daily Media Group. All rights reserved. Terms of use, privacy policy and cookie settings.</p>
</footer></body></html>"""


def in_template(name: str) -> str:
    """An article from tests/data/dedup rendered in the shared page template."""
    title, *paragraphs = [p for p in (DATA / "dedup" / name).read_text(encoding="utf-8").split("\n\n") if p]
    return TEMPLATE.format(title=title, body="".join(f"<p>{p.strip()}</p>" for p in paragraphs))


@pytest.fixture(params=["sqlite", "redis"])
def open_index(request, tmp_path):
    """Opens the same index again on each call: SQLite in tmp_path, or one crawl's keys on a real redis-server."""
    if request.param == "sqlite":
        return lambda: DedupIndex(tmp_path)
    server = request.getfixturevalue("redis_server")
    keys = CrawlKeys.of(f"dedup-{uuid.uuid4().hex[:8]}").dedup
    return lambda: RedisDedupIndex(server.client(), keys)


@pytest.fixture(scope="module")
def seed_pair(seed_fixtures):
    page = clean_html((seed_fixtures / "seed_page.html").read_bytes(), url="http://127.0.0.1/news/pompeo.html")
    dump = clean_text((seed_fixtures / "seed.txt").read_text(encoding="utf-8"), url="http://127.0.0.1/dump/seed.txt")
    return page, dump


def test_seed_page_and_its_text_dump_form_one_group(seed_pair, open_index):
    page, dump = seed_pair
    with open_index() as index:
        first = index.assign(page.url, page.text, page.content_hash)
        second = index.assign(dump.url, dump.text, dump.content_hash)
    assert first.duplicate_of is None and first.dup_group == page.content_hash
    assert second.dup_group == first.dup_group
    assert second.duplicate_of == page.url


def test_different_articles_in_the_same_template_are_not_grouped(open_index):
    budget = clean_html(in_template("council_budget.txt"), url="http://127.0.0.1/city/budget")
    strike = clean_html(in_template("council_strike.txt"), url="http://127.0.0.1/city/strike")
    assert "fourteen new bus routes" in budget.text and "authorise a strike" in strike.text
    with open_index() as index:
        a = index.assign(budget.url, budget.text, budget.content_hash)
        b = index.assign(strike.url, strike.text, strike.content_hash)
    assert a.dup_group != b.dup_group
    assert b.duplicate_of is None and b.match == "new"


def test_exact_copy_under_another_url_points_at_the_first(seed_pair, open_index):
    page, _ = seed_pair
    with open_index() as index:
        index.assign(page.url, page.text, page.content_hash)
        again = index.assign("http://127.0.0.1/mirror/1", page.text, page.content_hash)
        same_url = index.assign(page.url, page.text, page.content_hash)
        assert len(index) == 1
    assert again.match == "exact" and again.duplicate_of == page.url
    assert same_url.duplicate_of is None  # the first URL seen again (a re-crawl) is still the first


def test_a_copy_found_by_a_later_run_points_at_the_earlier_row(seed_pair, open_index):
    page, dump = seed_pair
    # The cleaners make the dump's text equal to the page's; one added sentence keeps this a near copy.
    near = dump.text + "\n\nThe talks will resume next month, officials said."
    with open_index() as today:
        first = today.assign(page.url, page.text, page.content_hash)
    with open_index() as next_week:
        later = next_week.assign(dump.url, near, content_hash(near))
        assert len(next_week) == 2
    assert later.dup_group == first.dup_group and later.duplicate_of == page.url and later.match == "near"


def test_the_sqlite_index_lives_in_the_state_folder(tmp_path, seed_pair):
    page, _ = seed_pair
    with DedupIndex(tmp_path) as index:
        index.assign(page.url, page.text, page.content_hash)
    assert (tmp_path / FILENAME).is_file()


def test_empty_text_is_refused_and_the_batch_survives(seed_pair, open_index):
    page, _ = seed_pair
    with open_index() as index:
        index.assign(page.url, page.text, page.content_hash)
        with pytest.raises(ValueError, match="non-empty text"):
            index.assign("http://127.0.0.1/empty", "  \n ")
    with open_index() as again:
        assert len(again) == 1


def test_index_built_with_other_parameters_is_refused(tmp_path):
    DedupIndex(tmp_path).close()
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("UPDATE meta SET value = '64' WHERE key = 'num_perm'")
    db.close()
    with pytest.raises(ValueError, match="num_perm"):
        DedupIndex(tmp_path)


def test_a_redis_index_built_with_other_parameters_is_refused(redis_server):
    keys = CrawlKeys.of("dedup-params").dedup
    RedisDedupIndex(redis_server.client(), keys).close()
    redis_server.client().hset(keys.meta, "num_perm", "64")
    with pytest.raises(ValueError, match="num_perm"):
        RedisDedupIndex(redis_server.client(), keys)


def test_two_workers_recording_near_copies_at_once_end_in_one_group(redis_server, seed_pair):
    """Both look before either records: the second one's record is refused, it looks again and joins the first."""
    page, dump = seed_pair
    near = dump.text + "\n\nThe talks will resume next month, officials said."
    keys = CrawlKeys.of("dedup-race").dedup
    a, b = RedisDedupIndex(redis_server.client(), keys), RedisDedupIndex(redis_server.client(), keys)
    sketch_a, sketch_b = near_dup.sketch(page.text), near_dup.sketch(near)
    group_a, seen_a = a.look_up(page.content_hash, sketch_a)
    group_b, seen_b = b.look_up(content_hash(near), sketch_b)
    assert group_a is None and group_b is None  # neither sees the other yet
    first = a.record(page.url, page.content_hash, sketch_a, group_a, seen_a)
    assert first.match == "new"
    assert b.record(dump.url, content_hash(near), sketch_b, group_b, seen_b) is None  # refused: look again
    second = b.assign(dump.url, near, content_hash(near), sketch=sketch_b)
    assert second.dup_group == first.dup_group and second.duplicate_of == page.url and second.match == "near"
    assert len(a) == 2


def test_a_redis_band_lists_a_bounded_number_of_texts(redis_server, seed_pair):
    from crawler.dedup.redis_index import MAX_CANDIDATES

    page, _ = seed_pair
    keys = CrawlKeys.of("dedup-hot-band").dedup
    with RedisDedupIndex(redis_server.client(), keys) as index:
        sketch = near_dup.sketch(page.text)
        for n in range(MAX_CANDIDATES + 5):  # distinct texts (by hash) that share every band: a leaked template
            index.record(f"http://127.0.0.1/{n}", f"hash-{n}", sketch, None, n)
        longest = max(len(v.split()) for v in redis_server.client().hvals(keys.bands))
        assert longest == MAX_CANDIDATES
        assert index.assign("http://127.0.0.1/copy", page.text + " More.", sketch=sketch).match == "near"


WRITER = """
import sys
from crawler.dedup.index import DedupIndex
index = DedupIndex(sys.argv[1], commit_every=10, commit_seconds=3600)
words = open(sys.argv[2], encoding="utf-8").read().split()
for i in range(100_000):
    text = " ".join(words[i % 50:] + [str(i)] * 3 + words[:i % 50])
    index.assign(f"http://127.0.0.1/{i}", text)
    if i == 50:
        print("writing", flush=True)
"""


def test_killed_writer_leaves_a_consistent_index(tmp_path):
    source = DATA / "dedup" / "council_budget.txt"
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(tmp_path), str(source)],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "writing"
        time.sleep(0.3)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    db = sqlite3.connect(tmp_path / FILENAME)
    assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    texts = db.execute("SELECT count(*) FROM texts").fetchone()[0]
    orphans = db.execute("SELECT count(*) FROM texts WHERE group_id NOT IN (SELECT id FROM groups)").fetchone()[0]
    db.close()
    assert texts >= 50 and texts % 10 == 0 and orphans == 0  # whole batches only
    with DedupIndex(tmp_path) as index:  # reopens and keeps going
        assert len(index) == texts
        fresh = (DATA / "dedup" / "council_strike.txt").read_text(encoding="utf-8")
        grouping = index.assign("http://127.0.0.1/new", fresh)
        assert grouping.match == "new" and grouping.duplicate_of is None
        assert len(index) == texts + 1
