"""NewsML-G2 as agencies send it: one fixture per case, each with the article expected.

The fixtures in ``tests/fixtures/wire/newsml/`` are our own writing in the shapes providers use
(plain-text CDATA bodies, escaped HTML, XHTML without its namespace or under odd content
types, NITF of other versions, body headers, ``br``-separated paragraphs, newsMessages with
pictures). Each ``X.xml`` is read and compared with ``X.expected.json``, and the warnings it
must raise are named: nothing is lost without a word.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdoc as nd
from newsdoc.cli import main
from newsdoc.diagnostics import collect
from newsdoc.formats import detect_format, get_format

FIXTURES = Path(__file__).parent / "fixtures" / "wire" / "newsml"

#: Each fixture, and the warnings (code, where) reading it must give.
CASES: dict[str, list[tuple[str, str]]] = {
    "plain-text-cdata": [],
    "escaped-html": [],
    "xhtml-no-namespace": [],
    "xhtml-html-contenttype": [],
    "body-header": [("dropped", "body/header")],
    "br-lines": [],
    "nitf-no-namespace": [("dropped", "nitf/body/body.end")],
    "nitf-other-namespace": [],
    "slugline-only": [],
    "remote-content": [("dropped", "contentSet/remoteContent")],
    "message-with-pictures": [("dropped", "itemSet")],
    "message-without-package": [("dropped", "itemSet")],
}


def _read(name: str) -> tuple[nd.Article | nd.Collection, list[tuple[str, str]]]:
    with collect() as found:
        document = get_format("newsml").read((FIXTURES / f"{name}.xml").read_bytes())
    return document, [(d.code, d.where or "") for d in found]


def _article(name: str) -> nd.Article:
    document, _ = _read(name)
    if isinstance(document, nd.Collection):
        (document,) = document.articles
    assert isinstance(document, nd.Article)
    return document


def _texts(article: nd.Article) -> list[str]:
    return [
        nd.plain_text(b.content)
        for s in article.sections
        for b in s.blocks
        if isinstance(b, nd.Paragraph)
    ]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.xml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_reads_as_expected_with_its_warnings(name: str) -> None:
    document, warnings = _read(name)
    expected = nd.load(FIXTURES / f"{name}.expected.json")
    assert document == expected
    assert warnings == CASES[name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_is_recognised_by_content_whatever_its_name(name: str, tmp_path: Path) -> None:
    data = (FIXTURES / f"{name}.xml").read_bytes()
    assert detect_format("item.xml", data).name == "newsml"
    assert detect_format(None, data).name == "newsml"
    path = tmp_path / "item.xml"
    path.write_bytes(data)
    with collect():
        assert nd.load(path) == nd.load(FIXTURES / f"{name}.expected.json")


def test_plain_text_body_is_split_on_blank_lines_and_wrapped_lines_joined() -> None:
    article = _article("plain-text-cdata")
    texts = _texts(article)
    assert len(texts) == 3
    assert "\n" not in texts[0]
    assert "servizio da lunedì" in texts[0]
    timetable = article.sections[0].blocks[2]
    assert isinstance(timetable, nd.Paragraph)
    assert sum(isinstance(n, nd.LineBreak) for n in timetable.content) == 2  # short lines kept


def test_escaped_html_body_keeps_its_structure() -> None:
    article = _article("escaped-html")
    assert [s.heading for s in article.sections] == [None, "Who comes at night"]
    assert isinstance(article.sections[1].blocks[-1], nd.ListBlock)
    assert any(isinstance(n, nd.Strong) for n in article.sections[0].blocks[0].content)  # type: ignore[union-attr]


def test_xhtml_without_namespace_is_read_and_its_repeated_h1_left_out() -> None:
    article = _article("xhtml-no-namespace")
    assert [s.heading for s in article.sections] == [None, "Speed limits"]
    assert len(_texts(article)) == 3
    assert article.headline not in _texts(article)


def test_xhtml_under_an_odd_content_type_is_read() -> None:
    article = _article("xhtml-html-contenttype")
    kinds = [type(b).__name__ for b in article.sections[0].blocks]
    assert kinds == ["Paragraph", "Quote", "Paragraph"]
    quote = article.sections[0].blocks[1]
    assert isinstance(quote, nd.Quote)
    assert quote.speaker is not None
    assert quote.speaker.name == "Ada Pellworm"


def test_a_body_header_is_not_paragraph_one_and_fills_what_the_item_lacks() -> None:
    article = _article("body-header")
    assert _texts(article)[0].startswith("A garden shed")
    assert article.subheadline == "Old apple varieties"
    assert article.summary is not None
    assert article.summary.startswith("Neighbours swap")
    _, warnings = _read("body-header")
    assert warnings == [("dropped", "body/header")]  # the boilerplate line, reported


def test_br_separated_prose_is_split_but_verse_and_addresses_keep_their_breaks() -> None:
    article = _article("br-lines")
    texts = _texts(article)
    assert len(texts) == 7
    assert texts[0].endswith("the city said.")
    assert texts[3].startswith("Reporting by")
    verse, address = article.sections[0].blocks[5:7]
    for block in (verse, address):
        assert isinstance(block, nd.Paragraph)
        assert sum(isinstance(n, nd.LineBreak) for n in block.content) == 2


@pytest.mark.parametrize("name", ["nitf-no-namespace", "nitf-other-namespace"])
def test_nitf_of_other_versions_gives_headline_and_body(name: str) -> None:
    article = _article(name)
    assert article.headline  # from hl1: the item has no contentMeta/headline
    assert len(_texts(article)) >= 2


def test_nitf_head_details() -> None:
    article = _article("nitf-no-namespace")
    assert article.headline == "Lighthouse keeper's cottage becomes a museum"
    assert article.subheadline == "Opening in May"
    assert [(p.name, p.role) for p in article.bylines] == [("Example Reporter", "Staff Writer")]
    assert article.dateline is not None
    assert article.dateline.place == "CAPE HOLLOW, Maine"
    other = _article("nitf-other-namespace")
    assert other.dateline is not None
    assert str(other.dateline.date) == "2026-03-09"
    assert other.summary == "Guides have marked a new path onto the ice."


def test_slugline_serves_as_headline() -> None:
    assert _article("slugline-only").headline == "WEATHER-COAST-FOG"


def test_remote_content_is_noted_and_the_rest_read() -> None:
    article = _article("remote-content")
    assert article.sections == ()
    assert article.summary == "The market hall stays open during the work."


def test_pictures_tied_by_a_package_become_figures_and_a_video_is_reported() -> None:
    document, warnings = _read("message-with-pictures")
    assert isinstance(document, nd.Collection)
    (article,) = document.articles
    assert article.lead_image is not None
    assert article.lead_image.src.endswith("canal-1.jpg")  # the largest rendition
    assert article.lead_image.credit == "Example Wire / A. Photographer"
    assert isinstance(article.sections[-1].blocks[-1], nd.Figure)
    assert warnings == [("dropped", "itemSet")]  # the video


def test_pictures_without_a_package_are_reported_as_skipped() -> None:
    document, warnings = _read("message-without-package")
    assert isinstance(document, nd.Collection)
    (article,) = document.articles
    assert article.lead_image is None
    assert warnings == [("dropped", "itemSet")]


def test_a_message_of_pictures_only_is_refused_clearly() -> None:
    data = (FIXTURES / "message-without-package.xml").read_bytes()
    start = data.index(b"<newsItem")
    end = data.index(b"</newsItem>") + len(b"</newsItem>")
    with pytest.raises(nd.InvalidDocumentError, match="only picture items"):
        get_format("newsml").read(data[:start] + data[end:])


def test_escaped_html_with_characters_xml_cannot_hold_is_read_without_them() -> None:
    data = (FIXTURES / "escaped-html.xml").read_bytes()
    hostile = data.replace(b"until &lt;strong&gt;", b"until &amp;#xFFFE;&amp;#0;&lt;strong&gt;")
    assert hostile != data
    article = get_format("newsml").read(hostile)
    assert isinstance(article, nd.Article)
    assert _texts(article)[0].startswith("The harbour library now keeps")
    assert "\ufffe" not in _texts(article)[0]


def test_the_command_line_reads_an_item_named_xml_and_reports_what_it_drops(
    tmp_path: Path,
) -> None:
    item = tmp_path / "item.xml"
    item.write_bytes((FIXTURES / "remote-content.xml").read_bytes())
    out = tmp_path / "out.json"
    result = CliRunner().invoke(main, ["convert", str(item), "--to", "json", "-o", str(out)])
    assert result.exit_code == 0
    assert "contentSet/remoteContent" in result.output
    assert nd.load(out) == nd.load(FIXTURES / "remote-content.expected.json")
    strict = CliRunner().invoke(
        main, ["convert", str(item), "--to", "json", "-o", str(tmp_path / "x.json"), "--strict"]
    )
    assert strict.exit_code == 1


_NO_LANGUAGE_ITEM = """<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:test:lang-1" version="1"
  standard="NewsML-G2" standardversion="2.29">
  <itemMeta><itemClass qcode="ninat:text"/><provider literal="test"/>
    <versionCreated>2026-03-03T10:00:00Z</versionCreated></itemMeta>
  <contentMeta><headline>Il traghetto torna</headline></contentMeta>
  <contentSet><inlineXML contenttype="application/nitf+xml">
    <nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"LANG><body><body.content>
      <p>Il traghetto notturno torna in servizio.</p></body.content></body></nitf>
  </inlineXML></contentSet>
</newsItem>
"""


@pytest.mark.parametrize(
    ("old", "new"),
    [("LANG", ' xml:lang="it"'), ("<inlineXML ", '<inlineXML xml:lang="it" ')],
    ids=["on-the-nitf-root", "on-inlineXML"],
)
def test_the_language_of_the_body_serves_when_the_item_gives_none(old: str, new: str) -> None:
    with collect() as found:
        item = _NO_LANGUAGE_ITEM.replace(old, new).replace("LANG", "")
        article = nd.loads(item, "newsml")
    assert isinstance(article, nd.Article)
    assert article.language == "it"
    assert found == []


def test_an_item_with_no_language_anywhere_says_english_is_assumed() -> None:
    with collect() as found:
        article = nd.loads(_NO_LANGUAGE_ITEM.replace("LANG", ""), "newsml")
    assert isinstance(article, nd.Article)
    assert article.language == "en"
    assert [(d.code, d.where) for d in found] == [("assumed", "contentMeta/language")]
