"""Sidebars: boxes in the layout's other columns, and boxes sharing the article's own container.

In the article's language, so no language rule can tell them: the structure does. A table
layout's sidebar cell lies outside the article's container; a portal's "Most read" box sits in
the container after the story, a heading over linked headlines (a notice sentence in the
article's language after it is not told from a closing paragraph, and stays). What must stay:
the article's closing list of text items, a data table in it, a short closing line.
"""

from __future__ import annotations

import html

import pytest

from cleaners import clean_html
from cleaners.blocks import Block
from cleaners.trailing import remove_trailing_link_lists
from tests.cleaners.helpers import after, texts

STORY = {
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
    "zh": ["近日，多个城市相继出台措施，延长商场和景区的营业时间，鼓励市民在夜间外出消费，带动餐饮和零售的增长。",
           "有关部门负责人表示，夜间经济对于扩大内需、增加就业具有重要作用，今后将继续完善相关配套服务和交通保障。",
           "记者在市中心的步行街看到，晚上九点以后依然人流如织，不少餐馆门前排起了长队，商户的营业额明显上升。"],
}
# A sidebar in the article's language: box headings, linked headlines with dates, a notice, a footer.
SIDEBAR = {
    "en": ("Most read", ["Council approves new bike lane along the river", "Local school wins science prize",
                         "Storm damage closes coastal road"], "All content on this site is protected.",
           "About us | Careers | Contact"),
    "de": ("Meistgelesen", ["Stadtrat beschließt neuen Haushalt", "Schule gewinnt Wissenschaftspreis",
                            "Sturm beschädigt Küstenstraße"], "Alle Inhalte dieser Seite sind geschützt.",
           "Über uns | Karriere | Kontakt"),
    "zh": ("阅读排行", ["市人大审议通过年度预算报告", "本市中学生夺得全国机器人大赛冠军", "强降雨致沿海公路封闭"],
           "本站所有内容均受保护。", "关于我们 | 招聘信息 | 联系我们"),
}


def _sidebar_box(lang: str, notice: bool = True) -> str:
    heading, headlines, note, _footer = SIDEBAR[lang]
    items = "".join(f'<li><a href="/n{i}">{h}</a> 2024-05-0{i + 1}</li>' for i, h in enumerate(headlines))
    return f"<h3>{heading}</h3><ul>{items}</ul>" + (f"<p>{note}</p>" if notice else "")


def _table_page(lang: str, extra: str = "") -> str:
    text = "".join(f"<p>{html.escape(p)}</p>" for p in STORY[lang])
    footer = SIDEBAR[lang][3].replace(" | ", '</a> | <a href="/f">')
    return (f'<html><head><meta charset="utf-8"><title>Story</title></head><body><table>'
            f'<tr><td colspan="2"><a href="/">Home</a></td></tr>'
            f"<tr><td><h1>Story</h1>{text}{extra}</td><td>{_sidebar_box(lang)}</td></tr>"
            f'<tr><td colspan="2"><a href="/f">{footer}</a></td></tr></table></body></html>')


def _portal_page(lang: str, extra: str = "") -> str:
    text = "".join(f"<p>{html.escape(p)}</p>" for p in STORY[lang])
    return (f'<html><head><meta charset="utf-8"><title>Story</title></head><body><div class="nav"><a href="/">Home'
            f'</a></div><div class="content"><h1>Story</h1>{text}{extra}{_sidebar_box(lang, notice=False)}</div>'
            f"</body></html>")


@pytest.mark.parametrize("lang", list(STORY))
@pytest.mark.parametrize("layout", ["table", "portal"])
def test_sidebar_in_the_articles_language_goes(layout, lang):
    page = _table_page(lang) if layout == "table" else _portal_page(lang)
    article = clean_html(page)
    assert article.paragraphs == STORY[lang]


@pytest.mark.parametrize("layout", ["table", "portal"])
def test_the_articles_own_list_and_table_and_closing_line_stay(layout):
    # (Trafilatura drops a list inside a layout table's cell before the cleaners see it: the
    # table layout's case has no list.)
    items = "" if layout == "table" else "<ul><li>new pumps</li><li>temporary housing</li><li>school repairs</li></ul>"
    extra = (f"<p>The council listed what it will pay for:</p>{items}<table><tr><th>Village</th><th>Houses</th>"
             "</tr><tr><td>Upper Ford</td><td>120</td></tr></table><p>(Reuters)</p>")
    page = _table_page("en", extra) if layout == "table" else _portal_page("en", extra)
    kept = clean_html(page).paragraphs
    for line in ("The council listed what it will pay for:", "Upper Ford | 120", "(Reuters)"):
        assert line in kept
    if items:
        assert {"new pumps", "temporary housing", "school repairs"} <= set(kept)
    assert SIDEBAR["en"][0] not in kept


class TestTrailingLinkLists:
    P = [Block(p) for p in STORY["en"]]

    def test_linked_list_after_the_article_goes_with_its_heading(self):
        box = [Block("Latest stories", tag="head"), *(Block(h + " May 3, 2024", tag="item", link_density=0.7)
                                                      for h in SIDEBAR["en"][1])]
        draft = after(remove_trailing_link_lists, *self.P, *box)
        assert texts(draft) == STORY["en"]
        assert draft.removed["link_list"] == 4

    def test_linked_list_inside_the_article_stays(self):
        roundup = [Block(h, tag="item", link_density=0.9) for h in SIDEBAR["en"][1]]
        draft = after(remove_trailing_link_lists, self.P[0], *roundup, *self.P[1:])
        assert len(draft.blocks) == 6

    def test_text_list_after_the_article_stays(self):
        items = [Block(t, tag="item", link_density=0.0) for t in ("new pumps", "temporary housing")]
        assert len(after(remove_trailing_link_lists, *self.P, *items).blocks) == 5

    def test_plain_text_has_no_links_to_tell(self):
        lines = [Block(h, tag="item") for h in SIDEBAR["en"][1]]
        assert len(after(remove_trailing_link_lists, *self.P, *lines).blocks) == 6


def test_captions_glued_into_loose_text_are_cut_out():
    cap = "The minister speaks to reporters after the cabinet meeting in the capital."
    text = "<br>".join(STORY["en"][:2])
    page = (f'<html><body><div class="content"><div class="text">{text}<br><br><div class="thumbnail">'
            f'<img src="p.jpg"><div class="caption"><p>{cap}</p></div></div><br>{STORY["en"][2]}</div></div>'
            f"</body></html>")
    article = clean_html(page)
    assert article.captions == [cap]
    assert cap not in article.text
    for sentence in STORY["en"]:
        assert sentence in article.text
