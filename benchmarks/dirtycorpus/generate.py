"""Generates the corpus: page i of a seed is drawn from its own random stream, so any page can be rebuilt alone.

Seeds: `dev` (for tuning) and `holdout` (for checking) use the same families, languages and forms but
disjoint articles (see `bodies`) and disjoint halves of the larger string pools (see `chrome`, `captions`); an
integer seed draws from everything. Families take turns, so every family has its share of pages in any run.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from .bodies import articles_for
from .compose import compose, pick_languages
from .dump import text_dump
from .families import FAMILIES
from .page import Ink, Page

SEEDS = ("dev", "holdout")


def split_of(seed: str) -> str:
    return seed if seed in SEEDS else "all"


def make_page(seed: str, index: int) -> Page:
    """Page `index` of corpus `seed`."""
    rng = random.Random(f"dirty-pages/{seed}/{index}")
    split = split_of(seed)
    articles = articles_for(split)
    family = FAMILIES[index % len(FAMILIES)]
    body_lang, chrome_lang, html_lang = pick_languages(rng, set(articles))
    article = rng.choice(articles[body_lang])
    parts = compose(article, body_lang, chrome_lang, html_lang, split, rng, list(family.forms), family.shared_container)
    ink = Ink()
    variant, html = family.render(parts, ink, rng)
    return Page(id=f"{seed}-{index:04d}", family=family.name, variant=variant, chrome_lang=chrome_lang,
                body_lang=body_lang, html_lang=html_lang, source=article.source, title=parts.title,
                body=list(ink.body), captions=list(ink.captions), neutral=list(ink.neutral),
                boilerplate=list(ink.boilerplate), html=html, text=text_dump(html), features=list(ink.features))


def generate(seed: str = "dev", pages: int = 400) -> Iterator[Page]:
    """The first `pages` pages of corpus `seed`."""
    for index in range(pages):
        yield make_page(seed, index)
