"""Layout-driven pages: Bootstrap grids, old table layouts and AMP articles."""

from __future__ import annotations

import random

from ..markup import document, items_html, links, place
from ..page import Ink
from ..parts import Parts
from .common import account_links, breadcrumb, cookie, footer_lines, maybe_wrap, meta_line, tags_line


def bootstrap(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Bootstrap 3/4/5: navbar, container > row > col-*, cards or panels in the side column."""
    variant = rng.choice(["bs4", "bs3", "bs5"])
    body = items_html(parts.items, ink, rng, heading=rng.choice(["h2", "h3", "h4"]))
    main_col = rng.choice(["col-md-8", "col-lg-8", "col-sm-8 col-xs-12", "col-12 col-md-9"])
    side_col = rng.choice(["col-md-4", "col-lg-4", "col-sm-4 hidden-xs", "col-12 col-md-3"])
    if variant == "bs3":
        card = '<div class="panel panel-default {cls}"><div class="panel-body">{body}</div></div>'
        navbar = (f'<nav class="navbar navbar-default navbar-static-top"><div class="container"><div class="navbar-header">'
                  f'<a class="navbar-brand" href="/">{ink.junk(parts.site)}</a></div><div id="navbar" class="collapse '
                  f'navbar-collapse"><ul class="nav navbar-nav">{links(parts.nav, ink)}</ul><ul class="nav navbar-nav '
                  f'navbar-right">{links(parts.account, ink)}</ul></div></div></nav>')
    else:
        card = '<div class="card mb-4 {cls}"><div class="card-body">{body}</div></div>'
        navbar = (f'<nav class="navbar navbar-expand-lg navbar-light bg-light"><div class="container">'
                  f'<a class="navbar-brand" href="/">{ink.junk(parts.site)}</a><div class="collapse navbar-collapse">'
                  f'<ul class="navbar-nav me-auto mr-auto">{links(parts.nav, ink, cls="nav-item")}</ul>'
                  f'<span class="navbar-text">{account_links(parts, ink)}</span></div></div></nav>')
    side = place(parts.sidebar, ink, rng, wrap=card, head=rng.choice(["h4", "h5"]),
                 list_class="list-unstyled" if rng.random() < 0.5 else "list-group list-group-flush")
    after = place(parts.after, ink, rng, wrap='<div class="mt-4 {cls}">{body}</div>', head="h4")
    article = (f'<nav aria-label="breadcrumb">{breadcrumb(parts, ink, rng, cls="breadcrumb")}</nav>'
               f'<article class="{rng.choice(["blog-post", "post", "article"])}"><h1 class="'
               f'{rng.choice(["blog-post-title", "display-5", "mt-4"])}">{ink.neutral_text(parts.title)}</h1>'
               f'<p class="{rng.choice(["blog-post-meta", "lead text-muted", "text-muted small"])}">'
               f'{meta_line(parts, ink, rng)}</p>{maybe_wrap(body, rng, ["post-body", "article-text", "content"])}'
               f'{tags_line(parts, ink, "tags mt-3")}</article>{after}')
    columns = [f'<div class="{main_col}">{article}</div>', f'<div class="{side_col}">{side}</div>']
    if rng.random() < 0.25:
        columns.reverse()
    foot = (f'<footer class="footer mt-auto py-3 bg-light"><div class="container"><ul class="list-inline">'
            f'{links(parts.footer_links, ink, cls="list-inline-item")}</ul>'
            f'<span class="text-muted">{footer_lines(parts, ink, "span")}</span></div></footer>')
    page = (f'<body>{navbar}<main class="container"><div class="row">{"".join(columns)}</div></main>{foot}'
            f'{cookie(parts.cookie, ink, rng)}</body>')
    return variant, document(parts.html_lang, parts.rtl, parts.title, page)


def tables(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """A 2000s table layout: header row, then navigation, article and sidebar as cells of one table."""
    variant = rng.choice(["three-cells", "two-cells", "nested"])
    body = items_html(parts.items, ink, rng, heading="h3")
    side = place(parts.sidebar, ink, rng, wrap='<table width="100%" class="box"><tr><td>{body}</td></tr></table>',
                 head="b", style=rng.choice(["br", "table"]))
    after = place(parts.after, ink, rng, wrap="<div>{body}</div>", head="b", style="br")

    def navcell() -> str:
        return "<br>\n".join(f'<a href="/{i}.html" class="menu">{ink.junk(label)}</a>' for i, label in enumerate(parts.nav))

    font = rng.choice(['<font face="Verdana, Arial" size="2">', '<font face="Arial" size="2">', "<span>"])
    close = "</span>" if font == "<span>" else "</font>"
    title = f'<font size="4"><b>{ink.neutral_text(parts.title)}</b></font>' if rng.random() < 0.5 else \
        f'<h1 class="title">{ink.neutral_text(parts.title)}</h1>'
    article = (f'{title}<br><span class="date">{meta_line(parts, ink, rng)}</span>{font}{body}{close}{after}')
    header = (f'<tr><td colspan="3" class="header" bgcolor="#003366"><a href="/"><font color="#ffffff" size="5">'
              f'{ink.junk(parts.site)}</font></a><br><font color="#cccccc">{ink.junk(parts.tagline)}</font></td></tr>'
              f'<tr><td colspan="3" class="topnav">{account_links(parts, ink, " | ")}</td></tr>')
    foot = (f'<tr><td colspan="3" align="center" class="footer"><hr>{links(parts.footer_links, ink, sep=" | ", li=False)}'
            f'<br>{"<br>".join(ink.junk(line) for line in parts.footer_lines)}</td></tr>')
    if variant == "three-cells":
        row = (f'<tr><td width="160" valign="top" class="leftnav" bgcolor="#eeeeee">{navcell()}</td>'
               f'<td valign="top" class="main">{article}</td><td width="180" valign="top" class="right">{side}</td></tr>')
    elif variant == "two-cells":
        row = (f'<tr><td colspan="3" class="nav">{links(parts.nav, ink, sep=" | ", li=False)}</td></tr>'
               f'<tr><td valign="top" width="70%" colspan="2">{article}</td><td valign="top">{side}</td></tr>')
    else:
        row = (f'<tr><td width="150" valign="top">{navcell()}</td><td valign="top" colspan="2"><table width="100%" '
               f'cellpadding="4"><tr><td valign="top">{article}</td><td width="200" valign="top">{side}</td></tr>'
               f'</table></td></tr>')
    table = f'<table width="100%" border="0" cellspacing="0" cellpadding="0">{header}{row}{foot}</table>'
    page = f'<body bgcolor="#ffffff" topmargin="0" leftmargin="0"><center>{table}</center>' \
           f'{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, parts.title, page,
                             doctype='<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">')


def amp(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """AMP articles: the WordPress AMP plugin's legacy template and a news publisher's AMP page."""
    variant = rng.choice(["amp-wp", "amp-news"])
    body = items_html(parts.items, ink, rng, img_tag="amp-img", ad_class="amp-ad-wrapper")
    sidebar_nav = (f'<amp-sidebar id="sidebar" layout="nodisplay" side="right"><ul>{links(parts.nav, ink)}</ul>'
                   f'</amp-sidebar>')
    blocks = place(parts.sidebar + parts.after, ink, rng, wrap='<section class="amp-{cls}">{body}</section>', head="h3")
    consent = ""
    if parts.cookie:
        ink.mark("cookie_banner")
        consent = (f'<amp-user-notification layout="nodisplay" id="amp-user-notification1"><p>'
                   f'{ink.junk(parts.cookie.lines[0])}</p><button on="tap:amp-user-notification1.dismiss">'
                   f'{ink.junk(parts.cookie.buttons[0])}</button></amp-user-notification>')
    if variant == "amp-wp":
        page = (f'<body class="">{sidebar_nav}<header id="top" class="amp-wp-header"><div><a href="/">'
                f'{ink.junk(parts.site)}</a></div></header><article class="amp-wp-article"><header class="amp-wp-'
                f'article-header"><h1 class="amp-wp-title">{ink.neutral_text(parts.title)}</h1><div class="amp-wp-meta '
                f'amp-wp-byline">{meta_line(parts, ink, rng)}</div></header><div class="amp-wp-article-content">{body}'
                f'</div><footer class="amp-wp-article-footer"><div class="amp-wp-meta amp-wp-tax-tag">'
                f'{tags_line(parts, ink)}</div></footer></article>{blocks}<footer class="amp-wp-footer"><div>'
                f'<h2>{ink.junk(parts.site)}</h2>{footer_lines(parts, ink)}<a href="#top" class="back-to-top">'
                f'{ink.junk(parts.back_top)}</a></div></footer>{consent}</body>')
    else:
        page = (f'<body>{sidebar_nav}<header class="header"><button on="tap:sidebar.toggle" class="menu-btn">☰</button>'
                f'<a class="logo" href="/">{ink.junk(parts.site)}</a></header><main id="content" role="main">'
                f'<article class="article"><h1 class="article-title">{ink.neutral_text(parts.title)}</h1>'
                f'<div class="article-meta">{meta_line(parts, ink, rng)}</div><div class="article-body">{body}</div>'
                f'</article>{blocks}</main><footer class="footer"><ul>{links(parts.footer_links, ink)}</ul>'
                f'{footer_lines(parts, ink, "div")}</footer>{consent}</body>')
    head = '<script async src="https://cdn.ampproject.org/v0.js"></script>\n<style amp-custom>body{margin:0}</style>\n'
    return variant, document(parts.html_lang, parts.rtl, parts.title, page, head_extra=head, amp=True)
