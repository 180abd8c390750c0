"""Bad URL lists: garbage lines, non-UTF-8 bytes, binary and empty files, unsupported schemes.

Every bad line gets a message naming its file and line and an error row; the good lines are
crawled; the exit code is non-zero only when nothing could be crawled.
"""

from __future__ import annotations

import pytest

from crawler.sources.urls import BadLine, check_url, parse_url_lines, read_url_file
from output import load
from tests.conftest import local_crawl_flags, run_cli
from tests.faults.server import FaultServer

GARBAGE = [
    b"# a comment",
    b"",
    b"not a url at all",
    b"www.example.org/news/story.html",
    b"ftp://files.example.org/report.txt",
    b"file:///etc/passwd",
    b"javascript:alert(1)",
    b"data:text/html,<h1>hi</h1>",
    b"mailto:editor@example.org",
    b"http://",
    b"http://exa mple.org/",
    b"http://example.org:99999/",
    b"http://caf\xe9.example.org/menu",  # Latin-1 byte: not UTF-8
    b"\xff\xfe\xfa garbage \x80\x81",
    b"http://example.org/" + b"a" * 2100,
    b"   ",
]
EXPECTED_REASONS = {
    3: "malformed_url", 4: "missing_scheme", 5: "unsupported_scheme", 6: "unsupported_scheme",
    7: "unsupported_scheme", 8: "unsupported_scheme", 9: "unsupported_scheme", 10: "malformed_url",
    11: "malformed_url", 12: "malformed_url", 13: "undecodable_bytes", 14: "undecodable_bytes",
    15: "url_too_long",
}


def test_every_garbage_line_has_a_reason(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(b"\n".join(GARBAGE) + b"\n")
    got = {e.lineno: e.reason for e in parse_url_lines(read_url_file(str(path)))}
    assert got == EXPECTED_REASONS


def test_bad_line_message_names_file_line_and_reason():
    [bad] = list(parse_url_lines(["ftp://h/x"]))
    assert bad == BadLine(1, "ftp://h/x", "unsupported_scheme")
    assert bad.message("list.txt") == "list.txt:1: unsupported scheme: 'ftp://h/x'"


def test_binary_file_is_refused_as_a_whole(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    with pytest.raises(ValueError, match="binary file"):
        read_url_file(str(path))


@pytest.mark.parametrize("line, url", [
    ("https://example.org/news/solar power plant.html", "https://example.org/news/solar%20power%20plant.html"),
    ("https://example.org/a b?q=x y#top of page", "https://example.org/a%20b?q=x%20y#top%20of%20page"),
    ("https://example.org/tab\there", "https://example.org/tabhere"),  # tabs dropped, as the URL standard says
])
def test_spaces_in_path_query_and_fragment_are_percent_encoded(line, url):
    assert list(parse_url_lines([line])) == [(1, url)]


@pytest.mark.parametrize("line", ["http://exa mple.org/", "ht tp://example.org/", "not a url at all"])
def test_spaces_in_scheme_or_host_stay_malformed(line):
    [bad] = list(parse_url_lines([line]))
    assert bad.reason == "malformed_url"


@pytest.mark.parametrize("url", ["https://example.org/a", "http://[2001:db8::1]:8080/x", "http://bücher.example/"])
def test_good_urls_pass(url):
    assert check_url(url) is None


@pytest.fixture(scope="module")
def server():
    with FaultServer() as srv:
        yield srv


def _crawl(tmp_path, content: bytes, *extra: str):
    path = tmp_path / "list.txt"
    path.write_bytes(content)
    out = tmp_path / "out"
    proc = run_cli("crawl", str(path), "--out", str(out), *local_crawl_flags(), *extra)
    return proc, out


def test_garbage_lines_are_reported_and_good_lines_crawled(server, tmp_path):
    good = [server.url("/ok/first").encode(), server.url("/ok/second").encode()]
    # copied from a spreadsheet: raw spaces in the path are sent percent-encoded, as a browser does
    spaced = server.url("/ok/solar power plant.html").encode()
    proc, out = _crawl(tmp_path, b"\n".join([good[0], *GARBAGE, good[1], spaced]) + b"\n")
    stderr = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == 0, stderr[-2000:]
    for lineno, reason in EXPECTED_REASONS.items():
        assert f"list.txt:{lineno + 1}: {reason.replace('_', ' ')}" in stderr
    articles = load(out).to_table(columns=["url"]).column("url").to_pylist()
    assert sorted(articles) == sorted([*(u.decode() for u in good), server.url("/ok/solar%20power%20plant.html")])
    errors = load(out, "errors").to_table(columns=["stage", "reason"]).to_pylist()
    assert sorted(r["reason"] for r in errors) == sorted(EXPECTED_REASONS.values())
    assert {r["stage"] for r in errors} == {"input"}


def test_only_bad_lines_exit_1_but_are_recorded(tmp_path):
    proc, out = _crawl(tmp_path, b"ftp://example.org/x\nnot a url\n")
    assert proc.returncode == 1
    assert "nothing to crawl" in proc.stderr.decode()
    assert load(out, "errors").count_rows() == 2


@pytest.mark.parametrize("content, message", [
    (b"", b"has no URLs"),
    (b"# only a comment\n\n   \n", b"has no URLs"),
    (b"\x00\x01\x02binary\x00" * 100, b"is a binary file"),
])
def test_empty_or_binary_list_exits_1_with_one_line(tmp_path, content, message):
    proc, out = _crawl(tmp_path, content)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and lines[0].startswith(b"cleancrawl: nothing to crawl")
    assert not out.exists()
