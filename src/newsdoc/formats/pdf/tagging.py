"""Tagged PDF: the structure tree PDF/UA-1 asks for, on top of WeasyPrint's.

WeasyPrint builds the structure tree of a tagged PDF (``pdf_tags=True``) page by page, and
leaves several things a PDF/UA-1 checker (and a screen reader) stumbles on. :func:`install`
teaches it, once per process and only for tagged output:

- **one element per article, table, section and paragraph**, however many pages or columns it
  runs over: WeasyPrint starts a new ``Art`` (``Table``, ``P`` ...) on every page and column;
  here the fragment that continues an element on a later page or column joins the first one
  (an element on several pages names no ``/Pg``, its marked content is referenced with
  ``/MCR`` and its page), and the rest of a story an edition jumps to an inside page joins its
  front part, so the story reads as one ``Art`` before the next story;
- **page furniture as artifacts**: running heads and folios (the ``@page`` margin boxes) are
  marked ``/Artifact`` with ``/Type /Pagination`` in the content stream, not marked content
  of structure elements attached to nothing; so is the header row a table repeats on each
  page it continues on, which is tagged once, where the table starts;
- **table headers**: every ``TH`` has a ``/Scope`` (``/Column``, or ``/Row`` for
  ``scope="row"``), and the IDs the cells' ``/Headers`` point to are in an ``/IDTree`` of the
  structure tree root; the cells of a continued table point to the header tagged once;
- ``/Lang`` on every structure element, from the language WeasyPrint computed for its box
  (the ``lang`` attribute of the element or of its nearest ancestor);
- ``/ActualText`` with the box's text in logical order on the structure element of each
  right-to-left text run (read by structure-aware extractors and screen readers).

Heading levels are WeasyPrint's: the HTML's ``h3`` is tagged ``H3``.

The ActualText goes on the structure element only, not into the content stream's marked
content: poppler's ``pdftotext`` reorders right-to-left glyphs into logical order itself
(ligatures included) and would turn an ActualText written there around a second time.

It wraps internals of WeasyPrint (the structure-tree builder, the marking of content, the
PDF generator); where a WeasyPrint release lacks one, :func:`install` changes nothing and
returns ``False``, and the PDF is tagged as WeasyPrint tags it (the tests then fail, which is
how a change of WeasyPrint shows).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextvars import ContextVar
from functools import cache
from typing import Any

__all__ = ["RIGHT_TO_LEFT", "install"]

#: Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan ...),
#: with their presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")

#: The kind of pagination artifact a margin box is, by the side of the page it is on.
_MARGIN_SUBTYPES = {"top": "Header", "bottom": "Footer"}
#: The ends of the ids of a jumped story's two parts in the HTML (see ``article`` in
#: templates/_macros.html.j2): its front part and the rest of it.
_FRONT, _CONTINUED = "article", "continued"


class _Render:
    """What the tagging of one PDF needs to remember, from drawing to the structure tree."""

    def __init__(self) -> None:
        #: Boxes whose content is drawn as an artifact, by id: the artifact's properties.
        self.artifacts: dict[int, Any] = {}
        #: Boxes left out of the structure tree with all they hold (margin boxes, repeated
        #: table headers), by id.
        self.skipped: set[int] = set()
        #: The structure element last made for each box key (see :meth:`key`).
        self.by_key: dict[Any, Any] = {}
        #: The keys of the boxes being built, innermost last.
        self.stack: list[Any] = [None]
        #: The header cells' elements of each table header (by its element), row by row.
        self.headers: dict[Any, list[list[Any]]] = {}
        #: Stand-ins for the cells WeasyPrint asks about but that are not tagged here (the
        #: cells of a repeated header, the continued part of a cell): id -> (stand-in, the
        #: element it stands for or None).
        self.stand_ins: dict[int, tuple[Any, Any]] = {}
        #: The TH elements, for the IDTree.
        self.header_cells: list[Any] = []
        #: The object numbers of the elements already placed (or joined).
        self.settled: set[int] = set()
        #: The Art elements by the id of their HTML article.
        self.articles: dict[str, Any] = {}
        #: The object numbers of articles a jumped continuation joined: what comes next in
        #: the continuation continues them, though other articles follow them in the tree.
        self.jumped: set[int] = set()

    def key(self, box: Any) -> Any:
        """What identifies ``box``'s element across the pages: its HTML element and tag, in
        its parent's key (``None`` for a box of no element, which is never joined)."""
        if box.element is None:
            return None
        return (box.element, box.element_tag, self.stack[-1])


_STATE: ContextVar[_Render | None] = ContextVar("newsdoc_pdf_tagging", default=None)


