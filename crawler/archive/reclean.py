"""`cleancrawl reclean`: run the current cleaners over archived responses (WARC, WET), with no network.

Each record becomes a PageItem (`crawler.archive.reader`) and goes through the same `clean_page` as a live crawl,
inline or in a process pool with a bounded number of pages in flight, so memory does not grow with the input.
Rows go to a dataset with the crawl's schema (articles + errors, `output.DatasetWriter`); their `warc_file`,
`warc_offset` and `warc_length` point at the record they were cleaned from.
"""

from __future__ import annotations

import multiprocessing
import os
import socket
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from cleaners import PIPELINE_VERSION, Article
from crawler.archive.reader import Skipped, clean_record, read_archive
from crawler.items import Dropped, ErrorItem, PageItem
from output import DatasetWriter

Result = Article | ErrorItem | Dropped


@dataclass
class RecleanResult:
    """What a re-cleaning run did: records read, rows written, and counts by reason."""

    out_dir: Path
    records: int = 0
    articles: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    dropped: Counter[str] = field(default_factory=Counter)
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Records read per second."""
        return self.records / max(self.seconds, 1e-9)


class _Cleaner:
    """Clean pages inline (workers=0) or in spawned processes, at most `4 * workers` pages in flight."""

    def __init__(self, workers: int):
        self.pool = (ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
                     if workers > 0 else None)
        self.limit = 4 * max(workers, 1)
        self.pending: dict[Future[Result], PageItem] = {}

    def submit(self, page: PageItem) -> Iterator[Result]:
        """Queue one page; yield the results that are ready (waiting while too many are in flight)."""
        if self.pool is None:
            yield clean_record(page)
            return
        self.pending[self.pool.submit(clean_record, page)] = page
        if len(self.pending) >= self.limit:
            yield from self._collect(FIRST_COMPLETED)

    def drain(self) -> Iterator[Result]:
        """Yield every remaining result."""
        while self.pending:
            yield from self._collect(FIRST_COMPLETED)

    def _collect(self, when: str) -> Iterator[Result]:
        done, _ = wait(self.pending, return_when=when)
        for future in done:
            page = self.pending.pop(future)
            try:
                yield future.result()
            except Exception as exc:  # noqa: BLE001 - a dead worker process: record it, go on
                yield ErrorItem(url=page.url, stage="clean", reason="clean_exception", http_status=page.status,
                                exception_type=type(exc).__name__, message=str(exc)[:1000])

    def close(self) -> None:
        """Stop the worker processes."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)


class RecleanProgress:
    """A one-line bar on a terminal (bytes read of the inputs, records/s), a line every `interval` s otherwise."""

    def __init__(self, total_bytes: int, stream: TextIO | None = None, tty: bool | None = None,
                 interval: float = 10.0):
        self.total = max(total_bytes, 1)
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self.interval = 0.2 if self.tty else interval
        self.started = time.monotonic()
        self._last = self.started

    def line(self, done_bytes: int, result: RecleanResult) -> str:
        """`[###...] 42%  3.1/7.4 MB  1200 records  250.0 records/s  300 articles  800 skipped` as one line."""
        width = 30
        filled = min(width, int(width * done_bytes / self.total))
        rate = result.records / max(time.monotonic() - self.started, 1e-9)
        return (f"[{'#' * filled}{'.' * (width - filled)}] {min(100, 100 * done_bytes // self.total):3d}%  "
                f"{done_bytes / 1e6:.2f}/{self.total / 1e6:.2f} MB  {result.records} records  {rate:.1f} records/s  "
                f"{result.articles} articles  {result.skipped.total()} skipped  {result.errors.total()} errors")

    def update(self, done_bytes: int, result: RecleanResult, final: bool = False) -> None:
        """Redraw the bar (or write a line) when the interval passed, and always at the end."""
        now = time.monotonic()
        if not final and now - self._last < self.interval:
            return
        self._last = now
        if self.tty:
            self.stream.write("\r" + self.line(done_bytes, result) + ("\n" if final else ""))
        else:
            self.stream.write("progress: " + self.line(done_bytes, result) + "\n")
        self.stream.flush()


def reclean(inputs: Iterable[str | Path], out_dir: str | Path, job: str = "reclean", workers: int = 0,
            worker_name: str | None = None, progress: RecleanProgress | None = None) -> RecleanResult:
    """Clean every page record of the WARC/WET inputs into the dataset at out_dir; return the counts."""
    inputs = [Path(p) for p in inputs]
    out = Path(out_dir)
    result = RecleanResult(out_dir=out)
    started = time.monotonic()
    worker_name = worker_name or socket.gethostname()
    writers = {table: DatasetWriter(out, table, job=job, worker=worker_name) for table in ("articles", "errors")}
    cleaner = _Cleaner(workers)
    done_bytes = 0
    try:
        for path in inputs:
            with open(path, "rb") as fh:
                for item in read_archive(fh, os.path.relpath(path.resolve(), out.resolve())):
                    if not (isinstance(item, ErrorItem) and item.stage == "input"):  # not a record: the file
                        result.records += 1
                    if isinstance(item, Skipped):
                        result.skipped[item.reason] += 1
                    elif isinstance(item, ErrorItem):
                        _store(item, writers, job, result)
                    else:
                        for cleaned in cleaner.submit(item):
                            _store(cleaned, writers, job, result)
                    if progress:
                        progress.update(done_bytes + fh.tell(), result)
            done_bytes += path.stat().st_size
        for cleaned in cleaner.drain():
            _store(cleaned, writers, job, result)
    finally:
        cleaner.close()
        for writer in writers.values():
            writer.close()
            result.files += writer.files_written
    result.seconds = time.monotonic() - started
    if progress:
        progress.update(done_bytes, result, final=True)
    return result


def _store(item: Result | ErrorItem, writers: dict[str, DatasetWriter], job: str, result: RecleanResult) -> None:
    if isinstance(item, Dropped):
        result.dropped[item.reason] += 1
        return
    item.job = job
    item.pipeline_version = PIPELINE_VERSION
    if isinstance(item, Article):
        writers["articles"].write(item.to_dict())
        result.articles += 1
    else:
        writers["errors"].write(vars(item))
        result.errors[f"{item.stage}/{item.reason}"] += 1


def reclean_summary(result: RecleanResult) -> str:
    """Records read and their rate, articles written, errors, skips and drops by reason, files written."""
    lines = [f"records read:     {result.records} in {result.seconds:.1f}s ({result.rate:.1f} records/s)",
             f"articles written: {result.articles}",
             f"errors recorded:  {result.errors.total()}"]
    lines += [f"  {n:>4}  {reason}" for reason, n in result.errors.most_common()]
    lines.append(f"records skipped:  {result.skipped.total()}")
    lines += [f"  {n:>4}  {reason}" for reason, n in result.skipped.most_common()]
    if result.dropped:
        lines.append("pages dropped:    " + ", ".join(f"{k}={v}" for k, v in sorted(result.dropped.items())))
    lines.append(f"files written:    {len(result.files)} under {result.out_dir.resolve()}")
    lines += [f"  {p.relative_to(result.out_dir)}" for p in sorted(result.files)[:20]]
    return "\n".join(lines)
