"""The DOCX writer, checked by independent consumers of Word documents.

The test documents (the bundled example article and collection, a Markdown fixture, the
right-to-left fixture and a long article made here: a 40-row table, a tall picture, code,
several sections, Armenian and Hebrew runs) are written once per session. Then:

- LibreOffice headless converts every one to PDF and to text in one call each, and the text
  holds every paragraph, right-to-left ones in logical order;
- pandoc (``-f docx -t json``) reads the same headline, headings, quotes and table cells;
- python-docx opens each and finds the styles; mammoth reads each without a message on a
  style it does not know;
- every part of the package is well-formed XML and every relationship's target exists;
- newsdoc's own reader brings back the headline, subheadline, summary, bylines, sections,
  quotes with their speakers, lists, tables, figures with their captions and credits.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import posixpath
import re
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path
from typing import Any

import docx
import mammoth
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import newsdoc as nd
from newsdoc.cli import main
from newsdoc.diagnostics import collect
from newsdoc.formats.docx.reader import STYLE_MAP
from tests.conftest import ROOT
from tests.strategies import articles, collections

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MARKS = re.compile("[“”„«»\u00a0]")


def png(width: int, height: int, rgb: tuple[int, int, int] = (40, 90, 160)) -> bytes:
    """A PNG of one colour, made here."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:  # never a skip: scripts/test installs it
        raise AssertionError(f"{name} is not installed (bash scripts/test installs it)")
    return found


