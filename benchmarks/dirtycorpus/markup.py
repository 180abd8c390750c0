"""Markup pieces the template families share: figures with captions, body items, lists and chrome blocks.

Each helper takes its class names from the caller (or draws them from a few real alternatives), so two families
built from the same helper still differ in markup. Every visible string goes through `Ink`.
"""

from __future__ import annotations

import random

from .page import Ink, attr
from .parts import Block, Figure, Item, Listing

# The DOM forms captions take on real pages (see figure()).
FIGURE_FORMS = ["figcaption", "wp-caption", "wp-block", "bootstrap", "div-caption", "photo-caption", "table-cell",
                "centered-p", "em-desc"]


def img(fig: Figure, cls: str = "", tag: str = "img") -> str:
    extra = f' class="{cls}"' if cls else ""
    title = f' title="{attr(fig.title)}"' if fig.title else ""
    if tag == "amp-img":
        return (f'<amp-img src="{fig.src}" width="800" height="533" layout="responsive" alt="{attr(fig.alt)}"'
                f'{title}{extra}></amp-img>')
    return f'<img src="{fig.src}" alt="{attr(fig.alt)}"{title}{extra} width="800" height="533">'


def figure(fig: Figure, ink: Ink, rng: random.Random, img_tag: str = "img") -> str:
    """The figure in its caption form, with the caption's extra copies as body paragraphs around it."""
    cap = ink.caption(fig.caption)
    ink.mark(f"caption:{fig.form}")
    n = rng.randint(10, 999)
    image = img(fig, tag=img_tag)
    forms = {
        "figcaption": lambda: f'<figure class="{rng.choice(["image", "article-image", "media", "photo"])}">'
                              f'{image}<figcaption>{cap}</figcaption></figure>',
        "wp-caption": lambda: f'<div id="attachment_{n}" style="width: 810px" class="wp-caption '
                              f'{rng.choice(["aligncenter", "alignnone", "alignleft"])}">'
                              f'{img(fig, f"size-large wp-image-{n}", img_tag)}'
                              f'<p id="caption-attachment-{n}" class="wp-caption-text">{cap}</p></div>',
        "wp-block": lambda: f'<figure class="wp-block-image size-large">{img(fig, f"wp-image-{n}", img_tag)}'
                            f'<figcaption class="wp-element-caption">{cap}</figcaption></figure>',
        "bootstrap": lambda: f'<figure class="figure">{img(fig, "figure-img img-fluid rounded", img_tag)}'
                             f'<figcaption class="figure-caption{rng.choice(["", " text-center", " text-end"])}">'
                             f'{cap}</figcaption></figure>',
        "div-caption": lambda: f'<div class="{rng.choice(["thumbnail", "image", "img-wrap"])}">{image}'
                               f'<div class="caption">{rng.choice(["", "<p>"])}{cap}</div></div>',
        "photo-caption": lambda: f'<div class="{rng.choice(["photo", "article-photo", "inline-image"])}">{image}'
                                 f'<{(t := rng.choice(["p", "span", "div"]))} class="photo-caption">{cap}</{t}></div>',
        "table-cell": lambda: f'<table class="{rng.choice(["tr-caption-container", "image-table", "pic"])}" '
                              f'align="center" cellpadding="0" cellspacing="0"><tbody><tr><td>{image}</td></tr>'
                              f'<tr><td class="{rng.choice(["tr-caption", "caption", "imgtxt"])}" '
                              f'style="text-align: center;">{cap}</td></tr></tbody></table>',
        "centered-p": lambda: f'<p style="text-align: center;">{image}</p>'
                              f'<p style="text-align: center;">{cap}</p>',
        "em-desc": lambda: f'<span class="end_photo_org">{image}<em class="img_desc">{cap}</em></span>',
    }
    html = forms[fig.form]()
    if fig.copies:
        ink.mark("caption_repeated_in_body")
        copy_tags = [("<p>", "</p>"), ("<p><em>", "</em></p>"), ("<p><strong>", "</strong></p>")]
        copies = []
        for _ in range(fig.copies):
            open_tag, close_tag = rng.choice(copy_tags)
            copies.append(f"{open_tag}{cap}{close_tag}")
        html = copies[0] + html + "".join(copies[1:]) if fig.copy_before else html + "".join(copies)
    return html


