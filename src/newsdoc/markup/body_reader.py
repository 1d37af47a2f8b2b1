"""Reading article bodies: NITF, XHTML and namespace-free HTML, by one set of rules.

:class:`BodyReader` turns the elements of a body into sections of blocks. The three dialects
(:class:`~newsdoc.markup.body.BodyCodec` picks one) share every rule; they differ only in
their namespace and in that NITF and newsdoc's XHTML never carry the headline as an ``h1``
in the body, whereas HTML from other tools (mammoth, editors, feeds) uses ``h1`` as the
first level of heading.

The rules:

- **Sections.** ``block`` (NITF), ``div class="section"``, ``section`` and
  ``div class="body-section"`` are sections; any heading (``hl2``, ``h1``..``h6``) starts a
  new one, wherever it stands, so nested headings become a flat run of sections (the model has
  one level; more than one level of heading is reported). Other containers (``div``,
  ``article``, ``main``, ``aside``...) are read through. Loose text and inline elements
  between blocks become paragraphs.
- **Blocks.** ``p``; ``bq``/``blockquote`` (a quote); ``ol``/``ul`` (a list; nested lists
  are flattened into it, reported); ``table`` (a first row of ``th`` cells, or ``thead``, is
  the header); ``media``, ``div class="figure"``, ``figure`` and ``img`` (a figure: ``alt``,
  ``figcaption`` or ``p class="caption"``, a ``credit``); a ``figure`` around a
  ``blockquote`` is a quote whose ``figcaption`` names the speaker; ``pre`` is code.
  Read from other tools, a ``p`` whose ``br``-separated lines are paragraphs of prose is split
  into paragraphs; one whose lines are verse or an address keeps its line breaks (the rule is
  in :mod:`newsdoc.markup.lines`).
  Embedded media (``iframe``, ``video``, ``object``...) are left out and reported; any other
  element keeps its text as a paragraph.
- **Captions.** A paragraph of class ``caption`` right after a figure or a table without one
  is its caption, and right before a table, the table's.
- **Speakers.** A quote's speaker comes from its credit (NITF ``credit``, ``p class="credit"``,
  ``footer``, ``cite``, newsdoc's own ``figcaption``), or from an attribution line, inside
  the quote as its last paragraph or right after it: a line that starts with a dash, such
  as ``— Lilit Sargsyan, head of passenger services`` (:func:`parse_attribution`). A credit
  needs no dash (``<credit>Lilit Sargsyan</credit>``); one that names no speaker is reported,
  and so is text in a quote outside its paragraphs (a quote is paragraphs of text).
- **Pictures** come only from http(s) URLs and relative paths: an ``img`` with a ``data:``,
  ``file:`` or ``javascript:`` source is left out, and reported.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.markup.body_parts import PartsReader, clean_text, parse_attribution
from newsdoc.markup.body_types import (
    CONTAINERS,
    DASH,
    EMBEDS,
    HEADINGS,
    INLINE,
    SECTION_CLASSES,
    SILENT,
    element_classes,
    local_of,
    loose_blocks,
)
from newsdoc.markup.lines import paragraphs_of
from newsdoc.markup.pre import read_pre
from newsdoc.markup.xml import Element, etree, local_name
from newsdoc.model import checks as C
from newsdoc.model.blocks import Block, Figure, ListBlock, Paragraph, Quote, Section, Table
from newsdoc.model.inline import Inline, plain_text

__all__ = ["BodyReader", "clean_text", "parse_attribution"]


class _Run:
    """The sections being built from a run of body elements."""

    def __init__(self, reader: BodyReader, exact: bool) -> None:
        self.reader = reader
        self.exact = exact
        self.sections: list[Section] = []
        self.heading: str | None = None
        self.blocks: list[Block] = []
        self.pending_caption: tuple[Inline, ...] | None = None
        self.last_local = ""
        self.levels: set[int] = set()
        self.loose: list[Any] = []  # loose text and inline elements waiting for a block

    def close(self) -> None:
        self.flush_loose()
        self.flush_caption()
        if self.blocks:
            self.sections.append(Section(blocks=loose_blocks(self.blocks), heading=self.heading))
        elif self.heading is not None:
            warn(
                f"the heading {self.heading[:60]!r} has no text under it; left out",
                code="dropped",
                where="body",
            )
        self.heading, self.blocks, self.last_local = None, [], ""

    def flush_caption(self) -> None:
        if self.pending_caption is not None:
            self.blocks.append(Paragraph(content=self.pending_caption))
            self.pending_caption = None

    def flush_loose(self) -> None:
        if not self.loose:
            return
        codec = self.reader.codec
        holder = etree.Element(codec.tag("p"))
        for part in self.loose:
            if isinstance(part, str):
                kept = C.strip_bad_chars(part)
                if kept != part:  # a character reference such as &#xFFFE; in HTML text
                    warn(
                        f"characters no text may carry removed from {excerpt(kept)}",
                        code="dropped",
                        where="body",
                    )
                    part = kept
                if len(holder):
                    holder[-1].tail = (holder[-1].tail or "") + part
                else:
                    holder.text = (holder.text or "") + part
            else:
                holder.append(part)
        self.loose = []
        content = codec.inline.read(holder, exact=False)
        if content:
            self.flush_caption()
            self.blocks.append(Paragraph(content=content))
            self.last_local = "p"

    def text(self, text: str | None) -> None:
        if text and (self.loose or text.strip()):
            self.loose.append(text)

    def feed(self, container: Element) -> None:
        reader = self.reader
        self.text(container.text)
        for child in container:
            if not isinstance(child.tag, str):
                self.text(child.tail)
                continue
            local = local_name(child)
            css = element_classes(child)
            if local in INLINE and child.find(f".//{reader.tag('img')}") is None:
                self.loose.append(_detached(child))
                self.text(child.tail)
                continue
            self.flush_loose()
            if "lead-image" in css or (local == "h1" and not reader.html):
                pass  # read apart; newsdoc's h1 repeats the headline
            elif local in HEADINGS:
                self.close()
                self.levels.add(HEADINGS[local])
                self.heading = clean_text("".join(child.itertext()), exact=self.exact) or None
            elif (local == "block" and reader.codec.nitf) or (
                local in ("div", "section") and (local == "section" or css & SECTION_CLASSES)
            ):
                self.close()
                self.feed(child)
                self.close()
            elif local in CONTAINERS and not css & {"figure", "credit", "caption"}:
                self.feed(child)
            else:
                self.element(child, local, css)
            self.text(child.tail)

    def element(self, element: Element, local: str, css: set[str]) -> None:
        reader = self.reader
        last = self.blocks[-1] if self.blocks else None
        if local == "p" and css & {"caption", "wp-caption-text"}:
            caption = reader.codec.inline.read(element, exact=self.exact)
            if not caption:
                return
            if isinstance(last, Figure | Table) and last.caption is None:
                self.blocks[-1] = attrs.evolve(last, caption=caption)
            else:
                self.flush_caption()
                self.pending_caption = caption
            self.last_local = "caption"
            return
        if (
            local == "p"
            and isinstance(last, Quote)
            and last.speaker is None
            and self.last_local in ("blockquote", "bq")
        ):
            line = plain_text(reader.codec.inline.read(element, exact=False))
            marked = bool(css & {"attribution", "credit"})
            if DASH.match(line) or marked:
                person = parse_attribution(line, marked=marked)
                if person is not None:
                    self.blocks[-1] = attrs.evolve(last, speaker=person)
                    self.last_local = "attribution"
                    return
        found = reader.read_blocks(element, exact=self.exact)
        if self.pending_caption is not None:
            if found and isinstance(found[0], Table) and found[0].caption is None:
                found[0] = attrs.evolve(found[0], caption=self.pending_caption)
                self.pending_caption = None
            else:
                self.flush_caption()
        self.blocks.extend(found)
        self.last_local = local


def _detached(element: Element) -> Element:
    """A copy of ``element`` without its tail, to gather into a paragraph."""
    made = copy.deepcopy(element)
    made.tail = None
    return made


class BodyReader(PartsReader):
    """Reads sections and blocks in the dialect of ``codec`` (see the module docstring)."""

    # ------------------------------------------------------------------ sections

    def read_sections(self, container: Element, *, exact: bool) -> list[Section]:
        run = _Run(self, exact)
        run.feed(container)
        run.close()
        if len(run.levels - {1} if not self.html else run.levels) > 1:
            levels = ", ".join(f"h{n}" for n in sorted(run.levels))
            warn(
                f"headings of {len(run.levels)} levels ({levels}) read as one level of sections",
                code="unmapped",
                where="body",
            )
        return run.sections

    # ------------------------------------------------------------------ blocks

    def read_blocks(self, element: Element, *, exact: bool) -> list[Block]:
        local = local_of(element)
        css = element_classes(element)
        lang, direction = self._lang(element), self._dir(element)
        if local == "p" or local in INLINE:
            pictures = list(element.iter(self.tag("img"))) if not self.codec.nitf else []
            content = self.inline.read(element, exact=exact)
            found: list[Block] = []
            # Read loosely, a paragraph of line-broken paragraphs is split (markup.lines).
            for part in [content] if exact else paragraphs_of(content):
                if part:
                    found.append(Paragraph(content=part, lang=lang, dir=direction))
            for image in pictures:
                figure = self._image(image, element)
                if figure is not None:
                    found.append(figure)
            return found
        if local in {"bq", "blockquote"}:
            quote = self._read_quote(element, exact=exact)
            return [quote] if quote is not None else []
        if local in {"ol", "ul"}:
            return self._read_list(element, exact=exact)
        if local == "table":
            table = self._read_table(element, exact=exact)
            return [table] if table is not None else []
        if local == "figure":
            return self._read_html_figure(element, exact=exact)
        if (local == "media" and element.get("media-type", "image") == "image") or (
            local == "div" and "figure" in css
        ):
            figure = self.read_figure(element, exact=exact)
            return [figure] if figure is not None else []
        if local == "img":
            figure = self._image(element, element)
            return [figure] if figure is not None else []
        if local == "pre":
            return list(read_pre(element, lang, direction, exact=exact))
        if local in CONTAINERS:  # a container: its blocks
            blocks: list[Block] = []
            for child in element:
                if isinstance(child.tag, str):
                    blocks.extend(self.read_blocks(child, exact=exact))
            return blocks
        if local in EMBEDS:
            warn(f"an embedded <{local}> left out", code="dropped", where="body")
            return []
        if local in SILENT or local in {"media", "fn", "note"} or local in HEADINGS:
            return []
        text = clean_text("".join(element.itertext()), exact=False)
        if not text:
            return []
        if self.html:
            warn(f"<{local}> read as a paragraph", code="unmapped", where="body")
        return [Paragraph(content=text, lang=lang, dir=direction)]

    def _read_list(self, element: Element, *, exact: bool) -> list[Block]:
        items: list[tuple[Inline, ...]] = []
        nested = False
        for li in element:
            if not isinstance(li.tag, str) or local_of(li) != "li":
                continue
            item = self._flow(li, exact=exact)
            if item:
                items.append(item)
            for sub in li.iter(self.tag("ol"), self.tag("ul")):
                nested = True
                for inner in sub.iter(self.tag("li")):
                    found = self._flow(inner, exact=exact)
                    if found:
                        items.append(found)
                break
        if nested:
            warn("a nested list flattened into its parent list", code="unmapped", where="body")
        if not items:
            return []
        return [
            ListBlock(
                items=items,
                ordered=local_of(element) == "ol",
                lang=self._lang(element),
                dir=self._dir(element),
            )
        ]
