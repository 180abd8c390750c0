"""Job files: a TOML file naming what a scheduled crawl fetches, how far it goes and how politely.

`load_job(path)` returns a validated, frozen `Job`; any problem raises `JobError` whose message names
the file, the key (`scope.max_depth`, `sources.feeds[1]`) and what is wrong, so the CLI can exit 2 with
it. `jobs/example.toml` documents every key. Relative paths in the file (`out`, `state`,
`sources.url_files`) are relative to the working directory, as on the command line.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from crawler.sources.urls import check_url, encode_spaces

# key -> (table, expected kind); kinds are checked by _take
_SOURCES = ("urls", "url_files", "sitemaps", "robots", "feeds", "seeds")
_SCOPE = ("allowed_domains", "allow", "deny", "max_depth", "max_pages", "discover_feeds")
_POLITENESS = ("user_agent", "obey_robots", "autothrottle", "concurrency_per_domain", "delay", "timeout")
_TOP = ("name", "out", "state", "languages", "warc", "sources", "scope", "politeness", "settings")
_SETTING_NAME = re.compile(r"^[A-Z][A-Z0-9_]*$")
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")


class JobError(ValueError):
    """A job file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Job:
    """One scheduled crawl: start sources, scope, output and state folders, politeness."""

    name: str
    path: Path | None = None
    out: str | None = None
    state: str | None = None
    languages: tuple[str, ...] = ()
    warc: bool = False  # archive raw responses into OUT/warc/ (crawler/archive/writer.py)
    urls: tuple[str, ...] = ()
    url_files: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    robots: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    seeds: tuple[str, ...] = ()
    allowed_domains: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    deny: tuple[str, ...] = ()
    max_depth: int = 2
    max_pages: int = 10_000
    discover_feeds: bool = True
    politeness: dict[str, Any] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)

    def start_urls(self) -> tuple[str, ...]:
        """Every URL the job starts from (not the URL-list files)."""
        return self.urls + self.sitemaps + self.robots + self.feeds + self.seeds

    def domains(self) -> tuple[str, ...]:
        """Allowed domains: as given, else the hosts of the start URLs."""
        if self.allowed_domains:
            return self.allowed_domains
        return tuple(sorted({urlsplit(u).hostname or "" for u in self.start_urls()} - {""}))

    def scrapy_settings(self) -> dict[str, Any]:
        """Scrapy settings this job sets (politeness, out and state folders, the `[settings]` table)."""
        names = {"user_agent": "USER_AGENT", "obey_robots": "ROBOTSTXT_OBEY",
                 "autothrottle": "AUTOTHROTTLE_ENABLED", "concurrency_per_domain": "CONCURRENT_REQUESTS_PER_DOMAIN",
                 "delay": "DOWNLOAD_DELAY", "timeout": "DOWNLOAD_TIMEOUT"}
        out: dict[str, Any] = {names[k]: v for k, v in self.politeness.items()}
        out.update(self.settings)
        out["CLEANCRAWL_JOB"] = self.name
        if self.out:
            out["CLEANCRAWL_OUT_DIR"] = self.out
        if self.state:
            out["CLEANCRAWL_STATE_DIR"] = self.state
        if self.warc:
            out["CLEANCRAWL_WARC"] = True
        return out


def crawl_name(name: str | None, job: Job | None, urls: str | None) -> str:
    """The crawl's name: as given (`--name`), else the job file's, else the URL list's file name.

    >>> crawl_name(None, None, "lists/news-2026.txt"), crawl_name(None, None, "-"), crawl_name("n", None, "a.txt")
    ('news-2026', 'stdin', 'n')
    """
    if name:
        return name
    if job is not None:
        return job.name
    return Path(urls).stem if urls and urls != "-" else "stdin"


def job_label(crawler: Any) -> str:
    """The `job` column of a running crawl: CLEANCRAWL_JOB, else the spider's crawl name, else "crawl"."""
    return crawler.settings.get("CLEANCRAWL_JOB") or getattr(crawler.spider, "job_name", None) or "crawl"


