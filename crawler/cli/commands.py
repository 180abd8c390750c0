"""`cleancrawl`: crawl pages into a Parquet dataset of clean articles; clean, re-clean, report on and compact it.

Bad usage exits 2 with a one-line message.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

from crawler import settings as defaults
from crawler.sources.jobs import crawl_name
from crawler.sources.urls import read_url_file


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line on stderr, exit code 2."""
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _settings_pairs(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"-s expects NAME=VALUE, got {pair!r}")
        out[key] = value
    return out


# What a scheduler (cron, systemd, a shell's `&&`) can act on; README "Scheduled crawls" says the same.
CRAWL_EXIT_STATUS = """exit status:
  0      the crawl finished (error rows for failed pages included)
  1      nothing to crawl: the URL list has no crawlable URL
  2      bad usage, an unreadable URL list or a bad job file; nothing was fetched
  128+N  stopped by signal N: 143 SIGTERM (kill, systemctl stop), 130 SIGINT (Ctrl-C). The rows written so
         far are complete; with --state the run is recorded as "shutdown" and the same command resumes it."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = _Parser(prog="cleancrawl", description="Crawl pages into a Parquet dataset of clean articles; clean, "
                                                    "re-clean, report on and compact it.",
                     epilog="Every command has --help. The README lists the everyday commands.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    crawl = sub.add_parser("crawl", help="crawl a URL list or a job file into a Parquet dataset",
                           description="Crawl the URLs of a list (one per line; '-' reads stdin) and/or the "
                                       "sources of a job file into OUT.",
                           epilog=CRAWL_EXIT_STATUS, formatter_class=argparse.RawDescriptionHelpFormatter)
    crawl.add_argument("urls", metavar="URLS.txt", nargs="?", default=None,
                       help="URL list file, or - for stdin (optional with --job, or with --redis: a pure worker)")
    crawl.add_argument("--job", default=None, metavar="JOB.toml",
                       help="job file: sitemaps, feeds, site crawl, scope, politeness (flags override it)")
    crawl.add_argument("--state", default=None, metavar="DIR|redis://HOST:PORT/DB",
                       help="state folder (with --redis: a Redis URL, shared by all workers): re-runs fetch "
                            "conditionally and write only new or changed articles")
    crawl.add_argument("--out", default=None, help="dataset folder (default: the job's out, else output/NAME)")
    crawl.add_argument("--name", default=None, help="label of the run in the job column (default: the list's file name)")
    crawl.add_argument("--timeout", type=float, default=None, help=f"download timeout in seconds (default {defaults.DOWNLOAD_TIMEOUT:g})")
    crawl.add_argument("--workers", type=int, default=None, help="cleaning processes (default: CPU count; 0: inline)")
    crawl.add_argument("--dedup", choices=("flag", "drop"), default=None,
                       help="near-duplicates: flag marks dup_group/duplicate_of (default), drop writes only the first")
    crawl.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                       help="any Scrapy or cleancrawl setting, e.g. -s DOWNLOAD_DELAY=1")
    crawl.add_argument("--log-level", default=None, help="DEBUG, INFO (default), WARNING, ERROR")
    crawl.add_argument("--warc", action="store_true",
                       help="archive every raw response into OUT/warc/*.warc.gz (rows get warc_file/offset/length)")
    crawl.add_argument("--redis", default=None, metavar="redis://HOST:PORT/DB",
                       help="be one worker of a crawl shared through Redis (its name: --name or the list's)")
    crawl.add_argument("--allow-private", action="store_true",
                       help="allow loopback, private and link-local addresses (local sites, tests); "
                            "refused by default so an untrusted list cannot reach internal services")
    crawl.set_defaults(func=cmd_crawl)

    seed = sub.add_parser("seed", help="push a URL list or a job's sources into a shared Redis crawl once",
                          description="Push the URLs of a list, or the start sources of a job file, into the "
                                      "queue of the shared crawl NAME's current run; URLs this run has seen are "
                                      "skipped. --new-run starts a new run, which visits every URL again. "
                                      "Workers: cleancrawl crawl --redis.")
    seed.add_argument("urls", metavar="URLS.txt", nargs="?", default=None, help="URL list file, or - for stdin")
    seed.add_argument("--job", default=None, metavar="JOB.toml", help="job file whose sources are pushed")
    seed.add_argument("--redis", required=True, metavar="redis://HOST:PORT/DB", help="the shared Redis")
    seed.add_argument("--name", default=None,
                      help="name of the shared crawl (default: the job's name, else the list's file name)")
    seed.add_argument("--new-run", action="store_true",
                      help="start a new run of the crawl: every URL is visited again (conditionally, with "
                           "--state redis://…); the previous run's queue and seen set are deleted")
    seed.add_argument("--reset", action="store_true",
                      help="first delete every key of the crawl: its runs, shared state and duplicate index")
    seed.add_argument("-s", "--set", action="append", default=[], metavar="NAME=VALUE",
                      help="a setting, e.g. -s CLEANCRAWL_SEEN_SET=bloom (the workers' seen set)")
    seed.set_defaults(func=cmd_seed)

    clean = sub.add_parser("clean", help="clean one local .html/.htm/.txt file and print the record as JSON",
                           description="Clean one local page (or - for stdin) and print its record as JSON.")
    clean.add_argument("file", metavar="FILE", help=".html, .htm or .txt file, or - for stdin")
    clean.add_argument("--url", default=None, help="the page's URL (helps metadata and link resolution)")
    clean.set_defaults(func=cmd_clean)

    reclean = sub.add_parser(
        "reclean", help="re-run the cleaners over archived responses (WARC, WET) into a dataset, no network",
        description="Clean the HTML responses of WARC files (ours or Common Crawl's) and the text records of WET "
                    "files into a dataset with the crawl's schema; other records are skipped and counted.")
    reclean.add_argument("files", nargs="+", metavar="WARC_OR_WET", help=".warc(.gz) or .wet(.gz) files")
    reclean.add_argument("--out", required=True, help="dataset folder")
    reclean.add_argument("--name", default="reclean", help="label of the run in the job column (default: reclean)")
    reclean.add_argument("--workers", type=int, default=None, help="cleaning processes (default: CPU count; 0: inline)")
    reclean.set_defaults(func=cmd_reclean)

    demo = sub.add_parser("demo", help="crawl the bundled sample site on 127.0.0.1 and print a summary",
                          description="Serve the bundled sample site on a free local port, crawl it, summarize.")
    demo.add_argument("--out", default="output/demo", help="dataset folder (default: output/demo)")
    demo.set_defaults(func=cmd_demo)

    report = sub.add_parser("report", help="summarize a dataset: one self-contained HTML page, or text",
                            description="Charts and tables of what a crawl produced and what the cleaners removed.")
    report.add_argument("dir", metavar="DIR", help="dataset folder (holds articles/ and errors/)")
    report.add_argument("--out", default="report.html", help="HTML file to write (default: report.html)")
    report.add_argument("--text", action="store_true", help="print the summary on the terminal instead")
    report.set_defaults(func=cmd_report)

    compact = sub.add_parser("compact", help="merge small part files of each partition into larger files",
                             description="Merge small part files per partition; readers of output.load never "
                                         "see rows missing or doubled while it runs.")
    compact.add_argument("dir", metavar="DIR", help="dataset folder (holds articles/ and errors/)")
    compact.add_argument("--target-mb", type=float, default=128.0, help="size of merged files (default 128)")
    compact.set_defaults(func=cmd_compact)
    return parser


def cmd_crawl(args: argparse.Namespace) -> int:
    """Run a crawl of a URL list and print the summary."""
    from crawler.cli.run import run_crawl
    from crawler.cli.summary import crawl_summary
    from crawler.sources.urls import BadLine, parse_url_lines

    job = None
    if args.job:
        from crawler.sources.jobs import JobError, load_job

        try:
            job = load_job(args.job)
        except JobError as exc:
            _fail(str(exc))
    if args.urls is None and job is None and not args.redis:
        _fail("give a URL list (URLS.txt or -), --job JOB.toml, or --redis URL to join a shared crawl")
    if args.urls is None and job is None and not args.name:
        _fail("a worker without a URL list or job needs --name: the name of the shared crawl")
    lines: list[str] = []
    if args.urls is not None:
        try:
            lines = read_url_file(args.urls)
        except OSError as exc:
            _fail(f"cannot read URL list {args.urls}: {exc.strerror or exc}")
        except ValueError as exc:
            _nothing_to_crawl(str(exc))
    entries = list(parse_url_lines(lines))
    good = [e for e in entries if not isinstance(e, BadLine)]
    if args.urls is not None and not entries and job is None and not args.redis:
        _nothing_to_crawl(f"{args.urls} has no URLs (empty, or only blank lines and comments)")
    name = crawl_name(args.name, job, args.urls)
    overrides = _settings_pairs(args.set)
    spider_cls = None
    if args.redis:
        from crawler.redis.frontier import redis_settings
        from crawler.redis.keys import default_worker_id
        from crawler.spiders.redis_articles import RedisArticlesSpider

        overrides = {**redis_settings(args.redis, name), **overrides}
        overrides.setdefault("CLEANCRAWL_WORKER", default_worker_id())  # part files name their worker
        spider_cls = RedisArticlesSpider
    if args.timeout is not None:
        overrides["DOWNLOAD_TIMEOUT"] = args.timeout
    if args.workers is not None:
        overrides["CLEAN_WORKERS"] = args.workers
    if args.dedup:
        overrides["DEDUP_POLICY"] = args.dedup
    if args.log_level:
        overrides["LOG_LEVEL"] = args.log_level.upper()
    if args.warc:
        overrides["CLEANCRAWL_WARC"] = True
    if args.state:
        overrides["CLEANCRAWL_STATE_DIR"] = args.state
    if args.name:
        overrides["CLEANCRAWL_JOB"] = args.name
    _check_state(overrides.get("CLEANCRAWL_STATE_DIR") or (job.scrapy_settings().get("CLEANCRAWL_STATE_DIR")
                                                           if job else None), shared=bool(args.redis))
    if args.allow_private:
        overrides["CLEANCRAWL_ALLOW_PRIVATE"] = True
    out = args.out or (job.out if job and job.out else str(Path("output") / name))
    with tempfile.TemporaryDirectory(prefix="cleancrawl-") as tmp:
        urls_arg = args.urls
        if args.urls == "-":  # stdin is consumed: hand the spider the lines we read
            urls_arg = str(Path(tmp) / "stdin.txt")
            Path(urls_arg).write_text("\n".join(lines) + "\n", encoding="utf-8")
        result = run_crawl(urls_arg, out, job=name, overrides=overrides, job_file=args.job, spider_cls=spider_cls)
    print(crawl_summary(result))
    if result.stopped_by:
        sys.stderr.write(f"cleancrawl: stopped by {signal.Signals(result.stopped_by).name} before the crawl "
                         "finished; the rows written are complete\n")
        return 128 + result.stopped_by  # the shell's convention for "ended by signal N"
    if not good and job is None and not args.redis:
        sys.stderr.write(f"cleancrawl: nothing to crawl: no line of {args.urls} is a crawlable URL "
                         f"({len(entries)} bad lines, recorded in the errors table)\n")
    return 0 if good or job or args.redis else 1


def cmd_seed(args: argparse.Namespace) -> int:
    """Push a URL list or a job's sources into a shared Redis crawl; print the run and how many URLs were new."""
    from redis.exceptions import RedisError

    from crawler.cli.seed import seed_shared_crawl

    if args.urls is None and args.job is None:
        _fail("give a URL list (URLS.txt or -) or --job JOB.toml")
    job = None
    if args.job:
        from crawler.sources.jobs import JobError, load_job

        try:
            job = load_job(args.job)
        except JobError as exc:
            _fail(str(exc))
    lines: list[str] = []
    if args.urls is not None:
        try:
            lines = read_url_file(args.urls)
        except OSError as exc:
            _fail(f"cannot read URL list {args.urls}: {exc.strerror or exc}")
    name = crawl_name(args.name, job, args.urls)
    try:
        done = seed_shared_crawl(args.redis, name, lines, job=job, reset=args.reset, new_run=args.new_run,
                                 overrides=_settings_pairs(args.set))
    except (RedisError, ValueError) as exc:
        _fail(f"cannot seed {args.redis}: {exc}")
    run = f"run {done.run}"
    if done.new_run is not None and done.run > 1:
        run += (f" started (run {done.run - 1} left {done.new_run.left_queued} queued and "
                f"{done.new_run.left_in_flight} in flight)")
    elif done.new_run is not None:
        run += " started"
    print(f"shared crawl {name!r} on {args.redis}, {run}: {done.pushed} URLs queued, {done.seen} seen before, "
          f"{done.bad} bad lines")
    return 0 if done.pushed or done.seen else 1


