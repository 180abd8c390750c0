"""The inline-SVG charts: axis ticks cover the data, long lists fold into "other", labels are escaped."""

import re
import xml.etree.ElementTree as ET

import pytest

from output.svg import columns, hbars, ticks


@pytest.mark.parametrize("value", [0, 1, 3, 5, 16, 99, 1234, 987_654])
def test_ticks_start_at_zero_cover_the_value_in_equal_round_steps(value):
    axis = ticks(value)
    steps = {b - a for a, b in zip(axis, axis[1:], strict=False)}
    assert axis[0] == 0 and axis[-1] >= value and len(steps) == 1
    assert 2 <= len(axis) <= 6
    step = steps.pop()
    assert str(step).rstrip("0") in ("1", "2", "5")


def _bars(svg: str) -> list[tuple[str, int]]:
    root = ET.fromstring(svg)  # also proves the chart is well-formed XML
    return [(r.get("data-label"), int(r.get("data-value"))) for r in root.iter("{http://www.w3.org/2000/svg}rect")
            if r.get("class") == "bar"]


def test_hbars_fold_the_tail_into_one_other_bar():
    items = [(f"d{i}.example", 100 - i) for i in range(30)]
    bars = _bars(hbars("t", items, limit=10))
    assert bars[:9] == items[:9]
    assert bars[9] == ("other (21)", sum(v for _, v in items[9:]))


def test_columns_label_a_subset_of_many_days_but_draw_every_bar():
    days = [f"2026-01-{d:02d}" for d in range(1, 31)] + [f"2026-02-{d:02d}" for d in range(1, 29)]
    svg = columns("t", days, [("articles", "#000", list(range(len(days)))), ("errors", "#f00", [1] * len(days))])
    assert len(_bars(svg)) == 2 * len(days)
    labels = re.findall(r'rotate\(-35[^>]*>([^<]+)</text>', svg)
    assert 4 <= len(labels) <= 15 and labels[0] == days[0]


def test_labels_from_crawled_data_are_escaped():
    svg = hbars("t", [('<script>x</script>"&', 3)])
    assert "<script>" not in svg
    assert _bars(svg) == [('<script>x</script>"&', 3)]
