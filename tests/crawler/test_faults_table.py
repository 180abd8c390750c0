"""The reliability guide's fault table is the one generated from the fault cases the fault tests run."""

from crawler.cli import docs
from tests.faults import table
from tests.faults.cases import CASES, SITEMAP_CASES


def test_the_guide_holds_the_generated_fault_table(capsys):
    assert table.main(["--check"]) == 0, capsys.readouterr().err


def test_every_case_has_a_row_saying_its_outcome():
    generated = table.fault_table()
    for case in [*CASES, *SITEMAP_CASES]:
        if case.name.startswith("charset_"):
            continue  # one row per charset
        row = next(line for line in generated.splitlines() if line.startswith(f"| {table._cell(case.what)}"))
        assert ("article row" in row) if case.article else (f"`{case.stage}/{case.reason}`" in row), case.name


def test_a_stale_table_is_noticed(tmp_path, monkeypatch):
    guide = tmp_path / "reliability.md"
    guide.write_text(docs.replace_block(table.GUIDE.read_text(encoding="utf-8"), "faults", "| stale |"), encoding="utf-8")
    monkeypatch.setattr(table, "GUIDE", guide)
    monkeypatch.setattr(table, "ROOT", tmp_path)
    assert table.main(["--check"]) == 1
    assert table.main(["--write"]) == 0 and table.main(["--check"]) == 0
