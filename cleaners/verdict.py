"""Filters over a cleaned Article: keep it, or drop it with a reason tag (reused as a stats key)."""

from __future__ import annotations

from cleaners.article import Article

# Below this many words (a CJK character counts as one) a page is navigation, a stub or an error page,
# not an article: the shortest real news briefs run to a few sentences.
MIN_WORDS = 40


def check_has_text(article: Article) -> tuple[bool, str | None]:
    """Drop a page whose cleaned text is empty.

    >>> check_has_text(Article(text=""))
    (False, 'no_main_text')
    """
    return (True, None) if article.text.strip() else (False, "no_main_text")


def check_long_enough(article: Article, min_words: int = MIN_WORDS) -> tuple[bool, str | None]:
    """Drop a page whose body is too short to be an article (menus, about pages, stubs).

    >>> check_long_enough(Article(text="Home | About | Contact", word_count=4))
    (False, 'too_short')
    """
    return (True, None) if article.word_count >= min_words else (False, "too_short")


def check_language(article: Article, languages: tuple[str, ...] | list[str]) -> tuple[bool, str | None]:
    """Drop a page whose language is not one of `languages` (a job's filter; ISO 639-1 codes).

    The identified language counts; without one, the page's declared `<html lang>`. A page with
    neither is dropped too, since the filter promises only the listed languages.

    >>> check_language(Article(language="de"), ["en"])
    (False, 'not_target_language')
    >>> check_language(Article(html_lang="en-GB"), ["en", "fr"])
    (True, None)
    """
    lang = (article.language or (article.html_lang or "").split("-")[0].split("_")[0]).strip().lower()
    if not lang:
        return False, "unknown_language"
    return (True, None) if lang in languages else (False, "not_target_language")


FILTERS = (check_has_text, check_long_enough)


def verdict(article: Article) -> tuple[bool, str | None]:
    """Run every filter in order; the first that drops decides the reason."""
    for check in FILTERS:
        keep, reason = check(article)
        if not keep:
            return keep, reason
    return True, None
