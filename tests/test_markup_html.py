"""The shared reader of HTML bodies without a namespace (newsdoc.markup.html), on its own.

DOCX (through mammoth), feeds, and later ninjs and NewsML-G2 bodies from providers that leave
the XHTML namespace out all go through it; these tests hold it to the rules listed in
newsdoc.markup.body_reader.
"""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given, settings

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.formats.html import Renderer
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.html import parse_html, read_html_body
from newsdoc.markup.xml import etree
from tests.strategies import sections


def _kinds(section: nd.Section) -> list[str]:
    return [type(block).__name__ for block in section.blocks]


def test_headings_of_every_level_start_sections_and_the_flattening_is_reported() -> None:
    with collect() as found:
        body = read_html_body(
            "<p>Lead paragraph.</p><h1>Timetable</h1><p>Nightly.</p>"
            "<h2>Fares</h2><p>From 30 euros.</p><h3>Children</h3><p>Half price.</p>"
        )
    assert [s.heading for s in body.sections] == [None, "Timetable", "Fares", "Children"]
    assert [nd.plain_text(s.blocks[0].content) for s in body.sections] == [  # type: ignore[union-attr]
        "Lead paragraph.",
        "Nightly.",
        "From 30 euros.",
        "Half price.",
    ]
    assert [d.code for d in found] == ["unmapped"]
    assert "3 levels" in found[0].message


def test_a_quote_takes_its_speaker_from_a_trailing_or_a_following_attribution_line() -> None:
    body = read_html_body(
        "<blockquote><p>We wanted a train you can sleep through.</p>"
        "<p>— Lilit Sargsyan, head of passenger services, South Caucasus Railway</p></blockquote>"
        "<blockquote><p>The border post opens at night now.</p></blockquote>"
        "<p>– Giorgi Beridze, customs officer</p>"
        "<p>— and this dash line follows a paragraph, so it stays one.</p>"
    )
    first, second, third = body.sections[0].blocks
    assert isinstance(first, nd.Quote)
    assert isinstance(second, nd.Quote)
    assert nd.plain_text(first.text) == "We wanted a train you can sleep through."
    assert first.speaker == nd.Person(
        name="Lilit Sargsyan",
        role="head of passenger services",
        affiliation="South Caucasus Railway",
    )
    assert second.speaker == nd.Person(name="Giorgi Beridze", role="customs officer")
    assert isinstance(third, nd.Paragraph)


def test_footer_and_cite_credits_name_the_speaker() -> None:
    body = read_html_body(
        "<blockquote><p>Tickets sold out in a day.</p><footer>— <cite>Ani Hakobyan</cite>"
        "</footer></blockquote>"
    )
    (quote,) = body.sections[0].blocks
    assert isinstance(quote, nd.Quote)
    assert quote.speaker is not None
    assert quote.speaker.name == "Ani Hakobyan"
    assert nd.plain_text(quote.text) == "Tickets sold out in a day."


def test_pictures_take_their_captions_and_credits() -> None:
    body = read_html_body(
        '<figure><img src="images/train.png" alt="A red sleeper train" width="640">'
        '<figcaption>The sleeper at Yerevan. <small class="credit">Photo: A. H.</small>'
        "</figcaption></figure>"
        '<p><img src="https://example.org/border.jpg" alt="The border post"></p>'
        '<p class="caption">Sadakhlo at dawn.</p>'
    )
    one, two = body.sections[0].blocks
    assert one == nd.Figure(
        src="images/train.png",
        alt="A red sleeper train",
        width=640,
        caption="The sleeper at Yerevan.",
        credit="Photo: A. H.",
    )
    assert isinstance(two, nd.Figure)
    assert (two.src, two.alt, nd.plain_text(two.caption or ())) == (
        "https://example.org/border.jpg",
        "The border post",
        "Sadakhlo at dawn.",
    )


def test_pictures_from_data_file_or_script_sources_are_left_out_and_reported() -> None:
    with collect() as found:
        body = read_html_body(
            '<p>Text.</p><img src="data:image/png;base64,iVBORw0KGgo=" alt="x">'
            '<img src="file:///etc/passwd" alt="y"><img src="javascript:alert(1)" alt="z">'
            '<iframe src="https://example.org/player"></iframe>'
        )
    assert _kinds(body.sections[0]) == ["Paragraph"]
    messages = sorted(d.message for d in found)
    assert [d.code for d in found] == ["dropped"] * 4
    assert any("data: source" in m for m in messages)
    assert any("file: source" in m for m in messages)
    assert any("<iframe>" in m for m in messages)


def test_tables_take_a_header_row_of_th_cells_and_a_caption_before_them() -> None:
    body = read_html_body(
        '<p class="caption">Departures</p><table><tr><th>Day</th><th>Time</th></tr>'
        "<tr><td><p>Monday</p><p>and Friday</p></td><td>21:40</td></tr>"
        "<tr><td>Sunday</td></tr></table>"
    )
    (table,) = body.sections[0].blocks
    assert isinstance(table, nd.Table)
    assert [nd.plain_text(c) for c in table.header] == ["Day", "Time"]
    assert nd.plain_text(table.rows[0][0]) == "Monday\nand Friday"
    assert table.rows[1][1] == ()
    assert nd.plain_text(table.caption or ()) == "Departures"