def long_article() -> nd.Article:
    """A long, mixed article of our own: sections, a 40-row table, a tall picture, code,
    lists, quotes, links, line breaks, Armenian and Hebrew, and the apparatus."""
    when = dt.datetime(2026, 6, 2, 18, 5, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    rows = [
        [f"Stop {n:02d}", f"{(6 + n // 3) % 24:02d}:{(n * 7) % 60:02d}", f"{n * 11} km"]
        for n in range(1, 41)
    ]
    sections = [
        nd.Section(
            blocks=[
                nd.Paragraph(
                    content=nd.from_html(
                        "The regional bus network publishes its <strong>summer timetable</strong>"
                        " today, with <em>forty stops</em> on the mountain line, "
                        '<a href="https://bus.example.org/summer" title="Timetable">the full '
                        "list</a> and a helpline on <code>+374 10 000 000</code>."
                    )
                ),
                nd.Paragraph(content=nd.from_html("First line of the notice<br>Second line of it")),
                nd.Paragraph(
                    content=nd.from_html(
                        'Villagers call the pass <q lang="hy">Սելիմի լեռնանցք</q> and the old '
                        "road the shepherds' way."
                    )
                ),
            ]
        ),
        nd.Section(
            heading="Every stop on the line",
            blocks=[
                nd.Table(
                    header=["Stop", "Departs", "Distance"],
                    rows=rows,
                    caption="The forty stops, from the city terminal up to the pass",
                ),
                nd.Paragraph(content="Times are those of the first bus of the day."),
            ],
        ),
        nd.Section(
            heading="The tower at the pass",
            blocks=[
                nd.Figure(
                    src="tower.png",
                    alt="A tall, narrow drawing of the signal tower at the pass",
                    caption="The signal tower stands 40 metres above the road.",
                    credit="Drawing: newsdoc tests",
                    width=180,
                    height=1400,
                ),
                nd.Quote(
                    text="The tower tells the drivers when the pass is open; in winter it "
                    "saves lives.",
                    speaker=nd.Person(name="Ruben Vardanyan", role="Road warden"),
                ),
                nd.Quote(
                    text="A line we waited years for.",
                    speaker=nd.Person(name="Mariam Hovhannisyan"),
                    kind="pull",
                ),
                nd.ListBlock(items=["Check the weather", "Carry water", "Book a seat"]),
                nd.ListBlock(items=["Board at the front", "Pay the driver"], ordered=True),
            ],
        ),
        nd.Section(
            heading="Open data",
            blocks=[
                nd.Paragraph(content="The operator publishes each departure as data:"),
                nd.Preformatted(
                    text='{\n  "line": 7,\n\t"stops": 40,\n  "first": "06:10"\n}\n\n# end',
                    syntax="json",
                ),
                nd.Paragraph(
                    content="Timetables are also printed in Hebrew for visiting groups.",
                ),
                nd.Paragraph(content="לוח הזמנים החדש של הקו ההררי", lang="he"),
                nd.ListBlock(items=["Night buses on Fridays", "A stop at the lake"], ordered=True),
            ],
        ),
        nd.Section(
            heading="Notes",
            blocks=[
                nd.ListBlock(
                    items=["Distances are along the road.", "Times may shift by five minutes."],
                    ordered=True,
                )
            ],
        ),
    ]
    return nd.Article(
        id="urn:newsdoc:test:mountain-bus",
        headline="Mountain bus line publishes its summer timetable",
        subheadline="Forty stops from the city to the pass, with a night bus on Fridays",
        summary="The regional operator runs the mountain line daily from 1 July.",
        bylines=[
            nd.Person(name="Anahit Grigoryan", role="Regional reporter", affiliation="Test Wire"),
            nd.Person(name="Levon Sahakyan", role="Data editor"),
        ],
        dateline=nd.Dateline(place="Vayk", country_code="AM", date=dt.date(2026, 6, 2)),
        created=when - dt.timedelta(hours=2),
        published=when,
        updated=when + dt.timedelta(days=1),
        language="en-GB",
        section="Regions",
        genre="Service",
        keywords=["bus", "timetable", "mountains"],
        sections=sections,
        key_points=[nd.KeyPoint(text="Forty stops"), nd.KeyPoint(text="Daily from 1 July")],
        related=[
            nd.RelatedLink(
                url="https://bus.example.org/winter",
                title="Winter timetable",
                description="The timetable it replaces",
            )
        ],
        corrections=[nd.Correction(date=when, text="An earlier version gave 39 stops.")],
        rights=nd.Rights(holder="Test Wire", usage_terms="For tests only."),
    )


class Made:
    """The session's documents: the articles and the files written from them."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.sources: dict[str, nd.Document] = {}
        self.files: dict[str, Path] = {}
        self.warnings: dict[str, list[str]] = {}
        self.pdf: dict[str, Path] = {}
        self.text: dict[str, str] = {}

    def add(self, name: str, document: nd.Document, **options: Any) -> None:
        with collect() as found:
            data = nd.get_format("docx").write(document, **options)
        path = self.folder / f"{name}.docx"
        path.write_bytes(data)
        self.sources[name] = document
        self.files[name] = path
        self.warnings[name] = [str(d) for d in found]

    def convert_all(self) -> None:
        """Every document to PDF and to text, with one LibreOffice call each."""
        soffice = _tool("soffice")
        profile = (self.folder / "lo-profile").as_uri()
        for target, out in (("pdf", "pdf"), ("txt:Text (encoded):UTF8", "txt")):
            folder = self.folder / out
            run = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(folder),
                    *(str(p) for p in self.files.values()),
                ],
                capture_output=True,
                timeout=600,
                check=False,
            )
            assert run.returncode == 0, run.stderr.decode(errors="replace")
            assert b"Error" not in run.stderr, run.stderr.decode(errors="replace")
        for name in self.files:
            self.pdf[name] = self.folder / "pdf" / f"{name}.pdf"
            self.text[name] = (self.folder / "txt" / f"{name}.txt").read_text("utf-8-sig")


@pytest.fixture(scope="session")
def made(tmp_path_factory: pytest.TempPathFactory) -> Made:
    folder = tmp_path_factory.mktemp("docx-out")
    found = Made(folder)
    found.add("example", nd.load(ROOT / "examples" / "article.json"))
    markdown = folder / "md"
    markdown.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "docx" / "border-crossing.md", markdown)
    (markdown / "queue.png").write_bytes(png(64, 36, (200, 120, 30)))
    with collect():
        found.add("markdown", nd.load(markdown / "border-crossing.md"))
    found.add("rtl", nd.load(ROOT / "tests" / "fixtures" / "rtl-article.json"))
    found.add("collection", nd.load(ROOT / "examples" / "collection.json"))
    (folder / "tower.png").write_bytes(png(90, 700))
    found.add("long", long_article(), base_dir=folder)
    found.convert_all()
    return found


NAMES = ["example", "markdown", "rtl", "collection", "long"]


def _articles(document: nd.Document) -> list[nd.Article]:
    return list(document.articles) if isinstance(document, nd.Collection) else [document]


def _flat(text: str) -> str:
    return " ".join(_MARKS.sub("", text).split())


def _inline_text(content: tuple[nd.Inline, ...]) -> str:
    return _flat(nd.plain_text(content))


def _paragraphs(article: nd.Article) -> list[str]:
    """The text of every paragraph the document must show, one string each."""
    found = [article.headline, article.subheadline, article.summary]
    found += [p.name for p in article.bylines]
    blocks = [b for s in article.sections for b in s.blocks]
    if article.lead_image is not None:
        blocks.insert(0, article.lead_image)
    found += [s.heading for s in article.sections]
    found += [_inline_text(k.text) for k in article.key_points]
    found += [c.text for c in article.corrections]
    found += [r.title for r in article.related]
    for block in blocks:
        if isinstance(block, nd.Paragraph):
            found += [_flat(line) for line in nd.plain_text(block.content).split("\n")]
        elif isinstance(block, nd.Quote):
            found.append(_inline_text(block.text))
            if block.speaker is not None:
                found.append(block.speaker.name)
        elif isinstance(block, nd.ListBlock):
            found += [_inline_text(item) for item in block.items]
        elif isinstance(block, nd.Table):
            found += [_inline_text(c) for row in (block.header, *block.rows) for c in row]
            if block.caption:
                found.append(_inline_text(block.caption))
        elif isinstance(block, nd.Figure):
            found += [_inline_text(block.caption or ()), block.credit or ""]
        elif isinstance(block, nd.Preformatted):
            found += [line.strip() for line in block.text.splitlines()]
    return [_flat(p) for p in found if p and _flat(p)]


@pytest.mark.parametrize("name", NAMES)
def test_libreoffice_converts_each_document_and_shows_every_paragraph(
    made: Made, name: str
) -> None:
    pdf = made.pdf[name]
    assert pdf.read_bytes().startswith(b"%PDF-")
    fonts = subprocess.run(
        [_tool("pdffonts"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    assert "Type 3" not in fonts  # no glyph drawn for want of a font
    text = _flat(made.text[name])
    expected = [p for a in _articles(made.sources[name]) for p in _paragraphs(a)]
    missing = [p for p in expected if p not in text]
    assert not missing, missing[:5]
    assert len(expected) >= 10


def test_right_to_left_text_is_in_logical_order_with_its_fonts(made: Made) -> None:
    article = made.sources["rtl"]
    assert isinstance(article, nd.Article)
    first = article.sections[0].blocks[0]
    assert isinstance(first, nd.Paragraph)
    sentence = nd.plain_text(first.content)
    assert sentence in made.text["rtl"]  # as typed, first letter first
    assert sentence[::-1] not in made.text["rtl"]
    fonts = subprocess.run(
        [_tool("pdffonts"), str(made.pdf["rtl"])], capture_output=True, text=True, check=True
    ).stdout
    assert "NotoNaskhArabic" in fonts
    xml = zipfile.ZipFile(made.files["rtl"]).read("word/document.xml").decode()
    assert xml.count("<w:bidi/>") >= 10
    assert "<w:rtl/>" in xml
    styles = zipfile.ZipFile(made.files["rtl"]).read("word/styles.xml").decode()
    assert 'w:bidi="ar"' in styles
    assert 'w:cs="Noto Naskh Arabic"' in styles
    long = zipfile.ZipFile(made.files["long"]).read("word/document.xml").decode()
    assert 'w:bidi="he"' in long  # a Hebrew paragraph in an English article
    assert 'w:ascii="Noto Serif Armenian"' in long
    assert 'w:val="hy"' in long


def _pandoc(path: Path) -> dict[str, Any]:
    run = subprocess.run(
        [_tool("pandoc"), "-f", "docx", "-t", "json", str(path)],
        capture_output=True,
        check=True,
        timeout=120,
    )
    found: dict[str, Any] = json.loads(run.stdout)
    return found


def _stringify(node: Any) -> str:
    if isinstance(node, dict):
        kind = node.get("t")
        if kind == "Str":
            return str(node["c"])
        if kind in ("Space", "SoftBreak", "LineBreak"):
            return " "
        return _stringify(node.get("c", []))
    if isinstance(node, list):
        return "".join(_stringify(n) for n in node)
    return ""


def _walk(blocks: list[Any]) -> list[Any]:
    found = []
    for block in blocks:
        found.append(block)
        content = block.get("c") if isinstance(block, dict) else None
        if block.get("t") in ("BlockQuote", "Div") and isinstance(content, list):
            inner = content if block["t"] == "BlockQuote" else content[1]
            found += _walk(inner)
    return found


@pytest.mark.parametrize("name", ["example", "markdown", "rtl", "long"])
def test_pandoc_reads_the_headline_headings_quotes_and_cells(made: Made, name: str) -> None:
    article = made.sources[name]
    assert isinstance(article, nd.Article)
    read = _pandoc(made.files[name])
    title = read["meta"]["title"]
    assert _flat(_stringify(title)) == _flat(article.headline)
    blocks = _walk(read["blocks"])
    headings = [_flat(_stringify(b["c"][2])) for b in blocks if b["t"] == "Header"]
    assert headings == [s.heading for s in article.sections if s.heading]
    quotes = [_flat(_stringify(b["c"])) for b in blocks if b["t"] == "BlockQuote"]
    blocks_of = [b for s in article.sections for b in s.blocks]
    # a pull quote is Word's Intense Quote, which pandoc reads as a paragraph
    for quote in (b for b in blocks_of if isinstance(b, nd.Quote) and b.kind == "block"):
        assert any(_inline_text(quote.text) in q for q in quotes), quotes
    table_text = " ".join(_flat(_stringify(b["c"])) for b in blocks if b["t"] == "Table")
    for table in (b for s in article.sections for b in s.blocks if isinstance(b, nd.Table)):
        for row in (table.header, *table.rows):
            for cell in row:
                assert _inline_text(cell) in table_text


_OWN_STYLES = {
    "Title",
    "Subtitle",
    "Abstract",
    "Author",
    "Date",
    "Kicker",
    "Dateline",
    "Picture",
    "Credit",
    "Caption",
    "Quote",
    "Attribution",
    "List Bullet",
    "List Number",
    "Source Code",
    "Key Point",
    "Panel Heading",
    "Correction",
    "Related Link",
    "Rights",
}


@pytest.mark.parametrize("name", NAMES)
def test_python_docx_and_mammoth_read_it_with_every_style(made: Made, name: str) -> None:
    word = docx.Document(str(made.files[name]))
    names = {style.name for style in word.styles}
    assert {"Heading 1", "Table Grid", "Verbatim Char", "Hyperlink"} <= names
    used = {p.style.name for p in word.paragraphs if p.style is not None}
    assert used <= names
    if name in ("example", "long"):
        assert _OWN_STYLES - {"List Number"} <= used
    assert all(t.style is not None and t.style.name == "Table Grid" for t in word.tables)
    with made.files[name].open("rb") as stream:
        result = mammoth.convert_to_html(stream, style_map=STYLE_MAP)
    messages = [m.message for m in result.messages]
    assert not messages, messages


@pytest.mark.parametrize("name", NAMES)
def test_every_part_is_well_formed_and_every_relationship_target_exists(
    made: Made, name: str
) -> None:
    with zipfile.ZipFile(made.files[name]) as package:
        assert package.testzip() is None
        listed = set(package.namelist())
        assert {"[Content_Types].xml", "word/document.xml", "docProps/custom.xml"} <= listed
        types = etree.fromstring(package.read("[Content_Types].xml"))
        overrides = {e.get("PartName").lstrip("/") for e in types if e.get("PartName")}
        defaults = {e.get("Extension") for e in types if e.get("Extension")}
        for entry in listed:
            if entry.endswith((".xml", ".rels")):
                etree.fromstring(package.read(entry))  # raises on malformed XML
            assert entry in overrides or entry.rsplit(".", 1)[-1] in defaults, entry
        for entry in (e for e in listed if e.endswith(".rels")):
            folder = posixpath.dirname(posixpath.dirname(entry))
            for rel in etree.fromstring(package.read(entry)):
                if rel.get("TargetMode") == "External":
                    assert rel.get("Target").startswith(("http://", "https://", "mailto:"))
                    continue
                target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
                assert target.lstrip("/") in listed, (entry, rel.get("Target"))


def _read_back(made: Made, name: str) -> nd.Article:
    target = made.folder / f"{name}-back"
    target.mkdir(exist_ok=True)
    copy = target / f"{name}.docx"
    shutil.copy(made.files[name], copy)
    with collect():
        article = nd.load(copy, images_dir="pictures")
    assert isinstance(article, nd.Article)
    return article


def _shape(block: nd.Block) -> Any:
    """What of a block Word and the reader keep, to compare."""
    if isinstance(block, nd.Paragraph):
        return ("p", _inline_text(block.content))
    if isinstance(block, nd.Quote):
        who = block.speaker
        speaker = who and (who.name, who.role, who.affiliation)
        return ("q", block.kind, _inline_text(block.text), speaker)
    if isinstance(block, nd.ListBlock):
        return ("list", block.ordered, [_inline_text(i) for i in block.items])
    if isinstance(block, nd.Table):
        cells = [[_inline_text(c) for c in row] for row in block.rows]
        header = [_inline_text(c) for c in block.header]
        return ("table", header, cells, _inline_text(block.caption or ()))
    if isinstance(block, nd.Figure):
        return ("figure", block.alt, _inline_text(block.caption or ()), block.credit)
    return ("pre", block.text)


def _formatting(article: nd.Article) -> list[tuple[str, str]]:
    found = []

    def visit(nodes: tuple[nd.Inline, ...]) -> None:
        for node in nodes:
            if isinstance(node, nd.Strong | nd.Emphasis | nd.Code):
                found.append((type(node).__name__, nd.plain_text((node,))))
            if isinstance(node, nd.Link):
                found.append(("Link", node.href))
            visit(getattr(node, "children", ()))

    for block in (b for s in article.sections for b in s.blocks):
        if isinstance(block, nd.Paragraph):
            visit(block.content)
    return found


@pytest.mark.parametrize("name", ["example", "markdown", "rtl", "long"])
def test_the_round_trip_through_newsdocs_reader_keeps_the_article(made: Made, name: str) -> None:
    source = made.sources[name]
    assert isinstance(source, nd.Article)
    back = _read_back(made, name)
    assert back.headline == source.headline
    assert back.subheadline == source.subheadline
    assert back.summary == source.summary
    assert [(p.name, p.role, p.affiliation) for p in back.bylines] == [
        (p.name, p.role, p.affiliation) for p in source.bylines
    ]
    assert back.language == source.language
    assert back.section == source.section
    assert back.keywords == source.keywords
    assert back.dateline is None or source.dateline is not None
    if source.dateline is not None:
        assert back.dateline is not None
        assert back.dateline.place == source.dateline.place
    assert [_inline_text(k.text) for k in back.key_points] == [
        _inline_text(k.text) for k in source.key_points
    ]
    assert [(r.url, r.title) for r in back.related] == [
        (r.url, r.title) for r in source.related if r.url.startswith("http")
    ]
    headings = [s.heading for s in source.sections if s.heading]
    assert [s.heading for s in back.sections if s.heading] == headings
    blocks = [b for s in source.sections for b in s.blocks]
    if source.lead_image is not None:
        blocks.insert(0, source.lead_image)
    assert [_shape(b) for s in back.sections for b in s.blocks] == [_shape(b) for b in blocks]
    figures = [b for s in back.sections for b in s.blocks if isinstance(b, nd.Figure)]
    for figure in figures:
        assert (made.folder / f"{name}-back" / figure.src).is_file()
    assert _formatting(back) == _formatting(source)


def test_a_collection_is_one_document_with_contents_and_a_page_per_article(made: Made) -> None:
    collection = made.sources["collection"]
    assert isinstance(collection, nd.Collection)
    word = docx.Document(str(made.files["collection"]))
    styles = [(p.style.name if p.style else "", p.text) for p in word.paragraphs]
    assert styles[0] == ("Title", collection.title)
    entries = [text for style, text in styles if style == "TOC 1"]
    assert entries == [a.headline for a in collection.articles]
    xml = zipfile.ZipFile(made.files["collection"]).read("word/document.xml").decode()
    assert 'TOC \\o "1-1"' in xml
    assert xml.count("<w:pageBreakBefore/>") == len(collection.articles)
    headlines = [text for style, text in styles if style == "Heading 1"]
    assert headlines == [a.headline for a in collection.articles]
    back = _read_back(made, "collection")
    assert back.headline == collection.title
    expected = []
    for article in collection.articles:
        expected += [article.headline, *(s.heading for s in article.sections if s.heading)]
    assert [s.heading for s in back.sections if s.heading] == expected
    body = [b for a in collection.articles for s in a.sections for b in s.blocks]
    lead = [a.lead_image for a in collection.articles if a.lead_image is not None]
    assert len([b for s in back.sections for b in s.blocks]) == len(body) + len(lead)


def test_properties_carry_the_metadata(made: Made) -> None:
    article = made.sources["example"]
    assert isinstance(article, nd.Article)
    core = docx.Document(str(made.files["example"])).core_properties
    assert core.title == article.headline
    assert core.author == "; ".join(p.name for p in article.bylines)
    assert core.subject == article.subheadline
    assert core.keywords == ", ".join(article.keywords)
    assert core.language == article.language
    assert core.identifier == article.id
    assert core.category == article.section
    assert core.revision == article.version
    assert article.created is not None
    assert article.updated is not None
    assert core.created == article.created.astimezone(dt.UTC)
    assert core.modified == article.updated.astimezone(dt.UTC)
    custom = etree.fromstring(zipfile.ZipFile(made.files["example"]).read("docProps/custom.xml"))
    values = {p.get("name"): p[0].text for p in custom}
    assert values["newsdoc:id"] == article.id
    assert article.published is not None
    assert values["newsdoc:published"] == article.published.isoformat()
    assert values["newsdoc:dateline_country"] == "AM"
    assert values["newsdoc:slug"] == article.slug
    text = made.text["example"]
    assert "4 May 2026, 09:30 UTC+04:00" in text  # the dates in words
    rtl = made.text["rtl"]
    assert "مايو" in rtl  # May, in Arabic


def test_dates_are_in_words_with_babel_and_in_iso_form_without(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from newsdoc.formats.docx.writer import human_date

    when = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=-3, minutes=-30)))
    assert human_date(when, "en") == "4 May 2026, 09:30 UTC-03:30"
    assert human_date(when, "de-AT") == "4. Mai 2026, 09:30 UTC-03:30"
    assert human_date(when.date(), "xx-unknown") == "4 May 2026"
    monkeypatch.setitem(sys.modules, "babel.dates", None)  # as if Babel were not installed
    assert human_date(when, "de-AT") == "2026-05-04, 09:30 UTC-03:30"


def test_what_word_cannot_carry_is_reported(made: Made) -> None:
    warnings = " ".join(made.warnings["example"])
    assert "quote.place" in warnings
    assert "key_points[0].topics" in warnings
    assert "(lossy)" in warnings
    assert "preformatted.syntax" in " ".join(made.warnings["long"])


def test_pictures_are_embedded_at_their_size_within_the_page(made: Made) -> None:
    word = docx.Document(str(made.files["long"]))
    section = word.sections[0]
    width = section.page_width - section.left_margin - section.right_margin
    height = section.page_height - section.top_margin - section.bottom_margin
    (shape,) = word.inline_shapes
    assert shape.width <= width
    assert shape.height <= height
    assert abs(shape.width / shape.height - 180 / 1400) < 0.01
    xml = zipfile.ZipFile(made.files["long"]).read("word/document.xml").decode()
    assert 'descr="A tall, narrow drawing of the signal tower at the pass"' in xml
    example = docx.Document(str(made.files["example"]))
    assert example.inline_shapes[0].width == 480 * 9525  # its size: it fits


def test_tables_repeat_their_header_row(made: Made) -> None:
    word = docx.Document(str(made.files["long"]))
    (table,) = word.tables
    assert len(table.rows) == 41
    assert table.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None
    assert table.rows[1]._tr.trPr is None or table.rows[1]._tr.trPr.find(f"{W}tblHeader") is None


def test_a_reference_document_gives_its_styles_page_and_header(made: Made, tmp_path: Path) -> None:
    house = docx.Document()
    section = house.sections[0]
    section.page_width, section.page_height = docx.shared.Mm(148), docx.shared.Mm(210)
    section.left_margin = section.right_margin = docx.shared.Mm(12)
    section.header.paragraphs[0].text = "HOUSE HEADER"
    house.styles["Normal"].font.name = "DejaVu Serif"
    house.styles["Title"].font.size = docx.shared.Pt(31)
    house.add_paragraph("Template text that must not appear")
    for rid, rel in list(house.part.rels.items()):  # no lists in it, as LibreOffice's
        if rel.reltype.endswith("/numbering"):
            del house.part.rels[rid]
    template = tmp_path / "house.docx"
    house.save(str(template))
    (tmp_path / "tower.png").write_bytes(png(90, 700))
    data = nd.get_format("docx").write(long_article(), reference_doc=template, base_dir=tmp_path)
    word = docx.Document(io.BytesIO(data))
    assert abs(word.sections[0].page_width - docx.shared.Mm(148)) < docx.shared.Mm(0.1)
    assert abs(word.sections[0].left_margin - docx.shared.Mm(12)) < docx.shared.Mm(0.1)
    assert word.sections[0].header.paragraphs[0].text == "HOUSE HEADER"
    assert word.styles["Normal"].font.name == "DejaVu Serif"
    assert word.styles["Title"].font.size == docx.shared.Pt(31)
    assert "Kicker" in {s.name for s in word.styles}
    assert all("Template text" not in p.text for p in word.paragraphs)
    (shape,) = word.inline_shapes
    assert shape.width <= docx.shared.Mm(148 - 24)
    with collect():
        back = nd.get_format("docx").read(data)
    lists = [b for s in back.sections for b in s.blocks if isinstance(b, nd.ListBlock)]
    assert [b.ordered for b in lists] == [False, True, True, True]


def test_the_command_line_writes_docx_by_extension_and_with_all(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "out" / "article.docx"
    result = runner.invoke(
        main, ["convert", str(ROOT / "examples" / "article.json"), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert docx.Document(str(out)).paragraphs[0].text.startswith("Night train")
    result = runner.invoke(
        main,
        [
            "convert",
            str(ROOT / "examples" / "article.json"),
            "--to",
            "all",
            "--out",
            str(tmp_path / "all"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "all" / "article.docx").is_file()


def test_pictures_come_only_through_the_resource_loader(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "secret.png").write_bytes(png(4, 4))
    for src in ("../secret.png", "https://example.org/a.png", "file:///etc/passwd"):
        article = nd.Article(
            id="urn:newsdoc:test:pic",
            headline="Pictures",
            sections=[nd.Section(blocks=[nd.Figure(src=src, alt="x", caption="A caption")])],
        )
        with pytest.raises(nd.NewsdocError):
            nd.get_format("docx").write(article, base_dir=tmp_path / "inside")
        with collect() as found:
            data = nd.get_format("docx").write(
                article, base_dir=tmp_path / "inside", missing_images="omit"
            )
        assert any(d.code == "dropped" for d in found)
        assert not docx.Document(io.BytesIO(data)).inline_shapes


@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.one_of(articles(), articles(), collections()))
def test_any_article_or_collection_makes_a_document_word_tools_read(
    document: nd.Document,
) -> None:
    with collect():
        data = nd.get_format("docx").write(document, missing_images="omit")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        for entry in package.namelist():
            if entry.endswith((".xml", ".rels")):
                etree.fromstring(package.read(entry))
    word = docx.Document(io.BytesIO(data))
    assert word.core_properties.identifier == document.id
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP)
    assert not [m.message for m in result.messages if "style" in m.message]
    with collect():
        back = nd.get_format("docx").read(data)
    assert isinstance(back, nd.Article)
    title = document.title if isinstance(document, nd.Collection) else document.headline
    assert back.headline == " ".join(title.split())


def test_writing_without_python_docx_says_which_extra_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in [m for m in sys.modules if m.startswith("newsdoc.formats.docx")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "docx", None)
    article = nd.Article(id="urn:newsdoc:test:extra", headline="Extra")
    with pytest.raises(nd.NewsdocError, match=r"\(docx\); pip install 'newsdoc\[docx\]'"):
        nd.get_format("docx").write(article)


def test_pandocs_own_reference_document_serves_as_a_house_template(tmp_path: Path) -> None:
    """pandoc's reference document lacks some of Word's styles (Table Grid, Quote...): they
    are added, and the document reads back."""
    template = tmp_path / "pandoc-reference.docx"
    subprocess.run(
        [_tool("pandoc"), "-o", str(template), "--print-default-data-file", "reference.docx"],
        check=True,
        timeout=120,
    )
    assert "Table Grid" not in {s.name for s in docx.Document(str(template)).styles}
    (tmp_path / "tower.png").write_bytes(png(90, 700))
    source = long_article()
    with collect():
        data = nd.get_format("docx").write(source, reference_doc=template, base_dir=tmp_path)
    word = docx.Document(io.BytesIO(data))
    assert {"Table Grid", "Kicker", "Attribution"} <= {s.name for s in word.styles}
    assert word.tables[0].style is not None
    assert word.tables[0].style.name == "Table Grid"
    result = mammoth.convert_to_html(io.BytesIO(data), style_map=STYLE_MAP)
    assert not [m.message for m in result.messages]
    with collect():
        back = nd.get_format("docx").read(data)
    assert back.headline == source.headline
    assert [s.heading for s in back.sections] == [s.heading for s in source.sections]


def test_sub_heads_keep_their_level_and_columns_their_alignment() -> None:
    article = nd.Article(
        id="urn:newsdoc:test:levels",
        headline="Levels and columns",
        sections=[
            nd.Section(heading="Roads", blocks=[nd.Paragraph(content="Two roads.")]),
            nd.Section(heading="The northern road", level=3, blocks=[nd.Paragraph(content="x")]),
            nd.Section(heading="Its bridges", level=4, blocks=[nd.Paragraph(content="y")]),
            nd.Section(
                blocks=[
                    nd.Table(
                        header=["Town", "Trains", "Note"],
                        rows=[["Gyumri", "12", "daily"], ["Vanadzor", "4", "weekends"]],
                        align=["left", "right", "center"],
                    )
                ]
            ),
        ],
    )
    document = docx.Document(io.BytesIO(nd.dumps(article, "docx")))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings == [
        ("Heading 1", "Roads"),
        ("Heading 2", "The northern road"),
        ("Heading 3", "Its bridges"),
    ]
    (table,) = document.tables
    alignments = [[c.paragraphs[0].alignment for c in row.cells] for row in table.rows]
    expected = [
        docx.enum.text.WD_ALIGN_PARAGRAPH.LEFT,
        docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT,
        docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER,
    ]
    assert alignments == [expected] * 3
