"""The README's everyday commands, run as written against local sites: each does what the README says.

The commands are read from the README's "Everyday commands" section (its `sh` and `toml` blocks), so an edit
of the README is an edit of this test. Three things are substituted, no more: the example site
(`https://news.example.org`) becomes a local copy of a news site, `urls.txt` and `page.html` are files of
local pages, and `--allow-private` is added to each crawl (the local sites are on 127.0.0.1, which a crawl
refuses by default).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from output import load
from tests.conftest import DATA, ROOT
from tests.crawler.conditional_server import ConditionalServer, render_site

EXAMPLE_SITE = "https://news.example.org"
# The installed console script, as a user runs it: `python -m` would put the folder it runs in first on
# sys.path, where the README's own `output/` dataset folder would shadow the `output` package.
CLEANCRAWL = str(Path(sys.executable).with_name("cleancrawl"))


def run_cli(*args: str, cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([CLEANCRAWL, *args], capture_output=True, cwd=cwd, timeout=timeout,
                          env=dict(os.environ, PYTHONUNBUFFERED="1"))


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Everyday commands")
    return text[start:text.index("\n## ", start + 1)]


def _blocks(kind: str) -> list[str]:
    return re.findall(rf"```{kind}\n(.*?)```", _section(), re.S)


def _commands() -> list[list[str]]:
    """Every `cleancrawl …` line of the section's shell blocks, split as the shell would."""
    lines = [line for block in _blocks("sh") for line in block.splitlines()]
    return [shlex.split(line) for line in lines if line.startswith("cleancrawl ")]


@pytest.fixture(scope="module")
def walked(tmp_path_factory, site):
    """Run every command in order in a fresh folder; (folder, {command line: completed process})."""
    tmp = tmp_path_factory.mktemp("readme")
    root = tmp / "news-site"
    root.mkdir()
    results = {}
    with ConditionalServer(root) as news:
        render_site(DATA / "scheduled", root, news.base_url)
        (tmp / "urls.txt").write_text(f"{site.url('news/ferry-timetable.html')}\n"
                                      f"{site.url('news/mercado-central.html')}\n", encoding="utf-8")
        (tmp / "page.html").write_bytes((DATA / "site" / "news" / "mercado-central.html").read_bytes())
        [job] = _blocks("toml")
        (tmp / "news.toml").write_text(job.replace(EXAMPLE_SITE, news.base_url), encoding="utf-8")
        for argv in _commands():
            args = argv[1:]
            if args[0] == "crawl":
                args = [*args, "--allow-private", "--timeout", "30"]
            results[shlex.join(argv)] = run_cli(*args, cwd=tmp, timeout=300)
        # the state line again: a re-run of an unchanged list
        state_line = next(a for a in _commands() if "--state" in a and "urls.txt" in a)
        results["again"] = run_cli(*state_line[1:], "--allow-private", "--timeout", "30", cwd=tmp, timeout=300)
        job_line = next(a for a in _commands() if "--job" in a)
        results["job again"] = run_cli(*job_line[1:], "--allow-private", "--timeout", "30", cwd=tmp, timeout=300)
    return tmp, results


def _run(walked, *words: str):
    _tmp, results = walked
    matches = [proc for line, proc in results.items() if all(w in line.split() for w in words)]
    assert len(matches) == 1, f"the README should have one command with {words}: {list(results)}"
    return matches[0]


def test_the_section_has_the_commands_this_test_walks():
    lines = [shlex.join(a) for a in _commands()]
    for words in (("crawl", "urls.txt"), ("report",), ("compact",), ("clean", "page.html"), ("--job", "news.toml")):
        assert any(all(w in line.split() for w in words) for line in lines), words


def test_every_command_exits_0(walked):
    _tmp, results = walked
    for line, proc in results.items():
        assert proc.returncode == 0, f"{line}: {proc.stderr.decode()[-2000:]}"


def test_a_list_crawl_writes_its_articles_where_the_readme_says(walked):
    tmp, _ = walked
    urls = load(tmp / "output" / "urls").to_table(columns=["url"]).column("url").to_pylist()
    assert len(urls) == 2


def test_the_report_is_one_html_page(walked):
    tmp, _ = walked
    page = (tmp / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page


def test_a_run_with_state_writes_only_what_is_new(walked):
    first = _run(walked, "crawl", "--state", "state/daily")
    assert "articles written: 2" in first.stdout.decode()
    assert "articles written: 0" in walked[1]["again"].stdout.decode()


def test_clean_prints_the_record_as_json(walked):
    record = json.loads(_run(walked, "clean", "page.html").stdout)
    assert record["url"].startswith(EXAMPLE_SITE) and record["text"] and record["title"]


def test_the_job_crawls_the_site_then_writes_only_what_changed(walked):
    tmp, results = walked
    first = _run(walked, "--job", "news.toml")
    written = int(re.search(r"articles written: (\d+)", first.stdout.decode()).group(1))
    assert written >= 5  # the local news site's articles, found through robots.txt's sitemaps and the feed
    assert "articles written: 0" in results["job again"].stdout.decode()
    assert load(tmp / "output" / "news").count_rows() == written
    assert Path(tmp / "state" / "news").is_dir()
