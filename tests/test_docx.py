"""The DOCX reader, on Word documents made by independent producers from our own text.

pandoc (from tests/fixtures/docx/*.md) and LibreOffice headless (from the HTML fixture) make
the documents once per test session, in a temporary folder; the tests then read them and
check the headline, sections, quotes, lists, tables, pictures, notes and properties. Hostile
archives are built by hand here, so those tests need neither producer.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import shutil
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdoc as nd
from newsdoc.cli import main
from newsdoc.diagnostics import collect
from newsdoc.formats import detect_format
from newsdoc.formats.docx import package as docx_package
from tests.conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "docx"


def png(width: int = 8, height: int = 6, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small PNG of one colour, made here."""
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


class Documents:
    """The test documents, made on first use and kept for the session."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.made: dict[str, Path] = {}
        (folder / "queue.png").write_bytes(png())

    def _need(self, tool: str) -> str:
        found = shutil.which(tool)
        if found is None:
            pytest.skip(f"{tool} is not installed (scripts/test installs it)")
        return found

    def pandoc(self, name: str) -> Path:
        key = f"pandoc:{name}"
        if key not in self.made:
            target = self.folder / f"{name}.pandoc.docx"
            subprocess.run(
                [self._need("pandoc"), str(FIXTURES / f"{name}.md"), "-o", str(target)],
                cwd=self.folder,
                check=True,
                timeout=120,
            )
            self.made[key] = target
        return self.made[key]

    def libreoffice(self, name: str, *, embed: bool) -> Path:
        key = f"lo:{name}:{embed}"
        if key not in self.made:
            html = (FIXTURES / f"{name}.html").read_text(encoding="utf-8")
            if embed:
                uri = "data:image/png;base64," + base64.b64encode(png()).decode()
                html = html.replace('src="queue.png"', f'src="{uri}"')
            stem = f"{name}-{'embedded' if embed else 'linked'}"
            (self.folder / f"{stem}.html").write_text(html, encoding="utf-8")
            out = self.folder / "lo"
            profile = (self.folder / "lo-profile").as_uri()
            subprocess.run(
                [
                    self._need("soffice"),
                    f"-env:UserInstallation={profile}",
                    "--headless",
                    "--convert-to",
                    "docx:MS Word 2007 XML",
                    "--outdir",
                    str(out),
                    str(self.folder / f"{stem}.html"),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            self.made[key] = out / f"{stem}.docx"
        return self.made[key]


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Documents:
    return Documents(tmp_path_factory.mktemp("docx"))


def _read(path: Path, **options: object) -> tuple[nd.Article, list[str]]:
    with collect() as found:
        article = nd.load(path, **options)
    assert isinstance(article, nd.Article)
    return article, [str(d) for d in found]


def _blocks(article: nd.Article) -> list[nd.Block]:
    return [block for section in article.sections for block in section.blocks]


def _of(article: nd.Article, kind: type) -> list:  # type: ignore[type-arg]
    return [block for block in _blocks(article) if isinstance(block, kind)]


def _check_body(article: nd.Article) -> None:
    """What both producers' documents must give."""
    headings = [s.heading for s in article.sections]
    assert headings[:3] == [None, "Why it changed", "What drivers pay"]
    first = article.sections[0].blocks[0]
    assert isinstance(first, nd.Paragraph)
    assert nd.plain_text(first.content).startswith("Customs officers on both sides")
    assert nd.plain_text(first.content).endswith("three kilometres.[1]")
    (quote,) = _of(article, nd.Quote)
    assert (
        nd.plain_text(quote.text) == "We counted four hundred lorries waiting one night in March."
    )
    assert quote.speaker == nd.Person(
        name="Tigran Melikyan", role="chair of the Lorry Drivers Union"
    )
    bullets, numbers = [b for b in _of(article, nd.ListBlock) if b.items][:2]
    assert not bullets.ordered
    assert [nd.plain_text(i) for i in bullets.items] == [
        "Night shifts from 22:00 to 06:00",
        "Two new inspection lanes",
        "An online queue for booked slots",
    ]
    assert numbers.ordered
    assert len(numbers.items) == 2
    (table,) = _of(article, nd.Table)
    assert [nd.plain_text(c) for c in table.header] == ["Vehicle", "Day fee", "Night fee"]
    assert [[nd.plain_text(c) for c in row] for row in table.rows] == [
        ["Lorry", "5,000", "5,000"],
        ["Van", "2,000", "2,500"],
    ]
    notes = article.sections[-1]
    assert notes.heading == "Notes"
    (listing,) = notes.blocks
    assert isinstance(listing, nd.ListBlock)
    assert listing.ordered
    assert [nd.plain_text(i) for i in listing.items] == [
        "Figures from the State Revenue Committee, published on 12 May."
    ]


