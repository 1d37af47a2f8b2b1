"""Hostile and broken inputs: each case is refused with newsdoc's own error, or read with a
warning that says what was left out; nothing is opened that should not be, nothing hangs.

The inputs are written here (our own text). The cases about the command line and the
conversion path (``--allow-dir``, ``--report``, ``--out``, overwrite protection, temporary
files) are tested in ``tests/test_cli.py`` and ``tests/test_cli_trust.py``; web pages in
``tests/test_webpage.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import re
import threading
import zipfile
from pathlib import Path
from typing import Any

import pytest

import newsdoc as nd
from newsdoc import limits
from newsdoc.diagnostics import Diagnostic, collect
from newsdoc.errors import (
    FieldError,
    InternalError,
    LimitError,
    MissingResourceError,
    NewsdocError,
    UnsafeResourceError,
)

G2 = "http://iptc.org/std/nar/2006-10-01/"


def read(data: bytes | str, fmt: str) -> tuple[nd.Document, list[Diagnostic]]:
    """The document and the warnings reading it gave."""
    with collect() as found:
        document = nd.loads(data, fmt)
    return document, found


def refused(data: bytes | str, fmt: str) -> NewsdocError:
    """The newsdoc error reading ``data`` gives (never an InternalError)."""
    with pytest.raises(NewsdocError) as caught:
        nd.loads(data, fmt)
    assert not isinstance(caught.value, InternalError), caught.value.__cause__
    return caught.value


def news_item(doctype: str = "", *, meta: str = "", content: str = "", version: str = "1") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
{doctype}
<newsItem xmlns="{G2}" guid="urn:test:ferry-1" version="{version}" standard="NewsML-G2"
          standardversion="2.35">
  <itemMeta><itemClass qcode="ninat:text"/>
    <versionCreated>2026-03-02T07:15:00Z</versionCreated>{meta}</itemMeta>
  <contentMeta><headline>Ferry to Batumi sails again</headline>{content}</contentMeta>
</newsItem>"""


# ------------------------------------------------------------------ XML: DTDs never opened


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE newsItem [<!ENTITY crew "Captain Nino">]>',
        '<!DOCTYPE newsItem SYSTEM "x.dtd" [<!ENTITY % p SYSTEM "y.txt"> %p;]>',
        "<!DOCTYPE newsItem [<!ELEMENT newsItem ANY>]>",
    ],
)
def test_an_internal_subset_is_refused_before_parsing(doctype: str) -> None:
    error = refused(news_item(doctype), "newsml")
    assert "newsdoc never loads DTDs" in str(error)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE newsItem SYSTEM "file:///etc/passwd">',
        '<!DOCTYPE newsItem SYSTEM "/etc/hostname">',
        '<!DOCTYPE newsItem PUBLIC "-//Test//Ferry//EN" "http://example.invalid/ferry.dtd">',
        "<!DOCTYPE newsItem SYSTEM '/dev/stdin'>",
    ],
)
def test_a_doctype_naming_a_dtd_is_ignored_and_the_item_read(doctype: str) -> None:
    article, _ = read(news_item(doctype), "newsml")
    assert isinstance(article, nd.Article)
    assert article.headline == "Ferry to Batumi sails again"


def test_the_answer_does_not_depend_on_whether_the_dtd_exists(tmp_path: Path) -> None:
    present = tmp_path / "present.dtd"
    present.write_text('<!ENTITY % marker SYSTEM "marker.txt"> <!ATTLIST newsItem x CDATA "y">')
    missing = tmp_path / "missing.dtd"
    read_back = {
        nd.dumps(read(news_item(f'<!DOCTYPE newsItem SYSTEM "{path}">'), "newsml")[0], "json")
        for path in (present, missing, f"file://{present}", f"file://{missing}")
    }
    assert len(read_back) == 1


