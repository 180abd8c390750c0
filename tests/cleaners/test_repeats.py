"""repeats: template copies and truncated teasers go; repeats that are content stay."""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.repeats import remove_repeated_blocks, remove_teasers
from tests.cleaners.helpers import after, draft_of, texts

LONG = ("North Korea has expressed its commitment to the denuclearization of the Korean Peninsula, not just"
        " the North, apparently seeking the removal of the nuclear umbrella over the South.")


class TestRemoveRepeatedBlocks:
    def test_long_paragraph_repeated_in_text_dump(self):
        draft = after(remove_repeated_blocks, LONG, "Other text here today.", LONG)
        assert texts(draft) == [LONG, "Other text here today."]
        assert draft.removed["duplicate"] == 1

    def test_link_list_repeated_in_html(self):
        link = Block("Markets slide on rate fears in Asia", link_density=1.0)
        draft = after(remove_repeated_blocks, Block(LONG, link_density=0.0), link,
                      Block(link.text, link_density=1.0))
        assert texts(draft) == [LONG, link.text]

    def test_back_to_back_copy(self):
        draft = after(remove_repeated_blocks, Block("Was inspired you to start cooking?", link_density=0.0),
                      Block("Was inspired you to start cooking?", link_density=0.0))
        assert len(draft.blocks) == 1

    def test_interview_question_repeated_for_each_guest_stays(self):
        q = "What inspired you to start a cooking blog?"
        blocks = [Block(t, link_density=0.0) for t in (q, "My grandmother.", q, "A trip to Italy.")]
        assert texts(after(remove_repeated_blocks, *blocks)) == [q, "My grandmother.", q, "A trip to Italy."]

    def test_short_list_that_is_the_content_stays(self):
        items = [Block(t, tag="item", link_density=0.0) for t in ("2 eggs", "1 cup flour", "2 eggs")]
        assert texts(after(remove_repeated_blocks, *items)) == ["2 eggs", "1 cup flour", "2 eggs"]

    def test_table_cells_stay(self):
        cells = [Block("no data for this year", tag="cell")] * 2
        assert len(after(remove_repeated_blocks, *cells).blocks) == 2


class TestRemoveTeasers:
    def test_truncated_summary_goes(self):
        teaser = "U.S. Secretary of State Mike Pompeo, left, and Russian Foreign Minister attend a joint"
        full = teaser + " news conference in Sochi."
        draft = after(remove_teasers, teaser, full)
        assert texts(draft) == [full]
        assert draft.removed["teaser"] == 1

    def test_teaser_with_ellipsis_of_a_caption(self):
        teaser = "Der Minister sprach am Dienstag in Berlin über …"
        draft = draft_of(teaser, "Body text.")
        draft.captions.append("Ein unbeteiligtes Foto vom Hafen in Hamburg am Montag.")
        remove_teasers(draft)
        assert texts(draft) == [teaser, "Body text."]  # a caption it does not start stays no reason to drop it
        draft = draft_of(teaser, "Body text.")
        draft.captions.append("Der Minister sprach am Dienstag in Berlin über die Haushaltspläne.")
        remove_teasers(draft)
        assert texts(draft) == ["Body text."]
        assert draft.removed["teaser"] == 1

    def test_paragraph_ending_in_ellipsis_is_not_its_own_teaser(self):
        text = "Here is the one thing I want you to remember from all of this …"
        assert texts(after(remove_teasers, text, "Start small.")) == [text, "Start small."]

    def test_cut_inside_a_word_is_not_a_teaser(self):
        text = "The ministers met in Sochi and will attend"
        assert len(after(remove_teasers, text, "The ministers met in Sochi and will attended talks.").blocks) == 2

    def test_chinese_teaser(self):
        full = "北京时间今天上午，两国外长在索契举行会谈，讨论了朝鲜半岛局势。"
        assert texts(after(remove_teasers, full[:20], full)) == [full]

    def test_list_items_are_never_teasers(self):
        items = [Block("Beachbody Performance Recharge drink", tag="item"),
                 Block("Beachbody Performance Recharge drink, 1 tsp. nut butter", tag="item")]
        assert len(after(remove_teasers, *items).blocks) == 2
