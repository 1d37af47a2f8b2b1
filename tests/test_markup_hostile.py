"""Broken and hostile markup through the shared markup layer (newsdoc.markup): only newsdoc's
own errors may come out, and what cannot be read is reported, never lost in silence.

Every reader of HTML bodies goes through :func:`newsdoc.markup.html.parse_html` (feeds'
``content:encoded``, DOCX through mammoth, ninjs and NewsML-G2 bodies without a namespace),
so a page broken as pages are met in the wild is tried here and through a feed.
"""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import pytest

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.markup.html import parse_html, read_html_body


def _words(markup: str) -> list[str]:
    return " ".join(parse_html(markup).itertext()).split()


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ("<html><body><p>One</p></body></html><html><body><p>Two</p></body></html>", "One Two"),
        ("<html><body>One</body> <body>Two</body></html>", "One Two"),
        ("<html><head></head><body>One </body><head></head><body>Two</body></html>", "One Two"),
        ("<html><body><p>One</p></body></html><p>Two</p>", "One Two"),
        ("<html><body>One</body> Two</html> Three", "One Two Three"),
        ("<!DOCTYPE html><html><head><title>T</title></head><body>One</body></html>", "One"),
        ("<html><head><title>T</title></head><body>One</body></html> <body>Two</body>", "One Two"),
        ("<!-- c --><!doctype html><html><body>One</body></html>", "One"),
        (  # a title left open takes in the rest of the page
            "<html><head><title>Dome<99/title></head><body><p>Visitors</p></body></html>",
            "Dome<99/title> Visitors",
        ),
        ("<html><body>&#xFFFE;One</body> &#xFFFF;Two</html>", "One Two"),
        ('<?xml version="1.0" encoding="ISO-8859-1"?><html><body>Café</body></html>', "Café"),
        ('<html><head><meta charset="windows-1251"></head><body>Café Ա</body></html>', "Café Ա"),
        ("<html></html>", ""),
        ("<!doctype html>", ""),
        ("<!doctype html><!-- nothing -->", ""),
        ("<html><!-- c --></html>", ""),
    ],
)
def test_broken_pages_are_read_as_a_browser_would(markup: str, expected: str) -> None:
    assert _words(markup) == expected.split()
    read_html_body(markup)


@pytest.mark.parametrize(
    "markup",
    [
        "<uy<>Night train</uy<>",
        "<a<b>Night train</a<b>",
        "<p>The <uy<>night</uy<> train</p>",
        "<p><a<b href='https://example.com/'>Night train</a<b></p>",
        "<o:p>Night train</o:p>",
        "<p>Night<o:p></o:p> train</p>",
        "<ul><li><x:y>Night train</x:y></li></ul>",
        "<blockquote><p>Night train</p><a<b>— Lilit Sargsyan</a<b></blockquote>",
    ],
)
def test_tag_names_xml_cannot_hold_keep_their_text(markup: str) -> None:
    root = parse_html(markup)
    assert all(e.tag in ("div", "p", "span", "ul", "li", "blockquote") for e in root.iter())
    body = read_html_body(markup)
    assert (
        "night"
        in " ".join(
            nd.plain_text(getattr(b, "content", None) or getattr(b, "text", None) or ())
            + " ".join(nd.plain_text(i) for i in getattr(b, "items", ()))
            for s in body.sections
            for b in s.blocks
        ).lower()
    )


def test_html_nested_deeper_than_the_parser_goes_is_reported() -> None:
    with collect() as found:
        parse_html("<div>" * 300 + "deep" + "</div>" * 300 + "<p>after</p>")
    assert [d.code for d in found] == ["dropped"]


def test_the_start_of_a_page_is_found_in_linear_time() -> None:
    parse_html("<!---->" * 40 + "x")  # comments that could be grouped in many ways
    parse_html("</html" * 200_000)  # end tags that never close


def _rss(content: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        "<link>https://example.com/</link><description>d</description><item>"
        "<title>Night train</title><link>https://example.com/a</link>"
        "<guid>https://example.com/a</guid><pubDate>Mon, 02 Jan 2023 10:00:00 GMT</pubDate>"
        f"<content:encoded>{escape(content)}</content:encoded></item></channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    "content",
    [
        "<x:y>The train runs nightly.</x:y>",
        "<p>The train <a<b>runs</a<b> nightly.</p>",
        "<html><head><title>x</title></head></html><p>The train runs nightly.</p>",
        "<html><body>The train</body><body>runs nightly.</body></html>",
        "<!doctype html><html><body><p>The train</p></body></html><p>runs nightly.</p>",
    ],
)
def test_a_feeds_broken_content_html_is_read(content: str) -> None:
    document = nd.loads(_rss(content), "rss")
    articles = document.articles if isinstance(document, nd.Collection) else [document]
    text = " ".join(
        nd.plain_text(b.content)  # type: ignore[union-attr]
        for s in articles[0].sections
        for b in s.blocks
    )
    assert "nightly" in text


