"""notices: legal/site notices, prompts and breadcrumbs go in nine languages; stories about them stay."""

from __future__ import annotations

import pytest

from cleaners.blocks import Block
from cleaners.notices import notice_kind, remove_notices
from tests.cleaners.helpers import after, texts

NOTICES = [
    "Copyright © 2024 Example Media Group. All rights reserved.",
    "© 2019 The Daily Planet",
    "This material may not be published, broadcast, rewritten or redistributed.",
    "Leave a comment",
    "Share this article",
    "Home > World > Asia",
    "Source: Example Wire",
    "版权所有 © 2024 某某网",
    "转载请注明出处。",
    "京ICP备12345678号-1",
    "我要评论(0)",
    "当前位置：首页 > 新闻中心 > 正文",
    "1.本网所有内容均来源于网络;2.本网不承担任何法律责任;3.如有侵权请联系本网删除。",
    "記事の無断転載を禁じます。",
    "文字サイズ 小 中 大",
    "저작권자 ⓒ 한국일보, 무단 전재 및 재배포 금지",
    "댓글 3",
    "© 2024 ООО «Медиа». Все права защищены.",
    "При использовании материалов ссылка на сайт обязательна.",
    "Alle Rechte vorbehalten.",
    "Kommentar schreiben",
    "Tous droits réservés",
    "Partager sur Facebook",
    "Todos los derechos reservados.",
    "Deja un comentario",
    "جميع الحقوق محفوظة",
    "حجم الخط",
]

STORY = [
    # a news sentence about copyright law
    "The court ruled that copyright law protects news photographs, and that all rights reserved by"
    " the agency in its contract remained valid.",
    "法院认为，该网站未经许可转载他人作品，侵犯了作者的著作权。",
    "Das Gericht entschied, dass das Urheberrecht auch für Pressefotos gilt.",
    # mentions of sharing and comments inside a sentence
    "The minister declined to comment on whether the two countries would share intelligence.",
    "Readers left more than 300 comments under the story within an hour, the editor said.",
    "Il a refusé de partager sur les réseaux sociaux les documents du tribunal.",
    # slashes and arrows in prose
    "Turnout rose from 52/100 to 61/100 and/or more in some districts, officials said.",
]


@pytest.mark.parametrize("text", NOTICES)
def test_notice_is_recognised(text):
    assert notice_kind(text) == "notice"


@pytest.mark.parametrize("text", STORY)
def test_story_sentence_is_not_a_notice(text):
    assert notice_kind(text) is None


def test_long_paragraph_mentioning_rights_is_kept():
    text = ("Publishers argued for years over the directive. " * 12) + "All rights reserved."
    assert notice_kind(text) is None


def test_remove_notices_counts_and_keeps_order():
    draft = after(remove_notices, "Seoul, May 14.", "Share this article", STORY[0], "Alle Rechte vorbehalten.")
    assert texts(draft) == ["Seoul, May 14.", STORY[0]]
    assert draft.removed["notice"] == 2


def test_code_block_is_spared():
    draft = after(remove_notices, Block("# Copyright (c) 2024 Example", tag="code"))
    assert texts(draft) == ["# Copyright (c) 2024 Example"]


@pytest.mark.parametrize("text", ["京ICP备12345678号", "Font size: A+ A-", "SHARE THIS ARTICLE", "ALL RIGHTS RESERVED.",
                                  "DISCLAIMER: the views are the author's own", "Leave A Comment"])
def test_notices_match_in_any_case(text):
    assert notice_kind(text) == "notice"
