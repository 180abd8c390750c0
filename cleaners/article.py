"""The clean record: one `Article` per page, whose fields are the dataset's columns.

`output/schema.py` declares the same columns as an Arrow schema; `tests/test_record_contract.py`
holds the two equal so neither can drift. One field is not a column (metadata `column: False`):
`sketch`, the near-duplicate sketch the cleaning computes for the dedup pipeline; `to_dict` leaves it out.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cleaners.near_dup import Sketch

# field metadata key: False marks a field that travels with the record but is not a dataset column
COLUMN = "column"


@dataclass
class Article:
    """One cleaned page: the content fields come from the cleaners, the fetch fields from the crawler."""

    # fetch: filled by the crawler (or by the caller of clean_html)
    url: str = ""
    final_url: str | None = None
    domain: str | None = None
    fetched_at: datetime | None = None
    http_status: int | None = None
    content_type: str | None = None
    charset: str | None = None
    # content: filled by the cleaners
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    sitename: str | None = None
    description: str | None = None
    language: str | None = None
    language_score: float | None = None
    html_lang: str | None = None
    text: str = ""
    captions: list[str] = field(default_factory=list)
    word_count: int = 0
    content_hash: str | None = None
    removed: dict[str, int] = field(default_factory=dict)
    # run: filled by the crawler
    job: str | None = None
    pipeline_version: str | None = None
    # incremental re-runs (state store): version 1 on first sight, +1 each time the text changes
    version: int = 1
    first_seen: datetime | None = None
    # near-duplicate detection
    dup_group: str | None = None
    duplicate_of: str | None = None
    # raw archive provenance
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    # the crawl's run that wrote the row (a state folder's run id, or a shared crawl's run number)
    run: int | None = None
    # not a column: the MinHash sketch of `text` (cleaners.near_dup.sketch), computed with the cleaning, in
    # the worker, so the crawl process's dedup pipeline does not shingle on the reactor; None when not
    # computed (then dedup computes it) or when the text is too short to sketch
    sketch: Sketch | None = field(default=None, compare=False, repr=False, metadata={COLUMN: False})

    @property
    def paragraphs(self) -> list[str]:
        """The body as a list of paragraphs (`text` is them joined by a blank line)."""
        return [p for p in self.text.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        """The record as a plain dict, one key per column (datetimes stay datetimes)."""
        return {f.name: _copy(getattr(self, f.name)) for f in _COLUMNS}

    def to_json_dict(self) -> dict[str, Any]:
        """The record with datetimes as ISO 8601 strings, ready for `json.dumps`."""
        return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in self.to_dict().items()}


_COLUMNS = tuple(f for f in dataclasses.fields(Article) if f.metadata.get(COLUMN, True))


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return dict(value)
    return value
