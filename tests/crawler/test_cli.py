"""The command line: --help everywhere, exit 2 with one line on bad usage, stdin lists, the demo."""

from __future__ import annotations

import subprocess

import pytest

from crawler.sources.urls import BadLine, check_url, parse_url_lines
from tests.conftest import ROOT, local_crawl_flags, run_cli


@pytest.mark.parametrize("command", [[], ["crawl"], ["clean"], ["demo"]])
def test_help_on_every_command(command):
    proc = run_cli(*command, "--help")
    assert proc.returncode == 0
    assert b"usage: cleancrawl" in proc.stdout


@pytest.mark.parametrize("args", [["crawl"], ["frobnicate"], ["crawl", "x.txt", "--workers", "many"]])
def test_bad_usage_exits_2_with_one_line(args):
    proc = run_cli(*args)
    assert proc.returncode == 2
    lines = proc.stderr.decode().strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("cleancrawl")


def test_missing_url_list_exits_2(tmp_path):
    proc = run_cli("crawl", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "out"))
    assert proc.returncode == 2
    assert b"cannot read URL list" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_clean_refuses_other_file_types(tmp_path):
    path = tmp_path / "page.pdf"
    path.write_bytes(b"%PDF-1.4")
    proc = run_cli("clean", str(path))
    assert proc.returncode == 2 and b"expected a .html, .htm or .txt file" in proc.stderr


def test_crawl_reads_the_list_from_stdin(site, tmp_path):
    proc = run_cli("crawl", "-", "--out", str(tmp_path / "out"), *local_crawl_flags(),
                   stdin=(site.url("news/ferry-timetable.html") + "\n").encode())
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert b"articles written: 1" in proc.stdout


def test_demo_serves_crawls_and_summarizes(tmp_path):
    proc = run_cli("demo", "--out", str(tmp_path / "demo"))
    out = proc.stdout.decode()
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert "articles written: 5" in out
    for reason in ("fetch/http_404", "fetch/timeout", "parse/unsupported_content_type"):
        assert reason in out
    assert "too_short=1" in out  # the about page is not an article
    # the summary's last line is a query that runs as printed, from the folder the demo ran in
    command = out.rstrip().splitlines()[-1].strip()
    query = subprocess.run(command, shell=True, cwd=ROOT, capture_output=True, timeout=120,
                           env={"PATH": "/usr/bin:/bin"})  # no venv on PATH: the command names its interpreter
    assert query.returncode == 0, query.stderr.decode()[-2000:]
    assert b"Ferry" in query.stdout or b"ferry" in query.stdout


class TestParseUrlLines:
    def test_comments_and_blanks_are_skipped_and_bad_lines_numbered(self):
        got = list(parse_url_lines(["# c", "", "http://127.0.0.1/a", "ftp://h/x", "javascript:alert(1)",
                                    "http://", "  https://127.0.0.1/b  ", "\ufffd\ufffd"]))
        assert got == [(3, "http://127.0.0.1/a"), BadLine(4, "ftp://h/x", "unsupported_scheme"),
                       BadLine(5, "javascript:alert(1)", "unsupported_scheme"), BadLine(6, "http://", "malformed_url"),
                       (7, "https://127.0.0.1/b"), BadLine(8, "\ufffd\ufffd", "undecodable_bytes")]

    @pytest.mark.parametrize("url", ["http://[::1]:8080/x", "https://example.org/a?b=c#d"])
    def test_good_urls(self, url):
        assert check_url(url) is None

    @pytest.mark.parametrize("url", ["http://a b/", "http://h:99999/", "data:text/html,hi", "file:///etc/passwd"])
    def test_bad_urls(self, url):
        assert check_url(url) is not None
