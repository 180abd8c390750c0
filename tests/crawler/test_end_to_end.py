"""End to end: a real crawl of a local site in a subprocess, read back with DuckDB and output.reader."""

from __future__ import annotations

import json
import shutil

import duckdb
import pytest

from cleaners import clean_html
from crawler.cli.sample_server import SampleServer
from output import load, read_rows
from tests.conftest import DATA, ROOT, local_crawl_flags, run_cli
from tests.crawler.redirect_server import RedirectServer

# The slow page answers long after this (the `site` fixture), so it must end as a timeout row; every other
# page of the crawl must arrive within it on a loaded machine.
SLOW_PAGE_TIMEOUT = 10


@pytest.fixture(scope="module")
def crawl(site, tmp_path_factory):
    """One crawl over good pages (one reached through a redirect to another host name), a 404, a 500, a slow
    page, a PDF and a malformed line."""
    tmp = tmp_path_factory.mktemp("e2e")
    # the redirect leaves 127.0.0.1 for `localhost`: final_url and domain must follow it
    moved = {"/moved/mercado": f"http://localhost:{site.server_address[1]}/news/mercado-central.html"}
    with RedirectServer("127.0.0.1", moved) as redirector:
        urls = tmp / "mixed-list.txt"
        urls.write_text("\n".join([
            "# a comment, then a blank line",
            "",
            site.url("news/ferry-timetable.html"),
            redirector.url("/moved/mercado"),
            site.url("missing.html"),
            site.url("error500.html"),
            site.url("slow.html"),
            site.url("report.pdf"),
            "not a url at all",
        ]) + "\n", encoding="utf-8")
        out = tmp / "out"
        proc = run_cli("crawl", str(urls), "--out", str(out), *local_crawl_flags(workers=1, timeout=SLOW_PAGE_TIMEOUT))
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    return out, proc, site, redirector


def test_one_row_per_article_with_title_and_text(crawl):
    out, *_ = crawl
    rows = duckdb.sql(f"select title, text, job, http_status from '{out}/articles/**/*.parquet' "
                      "order by title").fetchall()
    assert [r[0] for r in rows] == ["El Mercado Central reabre tras dos años de obras",
                                    "Ferry operator restores winter timetable after crew shortage"]
    mercado, ferry = rows
    assert "recruited eleven deckhands and two engineers" in ferry[1]
    assert "9,8 millones de euros" in mercado[1]
    assert {r[2] for r in rows} == {"mixed-list"}  # job defaults to the list's file name
    assert {r[3] for r in rows} == {200}


def test_crawl_derived_columns_follow_the_response(crawl):
    """url as listed, final_url after the redirect, domain of final_url without its port, the response's type."""
    out, _, site, redirector = crawl
    rows = load(out).to_table(columns=["url", "final_url", "domain", "content_type", "charset"]).to_pylist()
    port = site.server_address[1]
    assert sorted(rows, key=lambda r: r["url"]) == sorted([
        {"url": site.url("news/ferry-timetable.html"), "final_url": site.url("news/ferry-timetable.html"),
         "domain": "127.0.0.1", "content_type": "text/html", "charset": "utf-8"},
        {"url": redirector.url("/moved/mercado"), "final_url": f"http://localhost:{port}/news/mercado-central.html",
         "domain": "localhost", "content_type": "text/html", "charset": "utf-8"},
    ], key=lambda r: r["url"])


def test_one_error_row_per_failure_with_its_reason(crawl):
    out, *_ = crawl
    rows = duckdb.sql(f"select url, stage, reason, http_status, domain from '{out}/errors/**/*.parquet'").fetchall()
    got = sorted((r[0].rsplit("/", 1)[-1], r[1], r[2], r[3], r[4]) for r in rows)
    assert got == sorted([
        ("missing.html", "fetch", "http_404", 404, "127.0.0.1"),
        ("error500.html", "fetch", "http_500", 500, "127.0.0.1"),
        ("slow.html", "fetch", "timeout", None, "127.0.0.1"),
        ("report.pdf", "parse", "unsupported_content_type", 200, "127.0.0.1"),
        ("not a url at all", "input", "malformed_url", None, None),
    ])


