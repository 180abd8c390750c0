"""clean_html on a sample of the dirty-page corpus (benchmarks/dirty_pages.py): three pages of every
template family from each seed, held to floors a little under what the whole corpus gives.

The whole corpus and its figures per family and language are the benchmark's (benchmarks/README.md);
this sample keeps a change that breaks a family, the article's recall or the captions from passing
unnoticed, in a few seconds.
"""

from __future__ import annotations

import pytest

from benchmarks.dirtycorpus import bodies
from benchmarks.dirtycorpus.families import FAMILIES
from benchmarks.dirtycorpus.generate import make_page
from benchmarks.dirtycorpus.run import evaluate, extractor, group

try:
    bodies.shared_dir()
except FileNotFoundError:
    pytest.skip("shared benchmarks not found", allow_module_level=True)

PER_FAMILY = 3  # families take turns, so the first pages of a seed cover each family alike


@pytest.fixture(scope="module")
def results():
    pages = [make_page(seed, i) for seed in ("dev", "holdout") for i in range(PER_FAMILY * len(FAMILIES))]
    return evaluate(pages, extractor("cleancrawl", "html"))


def test_overall_floors(results):
    overall = group(results, lambda r: "all")["all"]
    assert overall.combined >= 0.97
    assert overall.recall >= 0.98
    assert overall.residue <= 0.03
    assert overall.captions_once >= 0.95


def test_no_page_loses_its_article(results):
    worst = min(results, key=lambda r: r.score.recall)
    assert worst.score.recall >= 0.9, worst.page.id


def test_every_family_holds(results):
    for family, score in group(results, lambda r: r.page.family).items():
        assert score.combined >= 0.9, family
