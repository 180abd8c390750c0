"""Remove lists of links that follow the article's last paragraph, with the heading over them.

A portal that shares one container between the article and its sidebar prints "Most read" or
"Latest stories" as a heading and a list of linked headlines (often with a date after each)
right after the story; each item falls just short of a link list on its own, because its date
is not linked. After the article's run of prose (cleaners.prose), a list whose items are mostly
links is that box. Kept: a list inside the article, even of links (a news round-up); a list
after it whose items are text (the article's closing bullet points); everything in a plain-text
dump, where links are unknown.
"""

from __future__ import annotations

from cleaners.draft import Draft
from cleaners.prose import article_run

_LINKED_ITEM = 0.5  # an item whose text is at least this share links
_LINKED_SHARE = 0.5  # a list is a link list when at least this share of its items are linked


def remove_trailing_link_lists(draft: Draft) -> None:
    """Drop link lists (and their heading) after the article's last paragraph (kind `link_list`)."""
    blocks = draft.blocks
    run = article_run(blocks)
    if not run or len(run) == len(blocks):
        return
    drop: set[int] = set()
    i = run[-1] + 1
    while i < len(blocks):
        if blocks[i].tag != "item":
            i += 1
            continue
        end = i
        while end < len(blocks) and blocks[end].tag == "item":
            end += 1
        linked = sum(1 for b in blocks[i:end] if (b.link_density or 0) >= _LINKED_ITEM)
        if blocks[i].link_density is not None and linked >= _LINKED_SHARE * (end - i):
            drop.update(range(i, end))
            if i - 1 > run[-1] and blocks[i - 1].tag == "head":
                drop.add(i - 1)
        i = end
    if drop:
        draft.drop(lambda j, _b: "link_list" if j in drop else None)
