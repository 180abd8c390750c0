"""Shared fixtures: a real HTTP server on 127.0.0.1 serving tests/data/site, paths to shared data, the flags
of a crawl of a local site, and the random seed of the run."""

from __future__ import annotations

import os
import random
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

# One seed for everything random in a run (hypothesis, the resume test's kill moments): a new one each run,
# so runs explore different cases, printed in the header and again after a failure; set it to replay a run.
# Kept in the environment so a module imported twice, or a subprocess, draws the same seed.
os.environ.setdefault("CLEANCRAWL_TEST_SEED", str(random.SystemRandom().getrandbits(32)))
RUN_SEED = int(os.environ["CLEANCRAWL_TEST_SEED"])

# Download timeout of a crawl of the tests' own servers: they answer at once, so only a loaded machine makes
# a page slow, and a tight timeout turned good pages into error rows under load. A test that needs a
# timeout to fire serves a page that stalls far longer than the timeout it passes.
LOCAL_TIMEOUT = 30.0


def local_crawl_flags(*, workers: int = 0, timeout: float = LOCAL_TIMEOUT, retries: int = 0) -> tuple[str, ...]:
    """`cleancrawl crawl` flags for crawling the tests' servers on 127.0.0.1.

    Private addresses allowed (the servers are on loopback), `retries` retries (none by default: tests count
    requests and error rows exactly), no AutoThrottle (it would slow a local crawl for nothing), `workers`
    cleaning processes (0: clean in the crawl process) and a download timeout that holds on a loaded machine.
    """
    return ("--allow-private", "--workers", str(workers), "--timeout", f"{timeout:g}",
            "-s", f"RETRY_TIMES={retries}", "-s", "AUTOTHROTTLE_ENABLED=False")


def _seed_line() -> str:
    return f"random seed of this run: {RUN_SEED} (replay: CLEANCRAWL_TEST_SEED={RUN_SEED})"


def pytest_report_header(config: pytest.Config) -> str:
    """The run's seed in the header (shown without -q; a run that hangs still shows it)."""
    return _seed_line()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """The run's seed again at the end, -q included (`make test`), where a failure's report is read."""
    terminalreporter.write_line(_seed_line())


@pytest.fixture(scope="session")
def site():
    """The test site on 127.0.0.1 (free port); `/slow…` answers after 60 s (longer than any timeout a test
    passes, so it times out however busy the machine), `/error500…` with a 500."""
    with SampleServer(DATA / "site", slow_seconds=60.0) as server:
        yield server


def shared_folder(name: str) -> Path:
    """A folder of the shared data (`fixtures`, `benchmarks/scrapinghub`, …); missing, the test fails.

    The shared data holds the only real pages with ground truth: a run without it must not pass as if
    they had been checked. Set CLEANCRAWL_SHARED when the folder is not beside the clone.
    """
    folder = SHARED / name
    if not folder.is_dir():
        pytest.fail(f"shared data not found at {folder}: put ../shared beside the clone or set CLEANCRAWL_SHARED")
    return folder


@pytest.fixture(scope="session")
def seed_fixtures() -> Path:
    """Folder holding seed.txt, seed_page.html and seed.expected.json (../shared/fixtures)."""
    return shared_folder("fixtures")


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
