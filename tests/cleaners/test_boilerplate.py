"""Link blocks, promotion containers and reader prompts: removed; body text that resembles them: kept."""

import pytest

from cleaners.blocks import Block, Page
from cleaners.boilerplate import remove_link_blocks, remove_promo_blocks, remove_prompt_lines


def _texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


class TestRemoveLinkBlocks:
    def test_link_only_teaser_removed(self):
        body = Block("The council met on Monday.", link_density=0.0)
        teaser = Block("Related: Council budget explained", link_density=0.85)
        assert _texts(remove_link_blocks(Page([body, teaser]))) == ["The council met on Monday."]

    def test_link_list_items_removed(self):
        items = [Block(f"Other story {i}", tag="item", link_density=1.0) for i in range(3)]
        assert _texts(remove_link_blocks(Page(items))) == []

    def test_paragraph_with_an_inline_link_kept(self):
        block = Block("According to the full report, the council will borrow the money.", link_density=0.2)
        assert _texts(remove_link_blocks(Page([block]))) == [block.text]

    def test_written_out_url_kept(self):
        block = Block("https://example.org/report.pdf", link_density=1.0)
        assert _texts(remove_link_blocks(Page([block]))) == [block.text]

    def test_table_rows_and_plain_text_untouched(self):
        row = Block("Team | Points", tag="row", link_density=1.0)
        line = Block("Related stories", tag="line", link_density=None)
        assert _texts(remove_link_blocks(Page([row, line]))) == ["Team | Points", "Related stories"]


class TestRemovePromoBlocks:
    def test_block_in_promo_container_removed(self):
        promo = Block("Get our newsletter every Friday.", hints={"inline", "promo"})
        body = Block("The harbour reopened.", hints={"article", "body"})
        assert _texts(remove_promo_blocks(Page([body, promo]))) == ["The harbour reopened."]

    def test_article_container_words_kept(self):
        block = Block("The harbour reopened.", hints={"entry", "content", "post"})
        assert _texts(remove_promo_blocks(Page([block]))) == ["The harbour reopened."]


class TestRemovePromptLines:
    @pytest.mark.parametrize("prompt", [
        "Read more: Council approves budget",
        "You may also like...",
        "Tell us what YOU think...",
        "Like this story? Share it with a friend!",
        "DON'T MISS",
        "Sign up for our daily newsletter",
        "Write to Jane Doe at jane.doe@example.com",
        "Leggi anche",
        "Lesen Sie auch:",
        "Leia também:",
        "À lire aussi :",
        "Читайте также:",
        "相关阅读",
        "More:",
    ])
    def test_prompt_removed(self, prompt):
        assert _texts(remove_prompt_lines(Page([Block(prompt)]))) == []

    @pytest.mark.parametrize("text", [
        "More than 2,500 people attended the meeting.",
        "Also, the mayor said the plan would be reviewed.",
        "Related research has shown the same effect in mice.",
        "Readers who subscribe to the paper get it on Saturdays.",
    ])
    def test_sentence_starting_like_a_prompt_kept(self, text):
        assert _texts(remove_prompt_lines(Page([Block(text)]))) == [text]

    def test_long_paragraph_kept_even_if_it_starts_with_a_label(self):
        text = "Read more: " + "the council's report explains every step of the plan in detail. " * 5
        assert _texts(remove_prompt_lines(Page([Block(text)]))) == [text]


class TestLinkedHeadingsInsideTheArticle:
    """A section heading that is a link (an anchor, a reviewed product) is kept between the paragraphs."""

    PARAGRAPH = "The charger delivers enough power for a laptop and a phone at the same time, and it folds flat."

    def test_linked_heading_between_paragraphs_kept(self):
        blocks = [Block(self.PARAGRAPH, link_density=0.0), Block("Satechi 72W Car Charger", tag="head", link_density=1.0),
                  Block(self.PARAGRAPH.replace("charger", "mouse"), link_density=0.0)]
        assert _texts(remove_link_blocks(Page(blocks))) == [b.text for b in blocks]

    def test_linked_heading_after_the_article_removed(self):
        blocks = [Block(self.PARAGRAPH, link_density=0.0), Block("More from our reviews", tag="head", link_density=1.0),
                  Block("Best phones of the year", tag="item", link_density=1.0)]
        assert _texts(remove_link_blocks(Page(blocks))) == [self.PARAGRAPH]

    def test_linked_paragraph_between_paragraphs_still_removed(self):
        blocks = [Block(self.PARAGRAPH, link_density=0.0), Block("Related: Ten chargers tested", link_density=0.9),
                  Block(self.PARAGRAPH.replace("charger", "mouse"), link_density=0.0)]
        assert "Related: Ten chargers tested" not in _texts(remove_link_blocks(Page(blocks)))
