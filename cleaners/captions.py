"""Move image captions out of the body: every copy is removed, each distinct caption kept once.

Templates print a photo's caption under the image, again as its alt text, and often once more
further down, so the body reads the same caption three times (the seed does). A block is a
caption when HTML says so (figcaption), when it equals or extends an image's alt text, when it
ends with a photo credit (". AP-Yonhap", "(AP Photo/...)", "Photo: ...", "사진=", "图片来源"), or
when it sits next to an image and also repeats in the page or names positions ("left", "right").
Then every copy of it goes, also one glued into a longer block by extraction. Kept: a story's closing source tag "(Yonhap)", a body sentence that
merely names an agency ("..., Reuters reported."), and a paragraph after an image with no other
caption sign.
"""

from __future__ import annotations

import re
from collections import Counter

from cleaners.blocks import Block, match_key
from cleaners.draft import Draft
from cleaners.scripts import word_units

_AGENCY = (
    r"(?:AP|AFP|EPA|EFE|Reuters|Getty Images|Yonhap|Xinhua|Kyodo|TASS|ANSA|dpa|Bloomberg|Shutterstock"
    r"|Anadolu|PTI|IANS|Newsis|News1|NurPhoto|Imago|Alamy|ZUMA|SIPA|Keystone|Jiji|KCNA|Sputnik|RIA Novosti)"
)
# An agency credit standing after the caption's last sentence: ". AP-Yonhap", ". EPA/EFE".
_BARE_CREDIT = re.compile(rf"[.!?\"”)]\s+{_AGENCY}(?:\s*[-/]\s*{_AGENCY})*\s*$")
# Credits that say "photo" in some language, at the end: "(AP Photo/Jane Doe)", "Photo: X", "사진=X".
# Searched in the lower-cased tail: case-sensitive matching is the faster one.
_PHOTO_CREDIT = re.compile(
    r"(?:[(（\[]\s*)?(?:\b(?:photo|photograph|picture|image|foto|bild|credit)s?\s*(?:by)?\s*[:/]"
    r"|(?:photo|photograph|foto)\s+by\b|사진\s*=|사진\s*제공|图片来源|图源|圖片來源|摄影[:：]|攝影[:：]|写真[:：=]"
    r"|фото\s*[:：]|صورة\s*[:：])[^.!?。]{0,80}$",
)
# Caption phrasing: people placed in the picture.
_POSITIONS = re.compile(
    r"[,(]\s*(?:from\s+)?(?:left|right|centre|center|second (?:left|right)|top|bottom)\s*[,)]"
    r"|[(（](?:왼쪽|오른쪽|左|右)[)）]",
    re.IGNORECASE,
)
_MAX_CAPTION_WORDS = 90
# Credits sit at the end: searching only the tail keeps these patterns cheap on long paragraphs.
_TAIL = 120
_MIN_ALT_PREFIX = 20
_MIN_GLUED_WORDS = 6  # a caption this long is cut out of a longer block wherever it stands
_MIN_SHORT_GLUED_WORDS = 3  # a shorter one only where a sentence starts (it may be a phrase of the text)
_SENTENCE_START = r"(?:^|(?<=[.!?。！？…][\"'”’»」』)）]) |(?<=[.!?。！？…] ))"


def has_photo_credit(text: str) -> bool:
    """True when text ends with a photo credit (an agency after the last sentence, or "Photo: ...").

    >>> has_photo_credit("Lavrov, left, and Pompeo in Sochi, May 14, 2019. AP-Yonhap")
    True
    >>> has_photo_credit("That ended the summit, officials said. (Yonhap)")
    False
    """
    tail = text[-_TAIL:]
    return bool(_BARE_CREDIT.search(tail) or _PHOTO_CREDIT.search(tail.lower()))


def _matches_alt(key: str, alts: set[str], long_alts: tuple[str, ...]) -> bool:
    """The block is an image's alt text, or starts with a long one (the caption extends it)."""
    return key in alts or key.startswith(long_alts)


def remove_captions(draft: Draft) -> None:
    """Drop caption blocks and every copy of them (kind `caption`); keep each once in `captions`."""
    blocks = draft.blocks
    keys = [match_key(b.text) for b in blocks]
    counts = Counter(keys)
    alts = {match_key(a) for a in draft.page.image_alts if a.strip()}
    long_alts = tuple(a for a in alts if len(a) >= _MIN_ALT_PREFIX)

    def eligible(block: Block) -> bool:
        return block.tag not in ("code", "head") and word_units(block.text) <= _MAX_CAPTION_WORDS

    def is_caption(i: int, block: Block) -> bool:
        if block.is_caption or _matches_alt(keys[i], alts, long_alts) or _PHOTO_CREDIT.search(block.text[-_TAIL:].lower()):
            return True
        repeated = counts[keys[i]] > 1
        if (block.near_image or repeated) and _BARE_CREDIT.search(block.text[-_TAIL:]):
            return True
        # "(left)" alone is how a reviewer may write too; printed twice, it is a caption.
        return repeated and bool(_POSITIONS.search(block.text))

    sure = [eligible(b) and is_caption(i, b) for i, b in enumerate(blocks)]
    # A block ending in an agency credit is a caption when it sits next to a sure caption (a
    # gallery); alone, ". PTI" or ". AP" may be how a wire story ends its paragraph.
    found = [
        sure[i] or (any(sure[j] for j in (i - 1, i + 1) if 0 <= j < len(blocks))
                    and eligible(b) and bool(_BARE_CREDIT.search(b.text[-_TAIL:])))
        for i, b in enumerate(blocks)
    ]
    caption_keys: dict[str, str] = {}
    for i, block in enumerate(blocks):
        if found[i]:
            caption_keys.setdefault(keys[i], block.text)
    draft.captions.extend(t for t in caption_keys.values() if t not in draft.captions)
    if caption_keys:
        draft.drop(lambda _i, b: "caption" if match_key(b.text) in caption_keys else None)
        _cut_glued_copies(draft, [t for t in caption_keys.values() if word_units(t) >= _MIN_SHORT_GLUED_WORDS])


def _cut_glued_copies(draft: Draft, captions: list[str]) -> None:
    """Cut copies of the captions out of longer blocks (kind `caption`), dropping a block left empty.

    A page that writes its article as loose text with line breaks comes out of extraction as a
    few long blocks, its captions glued into them between two sentences. A long caption is cut
    wherever it stands; a short one only where it starts the block or follows a sentence's end,
    so the same words inside one of the article's sentences stay.
    """
    patterns = [re.compile(re.escape(c) if word_units(c) >= _MIN_GLUED_WORDS else _SENTENCE_START + re.escape(c))
                for c in captions]

    def cut(_i: int, block: Block) -> str | None:
        text, copies = block.text, 0
        for caption, pattern in zip(captions, patterns, strict=True):
            if caption in text:
                text, n = pattern.subn(" ", text)
                copies += n
        if not copies:
            return None
        text = " ".join(text.split())
        if not text:
            return "caption"  # the block was only copies
        draft.removed["caption"] += copies
        block.text = text
        return None

    if captions:
        draft.drop(cut)
