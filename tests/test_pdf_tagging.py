"""PDF/UA structure of long documents: one element per article and table, furniture as artifacts.

Each PDF of the stress set (tests/stress.py: a long story with a 40-row table, an Arabic story,
the three stories as an edition) is rendered tagged, in every layout, and its structure tree is
read back with pikepdf and audited by :func:`audit`:

- every ``Art`` element is one article, however many pages or columns it runs over, and every
  ``Table`` one table, its header row tagged once (the header a continued table repeats on a
  later page is a pagination artifact);
- every ``TH`` has a ``/Scope``, every ``ID`` a cell's ``/Headers`` names is in the structure
  tree root's ``/IDTree``, and names a ``TH`` of the cell's own table;
- every text-showing operator of every page is inside marked content that is either an
  ``/Artifact`` or has an MCID whose structure element hangs in the tree (none "attached to
  nothing", as WeasyPrint leaves running heads and folios);
- headings keep the level the HTML gives them.
"""

from __future__ import annotations

import collections
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
import pytest

import newsdoc as nd
from newsdoc.formats import pdf
from tests import stress

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

_TEXT_OPERATORS = {"Tj", "TJ", "'", '"'}


@dataclass
class Audit:
    """What :func:`audit` finds in one tagged PDF."""

    pages: int = 0
    roles: collections.Counter[str] = field(default_factory=collections.Counter)
    #: The text of each Art element's first heading (H1 or H2), in order.
    articles: list[str] = field(default_factory=list)
    #: Per Table element: its number of body rows (TR outside THead) and of header rows.
    tables: list[tuple[int, int]] = field(default_factory=list)
    th_total: int = 0
    th_with_scope: int = 0
    scopes: collections.Counter[str] = field(default_factory=collections.Counter)
    #: IDs named by a cell's /Headers that the IDTree does not hold (or that name no TH).
    dangling_headers: list[str] = field(default_factory=list)
    id_tree: dict[str, Any] = field(default_factory=dict)
    #: Text-showing operators in no marked content, or in marked content with an MCID that
    #: is mapped to no structure element of the tree; by page.
    untagged: collections.Counter[int] = field(default_factory=collections.Counter)
    artifact_texts: int = 0
    #: Heading levels with their text, in reading order.
    headings: list[tuple[str, str]] = field(default_factory=list)
    #: The text in the structure tree's order, ActualText where an element has one.
    text: str = ""
    #: Marked content the page's /ParentTree maps to another element than the one holding it.
    parent_tree_errors: int = 0
    #: The properties of the artifacts' marked content (``/Pagination`` for furniture).
    artifact_types: collections.Counter[str] = field(default_factory=collections.Counter)
    #: The pages each Table element's rows are on.
    table_pages: list[set[int]] = field(default_factory=list)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    return [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]


def _walk(element: Any, seen: set[tuple[int, int]]) -> Iterator[Any]:
    """``element`` and its structure descendants, depth first in reading order."""
    if not isinstance(element, pikepdf.Dictionary) or "/S" not in element:
        return
    key = element.objgen
    if key != (0, 0):
        assert key not in seen, "a structure element appears twice in the tree"
        seen.add(key)
    yield element
    kids = element.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, pikepdf.Dictionary):
            yield from _walk(kid, seen)


def _mcids(element: Any) -> Iterator[tuple[Any, int]]:
    """The (page, MCID) pairs an element holds directly."""
    kids = element.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int):
            yield element.get("/Pg"), int(kid)
        elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
            yield kid.get("/Pg", element.get("/Pg")), int(kid.MCID)


def _text(element: Any, texts: dict[tuple[tuple[int, int], int], str]) -> str:
    """The text of an element as a structure-aware extractor reads it: its ActualText where
    it has one, else the text of the marked content it and its descendants hold, in order."""
    if "/ActualText" in element:
        return str(element.ActualText)
    out = []
    kids = element.get("/K")
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        if isinstance(kid, int) or (
            isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR"
        ):
            page = (
                element.get("/Pg") if isinstance(kid, int) else kid.get("/Pg", element.get("/Pg"))
            )
            mcid = int(kid) if isinstance(kid, int) else int(kid.MCID)
            out.append(texts.get((page.objgen, mcid), ""))
        elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
            out.append(_text(kid, texts))
    return "".join(out)


