"""Name a failed download: a short snake_case reason, the HTTP status when there was one, a message."""

from __future__ import annotations

import re

from scrapy import exceptions as scrapy_errors
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as net
from twisted.python.failure import Failure
from twisted.web._newclient import ResponseFailed, ResponseNeverReceived

from crawler.fetch.middlewares import PrivateAddressError, RedirectLoopError, RobotsTxtUnreachableError

_REASONS: tuple[tuple[type[BaseException], str], ...] = (
    (PrivateAddressError, "private_address"),
    (RedirectLoopError, "redirect_loop"),
    (RobotsTxtUnreachableError, "robots_unreachable"),
    (scrapy_errors.ResponseDataLossError, "truncated_body"),
    (scrapy_errors.DownloadTimeoutError, "timeout"),
    (scrapy_errors.DownloadConnectionRefusedError, "connection_refused"),
    (scrapy_errors.CannotResolveHostError, "dns_error"),
    (scrapy_errors.DownloadFailedError, "connection_lost"),
    (net.TimeoutError, "timeout"),
    (net.TCPTimedOutError, "timeout"),
    (net.DNSLookupError, "dns_error"),
    (net.ConnectionRefusedError, "connection_refused"),
    (net.ConnectionLost, "connection_lost"),
    (net.ConnectionDone, "connection_lost"),
    (ResponseNeverReceived, "connection_lost"),
    (ResponseFailed, "connection_lost"),
)


def describe_failure(failure: Failure) -> tuple[str, int | None, str]:
    """(reason, http_status, message) for a Scrapy request failure."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        return f"http_{status}", status, f"HTTP {status} {exc.response.url}"
    for cls, reason in _REASONS:
        if isinstance(exc, cls):
            return reason, None, _message(exc)
    text = _message(exc)
    if isinstance(exc, scrapy_errors.DownloadCancelledError) and not str(exc):
        # Scrapy cancels a download without a message only when the body grows past DOWNLOAD_MAXSIZE
        # (with no Content-Length to refuse it up front); the size is in the log's warning.
        return "too_large", None, "download cancelled: the body grew past DOWNLOAD_MAXSIZE"
    if isinstance(exc, ResponseFailed) and any(_is_data_loss(r.value) for r in exc.reasons):
        return "truncated_body", None, text
    lowered = text.lower()
    for needle, reason in _MESSAGES:
        if needle in lowered:
            return reason, None, text
    return _snake(type(exc).__name__), None, text


# Scrapy raises IgnoreRequest (or cancels the download) with these messages; the reason names the cause.
_MESSAGES = (
    ("forbidden by robots.txt", "robots_disallowed"),
    ("max redirections reached", "too_many_redirects"),
    ("max size", "too_large"),
    ("maxsize", "too_large"),
)


def _is_data_loss(exc: BaseException) -> bool:
    return type(exc).__name__ == "_DataLoss"


def _message(exc: BaseException) -> str:
    text = str(exc) or repr(exc)
    if isinstance(exc, ResponseFailed | ResponseNeverReceived) and getattr(exc, "reasons", None):
        text = "; ".join(str(r.value) for r in exc.reasons) or text
    return text[:1000]


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()
