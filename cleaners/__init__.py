"""CLEAN: pure functions from a page (HTML or text) to an `Article`; no Scrapy, no Parquet."""

from cleaners.article import Article
from cleaners.chain import PIPELINE_VERSION, clean_html, clean_text

__all__ = ["Article", "PIPELINE_VERSION", "clean_html", "clean_text"]
