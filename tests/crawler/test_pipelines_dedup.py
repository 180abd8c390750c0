"""DedupPipeline built from settings the way Scrapy builds it: flag, drop, state directory."""

from pathlib import Path

import pytest
from scrapy.exceptions import DropItem
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from cleaners import clean_text
from crawler.dedup.index import FILENAME
from crawler.dedup.pipeline import DedupPipeline

DATA = Path(__file__).resolve().parents[1] / "data"


def article(name: str, url: str):
    return clean_text((DATA / "dedup" / name).read_text(encoding="utf-8"), url=url)


def pipeline(**settings) -> DedupPipeline:
    crawler = get_crawler(settings_dict=settings)
    crawler.stats.open_spider()
    built = build_from_crawler(DedupPipeline, crawler)
    built.open_spider()
    return built


def test_flag_policy_writes_every_row_and_marks_the_copy():
    pipe = pipeline()
    first = pipe.process_item(article("council_budget.txt", "http://127.0.0.1/a"))
    copy = pipe.process_item(article("council_budget.txt", "http://127.0.0.1/b"))
    other = pipe.process_item(article("council_strike.txt", "http://127.0.0.1/c"))
    pipe.close_spider()
    assert first.duplicate_of is None and first.dup_group == first.content_hash
    assert copy.dup_group == first.dup_group and copy.duplicate_of == "http://127.0.0.1/a"
    assert other.dup_group != first.dup_group and other.duplicate_of is None
    assert pipe.stats.get_value("cleancrawl/dedup/exact") == 1
    assert pipe.stats.get_value("cleancrawl/dropped/near_duplicate") is None


def test_drop_policy_keeps_only_the_first_and_counts_the_rest():
    pipe = pipeline(DEDUP_POLICY="drop")
    kept = pipe.process_item(article("council_budget.txt", "http://127.0.0.1/a"))
    edited = article("council_budget.txt", "http://127.0.0.1/b")
    edited.text = edited.text.replace("fourteen", "fifteen").replace("Wednesday", "Thursday")
    edited.content_hash = edited.sketch = None  # the edit changes the text: a near copy, not an exact one
    with pytest.raises(DropItem, match="near_duplicate"):
        pipe.process_item(edited)
    with pytest.raises(DropItem, match="near_duplicate"):
        pipe.process_item(article("council_budget.txt", "http://127.0.0.1/c"))
    assert kept.duplicate_of is None
    assert pipe.stats.get_value("cleancrawl/dropped/near_duplicate") == 2
    assert pipe.stats.get_value("cleancrawl/dedup/near") == 1


def test_state_dir_keeps_the_index_for_the_next_run(tmp_path):
    first_run = pipeline(CLEANCRAWL_STATE_DIR=str(tmp_path))
    first_run.process_item(article("council_budget.txt", "http://127.0.0.1/today"))
    first_run.close_spider()
    assert (tmp_path / "dedup" / FILENAME).is_file()
    next_run = pipeline(CLEANCRAWL_STATE_DIR=str(tmp_path))
    copy = next_run.process_item(article("council_budget.txt", "http://127.0.0.1/next-week"))
    next_run.close_spider()
    assert copy.duplicate_of == "http://127.0.0.1/today"


def test_items_that_are_not_articles_pass_through():
    pipe = pipeline()
    item = {"url": "http://127.0.0.1/x", "reason": "http_404"}
    assert pipe.process_item(item) is item
    pipe.close_spider()


def test_unknown_policy_is_refused_when_built():
    with pytest.raises(ValueError, match="DEDUP_POLICY"):
        pipeline(DEDUP_POLICY="delete")


def test_the_sketch_computed_with_the_cleaning_is_the_one_the_index_uses():
    budget = article("council_budget.txt", "http://127.0.0.1/a")
    strike = article("council_strike.txt", "http://127.0.0.1/b")
    assert budget.sketch is not None and strike.sketch is not None  # clean_text computed them
    pipe = pipeline()
    pipe.process_item(budget)
    # a different text carrying the budget's sketch: only the precomputed sketch can make it a near copy
    strike.sketch = budget.sketch
    marked = pipe.process_item(strike)
    pipe.close_spider()
    assert marked.duplicate_of == "http://127.0.0.1/a"
    assert pipe.stats.get_value("cleancrawl/dedup/near") == 1


def test_an_article_without_a_sketch_is_sketched_by_the_index():
    pipe = pipeline()
    pipe.process_item(article("council_budget.txt", "http://127.0.0.1/a"))
    edited = article("council_budget.txt", "http://127.0.0.1/b")
    edited.text = edited.text.replace("fourteen", "fifteen")
    edited.content_hash = edited.sketch = None  # e.g. an Article made without the cleaning chain
    marked = pipe.process_item(edited)
    pipe.close_spider()
    assert marked.duplicate_of == "http://127.0.0.1/a"
    assert pipe.stats.get_value("cleancrawl/dedup/near") == 1
