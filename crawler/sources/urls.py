"""Read a URL list: one URL per line, blank lines and `#` comments ignored, bad lines reported by number."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

SUPPORTED_SCHEMES = ("http", "https")
# Scrapy's URLLENGTH_LIMIT default: a longer URL would be dropped silently by its UrlLengthMiddleware.
MAX_URL_LENGTH = 2083


@dataclass(frozen=True)
class BadLine:
    """A line of the list that is not a crawlable URL, with why."""

    lineno: int
    text: str
    reason: str

    def message(self, source: str) -> str:
        """One-line human message naming the file and line."""
        return f"{source}:{self.lineno}: {self.reason.replace('_', ' ')}: {self.text[:200]!r}"


def check_url(text: str) -> str | None:
    """The reason a string is not a crawlable http(s) URL, or None when it is fine.

    >>> check_url("www.example.org/news"), check_url("ftp://example.org/f"), check_url("https://example.org/")
    ('missing_scheme', 'unsupported_scheme', None)
    """
    if len(text) > MAX_URL_LENGTH:
        return "url_too_long"
    if any(c.isspace() for c in text):
        return "malformed_url"
    if not text.isprintable():
        return "malformed_url"
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError on a bad port
    except ValueError:
        return "malformed_url"
    del port
    if not parts.scheme or (parts.scheme.lower() not in SUPPORTED_SCHEMES and "." in parts.scheme):
        # "www.example.org/x" has no scheme; "example.org:8080/x" parses as scheme "example.org"
        return "missing_scheme" if "." in text.split("/")[0] else "malformed_url"
    if parts.scheme.lower() not in SUPPORTED_SCHEMES:
        return "unsupported_scheme"
    if not parts.hostname:
        return "malformed_url"
    return None


def encode_spaces(text: str) -> str:
    """The URL with the whitespace of its path, query and fragment percent-encoded, as a browser sends it.

    Lists copied from a spreadsheet or a file listing carry raw spaces (`/news/solar power plant.html`);
    a browser's address bar turns each into `%20` (and drops tabs and line breaks, as the WHATWG URL
    standard says). Whitespace in the scheme or host is left alone: no browser would make that a URL,
    and `check_url` reports it.

    >>> encode_spaces("https://example.org/news/solar power plant.html?q=a b")
    'https://example.org/news/solar%20power%20plant.html?q=a%20b'
    >>> encode_spaces("http://exa mple.org/")
    'http://exa mple.org/'
    """
    scheme, sep, rest = text.partition("://")
    if not sep or not any(c.isspace() for c in rest):
        return text
    cut = min((i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    authority, tail = rest[:cut], rest[cut:]
    if any(c.isspace() for c in authority):
        return text
    tail = "".join(quote(c, safe="") if c.isspace() else c for c in tail if c not in "\t\n\r")
    return f"{scheme}{sep}{authority}{tail}"


def parse_url_lines(lines: list[str]) -> Iterator[tuple[int, str] | BadLine]:
    """Yield (line number, url) for good lines and a BadLine for each bad one."""
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip().lstrip("\ufeff")
        if not line or line.startswith("#"):
            continue
        if "\ufffd" in line:
            yield BadLine(lineno, line, "undecodable_bytes")
            continue
        line = encode_spaces(line)
        reason = check_url(line)
        if reason:
            yield BadLine(lineno, line, reason)
        else:
            yield lineno, line


def looks_binary(data: bytes) -> bool:
    """True when a URL list is a binary file (NUL bytes near its start), not text."""
    return b"\0" in data[:8192]


def read_url_file(path: str) -> list[str]:
    """The lines of a URL list file (`-` for stdin); bytes that are not UTF-8 become U+FFFD.

    Raises OSError when the file is missing or unreadable, ValueError when it is a binary file.
    """
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    if looks_binary(data):
        raise ValueError(f"{path} is a binary file, not a list of URLs (one per line)")
    return data.decode("utf-8", errors="replace").splitlines()
