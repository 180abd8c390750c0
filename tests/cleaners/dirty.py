"""A generator of dirty pages the rules were not written against: other templates, languages,
captions, notices and chrome, rendered as HTML and as a plain-text dump.

Each page knows its clean answer (paragraphs, captions) and its junk, so a test can check that
the chain keeps the one and drops the other on pages nobody hand-tuned a rule for.
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

STORIES = {
    "en": ("Flood waters recede as town begins cleanup", [
        "Residents of the river town began clearing mud from their homes on Sunday as flood waters receded"
        " after three days of heavy rain.",
        "The mayor said more than two hundred houses had been damaged and that the main bridge would stay"
        " closed until engineers had inspected it.",
        "Volunteers from neighbouring villages arrived with pumps and food, and the regional government"
        " promised emergency payments to families who lost their belongings.",
        "Forecasters expect drier weather for the rest of the week, although the river is likely to remain"
        " high until the snow in the mountains has melted.",
    ]),
    "de": ("Stadtrat beschließt neuen Radweg am Fluss", [
        "Der Stadtrat hat am Donnerstagabend mit großer Mehrheit den Bau eines neuen Radwegs entlang des"
        " Flussufers beschlossen.",
        "Die Arbeiten sollen im kommenden Frühjahr beginnen und nach Angaben der Verwaltung etwa zwei Jahre"
        " dauern.",
        "Anwohner hatten sich seit Jahren für eine sichere Verbindung zwischen der Altstadt und den neuen"
        " Wohngebieten im Norden eingesetzt.",
        "Kritik kam von den Einzelhändlern, die den Wegfall von Parkplätzen in der Uferstraße befürchten.",
    ]),
    "es": ("El ayuntamiento aprueba un nuevo parque en el barrio norte", [
        "El pleno del ayuntamiento aprobó el jueves la construcción de un parque de cinco hectáreas en los"
        " terrenos de la antigua fábrica textil.",
        "Según el proyecto, el parque tendrá zonas de juego, un huerto comunitario y un carril para"
        " bicicletas que conectará con el centro.",
        "Los vecinos llevaban más de una década reclamando un espacio verde en una zona con muy pocos"
        " árboles y mucho tráfico.",
        "Las obras comenzarán en primavera y el alcalde espera que el parque pueda abrir antes del verano"
        " del año que viene.",
    ]),
    "zh": ("多地出台措施促进夜间消费", [
        "近日，多个城市相继出台措施，延长商场和景区的营业时间，鼓励市民在夜间外出消费。",
        "有关部门负责人表示，夜间经济对于扩大内需、增加就业具有重要作用，今后将继续完善相关配套服务。",
        "记者在市中心的步行街看到，晚上九点以后依然人流如织，不少餐馆门前排起了长队。",
        "专家建议，在发展夜间经济的同时，也要做好交通组织和噪音管理，兼顾周边居民的休息。",
    ]),
    "ru": ("В городе открылась новая библиотека", [
        "В субботу в центре города открылась новая библиотека, строительство которой продолжалось почти три"
        " года.",
        "По словам директора, в фонде библиотеки более ста тысяч книг, а также современный читальный зал и"
        " детская комната.",
        "Первые посетители пришли ещё до открытия, и к обеду в библиотеке записались более пятисот человек.",
        "Городские власти планируют открыть ещё два таких центра в новых районах в течение следующих лет.",
    ]),
}

CAPTIONS = {
    "en": ["Volunteers carry sandbags along the river bank, Saturday, April 6, 2024. Reuters"],
    "de": ["Radfahrer am Flussufer in der Altstadt. Foto: Max Mustermann"],
    "es": ["Vista de los terrenos de la antigua fábrica textil. (Foto: María López)"],
    "zh": ["市民在步行街购物。图片来源：视觉中国"],
    "ru": ["Читальный зал новой библиотеки. Фото: Иван Петров"],
}

NOTICES = {
    "en": ["Copyright © 2024 Riverside Gazette. All rights reserved.", "Leave a comment", "Share this article"],
    "de": ["© 2024 Stadtanzeiger. Alle Rechte vorbehalten.", "Kommentar schreiben", "Artikel teilen"],
    "es": ["© 2024 Diario del Norte. Todos los derechos reservados.", "Deja un comentario",
           "Compartir en Facebook"],
    "zh": ["版权所有 © 2024 城市晚报 京ICP备00000000号", "我要评论(0)", "分享到："],
    "ru": ["© 2024 Городские вести. Все права защищены.", "Оставить комментарий", "Поделиться"],
}

# Site chrome in another language than the article (the template's language).
CHROME = {
    "zh": ["热门文章", "联系我们 关于我们 广告服务 网站地图"],
    "en": ["Most read stories this week on our website", "Contact us about advertising on this site"],
}

RUN_ITEMS = [("Bridge reopens after repairs", "Local"), ("School wins robotics prize", "Education"),
             ("New bus line starts Monday", "Local")]


@dataclass
class DirtyPage:
    """One generated page with its clean answer and the junk it carries."""

    html: str
    text: str
    title: str
    language: str
    paragraphs: list[str]
    captions: list[str]
    junk: list[str] = field(default_factory=list)
    figure: bool = False


def make_page(language: str, seed: int) -> DirtyPage:
    """A dirty page in `language` on a template whose chrome is in another language."""
    rng = random.Random(seed)
    title, paragraphs = STORIES[language]
    caption = CAPTIONS[language][0]
    chrome_lang = "en" if language == "zh" else "zh"
    chrome = CHROME[chrome_lang]
    notices = NOTICES[language]
    run = " ".join(f"{h} {h} 2024-04-0{i + 1} 1{i}:0{i} | {label}" for i, (h, label) in enumerate(RUN_ITEMS))
    glued = paragraphs[2]
    body = [("caption", caption), ("p", paragraphs[0]), ("p", paragraphs[1]), ("caption", caption)]
    # The glued headline run only fits a Latin-script page's template (it is English).
    body.append(("p", f"{run} {glued}") if language in ("en",) else ("p", glued))
    body += [("p", paragraphs[3]), ("notice", notices[1]), ("notice", notices[2])]
    cls = rng.choice(["article-body", "post-content", "entry"])
    parts = []
    figure = seed % 2 == 1  # odd seeds: <figure>/<figcaption>; even: a <p> under the image, as CMSs do
    for kind, text in body:
        if kind == "caption" and figure:
            parts.append(f'<figure><img src="/i/{rng.randint(1, 99)}.jpg" alt="">'
                         f"<figcaption>{html.escape(text)}</figcaption></figure>")
        elif kind == "caption":
            parts.append(f'<p><img src="/i/{rng.randint(1, 99)}.jpg"></p><p>{html.escape(text)}</p>')
        else:
            parts.append(f"<p>{html.escape(text)}</p>")
    page_html = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f"</head><body><div class=\"nav\"><a href=\"/\">{html.escape(chrome[0])}</a></div>"
        f'<div class="{cls}"><h1>{html.escape(title)}</h1>{"".join(parts)}</div>'
        f'<div class="footer"><p>{html.escape(notices[0])}</p><p>{html.escape(chrome[1])}</p></div></body></html>'
    )
    lines = [chrome[0], title, "2024-04-06 10:00", caption, caption, *[t for k, t in body if k != "caption"],
             caption, notices[0], chrome[1]]
    junk = [notices[0], notices[1], chrome[0], chrome[1], "2024-04-01", "| Local"]
    if language == "zh":
        junk = [notices[0], "我要评论", chrome[0], chrome[1]]
    return DirtyPage(html=page_html, text="\n".join(lines), title=title, language=language,
                     paragraphs=list(paragraphs), captions=[caption], junk=junk, figure=figure)
