#!/usr/bin/env python3
"""Extraction quality and speed: bare trafilatura (default, fast) against our `clean_html`, one run.

Usage (from the repo root):
    .venv/bin/python benchmarks/extraction.py [--runs 3] [--data DIR] [--out DIR] [--per-doc]

Scores each extractor on the 181-page Scrapinghub benchmark with the benchmark's own metric
(`score_extraction.py`) and times the page loop `--runs` times per extractor in this one process,
interleaved page by page (each page goes through every extractor in turn, the order rotating),
so machine noise hits all of them alike. Prints F1/precision/recall, median docs/s and the ratio to bare
`trafilatura.extract(html, include_comments=False)`. Predictions go to OUT/<name>.json.
Speed is CPU seconds of this process (`time.process_time`), which other jobs on a shared machine
disturb far less than wall time; wall-clock docs/s are printed too.
"""

from __future__ import annotations

import argparse
import json
import os  # noqa: E402
import statistics
import sys
import time
from pathlib import Path


def _shared_benchmarks() -> Path:
    """../shared/benchmarks next to the repo (or a worktree's parents); $CLEANCRAWL_SHARED_BENCHMARKS wins."""
    if os.environ.get("CLEANCRAWL_SHARED_BENCHMARKS"):
        return Path(os.environ["CLEANCRAWL_SHARED_BENCHMARKS"])
    for parent in Path(__file__).resolve().parents[1:]:
        candidate = parent.parent / "shared" / "benchmarks"
        if (candidate / "score_extraction.py").exists():
            return candidate
    raise SystemExit("shared benchmarks not found: set CLEANCRAWL_SHARED_BENCHMARKS")


sys.path.insert(0, str(_shared_benchmarks()))

import run_extractor  # noqa: E402  (shared benchmark helpers, found via sys.path above)
import score_extraction  # noqa: E402

NAMES = ("trafilatura", "trafilatura_no_fallback", "cleancrawl")
LABELS = {"trafilatura": "trafilatura default", "trafilatura_no_fallback": "trafilatura fast",
          "cleancrawl": "cleancrawl clean_html"}


def main(argv: list[str] | None = None) -> int:
    """Run, score and time the extractors; print one table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed loops per extractor (after a scoring pass)")
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

    cpu: dict[str, list[float]] = {name: [] for name in NAMES}
    wall: dict[str, list[float]] = {name: [] for name in NAMES}
    names = list(extractors)
    for _ in range(args.runs):  # interleaved page by page, so a burst of load hits every extractor alike
        round_cpu = dict.fromkeys(names, 0.0)
        round_wall = dict.fromkeys(names, 0.0)
        for i, (_pid, url, html) in enumerate(pages):
            for name in names[i % len(names):] + names[:i % len(names)]:  # rotate who goes first
                c0, w0 = time.process_time(), time.perf_counter()
                extractors[name](html, url)
                round_cpu[name] += time.process_time() - c0
                round_wall[name] += time.perf_counter() - w0
        for name in names:
            cpu[name].append(round_cpu[name])
            wall[name].append(round_wall[name])

    base, wall_base = statistics.median(cpu["trafilatura"]), statistics.median(wall["trafilatura"])
    print(f"{len(pages)} pages, {args.runs} timed runs, interleaved; ratio = docs/s / trafilatura default docs/s")
    print(f"| {'extractor':<22} | {'F1':>5} | {'precision':>9} | {'recall':>6} | {'docs/s (CPU)':>12} | "
          f"{'ratio':>5} | {'wall ratio':>10} | errors |")
    print(f"|{'-' * 24}|{'-' * 7}|{'-' * 11}|{'-' * 8}|{'-' * 14}|{'-' * 7}|{'-' * 12}|--------|")
    for name in NAMES:
        m, med, wmed = metrics[name], statistics.median(cpu[name]), statistics.median(wall[name])
        print(f"| {LABELS[name]:<22} | {m['f1']:.3f} | {m['precision']:9.3f} | {m['recall']:6.3f} | "
              f"{len(pages) / med:12.1f} | {base / med:5.2f} | {wall_base / wmed:10.2f} | {extractors[name].errors:>6} |")
    for label, table in (("cpu", cpu), ("wall", wall)):
        print(f"{label} seconds: " + "; ".join(f"{n} {' '.join(f'{s:.2f}' for s in table[n])}" for n in NAMES))
    if args.per_doc:
        _print_worst(by_doc["cleancrawl"], truth)
    return 0


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
