"""textmeta: the title line of a text dump is found by its shape and place, not by its words."""

from __future__ import annotations

from cleaners.blocks import Block
from cleaners.textmeta import drop_title_copy, is_headline_shaped, take_text_title
from tests.cleaners.helpers import after, texts

PARA = ("The central bank raised interest rates on Tuesday for the third time this year, citing"
        " persistent inflation and a tight labour market, officials said in a statement.")


def test_title_is_the_line_before_the_byline():
    draft = after(take_text_title, "Economy", "Central bank raises rates again", "By Jane Doe | 2023-05-02", PARA)
    assert draft.title == "Central bank raises rates again"
    assert texts(draft) == ["Economy", PARA]
    assert draft.removed == {"title": 1, "byline": 1}


def test_section_label_in_another_script_is_skipped():
    draft = after(take_text_title, "新闻中心", "Central bank raises rates again", PARA)
    assert draft.title == "Central bank raises rates again"


def test_chinese_title_before_date_line():
    body = "国家统计局周二公布的数据显示，今年前三个季度国内生产总值同比增长百分之五，高于市场预期，消费回暖是主要动力。"
    draft = after(take_text_title, "首页", "前三季度经济同比增长百分之五", "2023年10月18日 来源：新华社", body)
    assert draft.title == "前三季度经济同比增长百分之五"


def test_no_title_when_the_text_starts_with_prose():
    draft = after(take_text_title, PARA, PARA + " More.")
    assert draft.title is None
    assert len(draft.blocks) == 2


def test_headline_shape():
    assert is_headline_shaped("Pompeo pushes for sanctions in talks with Russia")
    assert is_headline_shaped("Will rates rise again?")
    assert not is_headline_shaped("He said the talks went well.")
    assert not is_headline_shaped("Home")
    assert not is_headline_shaped("Updated 2023-05-02 10:00")
    assert not is_headline_shaped("Share this article")
    assert not is_headline_shaped("Alumnos durante una clase de ciencias en un colegio público. Foto: EFE")


def test_html_body_copy_of_title_is_dropped_once():
    draft = after(drop_title_copy, Block("Central bank raises rates"), Block(PARA), title="Central bank raises rates")
    assert texts(draft) == [PARA]
    draft = after(drop_title_copy, Block(PARA), Block("Central bank raises rates"), title="Central bank raises rates")
    assert len(draft.blocks) == 2