def test_a_dtd_that_is_a_named_pipe_is_never_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "probe.dtd"
    os.mkfifo(pipe)
    opened = threading.Event()

    def watch() -> None:  # a reader of the pipe would let this open for writing
        try:
            descriptor = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        opened.set()
        os.close(descriptor)

    article, _ = read(news_item(f'<!DOCTYPE newsItem SYSTEM "{pipe}">'), "newsml")
    watch()
    assert isinstance(article, nd.Article)
    assert not opened.is_set()


def test_a_doctype_hidden_by_utf16_or_an_odd_encoding_is_seen() -> None:
    text = news_item('<!DOCTYPE newsItem [<!ENTITY x "y">]>').replace("UTF-8", "UTF-16")
    assert "never loads DTDs" in str(refused(text.encode("utf-16"), "newsml"))
    assert "never loads DTDs" in str(refused(text.encode("utf-16-be"), "newsml"))
    utf7 = news_item().replace("UTF-8", "UTF-7").encode()
    assert "UTF-7" in str(refused(utf7, "newsml"))
    assert "does not start with '<'" in str(refused("Lo§".encode("cp500"), "newsml"))


def test_a_bare_doctype_is_read() -> None:
    article, _ = read(news_item("<!DOCTYPE newsItem>"), "newsml")
    assert isinstance(article, nd.Article)
    assert article.headline == "Ferry to Batumi sails again"


def test_xml_nested_too_deeply_is_a_limit_error() -> None:
    deep = "<em>" * 200 + "x" + "</em>" * 200
    error = refused(news_item(content=f"<description>{deep}</description>"), "newsml")
    assert isinstance(error, LimitError)


# ------------------------------------------------------------------------- YAML front matter


def markdown(front: str, body: str = "The ferry left at dawn.\n") -> bytes:
    return f"---\n{front}\n---\n{body}".encode()


def test_a_yaml_alias_bomb_is_refused_at_once_with_a_short_message() -> None:
    levels = ["a0: &a0 [ferry, ferry, ferry, ferry, ferry, ferry, ferry, ferry, ferry]"]
    for n in range(1, 8):
        levels.append(f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]")
    front = "id: urn:test:1\nheadline: Bomb\n" + "\n".join(levels) + "\nstatus: *a7"
    error = refused(markdown(front), "markdown")
    assert "aliases" in str(error)
    assert len(str(error)) < 400


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("id: urn:test:1\nheadline: [" + "[" * 100_000 + "]" * 100_000 + "]", LimitError),
        ("id: urn:test:1\nheadline: " + "{k: " * 10_000 + "v" + "}" * 10_000, LimitError),
    ],
)
def test_deep_yaml_is_a_limit_error(front: str, expected: type) -> None:
    assert isinstance(refused(markdown(front), "markdown"), expected)


def test_impossible_yaml_timestamps_and_huge_numbers_are_refused_plainly() -> None:
    error = refused(
        markdown("id: urn:test:1\nheadline: H\npublished: !!timestamp 2026-02-30"), "md"
    )
    assert "published: expected an ISO 8601 date-time, got '2026-02-30'" in str(error)
    error = refused(markdown("id: urn:test:1\nheadline: H\nversion: " + "7" * 5000), "markdown")
    assert "a number of 5000 characters" in str(error)
    assert len(str(error)) < 300


def test_yaml_timestamps_stay_strings_the_json_reader_checks() -> None:
    front = "id: urn:test:1\nheadline: H\npublished: !!timestamp 2026-05-04T09:30:00+04:00"
    article, _ = read(markdown(front), "markdown")
    assert isinstance(article, nd.Article)
    assert article.published == dt.datetime.fromisoformat("2026-05-04T09:30:00+04:00")


def test_yaml_keys_that_are_not_text_are_refused() -> None:
    assert "not text" in str(refused(markdown("id: urn:test:1\nheadline: H\n1: one"), "markdown"))


# ------------------------------------------------------------------------------- SVG images


