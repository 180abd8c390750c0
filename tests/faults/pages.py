"""Bodies the fault server sends: article pages, pages in legacy charsets, binaries, a gzip bomb, sitemaps."""

from __future__ import annotations

import html
import random
import struct
import zlib
from functools import cache

# Ordinary English prose for article pages: enough words to pass the length filter, no boilerplate.
FILLER = (
    "The council met on Tuesday evening to discuss the budget for the coming year, and members spent most "
    "of the session on the cost of repairing the old bridge over the river.",
    "Engineers told the meeting that the steel beams had corroded faster than expected, and that the work "
    "would take at least eight months once the contract was signed in the spring.",
    "Residents who attended asked for a temporary footbridge during the repairs, since the nearest other "
    "crossing is more than three kilometres away from the market square.",
)

# One paragraph per legacy charset, in the language that charset is used for (the text must come
# out correct whether the charset is declared in HTTP, in <meta>, nowhere, or wrongly).
CHARSET_TEXTS = {
    "gbk": "本市图书馆今天宣布，从下个月起延长周末开放时间。馆长表示，过去一年到馆读者人数增加了三成，"
           "许多学生希望在考试前有更多安静的学习空间。新的开放时间为周六和周日上午八点至晚上十点。"
           "图书馆还计划在二楼增设一个儿童阅读区，并购买两千册新书。",
    "big5": "本市圖書館今天宣布，從下個月起延長週末開放時間。館長表示，過去一年到館讀者人數增加了三成，"
            "許多學生希望在考試前有更多安靜的學習空間。新的開放時間為週六和週日上午八點至晚上十點。"
            "圖書館還計劃在二樓增設一個兒童閱讀區，並購買兩千冊新書。",
    "shift_jis": "市立図書館は今日、来月から週末の開館時間を延長すると発表しました。館長によると、"
                 "昨年の来館者数は三割増え、多くの学生が試験前に静かな学習スペースを求めているということです。"
                 "新しい開館時間は土曜日と日曜日の午前八時から午後十時までです。",
    "euc-kr": "시립 도서관은 오늘 다음 달부터 주말 개관 시간을 연장한다고 발표했다. 관장은 지난 한 해 동안 "
              "방문객 수가 삼십 퍼센트 늘었고, 많은 학생들이 시험 전에 조용한 공부 공간을 원한다고 말했다. "
              "새로운 개관 시간은 토요일과 일요일 오전 여덟 시부터 오후 열 시까지이다.",
    "windows-1251": "Городская библиотека сегодня объявила, что со следующего месяца продлит часы работы по "
                    "выходным. По словам директора, за прошлый год число читателей выросло на треть, и многие "
                    "студенты хотят больше тихого места для занятий перед экзаменами. Новые часы работы: "
                    "суббота и воскресенье с восьми утра до десяти вечера.",
    "iso-8859-1": "Die Stadtbibliothek hat heute angekündigt, dass sie ab nächstem Monat ihre Öffnungszeiten am "
                  "Wochenende verlängert. Laut der Direktorin ist die Zahl der Besucher im vergangenen Jahr um ein "
                  "Drittel gestiegen, und viele Studenten wünschen sich mehr ruhigen Platz zum Lernen vor den "
                  "Prüfungen. Außerdem plant die Bibliothek eine größere Kinderecke.",
}
CHARSET_TITLES = {"gbk": "图书馆延长开放时间", "big5": "圖書館延長開放時間", "shift_jis": "図書館が開館時間を延長",
                  "euc-kr": "도서관 개관 시간 연장", "windows-1251": "Библиотека продлит часы работы",
                  "iso-8859-1": "Bibliothek verlängert Öffnungszeiten"}
# What a server wrongly declares for each: the classic server default, or UTF-8 for the Latin page.
WRONG_CHARSET = {"gbk": "iso-8859-1", "big5": "iso-8859-1", "shift_jis": "iso-8859-1", "euc-kr": "iso-8859-1",
                 "windows-1251": "iso-8859-1", "iso-8859-1": "utf-8"}