def items_html(items: list[Item], ink: Ink, rng: random.Random, *, br_mode: bool = False, img_tag: str = "img",
               heading: str = "h2", ad_class: str = "ad-label") -> str:
    """The article body: paragraphs as <p> (or separated by <br /> like forum posts), figures, ad labels."""
    out = []
    for item in items:
        if item.kind == "p":
            out.append(f"{ink.para(item.text)}<br />\n<br />\n" if br_mode else f"<p>{ink.para(item.text)}</p>\n")
        elif item.kind == "h":
            out.append(f"<strong>{ink.neutral_text(item.text)}</strong><br />\n" if br_mode
                       else f"<{heading}>{ink.neutral_text(item.text)}</{heading}>\n")
        elif item.kind == "fig":
            out.append(figure(item.figure, ink, rng, img_tag) + ("<br />\n" if br_mode else "\n"))
        elif item.kind == "ad":
            ink.mark("ad_in_body")
            out.append(f'<div class="{ad_class}"><span>{ink.junk(item.text)}</span></div>\n')
        elif item.kind == "block":
            ink.mark("block_in_body")
            out.append(place([item.block], ink, rng, wrap='<div class="{cls}">{body}</div>', head="h4")
                       + ("<br />\n" if br_mode else "\n"))
        elif item.kind == "also":
            ink.mark("read_also_in_body")
            out.append(f'<p><strong><a href="/story/{rng.randint(100, 999)}">{ink.junk(item.text)}</a></strong></p>\n')
    return "".join(out)


def entry(text: str, day: str | None, ink: Ink, rng: random.Random, date_tag: str = "span") -> str:
    link = f'<a href="/{rng.randint(2016, 2023)}/{rng.randint(1, 12):02d}/{rng.randint(1000, 99999)}.html">' \
           f"{ink.junk(text)}</a>"
    if not day:
        return link
    date = f'<{date_tag} class="{rng.choice(["date", "post-date", "time", "meta"])}">{ink.junk(day)}</{date_tag}>'
    return f"{date} {link}" if rng.random() < 0.3 else f"{link} {date}"


def listing_html(block: Listing, ink: Ink, rng: random.Random, style: str = "ul", head: str = "h3",
                 head_class: str = "", list_class: str = "") -> str:
    """A list of links with its heading, as ul/ol, divs, table rows or lines separated by <br>."""
    ink.mark(f"list:{block.kind}{':dated' if any(d for _, d in block.entries) else ''}")
    hc = f' class="{head_class}"' if head_class else ""
    lc = f' class="{list_class}"' if list_class else ""
    heading = f"<{head}{hc}>{ink.junk(block.heading)}</{head}>" if block.heading else ""
    entries = [entry(text, day, ink, rng) for text, day in block.entries]
    if block.snippet and entries:
        entries[0] += f'<div class="item-snippet">{ink.junk(block.snippet)}</div>'
    if style == "table":
        rows = "".join(f"<tr><td>{e}</td></tr>" for e in entries)
        return f'{heading}<table{lc} width="100%">{rows}</table>'
    if style == "div":
        return heading + f"<div{lc}>" + "".join(f'<div class="item">{e}</div>' for e in entries) + "</div>"
    if style == "br":
        return heading + f"<div{lc}>" + "<br>\n".join(f"· {e}" for e in entries) + "</div>"
    tag = "ol" if block.numbered or style == "ol" else "ul"
    return heading + f"<{tag}{lc}>" + "".join(f"<li>{e}</li>" for e in entries) + f"</{tag}>"