def load_job(path: str | Path) -> Job:
    """Read and validate a job file; JobError names the key and the problem."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise JobError(f"{path}: cannot read job file: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise JobError(f"{path}: not UTF-8 text: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise JobError(f"{path}: invalid TOML: {exc}") from exc
    try:
        return parse_job(data, name=path.stem, path=path)
    except JobError as exc:
        raise JobError(f"{path}: {exc}") from None


def parse_job(data: dict[str, Any], name: str = "job", path: Path | None = None) -> Job:
    """Validate the parsed TOML of a job file (see `load_job`)."""
    _no_unknown(data, _TOP, "")
    sources = _table(data, "sources", _SOURCES)
    scope = _table(data, "scope", _SCOPE)
    politeness = _table(data, "politeness", _POLITENESS)
    settings = _table(data, "settings", None)
    for key in settings:
        if not _SETTING_NAME.match(key):
            raise JobError(f"key 'settings.{key}': Scrapy setting names are UPPER_CASE")
    job = Job(
        name=_take(data, "name", "str", "") or name,
        path=path,
        out=_take(data, "out", "str", None),
        state=_take(data, "state", "str", None),
        languages=_languages(data),
        warc=_take(data, "warc", "bool", False),
        urls=_urls(sources, "sources.urls"),
        url_files=tuple(_take(sources, "url_files", "strs", [], "sources.url_files")),
        sitemaps=_urls(sources, "sources.sitemaps"),
        robots=_urls(sources, "sources.robots"),
        feeds=_urls(sources, "sources.feeds"),
        seeds=_urls(sources, "sources.seeds"),
        allowed_domains=tuple(d.lower().removeprefix(".") for d in
                              _take(scope, "allowed_domains", "strs", [], "scope.allowed_domains")),
        allow=_patterns(scope, "allow"),
        deny=_patterns(scope, "deny"),
        max_depth=_take(scope, "max_depth", "count", 2, "scope.max_depth"),
        max_pages=_take(scope, "max_pages", "count", 10_000, "scope.max_pages"),
        discover_feeds=_take(scope, "discover_feeds", "bool", True, "scope.discover_feeds"),
        politeness=_politeness(politeness),
        settings=dict(settings),
    )
    if not job.start_urls() and not job.url_files:
        raise JobError("key 'sources': no start source given (urls, url_files, sitemaps, robots, feeds or seeds)")
    return job


def _no_unknown(table: dict[str, Any], known: tuple[str, ...] | None, prefix: str) -> None:
    if known is None:
        return
    for key in table:
        if key not in known:
            raise JobError(f"unknown key '{prefix}{key}' (expected one of: {', '.join(known)})")


def _table(data: dict[str, Any], name: str, known: tuple[str, ...] | None) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise JobError(f"key '{name}': expected a table [{name}], got {type(value).__name__}")
    _no_unknown(value, known, f"{name}.")
    return value


def _take(table: dict[str, Any], key: str, kind: str, default: Any, label: str | None = None) -> Any:
    label = label or key
    if key not in table:
        return default
    value = table[key]
    ok = {
        "str": isinstance(value, str),
        "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "count": isinstance(value, int) and not isinstance(value, bool) and value >= 0,
        "positive": isinstance(value, int | float) and not isinstance(value, bool) and value > 0,
        "number": isinstance(value, int | float) and not isinstance(value, bool) and value >= 0,
        "bool": isinstance(value, bool),
    }[kind]
    if not ok:
        expected = {"str": "a string", "strs": "a list of strings", "count": "an integer >= 0",
                    "positive": "a number > 0", "number": "a number >= 0", "bool": "true or false"}[kind]
        raise JobError(f"key '{label}': expected {expected}, got {value!r}")
    return value


def _urls(sources: dict[str, Any], label: str) -> tuple[str, ...]:
    urls = [encode_spaces(u) for u in _take(sources, label.split(".")[1], "strs", [], label)]
    for i, url in enumerate(urls):
        reason = check_url(url)
        if reason:
            raise JobError(f"key '{label}[{i}]': {reason.replace('_', ' ')}: {url!r}")
    return tuple(urls)


def _patterns(scope: dict[str, Any], key: str) -> tuple[str, ...]:
    patterns = _take(scope, key, "strs", [], f"scope.{key}")
    for i, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            raise JobError(f"key 'scope.{key}[{i}]': bad regular expression {pattern!r}: {exc}") from None
    return tuple(patterns)


def _languages(data: dict[str, Any]) -> tuple[str, ...]:
    langs = _take(data, "languages", "strs", [])
    for i, lang in enumerate(langs):
        if not _LANGUAGE.match(lang):
            raise JobError(f"key 'languages[{i}]': expected an ISO 639-1 code such as 'en', got {lang!r}")
    return tuple(langs)


def _politeness(table: dict[str, Any]) -> dict[str, Any]:
    kinds = {"user_agent": "str", "obey_robots": "bool", "autothrottle": "bool",
             "concurrency_per_domain": "positive", "delay": "number", "timeout": "positive"}
    out = {key: _take(table, key, kinds[key], None, f"politeness.{key}") for key in table}
    if "concurrency_per_domain" in out and not isinstance(out["concurrency_per_domain"], int):
        raise JobError(f"key 'politeness.concurrency_per_domain': expected an integer > 0, "
                       f"got {out['concurrency_per_domain']!r}")
    if "user_agent" in out and not out["user_agent"].strip():
        raise JobError("key 'politeness.user_agent': must not be empty")
    return out
