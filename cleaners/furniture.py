"""Remove page furniture the extractor kept: repeated headline, standfirst, promo boxes, link lists, prompts.

These are the post-extraction steps over the blocks, run inside `extract_page` (each is `Page -> Page`).

They run here, not in the cleaner chain, because they need what only extraction has: the page's
headlines and the blocks' HTML signals. Order matters: the lead rules look at the first blocks.
"""

from __future__ import annotations

from cleaners.blocks import Page
from cleaners.boilerplate import remove_link_blocks, remove_promo_blocks, remove_prompt_lines
from cleaners.lead import remove_standfirst, remove_title_blocks


def remove_furniture(page: Page, headlines: tuple[str, ...] = (), descriptions: tuple[str, ...] = ()) -> Page:
    """Remove the furniture blocks in order: lead (title, standfirst), then boilerplate.

    What each step drops is counted on `page.removed` under the step's kind, like the chain's removals.
    """
    steps = (
        ("title", lambda p: remove_title_blocks(p, headlines)),
        ("standfirst", lambda p: remove_standfirst(p, descriptions)),
        ("promo", remove_promo_blocks),
        ("link_block", remove_link_blocks),
        ("prompt", remove_prompt_lines),
    )
    for kind, step in steps:
        before = len(page.blocks)
        page = step(page)
        if dropped := before - len(page.blocks):
            page.removed[kind] = page.removed.get(kind, 0) + dropped
    return page