def test_a_pandoc_document_reads_with_its_title_sections_quotes_lists_tables_and_picture(
    documents: Documents, tmp_path: Path
) -> None:
    source = documents.pandoc("border-crossing")
    article, warnings = _read(source, images_dir="pictures", base_dir=str(tmp_path))
    assert article.headline == "Border post at Bagratashen opens around the clock"
    assert article.subheadline == "Lorries no longer wait overnight on the Debed river bridge"
    assert article.summary == (
        "From Monday the crossing between Armenia and Georgia stays open at night."
    )
    assert article.bylines == (nd.Person(name="Narine Avetisyan"),)
    assert article.language == "en-GB"
    assert article.created is not None
    assert article.created.utcoffset() == dt.timedelta(0)
    _check_body(article)
    (table,) = _of(article, nd.Table)
    assert nd.plain_text(table.caption or ()) == "Fees at the crossing, in dram"
    (figure,) = _of(article, nd.Figure)
    assert figure.alt == "A queue of lorries on the bridge at dusk"
    assert nd.plain_text(figure.caption or ()) == "A queue of lorries on the bridge at dusk"
    assert figure.src.startswith("pictures/")
    assert figure.src.endswith(".png")
    assert (tmp_path / figure.src).read_bytes() == png()
    assert any("footnote" in w and "(unmapped)" in w for w in warnings)
    assert not any("style" in w for w in warnings), warnings  # pandoc's styles are all known


def test_a_libreoffice_document_reads_with_the_same_body(
    documents: Documents, tmp_path: Path
) -> None:
    source = documents.libreoffice("border-crossing", embed=True)
    article, warnings = _read(source, images_dir="pictures", base_dir=str(tmp_path))
    # LibreOffice puts the HTML title in the properties, not in a Title paragraph.
    assert article.headline == "Border post at Bagratashen opens around the clock"
    assert article.bylines == (nd.Person(name="Narine Avetisyan"),)
    assert article.language == "en-US"  # LibreOffice's own default: the page's lang is lost
    _check_body(article)
    (figure,) = _of(article, nd.Figure)
    assert (figure.width, figure.height) == (None, None)
    assert (tmp_path / figure.src).read_bytes() == png()
    # LibreOffice's HTML import drops the alt text (it writes descr=""): an empty alt.
    assert figure.alt == ""
    assert not any("style" in w for w in warnings), warnings


def test_the_picture_renders_in_html_from_the_folder_it_was_written_to(
    documents: Documents, tmp_path: Path
) -> None:
    source = tmp_path / "story.docx"
    shutil.copy(documents.pandoc("border-crossing"), source)
    article, _ = _read(source, images_dir="story-pictures")
    assert list((tmp_path / "story-pictures").iterdir())
    page = nd.dumps(article, "html").decode()
    assert "data:image/png;base64," + base64.b64encode(png()).decode() in page
    again, _ = _read(source, images_dir="story-pictures")  # the same names, written once
    assert again == article
    assert len(list((tmp_path / "story-pictures").iterdir())) == 1


def test_without_images_dir_pictures_are_left_out_with_a_warning(documents: Documents) -> None:
    article, warnings = _read(documents.pandoc("border-crossing"))
    assert _of(article, nd.Figure) == []
    assert any("1 picture(s) left out" in w and "(dropped)" in w for w in warnings)
    # The caption stays, as a paragraph.
    assert any(
        nd.plain_text(p.content) == "A queue of lorries on the bridge at dusk"
        for p in _of(article, nd.Paragraph)
    )


