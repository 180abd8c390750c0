"""Fixtures of the output tests: the sample dataset of `sample_dataset.py`, written with the real writer."""

import pytest

from tests.output.sample_dataset import article_rows, error_rows, write_dataset


@pytest.fixture(scope="session")
def sample(tmp_path_factory):
    """(dataset root, article rows, error rows) of the sample dataset, shared: tests must not change it."""
    articles, errors = article_rows(), error_rows()
    root = tmp_path_factory.mktemp("sample") / "data"
    write_dataset(root, articles, errors)
    return root, articles, errors


@pytest.fixture
def fresh_sample(tmp_path):
    """Like `sample`, but written anew for a test that changes the files."""
    articles, errors = article_rows(), error_rows()
    root = tmp_path / "data"
    write_dataset(root, articles, errors)
    return root, articles, errors
