"""The end-of-crawl summary printed by `cleancrawl crawl` and `cleancrawl demo`."""

from __future__ import annotations

from crawler.cli.run import CrawlResult


def summarize(result: CrawlResult) -> str:
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
    glob = f"{result.out_dir}/articles/**/*.parquet"
    lines.append("query it:")
    lines.append(f"  python -c \"import duckdb; duckdb.sql(\\\"select domain, language, title from '{glob}'\\\").show()\"")
    return "\n".join(lines)
