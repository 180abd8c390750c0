"""decode_html: legacy-charset pages come out as the right text however their charset is (mis)declared."""

from __future__ import annotations

import pytest

from cleaners.decode import decode_html, detect_charset
from tests.faults.pages import CHARSET_TEXTS, WRONG_CHARSET, charset_page, split_sentences

# How the charset reaches us: HTTP header, <meta>, nowhere, a wrong HTTP charset (a server default),
# or a wrong HTTP charset next to a correct <meta>.
VARIANTS = ("http", "meta", "none", "wrong_http", "wrong_http_right_meta")


def _headers(charset: str, variant: str) -> dict[str, str]:
    if variant == "http":
        return {"content-type": f"text/html; charset={charset}"}
    if variant.startswith("wrong_http"):
        return {"content-type": f"text/html; charset={WRONG_CHARSET[charset]}"}
    return {"content-type": "text/html"}


@pytest.mark.parametrize("variant", VARIANTS)
@pytest.mark.parametrize("charset", sorted(CHARSET_TEXTS))
def test_legacy_charset_page_decodes_to_its_text(charset, variant):
    meta = charset if variant in ("meta", "wrong_http_right_meta") else None
    text, _codec = decode_html(charset_page(charset, meta), _headers(charset, variant))
    for sentence in split_sentences(CHARSET_TEXTS[charset]):
        assert sentence in text


class TestDeclaredSingleByteCharset:
    def test_utf8_page_declared_latin1_is_read_as_utf8(self):
        page = "<p>Le château de la forêt a été rénové pour l'été.</p>".encode()
        text, codec = decode_html(page, {"content-type": "text/html; charset=ISO-8859-1"})
        assert codec == "utf-8" and "château de la forêt a été rénové" in text

    def test_correct_latin1_declaration_is_kept(self):
        page = "<p>Die Straße wird im Frühjahr für größere Fahrzeuge gesperrt.</p>".encode("iso-8859-1")
        text, codec = decode_html(page, {"content-type": "text/html; charset=iso-8859-1"})
        assert codec == "cp1252" and "Die Straße wird im Frühjahr für größere Fahrzeuge" in text

    def test_ascii_page_keeps_its_declaration(self):
        assert detect_charset(b"<p>plain ascii</p>", {"content-type": "text/html; charset=koi8-r"}) == "koi8-r"


def test_bom_wins_over_a_wrong_declaration():
    page = "\ufeff<p>Grüße aus Köln</p>".encode("utf-8")
    text, codec = decode_html(page, {"content-type": "text/html; charset=iso-8859-1"})
    assert codec == "utf-8" and text == "<p>Grüße aus Köln</p>"


def test_undecodable_bytes_never_raise():
    text, _ = decode_html(bytes(range(256)) * 4, {"content-type": "text/html; charset=utf-8"})
    assert isinstance(text, str) and text
