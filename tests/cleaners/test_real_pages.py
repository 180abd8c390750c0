"""clean_html keeps the article on real pages: both shared benchmarks, scored by their own metric.

The synthetic pages and the seed show what each step removes; only real pages show that the steps
together leave the article. Each set must hold a floor on recall and F1 (the benchmark's scorer,
imported from `../shared/benchmarks/score_extraction.py`, not re-implemented), a few points under
what the chain reaches (figures and their dates: benchmarks/README.md), so that a step deleting real
paragraphs fails here. And no page may lose its article: where bare trafilatura keeps most of a
page's text, we must keep at least half of it (a lost paragraph is a big fault, a leftover line of
chrome a small one). Bare trafilatura runs only on the pages we score low on, and the pages are
cleaned by two processes, to keep this quick on a loaded 2-core machine.
"""

from __future__ import annotations

import gzip
import importlib.util
import json
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType

import pytest
import trafilatura

from cleaners import clean_html
from tests.conftest import shared_folder

# (set, F1 floor, recall floor). The readability set's truth is Readability.js's own output, captions
# and short furniture included (its README), so its precision and F1 sit lower for any strict cleaner.
FLOORS = [("scrapinghub", 0.95, 0.95), ("readability", 0.90, 0.87)]
LOST = 0.5  # page recall under this: the article is lost …
KEPT_BY_TRAFILATURA = 0.8  # … when bare trafilatura kept at least this much of the same page


def _scorer() -> ModuleType:
    """The shared benchmarks' scorer (standard library only), loaded from its file."""
    path = shared_folder("benchmarks") / "score_extraction.py"
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec and spec.loader, f"cannot load {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages(folder: Path) -> list[tuple[str, str, bytes]]:
    """(id, url, raw HTML) of every page of a benchmark folder, sorted by id."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = [(path.name.split(".")[0], path) for path in sorted((folder / "html").glob("*.html.gz"))]
    return [(pid, truth[pid]["url"], gzip.decompress(path.read_bytes())) for pid, path in pages]


def _text(page: tuple[str, str, bytes]) -> str:
    """The text clean_html keeps of one page (run in a worker process)."""
    _pid, url, html = page
    return clean_html(html, url=url).text


@pytest.fixture(scope="module")
def cleaned_text():
    """f(pages) -> their clean texts, from two processes (spawned: the test process may run server threads)."""
    with ProcessPoolExecutor(2, mp_context=multiprocessing.get_context("spawn")) as pool:
        yield lambda pages: list(pool.map(_text, pages, chunksize=8))


@pytest.fixture(scope="module")
def scorer() -> ModuleType:
    return _scorer()


@pytest.fixture(scope="module")
def scored(scorer, cleaned_text):
    """Clean every page of a set once (bytes in, as a crawl hands them over); per set: truth, pages, metrics."""
    cache: dict[str, dict] = {}

    def score(name: str) -> dict:
        if name not in cache:
            folder = shared_folder(f"benchmarks/{name}")
            truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
            pages = _pages(folder)
            assert len(pages) == len(truth) >= 100, f"{folder}: {len(pages)} pages for {len(truth)} truths"
            predictions = dict(zip([pid for pid, _, _ in pages], cleaned_text(pages), strict=True))
            metrics, by_id = scorer.score(truth, predictions, n_bootstrap=0)
            cache[name] = {"truth": truth, "pages": pages, "metrics": metrics, "by_id": by_id}
        return cache[name]

    return score


@pytest.mark.parametrize(("name", "f1_floor", "recall_floor"), FLOORS, ids=[f[0] for f in FLOORS])
def test_recall_and_f1_stay_above_the_floor(scored, name, f1_floor, recall_floor):
    metrics = scored(name)["metrics"]
    got = f"{name}: F1 {metrics['f1']:.3f}, precision {metrics['precision']:.3f}, recall {metrics['recall']:.3f}"
    assert metrics["recall"] >= recall_floor, f"{got}; recall floor {recall_floor}"
    assert metrics["f1"] >= f1_floor, f"{got}; F1 floor {f1_floor}"


@pytest.mark.parametrize("name", [f[0] for f in FLOORS])
def test_no_page_loses_the_article_bare_trafilatura_keeps(scorer, scored, name):
    result = scored(name)
    truth, by_id = result["truth"], result["by_id"]
    lost = []
    for pid, url, html in result["pages"]:
        ours = scorer.page_recall(*by_id[pid])
        if ours >= LOST:
            continue
        reference = trafilatura.extract(html, include_comments=False) or ""
        theirs = scorer.page_recall(*scorer.page_counts(truth[pid]["articleBody"], reference))
        if theirs >= KEPT_BY_TRAFILATURA:
            lost.append(f"{pid} ({url}): recall {ours:.2f}, bare trafilatura {theirs:.2f}")
    assert lost == [], f"{name}: pages whose article clean_html lost:\n" + "\n".join(lost)
