"""The DOCX reader's mapping: mammoth's HTML and the document's properties to an article.

See :mod:`newsdoc.formats.docx` for what becomes what.
"""

from __future__ import annotations

import copy
import hashlib
import io
import re
from typing import Any

import mammoth

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, NewsdocError, OptionError, Problem, excerpt
from newsdoc.formats.docx.options import DocxOptions
from newsdoc.formats.docx.package import Package, open_package
from newsdoc.formats.docx.panels import take_panels
from newsdoc.formats.docx.pictures import Pictures, pictures_folder
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.html import parse_html
from newsdoc.markup.xml import Element, remove_keeping_tail
from newsdoc.model import checks as C
from newsdoc.model.article import Article
from newsdoc.model.blocks import Block, ListBlock, Paragraph, Person, Section
from newsdoc.model.inline import Inline, LineBreak, plain_text
from newsdoc.model.measure import check_document
from newsdoc.options import resolve

__all__ = ["STYLE_MAP", "read", "read_docx"]

#: newsdoc's own style map, after the caller's lines and before mammoth's defaults (which
#: map ``Heading 1``..``6``, lists, ``Strong`` and footnotes). The classes ``newsdoc-title``,
#: ``newsdoc-subtitle``, ``newsdoc-summary`` and ``newsdoc-byline`` are read as the headline,
#: subheadline, summary and bylines; ``caption`` as the caption of the figure or table beside it;
#: the styles of newsdoc's own writer (kicker, dateline, dates, key points, related links,
#: corrections, rights: :mod:`newsdoc.formats.docx.panels`) as what they were written from.
STYLE_MAP = """
p[style-name='Title'] => p.newsdoc-title:fresh
p[style-name='Subtitle'] => p.newsdoc-subtitle:fresh
p[style-name='Abstract'] => p.newsdoc-summary:fresh
p[style-name='Author'] => p.newsdoc-byline:fresh
p[style-name='Quote'] => blockquote > p:fresh
p[style-name='Intense Quote'] => blockquote.pull > p:fresh
p[style-name='Block Text'] => blockquote > p:fresh
p[style-name='Quotations'] => blockquote > p:fresh
p[style-name='Caption'] => p.caption:fresh
p[style-name='Image Caption'] => p.caption:fresh
p[style-name='Table Caption'] => p.caption:fresh
p[style-name='Figure'] => p.caption:fresh
p[style-name='Illustration'] => p.caption:fresh
p[style-name='Kicker'] => p.newsdoc-kicker:fresh
p[style-name='Dateline'] => p.newsdoc-dateline:fresh
p[style-name='Date'] => p.newsdoc-dates:fresh
p[style-name='Picture'] => div.figure > p:fresh
p[style-name='Credit'] => div.figure > p.credit:fresh
p[style-name='Attribution'] => p.attribution:fresh
p[style-name='Source Code'] => pre:fresh
p[style-name='Panel Heading'] => p.newsdoc-panel:fresh
p[style-name='Key Point'] => p.newsdoc-key-point:fresh
p[style-name='Correction'] => p.newsdoc-correction:fresh
p[style-name='Related Link'] => p.newsdoc-related:fresh
p[style-name='Rights'] => p.newsdoc-rights:fresh
p[style-name='TOC Heading'] => !
p[style-name='TOC 1'] => !
p[style-name='toc 1'] => !
r[style-name='Strong Emphasis'] => strong
r[style-name='Emphasis'] => em
r[style-name='Verbatim Char'] => code
r[style-name='Source Text'] => code
"""
# Styles that are plain body text in Word, LibreOffice and pandoc's documents: read as
# paragraphs (or list items, table cells) with no warning.
_PLAIN_STYLES = frozenset(
    {
        "Normal", "Default", "Default Paragraph Style", "Standard", "Body Text", "Text Body",
        "First Paragraph", "Compact", "Normal (Web)", "List Paragraph", "Table Contents",
        "Table Heading", "Captioned Figure", "Figure with Caption", "Hyperlink",
        "Internet Link", "Footnote Text", "Footnote Reference", "Footnote Characters",
        "Footnote Anchor", "Endnote Characters", "Body Text Char", "Frame Contents",
        "Default Paragraph Font",
    }
)  # fmt: skip
_UNRECOGNISED = re.compile(r"^Unrecognised (\w+) style: (.*) \(Style ID: .*\)$")
_BY = re.compile(r"^\s*by\s+", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s*(?:;|&|\band\b)\s*")
_META_CLASSES = ("newsdoc-title", "newsdoc-subtitle", "newsdoc-summary", "newsdoc-byline")


def read(
    data: bytes,
    options: DocxOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: the article of a DOCX document."""
    settings = resolve(DocxOptions, "docx", options, given)
    return read_docx(data, settings, source)


def _problem(message: str, source: str | None) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def read_docx(data: bytes, settings: DocxOptions, source: str | None) -> Article:
    """The article of a DOCX document (see :mod:`newsdoc.formats.docx`)."""
    package = open_package(data, source=source, linked_content=settings.linked_content)
    folder, prefix = pictures_folder(settings.images_dir, settings.base_dir, source)
    pictures = Pictures(folder, prefix, source)
    html = _convert(package, settings, pictures, source)
    left_out = pictures.left_out - package.linked_pictures  # those are reported already
    if left_out > 0:
        warn(
            f"{left_out} picture(s) left out: the model keeps pictures as files "
            "(images_dir=..., --images-dir DIR, writes them beside the input)",
            code="dropped",
            where="docx",
        )
    root = parse_html(html)
    meta = {name: _take(root, name) for name in _META_CLASSES}
    panels = take_panels(root)
    notes = _take_notes(root)
    codec = BodyCodec(nitf=False, html=True)
    sections = codec.read_sections(root, exact=False)
    if notes:
        warn(
            f"{len(notes)} footnote(s) read as a closing 'Notes' section, their references "
            "as [n] in the text: the model has no footnotes",
            code="unmapped",
            where="docx",
        )
        listing: Any = (ListBlock(items=notes, ordered=True),)
        sections.append(Section(heading="Notes", blocks=listing))
    article = panels.apply(_article(package, settings, meta, sections, data))
    check_document(article, source)
    return article


def _convert(
    package: Package, settings: DocxOptions, pictures: Pictures, source: str | None
) -> str:
    style_map = "\n".join([*settings.style_map, STYLE_MAP])
    try:
        result = mammoth.convert_to_html(
            io.BytesIO(package.data),
            style_map=style_map,
            convert_image=mammoth.images.img_element(pictures),
            include_embedded_style_map=False,
            external_file_access=False,
        )
    except NewsdocError:
        raise
    except KeyError as exc:  # a relationship (or the relationships' part) that is missing
        key = excerpt(exc.args[0]) if exc.args else "a part"
        raise _problem(
            f"the document is damaged: it refers to {key}, which it does not hold (a "
            "relationship or part is missing)",
            source,
        ) from None
    except Exception as exc:  # mammoth met what it cannot read: a damaged document
        raise _problem(
            f"the document cannot be read as a Word document ({type(exc).__name__})", source
        ) from None
    for message in result.messages:
        text = str(message.message)
        if text.startswith("Did not understand this style mapping"):
            rule = text.rsplit(":", 1)[-1].strip()[:80]
            raise OptionError(f"docx: the style-map line {rule!r} is not one mammoth reads")
        found = _UNRECOGNISED.match(text)
        if found is not None:
            kind, name = found.groups()
            if name not in _PLAIN_STYLES:
                warn(
                    f"the {kind} style {name[:60]!r} has no mapping; read as plain text "
                    "(map it with --style-map)",
                    code="unmapped",
                    where=f"style {name[:60]!r}",
                )
        elif "external file access is disabled" not in text:
            warn(text[:200], code="unmapped", where="docx")
    value: str = result.value
    return value


def _classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())


def _take(root: Element, css: str) -> list[Element]:
    """The elements of class ``css``, taken out of the tree."""
    found = [e for e in root.iter() if isinstance(e.tag, str) and css in _classes(e)]
    for element in found:
        remove_keeping_tail(element)
    return found


def _take_notes(root: Element) -> list[tuple[Inline, ...]]:
    """The footnotes and endnotes mammoth lists at the end, taken out of the tree; their
    references in the text lose their links and keep their ``[n]``."""
    codec = BodyCodec(nitf=False, html=True)
    notes: list[tuple[Inline, ...]] = []
    for item in [
        e for e in root.iter("li") if e.get("id", "").startswith(("footnote-", "endnote-"))
    ]:
        for link in list(item.iter("a")):
            if link.get("href", "").startswith(("#footnote-ref-", "#endnote-ref-")):
                remove_keeping_tail(link)
        holder = copy.deepcopy(item)
        holder.tag = "div"
        blocks: list[Block] = [
            b for s in codec.read_sections(holder, exact=False) for b in s.blocks
        ]
        content: list[Inline] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                if content:
                    content.append(LineBreak())
                content.extend(block.content)
        if content:
            notes.append(tuple(content))
        listing = item.getparent()
        remove_keeping_tail(item)
        if listing is not None and not len(listing):
            remove_keeping_tail(listing)
    for link in root.iter("a"):
        if link.get("href", "").startswith(("#footnote-", "#endnote-")):
            link.tag = "span"
            link.attrib.clear()
    return notes


def _text(elements: list[Element]) -> str | None:
    words = [" ".join("".join(e.itertext()).split()) for e in elements]
    joined = " ".join(w for w in words if w)
    return C.strip_bad_chars(joined) or None


def _people(lines: list[str]) -> list[Person]:
    found: list[Person] = []
    for line in lines:
        for part in _SEPARATORS.split(_BY.sub("", line)):
            name, role, *rest = [*(p.strip() for p in part.split(",")), ""]
            affiliation = ", ".join(p for p in rest if p) or None
            if name and C.text().test(name) and all(p.name != name for p in found):
                found.append(Person(name=name, role=role or None, affiliation=affiliation))
    return found


def _first_line(sections: list[Section]) -> str | None:
    """A short first paragraph, taken out of the body as the headline (reported), as copy
    often starts with its headline in plain type."""
    if not sections or sections[0].heading is not None:
        return None
    first, *rest = sections[0].blocks
    if not isinstance(first, Paragraph):
        return None
    text = " ".join(plain_text(first.content).split())
    if not text or len(text) > 200 or not (rest or len(sections) > 1):
        return None
    sections[0] = Section(blocks=tuple(rest)) if rest else Section(blocks=(first,))
    if not rest:
        del sections[0]
    warn(
        "the document has no Title paragraph, no title in its properties and no heading; "
        "its first paragraph taken as the headline",
        code="assumed",
        where="headline",
    )
    return text


def _article(
    package: Package,
    settings: DocxOptions,
    meta: dict[str, list[Element]],
    sections: list[Section],
    data: bytes,
) -> Article:
    core = package.core
    fields: dict[str, Any] = {}
    headline = _text(meta["newsdoc-title"][:1])
    for extra in meta["newsdoc-title"][1:]:
        warn(
            f"a second Title paragraph ({_text([extra]) or ''!r:.60}) left out",
            code="dropped",
            where="docx",
        )
    if headline is None and core.title is not None:
        headline = core.title
    if headline is None and sections and sections[0].heading is not None:
        headline = sections[0].heading
        sections[0] = Section(blocks=sections[0].blocks)
        warn(
            "the document has no Title paragraph and no title in its properties; its first "
            "heading taken as the headline",
            code="assumed",
            where="headline",
        )
    if headline is None:
        headline = _first_line(sections)
    if headline is None:
        raise _problem(
            "the document has no headline: no paragraph in the Title style, no title in its "
            "properties, no heading or short first paragraph to start it",
            None,
        )
    fields["subheadline"] = _text(meta["newsdoc-subtitle"][:1]) or core.subject
    fields["summary"] = _text(meta["newsdoc-summary"]) or core.description
    byline_lines = [t for t in (_text([e]) for e in meta["newsdoc-byline"]) if t]
    if not byline_lines and core.creator:
        byline_lines = [core.creator]
    fields["bylines"] = _people(byline_lines)
    if core.keywords:
        fields["keywords"] = [
            k.strip() for k in re.split(r"[,;]", core.keywords) if C.text().test(k.strip())
        ]
    if core.category:
        fields["section"] = core.category
    fields["created"] = core.created
    if core.modified is not None and (core.created is None or core.modified > core.created):
        fields["updated"] = core.modified
    language = core.language or package.default_language
    if language is None or not C.language().test(language):
        warn("the document names no language; English assumed", code="assumed", where="language")
        language = "en"
    if package.comments:
        warn(f"{package.comments} comment(s) left out", code="dropped", where="docx")
    if package.tracked_changes:
        warn(
            "the document has tracked changes; read as if they were all accepted",
            code="assumed",
            where="docx",
        )
    article_id = settings.id or "urn:newsdoc:sha1:" + hashlib.sha1(data).hexdigest()
    return Article(
        id=article_id,
        headline=headline,
        language=language,
        sections=[s for s in sections if s.blocks],
        **{k: v for k, v in fields.items() if v is not None},
    )
