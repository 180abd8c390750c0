"""Fills the parts of one page: which article, which languages, which chrome, captions and extras where.

All choices come from one `random.Random` seeded with the corpus seed and the page number, so a page is the
same on every run. The body language and the chrome language are drawn independently (equal on about 40% of
pages); the `<html lang>` is the chrome language on most pages, missing or wrong on the others.
"""

from __future__ import annotations

import random

from .bodies import Article
from .captions import captions_for
from .chrome import LANGS, Chrome
from .markup import FIGURE_FORMS
from .parts import Block, Figure, Item, Listing, Parts

BODY_WEIGHTS = {"en": 4, "de": 1, "fr": 1, "es": 1, "pt": 1, "it": 1, "id": 1, "cs": 1, "ru": 1, "ja": 1,
                "zh": 1, "ko": 1}
MAX_ITEMS = 14
CMS = ["WordPress", "Drupal", "Joomla!", "Blogger", "Ghost", "Discuz!", "DedeCMS", "TYPO3"]


def pick_languages(rng: random.Random, available: set[str]) -> tuple[str, str, str | None]:
    """(body language, chrome language, html lang attribute) for one page."""
    langs = [lang for lang in BODY_WEIGHTS if lang in available]
    body = rng.choices(langs, weights=[BODY_WEIGHTS[lang] for lang in langs])[0]
    chrome = body if rng.random() < 0.4 else rng.choice(sorted(LANGS))
    roll = rng.random()
    if roll < 0.7:
        html_lang = chrome
    elif roll < 0.85:
        html_lang = None
    else:
        html_lang = rng.choice([lang for lang in sorted(LANGS) if lang != chrome])
    return body, chrome, html_lang


def window(article: Article, rng: random.Random) -> list[tuple[str, str]]:
    """A run of the article's lines: from the start on most pages, never more than MAX_ITEMS paragraphs."""
    lines = list(article.lines)
    starts = [i for i, (kind, _) in enumerate(lines) if kind == "p"]
    start = 0 if rng.random() < 0.6 or len(starts) <= MAX_ITEMS else rng.choice(starts[: len(starts) - MAX_ITEMS])
    out, paragraphs = [], 0
    for kind, text in lines[start:]:
        if kind == "p":
            paragraphs += 1
            if paragraphs > MAX_ITEMS:
                break
        out.append((kind, text))
    return out


def teaser_of(lead: str, lang: str, rng: random.Random, more: str) -> str:
    """The lead cut short, ending in an ellipsis or a read-more label (the way listing pages show it)."""
    cjk = lang in ("zh", "ja")
    units = list(lead) if cjk else lead.split()
    keep = max(3, int(len(units) * rng.uniform(0.4, 0.8)))
    cut = ("" if cjk else " ").join(units[:keep])
    cut = cut.rstrip(",.;:，。、 ")
    return cut + ("…" if rng.random() < 0.6 else " … " + more)


def _figures(captions: list[str], rng: random.Random, forms: list[str]) -> list[Figure]:
    figures = []
    for i, caption in enumerate(captions):
        form = rng.choice(forms) if rng.random() < 0.75 else rng.choice(FIGURE_FORMS)
        alt_roll = rng.random()
        alt = caption if alt_roll < 0.35 else "" if alt_roll < 0.6 else f"IMG_{rng.randint(1000, 9999)}.jpg"
        title = caption if rng.random() < 0.2 else ""
        copies = 0
        if rng.random() < 0.22:  # the content-farm pattern: the caption printed again as a paragraph
            copies = 1 if rng.random() < 0.75 else 2
        figures.append(Figure(caption=caption, src=f"/uploads/{rng.randint(2016, 2023)}/{i:02d}/photo-{i}.jpg",
                              form=form, alt=alt, title=title, copies=copies, copy_before=rng.random() < 0.3))
    return figures


def body_items(lines: list[tuple[str, str]], figures: list[Figure], chrome: Chrome,
               rng: random.Random, inline_ads: bool) -> list[Item]:
    """The article's items: paragraphs and subheadings in order, figures and ad labels between them."""
    items = [Item(kind=kind, text=text) for kind, text in lines]
    para_positions = [i for i, item in enumerate(items) if item.kind == "p"]
    slots = sorted(rng.sample(range(len(para_positions) + 1), min(len(figures), len(para_positions) + 1)))
    for offset, (slot, figure) in enumerate(zip(slots, figures, strict=False)):
        at = (para_positions[slot - 1] + 1 if slot else 0) + offset
        items.insert(at, Item(kind="fig", figure=figure))
    if inline_ads and len(items) > 3:
        items.insert(rng.randint(2, len(items) - 1), Item(kind="ad", text=chrome.pick("ad")))
    if rng.random() < 0.2 and len(items) > 4:
        items.insert(rng.randint(3, len(items) - 1),
                     Item(kind="also", text=chrome.heading("related") + ": " + chrome.headlines(1)[0]))
    return items


def listing(chrome: Chrome, kind: str, rng: random.Random, dated: bool | None = None) -> Listing:
    heads = {"most_read": "most_read", "related": "related", "latest": "latest", "popular": "most_read"}
    count = rng.randint(3, 6)
    dated = rng.random() < 0.5 if dated is None else dated
    entries = [(h, chrome.date() if dated else None) for h in chrome.headlines(count)]
    return Listing(kind=kind, heading=chrome.heading(heads[kind]), entries=entries,
                   numbered=kind == "most_read" and rng.random() < 0.5)


