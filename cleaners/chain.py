"""The cleaning chain: `clean_html` and `clean_text` run one tuple of steps over a page's blocks.

Each step is a callable taking the `Draft` (see `cleaners.draft`), in its own module named for
what it removes. The order matters: text is normalised before anything compares it, headline
runs are cut before notices and captions are matched, captions are taken before duplicates are
collapsed (a repeat is a caption signal), and the main language is identified on what is left.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from datetime import UTC, datetime
from functools import cache

from cleaners import PIPELINE_VERSION, near_dup
from cleaners.article import Article
from cleaners.blocks import Block, Page
from cleaners.captions import remove_captions
from cleaners.decode import decode_html, header_value
from cleaners.draft import Draft, Step
from cleaners.extract import extract_page
from cleaners.foreignchrome import ForeignChromeFilter
from cleaners.headlines import cut_headline_runs
from cleaners.language import LanguageIdentifier
from cleaners.mixedlang import ForeignBlockFilter, MainLanguage
from cleaners.normalise import normalise_blocks, remove_wordless_blocks
from cleaners.notices import remove_notices
from cleaners.prose_floor import run_with_prose_floor, step_name
from cleaners.repeats import remove_repeated_blocks, remove_teasers
from cleaners.scripts import word_units
from cleaners.textmeta import drop_title_copy, take_text_title
from cleaners.trailing import remove_trailing_link_lists

DEFAULT_BACKEND = "langdetect"


def build_steps(identifier: LanguageIdentifier, text_mode: bool) -> tuple[Step, ...]:
    """The chain's steps in order; text mode finds the title line itself, HTML mode has one."""
    title_step = take_text_title if text_mode else drop_title_copy
    return (
        normalise_blocks,
        title_step,
        cut_headline_runs,
        remove_notices,
        remove_wordless_blocks,
        remove_captions,
        remove_repeated_blocks,
        remove_teasers,
        remove_trailing_link_lists,
        MainLanguage(identifier),
        ForeignBlockFilter(identifier),
        ForeignChromeFilter(identifier),
    )


@cache
def steps_for(backend: str | None, text_mode: bool) -> tuple[Step, ...]:
    """The chain for a language backend (None: langdetect), built once per backend and mode."""
    return build_steps(_identifier(backend or DEFAULT_BACKEND), text_mode)


@cache
def _identifier(backend: str) -> LanguageIdentifier:
    return LanguageIdentifier(backend=backend)  # raises ValueError naming the choices for an unknown backend


HTML_STEPS = steps_for(None, text_mode=False)
TEXT_STEPS = steps_for(None, text_mode=True)

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
# characters either word count treats as words of their own (this module's and cleaners.scripts')
_ANY_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_WORD = re.compile(r"\w+")


def clean_html(html: str | bytes, url: str | None = None, headers: Mapping | None = None,
               language_backend: str | None = None) -> Article:
    """Extract and clean one HTML page (bytes are decoded per its charset); backend None is langdetect."""
    steps = steps_for(language_backend, text_mode=False)
    text, charset = decode_html(html, headers)
    page, _reason = extract_page(text, url)
    article = Article(url=url or "", charset=charset, content_type=_media_type(headers))
    if page is None:  # no main text: an empty Article, which the crawler's verdict drops as no_main_text
        return article
    return _finish(article, page, steps)


def clean_text(text: str, url: str | None = None, language_backend: str | None = None) -> Article:
    """Clean a plain-text dump of a page, one block per line; backend None is langdetect."""
    steps = steps_for(language_backend, text_mode=True)
    blocks = [Block(text=line, tag="line") for line in text.splitlines() if line.strip()]
    return _finish(Article(url=url or ""), Page(blocks=blocks), steps)


def run_steps(page: Page, steps: tuple[Step, ...]) -> Draft:
    """Run the steps in order over the page's blocks and return the finished draft.

    A step that would take most of the prose extraction found is undone (`cleaners.prose_floor`).
    """
    draft = Draft(page=page, title=page.title)
    run_with_prose_floor(draft, ((step_name(s), s) for s in steps), "clean", found=page.prose)
    return draft


def _finish(article: Article, page: Page, steps: tuple[Step, ...]) -> Article:
    draft = run_steps(page, steps)
    article.text = "\n\n".join(b.text for b in draft.blocks)
    article.captions = list(draft.captions)
    article.removed = dict(draft.removed + Counter(page.removed))
    article.title = draft.title
    article.language = draft.language
    article.language_score = draft.language_score
    article.author = page.author
    article.published = _as_utc(page.published)
    article.sitename = page.sitename
    article.description = page.description
    article.html_lang = page.html_lang
    article.word_count = _word_count(article.text, draft.blocks)
    folded = near_dup.fold(article.text)  # NFKC and case folding are slow on long texts: done once for both
    article.content_hash = _hash_folded(folded)
    article.sketch = near_dup.sketch(article.text, folded)  # for the dedup pipeline, computed here off the reactor
    article.pipeline_version = PIPELINE_VERSION
    return article


def _as_utc(value: str | None) -> datetime | None:
    """Extraction's ISO 8601 date as a UTC datetime: an offset is converted, a value without one is taken as UTC.

    So "2019-11-18T22:30:00-08:00" becomes 06:30 UTC on the 19th, and a bare day "2019-11-18"
    stays the 18th (midnight UTC), not shifted by a time zone it never had.
    """
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _media_type(headers: Mapping | None) -> str | None:
    value = header_value(headers, "content-type")
    return value.split(";")[0].strip().lower() if value else None


def count_words(text: str) -> int:
    """Words in text; each CJK character counts as one word."""
    if text.isascii():
        return len(_WORD.findall(text))
    cjk = len(_CJK.findall(text))
    return cjk + len(_WORD.findall(_CJK.sub(" ", text)))


def content_hash(text: str) -> str:
    """Hash of the normalised text (NFKC, case-folded, whitespace collapsed): equal bodies, equal hashes."""
    return _hash_folded(near_dup.fold(text))


def _hash_folded(folded: str) -> str:
    return hashlib.blake2b(" ".join(folded.split()).encode("utf-8"), digest_size=16).hexdigest()


def _word_count(text: str, blocks: list[Block]) -> int:
    """count_words(text) for the text joined from blocks: their cached word_units add up when no CJK is in it."""
    if _ANY_CJK.search(text) is not None:
        return count_words(text)
    return sum(word_units(b.text) for b in blocks)  # no word runs across the blank lines between blocks
