"""The one Arrow schema of the dataset: articles and errors, each field with a description.

Every other module imports these schemas; none redefines them. `SCHEMA_VERSION` goes into every
file's metadata; bump it when a column is added (old files stay readable, see `output.reader`).
"""

from __future__ import annotations

import pyarrow as pa

SCHEMA_VERSION = "2"  # 2: the `run` column
UTC_TS = pa.timestamp("us", tz="UTC")


def _f(name: str, type_: pa.DataType, description: str, required: bool = False) -> pa.Field:
    return pa.field(name, type_, nullable=not required, metadata={"description": description})


ARTICLE_FIELDS = [
    _f("url", pa.string(), "URL as requested (from the list, sitemap, feed or a followed link)", True),
    _f("final_url", pa.string(), "URL after redirects"),
    _f("domain", pa.string(), "host name of final_url, lower case, without a leading www."),
    _f("fetched_at", UTC_TS, "when the response was received (UTC)", True),
    _f("http_status", pa.int16(), "HTTP status of the final response"),
    _f("content_type", pa.string(), "media type of the response, without parameters"),
    _f("charset", pa.string(), "character encoding the page was decoded with"),
    _f("title", pa.string(), "article headline"),
    _f("author", pa.string(), "author names; null when unknown or when the byline names the site itself"),
    _f("published", UTC_TS, "publication time (UTC); null when unknown or implausible"),
    _f("sitename", pa.string(), "name of the publishing site"),
    _f("description", pa.string(), "the page's own summary (meta/OpenGraph description)"),
    _f("language", pa.string(), "ISO 639-1 code of the main language of text"),
    _f("language_score", pa.float32(), "identifier's probability for language (0..1)"),
    _f("html_lang", pa.string(), "language declared by the page (<html lang>), as written"),
    _f("text", pa.string(), "clean body text, paragraphs separated by a blank line", True),
    _f("captions", pa.list_(pa.string()), "distinct image captions removed from the body, in page order", True),
    _f("word_count", pa.int32(), "words in text (CJK characters count one each)", True),
    _f("content_hash", pa.string(), "hash of the normalised text: equal bodies have equal hashes", True),
    _f("removed", pa.map_(pa.string(), pa.int32()), "blocks removed by the cleaners, counted by kind", True),
    _f("job", pa.string(), "name of the crawl job that wrote the row", True),
    _f("pipeline_version", pa.string(), "cleancrawl version that cleaned the row", True),
    _f("version", pa.int32(), "1 on first sight of the URL, +1 each time its text changed", True),
    _f("first_seen", UTC_TS, "when the URL was first written by this job (UTC)"),
    _f("dup_group", pa.string(), "id shared by all near-copies of this text (null: not computed)"),
    _f("duplicate_of", pa.string(), "URL first seen in dup_group; null for that first row"),
    _f("warc_file", pa.string(), "WARC file holding the raw response, relative to the dataset root"),
    _f("warc_offset", pa.int64(), "byte offset of the response record in warc_file"),
    _f("warc_length", pa.int64(), "length in bytes of the response record in warc_file"),
    _f("run", pa.int32(), "run of the job that wrote the row: counts the job's runs with a state folder, "
                          "the shared crawl's runs with --redis (seed --new-run); null without either"),
]

ERROR_FIELDS = [
    _f("url", pa.string(), "URL that failed (the raw line for a bad URL-list entry)", True),
    _f("fetched_at", UTC_TS, "when the failure happened (UTC)", True),
    _f("stage", pa.string(), "where it failed: input, fetch, parse, clean or store", True),
    _f("reason", pa.string(), "short snake_case tag, e.g. http_404, timeout, unsupported_content_type", True),
    _f("http_status", pa.int16(), "HTTP status when a response was received"),
    _f("exception_type", pa.string(), "Python exception class, when one was raised"),
    _f("message", pa.string(), "human-readable detail"),
    _f("domain", pa.string(), "host name of url"),
    _f("job", pa.string(), "name of the crawl job", True),
    _f("pipeline_version", pa.string(), "cleancrawl version", True),
    _f("run", pa.int32(), "run of the job that recorded the failure (as in articles)"),
]


def _schema(fields: list[pa.Field], table: str) -> pa.Schema:
    return pa.schema(fields, metadata={"cleancrawl.schema_version": SCHEMA_VERSION, "cleancrawl.table": table})


ARTICLE_SCHEMA = _schema(ARTICLE_FIELDS, "articles")
ERROR_SCHEMA = _schema(ERROR_FIELDS, "errors")
SCHEMAS = {"articles": ARTICLE_SCHEMA, "errors": ERROR_SCHEMA}