def test_an_unknown_style_is_a_warning_and_the_style_map_maps_it(documents: Documents) -> None:
    source = documents.pandoc("sidebar-style")
    article, warnings = _read(source)
    assert [w for w in warnings if "Sidebar Note" in w] == [
        "style 'Sidebar Note': the paragraph style 'Sidebar Note' has no mapping; read as "
        "plain text (map it with --style-map) (unmapped)"
    ]
    assert nd.plain_text(_blocks(article)[-1].content) == (  # type: ignore[union-attr]
        "Tickets bought before June remain valid."
    )
    mapped, warnings = _read(
        source, style_map=("p[style-name='Sidebar Note'] => blockquote.pull > p:fresh",)
    )
    (quote,) = _of(mapped, nd.Quote)
    assert quote.kind == nd.QuoteKind.PULL
    assert not any("Sidebar" in w for w in warnings)
    with pytest.raises(nd.OptionError, match="style-map line"):
        nd.load(source, style_map=("this is not a rule",))


def test_a_linked_picture_is_never_opened(
    documents: Documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = documents.libreoffice("border-crossing", embed=False)
    with pytest.raises(nd.InvalidDocumentError, match="links a linked picture"):
        nd.load(source)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("an external target was opened")

    import mammoth.docx.files

    monkeypatch.setattr(mammoth.docx.files, "urlopen", never)
    article, warnings = _read(source, linked_content="omit", images_dir="x", base_dir="/nowhere")
    assert _of(article, nd.Figure) == []
    assert any("never opened" in w for w in warnings)


# ---------------------------------------------------------------------- hostile archives

_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    b'.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    b'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    b'Target="word/document.xml"/></Relationships>'
)
_W = b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _document(paragraphs: str, *, prologue: bytes = b"") -> bytes:
    body = "".join(f"<w:p><w:r><w:t>{p}</w:t></w:r></w:p>" for p in paragraphs.split("|"))
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        + prologue
        + b"<w:document "
        + _W
        + b"><w:body>"
        + body.encode()
        + b"</w:body></w:document>"
    )


def _docx(parts: dict[str, bytes], *, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_copy_without_a_title_takes_its_short_first_paragraph_as_the_headline() -> None:
    data = _docx({"word/document.xml": _document("Harvest starts early|The grapes ripened.")})
    with collect() as found:
        article = nd.get_format("docx").read(data)
    assert isinstance(article, nd.Article)
    assert article.headline == "Harvest starts early"
    assert [nd.plain_text(b.content) for b in _blocks(article)] == [  # type: ignore[union-attr]
        "The grapes ripened."
    ]
    assert article.id.startswith("urn:newsdoc:sha1:")
    assert sorted(d.code for d in found) == ["assumed", "assumed"]  # headline, language
    with pytest.raises(nd.InvalidDocumentError, match="no headline"):
        nd.get_format("docx").read(_docx({"word/document.xml": _document(" ")}))


def test_hostile_archives_are_newsdoc_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    read = nd.get_format("docx").read
    with pytest.raises(nd.InvalidDocumentError, match="not a zip archive"):
        read(b"PK\x03\x04 broken")
    # a zip version the zipfile module does not handle (found by fuzzing)
    archive = bytearray(_docx({"word/document.xml": _document("Text")}))
    central = archive.index(b"PK\x01\x02")
    archive[central + 6 : central + 8] = struct.pack("<H", 146)
    with pytest.raises(nd.InvalidDocumentError, match="not a zip archive newsdoc can read"):
        read(bytes(archive))
    with pytest.raises(nd.InvalidDocumentError, match=r"no word/document\.xml"):
        read(_docx({"word/other.xml": b"<x/>"}))
    xxe = _document(
        "&xxe;", prologue=b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    )
    with pytest.raises(nd.InvalidDocumentError, match="declares entities"):
        read(_docx({"word/document.xml": xxe}))
    laughs = b'<!DOCTYPE s [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]><s>&b;</s>'
    with pytest.raises(nd.InvalidDocumentError, match=r"styles\.xml.*declares entities"):
        read(_docx({"word/document.xml": _document("x"), "word/styles.xml": laughs}))
    utf16 = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e "e">]><x/>').encode(
        "utf-16"
    )
    with pytest.raises(nd.InvalidDocumentError, match=r"numbering\.xml.*declares entities"):
        read(_docx({"word/document.xml": _document("x"), "word/numbering.xml": utf16}))
    bomb = _docx({"word/document.xml": _document("x"), "word/media/a.png": b"\0" * 8_000_000})
    with pytest.raises(nd.LimitError, match="zip bomb"):
        read(bomb)
    monkeypatch.setattr(docx_package, "MAX_PART_BYTES", 1000)
    with pytest.raises(nd.LimitError, match="more than the limit of 1000"):
        read(_docx({"word/document.xml": _document("x" * 2000)}, method=zipfile.ZIP_STORED))
    monkeypatch.setattr(docx_package, "MAX_ENTRIES", 3)
    with pytest.raises(nd.LimitError, match="entries"):
        read(_docx({"word/document.xml": _document("x"), "word/a.xml": b"<a/>"}))