def _characters(data: bytes, pages: list[Any]) -> dict[tuple[tuple[int, int], int], str]:
    """The characters of each marked-content sequence, by (page object, MCID)."""
    import pdfplumber

    texts: dict[tuple[tuple[int, int], int], str] = {}
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page, objgen in zip(document.pages, pages, strict=True):
            for char in page.chars:
                if char.get("mcid") is not None:
                    key = (objgen, int(char["mcid"]))
                    texts[key] = texts.get(key, "") + char["text"]
    return texts


def _page_marks(page: Any) -> Iterator[tuple[str, int | None, str]]:
    """Each text-showing operator of a page as (innermost marked-content tag, its MCID, text)."""
    stack: list[tuple[str, int | None]] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "BMC":
            stack.append((str(operands[0]), None))
            if str(operands[0]) == "/Artifact":
                yield "/Artifact-open", None, ""
        elif name == "BDC":
            props = operands[1]
            mcid = None
            if isinstance(props, pikepdf.Dictionary) and "/MCID" in props:
                mcid = int(props.MCID)
            stack.append((str(operands[0]), mcid))
            if str(operands[0]) == "/Artifact":
                kind = props.get("/Type") if isinstance(props, pikepdf.Dictionary) else None
                yield "/Artifact-open", None, "" if kind is None else str(kind)
        elif name == "EMC":
            stack.pop()
        elif name in _TEXT_OPERATORS:
            text = ""
            for operand in operands:
                if isinstance(operand, pikepdf.String):
                    text += bytes(operand).decode("latin-1")
                elif isinstance(operand, pikepdf.Array):
                    text += "".join(
                        bytes(o).decode("latin-1") for o in operand if isinstance(o, pikepdf.String)
                    )
            # An Artifact anywhere up the stack makes the text an artifact.
            if any(tag == "/Artifact" for tag, _ in stack):
                yield "/Artifact", None, text
            elif stack:
                tag, mcid = next(((t, m) for t, m in reversed(stack) if m is not None), stack[-1])
                yield tag, mcid, text
            else:
                yield "", None, text


def audit(data: bytes) -> Audit:
    """Read the structure tree and the marked content of a tagged PDF."""
    result = Audit()
    with pikepdf.open(io.BytesIO(data)) as document:
        root = document.Root.StructTreeRoot
        result.pages = len(document.pages)
        elements: list[Any] = []
        seen: set[tuple[int, int]] = set()
        for kid in _kids(root):
            elements.extend(_walk(kid, seen))
        # Marked content the tree reaches: (page, MCID) -> the element holding it.
        reached: dict[tuple[tuple[int, int], int], Any] = {}
        for element in elements:
            for page, mcid in _mcids(element):
                if page is not None:
                    reached[(page.objgen, mcid)] = element
        parents = root.ParentTree.Nums
        by_page = {int(parents[i]): parents[i + 1] for i in range(0, len(parents), 2)}
        for (objgen, mcid), element in reached.items():
            page = document.get_object(objgen)
            mapped = by_page.get(int(page.StructParents))
            if mapped is None or mcid >= len(mapped) or mapped[mcid].objgen != element.objgen:
                result.parent_tree_errors += 1
        texts = _characters(data, [page.obj.objgen for page in document.pages])
        for number, page in enumerate(document.pages):
            for tag, mcid, kind in _page_marks(page.obj):
                if tag == "/Artifact-open":
                    result.artifact_types[kind] += 1
                elif tag == "/Artifact":
                    result.artifact_texts += 1
                elif mcid is None or (page.obj.objgen, mcid) not in reached:
                    result.untagged[number + 1] += 1
        result.text = "\n".join(_text(kid, texts) for kid in _kids(root))
        if "/IDTree" in root:
            names = root.IDTree.Names
            result.id_tree = {str(names[i]): names[i + 1] for i in range(0, len(names), 2)}
        th_ids: dict[str, Any] = {}
        for element in elements:
            role = str(element.S)
            result.roles[role] += 1
            if role == "/Art":
                heading = next(
                    (e for e in _walk(element, set()) if str(e.S) in ("/H1", "/H2")), None
                )
                result.articles.append("" if heading is None else _text(heading, texts))
            elif role == "/Table":
                page_numbers = {
                    objgen: number
                    for number, objgen in enumerate(p.obj.objgen for p in document.pages)
                }
                result.table_pages.append(
                    {
                        page_numbers[page.objgen]
                        for node in _walk(element, set())
                        for page, _ in _mcids(node)
                        if page is not None
                    }
                )
                body = head = 0
                for node in _walk(element, set()):
                    if str(node.S) == "/THead":
                        head += sum(1 for n in _walk(node, set()) if str(n.S) == "/TR")
                    elif str(node.S) == "/TR":
                        body += 1
                result.tables.append((body - head, head))
            elif role == "/TH":
                result.th_total += 1
                attributes = element.get("/A")
                scope = None if attributes is None else attributes.get("/Scope")
                if scope is not None:
                    result.th_with_scope += 1
                    result.scopes[str(scope)] += 1
                if "/ID" in element:
                    th_ids[bytes(element.ID).decode("latin-1")] = element
            elif role in {f"/H{n}" for n in range(1, 7)}:
                result.headings.append((role[1:], _text(element, texts)))
        for element in elements:
            if str(element.S) != "/TD" or "/A" not in element:
                continue
            for header in element.A.get("/Headers", []):
                name = bytes(header).decode("latin-1")
                target = result.id_tree.get(name)
                if name not in th_ids or target is None or target.objgen != th_ids[name].objgen:
                    result.dangling_headers.append(name)
    return result


