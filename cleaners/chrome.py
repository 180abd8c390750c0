"""Remove the template's blocks from a plain-text page: site name, navigation, breadcrumbs, link lists, footers.

A text dump (a WET record, a browser's "save as text") prints every block of the page on its own line, the
article among the menus and "most read" lists. Without markup the only evidence is the text: a trained
classifier (`cleaners.chrome_model`) scores every block from its shape and, above all, from its context,
and the blocks it scores as chrome go. Kept: the article's short lines (a one-line paragraph, a dateline, the
items of a list that is the story's content, a table row of figures) when the article surrounds them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from cleaners.chrome_model import ChromeModel, load_model
from cleaners.draft import Draft
from cleaners.language import LanguageIdentifier
from cleaners.scripts import dominant_script, ends_sentence, scripts_of, word_units

_PROSE_WORDS = 25  # a paragraph, not a line of chrome
_FOREIGN_SHARE = 0.3  # more of the passed text than this in a script foreign to the guessed language: recheck
_SENTENCE_INSIDE = re.compile(r"[.!?][\"'”’»)]*\s+\S|[。！？]")


def longest_prose(texts: list[str]) -> int | None:
    """The index of the longest block made of sentences (a paragraph's length at least), or None.

    It is never dropped: a page whose article is one paragraph among menus (a notice, a short post) keeps it,
    however little context vouches for it.
    """
    best, index = _PROSE_WORDS - 1, None
    for i, text in enumerate(texts):
        units = word_units(text)
        if units > best and (ends_sentence(text) or _SENTENCE_INSIDE.search(text)):
            best, index = units, i
    return index


def kept_blocks(texts: list[str], passed: Sequence[bool], language: str | None) -> list[bool]:
    """The blocks to keep, from those the classifier passed: plus the longest prose, minus foreign fringes.

    A block written in a script the page's language does not use is kept only between two kept blocks of
    the page's own script: a quotation inside the article stays, a template's foreign-script chrome next
    to it does not (the shared pages the classifier learned from seldom mix scripts, so it is told).
    """
    keep = list(map(bool, passed))
    spared = longest_prose(texts)
    if spared is not None:
        keep[spared] = True
    if language is None:
        return keep
    own = _own_scripts(language)
    foreign = [_is_foreign(t, own) for t in texts]
    own_kept = [i for i, k in enumerate(keep) if k and not foreign[i]]
    if not own_kept or (spared is not None and foreign[spared]):  # the longest prose "foreign": wrong language
        return keep
    first, last = own_kept[0], own_kept[-1]
    return [k and (not foreign[i] or first < i < last) for i, k in enumerate(keep)]


def _own_scripts(language: str) -> set[str]:
    """The scripts the language is written in, Japanese kana counted with Han (as `dominant_script` does)."""
    return {"han" if s == "kana" else s for s in scripts_of(language)}


def _is_foreign(text: str, own: set[str]) -> bool:
    script = dominant_script(text)
    return script is not None and script not in own


class ChromeBlockFilter:
    """Drop the blocks of a plain-text page that the chrome classifier scores as template (kind `chrome`)."""

    def __init__(self, identifier: LanguageIdentifier, model: ChromeModel | None = None,
                 sample_chars: int = 300) -> None:
        if sample_chars < 1:
            raise ValueError("sample_chars must be positive")
        self.identifier = identifier
        self.sample_chars = sample_chars
        self._model = model

    @property
    def model(self) -> ChromeModel:
        """The given model, or the shipped one, read on first use (an HTML-only process never reads it)."""
        if self._model is None:
            self._model = load_model()
        return self._model

    def __call__(self, draft: Draft) -> None:
        """Score every block of the page in its context and drop those below the model's threshold."""
        if not draft.blocks:
            return
        texts = [b.text for b in draft.blocks]
        language, probability = self.scores(texts)
        keep = kept_blocks(texts, probability >= self.model.threshold, language)
        draft.drop(lambda i, _b: None if keep[i] else "chrome")

    def scores(self, texts: list[str]) -> tuple[str | None, np.ndarray]:
        """(the article's language, each block's probability of being article text).

        The language is first guessed from the page's longest sentences (not from most of its text: a
        dump can hold more chrome than article). When much of what then scores as article is written in a
        script that language does not use, the guess was the chrome's: the language of the best-scored
        blocks is taken instead, and the page scored again with it.
        """
        language = self._identify(sorted(texts, key=lambda t: (ends_sentence(t), word_units(t)), reverse=True))
        probability = self.model.article_probability(texts, language)
        if language is None:
            return language, probability
        own = _own_scripts(language)
        passed = probability >= self.model.threshold
        units = [word_units(t) for t in texts]
        foreign = sum(n for n, t, k in zip(units, texts, passed, strict=True) if k and _is_foreign(t, own))
        if foreign <= _FOREIGN_SHARE * sum(n for n, k in zip(units, passed, strict=True) if k):
            return language, probability
        best = self._identify([texts[i] for i in np.argsort(-probability, kind="stable")])
        if best is None or best == language:
            return language, probability
        return best, self.model.article_probability(texts, best)

    def page_language(self, texts: list[str]) -> str | None:
        """The article's language (see `scores`)."""
        return self.scores(texts)[0]

    def _identify(self, ranked: list[str]) -> str | None:
        """The language of the first blocks of ranked, up to `sample_chars`."""
        sample: list[str] = []
        total = 0
        for text in ranked:
            if total >= self.sample_chars:
                break
            sample.append(text)
            total += len(text)
        language, _score, _reason = self.identifier.identify("\n".join(sample)[: self.sample_chars])
        return language
