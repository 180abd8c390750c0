#!/usr/bin/env python3
"""Text mode on text dumps: `clean_text` against the raw dump and jusText, per shared set and converter.

Usage (from the repo root; resiliparse comes with the benchmark extra: `.venv/bin/pip install -e '.[bench]'`):
    .venv/bin/python benchmarks/text_mode.py [--sets scrapinghub readability] [--converters lines resiliparse]
                                             [--runs 3] [--dirty N] [--per-doc K]

Each page of the shared sets (`../shared/benchmarks/scrapinghub`, `../shared/benchmarks/readability`) is rendered
as a text dump by both converters of `benchmarks/text_dumps.py` (ours, one line per block, and resiliparse's
`extract_plain_text(..., main_content=False)`), then scored with the shared scorer (`score_extraction.py`'s
functions: 4-token shingles of `\\w+` tokens, per-page precision and recall, F1 from their means) for:
- the raw dump (nothing removed);
- jusText over the dump's lines (one line = one paragraph, default thresholds, the stop-list of the 100 it ships
  under which the page has the highest stop-word density: the "best stop-list");
- `clean_text(dump)`: text mode as `cleancrawl reclean` runs it on a WET record.
Cost: `clean_text` per page (on the dumps) and `clean_html` per page (on the same pages' HTML), CPU time of this
process, each page's fastest of `--runs` rounds, the two interleaved round by round.
Then the dirty-page corpus (`benchmarks/dirtycorpus`, `--dirty N` pages per seed, 0 to skip) as text dumps, seeds
dev and holdout: `clean_text` against the raw dump, scored by that corpus's own metric (body recall, residue,
captions-once and their mean, "combined"); `benchmarks/dirty_pages.py --mode text` breaks it down further.
The chrome classifier was trained on the shared sets' pages, so the shared-set figures here are on pages it was
trained on: `benchmarks/train_chrome_model.py --evaluate` gives them on pages it was not trained on.
"""

from __future__ import annotations

import argparse
import html as html_lib
import sys
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from text_dumps import CONVERTERS, SETS, load_set, require_converters, shared_benchmarks  # noqa: E402

sys.path.insert(0, str(shared_benchmarks()))
import score_extraction  # noqa: E402  (the shared scorer, found via sys.path above)

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaners import clean_html, clean_text  # noqa: E402


@cache
def _stoplists() -> dict[str, frozenset[str]]:
    import justext

    return {name: frozenset(justext.get_stoplist(name)) for name in justext.get_stoplists()}


def best_stoplist(text: str) -> frozenset[str]:
    """The jusText stop-list under which text has the most stop words."""
    words = [w.lower() for w in score_extraction.TOKEN_RE.findall(text)]
    return max(_stoplists().values(), key=lambda stops: sum(map(stops.__contains__, words)))


def justext_lines(dump: str) -> str:
    """jusText's good paragraphs of the dump, each line one paragraph, with the best stop-list."""
    import justext

    lines = [line.strip() for line in dump.splitlines() if line.strip()]
    if not lines:
        return ""
    markup = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in lines) + "</body></html>"
    paragraphs = justext.justext(markup.encode("utf-8"), best_stoplist(dump), encoding="utf-8")
    return "\n".join(p.text for p in paragraphs if not p.is_boilerplate)


def clean_text_body(dump: str) -> str:
    return clean_text(dump).text


SYSTEMS: dict[str, Callable[[str], str]] = {"raw dump": lambda dump: dump, "jusText": justext_lines,
                                             "clean_text": clean_text_body}


def score_system(truth: dict, dumps: dict[str, str], system: Callable[[str], str]) -> tuple[dict, dict]:
    preds = {pid: system(dump) for pid, dump in dumps.items()}
    return score_extraction.score(truth, preds, n_bootstrap=200)