def article_html(title: str, marker: str, paragraphs: tuple[str, ...] = FILLER, meta_charset: str | None = None,
                 nav: bool = True) -> str:
    """An ordinary article page; `marker` is a sentence unique to the page so a test can find it."""
    head = f'<meta charset="{meta_charset}">' if meta_charset else ""
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in (marker, *paragraphs))
    menu = '<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/about">About</a></nav>' if nav else ""
    return (f"<!DOCTYPE html>\n<html><head>{head}<title>{html.escape(title)}</title></head>\n<body>{menu}\n"
            f"<article><h1>{html.escape(title)}</h1>\n{body}</article>\n"
            "<footer>(c) The Example Gazette</footer></body></html>\n")


def charset_page(charset: str, meta: str | None) -> bytes:
    """The page of a charset, encoded in it, with `meta` (or no) <meta charset>."""
    sentences = split_sentences(CHARSET_TEXTS[charset])
    return article_html(CHARSET_TITLES[charset], sentences[0], tuple(sentences[1:]),
                        meta_charset=meta, nav=False).encode(charset)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text (split after `.` and `。`), one paragraph each on the page."""
    out, cur = [], ""
    for ch in text:
        cur += ch
        if ch in "。.":
            out.append(cur.strip())
            cur = ""
    if cur.strip():
        out.append(cur.strip())
    return out


def unclosed_tags_html(marker: str) -> str:
    """An article whose <p>, <div> and <b> tags are never closed, and whose </body></html> are missing."""
    paras = "".join(f"<p>{p}<b> " for p in FILLER)
    return (f"<html><head><title>Unclosed tags</title><body><div><div class=story><h1>Unclosed tags</h1>"
            f"<p>{marker}{paras}<div><span>")


def deep_nesting_html(marker: str, depth: int = 5000) -> str:
    """An article inside `depth` nested <div>s (libxml2's default limit is 256)."""
    paras = "".join(f"<p>{p}</p>" for p in (marker, *FILLER))
    return (f"<html><head><title>Deep nesting</title></head><body>{'<div>' * depth}"
            f"<article><h1>Deep nesting</h1>{paras}</article>{'</div>' * depth}</body></html>")


def random_bytes(n: int, seed: int) -> bytes:
    """Deterministic noise: what a binary file looks like to a parser."""
    return random.Random(seed).randbytes(n)


def png_bytes() -> bytes:
    """A valid 1x1 PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def pdf_bytes() -> bytes:
    """A minimal one-page PDF."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


@cache
def gzip_bomb(decompressed_mib: int = 512) -> bytes:
    """A gzip stream of zeros, about 1,000 times smaller than what it inflates to."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)  # wbits 31: gzip container
    chunk = b"\0" * (1 << 20)
    parts = [comp.compress(chunk) for _ in range(decompressed_mib)]
    return b"".join(parts) + comp.flush()


def sitemap_xml(urls: list[str]) -> bytes:
    """An ordinary `<urlset>` sitemap listing `urls`."""
    entries = "".join(f"<url><loc>{html.escape(u)}</loc></url>\n" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{entries}</urlset>\n").encode()


def entity_bomb_sitemap(urls: list[str], levels: int = 8) -> bytes:
    """A "billion laughs" sitemap: entity lolN is ten lol(N-1), so expanding lol8 makes 300 MB from 1 kB.

    Eight levels, not the classic nine (3 GB): a parser that expanded it all would show up plainly in
    the crawl's memory, without taking down a shared test machine. The bomb sits between `urls`.
    """
    entities = ['<!ENTITY lol0 "lol">'] + [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, levels + 1)]
    half = len(urls) // 2
    bomb = f"{urls[0].rsplit('/', 1)[0]}/&lol{levels};"
    entries = "".join(f"<url><loc>{u}</loc></url>\n" for u in [*urls[:half], bomb, *urls[half:]])
    return (f'<?xml version="1.0"?>\n<!DOCTYPE urlset [\n{chr(10).join(entities)}\n]>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{entries}</urlset>\n').encode()


@cache
def oversized_sitemap_gz(url: str, decompressed_mib: int = 24) -> bytes:
    """A gzipped sitemap of one URL listed over and over: about 100 kB inflating past `decompressed_mib` MiB."""
    comp = zlib.compressobj(9, zlib.DEFLATED, 31)
    head = b'<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
    entry = f"<url><loc>{html.escape(url)}</loc></url>\n".encode()
    chunk = entry * ((1 << 20) // len(entry))
    parts = [comp.compress(head)] + [comp.compress(chunk) for _ in range(decompressed_mib)]
    return b"".join(parts) + comp.compress(b"</urlset>\n") + comp.flush()
