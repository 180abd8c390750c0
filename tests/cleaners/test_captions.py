"""captions: every copy leaves the body, each distinct caption is kept once; body text stays."""

from __future__ import annotations

from cleaners import clean_html
from cleaners.blocks import Block
from cleaners.captions import has_photo_credit, remove_captions
from tests.cleaners.helpers import after, texts
from tests.conftest import DATA

CAP = "Firefighters, left, battle the blaze in Valencia, Spain, Friday, March 3, 2023. EPA-EFE"
BODY = "The fire spread quickly through the market, officials said, and no one was hurt."


def test_repeated_credited_caption_removed_everywhere_and_kept_once():
    draft = after(remove_captions, CAP, BODY, CAP, "Later paragraph of the story.", CAP)
    assert texts(draft) == [BODY, "Later paragraph of the story."]
    assert draft.captions == [CAP]
    assert draft.removed["caption"] == 3


def test_gallery_caption_next_to_a_sure_caption():
    second = "A resident watches from a balcony in Valencia, Friday, March 3, 2023. EPA-EFE"
    draft = after(remove_captions, CAP, CAP, second, BODY)
    assert draft.captions == [CAP, second]
    assert texts(draft) == [BODY]


def test_figcaption_and_alt_text():
    alt = "Die Feuerwehr löscht den Brand in der Altstadt"
    draft = after(remove_captions, Block("Foto der Woche aus Köln", is_caption=True),
                  Block(alt + " am Freitagabend"), BODY, image_alts=[alt])
    assert draft.captions == ["Foto der Woche aus Köln", alt + " am Freitagabend"]
    assert texts(draft) == [BODY]


def test_photo_credits_in_several_languages():
    for caption in ("이재명 대표가 발언하고 있다. (사진=연합뉴스)",
                    "北京街头的共享单车。图片来源：视觉中国",
                    "Protesters march in Paris on Saturday. (AP Photo/Jane Doe)",
                    "Les manifestants à Paris samedi. Photo : Jean Dupont",
                    "Демонстранты в Москве. Фото: Иван Иванов",
                    "THE MINISTER IN SEOUL. (PHOTO: REUTERS)",
                    "Демонстранты в Москве. ФОТО: ТАСС"):
        assert has_photo_credit(caption), caption


class TestBodyTextStays:
    def test_story_ending_with_source_tag(self):
        text = "That meeting was seen as an attempt to secure relief, a mission he failed to achieve. (Yonhap)"
        assert texts(after(remove_captions, BODY, text)) == [BODY, text]

    def test_sentence_naming_an_agency(self):
        text = "The talks stalled again on Friday, Reuters reported, citing two officials."
        assert texts(after(remove_captions, Block(text, near_image=True), BODY)) == [text, BODY]

    def test_caption_like_sentence_that_is_body_text(self):
        # Names positions and follows an image, but has no credit and is not repeated: body text.
        text = "I tested Nomad's charger (left) for months before this one (right) arrived."
        draft = after(remove_captions, Block(text, near_image=True), BODY)
        assert texts(draft) == [text, BODY]
        assert draft.captions == []

    def test_single_paragraph_ending_with_wire_name(self):
        text = "On Friday more than 300 people were deported by the authorities, officials said. PTI"
        assert texts(after(remove_captions, BODY, text, BODY + " More.")) == [BODY, text, BODY + " More."]

    def test_paragraph_after_image_without_caption_sign(self):
        draft = after(remove_captions, Block(BODY, near_image=True))
        assert texts(draft) == [BODY]


class TestFigcaptionThroughCleanHtml:
    """A <figcaption> reaches `captions` through the whole chain, and its text stays out of the body."""

    def test_sample_site_article(self):
        article = clean_html((DATA / "site" / "news" / "ferry-timetable.html").read_bytes())
        caption = "The morning ferry leaving the harbour on Tuesday. Photo: Harbour Post"
        assert article.captions == [caption]
        assert "morning ferry leaving the harbour" not in article.text
        assert "recruited eleven deckhands and two engineers" in article.text

    def test_figure_without_a_credit_inside_the_article(self):
        caption = "Die neue Stadtbibliothek am Marktplatz kurz vor der Eröffnung"
        paragraphs = [
            "Die Stadt hat am Samstag ihre neue Bibliothek am Marktplatz eröffnet, nach drei Jahren Bauzeit.",
            "Auf vier Etagen stehen nun mehr als hunderttausend Bücher, dazu ein Lesesaal und ein Café.",
            "Die Baukosten lagen nach Angaben der Verwaltung bei rund zwölf Millionen Euro, etwas über dem Plan.",
            "Am Eröffnungstag kamen nach Schätzungen der Stadt mehr als dreitausend Besucherinnen und Besucher.",
        ]
        html = ("<html><head><title>Neue Stadtbibliothek eröffnet</title></head><body><article>"
                "<h1>Neue Stadtbibliothek eröffnet</h1>"
                f"<p>{paragraphs[0]}</p><figure><img src='/b.jpg'><figcaption>{caption}</figcaption></figure>"
                + "".join(f"<p>{p}</p>" for p in paragraphs[1:]) + "</article></body></html>")
        article = clean_html(html)
        assert article.captions == [caption]
        assert article.paragraphs == paragraphs
