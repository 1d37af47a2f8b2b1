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
``tbody``. A block's language is ``xml:lang``; its direction, which NITF has no attribute
for, is ``style="direction: rtl"`` (or ``ltr``).

XHTML uses ``div class="section"`` with ``h2``, ``p``, ``blockquote cite=`` with a
``p class="credit"``, ``ol``/``ul``, ``table`` and ``div class="figure"`` around an ``img``;
its language and direction are the ``lang`` and ``dir`` attributes. The ninjs format uses the
XHTML form as its HTML body.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.markup.inline import NITF_NS, XHTML_NS, XML_LANG, InlineCodec
from newsdoc.markup.xml import Element, etree
from newsdoc.model import checks as C
from newsdoc.model.article import Article
from newsdoc.model.blocks import (
    Block,
    Direction,
    Figure,
    ListBlock,
    Paragraph,
    Person,
    Quote,
    QuoteKind,
    Section,
    Table,
)
from newsdoc.model.inline import Inline, Text

_STYLE_DIR = re.compile(r"direction\s*:\s*(rtl|ltr)", re.IGNORECASE)
_BLOCK_TAGS = frozenset(
    {"p", "bq", "blockquote", "ol", "ul", "table", "media", "figure", "div", "pre", "hr"}
)


def _plain(nodes: tuple[Inline, ...]) -> str:
    return "".join(n.text for n in nodes if isinstance(n, Text))


