#!/usr/bin/env python3
"""Pages where cleaning keeps less than half of what bare trafilatura keeps, and which step took it.

Usage (from the repo root):
    .venv/bin/python benchmarks/losses.py [--dirty 400] [--seeds dev,holdout] [--show 6] [--all-steps]

Runs `clean_html` (traced: `cleaners.trace`) and bare `trafilatura.extract(html, include_comments=False)` over
every page we have: both shared benchmark sets, the sample site, the test pages and the seed page, and the
generated dirty pages (`benchmarks/dirtycorpus`, `--dirty` pages per seed). A page is listed when the cleaned
text has fewer than half of trafilatura's words. For each listed page: the removal kinds (`removed`), which
cascade extraction used, every step that took prose (blocks dropped or cut, undone steps marked) with the first
blocks it took, and, where the page has a truth (benchmark ground truth, the seed's paragraphs, a generated
page's body), both extractors' recall of it (4-token shingles, as `score_extraction.py`). A listed page whose
recall is within `TOLERANCE` of trafilatura's lost no article text: trafilatura's extra words were boilerplate
("explained by truth"). Any other listed page must be judged by hand: `benchmarks/losses_judged.json` holds the
judgement for each such page (what trafilatura kept and what we dropped), and benchmarks/README.md lists them.
A listed page with neither is "UNEXPLAINED" and makes the exit status 1: fix it, or judge it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.extraction import shared_benchmarks  # noqa: E402

sys.path.insert(0, str(shared_benchmarks()))

import score_extraction  # noqa: E402  (the shared benchmark's metric, found via sys.path above)

JUDGED = ROOT / "benchmarks" / "losses_judged.json"
KEEP = 0.5  # a page is listed when it keeps less than this share of trafilatura's words
TOLERANCE = 0.05  # recall of the truth this far below trafilatura's still counts as no loss


@dataclass
class Source:
    """One page to check: where it comes from, its HTML and, when known, the article's true text."""

    name: str
    html: str
    url: str | None = None
    truth: str | None = None


def shared_pages(root: Path) -> Iterator[Source]:
    """Both benchmark sets, with their ground truth."""
    for name in ("scrapinghub", "readability"):
        folder = root / name
        truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
        for path in sorted((folder / "html").glob("*.html.gz")):
            pid = path.name.split(".")[0]
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            entry = truth.get(pid, {})
            yield Source(f"{name}/{pid[:16]}", html, entry.get("url") or None, entry.get("articleBody"))


def local_pages() -> Iterator[Source]:
    """The sample site, the test pages and the seed page (its expected paragraphs are its truth)."""
    for path in sorted([*(ROOT / "crawler" / "sample_site").rglob("*.html"), *(ROOT / "tests" / "data").rglob("*.html")]):
        yield Source(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="replace"))
    fixtures = shared_benchmarks().parent / "fixtures"
    expected = json.loads((fixtures / "seed.expected.json").read_text(encoding="utf-8"))
    yield Source("shared/fixtures/seed_page.html", (fixtures / "seed_page.html").read_text(encoding="utf-8"),
                 truth="\n".join(expected["paragraphs"]))


def dirty_pages(seeds: list[str], count: int) -> Iterator[Source]:
    """Generated dirty pages (`benchmarks/dirtycorpus`), their body paragraphs as truth."""
    if count <= 0:
        return
    from benchmarks.dirtycorpus.generate import generate

    for seed in seeds:
        for page in generate(seed, count):
            yield Source(f"dirty/{page.id} {page.family} {page.chrome_lang}>{page.body_lang}", page.html,
                         truth="\n".join(page.body))


def recall(truth: str, text: str) -> float:
    """Share of the truth's 4-token shingles found in text (the shared benchmark's per-page recall)."""
    return score_extraction.page_recall(*score_extraction.page_counts(truth, text))


def check(source: Source, show: int, all_steps: bool, judged: dict[str, str]) -> tuple[bool, bool, list[str]]:
    """(listed, explained, report lines) for one page."""
    import trafilatura

    from cleaners import clean_html
    from cleaners.chain import count_words
    from cleaners.trace import tracing

    bare = trafilatura.extract(source.html, url=source.url, include_comments=False) or ""
    with tracing() as steps:
        article = clean_html(source.html, url=source.url)
    theirs, ours = count_words(bare), article.word_count
    if not theirs or ours >= KEEP * theirs:
        return False, True, []
    cascade = next((s.note for s in steps if s.step == "trafilatura"), "no main text")
    lines = [f"{source.name}: kept {ours} of trafilatura's {theirs} words; extraction: {cascade}; "
             f"removed {dict(sorted(article.removed.items()))}"]
    for step in steps:
        took = step.prose_before - step.prose_after
        if step.undone or (step.dropped and (all_steps or took > 0)):
            lines.append(f"    {step.stage}/{step.step} {step.removed} prose {step.prose_before} -> {step.prose_after}"
                         + (" UNDONE (kept)" if step.undone else ""))
            lines.extend(f"        - {text[:110]}" for text in step.dropped[:show])
    explained = False
    if source.truth is not None:
        mine, bare_recall = recall(source.truth, article.text), recall(source.truth, bare)
        explained = mine >= bare_recall - TOLERANCE
        lines.append(f"    truth recall: cleaned {mine:.2f}, trafilatura {bare_recall:.2f}"
                     + (" -> explained by truth: trafilatura's extra words are boilerplate" if explained else ""))
    if not explained and source.name in judged:
        explained = True
        lines.append(f"    judged by hand: {judged[source.name]}")
    if not explained:
        lines.append("    UNEXPLAINED: fix the loss, or judge the page in " + JUDGED.name)
    return True, explained, lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dirty", type=int, default=400, help="generated dirty pages per seed (0: none)")
    ap.add_argument("--seeds", default="dev,holdout", help="dirty-corpus seeds, comma-separated")
    ap.add_argument("--show", type=int, default=6, help="blocks shown per step")
    ap.add_argument("--all-steps", action="store_true", help="also steps that dropped blocks but no prose")
    args = ap.parse_args(argv)

    sources = [*shared_pages(shared_benchmarks()), *local_pages(),
               *dirty_pages([s for s in args.seeds.split(",") if s], args.dirty)]
    judged = json.loads(JUDGED.read_text(encoding="utf-8"))
    listed = unexplained = 0
    for source in sources:
        is_listed, explained, lines = check(source, args.show, args.all_steps, judged)
        if is_listed:
            listed += 1
            unexplained += not explained
            print("\n".join(lines))
    print(f"\n{len(sources)} pages; {listed} keep less than half of trafilatura's words; {unexplained} unexplained "
          f"(load average {os.getloadavg()[0]:.1f})")
    return 1 if unexplained else 0


if __name__ == "__main__":
    sys.exit(main())
