"""The analysts' guide (docs/analysts.md): the schema tables are the generated ones, the worked examples run and are right."""

import re
from collections import Counter
from pathlib import Path

import pytest

from output import schema_doc
from tests.output.sample_dataset import DUP_GROUP

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "analysts.md"


def _section() -> str:
    return GUIDE.read_text(encoding="utf-8")


def _examples() -> dict[str, str]:
    """The worked examples' Python blocks by library: pandas is the one calling .to_pandas()."""
    examples = _section().split("\n## Worked examples", 1)[1]
    blocks = re.findall(r"```python\n(.*?)```", examples, re.S)
    marks = {"pandas": ".to_pandas()", "duckdb": "import duckdb", "polars": "import polars"}
    return {lib: next(b for b in blocks if mark in b) for lib, mark in marks.items()}


def test_readme_schema_tables_are_the_generated_ones():
    assert schema_doc.schema_markdown() in _section()


def test_generated_table_lists_every_field_with_its_description():
    from output import ARTICLE_SCHEMA

    table = schema_doc.table_markdown(ARTICLE_SCHEMA)
    assert len(table.splitlines()) == 2 + len(ARTICLE_SCHEMA)
    assert "| `html_lang` | `string` |  | language declared by the page (&lt;html lang&gt;), as written |" in table
    assert "| `removed` | `map<string, int32>` | yes |" in table


@pytest.mark.parametrize("lib", ["pandas", "duckdb", "polars"])
def test_worked_example_runs_and_answers_right(lib, sample, tmp_path, monkeypatch):
    root, articles, _ = sample
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "demo").symlink_to(root)
    monkeypatch.chdir(tmp_path)
    namespace: dict = {}
    exec(compile(_examples()[lib], f"docs/analysts.md {lib} example", "exec"), namespace)  # noqa: S102 - our own guide

    per_lang_day, one_domain, group_rows = (_rows(namespace[k]) for k in ("per_lang_day", "one_domain",
                                                                           "group_rows"))
    expected = Counter((r["fetched_at"].date().isoformat(), r["language"]) for r in articles)
    assert {(str(day), lang if lang == lang else None): n for day, lang, n in per_lang_day} == expected
    domain = namespace["DOMAIN"]
    assert sorted(one_domain) == sorted((r["url"], r["title"], r["text"]) for r in articles if r["domain"] == domain)
    assert sorted(u for u, _, _ in group_rows) == sorted(r["url"] for r in articles if r["dup_group"] == DUP_GROUP)
    assert sum(d is None for _, d, _ in group_rows) == 1


def _rows(result) -> list[tuple]:
    """Rows of a DuckDB result list, a pandas or a Polars DataFrame, as plain tuples."""
    if isinstance(result, list):
        return result
    if hasattr(result, "itertuples"):
        return [tuple(None if v is None or v != v else v for v in row) for row in result.itertuples(index=False)]
    return result.rows()
