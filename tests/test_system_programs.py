"""Tests that need a system program skip with the install command outside CI and fail under CI."""

import pytest

from tests.conftest import system_binary


def test_a_missing_program_skips_with_the_install_command(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.skip.Exception, match=r"sudo apt-get install some-package"):
        system_binary("no-such-program", package="some-package")


def test_a_missing_program_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(pytest.fail.Exception, match="no-such-program is not installed"):
        system_binary("no-such-program", package="some-package")


def test_an_installed_program_is_found():
    assert system_binary("sh", package="dash").endswith("/sh")
