"""The generated parts of the README and the guides: tables and maps that code can write, so they cannot drift.

A generated block sits between `<!-- generated: NAME -->` and `<!-- /generated: NAME -->` in any Markdown
file of the project. `python -m crawler.cli.docs --write` rewrites every block from its source; `--check`
exits 1 naming each block that is out of date (a test runs it). The blocks:

- `schema`: the dataset's columns, from the field descriptions in `output.schema`;
- `settings`: every setting of `crawler/settings.py` with its default and the comment beside it;
  `settings-redis`: those of a crawl shared through Redis;
- `code-map`: the packages and modules of the project with the first line of their docstrings;
  `code-map-short`: the same for the packages and the crawler's stages only (the README's map).

The fault-injection table of the reliability guide (`faults`) is written the same way by
`python -m tests.faults.table --write`, from the cases the fault server serves, and checked by a test.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ("README.md", "docs/*.md")
# Scrapy settings we set for the crawl's machinery, not for users to change: left out of the table.
_INTERNAL = {"BOT_NAME", "SPIDER_MODULES", "NEWSPIDER_MODULE", "LOG_FORMATTER", "DOWNLOADER_MIDDLEWARES",
             "ITEM_PIPELINES", "EXTENSIONS", "TELNETCONSOLE_ENABLED", "DEFAULT_DROPITEM_LOG_LEVEL"}
# The settings of a crawl shared through Redis (the scaling-out guide's table).
_REDIS_SETTINGS = ("CLEANCRAWL_WORKER", "CLEANCRAWL_REDIS_", "CLEANCRAWL_STATE_DIR", "CLEANCRAWL_SEEN_SET",
                   "CLEANCRAWL_BLOOM_")
# The packages the map describes, and which of them list their modules one by one.
_PACKAGES = ("crawler", "cleaners", "output")


# Blocks written by another tool than this module, and the command that writes them.
OTHER_WRITERS = {"faults": "python -m tests.faults.table --write"}


def begin(name: str) -> str:
    return f"<!-- generated: {name} ({OTHER_WRITERS.get(name, 'python -m crawler.cli.docs --write')}) -->"


def end(name: str) -> str:
    return f"<!-- /generated: {name} -->"


def replace_block(text: str, name: str, body: str) -> str:
    """`text` with the block NAME replaced by `body` (ValueError when its markers are missing)."""
    start, stop = text.find(begin(name)), text.find(end(name))
    if start < 0 or stop < start:
        raise ValueError(f"generated block {name!r} not found")
    return f"{text[:start]}{begin(name)}\n\n{body.strip()}\n\n{text[stop:]}"


def block_names(text: str) -> list[str]:
    """Names of the generated blocks in a Markdown text, in order."""
    return re.findall(r"<!-- generated: ([\w-]+) ", text)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def settings_rows(source: str | None = None) -> list[tuple[str, str, str]]:
    """(name, default as written, description) for each setting of crawler/settings.py, in file order.

    The description is the comment on the setting's line, else the comment lines right above it.

    >>> settings_rows('# politeness\\nDOWNLOAD_DELAY = 0  # seconds between requests to a site\\n')
    [('DOWNLOAD_DELAY', '0', 'seconds between requests to a site')]
    """
    source = source if source is not None else (ROOT / "crawler" / "settings.py").read_text(encoding="utf-8")
    lines = source.splitlines()
    comments: dict[int, str] = {}
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type == tokenize.COMMENT:
            comments[tok.start[0]] = tok.string.lstrip("#").strip()
    rows = []
    for node in ast.parse(source).body:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)):
            continue
        name = node.targets[0].id
        if not name.isupper() or name in _INTERNAL:
            continue
        line = node.lineno
        text = comments.get(line) if lines[line - 1].split("#")[0].strip() else None
        if text is None:  # the comment lines right above
            above = []
            n = line - 1
            while n >= 1 and lines[n - 1].lstrip().startswith("#"):
                above.insert(0, comments.get(n, ""))
                n -= 1
            text = " ".join(above)
        rows.append((name, ast.get_source_segment(source, node.value) or "", text))
    return rows


def settings_markdown(prefixes: tuple[str, ...] = ("",)) -> str:
    """The settings table (setting, default, meaning) of the settings whose names start with one of `prefixes`."""
    out = ["| setting | default | meaning |", "| --- | --- | --- |"]
    out += [f"| `{name}` | `{_cell(default)}` | {_cell(text)} |" for name, default, text in settings_rows()
            if name.startswith(prefixes)]
    return "\n".join(out)


def _first_line(path: Path) -> str:
    """The first line of a module's docstring (empty when it has none)."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return doc.strip().splitlines()[0] if doc.strip() else ""


def code_map_markdown(modules: bool = True) -> str:
    """The tree of the three packages with their docstrings' first lines.

    With `modules`, every module; without, the packages, the crawler's stages and its anchor modules.
    """
    out = ["```"]
    for package in _PACKAGES:
        base = ROOT / package
        out.append(f"{package + '/':<28}{_first_line(base / '__init__.py')}")
        if not modules and package != "crawler":
            continue
        for entry in sorted(base.iterdir(), key=lambda p: (p.is_dir(), p.name)):
            if entry.name.startswith(("_", ".")) or entry.name == "__pycache__":
                continue
            if entry.is_dir() and (entry / "__init__.py").exists():
                out.append(f"  {entry.name + '/':<26}{_first_line(entry / '__init__.py')}")
                for module in sorted(entry.glob("*.py")) if modules else ():
                    if not module.name.startswith("_"):
                        out.append(f"    {module.name:<24}{_first_line(module)}")
            elif entry.suffix == ".py":
                out.append(f"  {entry.name:<26}{_first_line(entry)}")
    out.append("```")
    return "\n".join(out)


def _schema_markdown() -> str:
    from output.schema_doc import schema_markdown  # pyarrow: only when the schema block is written

    return schema_markdown()


GENERATORS: dict[str, Callable[[], str]] = {
    "schema": _schema_markdown,
    "settings": settings_markdown,
    "settings-redis": lambda: settings_markdown(_REDIS_SETTINGS),
    "code-map": code_map_markdown,
    "code-map-short": lambda: code_map_markdown(modules=False),
}


def doc_files(root: Path = ROOT) -> list[Path]:
    """The Markdown files that may hold generated blocks."""
    return [p for pattern in DOCS for p in sorted(root.glob(pattern))]


def refresh(text: str) -> str:
    """`text` with every generated block it holds rewritten (blocks this module does not generate are kept)."""
    for name in block_names(text):
        if name in GENERATORS:
            text = replace_block(text, name, GENERATORS[name]())
    return text


def main(argv: list[str] | None = None) -> int:
    """Write or check every generated block of the README and the guides."""
    parser = argparse.ArgumentParser(prog="python -m crawler.cli.docs", description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a block is out of date; write nothing")
    parser.add_argument("--write", action="store_true", help="rewrite the out-of-date blocks")
    parser.add_argument("files", nargs="*", type=Path, help="Markdown files (default: the README and docs/*.md)")
    args = parser.parse_args(argv)
    stale = []
    for path in args.files or doc_files():
        current = path.read_text(encoding="utf-8")
        updated = refresh(current)
        if updated != current:
            stale.append(path)
            if args.write:
                path.write_text(updated, encoding="utf-8")
    for path in stale:
        verb = "rewrote" if args.write else "out of date:"
        sys.stderr.write(f"{verb} {path}\n")
    if args.check and stale:
        sys.stderr.write(f"run {parser.prog} --write\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
