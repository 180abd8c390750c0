#!/usr/bin/env python3
"""Extraction quality and speed: bare trafilatura (default, fast) against our `clean_html`, one run.

Usage (from the repo root):
    .venv/bin/python benchmarks/extraction.py [--runs 5] [--interleave loop|page] [--data DIR] [--out DIR] [--per-doc]

Scores each extractor on the 181-page Scrapinghub benchmark with the benchmark's own metric
(`score_extraction.py`), then times `--runs` rounds in this one process. In a round each extractor
runs the whole page loop once, as the shared `run_extractor.py` times them and as a cleaning worker
runs (page after page of the same code), the order rotating from round to round; every page's CPU
time is recorded. The ratio to bare `trafilatura.extract(html, include_comments=False)` compares the
sums of each page's fastest time over the rounds (timeit's rule: the fastest run is the one the
shared machine disturbed least; on this 2-core VM whole loops vary by up to 50% between rounds).
The ratio of the median loops is printed too. `--interleave page` alternates the extractors page by
page instead (every extractor then runs with the others' data in the CPU caches, which costs ours
more). Speed is CPU seconds of this process (`time.process_time`); wall-clock ratios of the median
loops are printed too. Predictions go to OUT/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os  # noqa: E402
import statistics
import sys
import time
from pathlib import Path


def shared_benchmarks() -> Path:
    """../shared/benchmarks next to the repo (or a worktree's parents); $CLEANCRAWL_SHARED_BENCHMARKS wins."""
    if os.environ.get("CLEANCRAWL_SHARED_BENCHMARKS"):
        return Path(os.environ["CLEANCRAWL_SHARED_BENCHMARKS"])
    for parent in Path(__file__).resolve().parents[1:]:
        candidate = parent.parent / "shared" / "benchmarks"
        if (candidate / "score_extraction.py").exists():
            return candidate
    raise SystemExit("shared benchmarks not found: set CLEANCRAWL_SHARED_BENCHMARKS")


sys.path.insert(0, str(shared_benchmarks()))

import run_extractor  # noqa: E402  (shared benchmark helpers, found via sys.path above)
import score_extraction  # noqa: E402

NAMES = ("trafilatura", "trafilatura_no_fallback", "cleancrawl")
LABELS = {"trafilatura": "trafilatura default", "trafilatura_no_fallback": "trafilatura fast",
          "cleancrawl": "cleancrawl clean_html"}


def main(argv: list[str] | None = None) -> int:
    """Run, score and time the extractors; print one table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="timed rounds (after a scoring pass)")
    ap.add_argument("--interleave", choices=("loop", "page"), default="loop",
                    help="alternate the extractors loop by loop (default) or page by page")
    ap.add_argument("--data", type=Path, default=run_extractor.DEFAULT_DATA, help="benchmark folder")
    ap.add_argument("--out", type=Path, default=Path("/tmp/cleancrawl-extraction"), help="predictions folder")
    ap.add_argument("--per-doc", action="store_true", help="also list our 15 worst pages")
    args = ap.parse_args(argv)
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    pages = run_extractor.load_pages(args.data)
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    args.out.mkdir(parents=True, exist_ok=True)
    extractors = {name: run_extractor.make_extractor(name) for name in NAMES}
    metrics, by_doc = {}, {}
    for name, fn in extractors.items():  # first pass: predictions and scores (also the warm-up)
        preds = {pid: {"articleBody": fn(html, url)} for pid, url, html in pages}
        (args.out / f"{name}.json").write_text(json.dumps(preds, ensure_ascii=False), encoding="utf-8")
        texts = {pid: p["articleBody"] for pid, p in preds.items()}
        metrics[name], by_doc[name] = score_extraction.score(truth, texts, n_bootstrap=200)

    cpu, wall, fastest = _time_rounds(extractors, pages, args.runs, args.interleave)
    print(f"{len(pages)} pages, {args.runs} timed rounds, interleaved {args.interleave} by {args.interleave}; "
          "ratio = trafilatura default's CPU time / the extractor's, each page at its fastest round")
    print(f"| {'extractor':<22} | {'F1':>5} | {'precision':>9} | {'recall':>6} | {'docs/s (CPU)':>12} | "
          f"{'ratio':>5} | {'median-loop ratio':>17} | {'wall ratio':>10} | errors |")
    print(f"|{'-' * 24}|{'-' * 7}|{'-' * 11}|{'-' * 8}|{'-' * 14}|{'-' * 7}|{'-' * 19}|{'-' * 12}|--------|")
    for name in NAMES:
        m = metrics[name]
        print(f"| {LABELS[name]:<22} | {m['f1']:.3f} | {m['precision']:9.3f} | {m['recall']:6.3f} | "
              f"{len(pages) / sum(fastest[name]):12.1f} | {sum(fastest['trafilatura']) / sum(fastest[name]):5.2f} | "
              f"{_median_ratio(cpu, name):17.2f} | {_median_ratio(wall, name):10.2f} | {extractors[name].errors:>6} |")
    for label, table in (("cpu", cpu), ("wall", wall)):
        print(f"{label} seconds per loop: " + "; ".join(f"{n} {' '.join(f'{s:.2f}' for s in table[n])}" for n in NAMES))
    if args.per_doc:
        _print_worst(by_doc["cleancrawl"], truth)
    return 0


def _time_rounds(extractors: dict, pages: list, runs: int, interleave: str) -> tuple[dict, dict, dict]:
    """(CPU seconds per loop, wall seconds per loop, each page's fastest CPU seconds) of every extractor."""
    names = list(extractors)
    cpu: dict[str, list[float]] = {name: [] for name in names}
    wall: dict[str, list[float]] = {name: [] for name in names}
    fastest = {name: [float("inf")] * len(pages) for name in names}

    def run(name: str, i: int, url: str, html: str) -> tuple[float, float]:
        c0, w0 = time.process_time(), time.perf_counter()
        extractors[name](html, url)
        c, w = time.process_time() - c0, time.perf_counter() - w0
        fastest[name][i] = min(fastest[name][i], c)
        return c, w

    for r in range(runs):
        order = names[r % len(names):] + names[:r % len(names)]  # rotate who goes first
        spent = {name: [0.0, 0.0] for name in names}
        if interleave == "loop":
            jobs = [(name, i, url, html) for name in order for i, (_pid, url, html) in enumerate(pages)]
        else:
            jobs = [(name, i, url, html) for i, (_pid, url, html) in enumerate(pages)
                    for name in order[i % len(names):] + order[:i % len(names)]]
        for name, i, url, html in jobs:
            c, w = run(name, i, url, html)
            spent[name][0] += c
            spent[name][1] += w
        for name in names:
            cpu[name].append(spent[name][0])
            wall[name].append(spent[name][1])
    return cpu, wall, fastest


def _median_ratio(seconds: dict[str, list[float]], name: str) -> float:
    """trafilatura default's median loop seconds / this extractor's."""
    return statistics.median(seconds["trafilatura"]) / statistics.median(seconds[name])


def _print_worst(by_doc: dict, truth: dict) -> None:
    rows = []
    for pid, counts in by_doc.items():
        p, r = score_extraction.page_precision(*counts), score_extraction.page_recall(*counts)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, pid))
    print("\ncleancrawl: worst 15 pages by F1")
    for f1, p, r, pid in sorted(rows)[:15]:
        print(f"{f1:5.2f} {p:5.2f} {r:5.2f}  {pid[:10]}  {truth[pid].get('url', '')}")


if __name__ == "__main__":
    sys.exit(main())
