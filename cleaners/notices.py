"""Remove legal and site notices: copyright lines, reprint/disclaimer/source notices, site policies,
ICP licence lines, comment/share prompts, font-size toggles and breadcrumbs.

Templates print these around every article; they are never the story. Each rule needs the
notice's *form*, not just a topic word: a copyright line starts with "Copyright"/"©" or ends
with "All rights reserved", a prompt is a short line that is not a sentence. So a news sentence
about copyright law, or one that mentions sharing or comments, is kept. Patterns cover en, zh,
ja, ko, ru, de, fr, es and ar.
"""

from __future__ import annotations

import re

from cleaners.draft import Draft
from cleaners.scripts import ends_sentence, word_units

_I = re.IGNORECASE
# The long alternations below are written in lower case and searched in the lower-cased text:
# case-sensitive matching lets the regex engine skip ahead on literals, which is faster.

# Legal lines: the block opens with the copyright sign or word, or closes with the reservation.
_LEGAL_START = re.compile(r"^\s*(?:copyright\b|©|\(c\)\s*\d{4}|ⓒ|版权所有|版權所有|著作権|저작권)", _I)
_LEGAL_END = re.compile(
    r"(?:all rights reserved|版权所有|版權所有|保留所有权利|無断(?:転載|複製|転用)(?:を)?禁(?:ず|じます|止)"
    r"|무단\s*전재\s*(?:및|와|,)?\s*재배포\s*금지|все права защищены|alle rechte vorbehalten"
    r"|tous droits réservés|todos los derechos reservados|جميع الحقوق محفوظة)[\s.。!)）]*$",
)
# Reprint, disclaimer and licence notices, wherever they sit in a short block.
_NOTICE_ANYWHERE = re.compile(
    r"转载请注明|(?:不得|禁止|严禁|谢绝)(?:转载|复制|镜像|转贴)|未经.{0,15}(?:许可|授权|同意).{0,8}(?:不得|禁止|严禁)"
    r"|本(?:站|网|报|文)(?:声明|仅代表|观点|部分|所载|转载|内容)|免责声明|icp[备證证]|公网安备|增值电信业务经营许可证"
    r"|無断(?:転載|複製|転用)|免責事項|무단\s*(?:전재|복제)|재배포\s*금지"
    r"|may not be (?:re)?(?:published|produced|distributed|broadcast|written|redistributed)"
    r"|(?:reproduction|republication|redistribution)\b.{0,40}\b(?:prohibited|forbidden|without (?:prior )?(?:written )?permission)"
    r"|\bdisclaimer\s*:|the views (?:and opinions )?expressed (?:in this|here|herein)"
    r"|при (?:полном или частичном )?(?:использовании|копировании|перепечатке) материалов|перепечатка"
    r"|nachdruck\b.{0,40}\b(?:nur|verboten|untersagt)|haftungsausschluss"
    r"|reproduction (?:interdite|totale ou partielle)|prohibida (?:su|la) reproducción|aviso legal"
    r"|يمنع (?:النسخ|إعادة النشر)|إخلاء المسؤولية",
)
# Source lines ("Source: ...") are notices only when they are all the block says.
_SOURCE_LINE = re.compile(r"^\s*(?:来源|來源|source|quelle|fuente|источник|출처|出典|المصدر)\s*[:：]", _I)
# A numbered list of site rules: "1. ... 2. ..." that talks about the site itself.
_NUMBERED = re.compile(r"^\s*1\s*[.、．)）]")
_SECOND_ITEM = re.compile(r"[;；。.]\s*2\s*[.、．)）]")
_SITE_WORD = re.compile(
    r"本站|本网|本報|本报|网站|網站|this (?:site|website)|our (?:site|website)|当サイト|本サイト"
    r"|(?:본|당)\s*사이트|сайт|\bsite\b|\bwebsite\b|\bsitio\b|موقع",
)
# Prompts and chrome: comment and share calls, related-article labels, font-size toggles.
_PROMPT = re.compile(
    r"我要评论|发表评论|网友(?:评论|点评)|评论\s*[(（]\d+[)）]|分享到|相关(?:文章|阅读|新闻|推荐)|热门文章|推荐阅读"
    r"|字号\s*[:：]?\s*[大中小+＋\-－]|文字サイズ|コメント(?:する|を書く)|関連記事|シェア"
    r"|댓글\s*(?:쓰기|달기|\d+)|공유하기|관련\s*기사|글자\s*크기"
    r"|leave a (?:comment|reply)|post a comment|add a comment|\d+\s+comments?\b|comments?\s*\(\d+\)"
    r"|share (?:this|on)\b|^share\b|join the (?:conversation|discussion)|related (?:articles|stories|posts|news)"
    r"|^read more\b|you (?:may|might) also like|font size|text size|\ba\+\s*a-|sign up for (?:our )?newsletter"
    r"|kommentar(?:e)? schreiben|artikel teilen|schriftgröße|ähnliche artikel"
    r"|laisser un commentaire|partager (?:cet article|sur)|taille (?:du texte|de (?:la )?police)|à lire aussi"
    r"|deja (?:un|tu) comentario|compartir (?:en|este|esta)|tamaño de (?:letra|fuente|texto)|noticias relacionadas"
    r"|оставить комментарий|поделиться|размер шрифта|читайте также|похожие (?:статьи|новости)"
    r"|اترك تعليقا|شارك (?:المقال|على)|حجم الخط|مقالات ذات صلة",
)
# Breadcrumbs: three or more short items joined by > › » (or a spaced " / "), or "You are here:".
_CRUMB_SEP = r"(?:\s*[>›»]\s*|\s/\s)"
_BREADCRUMB = re.compile(
    rf"^(?:you are here\s*:|当前位置\s*[:：]|位置\s*[:：])|^(?:[^>›»/]{{1,30}}{_CRUMB_SEP}){{2,}}[^>›»/]{{1,30}}$", _I
)

# Size limits, in words (a CJK character is a word): notices are short; a long block is prose.
_MAX_LEGAL = 80
_MAX_NOTICE = 60
_MAX_POLICY = 160
_TAIL = 80
_MAX_PROMPT = 30


def notice_kind(text: str) -> str | None:
    """`notice` when text is a legal or site notice, a prompt or a breadcrumb, else None.

    >>> notice_kind("Copyright © 2024 Example Media. All rights reserved.")
    'notice'
    >>> notice_kind("The court said the copyright law protects news photos taken in 2019.") is None
    True
    """
    units = word_units(text)
    if units > _MAX_POLICY:
        return None
    low = text.lower()
    if units <= _MAX_LEGAL and (_LEGAL_START.search(text) or _LEGAL_END.search(low[-_TAIL:])):
        return "notice"
    if units <= _MAX_NOTICE and _NOTICE_ANYWHERE.search(low):
        return "notice"
    if _NUMBERED.search(text) and _SECOND_ITEM.search(text) and _SITE_WORD.search(low):
        return "notice"
    if units <= _MAX_PROMPT and not (ends_sentence(text) and units > 8):
        if _PROMPT.search(low) or _BREADCRUMB.search(text):
            return "notice"
        if units <= 12 and _SOURCE_LINE.search(text):
            return "notice"
    return None


def remove_notices(draft: Draft) -> None:
    """Drop notice blocks (kind `notice`); code blocks are spared."""
    draft.drop(lambda _i, b: None if b.tag == "code" else notice_kind(b.text))
