"""The DOCX writer's body: blocks and inline content as Word paragraphs, runs and tables.

:class:`BodyWriter` appends to the document's body. Inline content becomes runs: emphasis
and strong as italic and bold (``w:i``/``w:iCs``, ``w:b``/``w:bCs``, so Arabic and Hebrew
are set too), code in the **Verbatim Char** style, links as real hyperlinks (an external
relationship, the link's title as its tooltip), an inline quote between the quotation marks
of its language, with its language on its runs, a line break as ``w:br``. Each run's text
is split by script so every script gets a font that covers it
(:func:`~newsdoc.formats.docx.styles.split_scripts`); Arabic and Hebrew runs carry
``w:rtl``, and right-to-left paragraphs ``w:bidi``.

Blocks: a paragraph in the default style; a quote in **Quote** (a pull quote in **Intense
Quote**) followed by its speaker in **Attribution** as ``— Name, role, affiliation``; a
list in **List Bullet** or **List Number** (each numbered list restarts at 1); a table in
**Table Grid** with its header row repeated on each page and its caption before it; a
figure as its picture (at its size, within the page's width and three quarters of its
height, its alt text as the picture's description), then its credit and its caption; text
whose spacing matters in **Source Code**, one paragraph whose lines are line breaks.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import attrs
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu

from newsdoc.diagnostics import warn
from newsdoc.formats.docx.styles import (
    PPR_ORDER,
    RPR_ORDER,
    Font,
    language_parts,
    set_child,
    split_scripts,
)
from newsdoc.language import direction_of
from newsdoc.model import (
    Code,
    Emphasis,
    Figure,
    InlineQuote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    QuoteKind,
    Section,
    Strong,
    Table,
    Text,
)
from newsdoc.model.blocks import Align, Block, Direction
from newsdoc.model.inline import Inline, is_safe_href
from newsdoc.render.resources import ResourceLoader, figure_picture

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph as WordParagraph

__all__ = ["BodyWriter", "Format", "quote_marks"]

_EMU_PER_PX = 9525  # at 96 pixels to the inch
#: A table column's alignment as its cells' paragraph alignment (``default`` leaves the style's).
_CELL_ALIGNMENT = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
}
_MARKS = {
    "de": ("„", "“"),
    "ka": ("„", "“"),
    "fr": ("« ", " »"),
    "ru": ("«", "»"),
    "uk": ("«", "»"),
    "es": ("«", "»"),
    "hy": ("«", "»"),
    "el": ("«", "»"),
    "ar": ("«", "»"),
    "he": ("”", "”"),
}


def quote_marks(language: str) -> tuple[str, str]:
    """The quotation marks of a language (English's for those newsdoc does not know).

    >>> quote_marks("de-AT"), quote_marks("en")
    (('„', '“'), ('“', '”'))
    """
    return _MARKS.get(language.split("-", 1)[0].lower(), ("“", "”"))


@attrs.frozen
class Format:
    """How a run is set: bold, italic, code, in a link, in a language."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    link: bool = False
    lang: str | None = None


class BodyWriter:
    """Appends an article's blocks to a Word document (see the module's docstring)."""

    def __init__(
        self,
        document: WordDocument,
        language: str,
        loader: ResourceLoader,
        missing_images: str,
    ) -> None:
        self.document = document
        self.language = language
        self.loader = loader
        self.missing_images = missing_images
        self.fonts: set[Font] = set()
        self._ids: dict[str, str] = {}
        self._abstract: dict[bool, str] = {}
        section = document.sections[-1]
        width = (section.page_width or Emu(7772400)) - (section.left_margin or 0)
        height = (section.page_height or Emu(10058400)) - (section.top_margin or 0)
        self.text_width = int(width - (section.right_margin or 0))
        self.text_height = int(height - (section.bottom_margin or 0))
        self.pictures = 0

    # ------------------------------------------------------------------ paragraphs

    def style_id(self, name: str) -> str:
        """The id of the style called ``name``."""
        if not self._ids:  # python-docx looks a style up by name in a list: once, here
            self._ids = {str(s.name): str(s.style_id) for s in self.document.styles}
        return self._ids[name]

    def paragraph(
        self, style: str | None, *, lang: str | None = None, dir: Direction | None = None
    ) -> WordParagraph:
        """A new paragraph at the end of the body, right to left when its direction (given,
        else its language's, else the article's) is."""
        from docx.text.paragraph import Paragraph as WordParagraph

        element = self.document.element.body.add_p()
        if style is not None:
            set_child(element.get_or_add_pPr(), "pStyle", PPR_ORDER, val=self.style_id(style))
        made = WordParagraph(element, self.document._body)
        self.direct(made, lang, dir)
        return made

    def direct(self, made: WordParagraph, lang: str | None, dir: Direction | None) -> None:
        """Mark ``made`` right to left where its direction is."""
        direction = dir or Direction(direction_of(lang or self.language))
        if direction is Direction.RTL:
            set_child(made._p.get_or_add_pPr(), "bidi", PPR_ORDER)

    def text(self, parent: Any, text: str, fmt: Format) -> None:
        """Runs of ``text`` appended to ``parent`` (a paragraph or a hyperlink element)."""
        for piece, font in split_scripts(text):
            run = OxmlElement("w:r")
            rpr = OxmlElement("w:rPr")
            style = "Hyperlink" if fmt.link else "Verbatim Char" if fmt.code else None
            if style is not None:
                set_child(rpr, "rStyle", RPR_ORDER, val=self.style_id(style))
            if font is not None:
                self.fonts.add(font)
                slots = {"ascii": font.name, "hAnsi": font.name} if font.slot == "latin" else {}
                slots = slots or {font.slot: font.name}
                set_child(rpr, "rFonts", RPR_ORDER, **slots)
            if fmt.bold:
                set_child(rpr, "b", RPR_ORDER)
                set_child(rpr, "bCs", RPR_ORDER)
            if fmt.italic:
                set_child(rpr, "i", RPR_ORDER)
                set_child(rpr, "iCs", RPR_ORDER)
            rtl = font is not None and font.rtl
            if rtl:
                set_child(rpr, "rtl", RPR_ORDER)
            if fmt.lang is not None and fmt.lang != self.language:
                lang_rtl = direction_of(fmt.lang) == "rtl"
                set_child(rpr, "lang", RPR_ORDER, **language_parts(fmt.lang, lang_rtl))
            if len(rpr):
                run.append(rpr)
            for number, part in enumerate(piece.split("\t")):
                if number:
                    run.append(OxmlElement("w:tab"))
                if part:
                    element = OxmlElement("w:t")
                    element.text = part
                    element.set(qn("xml:space"), "preserve")
                    run.append(element)
            parent.append(run)

    def inlines(self, parent: Any, content: tuple[Inline, ...], fmt: Format) -> None:
        """Inline content as runs appended to ``parent`` (see the module's docstring)."""
        for node in content:
            if isinstance(node, Text):
                self.text(parent, node.text, fmt)
            elif isinstance(node, Code):
                self.text(parent, node.text, attrs.evolve(fmt, code=True))
            elif isinstance(node, LineBreak):
                run = OxmlElement("w:r")
                run.append(OxmlElement("w:br"))
                parent.append(run)
            elif isinstance(node, Emphasis):
                self.inlines(parent, node.children, attrs.evolve(fmt, italic=not fmt.italic))
            elif isinstance(node, Strong):
                self.inlines(parent, node.children, attrs.evolve(fmt, bold=True))
            elif isinstance(node, Link):
                self.link(parent, node.href, node.children, fmt, node.title)
            elif isinstance(node, InlineQuote):
                lang = node.lang or fmt.lang or self.language
                opening, closing = quote_marks(fmt.lang or self.language)
                self.text(parent, opening, fmt)
                self.inlines(parent, node.children, attrs.evolve(fmt, lang=lang))
                self.text(parent, closing, fmt)

    def link(
        self,
        parent: Any,
        href: str,
        children: tuple[Inline, ...],
        fmt: Format,
        title: str | None = None,
    ) -> None:
        """A hyperlink to ``href`` around ``children``; an unsafe target keeps only the text
        (reported)."""
        if not is_safe_href(href) or fmt.link:
            if not fmt.link:
                warn(f"a link to {href[:60]!r} written as its text", code="lossy", where="link")
            self.inlines(parent, children, fmt)
            return
        hyperlink = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            hyperlink.set(qn("w:anchor"), href[1:])
        else:
            rid = self.document.part.relate_to(href, RT.HYPERLINK, is_external=True)
            hyperlink.set(qn("r:id"), rid)
        if title:
            hyperlink.set(qn("w:tooltip"), title)
        hyperlink.set(qn("w:history"), "1")
        self.inlines(hyperlink, children, attrs.evolve(fmt, link=True))
        parent.append(hyperlink)

    # ------------------------------------------------------------------ blocks

    def sections(self, sections: tuple[Section, ...], top: int) -> None:
        """The body: each section's heading in Word's ``Heading N`` (``top`` for a section of
        the model's first level, 2; a sub-head one level lower for each level below it, at
        most Heading 6), then its blocks."""
        for section in sections:
            if section.heading is not None:
                made = self.paragraph(f"Heading {min(top + section.level - 2, 6)}")
                self.text(made._p, section.heading, Format())
            for block in section.blocks:
                self.block(block)

    def block(self, block: Block) -> None:
        """One block at the end of the body."""
        fmt = Format(lang=block.lang)
        if isinstance(block, Paragraph):
            made = self.paragraph(None, lang=block.lang, dir=block.dir)
            self.inlines(made._p, block.content, fmt)
        elif isinstance(block, Quote):
            self.quote(block, fmt)
        elif isinstance(block, ListBlock):
            self.listing(block, fmt)
        elif isinstance(block, Table):
            self.table(block, fmt)
        elif isinstance(block, Figure):
            self.figure(block)
        elif isinstance(block, Preformatted):
            self.preformatted(block, fmt)

    def quote(self, quote: Quote, fmt: Format) -> None:
        style = "Intense Quote" if quote.kind is QuoteKind.PULL else "Quote"
        made = self.paragraph(style, lang=quote.lang, dir=quote.dir)
        self.inlines(made._p, quote.text, fmt)
        speaker = quote.speaker
        if speaker is not None:
            line = self.paragraph("Attribution", lang=quote.lang, dir=quote.dir)
            self.text(line._p, "— ", fmt)
            if speaker.url is not None:
                self.link(line._p, speaker.url, (Text(text=speaker.name),), fmt)
            else:
                self.text(line._p, speaker.name, fmt)
            for part in (speaker.role, speaker.affiliation):
                if part is not None:
                    self.text(line._p, ", " + part, fmt)
        for name, present in (
            ("place", quote.place),
            ("date", quote.date),
            ("source_url", quote.source_url),
        ):
            if present is not None:
                warn(
                    "Word has no place for a quote's " + name.replace("_", " ") + "; left out",
                    code="lossy",
                    where=f"quote.{name}",
                )

    def numbering(self, ordered: bool) -> str:
        """A new list numbering (a numbered one starts at 1), its ``numId``."""
        root = self._numbering_root()
        abstract = self._abstract.get(ordered)
        if abstract is None:
            taken = [int(a.get(qn("w:abstractNumId"), "0")) for a in root.iter(qn("w:abstractNum"))]
            abstract = self._abstract[ordered] = str(max(taken, default=-1) + 1)
            element = OxmlElement("w:abstractNum")
            element.set(qn("w:abstractNumId"), abstract)
            set_child(element, "multiLevelType", ("multiLevelType",), val="singleLevel")
            level = OxmlElement("w:lvl")
            level.set(qn("w:ilvl"), "0")
            for tag, value in (
                ("start", "1"),
                ("numFmt", "decimal" if ordered else "bullet"),
                ("lvlText", "%1." if ordered else "•"),
                ("lvlJc", "left"),
            ):
                child = OxmlElement(f"w:{tag}")
                child.set(qn("w:val"), value)
                level.append(child)
            ppr = OxmlElement("w:pPr")
            set_child(ppr, "ind", PPR_ORDER, left="720", hanging="360")
            level.append(ppr)
            element.append(level)
            first = root.find(qn("w:num"))
            if first is not None:
                first.addprevious(element)
            else:
                root.append(element)
        num = root.add_num(int(abstract))
        if ordered:
            num.add_lvlOverride(ilvl=0).add_startOverride(1)
        return str(num.numId)

    def _numbering_root(self) -> Any:
        """The document's ``w:numbering``, made when it has none (a reference document from
        LibreOffice, say): python-docx cannot make one."""
        part = self.document.part
        try:
            return part.numbering_part.element
        except NotImplementedError:
            from docx.opc.constants import CONTENT_TYPE as CT
            from docx.opc.packuri import PackURI
            from docx.parts.numbering import NumberingPart

            blob = (
                b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                b'<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"/>'
            )
            made = NumberingPart.load(
                PackURI("/word/numbering.xml"), CT.WML_NUMBERING, blob, part.package
            )
            part.relate_to(made, RT.NUMBERING)
            return part.numbering_part.element

    def items(self, style: str, items: Any, ordered: bool, fmt: Format, rtl: Any) -> None:
        """Paragraphs of ``style``, one per item, numbered or bulleted as one list."""
        num_id = self.numbering(ordered)
        for item in items:
            made = self.paragraph(style, lang=fmt.lang, dir=rtl)
            numbers = made._p.get_or_add_pPr().get_or_add_numPr()
            numbers.get_or_add_ilvl().val = 0
            numbers.get_or_add_numId().val = int(num_id)
            self.inlines(made._p, item, fmt)

    def listing(self, block: ListBlock, fmt: Format) -> None:
        style = "List Number" if block.ordered else "List Bullet"
        self.items(style, block.items, block.ordered, fmt, block.dir)

    def table(self, table: Table, fmt: Format) -> None:
        if table.caption is not None:
            caption = self.paragraph("Caption", lang=table.lang, dir=table.dir)
            caption.paragraph_format.keep_with_next = True
            self.inlines(caption._p, table.caption, fmt)
        body = self.document.element.body
        if len(body) > 1 and body[-2].tag == qn("w:tbl"):
            self.paragraph(None)  # two tables in a row would be one table to Word
        rows = ([table.header] if table.header else []) + list(table.rows)
        width = len(rows[0])
        made = self.document.add_table(rows=len(rows), cols=width)
        set_child(made._tbl.tblPr, "tblStyle", ("tblStyle",), val=self.style_id("Table Grid"))
        rtl = (table.dir or Direction(direction_of(table.lang or self.language))) is Direction.RTL
        if rtl:
            set_child(
                made._tbl.tblPr, "bidiVisual", ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual")
            )
        for number, (row, cells) in enumerate(zip(made.rows, rows, strict=True)):
            head = number == 0 and bool(table.header)
            if head:
                trpr = row._tr.get_or_add_trPr()
                set_child(trpr, "tblHeader", ("cantSplit", "trHeight", "tblHeader"))
            for column, (cell, content) in enumerate(zip(row.cells, cells, strict=True)):
                paragraph = cell.paragraphs[0]
                self.direct(paragraph, table.lang, table.dir)
                if column < len(table.align) and table.align[column] in _CELL_ALIGNMENT:
                    paragraph.alignment = _CELL_ALIGNMENT[table.align[column]]
                self.inlines(paragraph._p, content, attrs.evolve(fmt, bold=head or fmt.bold))

    def preformatted(self, block: Preformatted, fmt: Format) -> None:
        made = self.paragraph("Source Code", lang=block.lang, dir=block.dir)
        for number, line in enumerate(block.text.split("\n")):
            if number:
                run = OxmlElement("w:r")
                run.append(OxmlElement("w:br"))
                made._p.append(run)
            if line:
                self.text(made._p, line, attrs.evolve(fmt, code=False))
        if block.syntax is not None:
            warn(
                f"Word has no place for the code's language ({block.syntax}); left out",
                code="lossy",
                where="preformatted.syntax",
            )

    def figure(self, figure: Figure) -> None:
        picture = self._picture(figure)
        fmt = Format(lang=figure.lang)
        if picture is not None:
            data, width, height = picture
            holder = self.paragraph("Picture", lang=figure.lang, dir=figure.dir)
            run = holder.add_run()
            run.add_picture(io.BytesIO(data), width=Emu(width), height=Emu(height))
            self.pictures += 1
            for properties in run._r.iter(qn("wp:docPr")):
                properties.set("descr", figure.alt)
                properties.set("name", f"Picture {self.pictures}")
        if figure.credit is not None:
            credit = self.paragraph("Credit", lang=figure.lang, dir=figure.dir)
            self.text(credit._p, figure.credit, fmt)
        if figure.caption is not None:
            caption = self.paragraph("Caption", lang=figure.lang, dir=figure.dir)
            self.inlines(caption._p, figure.caption, fmt)

    def _picture(self, figure: Figure) -> tuple[bytes, int, int] | None:
        """The picture's bytes (PNG, JPEG or GIF) and its size in EMU, fitted to the page."""
        resource = figure_picture(self.loader, figure, self.missing_images)
        if resource is None:
            return None
        data = resource.data
        if resource.media_type == "image/svg+xml":
            warn(
                f"picture {figure.src!r} left out: an SVG picture is not embedded in Word "
                "(give a PNG or JPEG)",
                code="lossy",
                where="figure",
            )
            return None
        if resource.media_type == "image/webp":
            data = _png_of(data)
        from docx.image.image import Image

        image = Image.from_blob(data)
        width, height = figure.width, figure.height
        if width is None and height is None:
            width, height = image.px_width, image.px_height
        elif width is None:
            width = max(1, round(height * image.px_width / max(image.px_height, 1)))  # type: ignore[operator]
        elif height is None:
            height = max(1, round(width * image.px_height / max(image.px_width, 1)))
        assert width is not None
        assert height is not None
        emu_w, emu_h = width * _EMU_PER_PX, height * _EMU_PER_PX
        scale = min(1.0, self.text_width / emu_w, self.text_height * 0.75 / emu_h)
        return data, int(emu_w * scale), int(emu_h * scale)


def _png_of(data: bytes) -> bytes:
    """A WebP picture as PNG, which Word shows everywhere."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        out = io.BytesIO()
        picture.save(out, format="PNG")
    return out.getvalue()