def _nitf(content: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/" xml:lang="en"><head>'
        '<docdata><doc-id id-string="urn:test:quote-1"/>'
        '<date.issue norm="20230102T100000Z"/></docdata>'
        "</head><body><body.head><hedline><hl1>Night train</hl1></hedline></body.head>"
        f"<body.content>{content}</body.content></body></nitf>"
    ).encode()


def _quote(credit: str) -> tuple[nd.Quote, list[str]]:
    with collect() as found:
        article = nd.loads(
            _nitf(f"<bq><block><p>We wanted a train.</p></block>{credit}</bq>"), "nitf"
        )
    assert isinstance(article, nd.Article)
    (quote,) = article.sections[0].blocks
    assert isinstance(quote, nd.Quote)
    return quote, [f"{d.code}: {d.message}" for d in found]


def test_a_credit_of_a_bare_name_names_the_speaker() -> None:
    quote, found = _quote("<credit>Lilit Sargsyan</credit>")
    assert quote.speaker == nd.Person(name="Lilit Sargsyan")
    assert found == []
    body = read_html_body(
        '<blockquote><p>We wanted a train.</p></blockquote><p class="credit">Lilit Sargsyan</p>'
    )
    (read,) = body.sections[0].blocks
    assert isinstance(read, nd.Quote)
    assert read.speaker == nd.Person(name="Lilit Sargsyan")


@pytest.mark.parametrize(
    "credit",
    [
        "<credit>said the head of passenger services</credit>",
        "<credit><function>head of passenger services</function></credit>",
        '<credit><chron norm="2023-01-02">Monday</chron>, said a guard</credit>',
    ],
)
def test_a_credit_that_names_no_speaker_is_reported(credit: str) -> None:
    quote, found = _quote(credit)
    assert quote.speaker is None
    assert len(found) == 1
    assert found[0].startswith("dropped: a quote's credit")


def test_a_credit_with_a_place_and_a_date_but_no_speaker_reads_back_in_silence() -> None:
    import datetime as dt

    quote = nd.Quote(text="We wanted a train.", place="Yerevan", date=dt.date(2023, 1, 2))
    article = nd.Article(
        id="urn:newsdoc:test:quote",
        headline="Night train",
        language="en",
        sections=[nd.Section(blocks=[quote])],
    )
    writers = [("nitf", {}), ("newsml", {}), ("newsml", {"body": "xhtml"}), ("ninjs", {})]
    for fmt, given in writers:
        with collect() as found:
            back = nd.loads(nd.dumps(article, fmt, **given), fmt)
        assert isinstance(back, nd.Article)
        assert back.sections[0].blocks == (quote,), fmt
        assert [d for d in found if d.code == "dropped"] == [], fmt


@pytest.mark.parametrize(
    "markup",
    [
        "<blockquote>Loose words <p>We wanted a train.</p></blockquote>",
        "<blockquote><p>We wanted a train.</p><ul><li>Four nights</li></ul></blockquote>",
    ],
)
def test_text_in_a_quote_outside_its_paragraphs_is_reported(markup: str) -> None:
    with collect() as found:
        body = read_html_body(markup)
    (quote,) = body.sections[0].blocks
    assert isinstance(quote, nd.Quote)
    assert nd.plain_text(quote.text) == "We wanted a train."
    assert [d.code for d in found] == ["dropped"]
    assert "outside its paragraphs" in found[0].message


def test_a_tree_with_names_xml_cannot_hold_is_read_as_given() -> None:
    from lxml import html as lxml_html

    root = lxml_html.fragment_fromstring(
        "<p>The <uy<>night</uy<> train</p><blockquote><p>Q</p><x:y></x:y></blockquote>",
        create_parent="div",
    )
    (paragraph, quote) = read_html_body(root).sections[0].blocks
    assert nd.plain_text(paragraph.content) == "The night train"  # type: ignore[union-attr]
    assert isinstance(quote, nd.Quote)


def test_a_noncharacter_reference_in_loose_body_text_is_removed_and_reported() -> None:
    body = (
        '<div class="newsdoc-body"><div class="section"><p>One</p>Loose &#xFFFE; text</div></div>'
    )
    item = {
        "uri": "urn:test:1",
        "language": "en",
        "headlines": [{"value": "Loose text"}],
        "bodies": [{"contentType": "text/html", "value": body}],
    }
    with collect() as found:
        article = nd.loads(json.dumps(item), "ninjs")
    assert isinstance(article, nd.Article)
    texts = [nd.plain_text(b.content) for s in article.sections for b in s.blocks]
    assert texts == ["One", "Loose text"]
    assert [(d.code, d.where) for d in found] == [("dropped", "body")]
