"""Captions read from the page's markup: each distinct caption once, in order, in `captions`, none in the text.

Every caption form a theme prints (figure, WordPress, Bootstrap, a caption div or paragraph, a
caption cell under an image in a table, an image whose alt or title repeats the caption) in
several languages; and what only looks like a caption stays in the body.
"""

from __future__ import annotations

import html

import pytest

from cleaners import clean_html
from cleaners.figures import find_captions
from cleaners.parse import parse_html

STORIES = {
    "en": ["Residents of the river town began clearing mud from their homes on Sunday as flood waters receded"
           " after three days of heavy rain.",
           "The mayor said more than two hundred houses had been damaged and that the main bridge would stay"
           " closed until engineers had inspected it.",
           "Volunteers from neighbouring villages arrived with pumps and food, and the regional government"
           " promised emergency payments to families who lost their belongings."],
    "de": ["Der Stadtrat hat am Donnerstagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang des"
           " Flussufers beschlossen.",
           "Die Arbeiten sollen im kommenden Frühjahr beginnen und nach Angaben der Verwaltung etwa zwei Jahre"
           " dauern.",
           "Anwohner hatten sich seit Jahren für eine sichere Verbindung zwischen der Altstadt und den neuen"
           " Wohngebieten im Norden eingesetzt."],
    "ko": ["서울시는 14일 한강 공원에 새로운 자전거 도로를 만들겠다고 밝혔다. 공사는 내년 봄에 시작될 예정이며"
           " 약 2년 동안 진행될 것으로 보인다. 시는 이 사업에 모두 300억 원을 투입할 계획이다.",
           "시 관계자는 시민들의 요청이 많았다며 안전한 길을 만들기 위해 노력하겠다고 말했다. 그는 공사 기간에도"
           " 공원 이용에 불편이 없도록 하겠다고 덧붙였다.",
           "일부 상인들은 주차 공간이 줄어들 것을 걱정하고 있다고 전했다. 시는 주민 설명회를 열어 대안을"
           " 마련하겠다고 밝혔다."],
    "ru": ["В субботу в центре города открылась новая библиотека, строительство которой продолжалось почти три"
           " года.",
           "По словам директора, в фонде библиотеки более ста тысяч книг, а также современный читальный зал.",
           "Первые посетители пришли ещё до открытия, и к обеду в библиотеке записались более пятисот человек."],
}
CAPTIONS = {
    "en": ["Volunteers carry sandbags along the river bank on Saturday.", "A man wades through a flooded street."],
    "de": ["Radfahrer am Flussufer in der Altstadt.", "Die Baustelle am nördlichen Ufer im Mai."],
    "ko": ["한강 공원의 자전거 도로 모습.", "시민들이 공원을 산책하고 있다."],
    "ru": ["Читальный зал новой библиотеки.", "Первые посетители у входа в библиотеку."],
}

# Each theme's caption markup; {c} is the caption, {a} the image's alt text.
FORMS = {
    "figcaption": '<figure><img src="p.jpg" alt="{a}"><figcaption>{c}</figcaption></figure>',
    "wordpress": '<div class="wp-caption alignnone"><a href="p.jpg"><img src="p.jpg" alt="{a}"></a>'
                 '<p class="wp-caption-text">{c}</p></div>',
    "bootstrap": '<figure class="figure"><img class="figure-img img-fluid" src="p.jpg" alt="{a}">'
                 '<figcaption class="figure-caption">{c}</figcaption></figure>',
    "caption_div": '<div class="photo"><img src="p.jpg" alt="{a}"><div class="caption">{c}</div></div>',
    "named_paragraph": '<p><img src="p.jpg" alt="{a}"></p><p class="photo-caption">{c}</p>',
    "table_cell": '<table class="pic"><tr><td><a href="p.jpg"><img src="p.jpg" alt="{a}"></a></td></tr>'
                  '<tr><td>{c}</td></tr></table>',
    "alt_repeated": '<p><img src="p.jpg" alt="{c}"></p><p>{c}</p>',
    "title_repeated": '<p><img src="p.jpg" title="{c}"></p><p><em>{c}</em></p>',
}


