"""Table layouts: navigation, article and sidebar as cells of one row; the article stays, the chrome goes.

The main language comes from the article's prose, not from `<html lang>`, the chrome around it or
the byte count (UTF-8 spends two bytes on an Arabic or Cyrillic letter, three on a Hangul syllable).
A data table inside the article is content and stays, and so does a quotation in another language.
"""

from __future__ import annotations

import html

import pytest

from cleaners import clean_html

ARTICLES = {
    "en": ["Residents of the river town began clearing mud from their homes on Sunday as flood waters receded"
           " after three days of heavy rain.",
           "The mayor said more than two hundred houses had been damaged and that the main bridge would stay"
           " closed until engineers had inspected it.",
           "Volunteers from neighbouring villages arrived with pumps and food, and the regional government"
           " promised emergency payments to families who lost their belongings.",
           "Forecasters expect drier weather for the rest of the week, although the river is likely to remain"
           " high until the snow in the mountains has melted."],
    "de": ["Der Stadtrat hat am Donnerstagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang des"
           " Flussufers beschlossen.",
           "Die Arbeiten sollen im kommenden Frühjahr beginnen und nach Angaben der Verwaltung etwa zwei Jahre"
           " dauern.",
           "Anwohner hatten sich seit Jahren für eine sichere Verbindung zwischen der Altstadt und den neuen"
           " Wohngebieten im Norden eingesetzt.",
           "Kritik kam von den Einzelhändlern, die den Wegfall von Parkplätzen in der Uferstraße befürchten."],
}
# The template's chrome: menu items, sidebar headlines (links) and sidebar prose, in the site's language.
CHROME = {
    "ar": (["الرئيسية", "أخبار", "رياضة", "اقتصاد", "ثقافة", "اتصل بنا"],
           ["وزير الخارجية يلتقي نظيره الروسي في موسكو لبحث العلاقات الثنائية بين البلدين",
            "ارتفاع أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك الجديد بخفض الإنتاج",
            "افتتاح معرض الكتاب الدولي بمشاركة أكثر من خمسمائة دار نشر عربية وأجنبية هذا العام"],
           ["هذا الموقع يستخدم ملفات تعريف الارتباط لتحسين تجربة المستخدم وتقديم محتوى مخصص لكل زائر من زوار"
            " الموقع الكرام في جميع أنحاء العالم العربي",
            "يمكنكم متابعة آخر الأخبار العاجلة على مدار الساعة عبر تطبيقنا المجاني على الهواتف الذكية والأجهزة"
            " اللوحية وعلى شبكات التواصل الاجتماعي"]),
    "ru": (["Главная", "Новости", "Спорт", "Экономика", "Культура", "Контакты"],
           ["Министр иностранных дел встретился с коллегой в Москве для обсуждения двусторонних отношений",
            "Цены на нефть на мировых рынках выросли после нового решения стран ОПЕК о сокращении добычи",
            "В столице открылась международная книжная ярмарка, в которой участвуют более пятисот издательств"],
           ["Наш сайт использует файлы cookie, чтобы сделать работу с ним удобнее и показывать вам материалы,"
            " которые могут быть интересны именно вам",
            "Следите за последними новостями круглосуточно в нашем бесплатном приложении для смартфонов и"
            " планшетов, а также в социальных сетях"]),
    "ko": (["홈", "뉴스", "스포츠", "경제", "문화", "연락처"],
           ["외교부 장관이 모스크바에서 러시아 외무장관과 만나 양국 관계 발전 방안을 논의했다",
            "석유수출국기구의 감산 결정 이후 국제 유가가 큰 폭으로 올라 시장의 우려가 커지고 있다",
            "올해 국제도서전에는 오백 개가 넘는 국내외 출판사가 참가해 다양한 행사를 연다"],
           ["이 사이트는 이용자의 편의를 높이고 맞춤형 콘텐츠를 제공하기 위해 쿠키를 사용하고 있으며 계속"
            " 이용하시면 쿠키 사용에 동의하는 것으로 간주됩니다",
            "무료 스마트폰 앱과 사회관계망서비스를 통해 하루 24시간 최신 속보를 받아 보실 수 있습니다"]),
}


def _table_page(chrome_lang: str, article: list[str], extra: str = "") -> str:
    menu, headlines, prose = CHROME[chrome_lang]
    nav = "".join(f'<a href="/c{i}">{t}</a> | ' for i, t in enumerate(menu))
    side = "".join(f'<li><a href="/n{i}">{t}</a></li>' for i, t in enumerate(headlines))
    text = "".join(f"<p>{html.escape(p)}</p>" for p in article)
    about = "".join(f"<p>{p}</p>" for p in prose)
    return (f'<html lang="{chrome_lang}" dir="auto"><head><meta charset="utf-8"><title>Story</title></head>'
            f'<body><table width="100%"><tr><td colspan="3">{nav}</td></tr>'
            f'<tr><td width="20%"><ul>{side}</ul></td><td><h1>Story</h1>{text}{extra}</td>'
            f'<td width="25%">{about}</td></tr></table></body></html>')


@pytest.mark.parametrize("chrome", list(CHROME))
@pytest.mark.parametrize("lang", list(ARTICLES))
def test_article_cell_kept_chrome_cells_dropped(chrome, lang):
    article = clean_html(_table_page(chrome, ARTICLES[lang]))
    assert article.language == lang
    assert article.paragraphs == ARTICLES[lang]


def test_data_table_inside_the_article_stays():
    data = ('<table><tr><th>Village</th><th>Houses damaged</th></tr><tr><td>Upper Ford</td><td>120</td></tr>'
            '<tr><td>Millbrook</td><td>85</td></tr></table>')
    article = clean_html(_table_page("ar", ARTICLES["en"], extra=data))
    assert article.paragraphs[:4] == ARTICLES["en"]
    assert "Upper Ford | 120" in article.paragraphs
    assert "Millbrook | 85" in article.paragraphs


def test_quotation_in_the_chrome_language_inside_the_article_stays():
    quote = "يمكنكم متابعة آخر الأخبار العاجلة على مدار الساعة عبر تطبيقنا المجاني، قال رئيس البلدية للسكان"
    paragraphs = [*ARTICLES["en"][:2], quote, *ARTICLES["en"][2:]]
    article = clean_html(_table_page("ar", paragraphs))
    assert article.paragraphs == paragraphs
