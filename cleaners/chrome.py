"""Remove the template's blocks from a plain-text page: site name, navigation, breadcrumbs, link lists, footers.

A text dump (a WET record, a browser's "save as text") prints every block of the page on its own line, the
article among the menus and "most read" lists. Without markup the only evidence is the text: a trained
classifier (`cleaners.chrome_model`) scores every block from its shape and, above all, from its context,
and the blocks it scores as chrome go. Kept: the article's short lines (a one-line paragraph, a dateline, the
items of a list that is the story's content, a table row of figures) when the article surrounds them.
"""

from __future__ import annotations

from cleaners.chrome_model import ChromeModel, load_model
from cleaners.draft import Draft
from cleaners.language import LanguageIdentifier
from cleaners.scripts import ends_sentence


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
        model = self.model
        probability = model.article_probability(texts, self.page_language(texts))
        threshold = model.threshold
        draft.drop(lambda i, _b: "chrome" if probability[i] < threshold else None)

    def page_language(self, texts: list[str]) -> str | None:
        """The language of the page's longest sentences, whatever their script: the article's.

        Not the language of most of the page's text: a dump can hold more chrome than article, and
        the function words counted must be the article's.
        """
        sample: list[str] = []
        total = 0
        for text in sorted(texts, key=lambda t: (ends_sentence(t), len(t)), reverse=True):
            if total >= self.sample_chars:
                break
            sample.append(text)
            total += len(text)
        language, _score, _reason = self.identifier.identify("\n".join(sample)[: self.sample_chars])
        return language