def _page(lang: str, figures: list[str], tail: str = "") -> str:
    p = [f"<p>{html.escape(t)}</p>" for t in STORIES[lang]]
    body = p[0] + figures[0] + p[1] + figures[1] + p[2] + tail
    return (f'<html lang="{lang}"><head><meta charset="utf-8"><title>Story</title></head><body>'
            f'<div class="header"><a href="/">Home</a></div><article><h1>Story</h1>{body}</article>'
            f'<div class="footer"><p>Contact the newsroom</p></div></body></html>')


@pytest.mark.parametrize("lang", list(STORIES))
@pytest.mark.parametrize("form", list(FORMS))
def test_caption_once_in_captions_none_in_text(form, lang):
    caps = CAPTIONS[lang]
    figures = [FORMS[form].format(c=html.escape(c), a="photo") for c in caps]
    # the body repeats the first caption, as re-hosted pages do
    article = clean_html(_page(lang, figures, tail=f"<p>{html.escape(caps[0])}</p>"))
    assert article.captions == caps
    assert article.paragraphs == STORIES[lang]
    assert article.language == lang


def test_caption_with_credit_is_one_caption():
    cap = "Volunteers carry sandbags along the river bank on Saturday."
    fig = f'<figure><img src="p.jpg"><figcaption>{cap} <span class="credit">Photo: Jane Doe</span></figcaption></figure>'
    article = clean_html(_page("en", [fig, ""]))
    assert article.captions == [cap + " Photo: Jane Doe"]
    assert article.paragraphs == STORIES["en"]


class TestNotCaptions:
    def test_sentence_after_a_picture_in_the_text_stays(self):
        # names positions and follows an image, as a caption would, but is the article's own paragraph
        text = "I tested Nomad's charger (left) for months before this one (right) arrived in the post."
        article = clean_html(_page("en", ['<p><img src="p.jpg"></p>', f"<p>{text}</p>"]))
        assert text in article.paragraphs
        assert article.captions == []

    def test_picture_paragraph_then_text_paragraph_in_a_box_stays(self):
        quote = "The show was really great, and booking the tickets online was really easy for all of us."
        fig = f'<blockquote><p><img src="p.jpg"></p><p>{quote}</p></blockquote>'
        article = clean_html(_page("en", [fig, ""]))
        assert quote in article.text
        assert article.captions == []

    def test_section_with_its_own_caption_keeps_its_text(self):
        step = ("Serve pitchers of tap water with lemon and cucumber slices instead of canned drinks, which"
                " guests often open but do not finish.")
        fig = (f'<div class="step"><div class="content"><p>{step}</p></div><figure><img src="p.jpg"></figure>'
               '<figcaption class="caption">Jane Doe/Getty Images</figcaption></div>')
        article = clean_html(_page("en", [fig, ""]))
        assert step in article.paragraphs
        assert article.captions == ["Jane Doe/Getty Images"]

    def test_teaser_card_and_sidebar_figure_are_not_captions(self):
        card = ('<div class="card"><a href="/other"><img src="t.jpg"></a><h3><a href="/other">Council approves'
                ' new bike lane</a></h3><p>The council voted on Thursday.</p></div>')
        page = _page("en", [card, ""]).replace(
            '<div class="footer">', '<div class="sidebar"><figure><img src="ad.jpg"><figcaption>Photo of the'
            ' week: sunset over the harbour</figcaption></figure></div><div class="footer">')
        article = clean_html(page)
        assert article.captions == []

    def test_a_short_article_beside_its_picture_is_not_a_caption(self):
        text = ("The river town began clearing mud from its homes on Sunday, after three days of rain that"
                " damaged more than two hundred houses and closed the main bridge.")
        page = (f'<html><body><div class="entry"><div class="pic"><img src="p.jpg"></div>'
                f'<div class="text">{text}</div></div></body></html>')
        assert clean_html(page).text == text

    def test_script_beside_an_image_is_no_caption(self):
        tree = parse_html('<html><body><div class="ad"><img src="a.gif"><script>slots.push("top")</script></div>'
                          "<p>Text of the page.</p></body></html>")
        assert find_captions(tree).captions == []