def _svg_article(folder: Path, svg: str) -> nd.Article:
    (folder / "images").mkdir(exist_ok=True)
    (folder / "images" / "chart.svg").write_text(svg)
    figure = nd.Figure(src="images/chart.svg", alt="A chart of ferry crossings")
    return nd.Article(id="urn:test:svg", headline="Crossings by month", lead_image=figure)


def _svg(inner: str, extra: str = "") -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'width="10" height="10"{extra}>{inner}</svg>'
    )


@pytest.mark.parametrize(
    "svg",
    [
        _svg('<rect width="10" height="10" fill="url(http://tracker.invalid/p.svg#g)"/>'),
        _svg('<rect width="10" height="10" filter="url(https://tracker.invalid/f#f)"/>'),
        _svg('<rect width="10" height="10" mask="url(//tracker.invalid/m.svg#m)"/>'),
        _svg('<rect width="10" height="10" clip-path="url(tracker.svg#c)"/>'),
        _svg('<rect width="10" height="10" style="fill: url(\'http://tracker.invalid/s\')"/>'),
        _svg('<style>@import "http://tracker.invalid/s.css";</style>'),
        _svg(r"<style>rect { fill: u\72l(http://tracker.invalid/e.svg#p) }</style>"),
        _svg(r'<rect width="10" height="10" style="fill: \75 rl(http://x.invalid/a)"/>'),
        _svg('<rect width="10" height="10" fill="&#117;rl(http://tracker.invalid/p)"/>'),
        _svg('<style>rect { background: image-set("http://tracker.invalid/a.png" 1x) }</style>'),
        _svg(
            '<image width="9" height="9"><set attributeName="href" to="http://x.invalid"/></image>'
        ),
        _svg(
            '<image><animate attributeName="xlink:href" values="http://x.invalid/a.png"/></image>'
        ),
        _svg('<image width="9" height="9" href="http://tracker.invalid/pic.png"/>'),
        _svg('<use xlink:href="other.svg#shape"/>'),
        _svg('<filter id="f"><feImage href="file:///etc/passwd"/></filter>'),
        _svg('<use href="#shape"/>', ' xml:base="http://tracker.invalid/"'),
        '<?xml-stylesheet href="http://tracker.invalid/s.css"?>' + _svg(""),
        _svg("<script>alert(1)</script>"),
        _svg('<rect width="10" height="10" onload="alert(1)"/>'),
        _svg("<foreignObject><p>text</p></foreignObject>"),
        '<!DOCTYPE svg [<!ENTITY x "y">]>' + _svg(""),
    ],
)
def test_svg_reaching_outside_itself_is_refused(tmp_path: Path, svg: str) -> None:
    article = _svg_article(tmp_path, svg)
    for fmt in ("html", "epub"):
        with pytest.raises(UnsafeResourceError):
            nd.dumps(article, fmt, base_dir=str(tmp_path))


def test_svg_drawing_only_itself_is_embedded(tmp_path: Path) -> None:
    inner = (
        '<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
        "<style>rect { fill: url(#g) }</style>"
        '<rect id="r" width="10" height="10" fill="url( \'#g\' )"/><use href="#r"/>'
    )
    doctype = (
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
    )
    article = _svg_article(tmp_path, doctype + _svg(inner))
    page = nd.dumps(article, "html", base_dir=str(tmp_path))
    assert b"data:image/svg+xml;base64," in page


def test_an_image_that_is_a_named_pipe_is_refused(tmp_path: Path) -> None:
    (tmp_path / "images").mkdir()
    os.mkfifo(tmp_path / "images" / "pipe.png")
    article = nd.Article(
        id="urn:test:fifo",
        headline="A pipe where the picture should be",
        lead_image=nd.Figure(src="images/pipe.png", alt="nothing"),
    )
    for fmt in ("html", "epub"):
        with pytest.raises(MissingResourceError, match="not a regular file"):
            nd.dumps(article, fmt, base_dir=str(tmp_path))