def cmd_clean(args: argparse.Namespace) -> int:
    """Clean one file and print its record as UTF-8 JSON."""
    from cleaners import clean_html, clean_text

    if args.file == "-":
        data = sys.stdin.buffer.read()
        is_html = data.lstrip()[:1] == b"<"
    else:
        path = Path(args.file)
        if path.suffix.lower() not in (".html", ".htm", ".txt"):
            _fail(f"{args.file}: expected a .html, .htm or .txt file")
        try:
            data = path.read_bytes()
        except OSError as exc:
            _fail(f"cannot read {args.file}: {exc.strerror or exc}")
        is_html = path.suffix.lower() != ".txt"
    if is_html:
        article = clean_html(data, url=args.url)
    else:
        article = clean_text(data.decode("utf-8", errors="replace"), url=args.url)
    sys.stdout.write(json.dumps(article.to_json_dict(), ensure_ascii=False, indent=1) + "\n")
    return 0


def cmd_reclean(args: argparse.Namespace) -> int:
    """Re-clean archived responses into a dataset and print the summary; exit 1 when an input was unreadable."""
    import os

    for name in args.files:
        if not Path(name).is_file():
            _fail(f"{name}: no such file")
    from crawler.archive.reclean import RecleanProgress, reclean, reclean_summary

    workers = (os.cpu_count() or 1) if args.workers is None or args.workers < 0 else args.workers
    total = sum(Path(name).stat().st_size for name in args.files)
    result = reclean(args.files, args.out, job=args.name, workers=workers, progress=RecleanProgress(total))
    print(reclean_summary(result))
    return 1 if result.errors.get("input/bad_archive") else 0