def test_nested_lists_are_flattened_in_order_and_reported() -> None:
    with collect() as found:
        body = read_html_body(
            "<ol><li>Yerevan<ul><li>platform 2</li></ul></li><li>Gyumri</li></ol>"
        )
    (listing,) = body.sections[0].blocks
    assert isinstance(listing, nd.ListBlock)
    assert listing.ordered
    assert [nd.plain_text(i) for i in listing.items] == ["Yerevan", "platform 2", "Gyumri"]
    assert [d.code for d in found] == ["unmapped"]


def test_loose_text_and_inline_markup_between_blocks_become_paragraphs() -> None:
    body = read_html_body(
        'The train <em>returns</em> on <a href="https://example.org/t">Friday</a>.<p>Next.</p>'
        "<div>Inside a div, <strong>bold</strong>.</div>"
    )
    first, second, third = body.sections[0].blocks
    assert isinstance(first, nd.Paragraph)
    assert first.content == (
        nd.Text(text="The train "),
        nd.Emphasis(children="returns"),
        nd.Text(text=" on "),
        nd.Link(href="https://example.org/t", children="Friday"),
        nd.Text(text="."),
    )
    assert nd.plain_text(second.content) == "Next."  # type: ignore[union-attr]
    assert nd.plain_text(third.content) == "Inside a div, bold."  # type: ignore[union-attr]


def test_unknown_elements_keep_their_text_and_are_reported() -> None:
    with collect() as found:
        body = read_html_body("<dl><dt>Fare</dt><dd>30 euros</dd></dl>")
    assert nd.plain_text(body.sections[0].blocks[0].content) == "Fare30 euros"  # type: ignore[union-attr]
    assert [d.code for d in found] == ["unmapped"]


def test_a_full_page_is_read_from_its_body_and_hostile_markup_stays_text() -> None:
    body = read_html_body(
        "<!DOCTYPE html><html><head><title>T</title><script>alert(1)</script></head>"
        '<body><p onclick="x()">Safe <a href="javascript:alert(1)">words</a>'
        "<script>evil()</script></p></body></html>"
    )
    (paragraph,) = body.sections[0].blocks
    assert isinstance(paragraph, nd.Paragraph)
    assert paragraph.content == (nd.Text(text="Safe words"),)


def test_too_large_a_body_is_a_limit_error() -> None:
    with pytest.raises(nd.LimitError):
        parse_html("<p>x</p>" * 10, max_bytes=20)


def test_the_renderers_own_article_html_reads_back(article: nd.Article) -> None:
    page = Renderer().page(article, image_src=lambda figure: figure.src, include_json_ld=False)
    root = parse_html(page)
    body = root.find(".//div[@class='article-body']")
    lead = root.find(".//figure[@class='figure lead-image']")
    read = read_html_body(etree.tostring(body, encoding="unicode"))
    assert [s.heading for s in read.sections] == [s.heading for s in article.sections]
    for mine, theirs in zip(read.sections, article.sections, strict=True):
        assert mine.blocks == theirs.blocks
    lead_read = read_html_body(etree.tostring(lead, encoding="unicode")).lead_image
    assert article.lead_image is not None
    assert lead_read is not None
    assert lead_read == attrs.evolve(article.lead_image, media_type=None)  # HTML has no type


@settings(max_examples=60, deadline=None)
@given(sections())
def test_sections_written_as_html_read_back(section: nd.Section) -> None:
    codec = BodyCodec(nitf=False, html=True)
    holder = etree.Element("div")
    codec.write_sections(holder, (section,))
    with collect():
        (read,) = codec.read_sections(holder, exact=True)
    assert read.heading == section.heading
    assert [nd.plain_text(_text(b)) for b in read.blocks] == [
        nd.plain_text(_text(b)) for b in section.blocks
    ]


def _text(block: nd.Block) -> tuple[nd.Inline, ...]:
    if isinstance(block, nd.Paragraph):
        return block.content
    if isinstance(block, nd.Quote):
        return block.text
    if isinstance(block, nd.ListBlock):
        return tuple(node for item in block.items for node in item)
    if isinstance(block, nd.Figure):
        return (nd.Text(text=block.src),)
    if isinstance(block, nd.Preformatted):
        return (nd.Text(text=block.text),)
    return tuple(node for row in block.rows for cell in row for node in cell)


def test_a_quote_with_date_and_place_from_newsdoc_html() -> None:
    quote = nd.Quote(
        text="Tickets sold out.",
        speaker=nd.Person(name="Ani Hakobyan", role="Correspondent", url="https://example.org/a"),
        place="Yerevan",
        date=dt.date(2026, 5, 4),
        source_url="https://example.org/interview",
    )
    article = nd.Article(
        id="urn:x:1", headline="H", sections=[nd.Section(blocks=[quote])], language="en"
    )
    page = Renderer().page(article, image_src=lambda f: f.src, include_json_ld=False)
    body = parse_html(page).find(".//div[@class='article-body']")
    (read,) = read_html_body(etree.tostring(body, encoding="unicode")).sections[0].blocks
    assert read == quote