def test_bad_line_is_reported_with_its_line_number(crawl):
    _, proc, *_ = crawl
    assert "mixed-list.txt:9: malformed url" in proc.stderr.decode()


def test_no_temporary_files_left_and_every_file_is_complete(crawl):
    out, *_ = crawl
    assert [p for p in out.rglob("*") if p.name.startswith(".") or p.suffix == ".tmp"] == []
    for path in out.rglob("*.parquet"):
        read_rows(path, "articles" if "/articles/" in str(path) else "errors")


def test_summary_is_printed(crawl):
    _, proc, *_ = crawl
    stdout = proc.stdout.decode()
    assert "articles written: 2" in stdout
    assert "errors recorded:  5" in stdout
    assert "http_404" in stdout


def test_readme_duckdb_one_liner_reads_the_dataset(crawl):
    out, *_ = crawl
    [(n,)] = duckdb.sql(f"select count(*) from '{out}/articles/**/*.parquet'").fetchall()
    assert n == 2 == load(out).count_rows()


def test_seed_record_reaches_parquet_unchanged(seed_fixtures, tmp_path):
    """What the cleaners make of the seed page is exactly what lands in the dataset."""
    root = tmp_path / "site"
    root.mkdir()
    shutil.copy(seed_fixtures / "seed_page.html", root / "seed_page.html")
    with SampleServer(root) as server:
        url = server.url("seed_page.html")
        urls = tmp_path / "seed.txt"
        urls.write_text(url + "\n")
        proc = run_cli("crawl", str(urls), "--out", str(tmp_path / "out"), *local_crawl_flags(workers=1))
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    [row] = load(tmp_path / "out").to_table().to_pylist()
    expected = clean_html((seed_fixtures / "seed_page.html").read_bytes(), url=url,
                          headers={"content-type": "text/html; charset=utf-8"}).to_dict()
    fetch_fields = {"url", "final_url", "domain", "fetched_at", "http_status", "job", "first_seen",
                    "version", "pipeline_version", "dup_group", "duplicate_of", "crawl_date"}
    for name, value in expected.items():
        if name in fetch_fields:
            continue
        got = dict(row[name]) if name == "removed" else row[name]
        if name == "language_score" and value is not None:
            assert got == pytest.approx(value, abs=1e-6)
        else:
            assert got == value, name
    fetched = {name: row[name] for name in ("url", "final_url", "domain", "http_status", "job", "version")}
    assert fetched == {"url": url, "final_url": url, "domain": "127.0.0.1", "http_status": 200, "job": "seed",
                       "version": 1}


def test_plain_scrapy_crawl_works_from_the_project_root(site, tmp_path):
    import subprocess
    import sys

    urls = tmp_path / "urls.txt"
    urls.write_text(site.url("news/ferry-timetable.html") + "\n")
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "articles", "-a", f"urls={urls}",
                           "-s", f"CLEANCRAWL_OUT_DIR={tmp_path / 'out'}", "-s", "CLEAN_WORKERS=0",
                           "-s", "CLEANCRAWL_ALLOW_PRIVATE=1"],
                          cwd=ROOT, capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()[-3000:]
    rows = load(tmp_path / "out").to_table(columns=["title", "job"]).to_pylist()
    assert rows == [{"title": "Ferry operator restores winter timetable after crew shortage", "job": "urls"}]
    assert "cleancrawl/articles_written" in proc.stderr.decode()  # our counters are in Scrapy's stats dump


def test_clean_command_prints_utf8_json(seed_fixtures):
    proc = run_cli("clean", str(DATA / "site" / "news" / "mercado-central.html"))
    assert proc.returncode == 0, proc.stderr.decode()
    record = json.loads(proc.stdout.decode("utf-8"))
    assert record["title"] == "El Mercado Central reabre tras dos años de obras"
    assert "años" in proc.stdout.decode("utf-8")  # not ASCII-escaped