def time_pages(pages: list, dumps: dict[str, str], runs: int) -> tuple[float, float]:
    """Median per page of each page's fastest round, in ms: (clean_text on its dump, clean_html on its HTML)."""
    best_text = {pid: float("inf") for pid, *_ in pages}
    best_html = dict(best_text)
    for round_ in range(runs):
        order = ("text", "html") if round_ % 2 == 0 else ("html", "text")
        for which in order:
            for pid, url, html, _truth in pages:
                started = time.process_time()
                if which == "text":
                    clean_text(dumps[pid], url=url)
                    best_text[pid] = min(best_text[pid], time.process_time() - started)
                else:
                    clean_html(html, url=url)
                    best_html[pid] = min(best_html[pid], time.process_time() - started)
    return sum(best_text.values()) * 1000 / len(pages), sum(best_html.values()) * 1000 / len(pages)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=SETS)
    ap.add_argument("--converters", nargs="+", default=list(CONVERTERS), choices=list(CONVERTERS))
    ap.add_argument("--runs", type=int, default=3, help="timed rounds of clean_text and clean_html (0: none)")
    ap.add_argument("--per-doc", type=int, default=0, metavar="K", help="also list clean_text's K worst pages")
    ap.add_argument("--dirty", type=int, default=400, metavar="N", help="dirty pages per seed (0: none)")
    args = ap.parse_args(argv)
    require_converters()

    print("| set | converter | system | F1 | precision | recall |")
    print("|---|---|---|---|---|---|")
    timing = []
    for set_name in args.sets:
        pages = load_set(set_name)
        truth = {pid: {"articleBody": body} for pid, _url, _html, body in pages}
        for conv in args.converters:
            dumps = {pid: CONVERTERS[conv](html) for pid, _url, html, _body in pages}
            for label, system in SYSTEMS.items():
                metrics, by_doc = score_system(truth, dumps, system)
                print(f"| {set_name} | {conv} | {label} | {metrics['f1']:.3f} | {metrics['precision']:.3f} | "
                      f"{metrics['recall']:.3f} |", flush=True)
                if label == "clean_text" and args.per_doc:
                    _worst(by_doc, args.per_doc)
            if args.runs:
                timing.append((set_name, conv, *time_pages(pages, dumps, args.runs)))
    if timing:
        print("\n| set | converter | clean_text ms/page | clean_html ms/page | ratio text/html |")
        print("|---|---|---|---|---|")
        for set_name, conv, text_ms, html_ms in timing:
            print(f"| {set_name} | {conv} | {text_ms:.1f} | {html_ms:.1f} | {text_ms / html_ms:.2f} |")
    if args.dirty:
        _dirty(args.dirty)
    return 0


def _worst(by_doc: dict, k: int) -> None:
    rows = []
    for pid, counts in by_doc.items():
        p, r = score_extraction.page_precision(*counts), score_extraction.page_recall(*counts)
        rows.append((2 * p * r / (p + r) if p + r else 0.0, p, r, pid))
    for f1, p, r, pid in sorted(rows)[:k]:
        print(f"    worst: F1 {f1:.2f} P {p:.2f} R {r:.2f} {pid}")


def _dirty(n: int) -> None:
    """The dirty-page corpus as text dumps: clean_text and the raw dump, per seed."""
    from dirtycorpus.generate import generate
    from dirtycorpus.run import evaluate, extractor, group

    print(f"\n| dirty corpus ({n} pages per seed), text mode | combined | body recall | min recall | residue | "
          "captions once |")
    print("|---|---|---|---|---|---|")
    for seed in ("dev", "holdout"):
        pages = list(generate(seed, n))
        for name in ("raw", "cleancrawl"):
            g = group(evaluate(pages, extractor(name, "text")), lambda _r: "all")["all"]
            once = f"{g.captions_once:.3f}" if g.captions_once is not None else "-"
            label = "clean_text" if name == "cleancrawl" else "raw dump"
            print(f"| {seed} {label} | {g.combined:.3f} | {g.recall:.3f} | {g.min_recall:.3f} | {g.residue:.3f} | "
                  f"{once} |", flush=True)


if __name__ == "__main__":
    sys.exit(main())
