#!/usr/bin/env python3
"""Where `clean_html` spends its time: a cProfile summary over the 181 benchmark pages.

Usage (from the repo root):
    .venv/bin/python benchmarks/profile_clean.py [--top 25] [--data DIR]

Runs the full chain once as a warm-up, then once under cProfile, and prints the functions with
the most cumulative time, then a share-of-total table for the stages of extraction (parse,
metadata, trafilatura, blocks, block steps) and the rest of the chain.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import run_extractor  # noqa: E402  (sets up the shared benchmark path)

import cleaners  # noqa: E402

# (label, module file suffix, function name): the stages whose cumulative time is summed up
STAGES = [
    ("decode (charset)", "cleaners/decode.py", "decode_html"),
    ("parse (lxml, once)", "cleaners/parse.py", "parse_html"),
    ("JSON-LD", "cleaners/jsonld.py", "read_jsonld"),
    ("metadata", "cleaners/metadata.py", "read_metadata"),
    ("trafilatura (fast + doubtful full)", "cleaners/extract.py", "_run_trafilatura"),
    ("source index (signals)", "cleaners/treeblocks.py", "source_index"),
    ("blocks", "cleaners/treeblocks.py", "body_blocks"),
    ("split body", "cleaners/split_body.py", "restore_split_body"),
    ("block steps (lead, boilerplate)", "cleaners/furniture.py", "remove_furniture"),
    ("extract_page total", "cleaners/extract.py", "extract_page"),
    ("language identification (langdetect)", "cleaners/language.py", "identify"),
    ("dedup sketch (MinHash)", "cleaners/near_dup.py", "sketch"),
    ("content hash", "cleaners/chain.py", "_hash_folded"),
    ("clean_html total", "cleaners/chain.py", "clean_html"),
]


def main(argv: list[str] | None = None) -> int:
    """Profile clean_html over the benchmark and print the summary."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--top", type=int, default=25, help="functions to list")
    ap.add_argument("--data", type=Path, default=run_extractor.DEFAULT_DATA, help="benchmark folder")
    args = ap.parse_args(argv)
    pages = run_extractor.load_pages(args.data)
    for _pid, url, html in pages:  # warm-up: imports, regex compilation, caches
        cleaners.clean_html(html, url=url or None)
    profiler = cProfile.Profile()
    profiler.enable()
    for _pid, url, html in pages:
        cleaners.clean_html(html, url=url or None)
    profiler.disable()

    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    total = _cumulative(stats, "cleaners/chain.py", "clean_html")
    print(f"{'stage':<36} {'seconds':>8} {'share':>6}   ({len(pages)} pages, under cProfile)")
    for label, path, func in STAGES:
        secs = _cumulative(stats, path, func)
        print(f"{label:<36} {secs:8.2f} {secs / total if total else 0:6.1%}")
    print()
    _print_stage_times(pages)
    return 0


# (label, module, attribute) timed without a profiler: the module attribute is wrapped where the caller looks it up
TIMED = [
    ("parse (lxml)", "cleaners.extract", "parse_html"),
    ("metadata", "cleaners.extract", "read_metadata"),
    ("trafilatura (fast + doubtful full)", "cleaners.extract", "_run_trafilatura"),
    ("blocks", "cleaners.extract", "body_blocks"),
    ("source index", "cleaners.extract", "source_index"),
    ("language identification", "cleaners.language", "LanguageIdentifier.identify"),
    ("dedup sketch", "cleaners.near_dup", "sketch"),
    ("cleaning steps (incl. language)", "cleaners.chain", "run_steps"),
    # the steps that read captions, the article's container and the template's language
    ("  captions from the page (find)", "cleaners.extract", "find_captions"),
    ("  captions placed among blocks", "cleaners.extract", "place_captions"),
    ("  article's container", "cleaners.extract", "article_container"),
    ("  outside the container (remove)", "cleaners.extract", "remove_outside_blocks"),
    ("  template link sample", "cleaners.extract", "chrome_sample"),
    ("  main language (incl. langdetect)", "cleaners.mixedlang", "MainLanguage.__call__"),
    ("  foreign blocks (script)", "cleaners.mixedlang", "ForeignBlockFilter.__call__"),
    ("  foreign chrome (same script)", "cleaners.foreignchrome", "ForeignChromeFilter.__call__"),
]


def _print_stage_times(pages: list) -> None:
    """Process time per stage, without a profiler, as a share of bare trafilatura.extract on the same pages."""
    import importlib
    import time

    import trafilatura

    spent: dict[str, float] = dict.fromkeys(label for label, _m, _a in TIMED)

    def timed(label: str, fn):
        def wrapper(*args, **kwargs):
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[label] = (spent[label] or 0.0) + time.process_time() - t0
        return wrapper

    for label, module, attr in TIMED:
        owner = importlib.import_module(module)
        *path, name = attr.split(".")
        for part in path:
            owner = getattr(owner, part)
        setattr(owner, name, timed(label, getattr(owner, name)))
    t0 = time.process_time()
    for _pid, url, html in pages:
        trafilatura.extract(html, url=url or None, include_comments=False)
    base = time.process_time() - t0
    spent = dict.fromkeys(spent, 0.0)
    t0 = time.process_time()
    for _pid, url, html in pages:
        cleaners.clean_html(html, url=url or None)
    total = time.process_time() - t0
    print(f"{'stage (no profiler)':<40} {'ms/page':>8} {'of bare trafilatura':>20}")
    for label, secs in [("bare trafilatura.extract (default)", base), ("clean_html total", total), *spent.items()]:
        print(f"{label:<40} {secs / len(pages) * 1000:8.2f} {secs / base:20.0%}")


def _cumulative(stats: pstats.Stats, path: str, func: str) -> float:
    """Cumulative seconds of the function `func` defined in a file ending with `path`."""
    return sum(v[3] for (file, _line, name), v in stats.stats.items()  # type: ignore[attr-defined]
               if name == func and file.replace("\\", "/").endswith(path))


if __name__ == "__main__":
    sys.exit(main())
