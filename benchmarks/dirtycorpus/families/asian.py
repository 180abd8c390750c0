"""Discuz! forums and portals, DedeCMS/PHPCMS article pages and mobile "m." pages (Chinese and Korean sites)."""

from __future__ import annotations

import random

from ..chrome import LANGS, Chrome
from ..markup import document, items_html, links, listing_html, place
from ..page import Ink
from ..parts import Listing, Parts
from .common import breadcrumb, cookie, footer_lines, meta_line, prevnext

# The "responsible editor" line Chinese CMS templates print under the article, and its kin elsewhere.
EDITOR = {"zh": "（责任编辑：{name}）", "ja": "（編集担当：{name}）", "ko": "(편집: {name})", "ru": "Редактор: {name}",
          "de": "Redaktion: {name}", "fr": "Édité par {name}", "es": "Editado por {name}", "pt": "Edição: {name}",
          "it": "A cura della redazione: {name}", "ar": "تحرير: {name}", "he": "עריכה: {name}", "fa": "ویراستار: {name}",
          "id": "Editor: {name}", "cs": "Editor: {name}"}


def _editor(parts: Parts, ink: Ink, rng: random.Random) -> str:
    name = rng.choice(LANGS[parts.lang]["names"])
    return f'<div class="editor">{ink.junk(EDITOR.get(parts.lang, "(Editor: {name})").format(name=name))}</div>'


def _side_dl(parts: Parts, ink: Ink, rng: random.Random) -> str:
    out = []
    for block in parts.sidebar:
        if isinstance(block, Listing):
            items = listing_html(Listing(block.kind, "", block.entries, block.numbered), ink, rng)
            out.append(f'<dl class="tbox"><dt><strong>{ink.junk(block.heading)}</strong></dt><dd>{items}</dd></dl>')
        else:
            out.append(place([block], ink, rng, head="strong"))
    return "\n".join(out)


