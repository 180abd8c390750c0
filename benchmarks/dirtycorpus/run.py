"""Runs an extractor over generated pages and prints the figures overall, per group and for the worst pages."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .page import Page
from .score import GroupScore, PageScore, score_page

EXTRACTORS = ("cleancrawl", "trafilatura", "raw")


def extractor(name: str, mode: str) -> Callable[[Page], tuple[str, list[str]]]:
    """A function from a page to (text, captions) for extractor `name` in `mode` ("html" or "text")."""
    if name == "raw":  # the page's text dump itself, nothing removed: the floor every cleaner should beat
        return lambda page: (page.text, [])
    if name == "trafilatura":
        if mode != "html":
            raise ValueError("trafilatura extracts from HTML only (use --mode html)")
        import trafilatura

        return lambda page: (trafilatura.extract(page.html) or "", [])
    if name == "cleancrawl":
        from cleaners import clean_html, clean_text

        def run(page: Page) -> tuple[str, list[str]]:
            article = clean_html(page.html) if mode == "html" else clean_text(page.text)
            return article.text, list(article.captions)

        return run
    raise ValueError(f"unknown extractor {name!r}; choose from {', '.join(EXTRACTORS)}")


@dataclass
class Result:
    page: Page
    score: PageScore
    text: str
    captions: list[str]

    @property
    def combined(self) -> float:
        parts = [self.score.recall, 1 - self.score.residue]
        if self.score.captions_once is not None:
            parts.append(float(self.score.captions_once))
        return sum(parts) / len(parts)


def evaluate(pages: Iterable[Page], extract: Callable[[Page], tuple[str, list[str]]]) -> list[Result]:
    results = []
    for page in pages:
        text, captions = extract(page)
        score = score_page(page.body, page.captions, page.neutral, page.boilerplate, text, captions)
        results.append(Result(page, score, text, captions))
    return results


def group(results: list[Result], key: Callable[[Result], str]) -> dict[str, GroupScore]:
    groups: dict[str, GroupScore] = {}
    for result in results:
        groups.setdefault(key(result), GroupScore()).add(result.score)
    return dict(sorted(groups.items()))


def _row(name: str, g: GroupScore) -> str:
    once = f"{g.captions_once:.3f}" if g.captions_once is not None else "  -  "
    return (f"{name:<22} {g.pages:>5} {g.combined:>8.3f} {g.recall:>7.3f} {g.min_recall:>7.3f} {g.residue:>8.3f} "
            f"{once:>8} {g.strings:>6}")


def table(title: str, groups: dict[str, GroupScore]) -> str:
    head = f"{title:<22} {'pages':>5} {'combined':>8} {'recall':>7} {'min_rec':>7} {'residue':>8} {'capt_1x':>8} {'bp':>6}"
    return "\n".join([head, *(_row(name, g) for name, g in groups.items())])


def _short(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def worst(results: list[Result], k: int) -> str:
    lines = []
    for r in sorted(results, key=lambda r: (r.combined, r.page.id))[:k]:
        p, s = r.page, r.score
        once = "-" if s.captions_once is None else ("ok" if s.captions_once else "FAIL")
        lines.append(f"{p.id} {p.family}/{p.variant} chrome={p.chrome_lang} body={p.body_lang} html_lang={p.html_lang} "
                     f"recall={s.recall:.3f} residue={s.residue:.3f} ({len(s.leaked)}/{s.boilerplate}) captions={once}")
        for string in s.leaked[:8]:
            lines.append(f"    leaked: {_short(string)}")
        if len(s.leaked) > 8:
            lines.append(f"    … {len(s.leaked) - 8} more leaked")
        lines.extend(f"    caption lost: {_short(c)}" for c in s.lost)
        lines.extend(f"    caption doubled: {_short(c)}" for c in s.doubled)
    return "\n".join(lines)


def report(results: list[Result], worst_k: int = 10, features: bool = False) -> str:
    """The figures overall, per family, chrome language and body language, and the worst pages."""
    overall = group(results, lambda r: "all")
    low = [r.page.id for r in results if r.score.recall < 0.9]
    low_line = f"pages with body recall < 0.9: {len(low)}" + (f" ({', '.join(low[:12])}{' …' if len(low) > 12 else ''})"
                                                             if low else "")
    sections = [table("overall", overall) + "\n" + low_line,
                table("family", group(results, lambda r: r.page.family)),
                table("chrome language", group(results, lambda r: r.page.chrome_lang)),
                table("body language", group(results, lambda r: r.page.body_lang)),
                table("html lang", group(results, lambda r: "matches chrome" if r.page.html_lang == r.page.chrome_lang
                                         else "missing" if r.page.html_lang is None else "other"))]
    if features:
        per_feature: dict[str, GroupScore] = {}
        for r in results:
            for feature in r.page.features:
                per_feature.setdefault(feature, GroupScore()).add(r.score)
        sections.append(table("feature", dict(sorted(per_feature.items()))))
    if worst_k:
        sections.append(f"worst {worst_k} pages\n" + worst(results, worst_k))
    return "\n\n".join(sections)


def write_pages(results: list[Result] | None, pages: Iterable[Page], folder: Path) -> int:
    """Write each page as NAME.html, NAME.txt and NAME.truth.json (with the extractor's output if scored)."""
    folder.mkdir(parents=True, exist_ok=True)
    scored = {r.page.id: r for r in results or []}
    count = 0
    for page in pages:
        (folder / f"{page.id}.html").write_text(page.html, encoding="utf-8")
        (folder / f"{page.id}.txt").write_text(page.text, encoding="utf-8")
        truth = page.truth()
        if page.id in scored:
            r = scored[page.id]
            truth["output"] = {"text": r.text, "captions": r.captions, "recall": r.score.recall,
                               "leaked": r.score.leaked, "captions_lost": r.score.lost,
                               "captions_doubled": r.score.doubled}
        (folder / f"{page.id}.truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1),
                                                      encoding="utf-8")
        count += 1
    return count


class Timer:
    def __enter__(self) -> Timer:
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc: object) -> None:
        self.seconds = time.perf_counter() - self.start
