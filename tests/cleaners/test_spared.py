"""The whole chain keeps what only looks like junk (the must-not-remove list), in both modes."""

from __future__ import annotations

import html

import pytest

from cleaners import clean_html, clean_text

ENGLISH = [
    "The appeals court ruled on Monday that copyright law protects news photographs, and that all rights"
    " reserved by the agency in its contract remained valid.",
    "Photographers, left, and editors, right, filled the courtroom as the ruling was read, a scene that"
    " one lawyer called unprecedented for a copyright case.",
    "The judges listed what the agency must now provide:",
    "a licence register",
    "a complaints office",
    "yearly reports",
    'Chinese sites call such reposting "转载", literally "carried over", and many do it without asking.',
    "The agency said it would publish the first register before the end of the year.",
]
GERMAN = [
    "Die Bundesregierung hat am Dienstag ein neues Klimaschutzgesetz beschlossen, das strengere Ziele vorsieht.",
    "Nach Angaben des Ministeriums sollen die Emissionen bis zum Jahr 2030 deutlich sinken.",
    "Kritiker bemängeln jedoch, dass die Maßnahmen für den Verkehrssektor nicht ausreichen würden.",
    "Der Bundestag soll das Gesetz noch vor der Sommerpause verabschieden, hieß es aus Regierungskreisen.",
]
CHROME = ["Sign up for our newsletter and get the best stories of the week in your inbox every morning.",
          "Most popular stories this week from our correspondents around the world"]


def _html(title: str, paragraphs: list[str], lang: str) -> str:
    parts = []
    for p in paragraphs:
        if len(p.split()) <= 3:
            parts.append(f"<ul><li>{html.escape(p)}</li></ul>")
        else:
            parts.append(f"<p>{html.escape(p)}</p>")
    chrome = "".join(f"<p>{html.escape(c)}</p>" for c in CHROME)
    return (f'<html lang="{lang}"><head><title>{html.escape(title)}</title></head><body>'
            f'<div class="promo">{chrome}</div><article><h1>{html.escape(title)}</h1>{"".join(parts)}'
            f"</article></body></html>")


@pytest.mark.parametrize("mode", ["text", "html"])
def test_english_story_keeps_every_lookalike(mode):
    title = "Court backs agency in photo copyright case"
    if mode == "text":
        article = clean_text("\n".join([title, "By Staff Reporter, 2023-03-01", *ENGLISH]))
    else:
        article = clean_html(_html(title, ENGLISH, "en"))
    assert article.language == "en"
    for paragraph in ENGLISH:
        assert paragraph in article.paragraphs
    assert article.captions == []


@pytest.mark.parametrize("mode", ["text", "html"])
def test_german_article_on_english_chrome_site(mode):
    title = "Kabinett beschließt Klimaschutzgesetz"
    if mode == "text":
        article = clean_text("\n".join([CHROME[0], title, "Von Anna Schmidt, 01.03.2023", *GERMAN, CHROME[1]]))
    else:
        article = clean_html(_html(title, GERMAN, "de"))
    assert article.language == "de"
    assert article.paragraphs == GERMAN
    assert article.title == title
