"""The parts of an article body read alike in every dialect: quotes and their speakers,
figures, tables, list items and cells, and the attribution lines that name a speaker.

:class:`PartsReader` is the base of :class:`~newsdoc.markup.body_reader.BodyReader`; the
rules it follows are listed in that module's docstring.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import re
from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.language import direction_of
from newsdoc.markup.body_types import (
    DASH,
    SILENT,
    Dialect,
    element_classes,
    local_of,
)
from newsdoc.markup.inline import XML_LANG
from newsdoc.markup.xml import Element, etree, remove_keeping_tail
from newsdoc.model import checks as C
from newsdoc.model.blocks import (
    Align,
    Block,
    Direction,
    Figure,
    Paragraph,
    Person,
    Quote,
    QuoteKind,
    Table,
)
from newsdoc.model.inline import Inline, LineBreak, Text

__all__ = ["PartsReader", "clean_text", "parse_attribution"]

_STYLE_DIR = re.compile(r"direction\s*:\s*(rtl|ltr)", re.IGNORECASE)
_FLOW_BLOCKS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote"})
_SPACES = re.compile(r"[ \t\n\r]+")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# newsdoc's own HTML (the renderer's figcaption of a quote) and XHTML credit classes.
_CREDIT_CLASSES = {
    "speaker": "name",
    "person-name": "name",
    "role": "role",
    "affiliation": "affiliation",
    "place": "place",
}
_NITF_CREDIT = {
    "person": "name",
    "function": "role",
    "org": "affiliation",
    "location": "place",
}


def parse_attribution(line: str, *, marked: bool = False) -> Person | None:
    """The person an attribution line names: ``Name, role, affiliation`` after an optional
    dash; ``None`` when the line does not look like one (too long, or no name). A line
    ``marked`` as a credit (NITF ``credit``, ``p class="credit"``) may be a bare name.

    >>> person = parse_attribution("— Lilit Sargsyan, head of passengers, South Caucasus Railway")
    >>> person.name, person.role, person.affiliation
    ('Lilit Sargsyan', 'head of passengers', 'South Caucasus Railway')
    >>> parse_attribution("The train left at nine, as it does every night of the week.") is None
    True
    """
    text = _SPACES.sub(" ", C.strip_bad_chars(line)).strip()
    dashed = DASH.match(text)
    if dashed is not None:
        text = dashed["rest"].strip()
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if not parts or len(text) > 200:
        return None
    name = parts[0].rstrip(".")
    words = name.split()
    if not 1 <= len(words) <= 6 or not name[0].isupper() or name.endswith(":"):
        return None
    if dashed is None and not marked and (len(parts) == 1 or len(words) > 4):
        return None
    role = parts[1].rstrip(".") if len(parts) > 1 else None
    affiliation = ", ".join(parts[2:]).rstrip(".") if len(parts) > 2 else None
    return Person(name=name, role=role or None, affiliation=affiliation or None)


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


def clean_text(text: str, *, exact: bool) -> str:
    """Text of an element: as written when ``exact``, else with whitespace collapsed."""
    text = C.strip_bad_chars(text)
    if exact:
        return text if text.strip() else ""
    return _SPACES.sub(" ", text).strip()


def _around_breaks(nodes: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """Loose text without the spaces a line break leaves on either side of it."""
    found: list[Inline] = []
    for index, node in enumerate(nodes):
        if type(node) is Text:
            text = node.text
            if index > 0 and isinstance(nodes[index - 1], LineBreak):
                text = text.lstrip()
            if index + 1 < len(nodes) and isinstance(nodes[index + 1], LineBreak):
                text = text.rstrip()
            if text:
                found.append(Text(text=text))
        else:
            found.append(node)
    while found and isinstance(found[-1], LineBreak):
        found.pop()
    while found and isinstance(found[0], LineBreak):
        found.pop(0)
    return tuple(found)


class PartsReader:
    """Reads quotes, figures, tables, list items and cells in the dialect of ``codec``."""

    def __init__(self, codec: Dialect) -> None:
        self.codec = codec
        self.html = codec.html
        self.inline = codec.inline

    def tag(self, local: str) -> str:
        return self.codec.tag(local)

    # ------------------------------------------------------------------ helpers

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
        lang = self._lang(element)
        if self.html and lang is not None and direction_of(lang) == given.lower():
            return None  # HTML states the direction of its language; the model infers it
        return Direction(given.lower())

    def _flow(self, element: Element, *, exact: bool) -> tuple[Inline, ...]:
        """The inline content of a list item or a table cell; paragraphs inside it are
        kept apart by line breaks, nested lists left out (the caller reads them)."""
        made = copy.deepcopy(element)
        for nested in [c for c in made if isinstance(c.tag, str) and local_of(c) in ("ol", "ul")]:
            remove_keeping_tail(nested)
        inner = [c for c in made if isinstance(c.tag, str) and local_of(c) in _FLOW_BLOCKS]
        for child in inner[:-1]:
            etree.SubElement(child, self.tag("br"))
        nodes = self.inline.read(made, exact=exact)
        return nodes if exact else _around_breaks(nodes)

    # ------------------------------------------------------------------ quotes

    def _read_quote(
        self, element: Element, *, exact: bool, caption: Element | None = None
    ) -> Quote | None:
        kind = QuoteKind.PULL if "pull" in element_classes(element) else QuoteKind.BLOCK
        paragraphs: list[Element] = []
        credit: Element | None = None
        for child in element.iter():
            if not isinstance(child.tag, str) or child is element:
                continue
            local = local_of(child)
            css = element_classes(child)
            if credit is not None and _inside(child, credit):
                continue
            if (
                local == "credit"
                or (local == "p" and css & {"credit", "attribution"})
                or (local in ("footer", "cite") and child.getparent() is element)
            ):
                credit = child
            elif local == "p":
                paragraphs.append(child)
        if credit is None and len(paragraphs) > 1:
            last = clean_text("".join(paragraphs[-1].itertext()), exact=False)
            if DASH.match(last) and parse_attribution(last) is not None:
                credit = paragraphs.pop()
        text: list[Inline] = []
        for paragraph in paragraphs:
            if text:
                text.append(Text(text=" "))
            text.extend(self.inline.read(paragraph, exact=exact))
        if text:
            read = [*paragraphs, *([credit] if credit is not None else [])]
            read += [e for e in element.iter() if isinstance(e.tag, str) and local_of(e) in SILENT]
            left = clean_text(_text_outside(element, read), exact=False)
            if any(c.isalnum() for c in left):
                warn(
                    f"text in a quote outside its paragraphs, {excerpt(left)}, left out",
                    code="dropped",
                    where="body",
                )
        else:
            bare = copy.deepcopy(element)
            for child in list(bare):
                if isinstance(child.tag, str) and local_of(child) in ("footer", "cite", "credit"):
                    remove_keeping_tail(child)
            loose = clean_text("".join(bare.itertext()), exact=False)
            if not loose:
                return None
            text = [Text(text=loose)]
        fields: dict[str, Any] = {}
        source_url = element.get("cite")
        for holder in (credit, caption):
            if holder is not None:
                for key, value in self._read_credit(holder, exact=exact).items():
                    fields.setdefault(key, value)
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
        """The speaker, place, date and source a quote's credit gives; a credit that names
        no speaker newsdoc can read is reported with the words it leaves out."""
        found: dict[str, Any] = {}
        kept: list[Element] = []  # read whether or not a speaker is named
        for child in credit.iter():
            if not isinstance(child.tag, str) or child is credit:
                continue
            local = local_of(child)
            css = element_classes(child)
            text = clean_text("".join(child.itertext()), exact=exact)
            if local == "a":
                href = child.get("href", "")
                link_key = "url" if css & {"speaker", "person-name"} else "source_url"
                if C.http_url().test(href):
                    found.setdefault(link_key, href)
                    if link_key == "source_url":
                        kept.append(child)
                if "person-name" in css and text:
                    found.setdefault("name", text)
                continue
            if local in ("chron", "time") or "date" in css:
                value = child.get("norm") or child.get("datetime") or child.get("title") or text
                with contextlib.suppress(ValueError):
                    found.setdefault("date", dt.date.fromisoformat(value[:10]))
                    kept.append(child)
                continue
            if "person" in css or (local == "cite" and child.find(".//*[@class]") is not None):
                continue  # a wrapper of the parts read on their own
            key: str | None
            if local in ("span", "cite"):
                key = next((_CREDIT_CLASSES[c] for c in css if c in _CREDIT_CLASSES), None)
            else:
                key = _NITF_CREDIT.get(local)
            if key is not None and text and C.text().test(text):
                found.setdefault(key, text)
                if key == "place":
                    kept.append(child)
        if not found:  # no part named: the credit is a line of text ("— Name, role")
            line = clean_text("".join(credit.itertext()), exact=False)
            person = parse_attribution(line, marked=True)
            if person is not None:
                found = {
                    k: v
                    for k, v in (
                        ("name", person.name),
                        ("role", person.role),
                        ("affiliation", person.affiliation),
                    )
                    if v is not None
                }
        if "name" not in found:
            for key in ("role", "affiliation", "url"):
                found.pop(key, None)
            left = clean_text(_text_outside(credit, kept), exact=False).strip(",;: ")
            if any(c.isalnum() for c in left):
                warn(
                    f"a quote's credit {excerpt(left)} names no speaker newsdoc can read; left out",
                    code="dropped",
                    where="body",
                )
        return found

    # ------------------------------------------------------------------ figures

    def _image(self, image: Element, holder: Element) -> Figure | None:
        src = (image.get("src") or "").strip()
        if not src:
            return None
        if not _usable_src(src):
            scheme = _SCHEME.match(src)
            what = f"a {scheme.group(1).lower()}: source" if scheme else "a source newsdoc refuses"
            warn(f"a picture with {what} left out", code="dropped", where="body")
            return None
        alt = C.strip_bad_chars(image.get("alt") or image.get("title") or "")
        parent = image.getparent()
        media_type = parent.get("type") if parent is not None and local_of(parent) == "a" else None
        if media_type is not None and not C.media_type().test(media_type):
            media_type = None
        if not C.resource().test(src):
            detail = C.resource().detail(src)
            warn(f"an image: {detail}; left out", code="dropped", where="img/@src")
            return None
        return Figure(
            src=src,
            alt=_SPACES.sub(" ", alt).strip(),
            width=_positive(image.get("width"), "width", "img"),
            height=_positive(image.get("height"), "height", "img"),
            media_type=media_type,
            lang=self._lang(holder),
            dir=self._dir(holder),
        )

    def _read_html_figure(self, element: Element, *, exact: bool) -> list[Block]:
        caption = element.find(f".//{self.tag('figcaption')}")
        quote = element.find(f".//{self.tag('blockquote')}")
        if quote is not None:
            found = self._read_quote(quote, exact=exact, caption=caption)
            if found is not None and element_classes(element) & {"pull", "quote-pull"}:
                found = attrs.evolve(found, kind=QuoteKind.PULL)
            if found is not None and found.lang is None and self._lang(element) is not None:
                found = attrs.evolve(found, lang=self._lang(element), dir=self._dir(element))
            return [found] if found is not None else []
        if element.find(f".//{self.tag('img')}") is not None:
            figure = self.read_figure(element, exact=exact)
            return [figure] if figure is not None else []
        table = element.find(f".//{self.tag('table')}")
        if table is not None:
            read = self._read_table(table, exact=exact)
            if read is not None and caption is not None and read.caption is None:
                words = self.inline.read(caption, exact=exact)
                read = attrs.evolve(read, caption=words or None)
            return [read] if read is not None else []
        text = clean_text("".join(element.itertext()), exact=False)
        return [Paragraph(content=text)] if text else []

    def read_figure(self, element: Element, *, exact: bool) -> Figure | None:
        fields: dict[str, Any] = {"lang": self._lang(element), "dir": self._dir(element)}
        caption: Element | None = None
        producer: Element | None = None
        if local_of(element) == "media":
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
            if image is None:
                return None
            picture = self._image(image, element)
            if picture is None:
                return None
            alt = image.get("alt", "") if exact else picture.alt  # exact: as written
            fields.update(src=picture.src, alt=alt, media_type=picture.media_type)
            sizes = (image.get("width"), image.get("height"))
            for child in element.iter():
                if not isinstance(child.tag, str):
                    continue
                css = element_classes(child)
                local = local_of(child)
                if "caption" in css and local != "figure":
                    caption = caption if caption is not None else child
                elif "credit" in css:
                    producer = producer if producer is not None else child
            if caption is None:
                caption = _caption_without_credit(element.find(f".//{self.tag('figcaption')}"))
        where = "media-reference" if local_of(element) == "media" else "img"
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
                where=f"{where}/@{'source' if where == 'media-reference' else 'src'}",
            )
            return None
        if not _usable_src(fields["src"]):
            return None
        return Figure(**fields)

    # ------------------------------------------------------------------ tables

    _cells = 0  # the cells of the tables read so far (a reader reads one body)

    def _count_cells(self, cells: int) -> None:
        """Count a table's cells, as evened out (a header row of 1,000 cells over rows of one
        cell makes 1,000 cells a row), refusing the body once its tables hold more than the
        ``max_table_cells`` limit (:mod:`newsdoc.limits`)."""
        from newsdoc.errors import LimitError
        from newsdoc.limits import current

        limit = current().max_table_cells
        self._cells += cells
        if self._cells > limit:
            raise LimitError(
                f"the tables hold more than {limit} cells (max_table_cells), short rows "
                "counted as filled in",
                path="body",
            )

    def _read_table(self, element: Element, *, exact: bool) -> Table | None:
        caption_el = element.find(self.tag("caption"))
        caption = self.inline.read(caption_el, exact=exact) if caption_el is not None else None
        header: list[tuple[Inline, ...]] = []
        rows: list[list[tuple[Inline, ...]]] = []
        align: list[Align] = []  # the columns' alignment, as the first body row's cells have it
        cell_tags = (self.tag("td"), self.tag("th"))
        for row in element.iter(self.tag("tr")):
            cells = [c for c in row if isinstance(c.tag, str) and c.tag in cell_tags]
            values = [self._flow(c, exact=exact) for c in cells]
            in_head = local_of(row.getparent()) == "thead"
            all_th = bool(cells) and all(c.tag == self.tag("th") for c in cells)
            if (in_head or (all_th and self.html)) and not header and not rows:
                header = values
            else:
                if values and not any(rows):
                    align = [_cell_align(c) for c in cells]
                rows.append(values)
        rows = [r for r in rows if r]
        if not rows:
            return None
        width = len(header) if header else len(rows[0])
        self._count_cells(width * (len(rows) + bool(header)))
        if any(len(r) != width for r in rows):
            warn("table rows of unequal length evened out", code="unmapped", where="body")
        rows = [(r + [()] * width)[:width] for r in rows]
        align = (align + [Align.DEFAULT] * width)[:width]
        return Table(
            header=tuple(header),
            rows=tuple(tuple(r) for r in rows),
            caption=caption or None,
            align=align if any(a is not Align.DEFAULT for a in align) else (),
            lang=self._lang(element),
            dir=self._dir(element),
        )


_ALIGN = re.compile(r"(?:^|;)\s*text-align\s*:\s*(left|center|right)\b", re.IGNORECASE)


def _cell_align(cell: Element) -> Align:
    """A cell's alignment: its ``align`` attribute (NITF, old HTML) or ``text-align`` style."""
    side = (cell.get("align") or "").strip().lower()
    if side not in ("left", "center", "right"):
        found = _ALIGN.search(cell.get("style") or "")
        side = found.group(1).lower() if found else "default"
    return Align(side)


def _text_outside(element: Element, skipped: list[Element]) -> str:
    """The text of ``element`` without that of the elements in ``skipped``."""
    parts = [element.text or ""] if element not in skipped else []
    for child in element:
        if isinstance(child.tag, str) and child not in skipped:
            parts.append(_text_outside(child, skipped))
        parts.append(child.tail or "")
    return "".join(parts)


def _inside(element: Element, ancestor: Element) -> bool:
    return any(parent is ancestor for parent in element.iterancestors())


def _caption_without_credit(figcaption: Element | None) -> Element | None:
    if figcaption is None:
        return None
    made = copy.deepcopy(figcaption)
    for child in list(made.iter()):
        if child is not made and isinstance(child.tag, str) and "credit" in element_classes(child):
            remove_keeping_tail(child)
    return made


def _usable_src(src: str) -> bool:
    """An http(s) URL or a relative path (never ``data:``, ``file:``, ``javascript:``)."""
    scheme = _SCHEME.match(src)
    if scheme is None or re.match(r"^[a-zA-Z]:[\\/]", src):
        return scheme is None
    return scheme.group(1).lower() in ("http", "https")
