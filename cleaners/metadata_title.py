"""Cut the site's name from a page title ("Story | Site", "Site - Story"), on the side that is the site.

A `<title>` usually joins the headline and the site's name with a separator, in either order. The
side cut off is the one the page itself names as the site (`og:site_name`, the JSON-LD publisher,
the host of its URL), else the other side of a headline the page states elsewhere (its `<h1>`,
`og:title`); a title its `<h1>` repeats whole is kept. Without such evidence only a `<title>` is
cut, and only at a separator that is never part of a headline ("|", "_", "·", "»", "::"), on its
shorter side. A dash or a colon alone is kept: "Raspberry Pi 3 - The credit card sized PC" is one
headline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from cleaners.treeblocks import norm_space

# separators between a headline and the site name: "Story | Site", "Story_Site", "Story - Site",
# and "Site: Story", whose colon is cut only after the site's own name (headlines use it too)
_SEP = re.compile(r"\s+[|\-–—·»:]{1,2}\s+|\s*_\s*|\s*｜\s*|\s+::\s*|(?<=\w):\s+")
_STRONG = re.compile(r"[|_｜·»]|::")  # a separator no headline uses
_WORD = re.compile(r"\w+")
_SITE_WORDS = 5  # a site's name is short; a longer part is a headline that mentions the site
# host labels that name no site: subdomains for devices and languages, generic second levels
_NOT_A_NAME = frozenset({"www", "amp", "mobile", "com", "org", "net", "gov", "edu", "co", "ac", "html"})


@dataclass
class Evidence:
    """What the page says elsewhere about its site and its headline, for deciding the side to cut."""

    sites: tuple[str, ...] = ()  # the site's stated names
    hosts: tuple[str, ...] = ()  # hosts of the page's URL, canonical link, og:url
    h1s: tuple[str, ...] = ()  # the page's first <h1> texts
    headlines: tuple[str, ...] = ()  # other statements of the headline (og:title, JSON-LD)
    _labels: tuple[str, ...] = field(init=False, default=())

    def __post_init__(self) -> None:
        labels = (label for host in self.hosts for label in host.lower().split(".")[:-1])
        self._labels = tuple(dict.fromkeys(x for x in labels if len(x) >= 3 and x not in _NOT_A_NAME))

    def site_score(self, part: str) -> int:
        """2 if part is the site's name or host name, 1 if it contains one or lies in one, else 0."""
        key = name_key(part)
        if not key or len(_WORD.findall(part)) > _SITE_WORDS:
            return 0
        names = [name_key(s) for s in self.sites if name_key(s)]
        if key in names or key in self._labels:
            return 2
        for name in (*names, *self._labels):
            if min(len(name), len(key)) >= 3 and (name in key or (len(key) >= 4 and key in name)):
                return 1
        return 0


def host_of(url: str | None) -> str | None:
    """The host of an absolute or protocol-relative URL ("//us.example.com/news/" -> "us.example.com")."""
    if not url or "//" not in url:
        return None
    return urlsplit(url.strip()).hostname


def split_title(title: str | None, evidence: Evidence | None = None, guess: bool = True) -> tuple[str | None, str | None]:
    """(headline, site part) of a page title; `guess` allows the shorter-side rule without evidence.

    In order: an edge that is exactly the site's name or host is cut; a title the page repeats
    whole in an `<h1>` is kept; an edge that contains the site's name is cut; a side the page
    states elsewhere as its headline is kept; then, with `guess`, the shorter-side rule.

    >>> split_title("Pompeo pushes for sanctions_Example News")
    ('Pompeo pushes for sanctions', 'Example News')
    >>> split_title("Mozilla - Wikipedia", Evidence(hosts=("en.wikipedia.org",)))
    ('Mozilla', 'Wikipedia')
    >>> split_title("On Recent Events - Bradley M. Kuhn", Evidence(h1s=("On Recent Events",)))
    ('On Recent Events', 'Bradley M. Kuhn')
    >>> split_title("The Verge: Apple's headset, tried", Evidence(hosts=("www.theverge.com",)))
    ("Apple's headset, tried", 'The Verge')
    >>> split_title("Raspberry Pi 3 - The credit card sized PC")
    ('Raspberry Pi 3 - The credit card sized PC', None)
    """
    title = norm_space(title)
    cuts = _cuts(title)
    if not cuts:
        return title or None, None
    evidence = evidence or Evidence()
    if evidence.site_score(title) == 2:
        return title, None  # the whole title is the site's name ("Site - Tagline"): nothing to cut
    cut = _site_cut(cuts, evidence, exact=True)
    if cut is not None:  # "Story | Section | Site": the story may be stated alone too
        inner = _headline_cut([c for c in _cuts(cut[0]) if not _colon(c[2])], evidence)
        return (inner[0], cut[1]) if inner else cut
    if name_key(title) in {name_key(h) for h in evidence.h1s}:
        return title, None  # the page's <h1> repeats the title whole: a dash in a headline
    cuts = [c for c in cuts if not _colon(c[2])]
    cut = _site_cut(cuts, evidence, exact=False) or _headline_cut(cuts, evidence)
    if cut is None and guess:
        cut = _shorter_side_cut(cuts)
    return cut or (title, None)


