"""The structure the web-page reader keeps: section headings, lists, quotes with speakers,
figures with captions and credits, tables; and the mapping of trafilatura's XML, which never
drops text trafilatura kept."""

from __future__ import annotations

import lxml.etree
import pytest

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.formats import webpage
from newsdoc.formats.webpage.body import Heading, Mapper
from newsdoc.formats.webpage.boilerplate import sections

TEXT = (
    "The drought ended on Monday, when rain fell for an hour over the whole valley and the "
    "farmers said it had come just in time for the second sowing."
)
PAGE = f"""<!DOCTYPE html><html lang="en"><head><title>Rain returns | Valley Post</title>
<link rel="canonical" href="https://valley.example.org/2026/rain">
<meta property="og:image" content="https://valley.example.org/img/lead.jpg">
<meta property="article:published_time" content="2026-05-04T09:30:00+04:00">
</head><body><nav><a href="/">Home</a></nav><main><article>
<h1>Rain returns</h1>
<figure><img src="/img/lead.jpg" alt="Clouds"><figcaption>Clouds over the valley
 <span class="credit">Photo: Ann Lee</span></figcaption></figure>
<p>{TEXT}</p>
<figure><img src="/img/field.jpg" alt="A wet field" width="800" height="600">
<figcaption>A field near Areni after the rain. <span class="photo-credit">Photo: Bo Park</span>
</figcaption></figure>
<p>Second: {TEXT}</p>
<h2>What farmers say</h2>
<h3>In Areni</h3>
<p>Third: {TEXT}</p>
<blockquote><p>We waited three months for this rain.</p>
<p>— Lilit Sargsyan, Farmer, Areni cooperative</p></blockquote>
<ul><li>Wheat: sown again.<ul><li>Winter wheat first.</li></ul></li><li>Barley: next week.</li></ul>
<table><tr><th>District</th><th>Rain (mm)</th></tr><tr><td>Kentron</td><td>12</td><td>note</td></tr>
<tr><td>Arabkir</td></tr></table>
<p>Fourth: {TEXT}</p>
</article>
<aside class="most-read"><h3>Most read</h3><ol><li><a href="/a">Storm warning for Lori</a></li>
<li><a href="/b">Exchange rates for 4 June</a></li></ol></aside>
</main></body></html>"""


@pytest.fixture(scope="module")
def article() -> nd.Article:
    with collect() as found:
        read = webpage.read(PAGE.encode())
    assert found == []
    return read


def test_sections_follow_the_headings(article: nd.Article) -> None:
    assert [s.heading for s in article.sections] == [None, "What farmers say"]
    first = article.sections[1].blocks[0]
    # A heading right under another keeps its words, as a bold paragraph.
    assert first == nd.Paragraph(content=[nd.Strong(children="In Areni")])


def test_figures_go_back_between_their_paragraphs(article: nd.Article) -> None:
    blocks = article.sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Figure", "Paragraph"]
    figure = blocks[1]
    assert figure == nd.Figure(
        src="https://valley.example.org/img/field.jpg",
        alt="A wet field",
        caption="A field near Areni after the rain.",
        credit="Photo: Bo Park",
        width=800,
        height=600,
    )


def test_the_lead_image_keeps_its_caption_and_credit(article: nd.Article) -> None:
    assert article.lead_image == nd.Figure(
        src="https://valley.example.org/img/lead.jpg",
        alt="Clouds",
        caption="Clouds over the valley",
        credit="Photo: Ann Lee",
    )


def test_quotes_lists_and_tables(article: nd.Article) -> None:
    blocks = article.sections[1].blocks
    quote, listing, table = blocks[2], blocks[3], blocks[4]
    assert quote == nd.Quote(
        text="We waited three months for this rain.",
        speaker=nd.Person(name="Lilit Sargsyan", role="Farmer", affiliation="Areni cooperative"),
    )
    assert listing == nd.ListBlock(
        items=["Wheat: sown again.", "Winter wheat first.", "Barley: next week."]
    )
    assert table == nd.Table(
        header=["District", "Rain (mm)", ""],
        rows=[["Kentron", "12", "note"], ["Arabkir", "", ""]],
    )


def test_most_read_boxes_are_neither_body_nor_related(article: nd.Article) -> None:
    text = nd.dumps(article, "json").decode()
    assert "Storm warning" not in text
    assert article.related == ()


# -- the mapping of trafilatura's XML ----------------------------------------------------


def _map(xml: str) -> list[object]:
    return list(Mapper("https://example.org/a/").run(lxml.etree.fromstring(xml)))


def test_loose_text_and_tails_are_kept() -> None:
    items = _map("<body>Lead text<head>Title</head>tail text<p>Para</p> after</body>")
    assert items == [
        nd.Paragraph(content="Lead text"),
        Heading("Title"),
        nd.Paragraph(content="tail text"),
        nd.Paragraph(content="Para"),
        nd.Paragraph(content="after"),
    ]


