"""Remove template chrome written in another language of the article's own script.

A Spanish or Portuguese site re-hosting an English article keeps its menus, box headings, related
headlines and notices in Spanish; all Latin script, so the script check of `ForeignBlockFilter`
cannot see them, and each item is too short for a language identifier. Here the page is judged
as a whole first: the template's language is read from the page's links around the article (its
menus, boxes and footer; in plain text, from the lines around the article's run of prose), and
must differ clearly from the article's. Then each block outside the article's run of prose
(cleaners.prose), or mostly linked inside it, is weighed between that language and the article's
(a deterministic log-likelihood over its n-grams, cheap enough for every block), and goes when it
leans clearly to the template's.

Kept: the article's prose, short blocks inside it (a subheading, a foreign title or quotation),
blocks with too few n-grams to tell (a name, "OK", a date), blocks that read as the article's
language, such as its own headings and lists around it, and plain lines of its container that
are shaped like no chrome (titles the article lists). The run's edge paragraphs are weighed
too, so a notice sentence in the template's language next to the last paragraph goes with the
rest of the chrome.
"""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.draft import Draft
from cleaners.language import LanguageIdentifier
from cleaners.prose import article_run
from cleaners.scripts import dominant_script, ends_sentence, scripts_of

_LINK_DENSE = 0.5
_LINKED = 0.3  # a block this much linked is shaped like chrome (a headline with its unlinked date)
_SAMPLE_CHARS = 200  # of the chrome, read together to find the template's language
_MIN_TEMPLATE_LEAN = 0.15  # nats per n-gram: the template's links read as another language than the article
_MIN_LEAN = 0.3  # nats per n-gram towards the template's language
_MIN_TOTAL = 5.0  # nats in all: a name or a short label does not carry enough to tell


class ForeignChromeFilter:
    """Drop chrome in another language of the article's script (kind `foreign_chrome`)."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        self.identifier = identifier

    def __call__(self, draft: Draft) -> None:
        """Find the template's language from the blocks around the article; drop those written in it."""
        main = draft.language
        blocks = draft.blocks
        run = article_run(blocks)
        if main is None or not run or len(run) == len(blocks):
            return
        own = scripts_of(main)

        def around(first: int, last: int) -> list[int]:
            return [i for i, b in enumerate(blocks) if self._eligible(b, own) and (
                i < first or i > last or (b.link_density or 0) >= _LINK_DENSE)]

        # The template's language: from the page's links around the article (HTML), or from the
        # blocks around it (plain text). It must read clearly as another language than the article's.
        sample = draft.page.chrome_sample[:_SAMPLE_CHARS] or " ".join(
            blocks[i].text for i in around(run[0], run[-1]))[:_SAMPLE_CHARS]
        template = self.identifier.guess(sample) if sample else None
        if template is None or template == main or self.identifier.lean(sample, template, main)[0] < _MIN_TEMPLATE_LEAN:
            return
        verdicts: dict[int, bool] = {}

        def foreign(i: int) -> bool:
            if i not in verdicts:
                per_gram, total = self.identifier.lean(blocks[i].text, template, main)
                verdicts[i] = per_gram >= _MIN_LEAN and total >= _MIN_TOTAL
            return verdicts[i]

        # The run may have taken in a notice paragraph of the template next to the article.
        kept = list(run)
        while kept and self._eligible(blocks[kept[0]], own) and foreign(kept[0]):
            kept.pop(0)
        while kept and self._eligible(blocks[kept[-1]], own) and foreign(kept[-1]):
            kept.pop()
        if not kept:
            return
        drop = {i for i in around(kept[0], kept[-1]) if _chrome_shaped(blocks[i]) and foreign(i)}
        if drop:
            draft.drop(lambda i, _b: "foreign_chrome" if i in drop else None)

    @staticmethod
    def _eligible(block: Block, own: set[str]) -> bool:
        """A block this step may weigh: not code or a quotation, written in the article's script."""
        return block.tag not in ("code", "quote") and dominant_script(block.text) in own


def _chrome_shaped(block: Block) -> bool:
    """Shaped like template chrome: links, a heading, a sentence (a notice), or outside the article's container.

    A plain line in the article's container that is none of these (a title the article lists, a
    name) stays even when it reads as the template's language.
    """
    return ((block.link_density or 0) >= _LINKED or block.tag == "head" or ends_sentence(block.text)
            or block.in_container is False)
