"""The numbers of the dataset report, aggregated with pyarrow.compute (no extra runtime dependency).

Only the small columns are read (never `text`): text length comes from `word_count`, which
counts CJK characters one each, so lengths compare across languages.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from output.reader import load

UNKNOWN = "(unknown)"
TOP_PAGES = 20
# word-count bins: [low, high); the last is open-ended
LENGTH_BINS = (0, 50, 100, 200, 400, 800, 1600, 3200)
_ARTICLE_COLUMNS = ["crawl_date", "url", "final_url", "domain", "title", "language", "word_count",
                    "removed", "dup_group", "duplicate_of", "run"]
_ERROR_COLUMNS = ["crawl_date", "domain", "stage", "reason", "run"]


@dataclass
class TopPage:
    """A page where the cleaners removed many blocks."""

    url: str
    title: str | None
    domain: str
    removed_total: int
    removed: dict[str, int]


@dataclass
class DupGroup:
    """One group of near-copies: its id, how many rows it has, and the URL it was first seen at."""

    group: str
    size: int
    first_url: str


@dataclass
class Summary:
    """Everything the report shows, as plain Python values (sorted, ready to render)."""

    root: str
    articles: int = 0
    errors: int = 0
    words: int = 0
    per_day: list[tuple[str, int, int]] = field(default_factory=list)  # day, articles, errors
    per_domain: list[tuple[str, int, int]] = field(default_factory=list)  # domain, articles, errors
    per_run: list[tuple[str, int, int]] = field(default_factory=list)  # "run N", articles, errors; [] without runs
    error_reasons: list[tuple[str, int]] = field(default_factory=list)  # "stage/reason", rows
    languages: list[tuple[str, int]] = field(default_factory=list)
    lengths: list[tuple[str, int]] = field(default_factory=list)  # word-count bin label, articles
    removed_by_kind: list[tuple[str, int]] = field(default_factory=list)
    rows_with_dup_group: int = 0
    dup_group_sizes: list[tuple[int, int]] = field(default_factory=list)  # size >= 2, groups of that size
    largest_groups: list[DupGroup] = field(default_factory=list)
    top_removed: list[TopPage] = field(default_factory=list)

    @property
    def duplicate_groups(self) -> int:
        """Groups with two or more rows."""
        return sum(n for _, n in self.dup_group_sizes)

    @property
    def rows_in_duplicate_groups(self) -> int:
        """Rows that belong to a group with two or more rows."""
        return sum(size * n for size, n in self.dup_group_sizes)


def summarize_dataset(root: str | Path) -> Summary:
    """Aggregate the `articles` and `errors` tables of a dataset directory into a `Summary`."""
    if not Path(root).is_dir():
        raise FileNotFoundError(f"no dataset directory at {root}")
    articles = load(root, "articles").to_table(columns=_ARTICLE_COLUMNS)
    errors = load(root, "errors").to_table(columns=_ERROR_COLUMNS)
    s = Summary(str(root), articles=articles.num_rows, errors=errors.num_rows)
    s.words = int(pc.sum(articles["word_count"]).as_py() or 0)
    s.per_day = _merge_counts(_counts(articles["crawl_date"]), _counts(errors["crawl_date"]), by_key=True)
    s.per_domain = _merge_counts(_counts(articles["domain"]), _counts(errors["domain"]), by_key=False)
    s.per_run = _per_run(articles["run"], errors["run"])
    reasons = pc.binary_join_element_wise(pc.fill_null(errors["stage"], "?"), errors["reason"], "/")
    s.error_reasons = _most_common(_counts(reasons))
    s.languages = _most_common(_counts(articles["language"]))
    s.lengths = _length_bins(articles["word_count"])
    per_row, by_kind = _removed(articles["removed"])
    s.removed_by_kind = _most_common(by_kind)
    s.top_removed = _top_pages(articles, per_row)
    _dup_groups(articles, s)
    return s


def _counts(column: pa.ChunkedArray) -> Counter[str]:
    """Rows per value; null counts as `(unknown)`."""
    out: Counter[str] = Counter()
    for item in pc.value_counts(column).to_pylist():
        value = item["values"]
        out[UNKNOWN if value in (None, "") else str(value)] += item["counts"]
    return out


def _most_common(counts: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _merge_counts(a: Counter[str], b: Counter[str], *, by_key: bool) -> list[tuple[str, int, int]]:
    rows = [(k, a.get(k, 0), b.get(k, 0)) for k in set(a) | set(b)]
    if by_key:
        return sorted(rows)
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def _per_run(articles: pa.ChunkedArray, errors: pa.ChunkedArray) -> list[tuple[str, int, int]]:
    """Rows per run in run order ("run N", articles, errors); rows without a run last; [] when no row has one."""
    if articles.null_count == len(articles) and errors.null_count == len(errors):
        return []
    rows = _merge_counts(_counts(articles), _counts(errors), by_key=True)
    rows.sort(key=lambda r: int(r[0]) if r[0].isdigit() else 1 << 62)
    return [(f"run {k}" if k.isdigit() else k, a, e) for k, a, e in rows]


def _length_bins(word_count: pa.ChunkedArray) -> list[tuple[str, int]]:
    out = []
    for i, low in enumerate(LENGTH_BINS):
        high = LENGTH_BINS[i + 1] if i + 1 < len(LENGTH_BINS) else None
        mask = pc.greater_equal(word_count, low)
        if high is not None:
            mask = pc.and_(mask, pc.less(word_count, high))
        label = f"{low}-{high - 1}" if high is not None else f"{low}+"
        out.append((label, int(pc.sum(pc.cast(mask, pa.int64())).as_py() or 0)))
    return out


def _removed(removed: pa.ChunkedArray) -> tuple[pa.Array, Counter[str]]:
    """(blocks removed per row, blocks removed per kind) from the `removed` map column."""
    entries = pa.list_(pa.struct([("key", pa.string()), ("value", pa.int32())]))
    # a map cast to list<struct> first: list kernels do not accept map arrays in every pyarrow version
    as_list = removed.combine_chunks().cast(entries) if len(removed) else pa.array([], type=entries)
    flat = pc.list_flatten(as_list)
    counts = pc.fill_null(pc.cast(flat.field("value"), pa.int64()), 0)
    # per-row sums without a Python loop: differences of the running total at each row's list offsets
    running = pa.concat_arrays([pa.array([0], pa.int64()), pc.cumulative_sum(counts)])
    offsets = pc.subtract(as_list.offsets, as_list.offsets[0])
    per_row = pc.subtract(pc.take(running, offsets[1:]), pc.take(running, offsets[:-1]))
    sums = pa.table({"kind": flat.field("key"), "n": counts}).group_by("kind").aggregate([("n", "sum")])
    return per_row, Counter(dict(zip(sums["kind"].to_pylist(), sums["n_sum"].to_pylist(), strict=True)))


def _top_pages(articles: pa.Table, per_row: pa.Array) -> list[TopPage]:
    """The TOP_PAGES rows with the most removed blocks; ties by URL, so the table is stable."""
    keys = pa.table({"total": per_row, "url": pc.coalesce(articles["final_url"], articles["url"])})
    order = pc.sort_indices(keys, sort_keys=[("total", "descending"), ("url", "ascending")])[:TOP_PAGES]
    pages = []
    for row, key in zip(articles.take(order).to_pylist(), keys.take(order).to_pylist(), strict=True):
        if key["total"]:
            pages.append(TopPage(url=key["url"], title=row["title"], domain=row["domain"] or UNKNOWN,
                                 removed_total=key["total"], removed=dict(row["removed"] or [])))
    return pages


def _dup_groups(articles: pa.Table, s: Summary, largest: int = 10) -> None:
    groups = articles["dup_group"]
    s.rows_with_dup_group = len(groups) - groups.null_count
    sizes = Counter({str(k): n for k, n in _counts(groups).items() if k != UNKNOWN})
    s.dup_group_sizes = sorted(Counter(n for n in sizes.values() if n >= 2).items())
    for group, size in sorted(((g, n) for g, n in sizes.items() if n >= 2), key=lambda kv: (-kv[1], kv[0]))[:largest]:
        members = articles.filter(pc.equal(articles["dup_group"], group)).select(["url", "duplicate_of"])
        firsts = members.filter(pc.is_null(members["duplicate_of"]))["url"].to_pylist()
        first = min(firsts) if firsts else (members["duplicate_of"][0].as_py() or members["url"][0].as_py())
        s.largest_groups.append(DupGroup(group=group, size=size, first_url=first))
