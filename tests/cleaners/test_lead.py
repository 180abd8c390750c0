"""remove_title_blocks / remove_standfirst: the headline and standfirst go, body text and later headings stay."""

from cleaners.blocks import Block, Page
from cleaners.lead import remove_standfirst, remove_title_blocks


def _texts(page: Page) -> list[str]:
    return [b.text for b in page.blocks]


class TestRemoveTitleBlocks:
    def test_leading_headline_removed(self):
        page = Page([Block("Storm closes the ring road", tag="head"), Block("The ring road closed at noon.")])
        assert _texts(remove_title_blocks(page, ("Storm closes the ring road",))) == ["The ring road closed at noon."]

    def test_matches_ignoring_case_and_punctuation(self):
        page = Page([Block("«Sturm» schließt die Ringstraße", tag="head"), Block("Die Straße ist gesperrt.")])
        assert _texts(remove_title_blocks(page, ("STURM schließt die Ringstraße",))) == ["Die Straße ist gesperrt."]

    def test_page_title_counts_as_headline(self):
        page = Page([Block("市政府宣布新公交线路"), Block("新线路将于下月开通。")], title="市政府宣布新公交线路")
        assert _texts(remove_title_blocks(page)) == ["新线路将于下月开通。"]

    def test_same_words_later_in_the_body_kept(self):
        blocks = [Block(f"Paragraph {i} about the storm and the road.") for i in range(4)]
        blocks.append(Block("Storm closes the ring road", tag="head"))
        page = remove_title_blocks(Page(list(blocks)), ("Storm closes the ring road",))
        assert _texts(page)[-1] == "Storm closes the ring road"

    def test_only_one_copy_removed(self):
        page = Page([Block("Budget passes"), Block("Budget passes"), Block("It passed.")])
        assert _texts(remove_title_blocks(page, ("Budget passes",))) == ["Budget passes", "It passed."]


class TestRemoveStandfirst:
    DESC = "After two winters of flooding, residents backed a plan to raise the wall."

    def test_heading_equal_to_description_removed(self):
        page = Page([Block(self.DESC, tag="head"), Block("Residents voted on Saturday.")])
        assert _texts(remove_standfirst(page, (self.DESC,))) == ["Residents voted on Saturday."]

    def test_truncated_description_still_matches(self):
        page = Page([Block(self.DESC, tag="head"), Block("Residents voted.")], description=self.DESC[:55] + "...")
        assert _texts(remove_standfirst(page)) == ["Residents voted."]

    def test_first_paragraph_reused_as_description_is_kept(self):
        page = Page([Block(self.DESC, tag="p"), Block("Residents voted on Saturday.")])
        assert _texts(remove_standfirst(page, (self.DESC,))) == [self.DESC, "Residents voted on Saturday."]

    def test_short_description_is_a_label_not_a_summary(self):
        page = Page([Block("Local news", tag="head"), Block("Residents voted.")])
        assert _texts(remove_standfirst(page, ("Local news",))) == ["Local news", "Residents voted."]
