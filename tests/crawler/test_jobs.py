"""Job files: every key validated, errors name the key; the CLI exits 2 with that message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from crawler.sources.jobs import JobError, load_job, parse_job
from tests.conftest import ROOT, run_cli

GOOD = {"sources": {"seeds": ["https://news.example.org/"]}}


def test_example_job_file_is_valid_and_documented():
    job = load_job(ROOT / "jobs" / "example.toml")
    assert job.name == "example"
    assert job.sitemaps and job.feeds and job.seeds
    text = (ROOT / "jobs" / "example.toml").read_text()
    keys = [line.split("=")[0].strip() for line in text.splitlines() if "=" in line and not line.startswith("#")]
    lines = text.splitlines()
    for key in keys:  # every key carries a comment on the lines just above it or at its end
        i = next(n for n, line in enumerate(lines) if line.split("=")[0].strip() == key and not line.startswith("#"))
        assert "#" in lines[i] or lines[i - 1].lstrip().startswith("#"), key


def test_defaults_and_derived_domains():
    job = parse_job(GOOD, name="news")
    assert job.name == "news" and job.max_depth == 2 and job.discover_feeds
    assert job.domains() == ("news.example.org",)
    assert job.scrapy_settings() == {"CLEANCRAWL_JOB": "news"}


def test_politeness_out_state_and_settings_become_scrapy_settings():
    job = parse_job({**GOOD, "out": "o", "state": "s", "politeness": {
        "user_agent": "bot (+mailto:me@example.org)", "concurrency_per_domain": 2, "delay": 1.5,
        "autothrottle": False, "obey_robots": True, "timeout": 10}, "settings": {"RETRY_TIMES": 0}})
    assert job.scrapy_settings() == {
        "USER_AGENT": "bot (+mailto:me@example.org)", "CONCURRENT_REQUESTS_PER_DOMAIN": 2, "DOWNLOAD_DELAY": 1.5,
        "AUTOTHROTTLE_ENABLED": False, "ROBOTSTXT_OBEY": True, "DOWNLOAD_TIMEOUT": 10, "RETRY_TIMES": 0,
        "CLEANCRAWL_JOB": "job", "CLEANCRAWL_OUT_DIR": "o", "CLEANCRAWL_STATE_DIR": "s"}


@pytest.mark.parametrize(("data", "key"), [
    ({**GOOD, "scope": {"max_depth": "two"}}, "scope.max_depth"),
    ({**GOOD, "scope": {"max_pages": -1}}, "scope.max_pages"),
    ({**GOOD, "scope": {"deny": ["(unclosed"]}}, "scope.deny[0]"),
    ({**GOOD, "scope": {"max_dept": 3}}, "scope.max_dept"),
    ({"sources": {"feeds": ["https://ok.example/feed", "ftp://x/feed"]}}, "sources.feeds[1]"),
    ({"sources": {"seeds": "https://one.example/"}}, "sources.seeds"),
    ({"sources": {}}, "sources"),
    ({**GOOD, "politeness": {"concurrency_per_domain": 0}}, "politeness.concurrency_per_domain"),
    ({**GOOD, "politeness": {"user_agent": " "}}, "politeness.user_agent"),
    ({**GOOD, "languages": ["english"]}, "languages[0]"),
    ({**GOOD, "settings": {"retry_times": 0}}, "settings.retry_times"),
    ({**GOOD, "output": "x"}, "output"),
])
def test_bad_values_name_their_key(data, key):
    with pytest.raises(JobError, match=re.escape(f"'{key}'")):
        parse_job(data)


def test_invalid_toml_names_the_file_and_line(tmp_path: Path):
    path = tmp_path / "broken.toml"
    path.write_text("[sources\nseeds = []\n")
    with pytest.raises(JobError, match=r"broken.toml: invalid TOML: .*line 1"):
        load_job(path)


def test_cli_bad_job_exits_2_naming_the_key(tmp_path: Path):
    path = tmp_path / "bad.toml"
    path.write_text('[sources]\nseeds = ["https://news.example.org/"]\n[scope]\nmax_depth = "deep"\n')
    proc = run_cli("crawl", "--job", str(path), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert "bad.toml: key 'scope.max_depth': expected an integer >= 0, got 'deep'" in proc.stderr.decode()
    assert not (tmp_path / "out").exists()


def test_cli_without_list_or_job_exits_2(tmp_path: Path):
    proc = run_cli("crawl", "--out", str(tmp_path / "out"))
    assert proc.returncode == 2 and b"--job" in proc.stderr
