"""Scheduled crawls through scrapyd, done as the README's "Scheduled crawls" section says.

A real scrapyd runs on 127.0.0.1 (free port) in a temporary folder. `scrapyd-deploy` packages a copy of the
project with the setuptools a new venv brings (65.5 with Python 3.11, which refuses the SPDX-string `license`)
and uploads the egg; then schedule.json runs the `articles` spider against the test site, once with a URL list
and once with a job file, and the rows are read back with `output.load`. Every wait is bounded.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from crawler.incremental.store import StateStore, state_path
from output import load
from tests.conftest import ROOT
from tests.crawler.scrapyd_helpers import (
    SCRIPTS,
    Scrapyd,
    default_setuptools_env,
    project_copy,
    setuptools_version,
)

TIMEOUT = 180  # seconds for scrapyd to answer, the deploy, or one job: each takes a few on a quiet machine
PROJECT = "cleancrawl"
PAGES = ("news/ferry-timetable.html", "news/mercado-central.html")
# The fields of the guide's `curl …/schedule.json` commands; the tests below post exactly these.
GUIDE_FIELDS = ("-d project=cleancrawl", "-d spider=articles", "-d urls=/", "-d job=/",
                "-d setting=CLEANCRAWL_OUT_DIR=/", "-d setting=CLEANCRAWL_STATE_DIR=/")


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory):
    with Scrapyd(tmp_path_factory.mktemp("scrapyd"), TIMEOUT) as server:
        yield server


@pytest.fixture(scope="module")
def deployed(scrapyd, tmp_path_factory) -> str:
    """`scrapyd-deploy` run in the project folder, as the guide does; returns the setuptools version it built with."""
    tmp = tmp_path_factory.mktemp("deploy")
    project = project_copy(tmp / "cleancrawl", scrapyd.url)
    env = default_setuptools_env(tmp)
    env.update(HOME=str(tmp), XDG_CONFIG_HOME=str(tmp))  # no user-level scrapy.cfg may change the target
    proc = subprocess.run([str(SCRIPTS / "scrapyd-deploy")], cwd=project, env=env, capture_output=True,
                          text=True, timeout=TIMEOUT)
    if proc.returncode != 0:  # scrapyd-deploy hides the build's output: build again to show why
        build = subprocess.run([sys.executable, "setup.py", "bdist_egg", "-d", str(tmp / "egg")], cwd=project,
                               env=env, capture_output=True, text=True, timeout=TIMEOUT)
        pytest.fail(f"scrapyd-deploy failed with setuptools {setuptools_version(env)}:\n{proc.stderr[-1500:]}\n"
                    f"python setup.py bdist_egg says:\n{build.stderr[-3000:]}")
    return setuptools_version(env)


def _run(scrapyd: Scrapyd, fields: list[tuple[str, str]]) -> str:
    """Schedule a job, wait for it to finish and return its log, checked for a clean end."""
    log = scrapyd.wait_finished(PROJECT, scrapyd.schedule(fields))
    assert "Traceback" not in log, log[log.find("Traceback") - 1000:][:4000]
    assert "'finish_reason': 'finished'" in log, log[-3000:]
    return log


def _rows(out: Path) -> dict[str, str]:
    """url -> text of every article row under a dataset folder."""
    table = load(out).to_table(columns=["url", "text"])
    return dict(zip(table.column("url").to_pylist(), table.column("text").to_pylist(), strict=True))


def test_the_deployed_egg_names_the_settings_module(scrapyd, deployed):
    """scrapyd finds the settings through the egg's `scrapy` entry point; without it every job dies at start."""
    [egg] = scrapyd.eggs(PROJECT)
    with zipfile.ZipFile(egg) as zipped:
        entry_points = zipped.read("EGG-INFO/entry_points.txt").decode()
    assert "[scrapy]\nsettings = crawler.settings" in entry_points, (deployed, entry_points)
    assert "articles" in scrapyd.get("listspiders.json", project=PROJECT)["spiders"]


def test_a_url_list_job_writes_its_rows_and_a_second_run_writes_none(scrapyd, deployed, site, tmp_path):
    urls = [site.url(page) for page in PAGES]
    url_list, out, state = tmp_path / "urls.txt", tmp_path / "data", tmp_path / "state"
    url_list.write_text("\n".join(urls) + "\n", encoding="utf-8")
    # scrapyd starts the spider in its own folder: every path absolute; the test site is on 127.0.0.1
    fields = [("project", PROJECT), ("spider", "articles"), ("urls", str(url_list)),
              ("setting", f"CLEANCRAWL_OUT_DIR={out}"), ("setting", f"CLEANCRAWL_STATE_DIR={state}"),
              ("setting", "CLEANCRAWL_ALLOW_PRIVATE=1")]
    _run(scrapyd, fields)
    rows = _rows(out)
    assert sorted(rows) == sorted(urls), f"setuptools {deployed}: {sorted(rows)}"
    assert all(len(text) > 200 for text in rows.values()), rows
    log = _run(scrapyd, fields)  # the same job again: the state says every page is written and unchanged
    assert _rows(out) == rows
    assert "'cleancrawl/articles_written'" not in log, log[-3000:]
    with StateStore(state_path(state, url_list.stem)) as store:
        assert store.count(written_only=True) == len(urls)
        assert store.last_run()[3] == "finished"


def test_a_job_file_job_writes_its_rows(scrapyd, deployed, site, tmp_path):
    urls = [site.url(page) for page in PAGES]
    job, out, state = tmp_path / "courier.toml", tmp_path / "courier", tmp_path / "state"
    job.write_text(f'name = "courier"\nout = "{out}"\nstate = "{state}"\n\n[sources]\nurls = {urls!r}\n\n'
                   "[settings]\nCLEANCRAWL_ALLOW_PRIVATE = true\n".replace("'", '"'), encoding="utf-8")
    _run(scrapyd, [("project", PROJECT), ("spider", "articles"), ("job", str(job))])
    assert sorted(_rows(out)) == sorted(urls)
    assert state_path(state, "courier").is_file()


def test_the_guide_shows_the_commands_these_tests_run():
    """The README (or the guides split from it under docs/) deploys with plain `scrapyd-deploy` and schedules
    with the fields posted above, so a reader runs what is tested here."""
    guide = "\n".join(p.read_text(encoding="utf-8") for p in [ROOT / "README.md", *ROOT.glob("docs/**/*.md")])
    commands = [part.split() for line in guide.splitlines() for part in line.split("#")[0].split("&&")]
    assert any(words and Path(words[-1]).name == "scrapyd-deploy" for words in commands), "no bare scrapyd-deploy"
    missing = [field for field in GUIDE_FIELDS if field not in guide]
    assert not missing, f"the guide's schedule.json commands lack {missing}"
