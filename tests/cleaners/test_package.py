"""The `cleaners` package: importing it is cheap, and its heavy names load on first use."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import cleaners
from cleaners import language
from tests.conftest import ROOT


def test_language_backends_named_by_the_package_are_the_identifiers_backends():
    assert cleaners.LANGUAGE_BACKENDS == language.BACKENDS


def test_clean_html_is_the_chains_and_unknown_names_are_attribute_errors():
    from cleaners import chain

    assert cleaners.clean_html is chain.clean_html and cleaners.clean_text is chain.clean_text
    assert cleaners.PIPELINE_VERSION == chain.PIPELINE_VERSION
    with pytest.raises(AttributeError, match="no attribute 'clean_pdf'"):
        cleaners.clean_pdf  # noqa: B018 - the lookup itself is what is tested


def test_importing_the_package_loads_no_cleaning_library_until_clean_html_is_used():
    probe = ("import json, sys, cleaners; from cleaners import Article, PIPELINE_VERSION; "
             "before = sorted(m for m in ('trafilatura', 'langdetect', 'ftfy', 'lxml') if m in sys.modules); "
             "text = cleaners.clean_text('A title\\nSome words of a body line here.').text; "
             "after = sorted(m for m in ('trafilatura', 'langdetect', 'ftfy') if m in sys.modules); "
             "print(json.dumps([before, after, text]))")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    before, after, text = json.loads(proc.stdout)
    assert before == []
    assert after == ["ftfy", "langdetect", "trafilatura"]
    assert "Some words of a body line here." in text
