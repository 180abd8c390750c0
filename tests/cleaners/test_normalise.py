"""normalise: debris goes, words and meaningful characters stay."""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.normalise import normalise_blocks, normalise_text, remove_wordless_blocks
from tests.cleaners.helpers import after, texts


class TestNormaliseText:
    def test_empty_tag_pair_and_entities(self):
        assert normalise_text("Pompeo,<strong></strong> left &amp; right") == "Pompeo, left & right"

    def test_tag_with_attributes_and_br(self):
        assert normalise_text('Sie sagte<br/> <span class="x">nein</span>') == "Sie sagte nein"

    def test_tag_named_in_prose_is_kept(self):
        assert normalise_text("Put the menu in a <nav> element.") == "Put the menu in a <nav> element."

    def test_zero_width_removed_but_zwnj_kept(self):
        assert normalise_text("北京\u200b时间") == "北京时间"
        assert normalise_text("می\u200cخواهم") == "می\u200cخواهم"  # Persian needs ZWNJ

    def test_nfc_and_whitespace(self):
        assert normalise_text("Cafe\u0301\u00a0\u3000 au\n\tlait ") == "Café au lait"

    def test_mojibake_repaired(self):
        assert normalise_text("Ð Ð¾Ñ\x81Ñ\x81Ð¸Ñ\x8f") == "Россия"
        assert normalise_text("doesnâ€™t") == "doesn’t"

    def test_correct_accents_untouched(self):
        for text in ("Crème brûlée à Paris", "Ñandú, año", "Größe über", "Ça va, élève"):
            assert normalise_text(text) == text

    def test_code_keeps_tags(self):
        assert normalise_text('<b class="x">bold</b>', keep_tags=True) == '<b class="x">bold</b>'


def test_blocks_left_empty_are_dropped_and_counted():
    draft = after(normalise_blocks, "<strong></strong>\u200b", " Real  text ")
    assert texts(draft) == ["Real text"]
    assert draft.removed["empty"] == 1


class TestRemoveWordlessBlocks:
    def test_dates_and_counters_go(self):
        draft = after(remove_wordless_blocks, "2024-09-22 07:13", "(0)", "Real text")
        assert texts(draft) == ["Real text"]
        assert draft.removed["no_words"] == 2

    def test_numbers_in_table_cells_and_section_rules_stay(self):
        draft = after(remove_wordless_blocks, Block("1,204", tag="cell"), "* * *", "___", "12 июня")
        assert texts(draft) == ["1,204", "* * *", "___", "12 июня"]
