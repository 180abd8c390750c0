"""headlines: glued related-headline runs are cut out; the real sentence and ordinary prose stay."""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.headlines import cut_headline_run, cut_headline_runs
from tests.cleaners.helpers import after, texts


def _run(items: list[tuple[str, str, str]]) -> str:
    """A widget run: each headline printed twice, a date-time, a pipe, a section label."""
    return " ".join(f"{h} {h} {ts} | {label}" for h, ts, label in items)


ENGLISH = [("Storm closes ports along the coast", "2021-03-02 08:15", "Weather"),
           ("Markets slide on rate fears", "2021-03-02 07:40", "Business"),
           ("Rail strike called off", "2021-03-01 22:05", "Business")]


class TestCutHeadlineRun:
    def test_run_before_sentence_is_cut(self):
        text = _run(ENGLISH) + " The ferry resumed service on Wednesday, the operator said."
        assert cut_headline_run(text) == "The ferry resumed service on Wednesday, the operator said."

    def test_sentence_before_run_is_kept_too(self):
        text = "The minister left early. " + _run(ENGLISH) + " Talks resume on Monday."
        assert cut_headline_run(text) == "The minister left early. Talks resume on Monday."

    def test_chinese_run(self):
        items = [("暴雨致多地停课", "2023-07-01 10:00", "社会"), ("央行下调存款利率", "2023-06-30 18:20", "财经"),
                 ("沪指收涨百分之一", "2023-06-30 15:05", "财经")]
        text = " ".join(f"{h} {h} {ts} | {lab}" for h, ts, lab in items) + " 记者从现场获悉，救援仍在进行。"
        assert cut_headline_run(text) == "记者从现场获悉，救援仍在进行。"

    def test_run_only_block_leaves_nothing(self):
        assert cut_headline_run(_run(ENGLISH)) == ""

    def test_labels_found_without_doubled_headlines(self):
        text = ("Storm closes ports 2021-03-02 08:15 | Weather Markets slide 2021-03-02 07:40 | "
                "Weather The ferry resumed service on Wednesday.")
        assert cut_headline_run(text) == "The ferry resumed service on Wednesday."

    def test_prose_with_two_dates_is_not_a_run(self):
        text = "Sales rose between 2019-05-01 and 2019-05-15, and again from 2019-06-01 to 2019-06-30."
        assert cut_headline_run(text) is None

    def test_pipes_in_prose_are_not_a_run(self):
        text = "The menu read soup | salad | bread, and the guests chose soup."
        assert cut_headline_run(text) is None

    def test_inline_link_cards_with_pipes_only_are_not_cut(self):
        text = ("He threatened Rep. Jane RoeJane RoeSenate passes bill | House adjourns | Court rules "
                "MORE (D-Ore.) last week.")
        assert cut_headline_run(text, link_density=0.6) is None


def test_step_rewrites_block_and_counts():
    draft = after(cut_headline_runs, Block(_run(ENGLISH) + " Talks resume on Monday.", link_density=0.7),
                  "Another paragraph.")
    assert texts(draft) == ["Talks resume on Monday.", "Another paragraph."]
    assert draft.removed["headline_run"] == 1


def test_step_drops_block_that_was_only_a_run():
    draft = after(cut_headline_runs, _run(ENGLISH), "Kept.")
    assert texts(draft) == ["Kept."]
    assert draft.removed["headline_run"] == 1
