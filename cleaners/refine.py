"""Post-extraction steps over the blocks, run inside `extract_page` (each is `Page -> Page`).

They run here, not in the cleaner chain, because they need what only extraction has: the page's
headlines and the blocks' HTML signals. Order matters: the lead rules look at the first blocks.
"""

from __future__ import annotations

from cleaners.blocks import Page
from cleaners.boilerplate import remove_link_blocks, remove_promo_blocks, remove_prompt_lines
from cleaners.lead import remove_standfirst, remove_title_blocks


def refine_page(page: Page, headlines: tuple[str, ...] = (), descriptions: tuple[str, ...] = ()) -> Page:
    """Run the extraction-level block steps in order: lead (title, standfirst), then boilerplate."""
    page = remove_title_blocks(page, headlines)
    page = remove_standfirst(page, descriptions)
    page = remove_promo_blocks(page)
    page = remove_link_blocks(page)
    return remove_prompt_lines(page)