def discuz(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Discuz! X: a forum thread (the post in td.t_f, <br /> between paragraphs) or a portal article view."""
    variant = rng.choice(["thread", "portal"])
    pid = rng.randint(10000, 999999)
    head = (f'<div id="toptb" class="cl"><div class="wp"><div class="y">{links(parts.account, ink, li=False, sep=" ")}'
            f'</div></div></div><div id="hd"><div class="wp"><div class="hdc cl"><h2><a href="./">{ink.junk(parts.site)}'
            f'</a></h2></div><div id="nv"><ul>{links(parts.nav, ink)}</ul></div></div></div>')
    crumbs = (f'<div id="pt" class="bm cl"><div class="z"><a href="./" class="nvhm">{ink.junk(parts.breadcrumb[0])}</a>'
              f' <em>›</em> <a href="forum.php">{ink.junk(parts.breadcrumb[1])}</a> <em>›</em> '
              f'<a href="#">{ink.neutral_text(parts.title)}</a></div></div>')
    side = _side_dl(parts, ink, rng)
    after = place(parts.after, ink, rng, wrap='<div class="bm"><div class="bm_c">{body}</div></div>', head="h3")
    pipe = '<span class="pipe">|</span>'
    foot = (f'<div id="ft" class="wp cl"><div id="flk" class="y"><p>{links(parts.footer_links, ink, li=False, sep=pipe)}'
            f'</p></div><div id="frt"><p>{ink.junk(parts.powered)}</p>'
            f'<p class="xs0">{"".join(ink.junk(line) + " " for line in parts.footer_lines)}</p></div></div>')
    if variant == "thread":
        body = items_html(parts.items, ink, rng, br_mode=True)
        edited = ""
        if rng.random() < 0.5:  # "本帖最后由 admin 于 … 编辑": the forum's edit stamp inside the post
            chrome = Chrome(parts.lang, "all", rng)
            edited = f'<i class="pstatus"> {ink.junk(chrome.pick("posted") + " " + chrome.date())} </i><br /><br />'
        author = ink.neutral_text(parts.byline) if parts.byline else ink.junk("admin")
        post = (f'<div id="postlist" class="pl bm"><table cellspacing="0" cellpadding="0"><tr><td class="plc ptm pbn vwthd">'
                f'<h1 class="ts"><span id="thread_subject">{ink.neutral_text(parts.title)}</span></h1></td></tr></table>'
                f'<div id="post_{pid}"><table id="pid{pid}" class="plhin" cellspacing="0" cellpadding="0"><tr>'
                f'<td class="pls" rowspan="2"><div class="pi"><div class="authi"><a class="xw1" href="#">{author}</a>'
                f'</div></div></td><td class="plc"><div class="pi"><div class="pti"><div class="authi">'
                f'<em id="authorposton{pid}">{ink.neutral_text(parts.dateline) if parts.dateline else ""}</em></div></div>'
                f'</div><div class="pct"><div class="pcb"><div class="t_fsz"><table cellspacing="0" cellpadding="0"><tr>'
                f'<td class="t_f" id="postmessage_{pid}">{edited}{body}</td></tr></table></div></div></div></td></tr>'
                f'<tr><td class="plc plm">{after}</td></tr><tr><td class="pls"></td><td class="plc"><div class="po hin">'
                f'<div class="pob cl"><em><a class="fastre" href="#">{ink.junk(parts.account[0])}</a></em></div></div>'
                f'</td></tr></table></div></div>')
        main = f'<div id="ct" class="wp cl">{post}</div><div class="sd">{side}</div>'
    else:
        body = items_html(parts.items, ink, rng)
        main = (f'<div id="ct" class="ct2 wp cl"><div class="mn"><div class="bm vw"><div class="h hm">'
                f'<h1 class="ph">{ink.neutral_text(parts.title)}</h1><p class="xg1">{meta_line(parts, ink, rng)}</p></div>'
                f'<div class="d"><table cellpadding="0" cellspacing="0" class="vwtb"><tr><td id="article_content">{body}'
                f'</td></tr></table></div><div class="o cl ptm pbm">{prevnext(parts, ink, "pren", "nxt")}</div>{after}'
                f'</div></div><div class="sd pph">{side}</div></div>')
    page = f'<body id="nv_forum" class="pg_viewthread">{head}<div id="wp" class="wp">{crumbs}{main}</div>{foot}' \
           f'{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, parts.title, page,
                             doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
                                     '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">')


def dedecms(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """DedeCMS (.viewbox/.content, 上一篇/下一篇, 责任编辑) and PHPCMS v9 (#Article, meta inside the h1)."""
    variant = rng.choice(["dede", "arc_body", "phpcms"])
    body = items_html(parts.items, ink, rng, heading="h3")
    side = _side_dl(parts, ink, rng)
    after = place(parts.after, ink, rng, wrap='<div class="{cls} mt1">{body}</div>', head="h5")
    top = (f'<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/">{ink.junk(parts.site)}</a>'
           f'</h1></div><div class="toplinks">{links(parts.account, ink, li=False, sep=" | ")}</div></div>'
           f'<div class="nav w960 center"><ul>{links(parts.nav, ink)}</ul></div></div>')
    context = ""
    if parts.prevnext:
        (p, n), (pt, nt) = parts.prevnext, parts.prevnext_titles
        context = (f'<div class="context"><ul><li>{ink.junk(p)}：<a href="/a/1.html">{ink.junk(pt)}</a></li>'
                   f'<li>{ink.junk(n)}：<a href="/a/2.html">{ink.junk(nt)}</a></li></ul></div>')
    if variant == "phpcms":
        article = (f'<div class="crumbs">{breadcrumb(parts, ink, rng, style="div", cls="crumb", with_title=False)}</div>'
                   f'<div id="Article"><h1>{ink.neutral_text(parts.title)}<br /><span>{meta_line(parts, ink, rng)}'
                   f'</span></h1><div class="content">{body}</div><div id="pages" class="text-c"></div>'
                   f'<p class="f14">{context}</p>{after}</div>')
        main = f'<div class="main"><div class="col-left">{article}</div><div class="col-auto">{side}</div></div>'
    else:
        cls = "content" if variant == "dede" else "arc_body content"
        crumbs = f'<div class="place">{breadcrumb(parts, ink, rng, style="div", cls="position", with_title=False)}</div>'
        article = (f'{crumbs}<div class="viewbox"><div class="title"><h2>{ink.neutral_text(parts.title)}</h2></div>'
                   f'<div class="info">{meta_line(parts, ink, rng)}</div><div class="{cls}">{body}</div>'
                   f'{_editor(parts, ink, rng)}<div class="dede_pages"><ul class="pagelist"></ul></div>'
                   f'<div class="handle">{context}</div></div>{after}')
        main = f'<div class="w960 center clear mt1"><div class="pleft">{article}</div><div class="pright">{side}</div></div>'
    foot = (f'<div class="footer w960 center mt1 clear"><div class="footer_left"></div><div class="footer_body">'
            f'<p class="powered">{links(parts.footer_links, ink, li=False, sep=" | ")}</p>'
            f'{footer_lines(parts, ink)}</div></div>')
    page = f"<body class=\"articleview\">{top}{main}{foot}{cookie(parts.cookie, ink, rng)}</body>"
    return variant, document(parts.html_lang, parts.rtl, parts.title, page)


def mobile(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """A mobile "m." page: a Chinese portal's m-article and a Korean portal's mobile news view (#dic_area)."""
    variant = rng.choice(["m-portal", "m-news-kr"])
    blocks = place(parts.sidebar + parts.after, ink, rng, wrap='<section class="m-box m-{cls}">{body}</section>',
                   head="h3")
    nav = "\n".join(f'<a href="/m/{i}">{ink.junk(label)}</a>' for i, label in enumerate(parts.nav))
    if variant == "m-portal":
        body = items_html(parts.items, ink, rng)
        main = (f'<header class="m-header"><a class="m-logo" href="/">{ink.junk(parts.site)}</a> '
                f'<a class="m-search" href="/s">{ink.junk(parts.account[0])}</a></header>'
                f'<nav class="m-nav"><div class="m-nav-scroll">{nav}</div></nav><section class="m-article">'
                f'<h1 class="m-title">{ink.neutral_text(parts.title)}</h1><div class="m-info">{meta_line(parts, ink, rng)}'
                f'</div><div class="m-article-body" id="artBody">{body}</div></section>{blocks}'
                f'<footer class="m-footer"><p>{links(parts.footer_links, ink, li=False, sep=" | ")}</p>'
                f'{footer_lines(parts, ink)}</footer>')
    else:
        body = items_html(parts.items, ink, rng, br_mode=True)
        main = (f'<div id="header" class="Nlnb"><a class="Nlogo" href="/">{ink.junk(parts.site)}</a>'
                f'<div class="Nlnb_menu_inner">{nav}</div></div><div id="ct" class="newsct"><div class="media_end_head '
                f'go_trans"><div class="media_end_head_title"><h2 class="media_end_head_headline">'
                f'{ink.neutral_text(parts.title)}</h2></div><div class="media_end_head_info">{meta_line(parts, ink, rng)}'
                f'</div></div><div id="contents" class="newsct_body"><div id="dic_area" class="go_trans '
                f'_article_content">{body}</div></div><div class="byline"></div><div class="media_end_copyright">'
                f'<p class="c_text">{footer_lines(parts, ink, "span")}</p></div></div>{blocks}'
                f'<div class="Nfoot"><ul>{links(parts.footer_links, ink)}</ul></div>')
    page = f'<body class="m-body">{main}{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, parts.title, page,
                             head_extra='<meta name="mobile-agent" content="format=html5">\n')
