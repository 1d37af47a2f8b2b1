"""ninjs as agencies and newsroom systems send it: 1.x, 2.x, 3.x and Superdesk items, every
body rendition, dates by meaning, sniffing, and what is reported.

Each item in tests/fixtures/wire/ninjs is our own text, beside the article it must give
(``<name>.expected.json``, newsdoc JSON) and, below, the warnings it must give.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import newsdoc as nd
from newsdoc.diagnostics import Diagnostic, collect
from newsdoc.errors import InvalidDocumentError, NewsdocError
from newsdoc.formats import _sniff, detect_format, ninjs
from newsdoc.formats import json as nd_json
from tests.conftest import EXAMPLES, ROOT

WIRE = ROOT / "tests" / "fixtures" / "wire" / "ninjs"
ITEMS = sorted(p for p in WIRE.glob("*.json") if not p.name.endswith(".expected.json"))

#: The warnings each item gives, as (code, where), and nothing else.
WARNINGS: dict[str, set[tuple[str, str]]] = {
    "v1-html-fragment": set(),
    "v2-xhtml": {("unmapped", "edNote")},
    "v3-html5-document": set(),
    "v3-nitf": set(),
    "v3-plain-text": {("assumed", "language")},  # the item names no language
    "v3-renditions-differ": {("dropped", "bodies[0].value"), ("assumed", "language")},
    "superdesk": {
        ("dropped", "people[1].rel"),  # the photographer: no byline
        ("assumed", "subjects[0]"),  # an eight-digit code with no scheme: IPTC subject code
        ("unmapped", "extra"),
    },
}


def _read(data: bytes | str, **given: Any) -> tuple[nd.Document, list[Diagnostic]]:
    with collect() as found:
        document = nd.loads(data, "ninjs", **given)
    return document, found


def _item(**fields: Any) -> str:
    item = {"uri": "urn:test:wire-1", "headlines": [{"value": "Ferry probe"}], "language": "en"}
    return json.dumps({**item, **fields})


def test_an_item_that_names_no_language_says_english_is_assumed() -> None:
    article, found = _read(json.dumps({"uri": "urn:test:1", "headlines": [{"value": "Hola"}]}))
    assert isinstance(article, nd.Article)
    assert article.language == "en"
    assert [(d.code, d.where) for d in found] == [("assumed", "language")]


def _blocks(article: nd.Document) -> list[Any]:
    assert isinstance(article, nd.Article)
    return [block for section in article.sections for block in section.blocks]


def test_every_case_has_a_fixture_and_an_expected_article() -> None:
    assert {p.stem for p in ITEMS} == set(WARNINGS)
    assert all(p.with_name(p.stem + ".expected.json").is_file() for p in ITEMS)


@pytest.mark.parametrize("path", ITEMS, ids=lambda p: p.stem)
def test_item_gives_its_expected_article_and_warnings(path: Path) -> None:
    expected = nd_json.loads(path.with_name(path.stem + ".expected.json").read_bytes())
    article, found = _read(path.read_bytes())
    assert isinstance(article, nd.Article)
    assert (article.published, article.updated, article.created) == (
        expected.published,  # type: ignore[union-attr]
        expected.updated,  # type: ignore[union-attr]
        expected.created,  # type: ignore[union-attr]
    )
    assert article.sections == expected.sections  # type: ignore[union-attr]
    assert article == expected
    assert {(d.code, d.where) for d in found} == WARNINGS[path.stem], found


@pytest.mark.parametrize("path", ITEMS, ids=lambda p: p.stem)
def test_items_are_recognised_as_ninjs_whatever_their_name(path: Path) -> None:
    data = path.read_bytes()
    assert _sniff.ninjs(data)
    assert detect_format("item.json", data).name == "ninjs"
    assert detect_format("delivery-0042", data).name == "ninjs"


def test_newsdoc_json_and_json_ld_are_not_taken_for_ninjs() -> None:
    own = (EXAMPLES / "article.json").read_bytes()
    assert not _sniff.ninjs(own)
    assert detect_format("item.json", own).name == "json"
    assert not _sniff.ninjs(b'{"@type": "NewsArticle", "headline": "H", "url": "https://x.org"}')
    assert not _sniff.ninjs(b'{"uri": "urn:x:1"}')


# ---------------------------------------------------------------- 1.x and Superdesk


def test_1x_and_superdesk_items_were_refused_and_now_read() -> None:
    article, _ = _read((WIRE / "superdesk.json").read_bytes())
    assert isinstance(article, nd.Article)
    assert article.id.startswith("urn:newsml:localhost:")  # the guid serves as the id
    assert article.bylines == (nd.Person(name="Ani Harutyunyan"),)
    assert article.section == "Domestic"
    assert article.keywords == ("ferries", "summer")
    assert article.source == nd.Organization(name="Newsdoc Example Agency")


def test_superdesk_picture_embedded_in_the_body_is_not_also_the_lead() -> None:
    article, _ = _read((WIRE / "superdesk.json").read_bytes())
    assert isinstance(article, nd.Article)
    assert article.lead_image is not None
    assert article.lead_image.src.endswith("ferry-lead.jpg")  # the original, not the thumbnail
    figures = [b for b in _blocks(article) if isinstance(b, nd.Figure)]
    assert [f.src for f in figures] == ["https://cdn.newsdoc.example.org/ferry-deck.jpg"]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"guid": "urn:x:1", "headline": ["a list"]}, "headline: expected a string, got a list"),
        ({"uri": "urn:x:1", "headline": "H", "body_html": 7}, "body_html: expected a string"),
        ({"uri": "urn:x:1", "headline": "H", "keywords": [3]}, "keywords[0]: expected a string"),
        ({"uri": "urn:x:1", "headline": "H", "associations": {"a": 5}}, "associations.a: expected"),
        ({"uri": "urn:x:1", "headline": "H", "authors": "Ani"}, "authors: expected a list"),
        ({"uri": "urn:x:1", "headline": "H", "altids": {"a": 1}}, "altIds.a: expected a string"),
    ],
)
def test_wrong_types_in_1x_items_are_errors_naming_the_key(
    fields: dict[str, Any], problem: str
) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        nd.loads(json.dumps(fields), "ninjs")
    assert problem in str(caught.value)


def test_an_object_with_no_uri_or_guid_is_not_ninjs() -> None:
    with pytest.raises(InvalidDocumentError, match="guid"):
        nd.loads(b'{"headline": "H", "body_html": "<p>x</p>"}', "ninjs")


def test_strict_refuses_what_a_superdesk_item_leaves_out() -> None:
    with pytest.raises(nd.StrictError):
        nd.loads((WIRE / "superdesk.json").read_bytes(), "ninjs", strict=True)


# ---------------------------------------------------------------- dates by meaning


def test_a_lone_version_created_is_the_publication() -> None:
    article, found = _read(_item(versionCreated="2026-02-01T10:00:00Z"))
    assert isinstance(article, nd.Article)
    assert article.published is not None
    assert article.updated is None
    assert found == []


def test_a_version_created_like_first_created_is_no_update() -> None:
    same = "2026-02-01T10:00:00+01:00"
    article, found = _read(_item(firstCreated=same, versionCreated=same))
    assert isinstance(article, nd.Article)
    assert article.published is not None
    assert article.published.isoformat() == same
    assert article.updated is None
    assert found == []


def test_a_later_version_without_first_created_says_what_it_assumes() -> None:
    article, found = _read(_item(version="3", versionCreated="2026-02-01T10:00:00Z"))
    assert isinstance(article, nd.Article)
    assert article.published is not None
    assert [(d.code, d.where) for d in found] == [("assumed", "versionCreated")]


def test_newsdoc_items_keep_their_dates_one_to_one() -> None:
    import datetime as dt

    when = dt.datetime(2026, 2, 1, 10, tzinfo=dt.UTC)
    for dates in ({"updated": when}, {"published": when, "updated": when}):
        article = nd.Article(id="urn:test:dates", headline="Dates", **dates)
        for version in ninjs.VERSIONS:
            assert ninjs.read(ninjs.write(article, version=version)) == article


# ---------------------------------------------------------------- renditions by content


def test_nitf_claimed_as_html_is_read_as_nitf() -> None:
    nitf = (
        '<nitf xmlns="http://iptc.org/std/NITF/2006-10-18/"><body><body.content>'
        "<p>One.</p><p>Two.</p></body.content></body></nitf>"
    )
    article, found = _read(_item(bodies=[{"contentType": "text/html", "value": nitf}]))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == ["One.", "Two."]
    assert found == []


def test_html_claimed_as_plain_text_is_read_as_html() -> None:
    body = {"contentType": "text/plain", "value": "<p>One &amp; two.</p>\n<p>Three.</p>"}
    article, _ = _read(_item(bodies=[body]))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == ["One & two.", "Three."]


def test_html_without_tags_decodes_its_entities() -> None:
    body = {"contentType": "text/html", "value": "Caf&eacute; prices &gt; 3 euros"}
    article, _ = _read(_item(bodies=[body]))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == ["Café prices > 3 euros"]


def test_nitf_that_is_not_well_formed_is_read_for_its_text_with_a_warning() -> None:
    nitf = "<nitf><body><body.content><p>Caf&eacute; open.</p></body.content></body></nitf>"
    article, found = _read(_item(bodies=[{"contentType": "application/nitf+xml", "value": nitf}]))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == ["Café open."]
    assert [(d.code, d.where) for d in found] == [("unmapped", "bodies[0].value")]
    assert "not well-formed" in found[0].message


def test_a_provider_vocabulary_is_read_for_its_text_and_reported() -> None:
    own = "<WIRETEXT><BODY><P>First line.</P><P>Second line.</P></BODY></WIRETEXT>"
    article, found = _read(_item(bodies=[{"contentType": "application/xml", "value": own}]))
    texts = [nd.plain_text(b.content) for b in _blocks(article)]
    assert texts == ["First line.", "Second line."]
    assert [(d.code, d.where) for d in found] == [("unmapped", "bodies[0].value")]


def test_the_richest_rendition_wins_and_an_equal_poorer_one_is_not_reported() -> None:
    bodies = [
        {"role": "text", "contentType": "text/plain", "value": "Loaves sold out.\nQueue at six."},
        {
            "role": "html",
            "contentType": "text/html",
            "value": "<p>Loaves sold out.</p><ul><li>Queue at six.</li></ul>",
        },
    ]
    article, found = _read(_item(bodies=bodies))
    assert [type(b).__name__ for b in _blocks(article)] == ["Paragraph", "ListBlock"]
    assert found == []


def test_a_doctype_or_declaration_in_a_nitf_body_is_skipped_safely() -> None:
    nitf = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><!DOCTYPE nitf SYSTEM "/etc/passwd">'
        "<nitf><body><body.content><p>Safe.</p></body.content></body></nitf>"
    )
    article, _ = _read(_item(bodies=[{"value": nitf}]))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == ["Safe."]


def test_a_doctype_with_an_internal_subset_is_never_expanded() -> None:
    nitf = (
        '<!DOCTYPE nitf [<!ENTITY x "EXPANDED">]>'
        "<nitf><body><body.content><p>&x;</p></body.content></body></nitf>"
    )
    try:
        article, _ = _read(_item(bodies=[{"value": nitf}]))
    except NewsdocError:
        return
    assert "EXPANDED" not in " ".join(nd.plain_text(b.content) for b in _blocks(article))


def test_html_that_is_no_xml_names_and_odd_values_are_read_safely() -> None:
    body = {"contentType": "text/html", "value": "<p>Bread <bhruby&reg;< rye</p><uy<>x</uy<>"}
    article, _ = _read(_item(bodies=[body]))
    assert "Bread" in nd.plain_text(_blocks(article)[0].content)
    picture = {"type": "picture", "uri": {"not": "a string"}, "renditions": [{"href": ["x"]}]}
    with pytest.raises(InvalidDocumentError, match=r"associations\[0\]"):
        nd.loads(_item(associations=[picture]), "ninjs")
    odd = {"name": "ninjs", "version": {"3.1": 1}}
    article, _ = _read(_item(standard=odd, versionCreated="2026-02-01T10:00:00Z"))
    assert isinstance(article, nd.Article)
    assert article.published is not None  # not taken for newsdoc's own item


def test_a_body_header_that_repeats_the_item_is_left_out_and_one_with_more_is_kept() -> None:
    html = (
        "<header><h1>Ferry probe</h1><p>By Ani Harutyunyan</p></header>"
        "<p>Inspectors boarded the ferry on Monday.</p>"
    )
    bodies = [{"contentType": "text/html", "value": html}]
    article, found = _read(_item(by="Ani Harutyunyan", bodies=bodies))
    assert [nd.plain_text(b.content) for b in _blocks(article)] == [
        "Inspectors boarded the ferry on Monday."
    ]
    assert found == []
    more = html.replace("By Ani", "Updated twice. By Ani")
    article, _ = _read(_item(by="Ani Harutyunyan", bodies=[{"value": more}]))
    assert "Updated twice." in nd.plain_text(_blocks(article)[0].content)


def test_a_document_lxml_cannot_split_into_fragments_is_still_read() -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Dome<99/title></head>"
        "<body><p>Visitors climb to the dome.</p></body></html>"
    )
    article, _ = _read(_item(bodies=[{"contentType": "text/html", "value": html}]))
    assert any("Visitors climb" in nd.plain_text(b.content) for b in _blocks(article))


@pytest.mark.parametrize("slugline", [5, ["a"], "a\u0007b"])
def test_a_slugline_that_is_not_text_is_left_out_not_refused(slugline: object) -> None:
    article, found = _read(_item(slugline=slugline))
    assert isinstance(article, nd.Article)
    assert article.slug is None
    assert [(d.code, d.where) for d in found] == [("dropped", "slugline")]


def test_a_slugline_is_the_slug() -> None:
    article, found = _read(_item(slugline="ferry-probe"))
    assert isinstance(article, nd.Article)
    assert article.slug == "ferry-probe"
    assert found == []


def test_a_nitf_body_whose_markup_holds_no_element_is_reported() -> None:
    # An attribute left open takes in the rest: the HTML parser finds no element in it.
    value = '<?xml version="1.0"?>\n<nitf version="3.4 <p>Drones measured the glacier.</p>'
    article, found = _read(_item(bodies=[{"contentType": "text/html", "value": value}]))
    assert isinstance(article, nd.Article)
    assert [d.code for d in found] == ["unmapped"]
    assert "not well-formed XML" in found[0].message
