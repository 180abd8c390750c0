"""Blog engines and site builders: Blogger, Ghost/Medium (<article> with <aside>), TYPO3 and Wix div soup."""

from __future__ import annotations

import random

from ..markup import document, figure, items_html, links, listing_html, place
from ..page import Ink
from ..parts import Item, Listing, Parts
from .common import breadcrumb, cookie, footer_lines, meta_line, nav_ul


def blogger(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Blogger's layout templates: date-outer > post-outer > post-body, blog-pager, widgets in the sidebar."""
    variant = rng.choice(["simple", "awesome"])
    br_mode = rng.random() < 0.5
    body = items_html(parts.items, ink, rng, br_mode=br_mode)
    widgets = []
    for block in parts.sidebar:
        wid = "PopularPosts" if isinstance(block, Listing) and block.kind == "most_read" else "HTML"
        widgets.append(f'<div class="widget {wid}"><div class="widget-content">{place([block], ink, rng, head="h2")}'
                       f"</div></div>")
    years = rng.sample(range(2012, 2024), 3)
    archive = "".join(f'<li class="archivedate"><a class="post-count-link" href="/{y}/">{ink.junk(str(y))}</a> '
                      f'<span class="post-count" dir="ltr">{ink.junk(f"({rng.randint(3, 60)})")}</span></li>'
                      for y in sorted(years, reverse=True))
    widgets.append(f'<div class="widget BlogArchive" id="BlogArchive1"><h2>{ink.junk(parts.archive)}'
                   f'</h2><div class="widget-content"><ul class="hierarchy">{archive}</ul></div></div>')
    after = place(parts.after, ink, rng, wrap='<div class="widget {cls}">{body}</div>', head="h4")
    labels = ", ".join(f'<a href="/search/label/{i}" rel="tag">{ink.junk(t)}</a>' for i, t in enumerate(parts.tags))
    pager = ""
    if parts.prevnext:
        pager = (f'<div class="blog-pager" id="blog-pager"><span id="blog-pager-newer-link"><a class="blog-pager-newer-link"'
                 f' href="#">{ink.junk(parts.prevnext[1])}</a></span>\n<span id="blog-pager-older-link"><a class="blog-pager'
                 f'-older-link" href="#">{ink.junk(parts.prevnext[0])}</a></span>\n<a class="home-link" href="/">'
                 f'{ink.junk(parts.breadcrumb[0])}</a></div>')
    date = f'<h2 class="date-header"><span>{ink.neutral_text(parts.dateline)}</span></h2>' if parts.dateline else ""
    byline = f'<span class="post-author vcard">{ink.neutral_text(parts.byline)}</span>' if parts.byline else ""
    post = (f'<div class="date-outer">{date}<div class="date-posts"><div class="post-outer"><div class="post hentry '
            f'uncustomized-post-template" itemprop="blogPost"><h3 class="post-title entry-title" itemprop="name">'
            f'{ink.neutral_text(parts.title)}</h3><div class="post-header"><div class="post-header-line-1"></div></div>'
            f'<div class="post-body entry-content" id="post-body-{rng.randint(10**8, 10**9)}" itemprop="description '
            f'articleBody">{body}<div style="clear: both;"></div></div><div class="post-footer"><div class="post-footer'
            f'-line post-footer-line-1">{byline}</div><div class="post-footer-line post-footer-line-2"><span class="post-'
            f'labels">{ink.junk(parts.tags_label)} {labels}</span></div></div></div>{after}</div></div></div>')
    header = (f'<div class="header-outer"><div class="Header widget" id="Header1"><div id="header-inner"><h1 class="title">'
              f'<a href="/">{ink.junk(parts.site)}</a></h1><p class="description"><span>{ink.junk(parts.tagline)}</span>'
              f'</p></div></div></div><div class="tabs-outer"><div class="widget PageList"><ul>{links(parts.nav, ink)}'
              f'</ul></div></div>')
    main = (f'<div class="main-outer"><div class="columns fauxcolumns"><div class="column-center-outer"><div class="main '
            f'section" id="main"><div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">{post}</div>{pager}'
            f'</div></div></div><div class="column-right-outer"><div class="sidebar section" id="sidebar-right-1">'
            f'{"".join(widgets)}</div></div></div></div>')
    foot = (f'<div class="footer-outer"><div class="widget Attribution" id="Attribution1"><div class="widget-content">'
            f'{footer_lines(parts, ink, "div")}<div>{ink.junk(parts.powered)}</div></div></div></div>')
    outer = "content-outer" if variant == "simple" else "content-outer awesome-inner"
    page = f'<body class="loading"><div class="content"><div class="{outer}">{header}{main}{foot}</div></div>' \
           f'{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, f"{parts.site}: {parts.title}", page)


def ghost(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Ghost's Casper (post-full-content, read-next <aside>) and a Medium story (section-inner, graf--p)."""
    variant = rng.choice(["casper", "medium"])
    aside = place(parts.sidebar, ink, rng, wrap='<article class="read-next-card {cls}">{body}</article>', head="h3")
    after = place(parts.after, ink, rng, wrap='<section class="{cls}">{body}</section>', head="h3")
    if variant == "casper":
        body = items_html(parts.items, ink, rng)
        page = (f'<div class="site-wrapper"><header class="site-header outer"><nav class="site-nav"><a class="site-nav-logo"'
                f' href="/">{ink.junk(parts.site)}</a>{nav_ul(parts, ink, "nav", "nav-item")}<div class="site-nav-right">'
                f'<a class="subscribe-button" href="#subscribe">{ink.junk(parts.account[0])}</a></div></nav></header>'
                f'<main id="site-main" class="site-main outer"><div class="inner"><article class="post-full post">'
                f'<header class="post-full-header"><section class="post-full-tags"><a href="/tag/x/">'
                f'{ink.junk(parts.breadcrumb[1])}</a></section><h1 class="post-full-title">{ink.neutral_text(parts.title)}'
                f'</h1><div class="post-full-byline">{meta_line(parts, ink, rng)}</div></header><section class="post-full-'
                f'content"><div class="post-content">{body}</div></section>{after}</article></div></main>'
                f'<aside class="read-next outer"><div class="inner"><div class="read-next-feed">{aside}</div></div></aside>'
                f'<footer class="site-footer outer"><div class="site-footer-content inner"><section class="copyright">'
                f'{footer_lines(parts, ink, "div")}</section><nav class="site-footer-nav">'
                f'{links(parts.footer_links, ink, li=False, sep=" ")}</nav></div></footer></div>')
    else:
        grafs = []
        for item in parts.items:
            if item.kind == "p":
                grafs.append(f'<p class="graf graf--p">{ink.para(item.text)}</p>')
            elif item.kind == "h":
                grafs.append(f'<h3 class="graf graf--h3">{ink.neutral_text(item.text)}</h3>')
            else:
                grafs.append(items_html([item], ink, rng))
        page = (f'<div class="metabar"><a class="siteNav-logo" href="/">{ink.junk(parts.site)}</a>'
                f'<div class="metabar-block">{links(parts.account, ink, li=False, sep=" ")}</div></div>'
                f'<main role="main"><article class="meteredContent"><div class="postArticle-content"><section '
                f'class="section section--body section--first"><div class="section-content"><div class="section-inner '
                f'sectionLayout--insetColumn"><h1 class="graf graf--h3 graf--leading graf--title">'
                f'{ink.neutral_text(parts.title)}</h1><div class="postMetaInline">{meta_line(parts, ink, rng)}</div>'
                f'{"".join(grafs)}</div></div></section></div><footer class="u-paddingTop10">{after}</footer></article>'
                f'<aside class="js-postShareWidget">{aside}</aside></main>')
    return variant, document(parts.html_lang, parts.rtl, parts.title,
                             f'<body class="post-template">{page}{cookie(parts.cookie, ink, rng)}</body>')


def _typo3_frames(items: list[Item], ink: Ink, rng: random.Random) -> str:
    """TYPO3 content elements: each text or text-with-image element is its own `frame` div."""
    frames, run = [], []
    uid = rng.randint(100, 900)

    def flush() -> None:
        if run:
            nonlocal uid
            uid += 1
            frames.append(f'<div id="c{uid}" class="frame frame-default frame-type-text frame-layout-0">{"".join(run)}</div>')
            run.clear()

    for item in items:
        if item.kind == "p":
            run.append(f'<p class="bodytext">{ink.para(item.text)}</p>')
            if rng.random() < 0.35:
                flush()
        elif item.kind == "h":
            flush()
            run.append(f"<header><h2>{ink.neutral_text(item.text)}</h2></header>")
        elif item.kind == "fig":
            flush()
            uid += 1
            frames.append(f'<div id="c{uid}" class="frame frame-default frame-type-textpic frame-layout-0"><div class="ce-'
                          f'textpic ce-center ce-above"><div class="ce-gallery" data-ce-columns="1" data-ce-images="1">'
                          f'<div class="ce-outer"><div class="ce-inner"><div class="ce-row"><div class="ce-column">'
                          f'{figure(item.figure, ink, rng)}</div></div></div></div></div></div></div>')
        else:
            flush()
            frames.append(items_html([item], ink, rng))
    flush()
    return "\n".join(frames)


def divsoup(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """TYPO3 (content elements in frame divs) and Wix (generated class names, richTextElement, data-hook)."""
    variant = rng.choice(["typo3", "wix-site", "wix-blog"])
    if variant == "typo3":
        side = place(parts.sidebar, ink, rng, wrap='<div class="frame frame-default frame-type-list">{body}</div>',
                     head="h3")
        after = place(parts.after, ink, rng, wrap='<div class="frame frame-default frame-type-html">{body}</div>', head="h3")
        page = (f'<div id="page"><header id="header"><div class="logo"><a href="/">{ink.junk(parts.site)}</a></div>'
                f'<nav class="mainnav">{nav_ul(parts, ink, "nav navbar-nav")}</nav></header><div id="content" class="row">'
                f'<div class="col-md-9"><div class="breadcrumb-section">{breadcrumb(parts, ink, rng)}</div><main>'
                f'<div class="frame frame-default frame-type-header"><header><h1>{ink.neutral_text(parts.title)}</h1>'
                f'</header><p class="date">{meta_line(parts, ink, rng)}</p></div>{_typo3_frames(parts.items, ink, rng)}'
                f'{after}</main></div><aside class="col-md-3">{side}</aside></div><footer id="footer">'
                f'<ul>{links(parts.footer_links, ink)}</ul>{footer_lines(parts, ink)}</footer></div>')
    else:
        def comp() -> str:
            return f"comp-{''.join(rng.choice('abcdefghijklmnopqrstuvwxyz0123456789') for _ in range(8))}"

        def rich(inner: str) -> str:
            return f'<div id="{comp()}" class="_1Q9if" data-testid="richTextElement">{inner}</div>'

        if variant == "wix-site":
            body = "".join(rich(f'<p class="font_8"><span style="font-size:17px;">{ink.para(i.text)}</span></p>')
                           if i.kind == "p" else rich(items_html([i], ink, rng)) for i in parts.items)
        else:
            body = "".join(f'<p dir="auto" class="blog-post-text-font _2PHJq public-DraftStyleDefault-ltr">'
                           f'{ink.para(i.text)}</p>' if i.kind == "p" else items_html([i], ink, rng) for i in parts.items)
            body = f'<div data-hook="post-description"><div class="post-content__body"><div data-rce-version="9">{body}' \
                   f'</div></div></div>'
        side = "".join(rich(listing_html(b, ink, rng, style="div")) if isinstance(b, Listing)
                       else rich(place([b], ink, rng, head="h4")) for b in parts.sidebar)
        after = "".join(rich(place([b], ink, rng, head="h4")) for b in parts.after)
        nav = "".join(f'<li><a data-testid="linkElement" href="/{i}"><p class="_3A4rh">{ink.junk(label)}</p></a></li>'
                      for i, label in enumerate(parts.nav))
        page = (f'<div id="SITE_CONTAINER"><div id="main_MF"><div id="SITE_ROOT"><div id="masterPage" class="mesh-layout">'
                f'<header id="SITE_HEADER">{rich(f"<p class=font_0>{ink.junk(parts.site)}</p>")}<nav id="{comp()}" '
                f'aria-label="Site"><ul>{nav}</ul></nav></header><main id="PAGES_CONTAINER"><div id="SITE_PAGES">'
                f'<div class="{comp()}">{rich(f"<h1 class=font_2>{ink.neutral_text(parts.title)}</h1>")}'
                f'{rich(meta_line(parts, ink, rng))}{body}{after}</div><div class="{comp()}">{side}</div></div></main>'
                f'<footer id="SITE_FOOTER">{rich(footer_lines(parts, ink))}</footer></div></div></div></div>')
    return variant, document(parts.html_lang, parts.rtl, parts.title,
                             f"<body>{page}{cookie(parts.cookie, ink, rng)}</body>")
