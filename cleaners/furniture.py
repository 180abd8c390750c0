"""Remove page furniture the extractor kept: repeated headline, standfirst, promo boxes, link lists, prompts.

These are the post-extraction steps over the blocks, run inside `extract_page` (each is `Page -> Page`).

They run here, not in the cleaner chain, because they need what only extraction has: the page's
headlines and the blocks' HTML signals. Order matters: the lead rules look at the first blocks.
Like the chain's steps, none may take most of the page's prose (`cleaners.prose_floor`).
"""

from __future__ import annotations

from collections.abc import Callable

from cleaners.blocks import Page
from cleaners.boilerplate import remove_link_blocks, remove_promo_blocks, remove_prompt_lines
from cleaners.draft import Draft, Step
from cleaners.lead import remove_standfirst, remove_title_blocks
from cleaners.prose_floor import prose_words, run_with_prose_floor


def remove_furniture(page: Page, headlines: tuple[str, ...] = (), descriptions: tuple[str, ...] = ()) -> Page:
    """Remove the furniture blocks in order: lead (title, standfirst), then boilerplate.

    What each step drops is counted on `page.removed` under the step's kind, like the chain's removals.
    The prose the extractor found is measured first, on `page.prose`, as the floor's reference.
    """
    steps = (
        ("title", lambda p: remove_title_blocks(p, headlines)),
        ("standfirst", lambda p: remove_standfirst(p, descriptions)),
        ("promo", remove_promo_blocks),
        ("link_block", remove_link_blocks),
        ("prompt", remove_prompt_lines),
    )
    if page.prose is None:
        page.prose = prose_words(page.blocks)
    draft = Draft(page=page)
    run_with_prose_floor(draft, ((kind, _counted(kind, step)) for kind, step in steps), "extract", page.prose)
    for kind, n in draft.removed.items():
        page.removed[kind] = page.removed.get(kind, 0) + n
    return page


def _counted(kind: str, step: Callable[[Page], Page]) -> Step:
    """The `Page -> Page` step as a draft step that counts the blocks it drops under `kind`."""
    def run(draft: Draft) -> None:
        before = len(draft.blocks)
        draft.page.blocks = step(draft.page).blocks
        if dropped := before - len(draft.blocks):
            draft.removed[kind] += dropped
    return run
