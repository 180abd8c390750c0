#!/usr/bin/env python3
"""Extraction quality, lost pages and speed on both shared sets: our `clean_html` next to bare trafilatura.

Usage (from the repo root):
    .venv/bin/python benchmarks/extraction.py [--runs 3] [--set scrapinghub --set readability] [--out DIR] [--per-doc]

For each set (`../shared/benchmarks/scrapinghub`: 181 pages, `../shared/benchmarks/readability`: 122 pages) it
scores bare trafilatura (default, and its precision mode; `include_comments=False`, the shared runner's rows),
trafilatura with metadata (the like-for-like speed anchor: our records carry metadata too) and our
`clean_html(...).text` with the sets' own metric (`score_extraction.py`). Then it lists the pages we lost: recall
below 0.5 where trafilatura's is at least 0.8, and pages whose cleaned text keeps less than half of
trafilatura's words (`benchmarks/losses.py` says which step took them).

Speed: `--runs` timed rounds in this one process after the scoring pass. In a round each extractor runs the
whole page loop once, as the shared `run_extractor.py` times them and as a cleaning worker runs, the order
rotating from round to round; every page's CPU time (`time.process_time`) is recorded. The ratio to trafilatura
with metadata sums each page's fastest time over the rounds (timeit's rule: the fastest run is the one the
shared machine disturbed least); the ratio of the median loops is printed beside it. Predictions go to
OUT/<set>/<name>.json.
"""

from __future__ import annotations

import argparse
import json
import os
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

SETS = ("scrapinghub", "readability")
NAMES = ("trafilatura", "trafilatura_precision", "trafilatura_metadata", "cleancrawl")
LABELS = {"trafilatura": "trafilatura default", "trafilatura_precision": "trafilatura precision",
          "trafilatura_metadata": "trafilatura + metadata", "cleancrawl": "cleancrawl clean_html"}
ANCHOR = "trafilatura_metadata"
LOST_RECALL, THEIR_RECALL, KEEP_WORDS = 0.5, 0.8, 0.5