def test_image_paths_with_nul_or_too_long_are_newsdoc_errors(tmp_path: Path) -> None:
    for src in ("images/a%00b.png", "images/" + "a" * 5000 + ".png"):
        article = nd.Article(id="urn:test:1", headline="H", lead_image=nd.Figure(src=src, alt="x"))
        with pytest.raises((UnsafeResourceError, MissingResourceError)):
            nd.dumps(article, "html", base_dir=str(tmp_path))


# -------------------------------------------------- the model: what no format can carry


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"id": "urn:test:ctl\x00nul"}, "U+0000 at character 13 is a control character"),
        ({"id": "urn:test:\x1besc"}, "U+001B"),
        ({"id": "urn:test:1\n"}, "expected an absolute URI"),
        ({"canonical_url": "https://example.org/ferry\x1b"}, "expected an absolute http(s) URL"),
        ({"canonical_url": "https://example.org/\ufffe"}, "U+FFFE at character 21 is a non-char"),
        ({"headline": "Ferry\x07 times"}, "U+0007 at character 6 is a control character"),
        ({"headline": "Ferry \ud800 times"}, "U+D800 at character 7 is a lone surrogate"),
        ({"version": 10**400}, "got a whole number of 401 digits"),
        ({"version": 2**31}, "from 1 to 2147483647"),
        ({"keywords": ["ferry\nBatumi"]}, "on one line"),
    ],
)
def test_the_model_refuses_what_no_format_can_carry(fields: dict[str, Any], message: str) -> None:
    given = {"id": "urn:test:1", "headline": "Ferry times", **fields}
    with pytest.raises(FieldError, match=re.escape(message)):
        nd.Article(**given)


def test_link_targets_and_urls_with_control_characters_are_refused() -> None:
    with pytest.raises(FieldError, match="U\\+0000"):
        nd.Person(name="Nino", url="https://example.org/\x00")
    with pytest.raises(FieldError):
        nd.Link(href="https://example.org/\x1b", children="ferry")
    with pytest.raises(FieldError):
        nd.Figure(src="images/\x00.png", alt="")


@pytest.mark.parametrize(
    "when",
    [
        "9999-12-31T23:59:59-14:00",  # the year 10000 in UTC
        "0001-01-01T00:30:00+01:00",  # the year 0 in UTC
        "2026-05-04T09:30:00+01:00:30",  # an offset with seconds
        "2026-05-04T09:30:00+15:00",  # beyond ±14:00
    ],
)
def test_date_times_writers_cannot_represent_are_refused(when: str) -> None:
    with pytest.raises(FieldError, match="within the years 1 to 9999 in UTC"):
        nd.Article(id="urn:test:1", headline="H", published=dt.datetime.fromisoformat(when))
    data = json.dumps({"newsdoc": 1, "id": "urn:test:1", "headline": "H", "published": when})
    assert "published: expected a date-time" in str(refused(data, "json"))


def test_the_last_representable_date_writes_epub_in_utc() -> None:
    for when, stamp in [
        ("9999-12-31T09:59:59-14:00", "9999-12-31T23:59:59Z"),
        ("0005-01-01T10:00:00+01:00", "0005-01-01T09:00:00Z"),
    ]:
        article = nd.Article(
            id="urn:test:1", headline="H", published=dt.datetime.fromisoformat(when)
        )
        book = zipfile.ZipFile(io.BytesIO(nd.dumps(article, "epub")))
        package = book.read("EPUB/content.opf").decode()
        assert f'<meta property="dcterms:modified">{stamp}</meta>' in package
        for fmt in ("json", "newsml", "ninjs", "markdown", "html"):
            nd.dumps(article, fmt)


def test_messages_quote_only_an_excerpt_of_a_value() -> None:
    data = json.dumps({"newsdoc": 1, "id": "urn:test:1", "headline": "H", "status": "x" * 10**6})
    error = refused(data, "json")
    assert "(1000000 characters)" in str(error)
    assert len(str(error)) < 300
    with pytest.raises(FieldError) as caught:
        nd.Article(id="urn:test:1", headline="H", keywords=["ok"] * 10**5 + [""])
    assert len(str(caught.value)) < 200


