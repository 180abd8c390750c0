"""Article bodies from the ground truth of the two shared extraction benchmarks.

Each ground-truth `articleBody` is split on newlines; a line becomes a body paragraph when it is a sentence
(seven tokens or more, or four or more ending in sentence punctuation; twice that for a line of CJK characters,
each of which is a token), otherwise a subheading (neutral: a cleaner may keep or drop it). The title is the first short line among the first three, else the lead's first
words. Texts that are placeholder Latin, or have fewer than 40 tokens of paragraphs, are left out, and the
same text appearing under several keys is used once.

Languages come from the script for Japanese (kana), Korean (Hangul) and Chinese (Han without either), and
from langdetect otherwise. The `dev` and `holdout` splits take alternate articles of each language (ordered by
a hash of their key); a language with a single article gives the first half of its paragraphs to dev and the
second half to holdout. A numeric seed draws from all articles.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .score import tokens

ROOT = Path(__file__).resolve().parents[2]
SETS = ("scrapinghub", "readability")
_PLACEHOLDER = re.compile(r"\b(lorem ipsum|consectetur|incididunt|dolore magna)\b", re.IGNORECASE)
_SENTENCE_END = tuple(".!?。！？」』…:;\"'”’)»")


def shared_dir() -> Path:
    """../shared beside the clone, or /work/shared from a worktree, or $CLEANCRAWL_SHARED."""
    candidates = [Path(os.environ.get("CLEANCRAWL_SHARED", "/nonexistent")), ROOT.parent / "shared",
                  ROOT.parent.parent / "shared"]
    for candidate in candidates:
        if (candidate / "benchmarks" / "scrapinghub" / "ground-truth.json").exists():
            return candidate
    raise FileNotFoundError("shared benchmarks not found (set CLEANCRAWL_SHARED)")


@dataclass(frozen=True)
class Article:
    """One ground-truth article: where it comes from, its language, title and lines."""

    source: str
    lang: str
    title: str
    lines: tuple[tuple[str, str], ...]  # ("p", paragraph) or ("h", subheading), in order

    @property
    def paragraphs(self) -> list[str]:
        return [text for kind, text in self.lines if kind == "p"]


def detect_language(text: str) -> str:
    """The text's language: by script for ja, ko and zh, by langdetect (seeded) for the rest."""
    letters = len(re.sub(r"[\W\d_]", "", text)) or 1
    if len(re.findall("[\u3040-\u30ff\u4e00-\u9fff]", text)) > 0.3 * letters and re.search("[\u3040-\u30ff]", text):
        return "ja"
    if len(re.findall("[\uac00-\ud7af]", text)) > 20:
        return "ko"
    if len(re.findall("[\u4e00-\u9fff]", text)) > 0.3 * letters:
        return "zh"
    from langdetect import DetectorFactory, detect

    DetectorFactory.seed = 0
    return detect(text).split("-")[0]


def _is_paragraph(line: str) -> bool:
    toks = tokens(line)
    # a CJK character is a token, so a Chinese or Japanese line needs about twice the tokens of a sentence of words
    scale = 2 if sum(len(t) == 1 and not t.isascii() for t in toks) * 2 > len(toks) else 1
    return len(toks) >= 7 * scale or (len(toks) >= 4 * scale and line.rstrip().endswith(_SENTENCE_END))


def _article(source: str, body: str, lang: str) -> Article | None:
    raw = [re.sub(r"\s+", " ", line).strip() for line in body.split("\n")]
    raw = [line for line in raw if tokens(line)]
    title = ""
    for i, line in enumerate(raw[:3]):
        if 2 <= len(tokens(line)) <= 16 and not line.endswith((".", "。")) and not line.startswith("("):
            title = line
            raw = raw[:i] + raw[i + 1:]
            break
    lines = tuple(("p" if _is_paragraph(line) else "h", line) for line in raw)
    article = Article(source=source, lang=lang, title=title, lines=lines)
    if sum(len(tokens(p)) for p in article.paragraphs) < 40:
        return None
    if not title:
        lead = article.paragraphs[0]
        cut = 14 if lang in ("zh", "ja") else 8
        words = lead.split() if lang not in ("zh", "ja") else list(lead)
        joiner = "" if lang in ("zh", "ja") else " "
        title = joiner.join(words[:cut]).rstrip(",.;:，。") + "…"
        article = Article(source=source, lang=lang, title=title, lines=lines)
    return article


@cache
def all_articles() -> tuple[Article, ...]:
    """Every usable article of both shared sets, in a stable order."""
    seen: set[str] = set()
    found = []
    for name in SETS:
        data = json.loads((shared_dir() / "benchmarks" / name / "ground-truth.json").read_text(encoding="utf-8"))
        for key in sorted(data):
            body = data[key]["articleBody"]
            if body in seen or _PLACEHOLDER.search(body[:600]):
                continue
            seen.add(body)
            article = _article(f"{name}/{key}", body, detect_language(body))
            if article is not None:
                found.append(article)
    return tuple(found)


def _halve(article: Article, half: int) -> Article:
    lines = article.lines
    cut = len(lines) // 2
    return Article(source=f"{article.source}#{'ab'[half]}", lang=article.lang, title=article.title,
                   lines=lines[:cut] if half == 0 else lines[cut:])


@cache
def articles_for(split: str) -> dict[str, tuple[Article, ...]]:
    """Articles by language for a split: "dev", "holdout" or "all"."""
    by_lang: dict[str, list[Article]] = {}
    for article in all_articles():
        by_lang.setdefault(article.lang, []).append(article)
    chosen: dict[str, tuple[Article, ...]] = {}
    for lang, group in sorted(by_lang.items()):
        group.sort(key=lambda a: hashlib.sha1(a.source.encode()).hexdigest())
        if split == "all":
            picked = group
        elif len(group) == 1:
            picked = [_halve(group[0], 0 if split == "dev" else 1)]
        else:
            picked = group[0::2] if split == "dev" else group[1::2]
        picked = [a for a in picked if a.paragraphs]
        if picked:
            chosen[lang] = tuple(picked)
    return chosen
