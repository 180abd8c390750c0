"""Remove blocks in a language other than the page's main language (sidebars, chrome, notices).

The main language is identified once, on a bounded sample of the longest blocks of the article (its
heaviest run of prose, not the chrome). A block is then judged relative to it, cheaply first: a block
written in a script the main language does not use is foreign; a block in the same script is
sent to the identifier only when its function words point to another language. So a German
article on an English-chrome site keeps German, and an English article on a Chinese template
loses the Chinese. Foreign blocks go when they sit before or after the article's own blocks
(template chrome) or are mostly links. Kept: a foreign paragraph inside the article (a quotation
or translation), short blocks (names, numbers, labels), quotations and code, a block mixing in a
quoted phrase of another script, and Latin-script lists of names in a CJK article.
"""

from __future__ import annotations

import re
from collections import Counter

from cleaners.blocks import Block
from cleaners.draft import Draft
from cleaners.language import LanguageIdentifier
from cleaners.prose import article_run
from cleaners.scripts import dominant_script, ends_sentence, script_units, scripts_of, word_units

# Frequent function words of Latin-script languages: a cheap hint of which language a block is in.
_FUNCTION_WORDS = {
    "en": "the and of to is in that it was for with on are this be by have from not they which would said has",
    "de": "der die und das ist nicht ein eine mit sich auf für den dem von zu auch wird sind wurde nach bei aus",
    "fr": "le la les et des est une un du que dans pour pas sur qui au avec il ce sont mais ont été aux cette",
    "es": "el la los las y de que en un una es por con para del se su al lo como más pero sus fue ha este",
    "it": "il la di che e un una per con non del della sono è anche gli le nel alla dei questo ha ma",
    "pt": "o a os as de que e do da em um uma para com não dos das no na por mais se foi são ao",
    "nl": "de het een en van dat is niet op te zijn met voor die er aan ook als maar wordt bij naar om",
}
_FUNCTION_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_LATIN_WORD = re.compile(r"[a-zà-öø-ÿ]+")
_QUOTED = re.compile(r"^[\"'“”„«‘‚「『].*[\"'“”»’」』]\W*$")
_MIN_FOREIGN_UNITS = 4
_FOREIGN_SHARE = 0.6
_MIN_HINT_WORDS = 6
_MIN_HINT_HITS = 3
_OWN_SHARE = 0.2
_MIN_BLOCK_SCORE = 0.8
_BODY_UNITS = 8
_LINK_DENSE = 0.5
_MIN_RUN_SHARE = 0.3  # of the page's text outside links, that the article's run of prose must hold
_MAX_VOTERS = 20  # blocks, the longest, that vote for the language of an article without prose


class MainLanguage:
    """Set the draft's language and score from a sample of the article's longest blocks."""

    def __init__(self, identifier: LanguageIdentifier, sample_chars: int = 300) -> None:
        if sample_chars < 1:
            raise ValueError("sample_chars must be positive")
        self.identifier = identifier
        self.sample_chars = sample_chars

    def __call__(self, draft: Draft) -> None:
        """Identify the main language on the longest blocks of the article's run of prose, up to `sample_chars`."""
        # The article is the heaviest run of prose (cleaners.prose): not the chrome, however much
        # of it there is, nor the longest single block (a related list glued into one line).
        # Within it, the script carrying most words is the article's. Words, not bytes: UTF-8
        # spends two bytes on an Arabic or Cyrillic letter and three on a CJK character.
        blocks = draft.blocks
        run = [blocks[i] for i in article_run(blocks) if blocks[i].tag != "code"]
        text_blocks = [b for b in blocks if b.tag != "code" and (b.link_density or 0) < _LINK_DENSE
                       and b.in_container is not False]
        # An article without prose (a calendar, a list of lines) has no run of its own: the run
        # found is the template's notices. When the run holds little of the page's text, all of
        # the text that is not links (inside the article's container, when that is known) votes,
        # each block for the language it reads as, by its words.
        if sum(word_units(b.text) for b in run) < _MIN_RUN_SHARE * sum(word_units(b.text) for b in text_blocks):
            sample = self._voted_sample(text_blocks)
        else:
            sample = self._longest_of_main_script(run)
        text = "\n".join(sample)[: self.sample_chars]  # bounded: langdetect's cost grows with length
        draft.language, draft.language_score, _reason = self.identifier.identify(text)

    def _longest_of_main_script(self, run: list[Block]) -> list[str]:
        """The longest blocks of the script carrying most of the run's words, sentences first, up to the sample size."""
        candidates = [(b.text, dominant_script(b.text)) for b in run]
        weight: Counter[str | None] = Counter()
        for text, script in candidates:
            weight[script] += word_units(text)
        main = weight.most_common(1)[0][0] if weight else None
        sample: list[str] = []
        total = 0
        # Sentences first: a related list glued into one long line ends with a headline, not a sentence.
        for text, script in sorted(candidates, key=lambda c: (ends_sentence(c[0]), len(c[0])), reverse=True):
            if total >= self.sample_chars:
                break
            if script == main:
                sample.append(text)
                total += len(text)
        return sample

    def _voted_sample(self, blocks: list[Block]) -> list[str]:
        """The longest blocks of the language most of the words read as (a cheap guess per block)."""
        # Each distinct text votes once: a menu line printed on every row of a layout is one voice.
        longest = sorted({b.text for b in blocks}, key=len, reverse=True)[:_MAX_VOTERS]
        guesses = [(text, self.identifier.guess(text)) for text in longest]
        votes: Counter[str | None] = Counter()
        for text, lang in guesses:
            votes[lang] += word_units(text)
        winner = votes.most_common(1)[0][0] if votes else None
        return [text for text, lang in guesses if lang == winner]