def test_damaged_duplicated_and_externally_linked_parts_are_refused() -> None:
    read = nd.get_format("docx").read
    good = _docx({"word/document.xml": _document("Title words|Body words.")})
    damaged = bytearray(good)
    at = bytes(damaged).index(b"word/document.xml") + len("word/document.xml")
    damaged[at + 5 : at + 9] = b"\xff\xff\xff\xff"
    with pytest.raises(nd.InvalidDocumentError):
        read(bytes(damaged))
    twice = _docx({"word/document.xml": _document("a"), "word/styles.xml": b"<a/>"})
    buffer = io.BytesIO(twice)
    with zipfile.ZipFile(buffer, "a") as archive, pytest.warns(UserWarning, match="Duplicate"):
        archive.writestr("word/styles.xml", b"<b/>")
    with pytest.raises(nd.InvalidDocumentError, match="two entries"):
        read(buffer.getvalue())
    external = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/subDocument" Target="https://example.org/part.docx" '
        b'TargetMode="External"/></Relationships>'
    )
    linked = _docx(
        {"word/document.xml": _document("Title|Body."), "word/_rels/document.xml.rels": external}
    )
    with pytest.raises(nd.InvalidDocumentError, match=r"linked content \(subDocument\)"):
        read(linked)
    with collect() as found:
        read(linked, linked_content="omit")
    assert any("never opened" in str(d) for d in found)


def test_options_are_checked() -> None:
    data = _docx({"word/document.xml": _document("a")})
    with pytest.raises(nd.OptionError, match="inside the input's folder"):
        nd.get_format("docx").read(data, images_dir="../elsewhere")
    with pytest.raises(nd.OptionError, match="inside the input's folder"):
        nd.get_format("docx").read(data, images_dir="/tmp/abs")
    with pytest.raises(nd.OptionError, match="absolute URI"):
        nd.get_format("docx").read(data, id="not a uri")


def test_docx_is_told_by_name_and_content_and_needs_its_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = _docx({"word/document.xml": _document("a")})
    assert detect_format("upload.bin", data).name == "docx"
    assert nd.format_for_path("story.docx", readable=True).name == "docx"
    assert nd.get_format("docx").writable
    for name in [m for m in sys.modules if m.startswith("newsdoc.formats.docx")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "mammoth", None)
    with pytest.raises(nd.NewsdocError, match=r"pip install 'newsdoc\[docx\]'"):
        nd.get_format("docx").read(data)


def test_the_command_line_reads_a_document_with_its_flags(
    documents: Documents, tmp_path: Path
) -> None:
    source = tmp_path / "crossing.docx"
    shutil.copy(documents.pandoc("border-crossing"), source)
    result = CliRunner().invoke(
        main,
        [
            "convert",
            str(source),
            "--to",
            "json",
            "--out",
            str(tmp_path / "out"),
            "--images-dir",
            "crossing-pictures",
            "--id",
            "urn:example:crossing",
        ],
    )
    assert result.exit_code == 0, result.output
    article = nd.load(tmp_path / "out" / "crossing.json")
    assert isinstance(article, nd.Article)
    assert article.id == "urn:example:crossing"
    assert len(list((tmp_path / "crossing-pictures").iterdir())) == 1