def block_html(block: Block, ink: Ink, rng: random.Random, head: str = "h3", p: str = "p") -> str:
    """A chrome block that is not a plain list, in markup typical of its kind."""
    ink.mark(f"block:{block.kind}")
    heading = f"<{head}>{ink.junk(block.heading)}</{head}>" if block.heading else ""
    buttons = "".join(f'<a href="#" class="button">{ink.junk(b)}</a> ' for b in block.buttons)
    if block.kind == "glued":
        seps = rng.choice([" | ", " · ", " ", " / ", "；"])
        parts = [entry(text, day, ink, rng) for text, day in block.entries]
        return f"<{p}>{seps.join(parts)}</{p}>"
    if block.kind == "policy":
        if rng.random() < 0.5:
            return heading + "<ol>" + "".join(f"<li>{ink.junk(line)}</li>" for line in block.lines) + "</ol>"
        return heading + "".join(f"<{p}>{ink.junk(line)}</{p}>" for line in block.lines)
    if block.kind == "teaser":
        title = f'<h4><a href="/next.html">{ink.junk(block.heading)}</a></h4>' if block.heading else ""
        return f'<div class="{rng.choice(["teaser", "post-card", "excerpt", "summary"])}">{title}' \
               f"<{p}>{ink.junk(block.lines[0])}</{p}>{buttons}</div>"
    if block.kind == "share":
        links = "".join(f'<li><a href="#">{ink.junk(b)}</a></li>' for b in block.buttons)
        return f'<div class="{rng.choice(["share", "sharedaddy", "social-share", "share-tools"])}">{heading}' \
               f"<ul>{links}</ul></div>"
    if block.kind == "ad":
        return f'<div class="{rng.choice(["ad", "advert", "ad-slot", "banner-ad"])}">' \
               f"<small>{ink.junk(block.lines[0])}</small></div>"
    if block.kind == "newsletter":
        return f'<div class="{rng.choice(["newsletter", "signup", "subscribe-box"])}">{heading}' \
               f"<{p}>{ink.junk(block.lines[0])}</{p}><form><input type=\"email\" placeholder=\"@\">" \
               f"<button>{ink.junk(block.buttons[0])}</button></form></div>"
    lines = "".join(f"<{p}>{ink.junk(line)}</{p}>" for line in block.lines)
    return f"{heading}{lines}{buttons}"


def place(blocks: list, ink: Ink, rng: random.Random, wrap: str = "", **kw: str) -> str:
    """Render a mixed run of listings and blocks, each wrapped as `wrap` (a format with {cls} and {body})."""
    out = []
    for block in blocks:
        if isinstance(block, Listing):
            body = listing_html(block, ink, rng, **{k: v for k, v in kw.items() if k in ("style", "head",
                                                                                         "head_class", "list_class")})
        else:
            body = block_html(block, ink, rng, **{k: v for k, v in kw.items() if k in ("head", "p")})
        out.append(wrap.format(cls=block.kind.replace("_", "-"), body=body) if wrap else body)
    return "\n".join(out)


def links(labels: list[str], ink: Ink, sep: str = " ", li: bool = True, cls: str = "") -> str:
    """Navigation-style links, as <li> items or separated by `sep`."""
    c = f' class="{cls}"' if cls else ""
    if li:
        return "".join(f'<li{c}><a href="/{i}/">{ink.junk(label)}</a></li>' for i, label in enumerate(labels))
    return sep.join(f'<a href="/{i}/"{c}>{ink.junk(label)}</a>' for i, label in enumerate(labels))


def document(lang: str | None, rtl: bool, head_title: str, body: str, head_extra: str = "",
             doctype: str = "<!DOCTYPE html>", amp: bool = False) -> str:
    """The whole document; `<title>` is in the head, which the text dump leaves out, as a browser does."""
    attrs = f' lang="{lang}"' if lang else ""
    if rtl:
        attrs += ' dir="rtl"'
    if amp:
        attrs = " ⚡" + attrs
    return (f'{doctype}\n<html{attrs}>\n<head>\n<meta charset="utf-8">\n<title>{attr(head_title)}</title>\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n{head_extra}</head>\n'
            f"{body}\n</html>\n")