def test_inline_markup_and_links() -> None:
    (paragraph,) = _map(
        '<body><p>A <hi rend="#b">bold</hi> and <hi rend="#i">new</hi> <ref target="/r">report'
        '</ref>, <ref target="javascript:x()">unsafe</ref>,<lb/><hi rend="#t">code</hi>'
        '<hi rend="#u"> underlined</hi></p></body>'
    )
    assert paragraph == nd.Paragraph(
        content=[
            nd.Text(text="A "),
            nd.Strong(children="bold"),
            nd.Text(text=" and "),
            nd.Emphasis(children="new"),
            nd.Text(text=" "),
            nd.Link(href="https://example.org/r", children="report"),
            nd.Text(text=", unsafe,"),
            nd.LineBreak(),
            nd.Code(text="code"),
            nd.Text(text=" underlined"),
        ]
    )


def test_quote_text_outside_its_paragraphs_is_kept() -> None:
    (quote,) = _map("<body><quote><p>One.</p><p>Two.</p>— Ann (@ann) 3 May</quote></body>")
    assert nd.plain_text(quote.text) == "One.\n\nTwo.\n\n— Ann (@ann) 3 May"


def test_rows_wider_than_the_header_are_padded_not_dropped() -> None:
    (table,) = _map(
        '<body><table><row><cell role="head">A</cell></row><row><cell>1</cell><cell>2</cell>'
        "</row><row/></table></body>"
    )
    assert table == nd.Table(header=["A", ""], rows=[["1", "2"]])


def test_a_layout_table_is_read_as_text_and_its_link_cell_as_navigation() -> None:
    items = _map(
        '<body><table><row><cell><ref target="/">Home</ref><lb/><ref target="/b">B</ref>'
        "</cell><cell><head>Story</head><p>One.</p><p>Two.</p></cell></row></table></body>"
    )
    assert items == [Heading("Story"), nd.Paragraph(content="One."), nd.Paragraph(content="Two.")]


def test_a_multiline_code_element_is_a_code_paragraph() -> None:
    (paragraph,) = _map("<body><code>x = 1\ny = 2</code></body>")
    assert paragraph == nd.Paragraph(content=[nd.Code(text="x = 1\ny = 2")])


def test_trailing_headings_with_nothing_under_them_are_left_out_with_a_warning() -> None:
    with collect() as found:
        grouped = sections([Heading("One"), nd.Paragraph(content="x"), Heading("More stories")])
    assert grouped == [nd.Section(heading="One", blocks=[nd.Paragraph(content="x")])]
    assert [(d.code, d.where) for d in found] == [("dropped", "sections")]
    assert "More stories" in found[0].message


def test_a_standfirst_is_one_line_under_the_headline_not_a_lede_or_an_excerpt() -> None:
    lede = "Rain fell on Monday. It was the first rain in three months."
    page = (
        "<html lang='en'><head><title>Rain</title></head><body><article><h1>Rain</h1>"
        f"<p class='speakable-summary'>{lede}</p><p>{TEXT}</p>"
        "<div class='author-bio'><p class='author-excerpt'>Ann covers farming.</p></div>"
        "</article><aside><p class='article-excerpt'>Another story in one line</p></aside>"
        "</body></html>"
    )
    article = webpage.read(page.encode())
    assert article.subheadline is None
    first = article.sections[0].blocks[0]
    assert first == nd.Paragraph(content=lede)
    one_line = page.replace(lede, "Rain fell on Monday for the first time in months")
    assert webpage.read(one_line.encode()).subheadline == (
        "Rain fell on Monday for the first time in months"
    )


def test_a_label_over_text_is_no_box_of_links() -> None:
    text = (
        "Farmers in the valley said the council had promised help in spring; "
        "<a href='https://valley.example.org/2026/03/council'>the council's plan</a> "
        "sets aside money for seed and for repairs to the irrigation channels."
    )
    page = (
        "<html lang='en'><head><title>Rain</title></head><body><article><h1>Rain</h1>"
        f"<p>{TEXT}</p><h2>Related</h2><p>{text}</p><p>Fifth: {TEXT}</p></article></body></html>"
    )
    article = webpage.read(page.encode())
    assert article.related == ()
    assert "the council's plan" in nd.plain_text(article.sections[-1].blocks[0].content)


def test_twice_escaped_metadata_is_read_and_the_article_is_not_its_own_related_link() -> None:
    page = (
        "<html lang='en'><head><title>Rain</title>"
        "<link rel='canonical' href='https://valley.example.org/2026/rain'>"
        "<meta property='og:title' content='&amp;#8216;Rain&amp;#8217; &amp;amp; hail'>"
        "</head><body><article><h1>Rain and hail</h1>"
        f"<p>{TEXT}</p></article><div class='related'><a href='/2026/rain'>Rain</a>"
        "<a href='/2026/hail'>Hail</a></div></body></html>"
    )
    article = webpage.read(page.encode())
    assert article.headline == "‘Rain’ & hail"
    assert [link.url for link in article.related] == ["https://valley.example.org/2026/hail"]
