"""Text dumps of HTML pages, as a WET record or a browser's "save as text" gives them: every text block on a line.

Two converters, so that a cleaner is not tuned to one converter's habits:

- `render_lines` (ours): every block element starts a new line, inline elements join, a table row is one line
  with its cells separated by a tab, `<br>` breaks the line; scripts, styles, forms' options and hidden
  elements are left out; the `<title>` is the first line (as Common Crawl's WET records start with it).
- `render_resiliparse`: resiliparse's `extract_plain_text(html, main_content=False)` (the converter Common
  Crawl's own tooling family uses): list items carry a bullet, nesting is indented, no title line.

Also the shared benchmark sets (`load_set`) and the per-line truth a dump's line gets from a page's ground truth
(`label_lines`), used by `benchmarks/text_mode.py` and the chrome model's training script.
"""

from __future__ import annotations

import difflib
import gzip
import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import lxml.html

SETS = ("scrapinghub", "readability")
_SKIP = {"script", "style", "noscript", "template", "svg", "head", "select", "option", "iframe", "object",
         "canvas", "button", "textarea", "input", "math"}
_BLOCK = {"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr",
          "thead", "tbody", "tfoot", "caption", "section", "article", "header", "footer", "nav", "aside", "main",
          "blockquote", "pre", "figure", "figcaption", "form", "fieldset", "address", "details", "summary",
          "hr", "body", "center", "menu", "legend", "label", "picture", "video", "audio"}
_CELL = {"td", "th"}
_PARSER = lxml.html.HTMLParser(encoding="utf-8")  # the pages are read as UTF-8 text already
_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(r"\w+")


def shared_benchmarks() -> Path:
    """../shared/benchmarks next to the repo (or a worktree's parents); $CLEANCRAWL_SHARED_BENCHMARKS wins."""
    if os.environ.get("CLEANCRAWL_SHARED_BENCHMARKS"):
        return Path(os.environ["CLEANCRAWL_SHARED_BENCHMARKS"])
    for parent in Path(__file__).resolve().parents[1:]:
        candidate = parent.parent / "shared" / "benchmarks"
        if (candidate / "score_extraction.py").exists():
            return candidate
    raise SystemExit("shared benchmarks not found: set CLEANCRAWL_SHARED_BENCHMARKS")


def load_set(name: str) -> list[tuple[str, str, str, str]]:
    """[(id, url, html, truth)] of a shared set, sorted by id; html decoded as UTF-8 with errors="replace"."""
    folder = shared_benchmarks() / name
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for path in sorted((folder / "html").glob("*.html.gz")):
        page_id = path.name.split(".")[0]
        if page_id in truth:
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            pages.append((page_id, truth[page_id].get("url", ""), html, truth[page_id]["articleBody"]))
    return pages


def render_lines(html: str) -> str:
    """Our converter: one line per block element, cells of a table row on one line separated by tabs."""
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=_PARSER)
    except (ValueError, lxml.etree.ParserError):
        return ""
    lines: list[str] = []
    current: list[str] = []

    def flush() -> None:
        line = _SPACE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        tag = tag.lower()
        if tag in _SKIP or not tag or _hidden(el):
            if el.tail and tag != "head":
                current.append(el.tail)
            return
        if tag == "br" or tag in _BLOCK:
            flush()
        elif tag in _CELL and current and "".join(current).strip():
            current.append("\t")
        if el.text:
            current.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCK:
            flush()
        if el.tail:
            current.append(el.tail)

    title = root.findtext(".//title")
    if title and title.strip():
        lines.append(_SPACE.sub(" ", title).strip())
    body = root.find("body")
    walk(body if body is not None else root)
    flush()
    return "\n".join(_cells(line) for line in lines)


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or "display:none" in style or el.get("aria-hidden") == "true"


def _cells(line: str) -> str:
    return "\t".join(part.strip() for part in line.split("\t") if part.strip())


def render_resiliparse(html: str) -> str:
    """resiliparse's plain text of the whole page (main_content=False): every block, no boilerplate removal."""
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(html, main_content=False)


CONVERTERS: dict[str, Callable[[str], str]] = {"lines": render_lines, "resiliparse": render_resiliparse}


def require_converters() -> None:
    """Exit with the install command when the benchmark-only converter library is missing."""
    try:
        import resiliparse  # noqa: F401
    except ImportError:
        raise SystemExit("resiliparse is missing: install the benchmark extra with "
                         "`.venv/bin/pip install -e '.[bench]'` (or `.venv/bin/pip install resiliparse`)") from None


def tokens(text: str) -> list[str]:
    """The scorer's tokens: every `\\w+` match."""
    return _TOKEN.findall(text)


def label_lines(lines: list[str], truth: str) -> list[float]:
    """For each line, the share of its tokens that an in-order alignment with the truth's tokens matches.

    The alignment (difflib over token lists, no junk heuristic) keeps a word like "News" in a menu from
    counting as article text because it occurs somewhere in the story: only matched runs in order count.
    """
    truth_tokens = tokens(truth)
    line_tokens = [tokens(line) for line in lines]
    flat = [t for toks in line_tokens for t in toks]
    owner = [i for i, toks in enumerate(line_tokens) for _ in toks]
    matched = [0] * len(lines)
    matcher = difflib.SequenceMatcher(None, flat, truth_tokens, autojunk=False)
    for block in matcher.get_matching_blocks():
        # a matched run of one or two tokens is chance (a word shared by menu and story), not alignment
        if block.size < 3 and not _whole_line(block, owner, line_tokens):
            continue
        for k in range(block.a, block.a + block.size):
            matched[owner[k]] += 1
    return [matched[i] / len(toks) if toks else 0.0 for i, toks in enumerate(line_tokens)]


def _whole_line(block, owner: list[int], line_tokens: list[list[str]]) -> bool:
    if block.size == 0:
        return False
    line = owner[block.a]
    return owner[block.a + block.size - 1] == line and len(line_tokens[line]) == block.size
