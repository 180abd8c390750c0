"""Re-cleaning archived responses: WARC and WET in, the same rows as a live crawl out, no network."""

from __future__ import annotations

import gzip
import io
import json
import os
import tracemalloc
from collections import Counter
from io import BytesIO
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaners import clean_text
from crawler.archive.reclean import RecleanProgress, reclean
from output import load
from tests.conftest import run_cli
from tests.crawler.conftest import CRAWLED_PAGES, SITE

# Columns that say when and by which run a row was written, or where its bytes are: not content.
RUN_COLUMNS = {"fetched_at", "job", "pipeline_version", "warc_file", "warc_offset", "warc_length", "first_seen",
               "version", "dup_group", "duplicate_of", "crawl_date", "run"}
HTML = [("Content-Type", "text/html; charset=utf-8")]


def _rows(out: Path) -> dict[str, dict]:
    return {r["url"]: r for r in load(out).to_table().to_pylist()}


def _content(row: dict) -> dict:
    return {k: (dict(v) if k == "removed" and v is not None else v) for k, v in row.items() if k not in RUN_COLUMNS}


def _response(writer: WARCWriter, url: str, status: str, headers: list, body: bytes) -> None:
    http = StatusAndHeaders(status, headers + [("Content-Length", str(len(body)))], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), length=len(body),
                                                  http_headers=http))
    path = "/" + url.split("/", 3)[3]
    request = StatusAndHeaders(f"GET {path} HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
    writer.write_record(writer.create_warc_record(url, "request", http_headers=request))


def _write_site_warc(path: Path, site) -> None:
    """A WARC of the crawled pages, as the test server sends them, plus records that hold no page."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        writer.write_record(writer.create_warc_record("dns:127.0.0.1", "response", warc_content_type="text/dns",
                                                      payload=BytesIO(b"127.0.0.1 A\n"), length=12))
        for page in CRAWLED_PAGES:
            _response(writer, site.url(page), "200 OK", HTML, (SITE / page).read_bytes())
        _response(writer, site.url("missing.html"), "404 Not Found", HTML, b"<p>nope</p>")
        _response(writer, site.url("news"), "301 Moved Permanently", [("Location", site.url("news/"))], b"")
        _response(writer, site.url("report.pdf"), "200 OK", [("Content-Type", "application/pdf")],
                  (SITE / "report.pdf").read_bytes())
        _response(writer, site.url("logo.png"), "200 OK", [("Content-Type", "image/png")], b"\x89PNG" + b"0" * 64)
        writer.write_record(writer.create_warc_record(site.url(CRAWLED_PAGES[0]), "metadata",
                                                      warc_content_type="application/warc-fields",
                                                      payload=BytesIO(b"fetchTimeMs: 3\r\n"), length=16))
        writer.write_record(writer.create_revisit_record(site.url(CRAWLED_PAGES[0]), "sha1:AAAA",
                                                         site.url(CRAWLED_PAGES[0]), "2026-01-01T00:00:00Z"))


def _write_wet(path: Path, url: str, text: str) -> None:
    """A Common Crawl-shaped WET file: a warcinfo record, then one conversion record holding the page's text."""
    data = text.encode("utf-8")
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        writer.write_record(writer.create_warc_record(
            url, "conversion", payload=BytesIO(data), length=len(data), warc_content_type="text/plain",
            warc_headers_dict={"WARC-Refers-To": "<urn:uuid:00000000-0000-0000-0000-000000000000>",
                               "WARC-Identified-Content-Language": "eng"}))


def test_recleaning_the_crawls_own_warc_gives_the_same_rows(warc_crawl, tmp_path):
    crawl_out, _ = warc_crawl
    result = reclean(sorted((crawl_out / "warc").glob("*.warc.gz")), tmp_path / "re", job="again")
    live, again = _rows(crawl_out), _rows(tmp_path / "re")
    assert result.articles == len(live) == 3
    assert again.keys() == live.keys()
    for url, row in again.items():
        assert _content(row) == _content(live[url]), url
        assert row["fetched_at"] == live[url]["fetched_at"]  # the record's date is the crawl's fetch time
        assert row["job"] == "again"
        # the row points at the same record, relative to the new dataset's root
        assert (tmp_path / "re" / row["warc_file"]).resolve() == (crawl_out / live[url]["warc_file"]).resolve()
        assert (row["warc_offset"], row["warc_length"]) == (live[url]["warc_offset"], live[url]["warc_length"])
    # 9 exchanges (test_warc lists them); every record that holds no article is counted by reason
    files = len(list((crawl_out / "warc").glob("*.warc.gz")))
    assert result.skipped == Counter({"warcinfo_record": files, "request_record": 9, "http_404": 3, "redirect": 1,
                                      "unsupported_content_type": 1})
    assert result.dropped == Counter({"too_short": 1})  # the directory listing reached through the redirect


def test_a_warc_written_from_local_pages_gives_the_live_crawls_rows(warc_crawl, site, tmp_path):
    crawl_out, urls = warc_crawl
    warc = tmp_path / "site.warc.gz"
    _write_site_warc(warc, site)
    result = reclean([warc], tmp_path / "re")
    live, again = _rows(crawl_out), _rows(tmp_path / "re")
    assert sorted(again) == sorted([urls["ferry"], urls["mercado"]])
    for url, row in again.items():
        assert _content(row) == _content(live[url]), url
        with open(tmp_path / "re" / row["warc_file"], "rb") as fh:
            fh.seek(row["warc_offset"])
            record = next(ArchiveIterator(fh))
            assert record.rec_headers.get_header("WARC-Target-URI") == url
    assert result.skipped == Counter({"warcinfo_record": 1, "not_http": 1, "request_record": 6, "http_404": 1,
                                      "redirect": 1, "unsupported_content_type": 2, "metadata_record": 1,
                                      "revisit_record": 1})
    assert result.errors.total() == 0 and load(tmp_path / "re", "errors").count_rows() == 0


def test_seed_wet_record_is_cleaned_with_clean_text(seed_fixtures, tmp_path):
    text = (seed_fixtures / "seed.txt").read_text(encoding="utf-8")
    url = "http://127.0.0.1/seed"
    _write_wet(tmp_path / "seed.warc.wet.gz", url, text)
    result = reclean([tmp_path / "seed.warc.wet.gz"], tmp_path / "re")
    assert result.skipped == Counter({"warcinfo_record": 1})
    [row] = load(tmp_path / "re").to_table().to_pylist()
    expected = clean_text(text, url=url).to_dict()
    for name in ("title", "text", "captions", "language", "language_score", "word_count", "content_hash"):
        assert row[name] == expected[name], name
    assert dict(row["removed"]) == expected["removed"]
    assert row["http_status"] is None  # a conversion record had no HTTP exchange
    assert (row["content_type"], row["charset"], row["domain"]) == ("text/plain", "utf-8", "127.0.0.1")
    assert row["warc_file"] == os.path.relpath(tmp_path / "seed.warc.wet.gz", tmp_path / "re")


def test_seed_wet_record_comes_out_as_the_seed_expects(seed_fixtures, tmp_path):
    """The seed text in a WET conversion record gives the record seed.expected.json describes."""
    expected = json.loads((seed_fixtures / "seed.expected.json").read_text(encoding="utf-8"))
    _write_wet(tmp_path / "seed.warc.wet.gz", "http://127.0.0.1/seed",
               (seed_fixtures / "seed.txt").read_text(encoding="utf-8"))
    reclean([tmp_path / "seed.warc.wet.gz"], tmp_path / "re")
    [row] = load(tmp_path / "re").to_table().to_pylist()

    def ws(texts):
        return [" ".join(t.split()) for t in texts]

    assert ws(p for p in row["text"].split("\n\n") if p) == ws(expected["paragraphs"])
    assert ws(row["captions"]) == ws(expected["captions"])
    assert (row["title"], row["language"]) == (expected["title"], expected["language"])
    everything = "\n".join([row["title"], row["text"], *row["captions"]])
    assert [junk for junk in expected["must_not_contain"] if junk in everything] == []


def _write_binary_warc(path: Path, images: int, size: int) -> None:
    """Three HTML pages, then `images` PNG responses of `size` random bytes each."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, page in enumerate(CRAWLED_PAGES + CRAWLED_PAGES[:1]):
            _response(writer, f"http://127.0.0.1/{i}/{page}", "200 OK", HTML, (SITE / page).read_bytes())
        for i in range(images):
            _response(writer, f"http://127.0.0.1/img{i}.png", "200 OK", [("Content-Type", "image/png")],
                      os.urandom(size))


def _peak(warc: Path, out: Path) -> int:
    tracemalloc.start()
    try:
        result = reclean([warc], out)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
        assert result.articles == 3


def test_memory_does_not_grow_with_file_size(tmp_path):
    small, large = tmp_path / "small.warc.gz", tmp_path / "large.warc.gz"
    _write_binary_warc(small, images=5, size=100_000)
    _write_binary_warc(large, images=100, size=100_000)  # ~10 MB
    reclean([small], tmp_path / "warm-up")  # first use imports and warms the cleaners
    small_peak, large_peak = _peak(small, tmp_path / "a"), _peak(large, tmp_path / "b")
    assert large.stat().st_size > 9_000_000
    assert large_peak < small_peak + 1_000_000, (small_peak, large_peak)


def test_cli_reclean_with_a_pool_records_an_unreadable_input_and_goes_on(warc_crawl, seed_fixtures, tmp_path):
    crawl_out, _ = warc_crawl
    [warc, *_] = sorted((crawl_out / "warc").glob("*.warc.gz"))
    not_a_warc = tmp_path / "notes.warc"
    not_a_warc.write_text("these are notes, not a WARC file\n")
    out = tmp_path / "re"
    proc = run_cli("reclean", str(not_a_warc), str(warc), "--out", str(out), "--name", "again", "--workers", "1")
    assert proc.returncode == 1, proc.stderr.decode()[-2000:]
    stdout = proc.stdout.decode()
    assert "articles written: 3" in stdout and "request_record" in stdout and "input/bad_archive" in stdout
    assert "progress: [" in proc.stderr.decode()  # not a terminal: progress lines
    assert {r["job"] for r in _rows(out).values()} == {"again"} and len(_rows(out)) == 3
    [error] = load(out, "errors").to_table().to_pylist()
    assert (error["stage"], error["reason"]) == ("input", "bad_archive")
    assert error["url"].endswith("notes.warc") and "at byte 0" in error["message"]


def test_truncated_warc_keeps_the_rows_before_the_cut(warc_crawl, tmp_path):
    crawl_out, _ = warc_crawl
    rows = sorted(_rows(crawl_out).values(), key=lambda r: r["warc_offset"])
    last = rows[-1]
    data = (crawl_out / last["warc_file"]).read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[:last["warc_offset"] + last["warc_length"] // 2])
    result = reclean([cut], tmp_path / "re")
    kept = [r["url"] for r in rows[:-1] if r["warc_file"] == last["warc_file"]]
    assert sorted(_rows(tmp_path / "re")) == sorted(kept)
    assert result.errors["input/bad_archive"] == 1


def test_missing_input_is_a_usage_error_and_writes_nothing(tmp_path):
    proc = run_cli("reclean", str(tmp_path / "nope.warc.gz"), "--out", str(tmp_path / "re"))
    assert proc.returncode == 2
    assert proc.stderr.decode().strip() == f"cleancrawl: error: {tmp_path / 'nope.warc.gz'}: no such file"
    assert not (tmp_path / "re").exists()


def test_gzip_member_per_record_lets_a_reader_seek(tmp_path, site):
    """Each record is its own gzip member, so reading from any row's offset works without the rest."""
    warc = tmp_path / "site.warc.gz"
    _write_site_warc(warc, site)
    reclean([warc], tmp_path / "re")
    for row in _rows(tmp_path / "re").values():
        chunk = warc.read_bytes()[row["warc_offset"]:row["warc_offset"] + row["warc_length"]]
        assert gzip.decompress(chunk).startswith(b"WARC/1.")


def test_progress_bar_on_a_terminal_redraws_one_line(tmp_path, site):
    warc = tmp_path / "site.warc.gz"
    _write_site_warc(warc, site)
    screen = io.StringIO()
    reclean([warc], tmp_path / "re", progress=RecleanProgress(warc.stat().st_size, stream=screen, tty=True))
    drawn = screen.getvalue()
    assert drawn.startswith("\r[") and drawn.endswith("\n") and drawn.count("\n") == 1
    last = drawn.rsplit("\r", 1)[1]
    assert "100%" in last and "2 articles" in last and "14 skipped" in last and "records/s" in last


@pytest.fixture(autouse=True)
def _no_stray_network(monkeypatch):
    """Re-cleaning needs no network: any socket connect in this process fails the test."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("reclean tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
