"""Fixtures for the cleaner tests: the shared seed page (missing shared data fails, as in tests/conftest.py)."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(scope="session")
def seed_html(seed_fixtures) -> str:
    """The seed page's HTML (shared, read-only)."""
    return (seed_fixtures / "seed_page.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected(seed_fixtures) -> dict:
    """The seed page's expected record."""
    return json.loads((seed_fixtures / "seed.expected.json").read_text(encoding="utf-8"))
