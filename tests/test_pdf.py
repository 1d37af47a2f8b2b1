"""The PDF writer and reader, checked with the tools a print shop and an archive would use.

qpdf, pdffonts, pdftotext, pdfinfo and pdftoppm (Debian's qpdf and poppler-utils) look at the
files from outside; pikepdf looks inside (PDF/A identification, structure tree, attachments,
outline). Each document is rendered once per session.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import newsdoc as nd
from newsdoc.formats import pdf
from tests.conftest import ROOT
from tests.pdfs import ARTICLE, COLLECTION, JOBS, MULTILINGUAL, Rendered

ARTIFACTS = ROOT / "artifacts"
SAMPLES = {
    "Armenian": "Երևան",
    "Cyrillic": "Гюмри",
    "Greek": "Αθήνα",
    "Arabic": "مكتبة",
    "Hebrew": "ספרייה",
}


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: poppler-utils / qpdf); scripts/test adds it")
    return path


def run(*command: str) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def rendered(pdfs: Rendered) -> dict[str, Path]:
    """Every PDF of tests/pdfs.py (the checks below look at each of them)."""
    return {name: pdfs[name] for name in JOBS}


def test_qpdf_finds_every_file_clean(rendered: dict[str, Path]) -> None:
    qpdf = tool("qpdf")
    for name, path in rendered.items():
        result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, f"{name}: {result.stdout}{result.stderr}"
        assert "No syntax or stream encoding errors found" in result.stdout


def test_every_font_is_embedded_and_subset(rendered: dict[str, Path]) -> None:
    pdffonts = tool("pdffonts")
    for name, path in rendered.items():
        rows = run(pdffonts, str(path)).splitlines()[2:]
        assert rows, f"{name}: no fonts"
        for row in rows:
            emb, sub = row.split()[-5:-3]
            assert (emb, sub) == ("yes", "yes"), f"{name}: {row}"


def test_text_in_every_script_comes_back(rendered: dict[str, Path]) -> None:
    pdftotext = tool("pdftotext")
    text = run(pdftotext, "-enc", "UTF-8", str(rendered["scripts"]), "-")
    for script, sample in SAMPLES.items():
        assert sample in text, f"{script} sample {sample!r} lost"
    report = run(pdftotext, "-enc", "UTF-8", str(rendered["report"]), "-")
    assert "Night train between Yerevan and Tbilisi" in report
    assert "Гюмри" in report
    assert "Для студентов из Гюмри" in report


def test_no_glyph_falls_back_to_a_box(rendered: dict[str, Path]) -> None:
    """Every font that draws the samples is a real one (no .notdef-only fallback font)."""
    pdffonts = tool("pdffonts")
    names = " ".join(run(pdffonts, str(rendered["scripts"])).split())
    assert "Armenian" in names or "DejaVu" in names
    assert re.search(r"Arabic|Naskh|DejaVu", names)
    assert re.search(r"Hebrew|DejaVu", names)


def test_bleed_box_exceeds_the_trim_box_by_the_bleed(rendered: dict[str, Path]) -> None:
    pdfinfo = tool("pdfinfo")
    info = run(pdfinfo, "-box", str(rendered["print"]))
    boxes = {
        m.group(1): [float(v) for v in m.group(2).split()]
        for m in re.finditer(r"^(\w+Box):\s+(.+)$", info, re.MULTILINE)
    }
    trim, bleed = boxes["TrimBox"], boxes["BleedBox"]
    three_mm = 3 / 25.4 * 72
    assert bleed[0] == pytest.approx(trim[0] - three_mm, abs=0.05)
    assert bleed[2] == pytest.approx(trim[2] + three_mm, abs=0.05)
    # Tabloid is 11 × 17 inches.
    assert trim[2] - trim[0] == pytest.approx(11 * 72, abs=0.5)
    assert trim[3] - trim[1] == pytest.approx(17 * 72, abs=0.5)


def test_pdf_a_3b_identification_output_intent_and_source(rendered: dict[str, Path]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(rendered["pdfa"]) as document:
        with document.open_metadata() as xmp:
            assert xmp.get("pdfaid:part") == "3"
            assert xmp.get("pdfaid:conformance") == "B"
            assert xmp.get("dc:title") == ARTICLE.headline
        assert "/OutputIntents" in document.Root
        assert str(document.Root.OutputIntents[0].S) == "/GTS_PDFA1"
        assert "newsdoc.json" in document.attachments
        assert str(document.Root.AF[0].AFRelationship) == "/Source"
        embedded = document.attachments["newsdoc.json"].get_file().read_bytes()
    assert nd.loads(embedded) == ARTICLE
    assert pdf.read(rendered["pdfa"].read_bytes()) == ARTICLE


def test_pdf_ua_has_a_structure_tree_and_language(rendered: dict[str, Path]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(rendered["pdfua"]) as document:
        assert "/StructTreeRoot" in document.Root
        assert str(document.Root.Lang) == "en"
        assert bool(document.Root.MarkInfo.Marked)
        with document.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"


def test_metadata_names_title_authors_and_language(rendered: dict[str, Path]) -> None:
    pdfinfo = tool("pdfinfo")
    info = run(pdfinfo, str(rendered["report"]))
    assert f"Title:           {ARTICLE.headline}" in info
    assert "Author:          Ani Hakobyan, Giorgi Beridze" in info


def test_the_outline_lists_each_article_of_a_collection(rendered: dict[str, Path]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(rendered["collection"]) as document, document.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert isinstance(COLLECTION, nd.Collection)
    for article in COLLECTION.articles:
        assert any(article.headline in title for title in titles), titles


def test_collection_has_a_contents_page_with_page_numbers(rendered: dict[str, Path]) -> None:
    pdftotext = tool("pdftotext")
    first = run(pdftotext, "-f", "1", "-l", "1", "-layout", str(rendered["collection"]), "-")
    assert "Contents" in first
    # The contents share page 1 with the first articles (no page is wasted on them).
    assert re.search(r"Gyumri book fair doubles its foreign publishers[ .]*1", first)


def test_page_one_renders_to_png_for_review(rendered: dict[str, Path]) -> None:
    pdftoppm = tool("pdftoppm")
    ARTIFACTS.mkdir(exist_ok=True)
    for name in ("report", "newspaper", "collection", "scripts"):
        prefix = ARTIFACTS / f"pdf-{name}"
        run(
            pdftoppm,
            "-png",
            "-r",
            "50",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(rendered[name]),
            str(prefix),
        )
        png = prefix.with_suffix(".png")
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert png.stat().st_size > 5000


@pytest.mark.parametrize(
    "src",
    ["file:///etc/passwd", "http://127.0.0.1/secret.png", "../../../etc/passwd", "/etc/passwd"],
)
def test_hostile_image_sources_are_refused(src: str) -> None:
    hostile = nd.Article(
        id="urn:newsdoc:test:hostile",
        headline="Hostile",
        lead_image=nd.Figure(src=src, alt="x"),
    )
    with pytest.raises(nd.UnsafeResourceError) as caught:
        pdf.write(hostile, base_dir="examples")
    message = str(caught.value)
    assert src in message
    assert re.search(r"outside|scheme|allow_remote=True|absolute path", message), message


def test_hostile_css_cannot_read_local_files(tmp_path: Path) -> None:
    css = "body { background: url(file:///etc/passwd); }"
    with pytest.raises(nd.UnsafeResourceError, match="outside the allowed folders"):
        pdf.write(ARTICLE, base_dir="examples", css=css)
    with pytest.raises(nd.UnsafeResourceError, match="reaches no network"):
        pdf.write(ARTICLE, base_dir="examples", css="body { background: url(http://127.0.0.1/) }")


def test_bad_options_are_clear_errors() -> None:
    with pytest.raises(
        nd.OptionError, match=r"layout.*'report', 'newspaper', 'edition', got 'magazine'"
    ):
        pdf.write(MULTILINGUAL, layout="magazine")
    with pytest.raises(nd.OptionError, match=r"pdf_variant.*got 'pdf/z-9'"):
        pdf.write(MULTILINGUAL, pdf_variant="pdf/z-9")
    with pytest.raises(nd.OptionError, match="is not a length"):
        pdf.write(MULTILINGUAL, bleed="3 millimetres")
    with pytest.raises(nd.OptionError, match="page size 'b52'"):
        pdf.write(MULTILINGUAL, page_size="b52")


def test_cli_round_trip_through_pdf(tmp_path: Path) -> None:
    out = tmp_path / "out"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsdoc",
            "convert",
            "examples/article.json",
            "--to",
            "pdf",
            "--out",
            str(out),
            "--pdf-variant",
            "pdf/a-3b",
            "--layout",
            "newspaper",
        ],
        check=True,
        capture_output=True,
    )
    back = tmp_path / "back"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "newsdoc",
            "convert",
            str(out / "article.pdf"),
            "--to",
            "json",
            "--out",
            str(back),
        ],
        check=True,
        capture_output=True,
    )
    assert nd.load(back / "article.json") == ARTICLE


def test_a_pdf_without_a_source_is_a_clear_error(rendered: dict[str, Path]) -> None:
    with pytest.raises(nd.InvalidDocumentError, match=r"carries no embedded newsdoc\.json"):
        pdf.read(pdf.write(MULTILINGUAL, pdf_variant="pdf/x-4"))
    with pytest.raises(nd.InvalidDocumentError, match="not a readable PDF"):
        pdf.read(b"%PDF-1.7 this is not a pdf")


BLOCKS = {"/P", "/H1", "/H2", "/H3", "/LI", "/BlockQuote", "/Caption", "/TD", "/TH", "/Figure"}
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))


def structure(path: Path) -> list[tuple[str, str | None, str | None]]:
    """Every structure element of the PDF in reading order: its role, /Lang, /ActualText."""
    pikepdf = pytest.importorskip("pikepdf")
    found: list[tuple[str, str | None, str | None]] = []

    def walk(element: object) -> None:
        if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
            return
        lang = str(element.Lang) if "/Lang" in element else None
        text = str(element.ActualText) if "/ActualText" in element else None
        found.append((str(element.S), lang, text))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            walk(kid)

    with pikepdf.open(path) as document:
        assert "/StructTreeRoot" in document.Root, f"{path.name} is not tagged"
        assert bool(document.Root.MarkInfo.Marked)
        root = document.Root.StructTreeRoot.K
        for kid in root if isinstance(root, pikepdf.Array) else [root]:
            walk(kid)
    return found


@pytest.mark.parametrize("name", ["report", "newspaper", "article-edition", "collection", "rtl"])
def test_pdfs_are_tagged_by_default_with_a_language_on_every_block(
    rendered: dict[str, Path], name: str
) -> None:
    elements = structure(rendered[name])
    blocks = [(role, lang) for role, lang, _ in elements if role in BLOCKS]
    assert len(blocks) > 10
    assert all(lang for _, lang in blocks), [b for b in blocks if not b[1]][:5]


def test_block_languages_follow_the_article(rendered: dict[str, Path]) -> None:
    languages = {lang for role, lang, _ in structure(rendered["report"]) if role in BLOCKS}
    assert languages == {"en", "ru"}  # the Russian pull quote is tagged as Russian
    collection = {lang for role, lang, _ in structure(rendered["collection"]) if role in BLOCKS}
    assert collection == {"en", "ru"}  # the second article is in Russian
    rtl = {lang for role, lang, _ in structure(rendered["rtl"]) if role in BLOCKS}
    assert rtl == {"ar", "en", "he"}


def test_an_untagged_pdf_when_asked_for(rendered: dict[str, Path]) -> None:
    pikepdf = pytest.importorskip("pikepdf")
    with pikepdf.open(rendered["untagged"]) as document:
        assert "/StructTreeRoot" not in document.Root
    with pytest.raises(nd.OptionError, match="requires a tagged PDF"):
        pdf.write(MULTILINGUAL, pdf_variant="pdf/ua-1", tagged=False)


def structured_text(path: Path) -> str:
    """The text of a tagged PDF as a structure-aware extractor reads it: element by element
    in the structure tree's order, an element's ActualText where it has one, else the text of
    its marked content (pdfplumber's characters by marked-content id)."""
    pdfplumber = pytest.importorskip("pdfplumber")
    from pdfplumber.structure import PDFStructTree

    parts: list[str] = []
    with pdfplumber.open(path) as document:
        for page in document.pages:
            by_mcid: dict[int, list[str]] = {}
            for char in page.chars:
                by_mcid.setdefault(char.get("mcid"), []).append(char["text"])

            def walk(element: object, by_mcid: dict[int, list[str]] = by_mcid) -> None:
                actual = getattr(element, "actual_text", None)
                if actual:
                    parts.append(actual)
                    return
                for mcid in getattr(element, "mcids", None) or ():
                    parts.append("".join(by_mcid.get(mcid, ())))
                for child in getattr(element, "children", ()):
                    walk(child)
                if getattr(element, "type", "") in {"P", "H1", "H2", "LI", "Caption"}:
                    parts.append("\n")

            for element in PDFStructTree(document, page):
                walk(element)
    return "".join(parts)


RTL_LINES = {
    "Arabic headline": "افتتاح مكتبة عامة جديدة في وسط المدينة",
    "Arabic standfirst": "المكتبة تضم أكثر من مئة ألف كتاب وقاعة مخصصة للأطفال",
    "Hebrew paragraph": "הספרייה החדשה פתוחה גם בשבת.",
    "Arabic publisher (a link)": "نشرة المدينة",
}


def test_right_to_left_text_extracts_in_logical_order(rendered: dict[str, Path]) -> None:
    """pdftotext reorders the glyphs itself; a structure-aware extractor reads the
    ActualText newsdoc puts on each right-to-left run. Both give the logical order, the
    lam-alef ligature of الاثنين included."""
    poppler = run(tool("pdftotext"), "-enc", "UTF-8", str(rendered["rtl"]), "-")
    poppler = " ".join(poppler.translate(BIDI_CONTROLS).split())
    structured = " ".join(structured_text(rendered["rtl"]).split())
    for what, line in RTL_LINES.items():
        assert line in poppler, f"pdftotext: {what}"
        assert line in structured, f"structure tree: {what}"
    for text in (poppler, structured):
        assert "يوم الاثنين" in text
    runs = [text for role, _, text in structure(rendered["rtl"]) if role == "/Span" and text]
    assert len(runs) > 10  # every right-to-left run carries its logical text