def main(argv: list[str] | None = None) -> int:
    """Score, list lost pages and time, set by set; print one table per set."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="timed rounds per set, after the scoring pass (0: none)")
    ap.add_argument("--set", dest="sets", action="append", choices=SETS, help="a shared set (default: both)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/cleancrawl-extraction"), help="predictions folder")
    ap.add_argument("--per-doc", action="store_true", help="also list our 15 worst pages per set")
    args = ap.parse_args(argv)
    if args.runs < 0:
        ap.error("--runs must not be negative")
    extractors = {name: run_extractor.make_extractor(name) for name in NAMES}
    print(f"load average {os.getloadavg()[0]:.1f} at start; {args.runs} timed rounds per set")
    lost_any = False
    for name in args.sets or SETS:
        lost_any |= _run_set(name, extractors, args)
    print(f"load average {os.getloadavg()[0]:.1f} at end")
    return 1 if lost_any else 0


def _run_set(set_name: str, extractors: dict, args: argparse.Namespace) -> bool:
    """Score and time one set; True when a page was lost."""
    folder = shared_benchmarks() / set_name
    pages = run_extractor.load_pages(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    out = args.out / set_name
    out.mkdir(parents=True, exist_ok=True)
    texts, metrics, by_doc = {}, {}, {}
    for name, fn in extractors.items():  # the scoring pass (also the warm-up)
        texts[name] = {pid: fn(html, url) for pid, url, html in pages}
        (out / f"{name}.json").write_text(json.dumps({p: {"articleBody": t} for p, t in texts[name].items()},
                                                     ensure_ascii=False), encoding="utf-8")
        metrics[name], by_doc[name] = score_extraction.score(truth, texts[name], n_bootstrap=200)
    cpu, fastest = _time_rounds(extractors, pages, args.runs) if args.runs else ({}, {})

    print(f"\n{set_name}: {len(pages)} pages" + (f", ratio = {ANCHOR}'s CPU time / the extractor's, each page at "
                                                  "its fastest round" if args.runs else ""))
    print(f"| {'extractor':<22} | {'F1':>5} | {'precision':>9} | {'recall':>6} | {'docs/s (CPU)':>12} | "
          f"{'x with metadata':>15} | {'median-loop ratio':>17} | errors |")
    print(f"|{'-' * 24}|{'-' * 7}|{'-' * 11}|{'-' * 8}|{'-' * 14}|{'-' * 17}|{'-' * 19}|--------|")
    for name in NAMES:
        m = metrics[name]
        speed = ratio = median = "-"
        if args.runs:
            speed = f"{len(pages) / sum(fastest[name]):.1f}"
            ratio = f"{sum(fastest[ANCHOR]) / sum(fastest[name]):.2f}"
            median = f"{statistics.median(cpu[ANCHOR]) / statistics.median(cpu[name]):.2f}"
        print(f"| {LABELS[name]:<22} | {m['f1']:.3f} | {m['precision']:9.3f} | {m['recall']:6.3f} | {speed:>12} | "
              f"{ratio:>15} | {median:>17} | {extractors[name].errors:>6} |")
    lost = _lost_pages(by_doc["cleancrawl"], by_doc["trafilatura"], texts["cleancrawl"], texts["trafilatura"])
    print(f"{set_name}: {len(lost)} pages lost (recall < {LOST_RECALL} where trafilatura has >= {THEIR_RECALL}, "
          f"or fewer than {KEEP_WORDS:.0%} of trafilatura's words)")
    for line in lost:
        print("    " + line)
    if args.per_doc:
        _print_worst(by_doc["cleancrawl"], truth)
    return any(line.startswith("LOST") for line in lost)


def _lost_pages(ours: dict, theirs: dict, our_texts: dict, their_texts: dict) -> list[str]:
    """One line per page lost by recall (LOST) or kept at less than half of trafilatura's words (SHORT)."""
    from cleaners.chain import count_words

    lines = []
    for pid in sorted(ours):
        mine, bare = score_extraction.page_recall(*ours[pid]), score_extraction.page_recall(*theirs[pid])
        words, their_words = count_words(our_texts[pid]), count_words(their_texts[pid])
        if mine < LOST_RECALL and bare >= THEIR_RECALL:
            lines.append(f"LOST  {pid[:24]:24} recall {mine:.2f} (trafilatura {bare:.2f})")
        elif their_words and words < KEEP_WORDS * their_words:
            lines.append(f"SHORT {pid[:24]:24} {words} of trafilatura's {their_words} words; "
                         f"recall {mine:.2f} (trafilatura {bare:.2f})")
    return lines


def _time_rounds(extractors: dict, pages: list, runs: int) -> tuple[dict, dict]:
    """(CPU seconds per loop, each page's fastest CPU seconds) of every extractor."""
    names = list(extractors)
    cpu: dict[str, list[float]] = {name: [] for name in names}
    fastest = {name: [float("inf")] * len(pages) for name in names}
    for r in range(runs):
        for name in names[r % len(names):] + names[:r % len(names)]:  # rotate who goes first
            fn, spent = extractors[name], 0.0
            for i, (_pid, url, html) in enumerate(pages):
                c0 = time.process_time()
                fn(html, url)
                c = time.process_time() - c0
                fastest[name][i] = min(fastest[name][i], c)
                spent += c
            cpu[name].append(spent)
    return cpu, fastest


def _print_worst(by_doc: dict, truth: dict) -> None:
    rows = []
    for pid, counts in by_doc.items():
        p, r = score_extraction.page_precision(*counts), score_extraction.page_recall(*counts)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, pid))
    print("    cleancrawl: worst 15 pages by F1 (F1 P R)")
    for f1, p, r, pid in sorted(rows)[:15]:
        print(f"    {f1:5.2f} {p:5.2f} {r:5.2f}  {pid[:24]}  {truth[pid].get('url', '')}")


if __name__ == "__main__":
    sys.exit(main())
