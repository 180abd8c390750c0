"""A generated page and its truth, and the recorder templates write their text through.

Every visible string a template puts on a page goes through `Ink`, which escapes it for HTML and files it as
body, caption, neutral (title, subheadings, byline: neither article body nor chrome) or boilerplate. The truth
is therefore what the page shows, not what the generator meant to show.
"""

from __future__ import annotations

import html
from dataclasses import asdict, dataclass, field


@dataclass
class Page:
    """One generated page: its markup, its text dump and what a perfect cleaner would return."""

    id: str
    family: str
    variant: str
    chrome_lang: str
    body_lang: str
    html_lang: str | None
    source: str
    title: str
    body: list[str]
    captions: list[str]
    neutral: list[str]
    boilerplate: list[str]
    html: str = ""
    text: str = ""
    features: list[str] = field(default_factory=list)

    def truth(self) -> dict:
        """The page's truth as written next to it by `--write` (everything but the markup and the dump)."""
        data = asdict(self)
        del data["html"], data["text"]
        return data


class Ink:
    """Escapes page text and records it by kind, in first-seen order, each distinct string once."""

    def __init__(self) -> None:
        self.body: dict[str, None] = {}
        self.captions: dict[str, None] = {}
        self.neutral: dict[str, None] = {}
        self.boilerplate: dict[str, None] = {}
        self.features: dict[str, None] = {}

    def junk(self, text: str) -> str:
        """Chrome: navigation, lists, notices, prompts, footer."""
        self.boilerplate.setdefault(text)
        return html.escape(text, quote=False)

    def para(self, text: str) -> str:
        """A paragraph of the article's body."""
        self.body.setdefault(text)
        return html.escape(text, quote=False)

    def caption(self, text: str) -> str:
        """A caption (printing it again records nothing new: the truth holds each caption once)."""
        self.captions.setdefault(text)
        return html.escape(text, quote=False)

    def neutral_text(self, text: str) -> str:
        """Title, subheading or byline: neither scored as body nor as chrome."""
        self.neutral.setdefault(text)
        return html.escape(text, quote=False)

    def mark(self, feature: str) -> None:
        """Note a feature of the page (caption form, notice placement...) for the per-page report."""
        self.features.setdefault(feature)


def attr(text: str) -> str:
    """Text escaped for an attribute value (alt, title): not visible, so not recorded."""
    return html.escape(text, quote=True)