class BodyCodec:
    """Writes and reads sections of blocks in NITF (``nitf=True``) or XHTML."""

    def __init__(self, *, nitf: bool) -> None:
        self.nitf = nitf
        self.ns = NITF_NS if nitf else XHTML_NS
        self.inline = InlineCodec(self.ns)

    def tag(self, local: str) -> str:
        return f"{{{self.ns}}}{local}"

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
        for section in sections:
            if self.nitf:
                element = self.sub(parent, "block")
                if section.heading is not None:
                    self.sub(element, "hl2").text = section.heading
            else:
                element = self.sub(parent, "div", {"class": "section"})
                if section.heading is not None:
                    self.sub(element, "h2").text = section.heading
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
        if table.header:
            row = self.sub(self.sub(element, "thead"), "tr")
            for cell in table.header:
                self.inline.write(self.sub(row, "th"), cell)
        body = self.sub(element, "tbody")
        for cells in table.rows:
            row = self.sub(body, "tr")
            for cell in cells:
                self.inline.write(self.sub(row, "td"), cell)

    # ================================================================== reading

    def _lang(self, element: Element) -> str | None:
        lang = element.get(XML_LANG) or element.get("lang")
        return lang if lang is not None and C.language().test(lang) else None

    def _dir(self, element: Element) -> Direction | None:
        given = element.get("dir")
        if given is None:
            match = _STYLE_DIR.search(element.get("style", ""))
            given = match.group(1) if match else None
        if given is None or given.lower() not in ("ltr", "rtl"):
            return None
        return Direction(given.lower())

    def read_sections(self, container: Element, *, exact: bool) -> list[Section]:
        """Sections from a NITF ``body.content`` or an XHTML ``body``.

        ``block`` / ``div class="section"`` elements become sections; loose blocks between
        them, and headings (``hl2``, ``h2``...), start sections of their own.
        """
        sections: list[Section] = []
        heading: str | None = None
        loose: list[Block] = []

        def close() -> None:
            nonlocal heading, loose
            if loose:
                sections.append(Section(blocks=_blocks(loose), heading=heading))
            heading, loose = None, []

        for child in container:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            css = child.get("class", "")
            if css == "lead-image" or local == "h1":  # read apart; the h1 repeats the headline
                continue
            if (local == "block" and self.nitf) or (local == "div" and "section" in css.split()):
                close()
                section = self._read_section(child, exact=exact)
                if section is not None:
                    sections.append(section)
            elif local in {"hl2", "h2", "h3", "h4", "h5", "h6"}:
                close()
                text = clean_text("".join(child.itertext()), exact=exact)
                heading = text or None
            else:
                loose.extend(self._read_blocks(child, exact=exact))
        close()
        return sections

    def _read_section(self, element: Element, *, exact: bool) -> Section | None:
        heading: str | None = None
        blocks: list[Block] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local in {"hl2", "h2", "h3", "h4"} and heading is None and not blocks:
                heading = clean_text("".join(child.itertext()), exact=exact) or None
            else:
                blocks.extend(self._read_blocks(child, exact=exact))
        if not blocks:
            return None
        return Section(blocks=_blocks(blocks), heading=heading)

    def _read_blocks(self, element: Element, *, exact: bool) -> list[Block]:
        local = etree.QName(element).localname
        css = element.get("class", "").split()
        lang, direction = self._lang(element), self._dir(element)
        if local == "p":
            content = self.inline.read(element, exact=exact)
            return [Paragraph(content=content, lang=lang, dir=direction)] if content else []
        if local in {"bq", "blockquote"}:
            quote = self._read_quote(element, exact=exact)
            return [quote] if quote is not None else []
        if local in {"ol", "ul"}:
            items = [self.inline.read(li, exact=exact) for li in element.iter(self.tag("li"))]
            items = [item for item in items if item]
            if not items:
                return []
            return [ListBlock(items=items, ordered=local == "ol", lang=lang, dir=direction)]
        if local == "table":
            table = self._read_table(element, exact=exact)
            return [table] if table is not None else []
        if (local == "media" and element.get("media-type", "image") == "image") or (
            local == "div" and "figure" in css
        ):
            figure = self.read_figure(element, exact=exact)
            return [figure] if figure is not None else []
        if local in {"block", "div", "section", "article", "main"}:  # a container: its blocks
            found: list[Block] = []
            for child in element:
                if isinstance(child.tag, str):
                    found.extend(self._read_blocks(child, exact=exact))
            return found
        text = clean_text("".join(element.itertext()), exact=False)
        if text and local not in {"media", "hr", "fn", "note", "hl2", "h2"}:
            return [Paragraph(content=text, lang=lang, dir=direction)]
        return []

    def _read_quote(self, element: Element, *, exact: bool) -> Quote | None:
        kind = QuoteKind.PULL if "pull" in element.get("class", "").split() else QuoteKind.BLOCK
        text: list[Inline] = []
        credit: Element | None = None
        for child in element.iter():
            if not isinstance(child.tag, str) or child is element:
                continue
            local = etree.QName(child).localname
            css = child.get("class", "").split()
            if local == "credit" or (local == "p" and "credit" in css):
                credit = child
            elif local == "p" and (credit is None or child not in credit.iter()):
                if text:
                    text.append(Text(text=" "))
                text.extend(self.inline.read(child, exact=exact))
        if not text:
            loose = clean_text("".join(element.itertext()), exact=False)
            if not loose:
                return None
            text = [Text(text=loose)]
        fields: dict[str, Any] = {}
        source_url = element.get("cite")
        if credit is not None:
            fields = self._read_credit(credit, exact=exact)
            source_url = fields.pop("source_url", source_url)
        speaker_fields = {
            k: fields.pop(k) for k in ("name", "role", "affiliation", "url") if k in fields
        }
        speaker = Person(**speaker_fields) if "name" in speaker_fields else None
        if source_url is not None and not C.http_url().test(source_url):
            source_url = None
        return Quote(
            text=tuple(text),
            speaker=speaker,
            place=fields.get("place"),
            date=fields.get("date"),
            source_url=source_url,
            kind=kind,
            lang=self._lang(element),
            dir=self._dir(element),
        )

    def _read_credit(self, credit: Element, *, exact: bool) -> dict[str, Any]:
        found: dict[str, Any] = {}
        names = {
            "person": "name",
            "speaker": "name",
            "function": "role",
            "role": "role",
            "org": "affiliation",
            "affiliation": "affiliation",
            "location": "place",
            "place": "place",
        }
        for child in credit:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            css = child.get("class", "")
            text = clean_text("".join(child.itertext()), exact=exact)
            if local == "a":
                href = child.get("href", "")
                link_key = "url" if css == "speaker" else "source_url"
                if C.http_url().test(href):
                    found.setdefault(link_key, href)
                continue
            if local == "chron" or css == "date":
                value = child.get("norm") or child.get("title") or text
                with contextlib.suppress(ValueError):
                    found.setdefault("date", dt.date.fromisoformat(value[:10]))
                continue
            key = names.get(css if local == "span" else str(local))
            if key is not None and text and C.text().test(text):
                found.setdefault(key, text)
        if "name" not in found:
            for key in ("role", "affiliation", "url"):
                found.pop(key, None)
        return found

    def read_figure(self, element: Element, *, exact: bool) -> Figure | None:
        fields: dict[str, Any] = {"lang": self._lang(element), "dir": self._dir(element)}
        if etree.QName(element).localname == "media":
            ref = element.find(self.tag("media-reference"))
            if ref is None or not ref.get("source"):
                return None
            fields["src"] = ref.get("source").strip()
            fields["alt"] = ref.get("alternate-text", "")
            sizes = (ref.get("width"), ref.get("height"))
            fields["media_type"] = ref.get("mime-type")
            caption = element.find(self.tag("media-caption"))
            producer = element.find(self.tag("media-producer"))
        else:
            image = element.find(f".//{self.tag('img')}")
            if image is None or not image.get("src"):
                return None
            fields["src"] = image.get("src").strip()
            fields["alt"] = image.get("alt", "")
            sizes = (image.get("width"), image.get("height"))
            parent = image.getparent()
            fields["media_type"] = parent.get("type") if parent is not None else None
            caption = producer = None
            for child in element.iter(self.tag("p")):
                css = child.get("class", "")
                if css == "caption":
                    caption = child
                elif css == "credit":
                    producer = child
        where = "media-reference" if etree.QName(element).localname == "media" else "img"
        fields["width"] = _positive(sizes[0], "width", where)
        fields["height"] = _positive(sizes[1], "height", where)
        if fields["media_type"] is not None and not C.media_type().test(fields["media_type"]):
            fields["media_type"] = None
        if caption is not None:
            fields["caption"] = self.inline.read(caption, exact=exact) or None
        if producer is not None:
            fields["credit"] = clean_text("".join(producer.itertext()), exact=exact) or None
        fields["alt"] = C.strip_bad_chars(fields["alt"])
        if not C.resource().test(fields["src"]):
            warn(
                f"an image: {C.resource().detail(fields['src'])}; left out",
                code="dropped",
                where="media-reference/@source" if "media" in element.tag else "img/@src",
            )
            return None
        return Figure(**fields)

    def _read_table(self, element: Element, *, exact: bool) -> Table | None:
        caption_el = element.find(self.tag("caption"))
        caption = self.inline.read(caption_el, exact=exact) if caption_el is not None else None
        header: list[tuple[Inline, ...]] = []
        rows: list[list[tuple[Inline, ...]]] = []
        for row in element.iter(self.tag("tr")):
            cells = [
                c
                for c in row
                if isinstance(c.tag, str) and c.tag in (self.tag("td"), self.tag("th"))
            ]
            values = [self.inline.read(c, exact=exact) for c in cells]
            in_head = etree.QName(row.getparent()).localname == "thead"
            if in_head and not header and not rows:
                header = values
            else:
                rows.append(values)
        rows = [r for r in rows if r]
        if not rows:
            return None
        width = len(header) if header else len(rows[0])
        rows = [(r + [()] * width)[:width] for r in rows]
        return Table(
            header=tuple(header),
            rows=tuple(tuple(r) for r in rows),
            caption=caption or None,
            lang=self._lang(element),
            dir=self._dir(element),
        )


def _blocks(found: list[Block]) -> Any:
    """A tuple of blocks, typed loosely for the model's generic converter."""
    return tuple(found)


def _positive(value: str | None, what: str, where: str) -> int | None:
    if value is None or not value.strip():
        return None
    number = C.parse_int(value, 1, C.MAX_INT)
    if number is None:
        warn(
            f"an image's {what} {excerpt(value)} is not a whole number from 1 to {C.MAX_INT}; "
            "left out",
            code="dropped",
            where=f"{where}/@{what}",
        )
    return number


_SPACES = re.compile(r"[ \t\n\r]+")


def clean_text(text: str, *, exact: bool) -> str:
    """Text of an element: as written when ``exact``, else with whitespace collapsed."""
    text = C.strip_bad_chars(text)
    if exact:
        return text if text.strip() else ""
    return _SPACES.sub(" ", text).strip()


def write_xhtml_content(codec: BodyCodec, parent: Element, article: Article) -> None:
    """The lead image and sections of ``article`` as XHTML, appended to ``parent``."""
    if article.lead_image is not None:
        codec.write_figure(parent, article.lead_image, css="lead-image")
    codec.write_sections(parent, article.sections)
