"""The article body as NITF 3.6 or XHTML: sections, blocks and the lead image, both ways.

NITF (the default body of newsdoc's NewsML-G2) is laid out as the IPTC guidelines show::

    <nitf><body>
      <body.head> hedline (hl1, hl2), byline*, dateline (location, story.date), abstract
      <body.content>
        <media class="lead-image"> ...                      the lead image, if any
        <block> <hl2>heading</hl2> p | bq | ol | ul | table | media ... </block>   per section

Blocks map to NITF's own elements: a paragraph is ``p``; a quote is ``bq`` holding a
``block`` with one ``p`` and a ``credit`` whose ``person``, ``function``, ``org``,
``location``, ``chron norm=`` and ``a`` carry the speaker, role, affiliation, place, date and
source link; a list is ``ol``/``ul``; a figure is ``media media-type="image"`` with
``media-reference`` (source, alternate-text, width, height, mime-type), ``media-caption`` and
``media-producer`` (the credit); a table is ``table`` with ``caption``, ``thead`` and
``tbody``; preformatted text is ``pre``, its code's language ``class="language-..."``
(:mod:`newsdoc.markup.pre`). A block's language is ``xml:lang``; its direction, which NITF
has no attribute for, is ``style="direction: rtl"`` (or ``ltr``).

XHTML uses ``div class="section"`` with ``h2``, ``p``, ``blockquote cite=`` with a
``p class="credit"``, ``ol``/``ul``, ``table``, ``pre`` around a ``code`` and
``div class="figure"`` around an ``img``;
its language and direction are the ``lang`` and ``dir`` attributes. The ninjs format uses the
XHTML form as its HTML body. The same markup without a namespace is HTML (``html=True``),
as other tools write it: reading it follows the same rules, with ``h1`` a heading like the
others (:mod:`newsdoc.markup.body_reader` holds the reading rules of all three).
"""

from __future__ import annotations

from newsdoc.diagnostics import warn
from newsdoc.markup.body_reader import BodyReader, clean_text
from newsdoc.markup.inline import NITF_NS, XHTML_NS, InlineCodec
from newsdoc.markup.pre import write_pre
from newsdoc.markup.xml import Element, etree
from newsdoc.model.article import Article
from newsdoc.model.blocks import (
    Align,
    Block,
    Direction,
    Figure,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Section,
    Table,
)

__all__ = ["BodyCodec", "clean_text", "write_xhtml_content"]


