"""The end-of-crawl summary printed by `cleancrawl crawl` and `cleancrawl demo`."""

from __future__ import annotations

import importlib.util
import shlex
import sys
from pathlib import Path

from crawler.cli.run import CrawlResult


def crawl_summary(result: CrawlResult) -> str:
    """The run (when the crawl keeps runs), pages fetched, articles written, errors by reason, files written, and how to query them."""
    errors = result.by_prefix("cleancrawl/errors/")
    removed = result.by_prefix("cleancrawl/removed/")
    dropped = result.by_prefix("cleancrawl/dropped/")
    incremental = result.by_prefix("cleancrawl/incremental/")
    files = result.files()
    lines = [f"run:              {result.count('cleancrawl/run')}"] if result.count("cleancrawl/run") else []
    lines += [
        f"pages fetched:    {result.count('response_received_count')} responses "
        f"({result.count('downloader/response_count')} incl. retries and robots.txt)",
        f"articles written: {result.count('cleancrawl/articles_written')}",
        f"errors recorded:  {result.count('cleancrawl/errors_written')}",
    ]
    lines += [f"  {n:>4}  {reason}" for reason, n in sorted(errors.items(), key=lambda kv: (-kv[1], kv[0]))]
    if result.count("retry/count"):
        lines.append(f"retries:          {result.count('retry/count')} "
                     f"({result.count('retry/max_reached')} requests failed after the last retry)")
    if dropped:
        lines.append("pages dropped:    " + ", ".join(f"{k}={v}" for k, v in sorted(dropped.items())))
    if incremental:  # a crawl with --state: what re-fetching found
        lines.append("incremental:      " + ", ".join(f"{k}={v}" for k, v in sorted(incremental.items())))
    if removed:
        lines.append("blocks removed:   " + ", ".join(f"{k}={v}" for k, v in sorted(removed.items())))
    lines.append(f"files written:    {len(files)} under {result.out_dir.resolve()}")
    lines += [f"  {p.relative_to(result.out_dir)}" for p in files[:20]]
    if len(files) > 20:
        lines.append(f"  … and {len(files) - 20} more")
    if result.count("cleancrawl/warc/files"):  # --warc: where the raw responses are
        lines.append(f"raw archive:      {result.count('cleancrawl/warc/files')} WARC files, "
                     f"{result.count('cleancrawl/warc/responses')} responses under {result.out_dir.resolve() / 'warc'}")
    lines.append("query it:")
    lines.append(f"  {query_command(result.out_dir)}")
    return "\n".join(lines)


def query_command(out_dir: Path) -> str:
    """A shell command that prints some rows of the dataset, runnable as printed from the current folder.

    It names this very interpreter (a fresh machine may have no `python`, and the one on PATH may lack
    the libraries), relative to the current folder when it lives below it (`.venv/bin/python`). DuckDB
    when it is installed (the `analysis` extra), else pyarrow through `output.load`, which every install has.
    """
    exe = Path(sys.executable)
    if exe.is_relative_to(Path.cwd()):
        exe = exe.relative_to(Path.cwd())
    if importlib.util.find_spec("duckdb") is not None:
        glob = f"{out_dir}/articles/**/*.parquet"
        code = f"import duckdb; duckdb.sql(\"select domain, language, title from '{glob}'\").show()"
    else:
        code = (f"import output; t = output.load({str(out_dir)!r}).to_table(columns=['domain', 'language', 'title']); "
                "print(*t.to_pylist(), sep=chr(10))")
    return f"{shlex.quote(str(exe))} -c {shlex.quote(code)}"