def _lang_of(box: Any) -> str | None:
    style = getattr(box, "style", None)
    if style is None:
        return None
    try:
        lang = style["lang"]
    except (KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) and lang else None


def _object_number(reference: Any) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    text = reference.decode("ascii") if isinstance(reference, bytes) else str(reference)
    head = text.split(" ", 1)[0]
    return int(head) if head.isdigit() else None


def _descendants(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        yield from _descendants(child)


def _rows(box: Any, boxes: Any) -> Iterator[Any]:
    """The rows of a table (or table wrapper) box, not those of tables inside it."""
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.TableRowBox):
            yield child
        elif isinstance(child, boxes.TableRowGroupBox | boxes.TableBox) and not (
            isinstance(child, boxes.TableBox) and child.element is not box.element
        ):
            yield from _rows(child, boxes)


def _find_artifacts(document: Any, pydyf: Any, boxes: Any) -> _Render:
    """The page furniture and repeated table headers of a laid-out document, page by page."""
    state = _Render()
    seen_headers: set[Any] = set()
    for page in document.pages:
        page_box = page._page_box
        for box in _descendants(page_box):
            if isinstance(box, boxes.MarginBox):
                properties = pydyf.Dictionary({"Type": "/Pagination"})
                side = _MARGIN_SUBTYPES.get(str(box.at_keyword).lstrip("@").split("-")[0])
                if side:
                    properties["Subtype"] = f"/{side}"
                state.skipped.add(id(box))
                for inner in _descendants(box):
                    state.artifacts[id(inner)] = properties
            elif isinstance(box, boxes.TableBox) and box.children:
                # A header (or footer) group seen before is the repeat a table prints on
                # each page it continues on.
                for group in (box.children[0], box.children[-1]):
                    if not (group.is_header or group.is_footer) or group.element is None:
                        continue
                    if group.element in seen_headers:
                        state.skipped.add(id(group))
                        properties = pydyf.Dictionary({"Type": "/Pagination"})
                        for inner in _descendants(group):
                            state.artifacts[id(inner)] = properties
                    else:
                        seen_headers.add(group.element)
    return state


def _stand_in(state: _Render, pydyf: Any, box: Any, element: Any) -> None:
    """Give ``box`` a stand-in for WeasyPrint's table-header bookkeeping (``box.mark``)."""
    stand_in = pydyf.Dictionary({"A": pydyf.Dictionary({"O": "/Table"})})
    state.stand_ins[id(stand_in)] = (stand_in, element)
    box.mark = stand_in


def _can_continue(state: _Render, pdf: Any, element: Any) -> bool:
    """Whether ``element`` ends its parent, as each of its ancestors ends its own, so that
    what comes next in the tree can continue it."""
    while element.number not in state.jumped:
        number = _object_number(element.get("P", b""))
        parent = pdf.objects[number] if number is not None else None
        if not isinstance(parent, dict) or "S" not in parent:
            return True  # the structure tree root
        if not parent["K"] or parent["K"][-1] != element.reference:
            return False
        if getattr(parent, "number", None) not in state.settled:
            return True  # the element being built: what comes next goes into it
        element = parent
    return True


def _join(pdf: Any, pydyf: Any, element: Any, into: Any, nums: Any, annotations: Any) -> None:
    """Move what ``element`` (a fragment on a later page or column) holds into ``into``."""
    page = element.get("Pg")
    if page != into.get("Pg") and "Pg" in into:
        # An element on several pages names none (/Pg is optional; readers that take an
        # element's /Pg for its only page lose the rest of it); its own marked content
        # names its page.
        first = into.pop("Pg")
        into["K"] = pydyf.Array(
            pydyf.Dictionary({"Type": "/MCR", "Pg": first, "MCID": kid})
            if isinstance(kid, int)
            else kid
            for kid in into["K"]
        )
    for kid in element["K"]:
        if isinstance(kid, int):
            if page == into.get("Pg"):
                into["K"].append(kid)
            else:
                into["K"].append(pydyf.Dictionary({"Type": "/MCR", "Pg": page, "MCID": kid}))
            nums[kid] = into.reference
        else:
            number = _object_number(kid)
            child = pdf.objects[number] if number is not None else None
            if isinstance(child, dict) and "P" in child:
                child["P"] = into.reference
            into["K"].append(kid)
    for index, (reference, annotation) in enumerate(annotations):
        if reference == element.reference:
            annotations[index] = (into.reference, annotation)
    if "ActualText" in element and "ActualText" in into:
        into["ActualText"] = pydyf.String(
            f"{into['ActualText'].string} {element['ActualText'].string}"
        )
    element.clear()  # an empty dictionary, in no tree


def _direction(box: Any) -> str:
    try:
        return str(box.style["direction"])
    except (KeyError, TypeError):
        return "ltr"


