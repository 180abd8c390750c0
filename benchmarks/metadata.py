#!/usr/bin/env python3
"""Metadata accuracy: our `clean_html` against bare trafilatura on Readability's expected metadata.

Usage (from the repo root):
    .venv/bin/python benchmarks/metadata.py [--data DIR] [--misses]

Reads `metadata.json` of the shared Readability benchmark (the page's `expected-metadata.json`:
title, byline, siteName, publishedTime, lang) and runs `clean_html(html)` and
`trafilatura.bare_extraction(html, with_metadata=True)` over every page, both without a URL (the
pages' real addresses are unknown; their harness host `fakehost` says nothing). Each field is scored
on the pages where Readability has a value:

- day: the UTC day of `Article.published` equals the UTC day of `publishedTime` (a time with an
  offset converted, a time without one or a bare day taken as written). Trafilatura's date is a
  bare day, compared with the day `publishedTime` writes.
- written day: the day the page writes (`extract_page`'s date before the UTC conversion) equals the
  day `publishedTime` writes; this is what trafilatura's day is scored on too.
- no date: pages with a `publishedTime` where the extractor gives none.
- title: equal to Readability's after whitespace normalisation. Readability keeps site suffixes
  ("... | eHow") that a cleaner may rightly drop, so the misses are listed to read, not only counted.
- author: found in Readability's byline, both case-folded with whitespace normalised.
- site name: equal after case folding, keeping only letters and digits.
- language: the primary subtag of Readability's `lang` equals our detected `Article.language`.

`--misses` lists every miss per field with both values.

Then, on the Scrapinghub pages (real URLs, no date truth), how often our day equals bare
trafilatura's (htmldate's day as the page writes it, often the URL's), as the written day and as the
UTC day of `Article.published`, and how many pages each leaves without a date (`--no-agreement`
skips this part).

`--speed N` instead times `clean_html` against the shared runner's `trafilatura_metadata` on the
Scrapinghub pages in CPU seconds, pages interleaved, each page's fastest of N rounds (the rule of
`benchmarks/extraction.py`), and prints the ratio; run it with `PYTHONPATH` pointing at two checkouts
to compare them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extraction import run_extractor  # noqa: E402  (sets up the shared benchmark path)

from cleaners import clean_html  # noqa: E402
from cleaners.decode import decode_html  # noqa: E402
from cleaners.extract import extract_page  # noqa: E402

DEFAULT_DATA = run_extractor.DEFAULT_DATA.parent / "readability"
FIELDS = ("day", "written day", "title", "author", "site name", "language")
_ALNUM = re.compile(r"\W+")


@dataclass
class Found:
    """One extractor's metadata for a page (None where it found nothing)."""

    day: date | None = None
    written_day: date | None = None
    title: str | None = None
    author: str | None = None
    sitename: str | None = None
    language: str | None = None
    bare_day: bool = False  # the date is the day as written, without time or offset


def ours(html: str, url: str | None = None) -> Found:
    article = clean_html(html, url=url)
    page, _ = extract_page(decode_html(html, None)[0], url)
    written = page.published if page is not None else None
    return Found(day=article.published.date() if article.published else None,
                 written_day=date.fromisoformat(written[:10]) if written else None,
                 title=article.title, author=article.author, sitename=article.sitename,
                 language=article.language)


def trafilatura_found(html: str, url: str | None = None) -> Found:
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, include_comments=False, with_metadata=True)
    if doc is None:
        return Found()
    day = date.fromisoformat(doc.date[:10]) if doc.date else None
    return Found(day=day, written_day=day, title=doc.title, author=doc.author, sitename=doc.sitename,
                 bare_day=True)


def truth_days(published: str) -> tuple[date, date]:
    """(UTC day, written day) of Readability's publishedTime ("2017-02-23T17:18:13-08:00" -> 24th, 23rd)."""
    written = date.fromisoformat(published[:10])
    try:
        moment = datetime.fromisoformat(published.replace(" ", "T"))
    except ValueError:
        return written, written
    utc = moment.astimezone(UTC).date() if moment.tzinfo else moment.date()
    return utc, written


def norm(text: str | None) -> str:
    return " ".join((text or "").split())


def scores(truth: dict, found: Found, languages: bool) -> dict[str, tuple[bool, str, str] | None]:
    """field -> (right, expected, found), or None where Readability has no value (or `languages` is off)."""
    out: dict[str, tuple[bool, str, str] | None] = dict.fromkeys(FIELDS)
    if truth["publishedTime"]:
        utc, written = truth_days(truth["publishedTime"])
        expected = written if found.bare_day else utc
        out["day"] = (found.day == expected, str(expected), str(found.day))
        out["written day"] = (found.written_day == written, str(written), str(found.written_day))
    if truth["title"]:
        out["title"] = (norm(found.title) == norm(truth["title"]), norm(truth["title"]), norm(found.title))
    if truth["byline"]:
        mine = norm(found.author).casefold()
        out["author"] = (bool(mine) and mine in norm(truth["byline"]).casefold(), truth["byline"], str(found.author))
    if truth["siteName"]:
        same = _ALNUM.sub("", truth["siteName"].casefold()) == _ALNUM.sub("", (found.sitename or "").casefold())
        out["site name"] = (same, truth["siteName"], str(found.sitename))
    if truth["lang"] and languages:
        primary = truth["lang"].split("-")[0].split("_")[0].lower()
        out["language"] = (found.language == primary, truth["lang"], str(found.language))
    return out