class BodyCodec:
    """Writes and reads sections of blocks in NITF (``nitf=True``), XHTML, or HTML without a
    namespace (``html=True``: HTML as mammoth, editors and feeds give it).

    >>> from newsdoc.markup.html import parse_html
    >>> codec = BodyCodec(nitf=False, html=True)
    >>> sections = codec.read_sections(parse_html("<h1>Timetable</h1><p>Trains run.</p>"),
    ...                                exact=False)
    >>> sections[0].heading, len(sections[0].blocks)
    ('Timetable', 1)
    """

    def __init__(self, *, nitf: bool, html: bool = False) -> None:
        if nitf and html:
            raise ValueError("a body is NITF or HTML, not both")
        self.nitf = nitf
        self.html = html
        self.ns = NITF_NS if nitf else "" if html else XHTML_NS
        self.inline = InlineCodec(self.ns)

    def tag(self, local: str) -> str:
        return f"{{{self.ns}}}{local}" if self.ns else local

    def sub(self, parent: Element, local: str, attrib: dict[str, str] | None = None) -> Element:
        return etree.SubElement(parent, self.tag(local), attrib or {})

    # ================================================================== writing

    def _lang_dir(self, element: Element, lang: str | None, direction: Direction | None) -> None:
        if lang is not None:
            element.set(self.inline.lang_attr, lang)
        if direction is not None:
            if self.nitf:
                element.set("style", f"direction: {direction.value}")
            else:
                element.set("dir", direction.value)

    def write_sections(self, parent: Element, sections: tuple[Section, ...]) -> None:
        for number, section in enumerate(sections):
            if self.nitf:
                element = self.sub(parent, "block")
                if section.heading is not None:
                    self.sub(element, "hl2").text = section.heading
                    if section.level != 2:
                        warn(
                            f"NITF has one level of sub-head (hl2); the level {section.level} "
                            f"heading {section.heading[:60]!r} is written as one",
                            code="lossy",
                            where=f"sections[{number}].level",
                        )
            else:
                element = self.sub(parent, "div", {"class": "section"})
                if section.heading is not None:
                    self.sub(element, f"h{section.level}").text = section.heading
            for block in section.blocks:
                self.write_block(element, block)

    def write_block(self, parent: Element, block: Block) -> None:
        if isinstance(block, Paragraph):
            element = self.sub(parent, "p")
            self._lang_dir(element, block.lang, block.dir)
            self.inline.write(element, block.content)
        elif isinstance(block, Quote):
            self._write_quote(parent, block)
        elif isinstance(block, ListBlock):
            element = self.sub(parent, "ol" if block.ordered else "ul")
            self._lang_dir(element, block.lang, block.dir)
            for item in block.items:
                self.inline.write(self.sub(element, "li"), item)
        elif isinstance(block, Figure):
            self.write_figure(parent, block)
        elif isinstance(block, Table):
            self._write_table(parent, block)
        elif isinstance(block, Preformatted):
            element = write_pre(parent, block, self.sub, nitf=self.nitf)
            self._lang_dir(element, block.lang, block.dir)
        else:  # pragma: no cover - the model has no other block type
            raise TypeError(f"unknown block {type(block).__name__}")

    def _write_quote(self, parent: Element, quote: Quote) -> None:
        if self.nitf:
            element = self.sub(parent, "bq", {"class": quote.kind.value})
            self._lang_dir(element, quote.lang, quote.dir)
            self.inline.write(self.sub(self.sub(element, "block"), "p"), quote.text)
        else:
            element = self.sub(parent, "blockquote", {"class": quote.kind.value})
            if quote.source_url is not None:
                element.set("cite", quote.source_url)
            self._lang_dir(element, quote.lang, quote.dir)
            self.inline.write(self.sub(element, "p"), quote.text)
        parts: list[tuple[str, str, dict[str, str]]] = []
        speaker = quote.speaker
        if self.nitf:
            if speaker is not None:
                parts.append(("person", speaker.name, {}))
                if speaker.role is not None:
                    parts.append(("function", speaker.role, {}))
                if speaker.affiliation is not None:
                    parts.append(("org", speaker.affiliation, {}))
                if speaker.url is not None:
                    parts.append(("a", speaker.url, {"class": "speaker", "href": speaker.url}))
            if quote.place is not None:
                parts.append(("location", quote.place, {}))
            if quote.date is not None:
                iso = quote.date.isoformat()
                parts.append(("chron", iso, {"norm": iso}))
            if quote.source_url is not None:
                parts.append(("a", quote.source_url, {"class": "source", "href": quote.source_url}))
            credit_tag = "credit"
        else:
            if speaker is not None:
                parts.append(("span", speaker.name, {"class": "speaker"}))
                if speaker.role is not None:
                    parts.append(("span", speaker.role, {"class": "role"}))
                if speaker.affiliation is not None:
                    parts.append(("span", speaker.affiliation, {"class": "affiliation"}))
                if speaker.url is not None:
                    parts.append(("a", speaker.url, {"class": "speaker", "href": speaker.url}))
            if quote.place is not None:
                parts.append(("span", quote.place, {"class": "place"}))
            if quote.date is not None:
                iso = quote.date.isoformat()
                parts.append(("span", iso, {"class": "date", "title": iso}))
            credit_tag = "p"
        if not parts:
            return
        credit = self.sub(element, credit_tag, None if self.nitf else {"class": "credit"})
        for number, (local, text, attrib) in enumerate(parts):
            part = self.sub(credit, local, attrib)
            part.text = text
            if number < len(parts) - 1:
                part.tail = ", "

    def write_figure(self, parent: Element, figure: Figure, css: str = "figure") -> None:
        if self.nitf:
            element = self.sub(parent, "media", {"media-type": "image", "class": css})
            self._lang_dir(element, figure.lang, figure.dir)
            ref = self.sub(element, "media-reference", {"source": figure.src})
            ref.set("alternate-text", figure.alt)
            if figure.width is not None:
                ref.set("width", str(figure.width))
            if figure.height is not None:
                ref.set("height", str(figure.height))
            if figure.media_type is not None:
                ref.set("mime-type", figure.media_type)
            if figure.caption is not None:
                self.inline.write(self.sub(element, "media-caption"), figure.caption)
            if figure.credit is not None:
                self.sub(element, "media-producer").text = figure.credit
            return
        element = self.sub(parent, "div", {"class": css})
        self._lang_dir(element, figure.lang, figure.dir)
        link = self.sub(element, "a", {"href": figure.src})
        if figure.media_type is not None:
            link.set("type", figure.media_type)
        image = self.sub(link, "img", {"src": figure.src, "alt": figure.alt})
        if figure.width is not None:
            image.set("width", str(figure.width))
        if figure.height is not None:
            image.set("height", str(figure.height))
        if figure.caption is not None:
            self.inline.write(self.sub(element, "p", {"class": "caption"}), figure.caption)
        if figure.credit is not None:
            self.sub(element, "p", {"class": "credit"}).text = figure.credit

    def _write_table(self, parent: Element, table: Table) -> None:
        element = self.sub(parent, "table")
        self._lang_dir(element, table.lang, table.dir)
        if table.caption is not None:
            self.inline.write(self.sub(element, "caption"), table.caption)
        # A column's alignment: NITF's align attribute, a text-align style in (X)HTML.
        aligns = [
            {}
            if side is Align.DEFAULT
            else {"align": side.value}
            if self.nitf
            else {"style": f"text-align: {side.value}"}
            for side in table.align
        ]
        if table.header:
            row = self.sub(self.sub(element, "thead"), "tr")
            for i, cell in enumerate(table.header):
                self.inline.write(self.sub(row, "th", aligns[i] if aligns else None), cell)
        body = self.sub(element, "tbody")
        for cells in table.rows:
            row = self.sub(body, "tr")
            for i, cell in enumerate(cells):
                self.inline.write(self.sub(row, "td", aligns[i] if aligns else None), cell)

    # ================================================================== reading

    def read_sections(self, container: Element, *, exact: bool) -> list[Section]:
        """Sections from a NITF ``body.content``, an XHTML or HTML ``body`` or fragment.

        ``block`` / ``div class="section"`` / ``section`` elements become sections; loose
        blocks between them, and headings (``hl2``, ``h2``...), start sections of their own
        (see :mod:`newsdoc.markup.body_reader` for every rule).
        """
        return BodyReader(self).read_sections(container, exact=exact)

    def read_figure(self, element: Element, *, exact: bool) -> Figure | None:
        """The figure of a NITF ``media``, an XHTML ``div class="figure"`` or an HTML
        ``figure``; ``None`` when it has no usable picture."""
        return BodyReader(self).read_figure(element, exact=exact)


def write_xhtml_content(codec: BodyCodec, parent: Element, article: Article) -> None:
    """The lead image and sections of ``article`` as XHTML, appended to ``parent``."""
    if article.lead_image is not None:
        codec.write_figure(parent, article.lead_image, css="lead-image")
    codec.write_sections(parent, article.sections)