def _edge_text(box: Any, boxes: Any, last: bool) -> str:
    """The text of the first (or last) text run in ``box``."""
    if isinstance(box, boxes.TextBox):
        return str(box.text)
    children = list(getattr(box, "children", ()))
    for child in reversed(children) if last else children:
        text = _edge_text(child, boxes, last)
        if text:
            return text
    return ""


def _logical_runs(box: Any, tags: Any, boxes: Any) -> dict[int, str]:
    """The text runs of ``box`` (in its lines, or its own for an inline box such as a link)
    that need their logical text as ActualText, by marked-content id: the runs with
    right-to-left letters, and every run of a right-to-left line (a URL or a number there
    is drawn in the order the bidi algorithm gives its neutral characters, ``//:https``).

    A run that ends a line broken at a space between two words gets that space back, so
    that the words of two lines do not run together in the ActualText.
    """
    logical: dict[int, str] = {}
    children = list(getattr(box, "children", ()))
    for index, child in enumerate(children):
        runs = child.children if isinstance(child, boxes.LineBox) else [child]
        for position, run in enumerate(runs):
            if not isinstance(run, boxes.TextBox) or run not in tags:
                continue
            text = str(run.text)
            if not (RIGHT_TO_LEFT.search(text) or _direction(run) == "rtl"):
                continue
            ends_line = isinstance(child, boxes.LineBox) and position == len(runs) - 1
            if ends_line and index + 1 < len(children) and text and text[-1].isalnum():
                following = _edge_text(children[index + 1], boxes, last=False)
                if following[:1].isalnum():
                    text += " "
            logical[tags[run]["mcid"]] = text
    return logical


def _front_of(state: _Render, article: Any) -> Any:
    """The Art element of the front part of a story ``article`` continues, if it is the rest
    of a story jumped to an inside page (``<article class="continuation" id="a1-continued">``
    continuing ``<article id="a1-article">``)."""
    html_id = article.get("id") or ""
    if "continuation" not in (article.get("class") or "").split():
        return None
    if not html_id.endswith(_CONTINUED):
        return None
    return state.articles.get(html_id.removesuffix(_CONTINUED) + _FRONT)


def _scope(box: Any) -> str:
    scope = (box.element.get("scope") or "").lower() if box.element is not None else ""
    return "/Row" if scope in ("row", "rowgroup") else "/Column"


def _fix_table(state: _Render, box: Any, boxes: Any, pydyf: Any) -> None:
    """Point the cells of one table fragment at the header cells tagged once."""
    renamed: dict[str, str] = {}
    cells = [cell for row in _rows(box, boxes) for cell in row.children]
    for cell in cells:
        stand_in, element = state.stand_ins.get(id(getattr(cell, "mark", None)), (None, None))
        if stand_in is not None and "ID" in stand_in and element is not None and "ID" in element:
            renamed[stand_in["ID"].string] = element["ID"].string
    for cell in cells:
        mark = getattr(cell, "mark", None)
        if mark is None or id(mark) in state.stand_ins:
            continue
        headers = mark.get("A", {}).get("Headers")
        if headers:
            names = list(dict.fromkeys(renamed.get(h.string, h.string) for h in headers))
            mark["A"]["Headers"] = pydyf.Array([pydyf.String(name) for name in names])


