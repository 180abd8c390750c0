"""Turn response bytes into text: HTTP charset, then BOM, then <meta>, then detection.

UTF-8 is never assumed: a GBK page served without a charset must come out as correct Chinese.
A declared charset that cannot decode the bytes (a common misconfiguration) is not trusted.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping

import charset_normalizer

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Labels pages use for charsets whose real-world superset browsers decode them as (WHATWG encoding spec).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252",
              "ascii": "cp1252", "us-ascii": "cp1252", "big5": "big5hkscs", "shift_jis": "cp932",
              "sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "tis-620": "cp874"}


def header_value(headers: Mapping | None, name: str) -> str | None:
    """A header's value as str from a dict-like of str or bytes (Scrapy headers hold lists of bytes)."""
    if not headers:
        return None
    for key, value in headers.items():
        k = key.decode("latin-1") if isinstance(key, bytes) else str(key)
        if k.lower() != name.lower():
            continue
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, bytes):
            value = value.decode("latin-1")
        return value
    return None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _SUPERSETS.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _decodes(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def detect_charset(data: bytes, headers: Mapping | None = None) -> str:
    """The codec name to decode `data` with (see the module docstring for the order)."""
    content_type = header_value(headers, "content-type") or ""
    m = _HEADER_CHARSET.search(content_type)
    declared = _codec(m.group(1)) if m else None
    if declared and _decodes(data, declared):
        return declared
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    m = _META_CHARSET.search(data[:4096])
    meta = _codec(m.group(1).decode("ascii", "ignore")) if m else None
    if meta and _decodes(data, meta):
        return meta
    if _decodes(data, "utf-8"):
        return "utf-8"
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        return _codec(best.encoding) or best.encoding
    return declared or meta or "cp1252"


def decode_html(data: bytes | str, headers: Mapping | None = None) -> tuple[str, str | None]:
    """(text, charset) for a page body; a str passes through with charset None."""
    if isinstance(data, str):
        return data, None
    codec = detect_charset(data, headers)
    text = data.decode(codec, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, codec