def _render(document: nd.Article | nd.Collection, **options: Any) -> bytes:
    return pdf.write(document, base_dir=str(stress.BASE_DIR), pdf_variant="pdf/ua-1", **options)


#: The PDFs under test: a document, its writer options.
JOBS: dict[str, tuple[nd.Article | nd.Collection, dict[str, Any]]] = {
    "long-report": (stress.LONG_STORY, {"layout": "report", "page_size": "a4"}),
    "long-newspaper": (stress.LONG_STORY, {"layout": "newspaper", "page_size": "letter"}),
    "edition": (stress.EDITION, {"layout": "edition", "page_size": "a4"}),
    "arabic-newspaper": (stress.ARABIC_STORY, {"layout": "newspaper", "page_size": "a4"}),
}


class _Audits:
    """Each PDF of :data:`JOBS`, rendered and audited once per test process when first asked."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[bytes, Audit]] = {}

    def __getitem__(self, name: str) -> tuple[bytes, Audit]:
        if name not in self._found:
            document, options = JOBS[name]
            data = _render(document, **options)
            self._found[name] = (data, audit(data))
        return self._found[name]


@pytest.fixture(scope="module")
def audits() -> _Audits:
    return _Audits()


def _articles(document: nd.Article | nd.Collection) -> list[nd.Article]:
    return list(document.articles) if isinstance(document, nd.Collection) else [document]


def _squeeze(text: str) -> str:
    """Text without spaces, hyphens and soft hyphens (line ends lose or add them)."""
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-\u00ad\u2010")


LONG = ["long-report", "long-newspaper", "edition"]


@pytest.mark.parametrize("name", [*LONG, "arabic-newspaper"])
def test_one_art_element_per_article_however_many_pages(audits: _Audits, name: str) -> None:
    _, found = audits[name]
    document = JOBS[name][0]
    assert found.pages > 1
    assert found.roles["/Art"] == len(_articles(document)), found.articles
    # In the articles' order (an edition's lead story jumped inside is one Art, first).
    assert [_squeeze(t) for t in found.articles] == [
        _squeeze(a.headline) for a in _articles(document)
    ]


@pytest.mark.parametrize("name", LONG)
def test_one_table_element_per_table_its_header_row_tagged_once(audits: _Audits, name: str) -> None:
    _, found = audits[name]
    assert found.tables == [(40, 1)]  # the 40 body rows and one header row
    # The table does run over more than one page (or the test proves nothing).
    assert all(len(pages) > 1 for pages in found.table_pages), found.table_pages


@pytest.mark.parametrize("name", LONG)
def test_header_cells_have_a_scope_and_cells_point_to_them_through_the_id_tree(
    audits: _Audits, name: str
) -> None:
    _, found = audits[name]
    columns = len(_table_header())
    assert found.th_total == columns
    assert found.th_with_scope == found.th_total
    assert found.scopes == {"/Column": columns}
    assert found.dangling_headers == []
    assert len(found.id_tree) >= columns


@pytest.mark.parametrize("name", [*LONG, "arabic-newspaper"])
def test_page_furniture_is_an_artifact_and_all_other_text_is_tagged(
    audits: _Audits, name: str
) -> None:
    data, found = audits[name]
    assert dict(found.untagged) == {}  # no text outside marked content the tree reaches
    assert found.parent_tree_errors == 0
    assert found.artifact_types["/Pagination"] >= found.pages  # a folio on every page
    # Every character in the top and bottom margins (running heads, folios) is an artifact;
    # between them, only the header row a continued table repeats is.
    import pdfplumber

    header = _squeeze("".join(_table_header()))
    margin = 18 / 25.4 * 72 - 4
    misplaced: collections.Counter[str] = collections.Counter()
    repeated = 0
    with pdfplumber.open(io.BytesIO(data)) as document:
        for page in document.pages:
            body_artifacts = ""
            for char in page.chars:
                furniture = char["top"] < margin or char["bottom"] > page.height - margin
                artifact = char.get("tag") == "Artifact"
                if furniture and not artifact:
                    misplaced["furniture tagged"] += 1
                elif artifact and not furniture:
                    body_artifacts += char["text"]
            repeated += _squeeze(body_artifacts).count(header)
            if _squeeze(body_artifacts).replace(header, ""):
                misplaced["body text as artifact"] += 1
    assert not misplaced, misplaced
    # The long table's header is repeated where the table continues (WeasyPrint repeats a
    # thead); the Arabic story has no table.
    assert (repeated > 0) == (name in LONG)


def _table_header() -> list[str]:
    table = next(
        block
        for section in stress.LONG_STORY.sections
        for block in section.blocks
        if isinstance(block, nd.Table)
    )
    return ["".join(getattr(part, "text", "") for part in cell) for cell in table.header]


@pytest.mark.parametrize("name", LONG)
def test_heading_levels_are_those_of_the_html(audits: _Audits, name: str) -> None:
    import re

    from newsdoc.formats.html import Renderer

    _, found = audits[name]
    document, options = JOBS[name]
    page = Renderer().page(
        document,
        image_src=lambda figure: None,
        include_json_ld=False,
        inline_css=False,
        print_layout=options["layout"],
    )
    written = collections.Counter(f"H{level}" for level in re.findall(r"<h([1-6])\b", page))
    assert collections.Counter(level for level, _ in found.headings) == written
    assert "H3" in written if isinstance(document, nd.Collection) else "H2" in written


def test_right_to_left_text_reads_in_logical_order(audits: _Audits) -> None:
    """Numbers with a percent sign and a URL inside Arabic come out as written, through the
    ActualText of each run of a right-to-left line."""
    import re

    _, found = audits["arabic-newspaper"]
    source = " ".join(
        "".join(getattr(part, "text", "") for part in block.content)
        for section in stress.ARABIC_STORY.sections
        for block in section.blocks
        if isinstance(block, nd.Paragraph)
    )
    text = " ".join(found.text.split())
    percentages = re.findall(r"\d+%", source)
    assert len(percentages) > 5
    assert sorted(re.findall(r"\d+%", text)) == sorted(percentages)
    assert re.findall(r"%\d+", text) == []
    assert text.count(stress._AR_URL) == source.count(stress._AR_URL) > 0
    # The words either side of a line break stay apart.
    assert _squeeze(stress.ARABIC_STORY.headline) in _squeeze(text)
    assert " ".join(stress.ARABIC_STORY.headline.split()) in text


def test_qpdf_finds_the_tagged_long_article_clean(audits: _Audits, tmp_path: Path) -> None:
    import shutil
    import subprocess

    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf is not installed (Debian: qpdf); scripts/test adds it")
    path = tmp_path / "long.pdf"
    path.write_bytes(audits["long-newspaper"][0])
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def report(name: str, data: bytes) -> str:
    """One line of figures, for the closing note."""
    found = audit(data)
    return (
        f"{name}: pages={found.pages} Art={found.roles['/Art']} Table={found.roles['/Table']} "
        f"tables(body,head)={found.tables} TH={found.th_total} scoped={found.th_with_scope} "
        f"dangling={len(found.dangling_headers)} untagged={sum(found.untagged.values())} "
        f"artifacts={dict(found.artifact_types)} parent-tree-errors={found.parent_tree_errors} "
        f"H={dict(collections.Counter(level for level, _ in found.headings))}"
    )


if __name__ == "__main__":  # pragma: no cover - the figures of the closing note
    import sys

    for name in sys.argv[1:] or list(JOBS):
        document, options = JOBS[name]
        print(report(name, _render(document, **options)), flush=True)
