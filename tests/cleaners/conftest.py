"""Fixtures for the cleaner tests: the shared seed page."""

from __future__ import annotations

from pathlib import Path

import pytest


def _seed_dir() -> Path:
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "fixtures"
        if (candidate / "seed_page.html").exists():
            return candidate
    pytest.skip("shared fixtures not found")


@pytest.fixture(scope="session")
def seed_html() -> str:
    """The seed page's HTML (shared, read-only)."""
    return (_seed_dir() / "seed_page.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_expected() -> dict:
    """The seed page's expected record."""
    import json

    return json.loads((_seed_dir() / "seed.expected.json").read_text(encoding="utf-8"))
