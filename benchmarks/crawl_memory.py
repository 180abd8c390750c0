"""Peak RSS of all crawl processes together over a 20,000-page crawl, at every 5,000 pages.

    .venv/bin/python benchmarks/crawl_memory.py [--pages 20000] [--workers 2] [--state]

Crawls PAGES distinct article pages from a local server (see local_site.py) with cleaning and Parquet
writing in a subprocess, and samples /proc twice a second: RSS (and PSS, which counts pages shared
between processes once) summed over the crawl process and every descendant (the cleaning pool, the
multiprocessing resource tracker). Prints the peak of each 5,000-page stretch (goal <= 600 MB, no
upward trend). `--state` sets CLEANCRAWL_STATE_DIR, which moves the seen-URL set to disk.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_site import ArticleSite, finish_crawl, start_crawl  # noqa: E402


def descendants(pid: int) -> list[int]:
    """`pid` and every process below it, from /proc."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def process_mb(pid: int) -> tuple[float, float]:
    """(RSS, PSS) of one process in MB; a vanished process counts 0."""
    rss = pss = 0
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0, 0.0
    for line in rollup.splitlines():
        if line.startswith("Rss:"):
            rss += int(line.split()[1])
        elif line.startswith("Pss:"):
            pss += int(line.split()[1])
    return rss / 1024, pss / 1024


def memory_mb(pids: list[int]) -> tuple[float, float]:
    """(RSS, PSS) summed over `pids`, in MB; vanished processes count 0."""
    both = [process_mb(pid) for pid in pids]
    return sum(r for r, _ in both), sum(p for _, p in both)


def role(pid: int, crawl_pid: int) -> str:
    """What a process of the crawl is: the crawl process, a cleaning worker or the resource tracker."""
    if pid == crawl_pid:
        return "crawl"
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return "gone"
    return "tracker" if b"resource_tracker" in cmdline else "worker"


def breakdown(pids: list[int], crawl_pid: int) -> str:
    """RSS per process, e.g. "crawl 180, worker 150 + 151, tracker 12" (MB)."""
    by_role: dict[str, list[float]] = {}
    for pid in pids:
        by_role.setdefault(role(pid, crawl_pid), []).append(process_mb(pid)[0])
    return ", ".join(f"{name} {' + '.join(f'{mb:.0f}' for mb in sorted(mbs))}"
                     for name, mbs in sorted(by_role.items()) if name != "gone")


def main() -> int:
    """Run the crawl, sample memory, print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=20_000)
    ap.add_argument("--every", type=int, default=5_000)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--state", action="store_true", help="set CLEANCRAWL_STATE_DIR (disk-backed seen set)")
    ap.add_argument("--max-kb", type=int, default=300, help="use only benchmark pages up to this size")
    args = ap.parse_args()
    with ArticleSite(args.pages, max_kb=args.max_kb) as site, tempfile.TemporaryDirectory(prefix="bench-mem-") as tmp:
        urls = site.url_list(Path(tmp) / "urls.txt")
        print(f"site: {args.pages} pages from {len(site.templates)} templates, "
              f"avg {sum(map(len, site.templates)) / len(site.templates) / 1024:.0f} KB; CLEAN_WORKERS={args.workers}",
              flush=True)
        overrides = {"CLEAN_WORKERS": args.workers}
        if args.state:
            overrides["CLEANCRAWL_STATE_DIR"] = str(Path(tmp) / "state")
        started = time.monotonic()
        proc = start_crawl(urls, Path(tmp) / "out", overrides)
        peak = (0.0, 0.0)
        marks, next_mark, procs = [], args.every, 0
        while proc.poll() is None and time.monotonic() - started < 3600:
            pids = descendants(proc.pid)
            rss, pss = memory_mb(pids)
            peak = (max(peak[0], rss), max(peak[1], pss))
            procs = max(procs, len(pids))
            if site.served >= next_mark:
                marks.append((next_mark, peak, rss, time.monotonic() - started))
                print(f"{next_mark:>6} pages  peak RSS {peak[0]:6.0f} MB  peak PSS {peak[1]:6.0f} MB  "
                      f"(now RSS {rss:.0f} MB: {breakdown(pids, proc.pid)}; {time.monotonic() - started:.0f}s)",
                      flush=True)
                peak, next_mark = (0.0, 0.0), next_mark + args.every
            time.sleep(0.5)
        stats = finish_crawl(proc, timeout=60)
    worst = max(m[1][0] for m in marks) if marks else float("nan")
    print(f"\n{stats['articles']} articles, {stats['errors']} errors, {stats['dropped']} dropped in {stats['elapsed']:.0f}s "
          f"({args.pages / stats['elapsed']:.1f} pages/s); highest peak RSS {worst:.0f} MB (goal <= 600 MB); "
          f"first/last stretch peak: {marks[0][1][0]:.0f} / {marks[-1][1][0]:.0f} MB" if marks else "no marks")
    return 0


if __name__ == "__main__":
    sys.exit(main())
