"""`Draft`: the page as it passes through the cleaning chain, with what each step removed.

Every step of `cleaners.chain` takes a `Draft` and changes it in place: it may drop blocks
(counted on `removed` by kind), rewrite block text, move captions aside or set metadata.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from cleaners.blocks import Block, Page


@dataclass
class Draft:
    """The page being cleaned: its remaining body blocks plus what the steps found so far."""

    page: Page
    captions: list[str] = field(default_factory=list)
    removed: Counter[str] = field(default_factory=Counter)
    title: str | None = None
    language: str | None = None
    language_score: float | None = None

    @property
    def blocks(self) -> list[Block]:
        """The body blocks still kept."""
        return self.page.blocks

    def drop(self, reason: Callable[[int, Block], str | None]) -> None:
        """Drop every block for which `reason(index, block)` gives a kind; count each drop."""
        kept = []
        for i, block in enumerate(self.page.blocks):
            kind = reason(i, block)
            if kind:
                self.removed[kind] += 1
            else:
                kept.append(block)
        self.page.blocks = kept


Step = Callable[[Draft], None]