# ---------------------------------------------------------------- the JSON and ninjs readers


def test_json_kinds_that_are_not_text_are_refused() -> None:
    for kind in (["article"], {"a": 1}, 3):
        data = json.dumps({"newsdoc": 1, "kind": kind, "id": "urn:test:1", "headline": "H"})
        assert "kind: expected 'article' or 'collection'" in str(refused(data, "json"))


def test_duplicate_json_keys_are_refused_naming_the_key() -> None:
    data = '{"newsdoc": 1, "id": "urn:test:1", "headline": "First", "headline": "Second"}'
    assert "headline: the key 'headline' appears twice" in str(refused(data, "json"))
    nested = (
        '{"newsdoc": 1, "id": "urn:test:1", "headline": "H", '
        '"dateline": {"place": "Poti" , "place" : "Batumi"}}'
    )
    assert "dateline.place: the key 'place' appears twice" in str(refused(nested, "json"))
    item = '{"uri": "urn:test:1", "headlines": [{"value": "A"}], "uri": "urn:test:2"}'
    assert "the key 'uri' appears twice" in str(refused(item, "ninjs"))


def test_keys_that_look_alike_inside_strings_are_not_duplicates() -> None:
    data = (
        '{"newsdoc": 1, "id": "urn:test:1", "headline": "\\"headline\\": twice", '
        '"summary": "a\\": b"}'
    )
    article, _ = read(data, "json")
    assert isinstance(article, nd.Article)
    assert article.headline == '"headline": twice'


def test_json_nested_too_deeply_is_a_limit_error() -> None:
    deep = "[" * 5000 + "]" * 5000
    data = '{"newsdoc": 1, "id": "urn:test:1", "headline": "H", "keywords": ' + deep + "}"
    assert isinstance(refused(data, "json"), LimitError)


def test_a_long_url_that_fails_is_refused_with_a_short_message() -> None:
    data = json.dumps(
        {
            "newsdoc": 1,
            "id": "urn:test:1",
            "headline": "H",
            "canonical_url": "https://" + "a" * 40_000 + " x",
        }
    )
    error = refused(data, "json")
    assert "canonical_url: expected an absolute http(s) URL" in str(error)
    assert "(40010 characters)" in str(error)


def ninjs(**item: Any) -> str:
    return json.dumps({"uri": "urn:test:nj-1", "headlines": [{"value": "Ferry probe"}], **item})


@pytest.mark.parametrize(
    ("item", "where", "words"),
    [
        ({"firstCreated": "2026-02-30T10:00:00Z"}, "firstCreated", "'2026-02-30T10:00:00Z' is not"),
        ({"versionCreated": "last Tuesday"}, "versionCreated", "'last Tuesday' is not"),
        ({"urgency": 42}, "urgency", "from 1 to 9, got 42; left out"),
        ({"urgency": 4.5}, "urgency", "got 4.5; left out"),
        ({"version": "-3"}, "version", "version 1 assumed"),
        ({"version": "9" * 400}, "version", "version 1 assumed"),
        ({"language": "english"}, "language", "'en' assumed"),
        ({"pubStatus": "draft"}, "pubStatus", "'usable' assumed"),
        ({"uri": "ferry 1"}, "uri", "used as the id"),
        (
            {
                "places": [
                    {
                        "rel": "dateline",
                        "name": "Poti",
                        "geoJSON": {"type": "Point", "coordinates": ["NaN", "NaN"]},
                    }
                ]
            },
            "places[0].geoJSON.coordinates",
            "expected two numbers",
        ),
        (
            {
                "places": [
                    {
                        "rel": "dateline",
                        "name": "Poti",
                        "geoJSON": {"type": "Point", "coordinates": [1]},
                    }
                ]
            },
            "places[0].geoJSON.coordinates",
            "expected two numbers",
        ),
        (
            {"rightsInfo": {"linkedRights": "ftp://example.org/licence"}},
            "rightsInfo.linkedRights",
            "expected an absolute http(s) URL",
        ),
    ],
)
def test_ninjs_says_what_it_leaves_out(item: dict[str, Any], where: str, words: str) -> None:
    article, found = read(ninjs(**item), "ninjs")
    assert isinstance(article, nd.Article)
    assert any(d.where == where and words in d.message for d in found), found
    with pytest.raises(nd.StrictError):
        nd.loads(ninjs(**item), "ninjs", strict=True)


