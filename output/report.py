"""`cleancrawl report DIR`: what a crawl produced and what the cleaners did, as HTML or plain text.

The numbers come from `output.report_data`, the page from `output.report_html`; this module
adds the terminal rendering and the command's entry point.
"""

from __future__ import annotations

from pathlib import Path

from output.report_data import TOP_PAGES, Summary, summarize_dataset
from output.report_html import render_html

BAR = 30


def render_text(s: Summary) -> str:
    """The report as plain text for a terminal (same sections as the HTML page)."""
    out = [f"cleancrawl dataset report: {s.root}",
           f"{s.articles:,} articles, {s.errors:,} errors, {len(s.per_domain):,} domains, "
           f"{len(s.per_day):,} crawl days, {s.words:,} words"]
    out += _section("Per day (articles / errors)", [(d, f"{a:,} / {e:,}", a) for d, a, e in s.per_day])
    if s.per_run:
        out += _section("Per run (articles / errors)", [(r, f"{a:,} / {e:,}", a) for r, a, e in s.per_run])
    out += _section("Per domain (articles / errors)", [(d, f"{a:,} / {e:,}", a) for d, a, e in s.per_domain[:25]],
                    more=len(s.per_domain) - 25)
    out += _bars("Errors by stage/reason", s.error_reasons)
    out += _bars("Languages", s.languages)
    out += _bars("Text length (words)", s.lengths)
    out += _bars("Removed blocks by kind", s.removed_by_kind)
    out += ["", "Duplicates"]
    if s.rows_with_dup_group:
        out.append(f"  {s.duplicate_groups:,} group(s) of near-copies hold {s.rows_in_duplicate_groups:,} of "
                   f"{s.rows_with_dup_group:,} rows with a dup_group")
        out += [f"  {g.size:>5} rows  {g.group}  first seen at {g.first_url}" for g in s.largest_groups]
    else:
        out.append("  no row has a dup_group")
    out += ["", f"Top {TOP_PAGES} pages by removed blocks"]
    for page in s.top_removed:
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(page.removed.items(), key=lambda kv: (-kv[1], kv[0])) if n)
        out.append(f"  {page.removed_total:>5}  {page.url}  ({kinds})")
    if not s.top_removed:
        out.append("  (none: the cleaners removed nothing)")
    return "\n".join(out) + "\n"


def _bars(title: str, items: list[tuple[str, int]]) -> list[str]:
    return _section(title, [(label, f"{n:,}", n) for label, n in items])


def _section(title: str, rows: list[tuple[str, str, int]], more: int = 0) -> list[str]:
    out = ["", title]
    if not rows:
        return [*out, "  (none)"]
    width = min(40, max(len(label) for label, _, _ in rows))
    vwidth = max(len(v) for _, v, _ in rows)
    top = max(n for _, _, n in rows) or 1
    for label, value, n in rows:
        out.append(f"  {label[:width]:<{width}}  {value:>{vwidth}}  {'#' * round(BAR * n / top)}")
    if more > 0:
        out.append(f"  … and {more:,} more")
    return out


def write_report(root: str | Path, out: str | Path | None = None, *, text: bool = False) -> str:
    """Build the report of dataset ROOT: write HTML to `out` (default ./report.html), or return it as text."""
    summary = summarize_dataset(root)
    if text:
        return render_text(summary)
    target = Path(out or "report.html")
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(render_html(summary), encoding="utf-8")
    tmp.replace(target)
    return f"wrote {target} ({summary.articles:,} articles, {summary.errors:,} errors)\n"
