"""The dataset's schema tables in Markdown, generated from the field descriptions in `output.schema`.

`crawler.cli.docs` writes them into the guides (and checks them there), so the docs cannot drift.
"""

from __future__ import annotations

import pyarrow as pa

from output.schema import SCHEMA_VERSION, SCHEMAS


def _type(type_: pa.DataType) -> str:
    """Arrow type in the short form analysts read: list<string>, map<string, int32>, timestamp[us, UTC]."""
    if pa.types.is_list(type_):
        return f"list<{_type(type_.value_type)}>"
    if pa.types.is_map(type_):
        return f"map<{_type(type_.key_type)}, {_type(type_.item_type)}>"
    if pa.types.is_timestamp(type_):
        return f"timestamp[{type_.unit}, {type_.tz}]" if type_.tz else f"timestamp[{type_.unit}]"
    return str(type_)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def table_markdown(schema: pa.Schema) -> str:
    """One Markdown table: column, type, required, description (from the field metadata)."""
    lines = ["| column | type | required | description |", "| --- | --- | --- | --- |"]
    for f in schema:
        description = (f.metadata or {}).get(b"description", b"").decode()
        lines.append(f"| `{f.name}` | `{_type(f.type)}` | {'yes' if not f.nullable else ''} | "
                     f"{_cell(description)} |")
    return "\n".join(lines)


def schema_markdown() -> str:
    """The whole generated block: the schema version, then one table per table of the dataset."""
    parts = [f"Schema version {SCHEMA_VERSION} (in every file's metadata, key `cleancrawl.schema_version`). "
             "Both tables also have `crawl_date` (string, `YYYY-MM-DD`), the Hive partition taken from the "
             "folder name."]
    for name, schema in SCHEMAS.items():
        parts += [f"**{name}** (`DIR/{name}/crawl_date=YYYY-MM-DD/*.parquet`)", table_markdown(schema)]
    return "\n\n".join(parts)
