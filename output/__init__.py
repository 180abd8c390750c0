"""STORE: the Arrow schema, the Parquet writer and the dataset loader (the only package that knows Parquet)."""

from output.reader import load, read_rows
from output.schema import ARTICLE_SCHEMA, ERROR_SCHEMA, SCHEMA_VERSION
from output.writer import DatasetWriter

__all__ = ["ARTICLE_SCHEMA", "ERROR_SCHEMA", "SCHEMA_VERSION", "DatasetWriter", "load", "read_rows"]