@pytest.mark.parametrize(
    ("item", "problem"),
    [
        ({"headlines": ["a bare string"]}, "headlines[0]: expected an object, got a string"),
        ({"places": "Harbour"}, "places: expected a list, got a string"),
        ({"people": [{"name": 7}]}, "people[0].name: expected a string, got a whole number"),
        ({"associations": False}, "associations: expected a list, got true or false"),
        ({"urgency": "4"}, "urgency: expected a whole number, got a string"),
        ({"rightsInfo": ["x"]}, "rightsInfo: expected an object, got a list"),
        ({"uri": "urn:test:nj\u001bx"}, "uri: U+001B at character 12 is a control character"),
        (
            {"headlines": [{"value": "Ferry\u0007 probe"}]},
            "headlines[0].value: U+0007 at character 6 is a control character",
        ),
    ],
)
def test_ninjs_errors_name_the_path(item: dict[str, Any], problem: str) -> None:
    error = refused(ninjs(**item), "ninjs")
    assert problem in str(error)
    assert "object has no attribute" not in str(error)


def test_ninjs_names_with_line_breaks_are_read_as_one_line() -> None:
    article, found = read(ninjs(people=[{"name": "Nino\nBeridze"}]), "ninjs")
    assert isinstance(article, nd.Article)
    assert article.bylines[0].name == "Nino Beridze"
    assert any(d.code == "assumed" for d in found)


# --------------------------------------------------------------------- the NewsML-G2 reader


def test_newsml_says_what_it_leaves_out() -> None:
    meta = "<firstCreated>the day after tomorrow</firstCreated><embargoed>2026-02-30</embargoed>"
    content = (
        "<urgency>42</urgency><located><name>Poti</name><geoAreaDetails>"
        '<position latitude="NaN" longitude="1e999"/></geoAreaDetails></located>'
    )
    article, found = read(news_item(meta=meta, content=content, version="9" * 400), "newsml")
    assert isinstance(article, nd.Article)
    assert article.version == 1
    assert article.urgency is None
    assert article.embargo is None
    assert article.dateline is not None
    assert article.dateline.geo is None
    where = {d.where for d in found}
    assert {
        "@version",
        "itemMeta/firstCreated",
        "itemMeta/embargoed",
        "contentMeta/urgency",
        "contentMeta/located/geoAreaDetails/position",
    } <= where
    with pytest.raises(nd.StrictError):
        nd.loads(news_item(meta=meta, content=content), "newsml", strict=True)


def test_a_400_digit_image_width_is_left_out_with_a_warning() -> None:
    article = nd.Article(
        id="urn:test:1",
        headline="H",
        sections=[nd.Section(blocks=[nd.Figure(src="images/a.png", alt="", width=640)])],
    )
    data = nd.dumps(article, "newsml").replace(b'width="640"', b'width="' + b"8" * 400 + b'"')
    document, found = read(data, "newsml")
    assert isinstance(document, nd.Article)
    figure = document.sections[0].blocks[0]
    assert isinstance(figure, nd.Figure)
    assert figure.width is None
    assert any("width" in d.message and "(400 characters)" in d.message for d in found)
    nd.dumps(document, "json")


