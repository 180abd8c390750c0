"""What a page is made of before a template family lays it out: the article and the chrome blocks.

`compose` fills these with text; a family decides the markup, class names, nesting and order. Nothing here is
escaped or recorded yet: a family writes every string through `Ink`, so the truth is what it places.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Figure:
    """An image with its caption; `copies` extra visible copies of the caption are printed in the body."""

    caption: str
    src: str
    form: str  # how the caption is marked up: see markup.FIGURE_FORMS
    alt: str = ""  # the caption itself, a file-like name, or empty
    title: str = ""
    copies: int = 0
    copy_before: bool = False


@dataclass
class Item:
    """One item of the article body, in order."""

    kind: str  # "p" paragraph, "h" subheading, "fig" figure, "ad" ad label, "also" read-also link, "block" chrome
    text: str = ""
    figure: Figure | None = None
    block: Listing | Block | None = None  # a chrome block a plugin injects into the body (related box, share...)


@dataclass
class Listing:
    """A list of links with a heading: most read, related, latest, tags, categories, archive..."""

    kind: str
    heading: str
    entries: list[tuple[str, str | None]]  # (link text, date or None)
    numbered: bool = False
    snippet: str = ""  # a teaser under the first entry (popular-posts widgets)


@dataclass
class Block:
    """A chrome block that is not a list: notices, teaser, glued headlines, newsletter, share, comments..."""

    kind: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)  # paragraphs or items, each one string
    buttons: list[str] = field(default_factory=list)  # link or button labels after the lines
    entries: list[tuple[str, str | None]] = field(default_factory=list)  # glued headline runs


@dataclass
class Parts:
    """Everything one page shows, grouped by where a template usually puts it."""

    lang: str  # the chrome language
    html_lang: str | None
    rtl: bool
    site: str
    tagline: str
    nav: list[str]
    account: list[str]
    search: str
    breadcrumb: list[str]  # ends with a section name; some templates add the title after it
    title: str
    byline: str  # "" when the page has none
    dateline: str
    items: list[Item]
    tags_label: str
    tags: list[str]
    sidebar: list[Listing | Block]
    after: list[Listing | Block]  # after the article body, inside or outside the article element
    container: list[Listing | Block]  # siblings of the body paragraphs in one shared container
    footer_links: list[str]
    footer_lines: list[str]  # copyright, ICP licence, disclaimer
    cookie: Block | None
    prevnext: tuple[str, str] | None
    prevnext_titles: tuple[str, str]
    back_top: str
    powered: str
    archive: str = ""  # the heading of a blog's archive widget
    here: str = ""  # "You are here:" before a breadcrumb
    variant_seed: int = 0
