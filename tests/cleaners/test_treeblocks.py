"""body_blocks: every piece of text trafilatura kept ends up in one block, with its HTML signals."""

from lxml import etree

from cleaners.extract import parse_html
from cleaners.treeblocks import body_blocks, source_index, text_of
from tests.cleaners.test_parse import PAGES


def _body(xml: str):
    return etree.fromstring(xml)


def test_text_directly_in_body_and_in_tails_is_kept():
    body = _body("<body><head>Title</head>Loose text after the heading.<p>A paragraph.</p>Tail text.</body>")
    assert [(b.tag, b.text) for b in body_blocks(body)] == [
        ("head", "Title"), ("p", "Loose text after the heading."), ("p", "A paragraph."), ("p", "Tail text.")]


def test_list_items_and_table_rows():
    body = _body("<body><list><item>One</item><item>Two <hi>bold</hi></item></list>"
                 "<table><row><cell>A</cell><cell>1</cell></row><row><cell>B</cell><cell>2</cell></row></table></body>")
    assert [(b.tag, b.text) for b in body_blocks(body)] == [
        ("item", "One"), ("item", "Two bold"), ("row", "A | 1"), ("row", "B | 2")]


def test_line_breaks_become_spaces():
    body = _body("<body><p>first line<lb/>second line</p></body>")
    assert body_blocks(body)[0].text == "first line second line"


def test_signals_looked_up_in_the_source_tree():
    tree = parse_html("<html><body><div class='related-box'><p><a href='/x'>Other story headline</a></p></div>"
                      "<p><img src='a.jpg'></p><p>Caption under the photo</p></body></html>")
    body = _body("<body><p>Other story headline</p><p>Caption under the photo</p></body>")
    linked, caption = body_blocks(body, {"Caption under the photo"}, source_index(tree))
    assert linked.link_density == 1.0 and {"related", "box"} <= linked.hints
    assert caption.near_image and caption.is_caption
    assert not linked.near_image and not linked.is_caption


def test_text_of_is_text_content_with_and_without_children():
    tree = parse_html("<html><body><p>Plain &amp; simple</p><p>With <a href='/'>a link</a> &lt;inside&gt;</p>"
                      "<p></p><a href='/x'>alone</a></body></html>")
    pages = [parse_html(p.read_text(encoding="utf-8")) for p in PAGES[:5]]
    for el in [e for t in (tree, *pages) for e in t.iter("p", "a", "li", "h1", "h2")]:
        assert text_of(el) == el.text_content()


def test_heading_and_paragraphs_inside_an_item_stay_apart():
    """A feature list whose items hold a heading, a paragraph and a link: no two words glued into one."""
    body = _body("<body><list><item><head rend='h2'>WebIDE</head><p>Develop and debug apps.</p>"
                 "Learn more about WebIDE</item></list></body>")
    assert body_blocks(body)[0].text == "WebIDE Develop and debug apps. Learn more about WebIDE"


def test_inline_markup_joined_as_rendered():
    body = _body("<body><p>Hyper<hi rend='#b'>link</hi>ed text and a <ref>link</ref>.</p></body>")
    assert body_blocks(body)[0].text == "Hyperlinked text and a link."
