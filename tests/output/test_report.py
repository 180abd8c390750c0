"""The dataset report: its numbers equal counts taken from the rows written, in HTML and as text."""

from collections import Counter
from datetime import UTC, datetime

import pytest

from output import DatasetWriter
from output.report import render_text, write_report
from output.report_data import LENGTH_BINS, TOP_PAGES, UNKNOWN, summarize_dataset
from output.report_html import render_html
from tests.output.sample_dataset import article_rows


def _day(row: dict) -> str:
    return row["fetched_at"].date().isoformat()


def test_counts_per_day_domain_language_and_reason_match_the_rows(sample):
    root, articles, errors = sample
    s = summarize_dataset(root)
    assert (s.articles, s.errors) == (len(articles), len(errors))
    a_days, e_days = Counter(map(_day, articles)), Counter(map(_day, errors))
    assert s.per_day == [(d, a_days[d], e_days[d]) for d in sorted(a_days | e_days)]
    a_dom, e_dom = Counter(r["domain"] for r in articles), Counter(r["domain"] for r in errors)
    assert {d: (a, e) for d, a, e in s.per_domain} == {d: (a_dom[d], e_dom[d]) for d in a_dom | e_dom}
    assert [a + e for _, a, e in s.per_domain] == sorted((a + e for _, a, e in s.per_domain), reverse=True)
    assert dict(s.languages) == Counter(r["language"] or UNKNOWN for r in articles)
    assert dict(s.error_reasons) == Counter(f"{r['stage']}/{r['reason']}" for r in errors)
    assert s.words == sum(r["word_count"] for r in articles)


def test_rows_per_run_in_run_order_rows_without_a_run_last(sample):
    root, articles, errors = sample
    s = summarize_dataset(root)
    a_run, e_run = Counter(r["run"] for r in articles), Counter(r["run"] for r in errors)
    assert s.per_run == [("run 1", a_run[1], e_run[1]), ("run 2", a_run[2], e_run[2]), (UNKNOWN, a_run[None], 0)]
    assert "Per run (articles / errors)" in render_text(s) and "Articles and errors per run" in render_html(s)


def test_a_dataset_without_runs_has_no_run_section(tmp_path):
    with DatasetWriter(tmp_path, job="t") as writer:
        writer.write(article_rows(3)[0])  # row 0 has no run
    s = summarize_dataset(tmp_path)
    assert s.per_run == [] and "Per run" not in render_text(s) and "per run" not in render_html(s)


def test_length_bins_and_removed_kinds_match_the_rows(sample):
    root, articles, _ = sample
    s = summarize_dataset(root)
    edges = [*LENGTH_BINS, float("inf")]
    expected = [sum(lo <= r["word_count"] < hi for r in articles) for lo, hi in zip(edges, edges[1:], strict=False)]
    assert [n for _, n in s.lengths] == expected
    assert sum(expected) == len(articles)
    kinds: Counter[str] = Counter()
    for r in articles:
        kinds.update(r["removed"])
    assert dict(s.removed_by_kind) == dict(kinds)
    assert [n for _, n in s.removed_by_kind] == sorted(kinds.values(), reverse=True)


def test_top_pages_are_those_with_most_removed_blocks(sample):
    root, articles, _ = sample
    s = summarize_dataset(root)
    ranked = sorted(articles, key=lambda r: (-sum(r["removed"].values()), r["url"]))[:TOP_PAGES]
    assert [(p.url, p.removed_total, p.removed) for p in s.top_removed] == [
        (r["url"], sum(r["removed"].values()), r["removed"]) for r in ranked]


def test_duplicate_groups_counted_with_their_first_url(sample):
    root, articles, _ = sample
    s = summarize_dataset(root)
    sizes = Counter(r["dup_group"] for r in articles if r["dup_group"])
    multi = {g: n for g, n in sizes.items() if n > 1}
    assert s.rows_with_dup_group == sum(sizes.values())
    assert s.duplicate_groups == len(multi) == 1
    [group] = s.largest_groups
    first = next(r["url"] for r in articles if r["dup_group"] == group.group and r["duplicate_of"] is None)
    assert (group.group, group.size, group.first_url) == (*next(iter(multi.items())), first)


def test_text_report_has_every_section_and_the_top_page(sample):
    root, articles, _ = sample
    out = write_report(root, text=True)
    for heading in ("Per day", "Per domain", "Errors by stage/reason", "Languages", "Text length",
                    "Removed blocks by kind", "Duplicates", "Top 20 pages by removed blocks"):
        assert f"\n{heading}" in out
    top = max(articles, key=lambda r: (sum(r["removed"].values()), [-ord(c) for c in r["url"]]))
    assert f"{sum(top['removed'].values()):>5}  {top['url']}" in out
    assert out == render_text(summarize_dataset(root))


def test_html_is_one_self_contained_file(sample, tmp_path):
    root, _, _ = sample
    out = tmp_path / "r" / "report.html"
    message = write_report(root, out)
    assert str(out) in message
    page = out.read_text(encoding="utf-8")
    # per day, per run, articles and errors per domain, reasons, languages, lengths, removed kinds, dup sizes
    assert page.count("<svg") == 9
    for external in ("<script", " src=", "<link", "url(", "@import", "<iframe"):
        assert external not in page
    assert not list(out.parent.glob(".*.tmp"))


def test_crawled_strings_are_escaped_and_only_http_links_are_clickable(tmp_path):
    hostile = {"url": "javascript:alert(1)", "final_url": None, "domain": "<b>evil</b>",
               "title": "<script>alert(2)</script>", "removed": {"notice": 3}}
    with DatasetWriter(tmp_path, job="t") as w:
        w.write(_article(0) | hostile)
        w.write(_article(1) | {"removed": {"teaser": 1}})
    page = render_html(summarize_dataset(tmp_path))
    assert "<script>" not in page and "<b>evil" not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    assert 'href="javascript:' not in page
    assert 'href="https://site.example/1"' in page


def test_empty_and_missing_datasets(tmp_path):
    (tmp_path / "empty").mkdir()
    s = summarize_dataset(tmp_path / "empty")
    assert (s.articles, s.errors, s.top_removed, s.per_day) == (0, 0, [], [])
    assert "no data" in render_html(s)
    assert "(none)" in render_text(s)
    with pytest.raises(FileNotFoundError, match="no dataset directory"):
        summarize_dataset(tmp_path / "missing")


def _article(i: int) -> dict:
    from cleaners.article import Article

    return Article(url=f"https://site.example/{i}", domain="site.example", text="x", word_count=1,
                   fetched_at=datetime(2026, 3, 1, tzinfo=UTC), content_hash=f"h{i}", job="t",
                   pipeline_version="0").to_dict()