def cmd_demo(args: argparse.Namespace) -> int:
    """Serve the sample site, crawl it, print the summary."""
    from crawler.cli.demo import run_demo

    return run_demo(Path(args.out))


def cmd_report(args: argparse.Namespace) -> int:
    """Write the HTML report (or print the text one) of a dataset."""
    if not Path(args.dir).is_dir():
        _fail(f"no dataset directory at {args.dir}")
    from output.report import write_report

    sys.stdout.write(write_report(args.dir, args.out, text=args.text))
    return 0


def cmd_compact(args: argparse.Namespace) -> int:
    """Compact the articles and errors tables of a dataset."""
    if not Path(args.dir).is_dir():
        _fail(f"no dataset directory at {args.dir}")
    if args.target_mb <= 0:
        _fail("--target-mb must be > 0")
    from output.compact import compact

    for table in ("articles", "errors"):
        print(compact(args.dir, table, target_mb=args.target_mb).summary())
    return 0


def _check_redis_url(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("redis", "rediss", "unix") or not (parts.hostname or parts.path):
        _fail(f"--redis expects redis://HOST:PORT/DB, got {url!r}")


def _check_state(value: str | None, shared: bool) -> None:
    from crawler.incremental.backends import state_problem

    problem = state_problem(value, shared)
    if problem:
        _fail(problem)


def _nothing_to_crawl(message: str) -> NoReturn:
    sys.stderr.write(f"cleancrawl: nothing to crawl: {message}\n")
    raise SystemExit(1)


def _fail(message: str) -> NoReturn:
    sys.stderr.write(f"cleancrawl: error: {message}\n")
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> int:
    """Entry point of the `cleancrawl` console script."""
    args = build_parser().parse_args(argv)
    if getattr(args, "redis", None):
        _check_redis_url(args.redis)
    return args.func(args)