class ForeignBlockFilter:
    """Drop blocks in another language than the draft's main language (kind `foreign_language`)."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        self.identifier = identifier

    def __call__(self, draft: Draft) -> None:
        """Drop foreign blocks around the article, and link-dense ones inside it; keep all without a main language."""
        if draft.language is None:
            return
        foreign = [self.is_foreign(b, draft.language) for b in draft.blocks]
        # The article is its run of prose (cleaners.prose), not every paragraph-sized block in its
        # language: a notice sentence in that language after a foreign sidebar would otherwise
        # make the sidebar look like a quotation inside the article.
        body = [i for i in article_run(draft.blocks) if not foreign[i]]
        if not body:
            body = [i for i, b in enumerate(draft.blocks) if not foreign[i] and word_units(b.text) >= _BODY_UNITS]
        if not body:
            return
        first, last = body[0], body[-1]

        def verdict(i: int, block: Block) -> str | None:
            if not foreign[i]:
                return None
            # Inside the article a foreign paragraph is likely a quotation or a translation;
            # template chrome sits around it, or is made of links.
            outside = i < first or i > last
            return "foreign_language" if outside or (block.link_density or 0) >= _LINK_DENSE else None

        draft.drop(verdict)

    def is_foreign(self, block: Block, main: str) -> bool:
        """True when the block is clearly written in a language other than `main`."""
        if block.tag in ("code", "quote") or _QUOTED.match(block.text):
            return False
        units = script_units(block.text)
        total = sum(units.values())
        if total < _MIN_FOREIGN_UNITS:
            return False
        own = scripts_of(main)
        foreign = sum(n for script, n in units.items() if script not in own)
        if foreign >= _MIN_FOREIGN_UNITS and foreign >= _FOREIGN_SHARE * total:
            # Capitalised Latin words alone in a non-Latin article are names or brands, not chrome.
            if units.get("latin", 0) >= _FOREIGN_SHARE * foreign and "latin" not in own:
                return any(w.islower() and len(w) > 1 for w in block.text.split())
            return True
        if "latin" in own and units.get("latin", 0) >= _MIN_HINT_WORDS and self._hints_other(block.text, main):
            lang, score, _reason = self.identifier.identify(block.text)
            return lang is not None and lang != main and "latin" in scripts_of(lang) and score >= _MIN_BLOCK_SCORE
        return False

    @staticmethod
    def _hints_other(text: str, main: str) -> bool:
        """Cheap check: do another language's function words outnumber the main language's?"""
        words = _LATIN_WORD.findall(text.lower())
        mine = _FUNCTION_SETS.get(main)
        own = sum(map(mine.__contains__, words)) if mine is not None else 0
        if own >= _OWN_SHARE * len(words):
            return False  # plainly the main language: one pass, no comparison needed
        best = max(sum(map(s.__contains__, words)) for lang, s in _FUNCTION_SETS.items() if lang != main)
        if mine is None:  # no word list for the main language: a dense run of another's is the hint
            return best >= _MIN_HINT_HITS and best >= 0.2 * len(words)
        return best >= _MIN_HINT_HITS and best > own