def main(argv: list[str] | None = None) -> int:
    """Print each field's accuracy for both extractors, and with --misses every miss."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Readability benchmark folder")
    ap.add_argument("--misses", action="store_true", help="list every miss")
    ap.add_argument("--no-agreement", action="store_true", help="skip the day agreement on the Scrapinghub pages")
    ap.add_argument("--speed", type=int, default=0, metavar="N", help="only time clean_html, fastest of N rounds")
    args = ap.parse_args(argv)
    if args.speed:
        speed_ratio(run_extractor.DEFAULT_DATA, args.speed)
        return 0
    score_readability(args.data, args.misses)
    if not args.no_agreement:
        day_agreement(run_extractor.DEFAULT_DATA)
    return 0


def score_readability(data: Path, list_misses: bool) -> None:
    """Each field's accuracy for both extractors on Readability's metadata (and every miss)."""
    truth = json.loads((data / "metadata.json").read_text(encoding="utf-8"))
    extractors: dict[str, Callable[[str], Found]] = {"cleancrawl": ours, "trafilatura": trafilatura_found}
    results: dict[str, dict[str, dict[str, tuple[bool, str, str]]]] = {n: {f: {} for f in FIELDS} for n in extractors}
    no_date: dict[str, list[str]] = {n: [] for n in extractors}
    for name in sorted(truth):
        html = gzip.decompress((data / "html" / f"{name}.html.gz").read_bytes()).decode("utf-8", "replace")
        for label, extract in extractors.items():
            found = extract(html)
            for field, score in scores(truth[name], found, label == "cleancrawl").items():
                if score is not None:
                    results[label][field][name] = score
            if truth[name]["publishedTime"] and found.day is None:
                no_date[label].append(name)

    print(f"Readability metadata, {len(truth)} pages")
    print(f"| {'field':<12} | {'pages':>5} | {'cleancrawl':>10} | {'trafilatura':>11} |")
    print(f"|{'-' * 14}|{'-' * 7}|{'-' * 12}|{'-' * 13}|")
    for field in FIELDS:
        cells = []
        for label in extractors:
            scored = results[label][field]
            cells.append(f"{sum(r for r, _, _ in scored.values()) / len(scored):.2f}" if scored else "-")
        pages = len(results["cleancrawl"][field])
        print(f"| {field:<12} | {pages:>5} | {cells[0]:>10} | {cells[1]:>11} |")
    for label in extractors:
        print(f"{label}: no date on {len(no_date[label])} pages {no_date[label]}")
    if list_misses:
        for label in extractors:
            for field in FIELDS:
                misses = {n: s for n, s in results[label][field].items() if not s[0]}
                if misses:
                    print(f"\n{label}, {field}: {len(misses)} misses")
                for n, (_, expected, got) in misses.items():
                    print(f"  {n:<28} expected {expected[:70]!r}  got {got[:70]!r}")


def day_agreement(data: Path) -> None:
    """Our day against bare trafilatura's on pages without date truth, with their real URLs."""
    written = utc = none_ours = none_theirs = 0
    pages = run_extractor.load_pages(data)
    for _pid, url, html in pages:
        mine, theirs = ours(html, url or None), trafilatura_found(html, url or None)
        written += mine.written_day is not None and mine.written_day == theirs.day
        utc += mine.day is not None and mine.day == theirs.day
        none_ours += mine.day is None
        none_theirs += theirs.day is None
    print(f"\nScrapinghub, {len(pages)} pages: our day = trafilatura's as written on {written}, "
          f"as UTC day on {utc}; no date: cleancrawl {none_ours}, trafilatura {none_theirs}")


def speed_ratio(data: Path, rounds: int) -> None:
    """CPU docs/s of clean_html and trafilatura_metadata, each page's fastest of `rounds`, interleaved."""
    pages = run_extractor.load_pages(data)
    names = ("cleancrawl", "trafilatura_metadata")
    run = {n: run_extractor.make_extractor(n) for n in names}
    for _pid, url, html in pages:  # warm-up: imports, dateparser's locales
        for n in names:
            run[n](html, url)
    best = {n: [float("inf")] * len(pages) for n in names}
    for r in range(rounds):
        for i, (_pid, url, html) in enumerate(pages):
            for n in (names if r % 2 == 0 else names[::-1]):
                start = time.process_time()
                run[n](html, url)
                best[n][i] = min(best[n][i], time.process_time() - start)
    ours_s, theirs_s = sum(best["cleancrawl"]), sum(best["trafilatura_metadata"])
    print(f"cleancrawl {len(pages) / ours_s:.1f} docs/s, trafilatura_metadata {len(pages) / theirs_s:.1f} docs/s "
          f"(CPU, fastest of {rounds}): ratio {theirs_s / ours_s:.2f}")


if __name__ == "__main__":
    sys.exit(main())
