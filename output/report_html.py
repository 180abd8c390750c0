"""Render a report `Summary` as one self-contained HTML page (inline CSS and SVG, no script, no fetches)."""

from __future__ import annotations

from datetime import UTC, datetime
from html import escape
from urllib.parse import urlsplit

from output.report_data import TOP_PAGES, Summary
from output.svg import columns, hbars

ARTICLES, ERRORS = "#2b6cb0", "#c53030"
_CSS = """
body{font-family:system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222;padding:0 12px}
h1{font-size:1.6em;margin-bottom:4px} h2{margin-top:36px;border-bottom:1px solid #ddd;padding-bottom:4px}
.muted{color:#666} .cards{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.card{border:1px solid #ddd;border-radius:6px;padding:10px 16px;min-width:120px}
.card b{display:block;font-size:1.5em}
table{border-collapse:collapse;font-size:.9em;margin:8px 0} td,th{border-bottom:1px solid #eee;padding:4px 8px;
text-align:left;vertical-align:top} td.n{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:12px 0;overflow-x:auto} figcaption{font-weight:600;margin-bottom:6px}
"""


def render_html(s: Summary) -> str:
    """The whole report page for one dataset summary."""
    days = [d for d, _, _ in s.per_day]
    parts = [
        _cards(s),
        "<h2>Per day</h2>",
        _figure("Articles and errors per crawl day", columns(
            "Articles and errors per crawl day", days,
            [("articles", ARTICLES, [a for _, a, _ in s.per_day]), ("errors", ERRORS, [e for _, _, e in s.per_day])])),
        *_per_run(s),
        "<h2>Per domain</h2>",
        _figure("Articles per domain", hbars("Articles per domain", [(d, a) for d, a, _ in s.per_domain], ARTICLES)),
        _figure("Errors per domain", hbars("Errors per domain",
                                           [(d, e) for d, _, e in s.per_domain if e], ERRORS)),
        "<h2>Errors by reason</h2>",
        _figure("Errors by stage/reason", hbars("Errors by stage/reason", s.error_reasons, ERRORS)),
        "<h2>Languages</h2>",
        _figure("Articles per language", hbars("Articles per language", s.languages)),
        "<h2>Text length</h2>",
        _figure("Articles by text length (words)", columns(
            "Articles by text length (words)", [b for b, _ in s.lengths],
            [("articles", ARTICLES, [n for _, n in s.lengths])])),
        "<h2>Removed blocks by kind</h2>",
        _figure("Blocks the cleaners removed, by kind", hbars("Removed blocks by kind", s.removed_by_kind, "#6b46c1")),
        "<h2>Duplicates</h2>",
        _duplicates(s),
        f"<h2>Top {TOP_PAGES} pages by removed blocks</h2>",
        _top_table(s),
    ]
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>cleancrawl report: {escape(s.root)}</title><style>{_CSS}</style></head><body>"
            f"<h1>cleancrawl dataset report</h1><p class=muted>{escape(s.root)} &middot; generated {stamp}</p>"
            + "\n".join(parts) + "</body></html>\n")


def _per_run(s: Summary) -> list[str]:
    """The rows each run of the job wrote; nothing for a dataset without runs."""
    if not s.per_run:
        return []
    return ["<h2>Per run</h2>", _figure("Articles and errors per run", columns(
        "Articles and errors per run", [r for r, _, _ in s.per_run],
        [("articles", ARTICLES, [a for _, a, _ in s.per_run]), ("errors", ERRORS, [e for _, _, e in s.per_run])]))]


def _figure(caption: str, svg: str) -> str:
    return f"<figure><figcaption>{escape(caption)}</figcaption>{svg}</figure>"


def _cards(s: Summary) -> str:
    cards = [("articles", s.articles), ("errors", s.errors), ("domains", len(s.per_domain)),
             ("crawl days", len(s.per_day)), ("words", s.words), ("duplicate groups", s.duplicate_groups)]
    return '<div class="cards">' + "".join(
        f'<div class="card"><b>{v:,}</b><span class="muted">{escape(k)}</span></div>' for k, v in cards) + "</div>"


def _duplicates(s: Summary) -> str:
    if not s.rows_with_dup_group:
        return "<p class=muted>No row has a dup_group (near-duplicate detection was off for this data).</p>"
    head = (f"<p>{s.duplicate_groups:,} group(s) of near-copies hold {s.rows_in_duplicate_groups:,} of "
            f"{s.rows_with_dup_group:,} rows with a dup_group.</p>")
    chart = _figure("Duplicate groups by size (rows per group)", hbars(
        "Duplicate groups by size", [(f"{size} rows", n) for size, n in s.dup_group_sizes], "#dd6b20"))
    rows = "".join(f"<tr><td>{escape(g.group)}</td><td class=n>{g.size}</td><td>{_link(g.first_url)}</td></tr>"
                   for g in s.largest_groups)
    table = ("<table><tr><th>dup_group</th><th>rows</th><th>first seen at</th></tr>" + rows + "</table>"
             if rows else "")
    return head + chart + table


def _top_table(s: Summary) -> str:
    if not s.top_removed:
        return "<p class=muted>The cleaners removed nothing.</p>"
    rows = []
    for i, page in enumerate(s.top_removed, 1):
        kinds = ", ".join(f"{k} {n}" for k, n in sorted(page.removed.items(), key=lambda kv: (-kv[1], kv[0])) if n)
        title = escape(page.title or "(no title)")
        rows.append(f"<tr><td class=n>{i}</td><td class=n>{page.removed_total}</td><td>{_link(page.url, title)}"
                    f"<br><span class=muted>{escape(page.domain)}</span></td><td>{escape(kinds)}</td></tr>")
    return ("<table><tr><th>#</th><th>removed</th><th>page</th><th>by kind</th></tr>" + "".join(rows)
            + "</table>")


def _link(url: str, text: str | None = None) -> str:
    """A link for http(s) URLs only: a crawled `javascript:` URL must not become clickable."""
    label = text if text is not None else escape(url)
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{label}</a>'
    return label
