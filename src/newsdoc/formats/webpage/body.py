"""The article body: trafilatura finds it, and its XML is mapped onto newsdoc's blocks.

trafilatura (``bare_extraction`` on the parsed tree, which it copies and never changes) runs
with ``favor_precision``, tables, formatting and links on, images and metadata off: its image
output mixes captions and credits into the text, and its metadata pass costs time the
page's own metadata makes needless (:mod:`.scan` places figures instead). Its XML
(``head``, ``p``, ``list``/``item``, ``quote``, ``table``/``row``/``cell``, ``code``, and
inline ``hi``, ``ref``, ``lb``, ``del``) is mapped by :class:`Mapper` into a flat list of
headings and blocks, never dropping text trafilatura kept:

- loose text (the body's own text, tails, inline elements between blocks) becomes a paragraph;
- ``hi rend="#b"``/``"#i"`` become strong/emphasis, ``hi rend="#t"`` and ``code`` code,
  ``ref`` a link (its target resolved, and only kept when safe, by the model's own rules),
  ``lb`` a line break; any other markup keeps its words;
- a list item keeps its own text; a nested list's items follow their parent's, once;
- a quote's paragraphs are joined by a blank line; a last line starting with a dash is its
  speaker (``— Name, Role``), and the page's own attribution (:mod:`.scan`) names it too;
- a table's first row is its header when every cell with text is a header cell; short rows
  are padded to the widest, none is dropped. A table whose cells hold headings, lists or
  several paragraphs is page layout: its cells are read as body text, and a cell of links
  only is the page's navigation;
- a multi-line ``code`` element is a paragraph of code.

:func:`extract_body` runs trafilatura; ``precise=False`` gives its balanced defaults, which
the reader tries when the precise pass finds nothing or misses much of the publisher's own
``articleBody``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import attrs
import trafilatura

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, LimitError
from newsdoc.formats.webpage.figures import QuoteSpot, speaker
from newsdoc.formats.webpage.tree import Element, clean, http_url, is_element, key
from newsdoc.limits import current
from newsdoc.model import (
    Block,
    Inline,
    LineBreak,
    ListBlock,
    Paragraph,
    Person,
    Quote,
    Table,
    plain_text,
)
from newsdoc.model.inline import InlineBuilder

__all__ = ["Heading", "Item", "Mapper", "extract_body"]

_DASHES = "—–―-"
_SIGNATURE = re.compile(r"[@\d]|https?:|.{160}")
_STRONG = frozenset({"#b", "#strong"})
_EMPHASIS = frozenset({"#i", "#em"})
_CODE = frozenset({"#t", "#code"})
_INLINE = frozenset({"hi", "ref", "lb", "del"})
_BLOCKISH = frozenset(
    {"p", "head", "list", "item", "quote", "table", "row", "cell", "div", "ab", "code"}
)
_LAYOUT_CHILDREN = frozenset({"head", "list", "table", "quote"})


@attrs.frozen
class Heading:
    """A section heading in the flat body (sections are formed last)."""

    text: str


Item = Heading | Block


def extract_body(tree: Element, *, precise: bool = True) -> Element | None:
    """trafilatura's XML body of the page, or ``None`` when it finds no text.

    Raises nothing of its own: trafilatura's faults on an odd page count as "nothing found"
    (the caller says so)."""
    try:
        document = trafilatura.bare_extraction(
            tree,
            url=None,  # the mapper resolves the links it keeps (cheaper than all of them)
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_formatting=True,
            include_links=True,
            favor_precision=precise,
            with_metadata=False,
            output_format="xml",
        )
    except Exception:  # trafilatura's own faults on odd pages: no body from it
        return None
    body = getattr(document, "body", None)
    if body is None or not is_element(body) or not "".join(body.itertext()).strip():
        return None
    return body


class Mapper:
    """trafilatura's XML body to a flat list of :class:`Heading` and blocks (see the
    module's docstring)."""

    def __init__(self, base: str | None, quotes: Iterable[QuoteSpot] = ()) -> None:
        self.base = base
        self.quotes = [q for q in quotes if q.key]
        self.items: list[Item] = []
        self.loose = InlineBuilder()
        self.cells = 0  # the cells of the page's tables so far, short rows evened out

    def run(self, body: Element) -> list[Item]:
        """The headings and blocks of ``body`` in order."""
        self.container(body)
        self.flush()
        return self.items

    # -- containers and loose text -------------------------------------------------------

    def container(self, element: Element) -> None:
        if element.text:
            self.loose.text(element.text)
        for child in element:
            if is_element(child):
                self.child(child)
            if child.tail:
                self.loose.text(child.tail)

    def flush(self) -> None:
        content = _trim_breaks(self.loose.build())
        self.loose = InlineBuilder()
        if content and plain_text(content).strip():
            self.items.append(Paragraph(content=content))

    def child(self, element: Element) -> None:
        tag = element.tag
        if tag in _INLINE or (tag == "code" and not _multiline(element)):
            self.feed(self.loose, element)
            return
        self.flush()
        try:
            self.block(element, tag)
        except FieldError:  # what the rules build is valid; should one not be, say so
            warn(
                f"a {tag!r} block of the body could not be read; left out",
                code="dropped",
                where="sections",
            )

    def block(self, element: Element, tag: str) -> None:
        if tag == "head":
            text = clean("".join(element.itertext()), limit=1000)
            if text:
                self.items.append(Heading(text))
        elif tag == "p":
            self.add_paragraph(self.inlines(element))
        elif tag == "list":
            self.add(self.list_block(element))
        elif tag == "quote":
            self.add(self.quote(element))
        elif tag == "table":
            self.table(element)
        elif tag == "code":
            text = "".join(element.itertext()).strip("\n")
            self.add(_code(text))
        elif tag == "graphic":
            return  # images are off; figures come from the page itself
        else:  # div, ab, and anything trafilatura may add: its content, in order
            self.container(element)
            self.flush()

    def add(self, block: Block | None) -> None:
        if block is not None:
            self.items.append(block)

    def add_paragraph(self, content: tuple[Inline, ...]) -> None:
        content = _trim_breaks(content)
        if content and plain_text(content).strip():
            self.items.append(Paragraph(content=content))

    # -- inline content ------------------------------------------------------------------

    def inlines(self, element: Element) -> tuple[Inline, ...]:
        """The element's content as inline nodes (its own tag ignored)."""
        builder = InlineBuilder()
        if element.text:
            builder.text(element.text)
        for child in element:
            if is_element(child):
                self.feed(builder, child)
            if child.tail:
                builder.text(child.tail)
        return _trim_breaks(builder.build())

    def feed(self, builder: InlineBuilder, element: Element) -> None:
        """Add an inline element (and what it holds) to ``builder``."""
        tag = element.tag
        rend = element.get("rend") or ""
        if tag == "lb":
            builder.line_break()
            return
        if tag == "code" or (tag == "hi" and rend in _CODE):
            builder.code("".join(element.itertext()))
            return
        kind: str | None = None
        attributes: dict[str, str | None] = {}
        if tag == "hi":
            kind = "strong" if rend in _STRONG else "em" if rend in _EMPHASIS else None
        elif tag == "ref":
            kind = "a"
            attributes["href"] = http_url(element.get("target"), self.base) or ""
        spaced = tag in _BLOCKISH
        if spaced:
            builder.text(" ")
        if kind is not None:
            builder.open(kind, attributes)
        if element.text:
            builder.text(element.text)
        for child in element:
            if is_element(child):
                self.feed(builder, child)
            if child.tail:
                builder.text(child.tail)
        if kind is not None:
            builder.close(kind)
        if spaced:
            builder.text(" ")

    # -- lists, quotes, tables -----------------------------------------------------------

    def list_block(self, element: Element) -> ListBlock | None:
        items: list[tuple[Inline, ...]] = []
        self.list_items(element, items)
        items = [item for item in items if plain_text(item).strip()]
        if not items:
            return None
        return ListBlock(items=tuple(items), ordered=(element.get("rend") or "").startswith("ol"))

    def list_items(self, element: Element, out: list[tuple[Inline, ...]]) -> None:
        for item in element:
            if not is_element(item):
                continue
            builder = InlineBuilder()
            nested: list[Element] = []
            if item.text:
                builder.text(item.text)
            for child in item:
                if is_element(child) and child.tag == "list":
                    nested.append(child)
                elif is_element(child):
                    self.feed(builder, child)
                if child.tail:
                    builder.text(child.tail)
            out.append(_trim_breaks(builder.build()))
            for sub in nested:  # a nested list's items follow their parent item, once
                self.list_items(sub, out)

    def quote(self, element: Element) -> Quote | None:
        paragraphs: list[tuple[Inline, ...]] = []
        loose = InlineBuilder()

        def flush() -> None:
            nonlocal loose
            content = _trim_breaks(loose.build())
            if content and plain_text(content).strip():
                paragraphs.append(content)
            loose = InlineBuilder()

        if element.text:
            loose.text(element.text)
        for child in element:
            if is_element(child) and child.tag in _BLOCKISH:
                flush()
                if child.tag == "list":
                    block = self.list_block(child)
                    paragraphs.extend(block.items if block is not None else ())
                else:
                    paragraphs.append(self.inlines(child))
            elif is_element(child):
                self.feed(loose, child)
            if child.tail:
                loose.text(child.tail)
        flush()
        paragraphs = [p for p in paragraphs if plain_text(p).strip()]
        if not paragraphs:
            return None
        person: Person | None = None
        last = clean(plain_text(paragraphs[-1])) or ""
        # "— Name, Role" names the speaker; "— Name (@handle) May 3, 2019" signs a post and
        # stays text.
        if len(paragraphs) > 1 and last[:1] in _DASHES and not _SIGNATURE.search(last):
            person = speaker(last)
            if person is not None:
                paragraphs.pop()
        spot = self.spot(key(" ".join(plain_text(p) for p in paragraphs)))
        if spot is not None:
            last_key = key(plain_text(paragraphs[-1]))
            if spot.attribution and len(paragraphs) > 1 and last_key == spot.attribution:
                paragraphs.pop()
            person = person or spot.speaker
        content: list[Inline] = []
        for paragraph in paragraphs:
            if content:
                content += [LineBreak(), LineBreak()]
            content.extend(paragraph)
        try:
            return Quote(text=tuple(content), speaker=person)
        except (FieldError, ValueError):
            return Quote(text=tuple(content))

    def spot(self, text_key: str) -> QuoteSpot | None:
        """The page's quote this text is (its start matches either way)."""
        if not text_key:
            return None
        head = text_key[:60]
        for spot in self.quotes:
            if spot.key.startswith(head) or text_key.startswith(spot.key[:60]):
                return spot
        return None

    def table(self, element: Element) -> None:
        rows = [
            row for row in element.iter("row") if next(row.iterancestors("table"), None) is element
        ]
        cells = [[c for c in row if is_element(c) and c.tag == "cell"] for row in rows]
        if any(_is_layout(cell) for row in cells for cell in row):
            for row in cells:
                for cell in row:
                    if not _all_links(cell):
                        self.container(cell)
                        self.flush()
            return
        # Counted before any cell is read, short rows as filled in (a wide header over many
        # rows of one cell is that many cells once evened out).
        self.cells += max((len(row) for row in cells), default=0) * len(cells)
        if self.cells > current().max_table_cells:
            raise LimitError(
                f"the page's tables hold more than {current().max_table_cells} cells "
                "(max_table_cells), short rows counted as filled in",
                path="body",
            )
        header: list[tuple[Inline, ...]] = []
        body: list[list[tuple[Inline, ...]]] = []
        for row in cells:
            content = [self.inlines(cell) for cell in row]
            if not content:
                continue
            filled = [c for c, inline in zip(row, content, strict=True) if inline]
            if not body and not header and filled and all(c.get("role") == "head" for c in filled):
                header = content
            else:
                body.append(content)
        if not body and header:
            body, header = [header], []
        if not any(plain_text(c).strip() for row in [header, *body] for c in row):
            return
        width = max(len(row) for row in [header, *body])
        padded = [tuple(row) + ((),) * (width - len(row)) for row in body]
        head = tuple(header) + ((),) * (width - len(header)) if header else ()
        self.items.append(Table(header=head, rows=tuple(padded)))


def _multiline(element: Element) -> bool:
    return "\n" in "".join(element.itertext()) or element.find(".//lb") is not None


def _code(text: str) -> Paragraph | None:
    builder = InlineBuilder(collapse=False)
    builder.code(text)
    content = builder.build()
    return Paragraph(content=content) if content and plain_text(content).strip() else None


def _trim_breaks(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    start, end = 0, len(nodes)
    while start < end and isinstance(nodes[start], LineBreak):
        start += 1
    while end > start and isinstance(nodes[end - 1], LineBreak):
        end -= 1
    return nodes[start:end]


def _is_layout(cell: Element) -> bool:
    """A cell that holds page regions (headings, lists, tables or several paragraphs)."""
    children = [c for c in cell if is_element(c)]
    return (
        any(c.tag in _LAYOUT_CHILDREN for c in children) or sum(c.tag == "p" for c in children) > 1
    )


def _all_links(cell: Element) -> bool:
    """A cell whose text is all links: the navigation of a layout table."""
    total = len("".join("".join(cell.itertext()).split()))
    linked = sum(len("".join("".join(r.itertext()).split())) for r in cell.iter("ref"))
    return total > 0 and linked / total >= 0.9
