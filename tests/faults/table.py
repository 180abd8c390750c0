"""The reliability guide's table of faults, generated from the cases the fault server serves.

`python -m tests.faults.table --write` rewrites the `faults` block of docs/reliability.md; `--check` exits 1
when it is out of date (tests/crawler/test_faults_table.py runs it), so the guide says what the tests check.
"""

from __future__ import annotations

import sys
from itertools import groupby
from pathlib import Path

from crawler.cli.docs import ROOT, replace_block
from tests.faults.cases import CASES, SITEMAP_CASES, Case

GUIDE = ROOT / "docs" / "reliability.md"


def _outcome(case: Case) -> str:
    return "article row" if case.article else f"error row `{case.stage}/{case.reason}`"


def _requests(case: Case) -> str:
    if case.attempts is None:
        return ""
    if case.attempts == 0:
        return "0 (refused before a request)"
    return f"{case.attempts} (retried)" if case.attempts > 2 else str(case.attempts)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def fault_table() -> str:
    """One row per fault (the charset pages of one charset in one row), in the order the cases are listed."""
    rows = ["| fault | what the pipeline did | requests |", "| --- | --- | --- |"]
    for charset, cases in groupby(CASES, key=lambda c: c.name.split("_")[1] if c.name.startswith("charset_") else None):
        cases = list(cases)
        if charset is None:
            rows += [f"| {_cell(c.what)} | {_outcome(c)} | {_requests(c)} |" for c in cases]
            continue
        kinds = "; ".join(c.what.split(", ", 1)[1] for c in cases)
        rows.append(f"| {_cell(cases[0].what.split(',')[0])}s: {_cell(kinds)} | article row with the exact text, each "
                    f"| {_requests(cases[0])} each |")
    rows += [f"| {_cell(c.what)}, read as a job's `sources.sitemaps` | {_outcome(c)}; none of its pages requested "
             f"| {_requests(c)} |" for c in SITEMAP_CASES]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Write (--write) or check (--check) the faults block of docs/reliability.md."""
    args = sys.argv[1:] if argv is None else argv
    current = GUIDE.read_text(encoding="utf-8")
    updated = replace_block(current, "faults", fault_table())
    if "--write" in args:
        GUIDE.write_text(updated, encoding="utf-8")
        return 0
    if updated != current:
        sys.stderr.write(f"{Path(GUIDE).relative_to(ROOT)}: the fault table is out of date; "
                         "run python -m tests.faults.table --write\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
