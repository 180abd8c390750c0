"""Build a `Draft` from block texts and run one step on it: the unit tests' before/after harness."""

from __future__ import annotations

from cleaners.blocks import Block, Page
from cleaners.draft import Draft, Step


def draft_of(*texts: str | Block, **page_fields) -> Draft:
    """A draft whose blocks are the given texts (plain-text blocks) or Blocks."""
    blocks = [t if isinstance(t, Block) else Block(text=t, tag="line") for t in texts]
    page = Page(blocks=blocks, **page_fields)
    return Draft(page=page, title=page.title)


def after(step: Step, *texts: str | Block, **page_fields) -> Draft:
    """The draft left after running `step` once over the given blocks."""
    draft = draft_of(*texts, **page_fields)
    step(draft)
    return draft


def texts(draft: Draft) -> list[str]:
    """The texts of the blocks still kept."""
    return [b.text for b in draft.blocks]