def test_a_collection_of_two_articles_of_one_id_reads_back_as_written() -> None:
    morning = nd.Article(
        id="urn:test:bridge",
        headline="Morning edition: bridge closed",
        summary="Closed for repairs.",
        keywords=["bridge"],
        language="en",
        version=1,
    )
    evening = nd.Article(
        id="urn:test:bridge",
        headline="Evening edition: bridge reopens",
        summary="Reopened early.",
        keywords=["traffic"],
        language="fr",
        version=2,
    )
    edition = nd.Collection(id="urn:test:edition", title="Today", articles=[morning, evening])
    for body in ("nitf", "xhtml"):
        assert nd.loads(nd.dumps(edition, "newsml", body=body), "newsml") == edition


# ------------------------------------------------------------------------- the Markdown reader


def test_escape_in_the_body_is_removed_with_a_warning_naming_the_line() -> None:
    data = markdown(
        "id: urn:test:1\nheadline: Tide pools", "First line.\n\nThe count\x1b[1m rose.\n"
    )
    article, found = read(data, "markdown")
    assert isinstance(article, nd.Article)
    assert nd.plain_text(article.sections[0].blocks[1].content) == "The count[1m rose."  # type: ignore[union-attr]
    assert [(d.where, d.code) for d in found] == [("line 7", "dropped")]
    assert "U+001B" in found[0].message


def test_line_breaks_in_text_tables_and_code_survive_markdown() -> None:
    article = nd.Article(
        id="urn:test:1",
        headline="Line\nbreaks",
        sections=[
            nd.Section(
                heading="Two\rlines",
                blocks=[
                    nd.Paragraph(content="first line\nsecond line\rthird"),
                    nd.Quote(text="said\nthis"),
                    nd.Paragraph(content=[nd.Code(text="a = 1\nb = 2")]),
                    nd.Table(header=["Col\nA", "B"], rows=[["1\n2", "3"], ["4", "5\r6"]]),
                    nd.Figure(src="images/a.png", alt="two\nlines", credit="by\nus"),
                ],
            )
        ],
    )
    assert nd.loads(nd.dumps(article, "markdown"), "markdown") == article


def test_a_dense_50_mb_markdown_paragraph_is_refused_by_a_limit() -> None:
    data = markdown("id: urn:test:1\nheadline: H", "*harbour* " * 5_000_000)
    error = refused(data, "markdown")
    assert isinstance(error, LimitError)
    assert "max_markdown_bytes" in str(error)


def test_a_paragraph_over_the_text_limit_is_refused_before_parsing() -> None:
    lines = "".join(f"word{n} and *more*\n" for n in range(10_000))
    error = refused(markdown("id: urn:test:1\nheadline: H", lines), "markdown")
    assert "max_text_length" in str(error)
    assert "line 5" in str(error)


