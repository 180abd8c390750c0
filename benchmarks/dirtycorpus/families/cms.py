"""WordPress, Drupal and Joomla article pages, after the markup their stock themes print."""

from __future__ import annotations

import random

from ..markup import document, items_html, links, place
from ..page import Ink
from ..parts import Parts
from .common import (
    account_links,
    breadcrumb,
    cookie,
    footer_lines,
    maybe_wrap,
    meta_line,
    nav_ul,
    prevnext,
    tags_line,
)


def wordpress(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Classic themes (Twenty-*), Genesis and the Newspaper theme: entry-content, widgets, post navigation."""
    variant = rng.choice(["classic", "genesis", "newspaper"])
    pid = rng.randint(100, 9999)
    body = items_html(parts.items, ink, rng, heading=rng.choice(["h2", "h3"]))
    after = place(parts.after, ink, rng, wrap='<div class="{cls}">{body}</div>', head="h3")
    if variant == "classic":
        header = (f'<header id="masthead" class="site-header"><div class="site-branding">'
                  f'<p class="site-title"><a href="/">{ink.junk(parts.site)}</a></p>'
                  f'<p class="site-description">{ink.junk(parts.tagline)}</p></div>'
                  f'<nav id="site-navigation" class="main-navigation">'
                  f'{nav_ul(parts, ink, "menu nav-menu", "menu-item")}</nav></header>')
        article = (f'<article id="post-{pid}" class="post-{pid} post type-post status-publish format-standard hentry">'
                   f'<header class="entry-header"><h1 class="entry-title">{ink.neutral_text(parts.title)}</h1>'
                   f'<div class="entry-meta">{meta_line(parts, ink, rng)}</div></header>'
                   f'<div class="entry-content">{body}</div>'
                   f'<footer class="entry-footer">{tags_line(parts, ink, "tags-links")}</footer></article>'
                   f'<nav class="navigation post-navigation"><div class="nav-links">{prevnext(parts, ink)}</div></nav>')
        sidebar = place(parts.sidebar, ink, rng, wrap='<section class="widget widget_{cls}">{body}</section>',
                        head="h2", head_class="widget-title")
        main = (f'<div id="primary" class="content-area"><main id="main" class="site-main">{article}{after}</main></div>'
                f'<aside id="secondary" class="widget-area">{sidebar}</aside>')
        footer = (f'<footer id="colophon" class="site-footer"><div class="site-info">{footer_lines(parts, ink)}'
                  f'<a href="https://wordpress.org/">{ink.junk(parts.powered)}</a></div></footer>')
        page = f'<div id="page" class="site">{header}<div id="content" class="site-content">{main}</div>{footer}</div>'
    elif variant == "genesis":
        header = (f'<header class="site-header"><div class="wrap"><div class="title-area">'
                  f'<p class="site-title"><a href="/">{ink.junk(parts.site)}</a></p></div>'
                  f'<div class="widget-area header-widget-area">{account_links(parts, ink)}</div></div></header>'
                  f'<nav class="nav-primary"><div class="wrap">{nav_ul(parts, ink, "menu genesis-nav-menu", "menu-item")}'
                  f'</div></nav>')
        article = (f'<article class="post-{pid} post type-post entry"><header class="entry-header">'
                   f'<h1 class="entry-title">{ink.neutral_text(parts.title)}</h1>'
                   f'<p class="entry-meta">{meta_line(parts, ink, rng)}</p></header>'
                   f'<div class="entry-content">{body}</div><footer class="entry-footer"><p class="entry-meta">'
                   f'{tags_line(parts, ink, "entry-tags")}</p></footer></article>')
        sidebar = place(parts.sidebar, ink, rng, wrap='<section class="widget {cls}"><div class="widget-wrap">{body}'
                        '</div></section>', head="h3", head_class="widgettitle widget-title")
        main = (f'<main class="content">{article}{after}</main>'
                f'<aside class="sidebar sidebar-primary widget-area" role="complementary">{sidebar}</aside>')
        footer = (f'<footer class="site-footer"><div class="wrap">{footer_lines(parts, ink)}'
                  f'<p>{ink.junk(parts.powered)}</p></div></footer>')
        page = (f'<div class="site-container">{header}<div class="site-inner"><div class="content-sidebar-wrap">'
                f'{main}</div></div>{footer}</div>')
    else:
        header = (f'<div class="td-header-wrap"><div class="td-header-top-menu">{account_links(parts, ink)}</div>'
                  f'<div class="td-header-sp-logo"><a class="td-main-logo" href="/">{ink.junk(parts.site)}</a></div>'
                  f'<div class="td-header-menu-wrap">{nav_ul(parts, ink, "sf-menu", "menu-item")}</div></div>')
        article = (f'<article class="post type-post"><div class="td-post-header">'
                   f'{breadcrumb(parts, ink, rng, style="div", cls="entry-crumbs")}'
                   f'<header class="td-post-title"><h1 class="entry-title">{ink.neutral_text(parts.title)}</h1>'
                   f'<div class="td-module-meta-info">{meta_line(parts, ink, rng)}</div></header></div>'
                   f'<div class="td-post-content tagdiv-type">{body}</div>'
                   f'<footer><div class="td-post-source-tags">{tags_line(parts, ink, "td-tags")}</div>'
                   f'<div class="td-block-row td-post-next-prev">{prevnext(parts, ink, "td-post-prev-post", "td-post-next-post")}'
                   f'</div></footer></article>')
        sidebar = place(parts.sidebar, ink, rng, wrap='<div class="td_block_wrap td_block_{cls}">{body}</div>',
                        head="h4", head_class="block-title")
        main = (f'<div class="td-pb-row"><div class="td-pb-span8 td-main-content"><div class="td-ss-main-content">'
                f'{article}{after}</div></div><div class="td-pb-span4 td-main-sidebar">{sidebar}</div></div>')
        footer = (f'<div class="td-footer-wrapper">{links(parts.footer_links, ink, sep=" ", li=False)}</div>'
                  f'<div class="td-sub-footer-container">{footer_lines(parts, ink, "div")}</div>')
        page = f'<div id="td-outer-wrap" class="td-theme-wrap">{header}<div class="td-main-content-wrap td-container">' \
               f'{maybe_wrap(main, rng, ["td-container-wrap", "td-crumb-container"])}</div>{footer}</div>'
    body_html = f'<body class="post-template-default single single-post postid-{pid}">{page}' \
                f'{cookie(parts.cookie, ink, rng)}</body>'
    return variant, document(parts.html_lang, parts.rtl, f"{parts.title} – {parts.site}", body_html)


def drupal(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Drupal 8+ (regions, blocks, field--name-body) and Drupal 7 (field-name-body, block-system-main)."""
    variant = rng.choice(["d8", "d7"])
    nid = rng.randint(100, 99999)
    body = items_html(parts.items, ink, rng)
    if variant == "d8":
        blocks = place(parts.sidebar, ink, rng, wrap='<div class="views-element-container block block-views '
                       'block-views-block{cls}"><div class="content"><div class="item-list">{body}</div></div></div>',
                       head="h2")
        after = place(parts.after, ink, rng, wrap='<div class="block block-{cls}">{body}</div>', head="h2")
        header = (f'<header role="banner"><div class="region region-header"><div class="site-branding__text">'
                  f'<div class="site-branding__name"><a href="/" rel="home">{ink.junk(parts.site)}</a></div>'
                  f'<div class="site-branding__slogan">{ink.junk(parts.tagline)}</div></div></div>'
                  f'<div class="region region-primary-menu"><nav role="navigation" id="block-mainnavigation" '
                  f'class="block block-menu navigation menu--main">{nav_ul(parts, ink, "menu", "menu-item")}</nav>'
                  f'</div></header>')
        node = (f'<article role="article" class="node node--type-article node--promoted node--view-mode-full">'
                f'<h1 class="page-title"><span class="field field--name-title">{ink.neutral_text(parts.title)}</span>'
                f'</h1><div class="node__meta">{meta_line(parts, ink, rng)}</div><div class="node__content">'
                f'<div class="clearfix text-formatted field field--name-body field--type-text-with-summary '
                f'field--label-hidden field__item">{body}</div>'
                f'<div class="field field--name-field-tags field--type-entity-reference field--label-above">'
                f'<div class="field__label">{ink.junk(parts.tags_label.rstrip(":： "))}</div><div class="field__items">'
                + "".join(f'<div class="field__item"><a href="/t/{i}">{ink.junk(t)}</a></div>'
                          for i, t in enumerate(parts.tags)) + f"</div></div></div></article>{after}")
        page = (f'<div class="dialog-off-canvas-main-canvas"><div class="layout-container">{header}'
                f'<div class="region region-breadcrumb"><nav class="breadcrumb" role="navigation">'
                f'{breadcrumb(parts, ink, rng)}</nav></div><main role="main"><div class="layout-content">'
                f'<div class="region region-content"><div id="block-content" class="block block-system '
                f'block-system-main-block">{node}</div></div></div>'
                f'<aside class="layout-sidebar-second" role="complementary"><div class="region region-sidebar-second">'
                f'{blocks}</div></aside></main><footer role="contentinfo"><div class="region region-footer">'
                f'<nav class="block block-menu">{nav_ul(parts, ink, "menu")}</nav>{footer_lines(parts, ink, "div")}'
                f'</div></footer></div></div>')
        return variant, document(parts.html_lang, parts.rtl, parts.title, f'<body class="path-node page-node-type-'
                                 f'article">{page}{cookie(parts.cookie, ink, rng)}</body>')
    blocks = place(parts.sidebar, ink, rng, wrap='<div class="block block-views"><div class="content">{body}</div>'
                   '</div>', head="h2")
    after = place(parts.after, ink, rng, wrap='<div class="block block-block">{body}</div>', head="h2")
    node = (f'<div id="node-{nid}" class="node node-article node-promoted clearfix">'
            f'<div class="submitted">{meta_line(parts, ink, rng)}</div><div class="content">'
            f'<div class="field field-name-body field-type-text-with-summary field-label-hidden"><div class="field-items">'
            f'<div class="field-item even" property="content:encoded">{body}</div></div></div></div>'
            f'<ul class="links inline"><li class="comment-add first last"><a href="#comment-form">'
            f'{ink.junk(parts.account[0])}</a></li></ul></div>')
    page = (f'<div id="page-wrapper"><div id="page"><div id="header"><div class="section clearfix">'
            f'<div id="name-and-slogan"><div id="site-name"><strong><a href="/">{ink.junk(parts.site)}</a></strong></div>'
            f'</div><div id="main-menu" class="navigation">{nav_ul(parts, ink, "links inline clearfix")}</div></div></div>'
            f'<div id="breadcrumb">{breadcrumb(parts, ink, rng, style="div", cls="breadcrumb")}</div>'
            f'<div id="main-wrapper" class="clearfix"><div id="main" class="clearfix"><div id="content" class="column">'
            f'<div class="section"><h1 class="title" id="page-title">{ink.neutral_text(parts.title)}</h1>'
            f'<div class="region region-content"><div id="block-system-main" class="block block-system">'
            f'<div class="content">{node}</div></div>{after}</div></div></div>'
            f'<div id="sidebar-second" class="column sidebar"><div class="section"><div class="region '
            f'region-sidebar-second">{blocks}</div></div></div></div></div>'
            f'<div id="footer-wrapper"><div class="section"><div id="footer" class="clearfix">'
            f'{footer_lines(parts, ink)}</div></div></div></div></div>')
    return variant, document(parts.html_lang, parts.rtl, parts.title, f'<body class="html not-front page-node">{page}'
                             f'{cookie(parts.cookie, ink, rng)}</body>', doctype='<!DOCTYPE html PUBLIC "-//W3C//DTD '
                             'XHTML+RDFa 1.0//EN" "http://www.w3.org/MarkUp/DTD/xhtml-rdfa-1.dtd">')


def joomla(parts: Parts, ink: Ink, rng: random.Random) -> tuple[str, str]:
    """Joomla 3 (Protostar: item-page, article-info, modules) and Joomla 4 (com-content-article)."""
    variant = rng.choice(["j3", "j4"])
    body = items_html(parts.items, ink, rng)
    modules = place(parts.sidebar, ink, rng, wrap='<div class="moduletable{cls}">{body}</div>', head="h3",
                    list_class=rng.choice(["mostread mod-list", "latestnews mod-list", "category-module"]))
    after = place(parts.after, ink, rng, wrap='<div class="moduletable">{body}</div>', head="h3")
    info_bits = []
    if parts.byline:
        info_bits.append(f'<dd class="createdby" itemprop="author">{ink.neutral_text(parts.byline)}</dd>')
    if parts.dateline:
        info_bits.append(f'<dd class="published"><time itemprop="datePublished">{ink.neutral_text(parts.dateline)}'
                         f'</time></dd>')
    info_bits.append(f'<dd class="category-name"><a href="/c/">{ink.junk(parts.breadcrumb[1])}</a></dd>')
    info = f'<dl class="article-info muted">{"".join(info_bits)}</dl>'
    pager = ""
    if parts.prevnext:
        pager = (f'<ul class="pager pagenav"><li class="previous"><a href="/p" rel="prev">{ink.junk(parts.prevnext[0])}'
                 f'</a></li><li class="next"><a href="/n" rel="next">{ink.junk(parts.prevnext[1])}</a></li></ul>')
    if variant == "j3":
        article = (f'<div class="item-page" itemscope itemtype="https://schema.org/Article"><div class="page-header">'
                   f'<h2 itemprop="headline">{ink.neutral_text(parts.title)}</h2></div>{info}'
                   f'<div itemprop="articleBody">{body}</div>{pager}</div>')
        page = (f'<div class="body"><div class="container"><header class="header" role="banner"><div class="header-inner '
                f'clearfix"><a class="brand pull-left" href="/"><span class="site-title">{ink.junk(parts.site)}</span></a>'
                f'<div class="header-search pull-right">{account_links(parts, ink)}</div></div></header>'
                f'<nav class="navigation" role="navigation">{nav_ul(parts, ink, "nav menu nav-pills mod-list")}</nav>'
                f'<div class="row-fluid"><main id="content" role="main" class="span9">'
                f'{breadcrumb(parts, ink, rng, style="ol", cls="breadcrumb")}{article}{after}</main>'
                f'<div id="aside" class="span3">{modules}</div></div></div></div>'
                f'<footer class="footer" role="contentinfo"><div class="container"><hr />'
                f'<p class="pull-right"><a href="#top" id="back-top">{ink.junk(parts.back_top)}</a></p>'
                f'{footer_lines(parts, ink)}</div></footer>')
        body_cls = "site com_content view-article no-layout no-task"
    else:
        article = (f'<div class="com-content-article item-page" itemscope itemtype="https://schema.org/Article">'
                   f'<div class="page-header"><h1 itemprop="headline">{ink.neutral_text(parts.title)}</h1></div>'
                   f'{info}<div class="com-content-article__body" itemprop="articleBody">{body}</div>'
                   f'<nav class="pagenavigation">{pager}</nav></div>')
        page = (f'<header class="header container-header full-width"><div class="grid-child"><div class="navbar-brand">'
                f'<a class="brand-logo" href="/">{ink.junk(parts.site)}</a><div class="site-description">'
                f'{ink.junk(parts.tagline)}</div></div></div><div class="grid-child container-nav">'
                f'{nav_ul(parts, ink, "mod-menu mod-list nav")}</div></header>'
                f'<div class="site-grid"><div class="grid-child container-component">'
                f'<nav class="mod-breadcrumbs__wrapper">{breadcrumb(parts, ink, rng, cls="mod-breadcrumbs breadcrumb")}'
                f'</nav><main>{article}</main>{after}</div><div class="grid-child container-sidebar-right">'
                f'<div class="sidebar-right card">{modules}</div></div></div>'
                f'<footer class="container-footer footer full-width"><div class="grid-child">{footer_lines(parts, ink)}'
                f'</div></footer>')
        body_cls = "site com_content view-article layout-blog"
    return variant, document(parts.html_lang, parts.rtl, parts.title, f'<body class="{body_cls}">{page}'
                             f'{cookie(parts.cookie, ink, rng)}</body>')
