"""Checks that a generated page's truth matches what the page shows (the generator's own consistency test).

A page passes when every body paragraph, caption and boilerplate string is printed in its HTML and on one line
of its text dump, every word of the dump belongs to some truth string, and the raw dump, scored as if it were
a cleaner's output, keeps the whole body and leaks every boilerplate string.
"""

from __future__ import annotations

import html
from collections import Counter

from .page import Page
from .score import score_page, tokens


def problems(page: Page) -> list[str]:
    """What is wrong with the page's truth; empty when it is consistent."""
    found = []
    lines = page.text.splitlines()
    kinds = (("body", page.body), ("caption", page.captions), ("boilerplate", page.boilerplate))
    for kind, strings in kinds:
        for text in strings:
            if html.escape(text, quote=False) not in page.html:
                found.append(f"{kind} not in the HTML: {text[:60]}")
            if not any(text in line for line in lines):
                found.append(f"{kind} not on a line of the dump: {text[:60]}")
    known: Counter = Counter()
    for text in page.body + page.captions + page.neutral + page.boilerplate:
        known.update(tokens(text))
    untracked = sorted({token for token in tokens(page.text) if not known[token]})
    if untracked:
        found.append(f"words in the dump that no truth string holds: {untracked[:8]}")
    raw = score_page(page.body, page.captions, page.neutral, page.boilerplate, page.text, [])
    if raw.recall < 1.0:
        found.append(f"the raw dump's body recall is {raw.recall:.3f}")
    unleaked = set(page.boilerplate) - set(raw.leaked)
    unleaked = {s for s in unleaked if tokens(s)}
    if unleaked:
        found.append(f"boilerplate the raw dump does not leak: {sorted(unleaked)[:3]}")
    if not page.body:
        found.append("no body paragraph")
    return found