def test_text_built_from_many_pieces_is_joined_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Soft-wrapped lines add one piece each; the run is made (and checked) once."""
    from newsdoc.model import inline

    made: list[str] = []
    original = inline.Text

    def counting(**fields: Any) -> Any:
        made.append(fields["text"])
        return original(**fields)

    monkeypatch.setattr(inline, "Text", counting)
    builder = inline.InlineBuilder(collapse=False)
    for n in range(5000):
        builder.text(f"word{n}")
        builder.text(" ")
    (node,) = builder.build()
    assert len(made) == 1
    assert isinstance(node, original)
    assert node.text.startswith("word0 word1 ")


def test_inline_html_nested_too_deeply_is_a_limit_error() -> None:
    body = "<em>" * 1000 + "deep" + "</em>" * 1000 + "\n"
    assert isinstance(
        refused(markdown("id: urn:test:1\nheadline: H", body), "markdown"), LimitError
    )


# ------------------------------------------------------------------------------- the limits


def test_a_10_mb_headline_is_refused_before_rendering_a_pdf() -> None:
    article = nd.Article(id="urn:test:1", headline="harbour " * 1_250_000)
    with pytest.raises(LimitError, match=r"headline: the text is 10000000 characters long"):
        nd.dumps(article, "pdf")


def test_bytes_given_to_loads_meet_the_input_limit() -> None:
    data = json.dumps({"newsdoc": 1, "id": "urn:test:1", "headline": "H" * 200})
    with limits.override(max_input_bytes=100):
        for fmt in ("json", "ninjs", "newsml", "markdown", "pdf"):
            assert isinstance(refused(data.encode(), fmt), LimitError)
        from newsdoc.formats import json as json_format

        with pytest.raises(LimitError, match="max_input_bytes"):
            json_format.read(data.encode())


def test_files_meet_the_same_input_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"newsdoc": 1, "id": "urn:test:1", "headline": "H" * 200}))
    with limits.override(max_input_bytes=100), pytest.raises(LimitError, match="limit of 100"):
        nd.load(path)
    assert nd.load(path).headline == "H" * 200


def test_limits_are_configurable() -> None:
    article = nd.Article(
        id="urn:test:1",
        headline="H",
        sections=[nd.Section(blocks=[nd.Paragraph(content=str(n)) for n in range(5)])],
    )
    data = nd.dumps(article)
    with limits.override(max_blocks=4):
        assert "max_blocks" in str(refused(data, "json"))
    assert nd.loads(data) == article
    with limits.override(max_text_length=3), pytest.raises(LimitError, match="headline"):
        nd.dumps(nd.Article(id="urn:test:1", headline="Hello"), "html")
    nested = nd.Emphasis(children="x")
    for _ in range(9):
        nested = nd.Emphasis(children=[nested])
    deep = nd.Article(
        id="urn:test:1",
        headline="H",
        sections=[nd.Section(blocks=[nd.Paragraph(content=[nested])])],
    )
    with limits.override(max_depth=8), pytest.raises(LimitError, match="inline markup"):
        nd.dumps(deep, "html")
    with limits.override(max_articles=1), pytest.raises(LimitError, match="max_articles"):
        nd.loads(EXAMPLES_COLLECTION.read_bytes())


def test_limits_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "_DEFAULT", None)
    monkeypatch.setenv("NEWSDOC_MAX_TEXT_LENGTH", "10")
    assert limits.current().max_text_length == 10
    monkeypatch.setattr(limits, "_DEFAULT", None)
    monkeypatch.setenv("NEWSDOC_MAX_TEXT_LENGTH", "ten")
    with pytest.raises(ValueError, match="NEWSDOC_MAX_TEXT_LENGTH must be a whole number"):
        limits.current()
    monkeypatch.setattr(limits, "_DEFAULT", None)
    monkeypatch.delenv("NEWSDOC_MAX_TEXT_LENGTH")
    changed = limits.set_defaults(max_blocks=7)
    assert changed.max_blocks == 7
    assert limits.current().max_blocks == 7
    monkeypatch.setattr(limits, "_DEFAULT", None)
    assert limits.current().max_blocks == 100_000


EXAMPLES_COLLECTION = Path(__file__).resolve().parent.parent / "examples" / "collection.json"


# ---------------------------------------------------------------------------------- the PDF


def test_a_pdf_whose_embedded_json_claims_gigabytes_is_a_limit_error() -> None:
    import zlib

    import pikepdf

    pdf = pikepdf.new()
    bomb = zlib.compress(b"[" + b" " * 5_000_000 + b"]", 9)
    spec = pikepdf.AttachedFileSpec(pdf, b"{}")
    pdf.attachments["newsdoc.json"] = spec
    stream = pdf.attachments["newsdoc.json"].get_file().obj
    stream.write(bomb, filter=pikepdf.Name.FlateDecode)
    out = io.BytesIO()
    pdf.save(out)
    with limits.override(max_input_bytes=1_000_000):
        assert isinstance(refused(out.getvalue(), "pdf"), LimitError)
    assert "not a readable PDF" in str(refused(b"%PDF-1.7\n%%EOF", "pdf"))
