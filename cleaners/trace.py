"""See which step removed which blocks: one record per step, kept only while a caller asks for it.

`benchmarks/losses.py` runs `clean_html` inside `tracing()` to learn why a page kept less text than
the extractor found. Off (the default), the step runners check one context variable per step and
record nothing, so the crawl pays nothing for it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass
class StepTrace:
    """What one step did to the page's blocks."""

    stage: str  # "extract" (trafilatura's cascade, the furniture steps) or "clean" (the chain)
    step: str
    removed: dict[str, int] = field(default_factory=dict)  # kinds the step counted
    dropped: list[str] = field(default_factory=list)  # blocks gone from the body (or the text cut from them)
    prose_before: int = 0  # words of prose before and after the step (cleaners.prose_floor)
    prose_after: int = 0
    undone: bool = False  # the step would have taken most of the prose, so its removals were put back
    note: str = ""


_RECORDS: ContextVar[list[StepTrace] | None] = ContextVar("cleaners_trace", default=None)


@contextmanager
def tracing() -> Iterator[list[StepTrace]]:
    """Collect a `StepTrace` per step run inside the block, in order.

    >>> from cleaners import clean_text
    >>> with tracing() as steps:
    ...     _ = clean_text("Share this article\\nThe ferry sailed again on Monday.")
    >>> [(s.step, s.removed) for s in steps if s.removed]
    [('remove_notices', {'notice': 1})]
    """
    records: list[StepTrace] = []
    token = _RECORDS.set(records)
    try:
        yield records
    finally:
        _RECORDS.reset(token)


def records() -> list[StepTrace] | None:
    """The list being collected, or None when nobody traces (the usual case)."""
    return _RECORDS.get()
