"""Pieces of page furniture the families share, each with the family's own class names."""

from __future__ import annotations

import random

from ..markup import links
from ..page import Ink
from ..parts import Block, Parts


def nav_ul(parts: Parts, ink: Ink, ul_class: str, li_class: str = "") -> str:
    return f'<ul class="{ul_class}">{links(parts.nav, ink, cls=li_class)}</ul>'


def account_links(parts: Parts, ink: Ink, sep: str = " | ") -> str:
    return links(parts.account, ink, sep=sep, li=False)


def breadcrumb(parts: Parts, ink: Ink, rng: random.Random, style: str = "ol", with_title: bool | None = None,
               cls: str = "breadcrumb") -> str:
    """Home > Section (> Title): the title at the end is neutral, the rest chrome."""
    with_title = rng.random() < 0.5 if with_title is None else with_title
    crumbs = [f'<a href="/">{ink.junk(parts.breadcrumb[0])}</a>', f'<a href="/s/">{ink.junk(parts.breadcrumb[1])}</a>']
    if with_title:
        crumbs.append(f"<span>{ink.neutral_text(parts.title)}</span>")
    if style == "ol":
        return f'<ol class="{cls}">' + "".join(f"<li>{c}</li>" for c in crumbs) + "</ol>"
    sep = rng.choice([" &gt; ", " » ", " / ", " › "])
    prefix = f"<span>{ink.junk(parts.here)}</span> " if parts.here and rng.random() < 0.5 else ""
    return f'<div class="{cls}">{prefix}{sep.join(crumbs)}</div>'


def meta_line(parts: Parts, ink: Ink, rng: random.Random, label: str = "") -> str:
    """Byline and date as one line, each piece in its own span."""
    bits = []
    if parts.byline:
        bits.append(f'<span class="{rng.choice(["author", "byline", "vcard"])}">{ink.neutral_text(parts.byline)}</span>')
    if parts.dateline:
        lab = f"{ink.junk(label)} " if label else ""
        bits.append(f'<time datetime="2019-01-01">{lab}{ink.neutral_text(parts.dateline)}</time>')
    return rng.choice([" | ", " · ", " "]).join(bits)


def tags_line(parts: Parts, ink: Ink, cls: str = "tags") -> str:
    tags = ", ".join(f'<a href="/tag/{i}" rel="tag">{ink.junk(t)}</a>' for i, t in enumerate(parts.tags))
    return f'<div class="{cls}"><span>{ink.junk(parts.tags_label)}</span> {tags}</div>'


def prevnext(parts: Parts, ink: Ink, prev_cls: str = "nav-previous", next_cls: str = "nav-next") -> str:
    if not parts.prevnext:
        return ""
    (p, n), (pt, nt) = parts.prevnext, parts.prevnext_titles
    return (f'<div class="{prev_cls}"><a href="/prev/"><span>{ink.junk(p)}</span> {ink.junk(pt)}</a></div>'
            f'<div class="{next_cls}"><a href="/next/"><span>{ink.junk(n)}</span> {ink.junk(nt)}</a></div>')


def footer_lines(parts: Parts, ink: Ink, tag: str = "p") -> str:
    """Copyright, licence and disclaimer lines; inline tags get a separator so the words stay apart."""
    sep = " · " if tag in ("span", "small", "a") else ""
    return sep.join(f"<{tag}>{ink.junk(line)}</{tag}>" for line in parts.footer_lines)


def cookie(block: Block | None, ink: Ink, rng: random.Random) -> str:
    if block is None:
        return ""
    ink.mark("cookie_banner")
    cls = rng.choice(["cookie-notice", "cc-window cc-banner", "gdpr-banner", "cookie-consent", "cookiebar"])
    buttons = "".join(f'<button type="button">{ink.junk(b)}</button>' for b in block.buttons)
    return f'<div class="{cls}" role="dialog"><p>{ink.junk(block.lines[0])}</p>{buttons}</div>'


def maybe_wrap(html: str, rng: random.Random, classes: list[str], chance: float = 0.4) -> str:
    """Wrap in one more div now and then: real themes nest the same content at different depths."""
    if rng.random() < chance:
        return f'<div class="{rng.choice(classes)}">{html}</div>'
    return html