def _cuts(title: str) -> list[tuple[str, str, str]]:
    """(left, right, separator) at every separator with words on both sides."""
    cuts = [(title[:m.start()], title[m.end():], m.group()) for m in _SEP.finditer(title) if 0 < m.start() < len(title)]
    return [(left, right, sep) for left, right, sep in cuts if name_key(left) and name_key(right)]


def _site_cut(cuts: list[tuple[str, str, str]], evidence: Evidence, exact: bool) -> tuple[str, str] | None:
    """(headline, site) where an edge of the title is the site's name or host; the right edge on a tie.

    `exact` asks for the name itself; otherwise an edge of one part may contain it or lie in it.
    A colon ("Site: Story") is cut only after the exact name.
    """
    right = _site_edge([(left, right) for left, right, sep in reversed(cuts) if not _colon(sep)], evidence, exact)
    left = _site_edge([(right, left) for left, right, sep in cuts if exact or not _colon(sep)], evidence, exact)
    if right and (left is None or right[0] >= left[0]):
        return right[1], right[2]
    return (left[1], left[2]) if left else None


def _site_edge(pairs: list[tuple[str, str]], evidence: Evidence, exact: bool) -> tuple[int, str, str] | None:
    """(score, headline, site) for the first (headline, edge) pair whose edge is the site.

    The pairs run from the one-part edge outward; an edge of several parts counts only as an
    exact name (a site name with a separator in it: "Home_Garden").
    """
    for i, (headline, edge) in enumerate(pairs):
        score = evidence.site_score(edge)
        if score == 2 or (i == 0 and score and not exact):
            return score, headline, edge
    return None


def _headline_cut(cuts: list[tuple[str, str, str]], evidence: Evidence) -> tuple[str, str] | None:
    """(headline, rest) where one side of a cut is a headline the page states elsewhere."""
    stated = {name_key(h) for h in (*evidence.h1s, *evidence.headlines)} - {""}
    for left, right, _ in reversed(cuts):
        if name_key(left) in stated:
            return left, right
    for left, right, _ in cuts:
        if name_key(right) in stated:
            return right, left
    return None


def _shorter_side_cut(cuts: list[tuple[str, str, str]]) -> tuple[str, str] | None:
    """(headline, site) at the outermost separator no headline uses, the site being the shorter edge."""
    strong = [c for c in cuts if _STRONG.search(c[2])]
    if not strong:
        return None
    first, last = strong[0], strong[-1]
    if len(last[1]) <= len(first[0]):
        return last[0], last[1]
    return first[1], first[0]


def _colon(sep: str) -> bool:
    """The separator is a colon right after a word ("Site: Story"), not one set off by spaces."""
    return not sep[0].isspace() and sep.strip() == ":"


def name_key(text: str) -> str:
    """Letters and digits only, case-folded: how names and headlines are compared.

    >>> name_key("Libération.fr")
    'libérationfr'
    """
    return "".join(_WORD.findall(text.casefold())).replace("_", "")


def stated_sites(values: Iterable[str | None]) -> tuple[str, ...]:
    """The distinct non-empty site names among values."""
    return tuple(dict.fromkeys(norm_space(v) for v in values if v and norm_space(v)))
