"""What the spider hands on: a raw page (`PageItem`) or a failure (`ErrorItem`); cleaning makes an `Article`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit


@dataclass
class PageItem:
    """A fetched response, untouched: the clean pipeline turns it into an Article or an ErrorItem."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    depth: int = 0
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class ErrorItem:
    """One failure, as a row of the errors table."""

    url: str
    stage: str
    reason: str
    message: str | None = None
    http_status: int | None = None
    exception_type: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    domain: str | None = None
    job: str | None = None
    pipeline_version: str | None = None
    run: int | None = None

    def __post_init__(self) -> None:
        if self.domain is None:
            self.domain = domain_of(self.url)


def domain_of(url: str) -> str | None:
    """Lower-case host of a URL without a leading `www.`; None when it has none."""
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


@dataclass
class Dropped:
    """A page that is fine but not an article (too short, not the target language…): counted, not stored."""

    url: str
    reason: str
