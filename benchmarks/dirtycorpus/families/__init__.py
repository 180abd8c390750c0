"""The template families: each lays out a page's parts in the markup of one kind of real site.

A family is a function `(parts, ink, rng) -> (variant, html)` that picks one of its variants, class names,
nesting and order with `rng`. `FAMILIES` names them with the caption forms they favour (the others still
appear now and then) and whether chrome shares the article's container.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from . import asian, blogs, cms, layout, news


@dataclass(frozen=True)
class Family:
    name: str
    render: Callable
    forms: tuple[str, ...]
    shared_container: bool = False


FAMILIES = [
    Family("wordpress", cms.wordpress, ("wp-caption", "wp-block")),
    Family("drupal", cms.drupal, ("figcaption", "div-caption")),
    Family("joomla", cms.joomla, ("div-caption", "photo-caption", "centered-p")),
    Family("discuz", asian.discuz, ("centered-p", "table-cell")),
    Family("dedecms", asian.dedecms, ("centered-p", "figcaption")),
    Family("bootstrap", layout.bootstrap, ("bootstrap", "div-caption")),
    Family("table", layout.tables, ("table-cell",)),
    Family("amp", layout.amp, ("figcaption", "wp-caption")),
    Family("blogger", blogs.blogger, ("table-cell",)),
    Family("portal", news.portal, ("centered-p", "photo-caption", "figcaption"), shared_container=True),
    Family("ghost", blogs.ghost, ("figcaption",)),
    Family("divsoup", blogs.divsoup, ("figcaption", "photo-caption")),
    Family("mobile", asian.mobile, ("em-desc", "centered-p")),
    Family("newsroom", news.newsroom, ("photo-caption", "figcaption")),
]
BY_NAME = {family.name: family for family in FAMILIES}
