"""Cut glued runs of related-article headlines out of a paragraph, keeping the real sentence.

Some templates print a "related news" widget inside the article body, and extraction glues it
onto the next paragraph: `Headline A Headline A 2019-05-15 11:08 | Section Headline B ... | Section
The real sentence.` The run is found by its form, never by its words: two or more separators
(a date-time and/or a pipe), short separator-bounded segments with no sentence inside them, and
a confirming signal (a headline printed twice in a row, or a date-time on the items; links over
much of the block make one dated item enough). Section labels are recognised because they recur at segment starts. A
sentence before or after the run is kept; a paragraph that merely mentions two dates is not a run.
"""

from __future__ import annotations

import re

from cleaners.blocks import Block
from cleaners.draft import Draft
from cleaners.scripts import ends_sentence

_DATE = r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?"
# A separator: a date (maybe with a time) and/or a pipe, or a time followed by a pipe.
_SEPARATOR = re.compile(
    rf"\s*(?:{_DATE}(?:\s+{_TIME})?(?:\s*[|｜]\s*)?|{_TIME}\s*[|｜]\s*|[|｜]\s*)"
)
_HAS_DATE = re.compile(_DATE)
_SENTENCE_INSIDE = re.compile(r"[.!?。！？][\"'”’»」)]*\s+\S")
_MAX_SEGMENT_WORDS = 30
_MAX_LABEL_WORDS = 4
_MIN_ONE_TOKEN_HEADLINE = 5


def cut_headline_run(text: str, link_density: float | None = None) -> str | None:
    """The text with a glued headline run removed, or None when text holds no run.

    >>> cut_headline_run("Rain hits Seoul Rain hits Seoul 2019-05-15 11:08 | Weather "
    ...                  "Fog closes port Fog closes port 2019-05-14 09:00 | Weather The port reopened on Friday.")
    'The port reopened on Friday.'
    >>> cut_headline_run("Sales rose between 2019-05-01 and 2019-05-15, the company said.") is None
    True
    """
    if "|" not in text and "｜" not in text and len(_HAS_DATE.findall(text)) < 2:
        return None  # cheap gate: a run needs a pipe or two dates
    seps = [m for m in _SEPARATOR.finditer(text) if m.group(0).strip()]
    if len(seps) < 2:
        return None
    head = text[: seps[0].start()].strip()
    middles = [text[a.end() : b.start()].strip() for a, b in zip(seps, seps[1:], strict=False)]
    tail = text[seps[-1].end() :].strip()
    if not all(_is_headline_segment(m) for m in middles):
        return None
    doubled = [_split_doubled(m) for m in [head, *middles]]
    dates = sum(1 for m in seps if _HAS_DATE.search(m.group(0)))
    pipes = sum(1 for m in seps if "|" in m.group(0) or "｜" in m.group(0))
    # Pipes alone are not enough (inline link cards, "A | B" in prose): a date on the items or a
    # headline printed twice is; links over much of the block let one dated item suffice.
    linked = link_density is not None and link_density >= 0.3
    if not (any(d is not None for d in doubled) or (dates >= 2 and pipes >= 1) or (linked and dates >= 1)):
        return None
    # Before the run: a sentence that ends before the first headline is kept.
    lead = doubled[0][0] if doubled[0] is not None else head
    lead = _sentence_prefix(lead)
    labels = {d[0] for d in doubled[1:] if d is not None and d[0] and len(d[0].split()) <= _MAX_LABEL_WORDS}
    guessed = _recurring_starts([*middles, tail]) - labels
    if tail in labels | guessed:  # the run ends the block: what follows the last pipe is its label
        tail = ""
    for label in sorted(labels | guessed, key=len, reverse=True):
        rest = tail[len(label) :].strip()
        # A guessed label must leave a sentence start behind ("The port ..." is not label "The").
        if tail.startswith(label + " ") and (label in labels or not rest[:1].islower()):
            tail = rest
            break
    return " ".join(part for part in (lead, tail) if part)


def _is_headline_segment(segment: str) -> bool:
    words = segment.split()
    return 0 < len(words) <= _MAX_SEGMENT_WORDS * 2 and not _SENTENCE_INSIDE.search(segment)


def _split_doubled(segment: str) -> tuple[str, str] | None:
    """(what comes before, headline) when segment ends with a headline printed twice in a row."""
    words = segment.split()
    for n in range(len(words) // 2, 0, -1):
        # One repeated token is a headline only when long (CJK headlines have no spaces).
        if words[-n:] == words[-2 * n : -n] and (n > 1 or len(words[-1]) >= _MIN_ONE_TOKEN_HEADLINE):
            return " ".join(words[: -2 * n]), " ".join(words[-n:])
    return None


def _sentence_prefix(text: str) -> str:
    """The part of text up to its last sentence end (empty when there is none)."""
    if ends_sentence(text):
        return text
    ends = list(re.finditer(r"[.!?。！？][\"'”’»」)]*(?=\s)", text))
    return text[: ends[-1].end()].strip() if ends else ""


def _recurring_starts(segments: list[str]) -> set[str]:
    """Leading phrases (1-4 words) that open two or more segments: the run's section labels."""
    seen: dict[str, int] = {}
    for segment in segments:
        words = segment.split()
        for n in range(1, min(_MAX_LABEL_WORDS, len(words) - 1) + 1):
            phrase = " ".join(words[:n])
            seen[phrase] = seen.get(phrase, 0) + 1
    return {phrase for phrase, count in seen.items() if count >= 2}


def cut_headline_runs(draft: Draft) -> None:
    """Cut headline runs out of each block (kind `headline_run`); a block that was only a run is dropped."""

    def cut(_i: int, block: Block) -> str | None:
        if block.tag == "code":
            return None
        rest = cut_headline_run(block.text, block.link_density)
        if rest is None:
            return None
        if not rest:
            return "headline_run"
        draft.removed["headline_run"] += 1
        block.text = rest
        return None

    draft.drop(cut)