@cache
def install() -> bool:
    """Teach WeasyPrint's tagging the structure PDF/UA-1 asks for (see the module).

    Returns whether it could (``False`` when this WeasyPrint has other internals).

    >>> install() in (True, False)
    True
    """
    try:
        import pydyf
        from weasyprint import document as weasy_document
        from weasyprint import pdf as weasy_pdf
        from weasyprint.formatting_structure import boxes
        from weasyprint.layout.absolute import AbsolutePlaceholder
        from weasyprint.pdf import stream as weasy_stream
        from weasyprint.pdf import tags as weasy_tags
    except ImportError:  # pragma: no cover - WeasyPrint is a dependency
        return False
    build_box_tree: Any = getattr(weasy_tags, "_build_box_tree", None)
    add_tags: Any = getattr(weasy_pdf, "add_tags", None)
    generate_pdf: Any = getattr(weasy_document, "generate_pdf", None)
    marked: Any = getattr(getattr(weasy_stream, "Stream", None), "marked", None)
    if None in (build_box_tree, add_tags, generate_pdf, marked):
        return False

    def generate(document: Any, *args: Any, **options: Any) -> Any:
        token = _STATE.set(_find_artifacts(document, pydyf, boxes))
        try:
            return generate_pdf(document, *args, **options)
        finally:
            _STATE.reset(token)

    @contextlib.contextmanager
    def mark(self: Any, box: Any, tag: str) -> Iterator[None]:
        state = _STATE.get()
        properties = None
        if state is not None and self._tags is not None:
            properties = state.artifacts.get(id(box))
        if properties is None:
            with marked(self, box, tag):
                yield
            return
        pydyf.Stream.begin_marked_content(self, "Artifact", properties)
        try:
            yield
        finally:
            pydyf.Stream.end_marked_content(self)

    def tag_document(pdf: Any, document: Any, *args: Any) -> Any:
        result = add_tags(pdf, document, *args)
        state = _STATE.get()
        root = pdf.objects[_object_number(pdf.catalog["StructTreeRoot"]) or 0]
        if state is not None and isinstance(root, pydyf.Dictionary):
            names = sorted(
                (cell["ID"].string, cell.reference) for cell in state.header_cells if "ID" in cell
            )
            if names:
                tree = pydyf.Array()
                for name, reference in names:
                    tree.extend((pydyf.String(name), reference))
                root["IDTree"] = pydyf.Dictionary({"Names": tree})
        return result

    def build(
        box: Any, parent: Any, pdf: Any, page_number: Any, nums: Any, annotations: Any, tags: Any
    ) -> Iterator[Any]:
        state = _STATE.get() or _Render()
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if id(box) in state.skipped:
            # Furniture or a repeated header: drawn as an artifact, so in no tree. WeasyPrint
            # links table cells to their headers later and asks each cell for its element.
            for inner in _descendants(box):
                tags.pop(inner, None)
            if isinstance(box, boxes.TableRowGroupBox):
                rows = state.headers.get(box.element, [])
                for r, row in enumerate(box.children):
                    for c, cell in enumerate(row.children):
                        same = rows[r][c] if r < len(rows) and c < len(rows[r]) else None
                        _stand_in(state, pydyf, cell, same)
            return
        # The right-to-left runs among this box's text (in its lines, or its own for an
        # inline box such as a link), by their marked-content id.
        logical = _logical_runs(box, tags, boxes)
        lang = _lang_of(box)
        key = None if isinstance(box, boxes.PageBox) else state.key(box)
        state.stack.append(key)
        try:
            elements = list(build_box_tree(box, parent, pdf, page_number, nums, annotations, tags))
        finally:
            state.stack.pop()
        for element in elements:
            if element.number in state.settled:  # placed by the build of a box inside
                yield element
                continue
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            if element.get("S") == "/Link":
                # A link's runs are its own marked content: its text, if all of it is
                # right-to-left, is the link's ActualText.
                mcids = [kid for kid in element["K"] if isinstance(kid, int)]
                if mcids and all(mcid in logical for mcid in mcids):
                    element["ActualText"] = pydyf.String(" ".join(logical[m] for m in mcids))
                logical.clear()
            for mcid, text in logical.items():
                number = _object_number(nums.get(mcid, b""))
                if number is None or number >= len(pdf.objects):
                    continue
                kid = pdf.objects[number]
                if kid is not element and kid.get("S") != "/Link":
                    kid["ActualText"] = pydyf.String(text)
            logical.clear()
            yield from _settle(state, box, key, element, pdf, nums, annotations)

    def _settle(
        state: _Render, box: Any, key: Any, element: Any, pdf: Any, nums: Any, annotations: Any
    ) -> Iterator[Any]:
        """Join ``element`` to the one it continues, or yield it as a new element."""
        role = element.get("S")
        state.settled.add(element.number)
        if role == "/Table":
            _fix_table(state, box, boxes, pydyf)
        full_key = None if key is None else (*key, role)
        earlier = state.by_key.get(full_key) if full_key is not None else None
        if earlier is not None and _can_continue(state, pdf, earlier):
            _join(pdf, pydyf, element, earlier, nums, annotations)
            if role in ("/TH", "/TD"):
                _stand_in(state, pydyf, box, earlier)
            return
        if role == "/Art" and box.element is not None:
            front = _front_of(state, box.element)
            if front is not None:
                _join(pdf, pydyf, element, front, nums, annotations)
                state.jumped.add(front.number)
                state.by_key[full_key] = front
                return
            state.articles.setdefault(box.element.get("id") or "", element)
        if full_key is not None:
            state.by_key[full_key] = element
        if role == "/TH":
            element["A"]["Scope"] = _scope(box)
            state.header_cells.append(element)
        elif isinstance(box, boxes.TableRowGroupBox) and (box.is_header or box.is_footer):
            state.headers.setdefault(
                box.element,
                [[getattr(cell, "mark", None) for cell in row.children] for row in box.children],
            )
        yield element

    weasy_tags._build_box_tree = build
    weasy_pdf.add_tags = tag_document
    weasy_document.generate_pdf = generate
    weasy_stream.Stream.marked = mark
    return True
