"""Function words per language: the share of a text's words that are a language's stop words.

Prose is dense in function words ("the", "of", "и", "の"); menus, labels, bylines and link lists are not, in any
language. The word lists are jusText's stop-lists (jusText is a trafilatura dependency; this is the one place
that reads them), one per language langdetect can name. Chinese and Japanese write no spaces, so their density
is counted per character: Chinese over a short list of particles, Japanese as the share of hiragana (the
particles and inflections that prose is woven from, rare in a menu of kanji and katakana nouns).
"""

from __future__ import annotations

import re
from functools import cache

# langdetect's ISO 639-1 codes -> jusText's stop-list names (no list for so, pa (jusText's is Shahmukhi), th)
_JUSTEXT_NAMES = {
    "af": "Afrikaans", "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "ca": "Catalan", "cs": "Czech",
    "cy": "Welsh", "da": "Danish", "de": "German", "el": "Greek", "en": "English", "es": "Spanish",
    "et": "Estonian", "fa": "Persian", "fi": "Finnish", "fr": "French", "gu": "Gujarati", "he": "Hebrew",
    "hi": "Hindi", "hr": "Croatian", "hu": "Hungarian", "id": "Indonesian", "it": "Italian", "kn": "Kannada",
    "ko": "Korean", "lt": "Lithuanian", "lv": "Latvian", "mk": "Macedonian", "ml": "Malayalam", "mr": "Marathi",
    "ne": "Nepali", "nl": "Dutch", "no": "Norwegian_Bokmal", "pl": "Polish", "pt": "Portuguese",
    "ro": "Romanian", "ru": "Russian", "sk": "Slovak", "sl": "Slovenian", "sq": "Albanian", "sv": "Swedish",
    "sw": "Swahili", "ta": "Tamil", "te": "Telugu", "tl": "Tagalog", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese",
}
# A word: letters with their combining marks (Indic vowel signs are marks, not `\w`); a CJK character alone.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_WORD = re.compile(rf"[{_CJK}]|(?:[^\W\d_{_CJK}]|[\u0300-\u036f\u0900-\u0dff\u0e00-\u0e7f\u1000-\u109f])+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KANA_OR_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_HIRAGANA = re.compile(r"[\u3040-\u309f]")
# Chinese structural particles, pronouns, copulas and prepositions: the characters prose cannot do without
_ZH_PARTICLES = re.compile(r"[的了是在和有这這也就不我他她们們到说說而与與对對为為以将將被从從把等之其中个個]")


def has_function_words(language: str | None) -> bool:
    """True when there is a function-word measure for the language (ISO 639-1, as `Article.language`)."""
    return language in ("zh", "ja") or language in _JUSTEXT_NAMES


def function_word_share(text: str, language: str | None) -> float:
    """The share of text's words (characters, in Chinese and Japanese) that are the language's function words.

    0.0 for a language without a list, and for text without words.

    >>> round(function_word_share("The talks ended in a deal on the border", "en"), 2)
    0.56
    >>> function_word_share("Markets Podcasts Weather Sport", "en")
    0.0
    """
    if language == "zh":
        return _char_share(_ZH_PARTICLES, _HAN, text)
    if language == "ja":
        return _char_share(_HIRAGANA, _KANA_OR_HAN, text)
    return share_of(words_of(text), stop_words(language))


def words_of(text: str) -> list[str]:
    """The words of text, lower-cased, as function words are counted (each CJK character a word).

    >>> words_of("Новости: «Главная» 2024 हिन्दी 東京")
    ['новости', 'главная', 'हिन्दी', '東', '京']
    """
    return _WORD.findall(text.lower())


def share_of(words: list[str], stops: frozenset[str]) -> float:
    """The share of words in stops (0.0 for no words)."""
    return sum(map(stops.__contains__, words)) / len(words) if words else 0.0


def stop_words(language: str | None) -> frozenset[str]:
    """The language's function words (empty for a language without a list, and for Chinese and Japanese)."""
    return _stoplist(language)


def _char_share(wanted: re.Pattern[str], among: re.Pattern[str], text: str) -> float:
    total = len(among.findall(text))
    return len(wanted.findall(text)) / total if total else 0.0


@cache
def _stoplist(language: str | None) -> frozenset[str]:
    """jusText's stop-list for the language, its entries cut into words as text is (some carry punctuation)."""
    name = _JUSTEXT_NAMES.get(language or "")
    if name is None:
        return frozenset()
    import justext  # imported on first use: only text mode needs it

    return frozenset(words_of(" ".join(justext.get_stoplist(name))))
