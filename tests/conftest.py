"""Shared fixtures: a real HTTP server on 127.0.0.1 serving tests/data/site, and paths to shared fixtures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.crawler import Crawler
from scrapy.utils.test import get_crawler

from crawler import settings as project_settings
from crawler.cli.sample_server import SampleServer

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
# ../shared beside the clone (CI, /work/main); a git worktree under /work/wt/NAME finds /work/shared.
SHARED = next((p for p in (Path(os.environ.get("CLEANCRAWL_SHARED", "/nonexistent")), ROOT.parent / "shared",
                           ROOT.parent.parent / "shared") if (p / "fixtures").is_dir()), ROOT.parent / "shared")


@pytest.fixture(scope="session")
def site():
    """The test site on 127.0.0.1 (free port); `/slow…` answers after 3 s, `/error500…` with a 500."""
    with SampleServer(DATA / "site", slow_seconds=3.0) as server:
        yield server


@pytest.fixture(scope="session")
def seed_fixtures() -> Path:
    """Folder holding seed.txt, seed_page.html and seed.expected.json (../shared/fixtures)."""
    folder = SHARED / "fixtures"
    assert folder.is_dir(), f"shared fixtures not found at {folder}"
    return folder


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess:
    """Run `cleancrawl ARGS` in a subprocess (keeps Scrapy's reactor out of the test process)."""
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run([sys.executable, "-m", "crawler.cli", *args], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, env=env, timeout=timeout)


def project_crawler(spidercls=None, settings: dict | None = None) -> Crawler:
    """A Scrapy crawler with the project's settings (`crawler/settings.py`, where every default lives) and overrides.

    Components read settings without a second default, as Scrapy's own read `default_settings.py`, so a
    test builds them from the project's settings rather than from Scrapy's bare defaults.
    """
    base = {name: getattr(project_settings, name) for name in dir(project_settings) if name.isupper()}
    return get_crawler(spidercls, {**base, **(settings or {})})


def system_binary(*names: str, package: str) -> str:
    """The path of a system program a test runs for real (redis-server, chromium), or skip the test.

    `make test` installs them when it runs as root (as CI does); without root it says which Debian
    packages are missing, and the tests needing them are skipped with that reason. Under CI (the `CI`
    variable set), a missing program fails the test instead: CI must run everything.
    """
    for name in names:
        found = shutil.which(name)
        if found:
            return found
    message = f"{names[0]} is not installed: `sudo apt-get install {package}` (or `sudo make system-deps`)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)
