"""News portals: one shared content container, and a modern news CMS with inline ads and photo captions."""

from __future__ import annotations

import random

from ..markup import block_html, document, items_html, links, listing_html, place
from ..page import Ink
from ..parts import Listing, Parts
from .common import breadcrumb, cookie, footer_lines, meta_line, nav_ul, tags_line


def _container_chunks(parts: Parts, ink: Ink, rng: random.Random, style: str) -> tuple[str, str]:
    """The shared container's extra blocks, split between before and after the body, as bare siblings."""
    before, after = [], []
    for block in parts.container:
        if isinstance(block, Listing):
            html = listing_html(block, ink, rng, style=rng.choice(["ul", "br", "div"]), head=rng.choice(["h3", "p"]))
        else:
            html = block_html(block, ink, rng, head=rng.choice(["h3", "strong", "p"]), p="p")
        (before if rng.random() < 0.15 else after).append(html)
    ink.mark("shared_container")
    return "\n".join(before), "\n".join(after)


def portal(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """A portal whose one `<div class="content">` holds the article, its related list and the notices."""
    variant = rng.choice(["content", "artibody", "article-wrap"])
    body = items_html(parts.items, ink, rng, heading="h3")
    pre, post = _container_chunks(parts, ink, rng, variant)
    sidebar = place(parts.sidebar, ink, rng, wrap='<div class="box {cls}">{body}</div>', head="h3",
                    style=rng.choice(["ul", "div"]))
    after = place(parts.after, ink, rng, wrap='<div class="mod">{body}</div>', head="h3")
    head = (f'<div class="top"><div class="logo"><a href="/">{ink.junk(parts.site)}</a></div>'
            f'<div class="topnav">{links(parts.account, ink, sep=" | ", li=False)}</div></div>'
            f'<div class="nav">{nav_ul(parts, ink, "navlist")}</div>')
    info = f'<div class="{rng.choice(["info", "source", "time-source", "article-meta"])}">{meta_line(parts, ink, rng)}</div>'
    title = f"<h1>{ink.neutral_text(parts.title)}</h1>"
    if variant == "content":
        container = f'<div class="content">{title}{info}{pre}{body}{post}</div>'
    elif variant == "artibody":
        container = (f'<div class="main-content">{title}{info}<div class="article" id="artibody">{pre}{body}{post}'
                     f'</div></div>')
    else:
        container = f'<div class="article-wrap"><div class="con">{title}{info}<div class="text">{pre}{body}</div>{post}</div></div>'
    main = f'<div class="left">{breadcrumb(parts, ink, rng, style="div", cls="crumbs")}{container}{after}</div>'
    side = f'<div class="right">{sidebar}</div>'
    cols = main + side if rng.random() < 0.7 else side + main
    foot = (f'<div class="footer"><p>{links(parts.footer_links, ink, sep=" | ", li=False)}</p>'
            f'{footer_lines(parts, ink)}</div>')
    page = f'<body><div class="wrap">{head}<div class="container clearfix">{cols}</div>{foot}</div>' \
           f'{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, parts.title, page)


def newsroom(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """A modern news CMS (Arc/Brightspot-like): article-body, ad slots between paragraphs, photo-caption, rails."""
    variant = rng.choice(["arc", "brightspot"])
    body = items_html(parts.items, ink, rng, heading="h2", ad_class=rng.choice(["ad-container", "dfp-ad", "adslot"]))
    rail = place(parts.sidebar, ink, rng, wrap='<section class="rail-module {cls}">{body}</section>', head="h2",
                 style="ol")
    after = place(parts.after, ink, rng, wrap='<section class="module {cls}">{body}</section>', head="h2")
    nav = f'<nav class="site-nav" aria-label="Sections">{nav_ul(parts, ink, "nav-list")}</nav>'
    header = (f'<header class="site-header"><a class="logo" href="/">{ink.junk(parts.site)}</a>{nav}'
              f'<div class="user-actions">{links(parts.account, ink, li=False, sep=" ")}</div></header>')
    if variant == "arc":
        article = (f'<article class="article"><header class="article-header"><div class="kicker">'
                   f'<a href="/s/">{ink.junk(parts.breadcrumb[1])}</a></div><h1 class="headline">'
                   f'{ink.neutral_text(parts.title)}</h1><div class="byline">{meta_line(parts, ink, rng)}</div></header>'
                   f'<div class="article-body" data-testid="article-body">{body}</div>'
                   f'<footer class="article-footer">{tags_line(parts, ink, "article-tags")}</footer></article>')
    else:
        article = (f'<main class="Page-main"><div class="ArticlePage-mainContent"><h1 class="ArticlePage-headline">'
                   f'{ink.neutral_text(parts.title)}</h1><div class="ArticlePage-authors">{meta_line(parts, ink, rng)}'
                   f'</div><div class="RichTextArticleBody RichTextBody">{body}</div></div></main>')
    page = (f'<body>{header}<div class="layout"><div class="layout-main">{article}{after}</div>'
            f'<aside class="layout-rail">{rail}</aside></div><footer class="site-footer">'
            f'<ul>{links(parts.footer_links, ink)}</ul>{footer_lines(parts, ink, "small")}</footer>'
            f'{cookie(parts.cookie, ink, rng)}</body>')
    return variant, document(parts.html_lang, parts.rtl, parts.title, page)
