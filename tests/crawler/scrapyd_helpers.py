"""A real scrapyd on 127.0.0.1 in a temporary folder, and a copy of the project to deploy to it.

The project is deployed as the README's scheduled-crawls section says: `scrapyd-deploy` run in the project
folder, whose scrapy.cfg names the target. It runs on a copy, because scrapyd-deploy writes setup.py, build/ and
*.egg-info/ beside scrapy.cfg.
"""

from __future__ import annotations

import ensurepip
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import time
import tomllib
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from urllib.request import urlopen

from tests.conftest import ROOT

SCRIPTS = Path(sysconfig.get_path("scripts"))  # where pip put `scrapyd` and `scrapyd-deploy`


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Scrapyd:
    """scrapyd serving 127.0.0.1:PORT from FOLDER, its own scrapyd.conf there (eggs, logs, dbs inside FOLDER)."""

    def __init__(self, folder: Path, timeout: float):
        self.folder, self.timeout = folder, timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.logs = folder / "logs"
        folder.mkdir(parents=True, exist_ok=True)
        # poll_interval: how often scrapyd starts pending jobs (default 5 s); short, so the test waits less
        (folder / "scrapyd.conf").write_text(
            f"[scrapyd]\nbind_address = 127.0.0.1\nhttp_port = {self.port}\neggs_dir = {folder / 'eggs'}\n"
            f"logs_dir = {self.logs}\ndbs_dir = {folder / 'dbs'}\npoll_interval = 0.5\n", encoding="utf-8")
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Scrapyd:
        with (self.folder / "scrapyd.out").open("wb") as out:  # its own session: the jobs it starts end with it
            self.proc = subprocess.Popen([str(SCRIPTS / "scrapyd")], cwd=self.folder, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + self.timeout
        while True:
            assert self.proc.poll() is None, f"scrapyd exited {self.proc.returncode}:\n{self.output()}"
            try:
                if self.get("daemonstatus.json")["status"] == "ok":
                    return self
            except OSError:
                pass
            assert time.monotonic() < deadline, f"scrapyd not answering after {self.timeout}s:\n{self.output()}"
            time.sleep(0.2)

    def __exit__(self, *exc: object) -> None:
        if self.proc is None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(30)

    def output(self) -> str:
        """The end of scrapyd's own output, for assertion messages."""
        return (self.folder / "scrapyd.out").read_text(errors="replace")[-3000:]

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        """GET a JSON endpoint (daemonstatus.json, listjobs.json, …)."""
        query = f"?{urlencode(params)}" if params else ""
        with urlopen(self.url + endpoint + query, timeout=self.timeout) as response:
            return json.load(response)

    def schedule(self, fields: list[tuple[str, str]]) -> str:
        """POST schedule.json with these form fields (what `curl -d NAME=VALUE …` sends); returns the job id."""
        with urlopen(self.url + "schedule.json", data=urlencode(fields).encode(), timeout=self.timeout) as response:
            answer = json.load(response)
        assert answer["status"] == "ok", answer
        return answer["jobid"]

    def wait_finished(self, project: str, job_id: str) -> str:
        """Wait (bounded) until listjobs.json lists the job as finished; returns the job's log."""
        deadline = time.monotonic() + self.timeout
        while not any(job["id"] == job_id for job in self.get("listjobs.json", project=project)["finished"]):
            assert self.proc is not None and self.proc.poll() is None, f"scrapyd exited:\n{self.output()}"
            assert time.monotonic() < deadline, f"job {job_id} not finished after {self.timeout}s"
            time.sleep(0.25)
        return self.job_log(project, job_id)

    def job_log(self, project: str, job_id: str) -> str:
        """The log scrapyd keeps of one job (logs_dir/PROJECT/SPIDER/JOB.log)."""
        [path] = self.logs.glob(f"{project}/*/{job_id}.log")
        return path.read_text(errors="replace")

    def eggs(self, project: str) -> list[Path]:
        """The eggs deployed for a project."""
        return sorted((self.folder / "eggs" / project).glob("*.egg"))


def project_copy(folder: Path, scrapyd_url: str) -> Path:
    """The files the egg is built from, copied into FOLDER, with scrapy.cfg's deploy url set to SCRAPYD_URL.

    That edit is the one the README asks for when scrapyd listens elsewhere than localhost:6800.
    """
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    packages = [name.rstrip("*") for name in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]]
    folder.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md", "scrapy.cfg"):
        shutil.copy2(ROOT / name, folder / name)
    for package in packages:
        shutil.copytree(ROOT / package, folder / package, ignore=shutil.ignore_patterns("__pycache__"))
    cfg = folder / "scrapy.cfg"
    text, n = re.subn(r"^url = .*$", f"url = {scrapyd_url}", cfg.read_text(encoding="utf-8"), flags=re.M)
    assert n == 1, "scrapy.cfg should have one deploy url"
    cfg.write_text(text, encoding="utf-8")
    return folder


def default_setuptools_env(folder: Path) -> dict[str, str]:
    """Environment in which Python imports the setuptools that `python -m venv` installs into a new venv.

    scrapyd-deploy builds the egg with `python setup.py bdist_egg`, so with the setuptools of the venv it runs in:
    in a new venv, the wheel that ensurepip bundles (65.5.0 with Python 3.11), which this project's virtualenv
    may have replaced. Python 3.12+ bundles none: there the venv has the setuptools pip installed for scrapyd,
    the newest, and so does this one.
    """
    wheels = sorted((Path(ensurepip.__file__).parent / "_bundled").glob("setuptools-*.whl"))
    if not wheels:
        return dict(os.environ)
    target = folder / "venv-default-setuptools"
    with zipfile.ZipFile(wheels[-1]) as wheel:
        wheel.extractall(target)
    return dict(os.environ, PYTHONPATH=str(target))


def setuptools_version(env: dict[str, str]) -> str:
    """The setuptools version a python started with this environment imports."""
    return subprocess.run([sys.executable, "-c", "import setuptools; print(setuptools.__version__)"],
                          env=env, capture_output=True, text=True, check=True, timeout=60).stdout.strip()
