"""Turn response bytes into text: BOM, then HTTP charset, then <meta>, then UTF-8, then detection.

UTF-8 is never assumed: a GBK page served without a charset must come out as correct Chinese.
A declared charset that cannot decode the bytes (a common misconfiguration) is not trusted, and
neither is a declared single-byte charset (ISO-8859-1, a common server default) whose reading is
mojibake where UTF-8 or the detected charset reads cleanly: single-byte charsets decode any bytes,
so "it decodes" proves nothing for them.
"""

from __future__ import annotations

import codecs
import functools
import re
from collections.abc import Mapping

import charset_normalizer
from charset_normalizer.md import mess_ratio

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Labels pages use for charsets whose real-world superset browsers decode them as (WHATWG encoding spec).
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "iso-8859-1": "cp1252", "latin-1": "cp1252",
              "ascii": "cp1252", "us-ascii": "cp1252", "big5": "big5hkscs", "shift_jis": "cp932",
              "sjis": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "tis-620": "cp874"}
# A declared single-byte reading is mojibake when charset_normalizer's mess ratio reaches this
# (correct text scores ~0, GBK or UTF-8 bytes read as cp1252 score > 1) and another reading is cleaner.
_MESSY = 0.2
_SAMPLE = 64 * 1024


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
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    content_type = header_value(headers, "content-type") or ""
    m = _HEADER_CHARSET.search(content_type)
    declared = _codec(m.group(1)) if m else None
    m = _META_CHARSET.search(data[:4096])
    meta = _codec(m.group(1).decode("ascii", "ignore")) if m else None
    for codec in (declared, meta):
        if codec and _decodes(data, codec) and not _garbled(data, codec):
            return codec
    if _decodes(data, "utf-8"):
        return "utf-8"
    return _guess(data) or declared or meta or "cp1252"


def _guess(data: bytes) -> str | None:
    """charset_normalizer's guess; among equally clean single-byte readings, cp1252 (the web's default)."""
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is None or not best.encoding:
        return None
    codec = _codec(best.encoding) or best.encoding
    if codec != "cp1252" and _single_byte(codec) and _decodes(data, "cp1252"):
        sample = data[:_SAMPLE]
        if mess_ratio(sample.decode("cp1252"), 1.0) <= mess_ratio(sample.decode(codec, "replace"), 1.0):
            return "cp1252"
    return codec


def _garbled(data: bytes, codec: str) -> bool:
    """True when a single-byte reading of non-ASCII bytes is mojibake and UTF-8 or detection reads them cleanly."""
    if not _single_byte(codec) or data.isascii():
        return False
    sample = data[:_SAMPLE]
    mess = mess_ratio(sample.decode(codec, "replace"), 1.0)
    if mess < _MESSY:
        return False
    alternative = "utf-8" if _decodes_prefix(sample, "utf-8") else _guess(data)
    if not alternative or alternative == codec:
        return False
    return mess_ratio(sample.decode(alternative, "replace"), 1.0) < mess / 2


def _decodes_prefix(data: bytes, codec: str) -> bool:
    """Like _decodes, but a multi-byte character cut off at the end of a sample is fine."""
    try:
        codecs.getincrementaldecoder(codec)().decode(data, final=False)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


@functools.cache
def _single_byte(codec: str) -> bool:
    """True for charsets that map every byte to one character (cp1252, ISO-8859-x, KOI8-R…)."""
    try:
        return len(bytes(range(256)).decode(codec, errors="replace")) == 256
    except LookupError:
        return False


def decode_html(data: bytes | str, headers: Mapping | None = None) -> tuple[str, str | None]:
    """(text, charset) for a page body; a str passes through with charset None."""
    if isinstance(data, str):
        return data, None
    codec = detect_charset(data, headers)
    text = data.decode(codec, errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    return text, codec