def chrome_blocks(ch: Chrome, body_ch: Chrome, lead: str, lang: str, rng: random.Random) -> list:
    """A shuffled pool of chrome blocks for sidebar, after-article and shared-container places."""
    pick = lambda: body_ch if rng.random() < 0.5 else ch  # noqa: E731 - notices and lists in either language
    blocks: list = [listing(ch, "most_read", rng), listing(pick(), "related", rng), listing(ch, "latest", rng)]
    for kind in rng.sample(["reprint", "copyright", "disclaimer", "source"], rng.randint(1, 3)):
        blocks.append(Block(kind="notice", lines=[pick().notice(kind)]))
    if rng.random() < 0.6:
        more = ch.pick("more")
        blocks.append(Block(kind="teaser", heading=ch.headlines(1)[0], lines=[teaser_of(lead, lang, rng, more)],
                            buttons=[more] if rng.random() < 0.5 else []))
    if rng.random() < 0.5:
        src = pick()
        entries = [(h, src.date() if rng.random() < 0.6 else None) for h in src.headlines(rng.randint(3, 5))]
        blocks.append(Block(kind="glued", entries=entries))
    if rng.random() < 0.5:
        blocks.append(Block(kind="newsletter", heading=ch.heading("newsletter"), lines=[ch.pick("newsletter")],
                            buttons=[ch.pick("newsletter_button")]))
    if rng.random() < 0.35:
        heading, rules = ch.table["policy"]
        blocks.append(Block(kind="policy", heading=heading, lines=list(rules)))
    if rng.random() < 0.5:
        buttons = rng.sample(ch.table["share"][1:], 4)  # the first entry is the block's own prompt
        blocks.append(Block(kind="share", heading=ch.table["share"][0], buttons=buttons))
    if rng.random() < 0.5:
        blocks.append(Block(kind="comments", heading=ch.heading("comments"), lines=[ch.pick("comment")]))
    if rng.random() < 0.4:
        blocks.append(Listing(kind="tags", heading=ch.heading("tags"), entries=[(t, None) for t in ch.sample("nav", 6)]))
    if rng.random() < 0.3:
        blocks.append(Block(kind="ad", lines=[ch.pick("ad")]))
    rng.shuffle(blocks)
    return blocks


def compose(article: Article, body_lang: str, chrome_lang: str, html_lang: str | None, split: str,
            rng: random.Random, figure_forms: list[str], shared_container: bool) -> Parts:
    """The parts of one page; `figure_forms` are the caption forms the family favours."""
    ch = Chrome(chrome_lang, split, rng)
    body_ch = ch if body_lang == chrome_lang else Chrome(body_lang, split, rng)  # one deck of headlines per language
    lines = window(article, rng)
    lead = next(text for kind, text in lines if kind == "p")
    count = rng.choices([0, 1, 2, 3], weights=[1, 4, 3, 2])[0]
    figures = _figures(captions_for(body_lang, split, rng, count), rng, figure_forms)
    items = body_items(lines, figures, ch, rng, inline_ads=rng.random() < 0.3)
    pool = chrome_blocks(ch, body_ch, lead, body_lang, rng)
    sidebar, after, container = [], [], []
    for block in pool:
        roll = rng.random()
        if shared_container and roll < 0.5:
            container.append(block)
        elif roll < 0.12:  # injected into the body by a plugin: at its end, or between two paragraphs
            paragraphs = [i for i, item in enumerate(items) if item.kind == "p"]
            at = len(items) if rng.random() < 0.7 or len(paragraphs) < 3 else rng.choice(paragraphs[1:-1]) + 1
            items.insert(at, Item(kind="block", block=block))
        elif roll < 0.75:
            sidebar.append(block)
        else:
            after.append(block)
    site = ch.pick("sites")
    footer_lines = [ch.rights(site)]
    if chrome_lang == "zh":
        footer_lines += ch.sample("icp", rng.randint(1, 2))
    if rng.random() < 0.4:
        footer_lines.append(ch.notice("disclaimer"))
    nav = ch.sample("nav", rng.randint(5, 9))
    cookie = None
    if rng.random() < 0.45:
        cookie = Block(kind="cookie", lines=[ch.pick("cookie")], buttons=ch.sample("cookie_buttons", 2))
    with_byline = rng.random() < 0.6
    return Parts(
        lang=chrome_lang, html_lang=html_lang, rtl=ch.rtl, site=site, tagline=ch.pick("taglines"), nav=nav,
        account=ch.sample("account", rng.randint(1, 3)), search=ch.pick("search"),
        breadcrumb=[ch.pick("home"), rng.choice(nav)], title=article.title,
        byline=body_ch.byline() if with_byline else "", dateline=body_ch.date() if rng.random() < 0.7 else "",
        items=items, tags_label=ch.pick("tags_label"), tags=ch.sample("nav", rng.randint(2, 4)),
        sidebar=sidebar, after=after, container=container,
        footer_links=ch.sample("footer", rng.randint(3, 7)), footer_lines=footer_lines, cookie=cookie,
        prevnext=rng.choice(ch.table["prevnext"]) if rng.random() < 0.6 else None,
        prevnext_titles=tuple(ch.headlines(2)), back_top=ch.pick("back_top"),
        powered=ch.pick("powered").format(cms=rng.choice(CMS)), here=ch.pick("here"), archive=ch.heading("archive"),
        variant_seed=rng.randrange(1 << 30))

