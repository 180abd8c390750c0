"""The Article's fields and the Arrow schema's columns are the same list, in the same order."""

import dataclasses

from cleaners.article import COLUMN, Article
from output.schema import ARTICLE_SCHEMA


def test_article_fields_equal_schema_columns():
    columns = [f.name for f in dataclasses.fields(Article) if f.metadata.get(COLUMN, True)]
    assert columns == ARTICLE_SCHEMA.names


def test_every_field_has_a_description():
    for field in ARTICLE_SCHEMA:
        assert field.metadata and field.metadata[b"description"].strip(), field.name


def test_to_dict_has_one_key_per_column():
    assert list(Article(url="http://127.0.0.1/").to_dict()) == ARTICLE_SCHEMA.names



def test_the_only_field_that_is_not_a_column_is_the_dedup_sketch():
    # a field marked `column: False` never reaches Parquet; keep that list short and deliberate
    assert [f.name for f in dataclasses.fields(Article) if not f.metadata.get(COLUMN, True)] == ["sketch"]
    assert "sketch" not in Article(url="http://127.0.0.1/").to_dict()
