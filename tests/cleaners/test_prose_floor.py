"""The prose floor: a step that would take most of the extracted prose is undone; chrome removals pass."""

from __future__ import annotations

from cleaners import clean_text
from cleaners.blocks import Block, Page
from cleaners.chain import run_steps
from cleaners.draft import Draft
from cleaners.prose_floor import is_prose, prose_words, run_with_prose_floor
from cleaners.trace import tracing
from tests.cleaners.helpers import draft_of, texts

STORY = [
    "The island ferry sailed again on Monday after a week of storms kept it in the harbour.",
    "Commuters and schoolchildren crowded the deck, and the captain thanked them for their patience.",
    "The operator said the timetable would return to normal by the end of the month.",
]
CHROME = ["Home", "News", "Weather", "Contact us"]


def _drop_all(draft: Draft) -> None:
    draft.drop(lambda _i, _b: "greedy")


def _drop_short(draft: Draft) -> None:
    draft.drop(lambda _i, b: "short" if len(b.text) < 20 else None)


def _move_first_to_captions(draft: Draft) -> None:
    draft.captions.append(draft.blocks[0].text)
    draft.drop(lambda i, _b: "caption" if i == 0 else None)


class TestIsProse:
    def test_sentences_are_prose(self):
        assert all(is_prose(Block(t)) for t in STORY)

    def test_chrome_headings_and_links_are_not(self):
        assert not any(is_prose(Block(t)) for t in CHROME)
        assert not is_prose(Block(STORY[0], tag="head"))
        assert not is_prose(Block(STORY[0], link_density=0.9))
        assert not is_prose(Block("Ferry returns after a week of storms as commuters crowd the deck", tag="line"))

    def test_cjk_counts_characters(self):
        assert is_prose(Block("广州市今天上午召开新闻发布会，介绍了全市推进城乡融合发展的最新进展。"))


class TestRunWithProseFloor:
    def test_step_taking_all_prose_is_undone_with_its_counts(self):
        draft = draft_of(*CHROME, *STORY)
        run_with_prose_floor(draft, [("drop_all", _drop_all)], "clean")
        assert texts(draft) == CHROME + STORY
        assert draft.removed == {}

    def test_step_removing_chrome_runs(self):
        draft = draft_of(*CHROME, *STORY)
        run_with_prose_floor(draft, [("drop_short", _drop_short)], "clean")
        assert texts(draft) == STORY
        assert draft.removed == {"short": 4}

    def test_a_step_may_take_less_than_half(self):
        draft = draft_of(*STORY)
        run_with_prose_floor(draft, [("move", _move_first_to_captions)], "clean")
        assert texts(draft) == STORY[1:] and draft.captions == STORY[:1]

    def test_undone_caption_move_leaves_no_caption(self):
        draft = draft_of(STORY[0], "Short line.")
        run_with_prose_floor(draft, [("move", _move_first_to_captions)], "clean")
        assert texts(draft) == [STORY[0], "Short line."] and draft.captions == []

    def test_floor_counts_from_what_extraction_found(self):
        """Two steps that each take a third: the second would cross the floor and is undone."""
        draft = draft_of(*STORY)

        def drop_index(n):
            def step(d: Draft) -> None:
                target = d.blocks[0] if d.blocks and d.blocks[0].text == STORY[n] else None
                d.drop(lambda _i, b: "gone" if b is target else None)
            return step
        run_with_prose_floor(draft, [("a", drop_index(0)), ("b", drop_index(1))], "clean")
        assert texts(draft) == STORY[1:]

    def test_text_cut_inside_a_block_is_put_back(self):
        draft = draft_of(STORY[0])

        def cut(d: Draft) -> None:
            d.blocks[0].text = "The island ferry."
        run_with_prose_floor(draft, [("cut", cut)], "clean")
        assert texts(draft) == [STORY[0]]


def test_run_steps_floor_uses_the_page_s_extracted_prose():
    """The chain's floor is measured on what extraction found, before the furniture steps removed anything."""
    page = Page(blocks=[Block(STORY[0]), Block("Short line.")], prose=prose_words(Block(t) for t in STORY))
    draft = run_steps(page, (_drop_all,))
    assert texts(draft) == [STORY[0], "Short line."]


def test_repeated_paragraphs_that_are_the_whole_text_are_kept():
    """A text made of one paragraph repeated (a chant, a test page): the repeat rule would take most of it."""
    line = "We shall walk together along the river, and we shall sing as the water rises."
    article = clean_text("\n".join([line] * 4))
    assert article.text.count(line) == 4


def test_trace_names_the_undone_step():
    page = Page(blocks=[Block(t) for t in STORY])
    with tracing() as steps:
        run_steps(page, (_drop_all,))
    assert [(s.step, s.undone, s.removed) for s in steps] == [("_drop_all", True, {"greedy": 3})]
    assert steps[0].dropped == STORY and steps[0].prose_after == 0
