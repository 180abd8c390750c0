"""The raw archive: a crawl with --warc writes complete WARC files and every row points at its response record."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.misc import build_from_crawler
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.timeutils import iso_date_to_datetime

from cleaners import Article
from crawler.archive.writer import WarcArchive, WarcArchiveMiddleware
from crawler.export import ParquetExportPipeline
from crawler.sources.jobs import JobError, parse_job
from output import load
from tests.conftest import local_crawl_flags, project_crawler, run_cli
from tests.crawler.conftest import SITE


def _records(path):
    """(record type, target URI, WARC headers, HTTP headers, decoded payload) of every record of a file."""
    out = []
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            payload = rec.content_stream().read()
            out.append((rec.rec_type, rec.rec_headers.get_header("WARC-Target-URI"), rec.rec_headers,
                        rec.http_headers, payload))
    return out


def _all_records(out):
    return [r for path in sorted((out / "warc").glob("*.warc.gz")) for r in _records(path)]


def test_every_article_row_points_at_its_response_record(warc_crawl):
    out, urls = warc_crawl
    rows = load(out).to_table().to_pylist()
    assert sorted(r["url"] for r in rows) == sorted([urls["ferry"], urls["mercado"], urls["gzip"]])
    for row in rows:
        assert row["warc_file"].startswith("warc/") and row["warc_file"].endswith(".warc.gz")
        with open(out / row["warc_file"], "rb") as fh:
            fh.seek(row["warc_offset"])
            iterator = ArchiveIterator(fh)
            record = next(iterator)
            assert record.rec_type == "response"
            assert record.rec_headers.get_header("WARC-Target-URI") == row["final_url"]
            assert record.http_headers.get_statuscode() == "200"
            body = record.content_stream().read()
            assert iterator.get_record_length() == row["warc_length"]
        page = row["url"].split("/", 3)[3]
        assert body == (SITE / page).read_bytes()
        # the row's fetched_at is the record's date, to the microsecond
        date = iso_date_to_datetime(record.rec_headers.get_header("WARC-Date")).replace(tzinfo=UTC)
        assert row["fetched_at"] == date


def test_summary_names_the_archive(warc_crawl):
    out, _ = warc_crawl
    assert (out.parent / "summary.txt").read_text().count(f"9 responses under {out.resolve() / 'warc'}") == 1


def test_every_response_is_archived_with_its_request(warc_crawl):
    out, urls = warc_crawl
    records = _all_records(out)
    responses = {(url, http.get_statuscode()): warc for kind, url, warc, http, _ in records if kind == "response"}
    base = urls["ferry"].split("/news/")[0]
    assert set(responses) == {
        (urls["ferry"], "200"), (urls["mercado"], "200"), (urls["gzip"], "200"), (urls["missing"], "404"),
        (urls["pdf"], "200"), (urls["redirect"], "301"), (urls["redirect"] + "/", "200"),
        (f"{base}/robots.txt", "404"), (urls["gzip"].split("/news/")[0] + "/robots.txt", "404"),
    }
    requests = [(url, warc, http) for kind, url, warc, http, _ in records if kind == "request"]
    assert len(requests) == len(responses)
    for url, warc, http in requests:
        concurrent = warc.get_header("WARC-Concurrent-To")
        assert any(r.get_header("WARC-Record-ID") == concurrent and u == url for (u, _), r in responses.items())
        assert http.protocol == "GET"
        assert http.get_header("User-Agent").startswith("cleancrawl/")
        assert http.get_header("Host") == url.split("/")[2]
    # the page reached through a redirect names the URL the crawl asked for
    assert responses[(urls["redirect"] + "/", "200")].get_header("Cleancrawl-Requested-URI") == urls["redirect"]


def test_gzip_chunked_body_is_stored_as_received(warc_crawl):
    out, urls = warc_crawl
    [row] = [r for r in load(out).to_table().to_pylist() if r["url"] == urls["gzip"]]
    with open(out / row["warc_file"], "rb") as fh:
        fh.seek(row["warc_offset"])
        record = next(ArchiveIterator(fh))
        headers = record.http_headers
        raw = record.raw_stream.read()
    assert raw[:2] == b"\x1f\x8b"  # still gzip-encoded, as the server sent it
    assert headers.get_header("Content-Encoding") == "gzip"
    # Twisted removed the chunked framing (and the header): a reader must not try to de-chunk the body
    assert headers.get_header("Transfer-Encoding") is None
    [ferry] = [r for r in load(out).to_table().to_pylist() if r["url"] == urls["ferry"]]
    assert row["text"] == ferry["text"] and row["title"] == ferry["title"]


def test_files_are_complete_and_each_commit_completes_the_warc_first(warc_crawl):
    out, _ = warc_crawl
    assert [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"] == []
    warcs = sorted((out / "warc").glob("*.warc.gz"))
    parts = list((out / "articles").rglob("*.parquet"))
    assert len(parts) == 3  # CLEANCRAWL_ROLL_ROWS=1: one part per article (each commit completes the open WARC)
    assert warcs
    for path in warcs:
        records = _records(path)
        assert records[0][0] == "warcinfo"
        assert records[0][2].protocol == "WARC/1.1"
    referenced = {r["warc_file"] for r in load(out).to_table(columns=["warc_file"]).to_pylist()}
    assert referenced <= {f"warc/{p.name}" for p in warcs}


def _exchange(archive: WarcArchive, i: int) -> None:
    request = StatusAndHeaders(f"GET /p{i} HTTP/1.1", [("Host", "127.0.0.1")], is_http_request=True)
    response = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    archive.write_exchange(f"http://127.0.0.1/p{i}", request, response, b"<p>page %d</p>" % i,
                           datetime(2026, 3, 1, tzinfo=UTC))


def test_archive_rolls_by_size_and_hides_unfinished_files(tmp_path):
    archive = WarcArchive(tmp_path, job="j", worker="w", max_bytes=1500)
    for i in range(6):
        _exchange(archive, i)
        assert len(list((tmp_path / "warc").glob(".*.tmp"))) <= 1
    archive.close()
    files = sorted((tmp_path / "warc").iterdir())
    assert [p.name for p in files] == [f"j-w-{n:06d}.warc.gz" for n in range(len(files))]
    assert len(files) > 1
    targets = [url for p in files for kind, url, *_ in _records(p) if kind == "response"]
    assert targets == [f"http://127.0.0.1/p{i}" for i in range(6)]


def test_interrupted_file_is_removed_and_numbering_continues(tmp_path):
    first = WarcArchive(tmp_path, job="j", worker="w")
    _exchange(first, 0)
    first.close()
    killed = WarcArchive(tmp_path, job="j", worker="w")
    _exchange(killed, 1)  # never closed: a crawl killed midway
    again = WarcArchive(tmp_path, job="j", worker="w")
    _exchange(again, 2)
    again.close()
    # the unfinished file is gone (no row can point at it) and its number is reused
    assert sorted(p.name for p in (tmp_path / "warc").iterdir()) == ["j-w-000000.warc.gz", "j-w-000001.warc.gz"]
    assert [url for kind, url, *_ in _records(tmp_path / "warc" / "j-w-000001.warc.gz") if kind == "response"] \
        == ["http://127.0.0.1/p2"]


def test_warc_is_renamed_before_the_parquet_part_that_points_into_it(tmp_path):
    crawler = project_crawler(settings={"CLEANCRAWL_WARC": True, "CLEANCRAWL_OUT_DIR": str(tmp_path),
                                         "CLEANCRAWL_JOB": "j", "CLEANCRAWL_WORKER": "w"})
    middleware = build_from_crawler(WarcArchiveMiddleware, crawler)
    pipeline = build_from_crawler(ParquetExportPipeline, crawler)
    pipeline.open_spider()
    middleware.spider_opened(None)
    request = Request("http://127.0.0.1/a")
    response = HtmlResponse("http://127.0.0.1/a", body=b"<p>x</p>", request=request,
                            headers={"Content-Type": "text/html"})
    middleware.process_response(request, response)
    seen = []
    pipeline.writers["articles"].on_commit = lambda urls: seen.append(sorted(p.name for p in (tmp_path / "warc").iterdir()))
    pipeline.process_item(Article(url="http://127.0.0.1/a", fetched_at=request.meta["warc_date"], text="x",
                                  content_hash="h", **{k: request.meta[k] for k in ("warc_file", "warc_offset",
                                                                                      "warc_length")}))
    pipeline.close_spider()  # commits the part: the WARC must already be complete when the part appears
    assert seen == [["j-w-000000.warc.gz"]]
    [row] = load(tmp_path).to_table().to_pylist()
    assert (tmp_path / row["warc_file"]).is_file()


def test_middleware_is_off_unless_asked():
    crawler = project_crawler(settings={"CLEANCRAWL_OUT_DIR": "/tmp/unused"})
    with pytest.raises(NotConfigured):
        build_from_crawler(WarcArchiveMiddleware, crawler)



def test_a_job_file_turns_the_archive_on(site, tmp_path):
    job = tmp_path / "archived-job.toml"
    job.write_text(f'name = "archived"\nwarc = true\n[sources]\nurls = ["{site.url("news/mercado-central.html")}"]\n'
                   '[politeness]\nautothrottle = false\n', encoding="utf-8")
    proc = run_cli("crawl", "--job", str(job), "--out", str(tmp_path / "out"), *local_crawl_flags())
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    [row] = load(tmp_path / "out").to_table().to_pylist()
    assert row["warc_file"].startswith("warc/archived-")
    assert (tmp_path / "out" / row["warc_file"]).is_file()


def test_a_job_files_warc_key_must_be_true_or_false():
    with pytest.raises(JobError, match="key 'warc': expected true or false"):
        parse_job({"warc": "yes", "sources": {"urls": ["http://127.0.0.1/"]}})
    assert "CLEANCRAWL_WARC" not in parse_job({"sources": {"urls": ["http://127.0.0.1/"]}}).scrapy_settings()
