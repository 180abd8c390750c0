"""Dirty-page corpus: generate content-farm-like pages from real CMS templates and score a cleaner on them.

    .venv/bin/python benchmarks/dirty_pages.py [--seed dev|holdout|INT] [--pages N] [--mode html|text]
        [--extractor cleancrawl|trafilatura|raw] [--worst K] [--features] [--write DIR] [--check]

Prints body recall, residue, captions-once and their mean (combined) overall, per template family, per chrome
language and per body language, then the K worst pages with what leaked and which captions were lost or
doubled. The corpus and the scorer live in `benchmarks/dirtycorpus/` (definitions in `score.py`); see the
"Dirty pages" section of benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.dirtycorpus.check import problems  # noqa: E402
from benchmarks.dirtycorpus.generate import SEEDS, generate  # noqa: E402
from benchmarks.dirtycorpus.run import EXTRACTORS, Timer, evaluate, extractor, report, write_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", default="dev", help=f"{' or '.join(SEEDS)}, or an integer (default dev)")
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--mode", choices=("html", "text"), default="html")
    parser.add_argument("--extractor", choices=EXTRACTORS, default="cleancrawl")
    parser.add_argument("--worst", type=int, default=10, metavar="K")
    parser.add_argument("--features", action="store_true", help="also a table per page feature (caption form...)")
    parser.add_argument("--write", type=Path, metavar="DIR", help="write .html, .txt and .truth.json per page")
    parser.add_argument("--check", action="store_true", help="only check each page's truth against the page")
    args = parser.parse_args(argv)
    if args.seed not in SEEDS and not args.seed.lstrip("-").isdigit():
        parser.error("--seed must be dev, holdout or an integer")

    with Timer() as made:
        pages = list(generate(args.seed, args.pages))
    if args.check:
        bad = {page.id: found for page in pages if (found := problems(page))}
        for page_id, found in bad.items():
            print(page_id, *found, sep="\n    ")
        print(f"{len(pages) - len(bad)} of {len(pages)} pages consistent")
        return 1 if bad else 0
    extract = extractor(args.extractor, args.mode)
    with Timer() as ran:
        results = evaluate(pages, extract)
    print(f"dirty pages: seed={args.seed} pages={len(pages)} mode={args.mode} extractor={args.extractor}")
    print(f"generated in {made.seconds:.1f} s; extracted and scored in {ran.seconds:.1f} s "
          f"({len(pages) / ran.seconds:.1f} pages/s); load average {os.getloadavg()[0]:.1f}\n")
    print(report(results, args.worst, args.features))
    if args.write:
        count = write_pages(results, pages, args.write)
        print(f"\nwrote {count} pages to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
