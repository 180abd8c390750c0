"""A small dataset written with the real `DatasetWriter`: several days, domains, languages, errors,
removed-block kinds and one duplicate group, in many small part files (so compaction has work)."""

from datetime import UTC, datetime, timedelta

from cleaners.article import Article
from output import DatasetWriter

DOMAINS = ("news.example.org", "blog.example.net", "zeitung.example.de", "journal.example.fr")
LANGS = {"news.example.org": "en", "blog.example.net": "en", "zeitung.example.de": "de",
         "journal.example.fr": "fr"}
KINDS = ("caption", "foreign_language", "notice", "headline_run", "teaser")
REASONS = ("http_404", "timeout", "unsupported_content_type", "http_500")
DUP_GROUP = "dupgroup-0001"


def article_rows(n: int = 36) -> list[dict]:
    """Articles spread over 3 days, 4 domains and runs 1-2 (row 0: none); rows 5, 17 and 29 are near-copies of one text."""
    rows = []
    for i in range(n):
        domain = DOMAINS[min(i % 7, 3)]  # skewed: the last domain gets the most rows
        day = 1 + (i * 5 % 7) % 3
        words = 30 + (i * 97) % 2000
        removed = {kind: (i * (k + 2)) % (k + 3) for k, kind in enumerate(KINDS) if (i * (k + 2)) % (k + 3)}
        art = Article(
            url=f"https://{domain}/story/{i}", final_url=f"https://{domain}/story/{i}", domain=domain,
            fetched_at=datetime(2026, 3, day, 8, tzinfo=UTC) + timedelta(minutes=i),
            http_status=200, content_type="text/html", charset="utf-8", title=f"Story {i} on {domain}",
            language=None if i % 11 == 10 else LANGS[domain], language_score=0.99,
            text=f"Paragraph one of story {i}.\n\nParagraph two.", word_count=words,
            content_hash=f"hash-{i}", removed=removed, job="sample", pipeline_version="0.1.0",
            dup_group=f"hash-{i}", run=None if i == 0 else 1 + i % 2)
        rows.append(art.to_dict())
    for j, i in enumerate(i for i in (5, 17, 29) if i < n):
        rows[i]["dup_group"] = DUP_GROUP
        rows[i]["duplicate_of"] = None if j == 0 else rows[5]["url"]
    if n > 1:
        rows[1]["dup_group"] = None  # rows written before dedup existed
    return rows


def error_rows(n: int = 10) -> list[dict]:
    """Failures over the same days and domains, four reasons, all in run 2."""
    rows = []
    for i in range(n):
        domain = DOMAINS[(i * 3) % len(DOMAINS)]
        reason = REASONS[i % len(REASONS)]
        rows.append({
            "url": f"https://{domain}/broken/{i}", "fetched_at": datetime(2026, 3, 1 + i % 3, 9, tzinfo=UTC),
            "stage": "fetch", "reason": reason,
            "http_status": int(reason[5:]) if reason.startswith("http_") else None,
            "exception_type": "TimeoutError" if reason == "timeout" else None,
            "message": f"failure {i}", "domain": domain, "job": "sample", "pipeline_version": "0.1.0", "run": 2,
        })
    return rows


def write_dataset(root, articles: list[dict], errors: list[dict], max_rows: int = 4) -> None:
    """Write both tables in part files of at most `max_rows` rows (two workers, like a parallel crawl)."""
    for table, rows in (("articles", articles), ("errors", errors)):
        for worker in ("w0", "w1"):
            with DatasetWriter(root, table, job="sample", worker=worker, max_rows=max_rows,
                               row_group_rows=2) as writer:
                for row in rows[int(worker[1])::2]:
                    writer.write(row)
