"""Find an author in the page's byline when no structured source names one.

Looks first at elements marked as the author (`itemprop="author"`, `rel="author"`, class or id
with "author"/"byline"), then at short labelled text ("By Jane Doe", "作者:张三", "Autor: Ana Ruiz").
Whether the name is the site itself is decided by the caller (`same_name`).
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from cleaners.treeblocks import norm_space

# elements marked as the author, in document order: the matching attributes are visited, then their
# elements (twice as fast as testing every element of the page for all four attributes)
_MARKED = etree.XPath(
    "(.//@itemprop[. = 'author'] | .//@rel[. = 'author'] | .//@class[contains(., 'author') or contains(., 'byline')]"
    " | .//@id[contains(., 'author') or contains(., 'byline')])/.."
)
# a label, then the name: "By Jane Doe", "作者:张三", "Autor: Ana Ruiz", "記者 山田太郎". Latin labels
# must end as a word ("Partner" is not "Par ..."); CJK labels may run straight into the name.
_LABELLED = re.compile(
    r"(?:^|\s)(?:(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Aa]uthor|[Aa]utor|[Aa]uteur|[Aa]utore|Автор)(?:\s*[:：]\s*|\s+)"
    r"|(?:作者|记者|記者|撰文|기자|글)\s*[:：/]?\s*)"
    r"(?P<name>[^\s|｜,，;:：/()（）\d@•·][^|｜,，;:：()（）\d@•·]{0,60}?)"
    r"(?=\s*(?:$|[|｜,，;()（）\d@•·]|\s(?:and|und|et|y|e)\s|\s{2}|\s(?:来源|來源|出处|時間|时间|发布|發佈|日期)))"
)
_CJK_NAME_END = re.compile(r"\s.*$")
_PREFIX = re.compile(r"^(?:[Bb]y|BY|[Vv]on|[Pp]ar|[Pp]or|作者|记者|記者|Autor|Author)\s*[:：]?\s+", re.UNICODE)
_BARE_LABEL = re.compile(r"^(?:(?:posted|written|words|story)\s+)?(?:by|von|par|por|di|author|autor|auteur|作者|记者|記者)?\s*[:：]?$",
                         re.IGNORECASE)
# account names that are not people
_NOT_A_PERSON = re.compile(r"^(?:\w*admin\w*|administrator|webmaster|editor|staff|subject|author|guest|name|anonymous)$", re.I)
_WORD = re.compile(r"\w+")
_BYLINE_NODES = 60
_AFTER_H1 = etree.XPath(f"(//h1)[1]/following::text()[string-length(normalize-space()) < 80][position() <= {_BYLINE_NODES}]",
                        smart_strings=False)
_BODY_LINES = etree.XPath(f"//body//text()[string-length(normalize-space()) < 80][position() <= {_BYLINE_NODES}]",
                          smart_strings=False)
_MAX_LEN = 80  # a byline is short; longer text is a sentence that happens to say "by"


def byline_author(tree: HtmlElement) -> str | None:
    """The author named in the page's byline, or None."""
    for el in _MARKED(tree):
        if el.tag in ("meta", "link", "script", "style", "body", "html"):
            continue
        # the first text inside the element after a bare label ("By", "Posted by"): later text is
        # often "View more articles" or a date
        first = next((t for t in (norm_space(x) for x in el.itertext()) if t and not _BARE_LABEL.match(t)), "")
        name = clean_author(first) if 1 < len(first) <= _MAX_LEN else None
        if name:
            return name
    # labelled bylines sit under the headline: read the short lines after the first <h1>, or the
    # page's first short lines when it has none (bounded either way)
    for node in _AFTER_H1(tree) or _BODY_LINES(tree):
        text = norm_space(node)
        if len(text) < 4:
            continue
        match = _LABELLED.search(text)
        if match and _looks_like_label(text, match.start("name")):
            name = _clean(match.group("name"))
            if name:
                return name
    return None


def clean_author(text: str | None) -> str | None:
    """The person's name in an author string: label, job title and trailing handles removed.

    >>> clean_author("By TOM KRISHER, AP Auto Writer")
    'TOM KRISHER'
    >>> clean_author("admin") is None
    True
    """
    text = norm_space(text)
    if not text or text.startswith(("http://", "https://", "/")):
        return None
    labelled = _LABELLED.search(text)
    if labelled and _looks_like_label(text, labelled.start("name")):
        return _clean(labelled.group("name"))
    return _clean(re.split(r"\s*[|｜,，;@•·]\s*", _PREFIX.sub("", text))[0])


def _looks_like_label(text: str, name_start: int) -> bool:
    """The label opens the text or follows a separator, so 'by' inside a sentence does not count."""
    head = text[:name_start]
    return len(_WORD.findall(head)) <= 2


def _clean(name: str) -> str | None:
    name = norm_space(name).strip(" .-–—·")
    if re.search(r"[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af]", name):
        name = _CJK_NAME_END.sub("", name)  # CJK bylines run on after a space: "作者:张三 来源:..."
    if not name or len(name) > 60 or len(_WORD.findall(name)) > 5 or _NOT_A_PERSON.match(name):
        return None
    return name


def same_name(a: str, b: str) -> bool:
    """Two names denote the same entity: equal, or one contains the other, ignoring case and punctuation.

    >>> same_name("BBC News", "bbc")
    True
    >>> same_name("Jane Doe", "The Daily Post")
    False
    """
    x, y = "".join(_WORD.findall(a.casefold())), "".join(_WORD.findall(b.casefold()))
    if not x or not y:
        return False
    return x == y or (min(len(x), len(y)) >= 3 and (x in y or y in x))
