"""The generated parts of the README and the guides are up to date, and the check notices drift."""

from __future__ import annotations

import ast

import pytest

from crawler.cli import docs


def test_every_generated_block_is_up_to_date(capsys):
    assert docs.main(["--check"]) == 0, capsys.readouterr().err


def test_every_block_a_doc_names_has_a_generator():
    for path in docs.doc_files():
        for name in docs.block_names(path.read_text(encoding="utf-8")):
            assert name in docs.GENERATORS or name in docs.OTHER_WRITERS, f"{path}: unknown generated block {name!r}"


@pytest.mark.parametrize("name", sorted(docs.GENERATORS))
def test_a_stale_block_is_found_and_rewritten(name, tmp_path):
    page = tmp_path / "guide.md"
    page.write_text(f"# A guide\n\n{docs.begin(name)}\n\nstale\n\n{docs.end(name)}\n\nMore text.\n", encoding="utf-8")
    assert docs.main(["--check", str(page)]) == 1
    assert docs.main(["--write", str(page)]) == 0
    assert docs.main(["--check", str(page)]) == 0
    text = page.read_text(encoding="utf-8")
    assert "stale" not in text and docs.GENERATORS[name]().strip() in text
    assert text.startswith("# A guide") and text.endswith("More text.\n")


def test_every_setting_has_a_default_and_a_meaning():
    rows = docs.settings_rows()
    assert {"CLEANCRAWL_OUT_DIR", "DOWNLOAD_TIMEOUT", "USER_AGENT"} <= {name for name, _, _ in rows}
    for name, default, meaning in rows:
        assert default and meaning, f"crawler/settings.py: {name} needs a comment saying what it means"


def test_the_code_map_names_every_module_with_its_docstring():
    tree = docs.code_map_markdown()
    for package in ("crawler", "cleaners", "output"):
        for module in (docs.ROOT / package).rglob("*.py"):
            if module.name.startswith("_") or "__pycache__" in module.parts:
                continue
            assert f" {module.name} " in tree, module
            doc = ast.get_docstring(ast.parse(module.read_text(encoding="utf-8")))
            assert doc, f"{module} has no docstring"
