"""read_jsonld: the article object is found in lists and @graph; broken JSON is skipped."""

from cleaners.extract import parse_html
from cleaners.jsonld import read_jsonld


def _page(*scripts: str) -> str:
    tags = "".join(f'<script type="application/ld+json">{s}</script>' for s in scripts)
    return f"<html><head>{tags}</head><body><p>Body text of the page.</p><p>More text.</p></body></html>"


def test_article_in_a_list():
    data = read_jsonld(parse_html(_page('[{"@type": "Organization", "name": "X"}, '
                                        '{"@type": "BlogPosting", "headline": "H", "articleBody": "B b"}]')))
    assert (data.headline, data.article_body) == ("H", "B b")


def test_broken_script_skipped_next_one_read():
    data = read_jsonld(parse_html(_page('{"@type": "NewsArticle", "headline": ', '{"@type": "NewsArticle", "headline": "Ok"}')))
    assert data.headline == "Ok"


def test_author_string_or_object_and_publisher():
    data = read_jsonld(parse_html(_page('{"@type": ["NewsArticle"], "headline": "H", "author": "Ana Ruiz", '
                                        '"publisher": {"name": "Diario"}}')))
    assert data.authors == ["Ana Ruiz"] and data.publisher == "Diario"


def test_no_jsonld_is_empty():
    data = read_jsonld(parse_html(_page()))
    assert data.headline is None and data.authors == [] and data.article_body is None


def test_script_wrapped_in_cdata_or_a_comment_is_read():
    # XHTML-era templates wrap the JSON: "//<![CDATA[ ... //]]>", "<!-- ... -->"
    cdata = read_jsonld(parse_html(_page('//<![CDATA[\n{"@type": "NewsArticle", "headline": "A", '
                                         '"datePublished": "2020-07-10T14:15:42+00:00"}\n//]]>')))
    comment = read_jsonld(parse_html(_page('<!--\n{"@type": "NewsArticle", "headline": "B"}\n-->')))
    assert (cdata.headline, cdata.published, comment.headline) == ("A", "2020-07-10T14:15:42+00:00", "B")


def test_published_never_modified():
    data = read_jsonld(parse_html(_page('{"@type": "BlogPosting", "name": "N", "dateModified": "2024-03-02",'
                                        ' "datePublished": "2023-11-20"}')))
    assert (data.published, data.headline, data.name) == ("2023-11-20", None, "N")
