"""Chrome in another language of the article's script: Spanish or Portuguese menus, boxes and notices
around an English article, and English ones around a Spanish article, go; the article stays whole.

Each chrome item alone is too short for a language identifier; the template's language is read
from the page's links around the article, then each block is weighed between the two languages.
"""

from __future__ import annotations

import html

import pytest

from cleaners import clean_html
from cleaners.blocks import Block
from cleaners.draft import Draft
from cleaners.foreignchrome import ForeignChromeFilter
from cleaners.language import LanguageIdentifier

ARTICLES = {
    "en": ["Residents of the river town began clearing mud from their homes on Sunday as flood waters receded"
           " after three days of heavy rain.",
           "The mayor said more than two hundred houses had been damaged and that the main bridge would stay"
           " closed until engineers had inspected it.",
           "Volunteers from neighbouring villages arrived with pumps and food, and the regional government"
           " promised emergency payments to families who lost their belongings.",
           "Forecasters expect drier weather for the rest of the week, although the river is likely to remain"
           " high until the snow in the mountains has melted."],
    "es": ["El pleno del ayuntamiento aprobó el jueves la construcción de un parque de cinco hectáreas en los"
           " terrenos de la antigua fábrica textil.",
           "Según el proyecto, el parque tendrá zonas de juego, un huerto comunitario y un carril para bicicletas"
           " que conectará con el centro.",
           "Los vecinos llevaban más de una década reclamando un espacio verde en una zona con muy pocos árboles"
           " y mucho tráfico.",
           "Las obras comenzarán en primavera y el alcalde espera que el parque pueda abrir antes del verano del"
           " año que viene."],
}
# (menu links, a box heading, the box's linked headlines each with its date, a notice, footer links)
CHROME = {
    "es": (["Portada", "Actualidad", "Deportes", "Economía", "Sociedad", "Opinión", "Cultura"],
           "Lo más visto esta semana",
           ["El gobierno regional aprueba nuevas ayudas para los agricultores del valle",
            "La selección femenina gana el campeonato en el último minuto del partido",
            "Suben otra vez los precios del alquiler en las grandes ciudades del país"],
           "Queda prohibida la reproducción total o parcial de los contenidos de esta web.",
           ["Quiénes somos", "Aviso legal", "Política de privacidad", "Publicidad", "Contacto"]),
    "pt": (["Página inicial", "Notícias", "Esportes", "Economia", "Sociedade", "Opinião", "Cultura"],
           "As mais lidas da semana",
           ["Governo estadual aprova novas ajudas para os agricultores do interior",
            "Seleção feminina vence o campeonato no último minuto da partida",
            "Aluguéis voltam a subir nas grandes cidades do país, diz pesquisa"],
           "É proibida a reprodução total ou parcial do conteúdo deste site sem autorização.",
           ["Quem somos", "Termos de uso", "Política de privacidade", "Anuncie", "Fale conosco"]),
    "en": (["Home", "News", "Sport", "Business", "Society", "Opinion", "Culture"],
           "Most read this week",
           ["Regional government approves new support for the valley's farmers",
            "Women's national team wins the championship in the last minute",
            "Rents rise again in the country's biggest cities, survey finds"],
           "Reproduction of this website's content in whole or in part is not permitted.",
           ["About us", "Legal notice", "Privacy policy", "Advertise", "Contact"]),
}


def _page(chrome: str, article: list[str], inside: str = "") -> str:
    menu, heading, headlines, notice, footer = CHROME[chrome]
    nav = "".join(f'<li><a href="/s{i}">{html.escape(t)}</a></li>' for i, t in enumerate(menu))
    box = "".join(f'<li><a href="/n{i}">{html.escape(t)}</a> <span>{12 + i} de mayo</span></li>'
                  for i, t in enumerate(headlines))
    foot = " | ".join(f'<a href="/f{i}">{html.escape(t)}</a>' for i, t in enumerate(footer))
    text = "".join(f"<p>{html.escape(p)}</p>" for p in article)
    return (f'<html><head><meta charset="utf-8"><title>Story</title></head><body><ul class="menu">{nav}</ul>'
            f'<div class="content"><h1>Story</h1>{text}{inside}<h3>{html.escape(heading)}</h3><ul>{box}</ul>'
            f"<p>{html.escape(notice)}</p></div><div class=\"footer\">{foot}</div></body></html>")


@pytest.mark.parametrize(("chrome", "lang"), [("es", "en"), ("pt", "en"), ("en", "es")])
def test_chrome_in_another_latin_language_goes(chrome, lang):
    article = clean_html(_page(chrome, ARTICLES[lang]))
    assert article.language == lang
    assert article.paragraphs == ARTICLES[lang]


def test_quotation_in_the_chrome_language_inside_the_article_stays():
    quote = "«Llevamos diez años esperando este parque», dijo una vecina del barrio a los periodistas."
    paragraphs = [*ARTICLES["en"][:2], quote, *ARTICLES["en"][2:]]
    article = clean_html(_page("es", paragraphs))
    assert article.paragraphs == paragraphs


def test_same_language_template_changes_nothing_here():
    # The template's language is the article's: this step has nothing to tell apart, foreign
    # titles listed by the article included.
    titles = "<ul><li>Ghostbusters Collection (Steelbook)</li><li>Indiana Jones Collection (Blu-Ray)</li></ul>"
    page = _page("es", ARTICLES["es"], inside=titles)
    article = clean_html(page)
    assert article.paragraphs[:4] == ARTICLES["es"]
    assert "Ghostbusters Collection (Steelbook)" in article.paragraphs


class TestStep:
    IDENTIFIER = LanguageIdentifier()

    def _run(self, blocks: list[Block], sample: str) -> list[str]:
        draft = Draft(page=__import__("cleaners.blocks", fromlist=["Page"]).Page(blocks=blocks, chrome_sample=sample))
        draft.language = "en"
        ForeignChromeFilter(self.IDENTIFIER)(draft)
        return [b.text for b in draft.blocks]

    def test_names_and_short_labels_stay(self):
        blocks = [Block(p) for p in ARTICLES["en"]] + [Block("Tara Parker-Pope"), Block("OK"), Block("Reuters")]
        assert self._run(blocks, " ".join(CHROME["es"][0] + CHROME["es"][4])) == [b.text for b in blocks]

    def test_template_headlines_and_notice_go(self):
        _menu, heading, headlines, notice, _foot = CHROME["pt"]
        chrome = [Block(heading, tag="head"), *(Block(h, tag="item", link_density=0.8) for h in headlines),
                  Block(notice)]
        kept = self._run([*(Block(p) for p in ARTICLES["en"]), *chrome], " ".join(CHROME["pt"][0]))
        assert kept == ARTICLES["en"]

    def test_nothing_goes_without_a_foreign_template(self):
        blocks = [*(Block(p) for p in ARTICLES["en"]), Block("Lo más visto esta semana")]
        assert self._run(blocks, " ".join(CHROME["en"][0] + CHROME["en"][4])) == [b.text for b in blocks]
