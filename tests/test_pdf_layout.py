"""The printed page, measured as a layout editor would look at it.

pdftotext (poppler) gives the text as a reader copies it; pdfplumber gives where every
character and picture sits. The checks: no hyphen inside a URL, a code span or a proper
name; every picture at the same width (the measure, or its column); body text at the full
measure; no stretched word gaps in ragged columns or before a hard line break; a collection's
pages filled except the last; the running header of a collection names the edition and the
current article; related links keep their title apart from their date.
"""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsdoc as nd
from tests.pdfs import ARTICLE, Rendered

pdfplumber = pytest.importorskip("pdfplumber")

MM = 72 / 25.4
MARGIN = 18 * MM  # the default page margin
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
# pdftotext writes the hyphen WeasyPrint adds at a line end as U+2010.
SOFT_HYPHEN_BREAK = re.compile("[\u2010\u00ad]\n")
# The lowest share of a page's text area a collection's page may fill, the last one excepted.
MIN_FILL = 0.6
# The widest gap between two words of a ragged line, in ems of their type.
MAX_RAGGED_GAP = 0.6


def pdftotext(path: Path, *args: str) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed (Debian: poppler-utils); scripts/test adds it")
    result = subprocess.run(
        [tool, "-enc", "UTF-8", *args, str(path), "-"], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def lines_of(page: Any, columns: list[tuple[float, float]]) -> Iterator[list[dict[str, Any]]]:
    """The words of ``page`` line by line, a line cut where it crosses into another column."""
    words = page.extract_words(
        extra_attrs=["size", "fontname", "mcid"], keep_blank_chars=False, x_tolerance=1.5
    )
    rows: dict[int, list[dict[str, Any]]] = {}
    for word in words:
        rows.setdefault(round(word["bottom"]), []).append(word)
    for row in rows.values():
        row.sort(key=lambda w: w["x0"])
        current: list[dict[str, Any]] = []
        column = None
        for word in row:
            found = next((i for i, (a, b) in enumerate(columns) if a - 1 <= word["x0"] < b), None)
            if current and found != column:
                yield current
                current = []
            column = found
            current.append(word)
        if current:
            yield current


def widest_gap(line: list[dict[str, Any]]) -> float:
    """The widest space between two words of ``line``, in ems."""
    gaps = [
        (b["x0"] - a["x1"]) / a["size"]
        for a, b in itertools.pairwise(line)
        if abs(a["size"] - b["size"]) < 0.5
    ]
    return max(gaps, default=0.0)


def three_columns(width: float, gap: float = 5 * MM) -> list[tuple[float, float]]:
    measure = width - 2 * MARGIN
    column = (measure - 2 * gap) / 3
    return [(MARGIN + i * (column + gap), MARGIN + i * (column + gap) + column) for i in range(3)]


@pytest.mark.parametrize(
    "name", ["report", "newspaper", "article-edition", "edition", "edition-newspaper"]
)
def test_no_hyphen_inside_urls_code_or_names(pdfs: Rendered, name: str) -> None:
    text = pdftotext(pdfs[name])
    # The URL comes out whole, or broken after a slash with its rest starting a line.
    pieces = re.findall(r"https://creativecommons\.org/\S*", text)
    assert pieces, "the licence URL is missing"
    if pieces[0] != LICENCE:
        assert pieces[0].endswith("/"), pieces
        rest = LICENCE[len(pieces[0]) :]
        assert re.search(rf"^{re.escape(rest[:9])}", text, re.MULTILINE), rest
    assert "Gyumri-2" in text, "the code span Gyumri-2 is broken"
    for found in SOFT_HYPHEN_BREAK.finditer(text):
        before = text[max(0, found.start() - 30) : found.start()]
        after = text[found.end() : found.end() + 30]
        word = re.findall(r"\S+$", before)[-1] + re.findall(r"^\S+", after)[0]
        assert not re.search(r"[/@:]|\.(org|com)", word), f"an address is hyphenated: {word}"
        assert not re.search(r"\d", word), f"a number or code is hyphenated: {word}"
    # No short word is left alone on a line (as a line break at a hard hyphen before an
    # inline element once did in WeasyPrint: "with a berth in / a / four-bed").
    assert not re.findall(r"^[^\W\d_]{1,4}$", text, re.MULTILINE)
    names = ["Caucasus", "Hakobyan", "Beridze", "Sargsyan", "Orlov", "Avetisyan", "Gyumri"]
    for name_ in names:
        for cut in range(2, len(name_) - 1):
            broken = f"{name_[:cut]}\u2010\n{name_[cut:]}"
            assert broken not in text, f"the name {name_} is hyphenated"


def test_urls_break_at_a_slash_in_a_narrow_column(pdfs: Rendered) -> None:
    text = pdftotext(pdfs["newspaper"])
    start = text.index("https://creativecommons")
    url_lines = text[start : start + len(LICENCE) + 5].split("\n")
    assert len(url_lines) > 1, "the test expects the URL to need a break in a column"
    assert url_lines[0].endswith("/"), url_lines


def test_every_picture_takes_the_full_measure_or_its_column(pdfs: Rendered) -> None:
    with pdfplumber.open(pdfs["report"]) as document:
        width = document.pages[0].width
        images = [image for page in document.pages for image in page.images]
    widths = [image["x1"] - image["x0"] for image in images]
    assert len(widths) == 2
    assert widths == pytest.approx([width - 2 * MARGIN] * 2, abs=0.5), widths
    with pdfplumber.open(pdfs["newspaper"]) as document:
        width = document.pages[0].width
        images = [image for page in document.pages for image in page.images]
    lead, inside = (image["x1"] - image["x0"] for image in images)
    column = three_columns(width)[0]
    assert lead == pytest.approx(width - 2 * MARGIN, abs=0.5)
    assert inside == pytest.approx(column[1] - column[0], abs=0.5)


def test_body_text_takes_the_full_measure(pdfs: Rendered) -> None:
    for name in ("report", "edition-report"):
        with pdfplumber.open(pdfs[name]) as document:
            page = document.pages[0]
            body = [c for c in page.chars if round(c["size"], 1) == 10.5 and c["text"].strip()]
            right = max(c["x1"] for c in body)
            left = min(c["x0"] for c in body)
            assert left == pytest.approx(MARGIN, abs=1.5), name
            assert right == pytest.approx(page.width - MARGIN, abs=1.5), name


def table_content(document: Any, page: Any) -> set[int]:
    """The marked-content ids of the table cells on ``page`` (from the structure tree)."""
    from pdfplumber.structure import PDFStructTree, StructTreeMissing

    found: set[int] = set()

    def walk(element: Any, in_table: bool) -> None:
        in_table = in_table or element.type in ("Table", "TD", "TH")
        if in_table:
            found.update(element.mcids or ())
        for child in element.children:
            walk(child, in_table)

    try:
        tree = PDFStructTree(document, page)
    except StructTreeMissing:  # an untagged PDF: no table is known
        return found
    for element in tree:
        walk(element, False)
    return found


def running_text(document: Any) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    """The lines of running text (body and quotes: serif type at least the body size, three
    words or more, outside tables), with their page numbers.

    Right-to-left pages are left out: pdfplumber splits their words at glyphs such as
    quotation marks, so the gaps it reports are not the set word spaces.
    """
    sizes = Counter(round(c["size"], 1) for page in document.pages for c in page.chars)
    body = sizes.most_common(1)[0][0]
    for number, page in enumerate(document.pages, 1):
        cells = table_content(document, page)
        for line in lines_of(page, three_columns(page.width)):
            if len(line) < 3 or any(w["size"] < body - 0.05 for w in line):
                continue
            if not all("Serif" in w["fontname"] for w in line):
                continue  # headlines, captions and credits are set in the sans
            if any(w["mcid"] in cells for w in line):
                continue  # a table's row: its cells are set apart on purpose
            yield number, line


@pytest.mark.parametrize("name", ["newspaper", "article-edition", "edition"])
def test_ragged_columns_have_no_wide_word_gaps(pdfs: Rendered, name: str) -> None:
    with pdfplumber.open(pdfs[name]) as document:
        measured = 0
        for number, line in running_text(document):
            gap = widest_gap(line)
            text = " ".join(word["text"] for word in line)
            assert gap < MAX_RAGGED_GAP, f"page {number}: a {gap:.2f} em gap in {text!r}"
            measured += 1
    assert measured > 20  # the test looked at the body, not at nothing


def test_no_line_before_a_hard_break_is_stretched(pdfs: Rendered) -> None:
    for name in ("report", "newspaper", "edition"):
        with pdfplumber.open(pdfs[name]) as document:
            lines = [
                line
                for page in document.pages
                for line in lines_of(page, three_columns(page.width))
                if " ".join(w["text"] for w in line).startswith("Rail enthusiasts")
            ]
        assert lines, name
        assert widest_gap(lines[0]) < MAX_RAGGED_GAP, name


def fill(page: Any) -> float:
    """How much of the page's text area (within the margins) its content reaches down."""
    top, bottom = MARGIN, page.height - MARGIN
    objects = [*page.chars, *page.images, *page.rects, *page.lines]
    inside = [o for o in objects if o["top"] >= top - 1 and o["bottom"] <= bottom + 1]
    return (max(o["bottom"] for o in inside) - top) / (bottom - top)


@pytest.mark.parametrize("layout", ["", "-newspaper", "-edition"])
def test_collections_fill_their_pages(pdfs: Rendered, layout: str) -> None:
    with pdfplumber.open(pdfs[f"collection{layout}"]) as document:
        assert len(document.pages) == 1  # two short stories and the contents: one page
    edition = {"": "edition-report", "-newspaper": "edition-newspaper", "-edition": "edition"}
    with pdfplumber.open(pdfs[edition[layout]]) as document:
        fills = [fill(page) for page in document.pages]
    assert len(fills) >= 2
    assert min(fills[:-1]) >= MIN_FILL, fills


@pytest.mark.parametrize(
    ("name", "article"),
    [
        ("edition-report", "Night train between Yerevan and Tbilisi"),  # continues at the top
        ("edition", "Gyumri book fair doubles its foreign publishers"),  # it opens page 2
    ],
)
def test_running_header_names_the_edition_and_the_article(
    pdfs: Rendered, name: str, article: str
) -> None:
    first = pdftotext(pdfs[name], "-f", "1", "-l", "1")
    second = pdftotext(pdfs[name], "-f", "2", "-l", "2", "-layout")
    header = second.splitlines()[0]
    assert "Caucasus Daily Wire — Morning edition" in header, header
    assert header.count("Caucasus Daily Wire") == 1, header
    assert article in header, header
    # Page 1 carries the nameplate, not a running header above it.
    assert first.lstrip().startswith("Caucasus Daily Wire — Morning edition")


def test_the_lead_story_of_an_edition_jumps_inside(pdfs: Rendered) -> None:
    first = " ".join(pdftotext(pdfs["edition"], "-f", "1", "-l", "1").split())
    second = " ".join(pdftotext(pdfs["edition"], "-f", "2", "-l", "2").split())
    assert "Continued on page 2" in first
    assert "Gyumri book fair doubles its foreign publishers" in first  # the next story, below
    assert "Night train between Yerevan and Tbilisi returns after a decade" in second
    assert "Continued from page 1" in second
    assert "Border control on board".upper() in second.upper()


def test_related_links_keep_title_and_date_apart(pdfs: Rendered) -> None:
    for name in ("report", "newspaper"):
        flat = " ".join(pdftotext(pdfs[name]).split())
        assert "Armenia and Georgia agree on-train border checks · March 18, 2026" in flat, name


def article_code() -> nd.Preformatted:
    """The example article's preformatted block."""
    assert isinstance(ARTICLE, nd.Article)
    return next(b for s in ARTICLE.sections for b in s.blocks if isinstance(b, nd.Preformatted))


def mono_lines(page: Any) -> list[list[dict[str, Any]]]:
    """The characters of ``page`` set in a monospace font, line by line, left to right."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for char in page.chars:
        if "Mono" in char["fontname"]:
            rows.setdefault(round(char["top"]), []).append(char)
    return [sorted(row, key=lambda c: c["x0"]) for _, row in sorted(rows.items())]


@pytest.mark.parametrize("name", ["report", "newspaper"])
def test_preformatted_text_keeps_its_lines_and_indents_in_a_monospace_font(
    pdfs: Rendered, name: str
) -> None:
    with pdfplumber.open(pdfs[name]) as document:
        lines = [line for page in document.pages for line in mono_lines(page)]
    texts = ["".join(c["text"] for c in line) for line in lines]
    start = texts.index("{")
    assert texts[start + 1] == '  "train": 371,', texts[start : start + 6]
    brace = lines[start][0]
    train = next(c for c in lines[start + 1] if c["text"] == '"')
    width = brace["x1"] - brace["x0"]
    # Two spaces of indent, kept: the second line starts two character widths further in.
    assert abs((train["x0"] - brace["x0"]) - 2 * width) < 0.5, (brace, train)
    end = texts.index("}", start)
    # Left aligned, never justified: every character sits on the monospace grid.
    for line in lines[start : end + 1]:
        for char in line:
            steps = (char["x0"] - brace["x0"]) / width
            assert abs(steps - round(steps)) < 0.05, "".join(c["text"] for c in line)
    # Never hyphenated: the lines hold the block's characters and nothing else (a narrow
    # column wraps a long line, at its own hyphens or anywhere, but adds no hyphen).
    block = article_code().text
    assert "".join(texts[start : end + 1]).replace(" ", "") == "".join(block.split())
