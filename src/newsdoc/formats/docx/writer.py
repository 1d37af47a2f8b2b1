"""The DOCX writer: an article or a collection as a Word document editors can open and edit.

An article, in this order: the headline in **Title**, the subheadline in **Subtitle**, the
summary in **Abstract**, a byline per **Author** paragraph (``Name, role, affiliation``, the
name linked to the author's page), the dates in words in **Date** (with Babel when it is
installed: "4 May 2026, 09:30 UTC+04:00" in the article's language; else in ISO form) — the
order of pandoc's metadata paragraphs, which it reads only while they come first — then the
**Kicker** (section and genre), the **Dateline**, the lead picture, the key
points, the body (sections under **Heading 1**; :mod:`~newsdoc.formats.docx.body`), the
corrections, the related links and the rights. A collection is one document: its title in
**Title**, its date and description, a table of contents when it has several articles (a
``TOC`` field Word updates on opening, filled with the headlines meanwhile), then each
article from a new page, its headline in **Heading 1** and its sections in **Heading 2**.

The document's properties carry what a reader needs beside the text: core properties
(title, author, subject, description, keywords, category, created, modified, language,
identifier, revision, content status) and custom properties with the exact values
(``newsdoc:id``, the dates with their UTC offsets, slug, genre, dateline, urgency,
embargo, canonical URL, publisher, source, subjects, licence, ...).

``reference_doc`` is pandoc's ``--reference-doc``: the house template whose styles, page
size, margins, headers and footers the document takes; its body text is left out. Pictures
come through the writers' one :class:`~newsdoc.render.resources.ResourceLoader` (local
files inside the allowed folders, remote ones only with ``allow_remote``). What Word cannot
carry is reported as ``lossy``.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from newsdoc.diagnostics import warn
from newsdoc.errors import ConversionError
from newsdoc.formats.docx.body import BodyWriter, Format
from newsdoc.formats.docx.options import DocxOptions
from newsdoc.formats.docx.properties import set_properties
from newsdoc.formats.docx.styles import ensure_styles, set_child, set_defaults
from newsdoc.language import direction_of
from newsdoc.model import Article, Collection, Document, Text
from newsdoc.options import resolve
from newsdoc.render.resources import ResourceLoader, origin_of

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["human_date", "write", "write_docx"]


def write(document: Document, options: DocxOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: ``document`` as a Word document (DOCX)."""
    settings = resolve(DocxOptions, "docx", options, given)
    return write_docx(document, settings)


def _labels(language: str) -> Any:
    from newsdoc.render.renderer import labels_for

    return labels_for(language)


def human_date(value: dt.datetime | dt.date, language: str) -> str:
    """A date (and time) in words in ``language``, with Babel; without it, in ISO form.

    >>> human_date(dt.date(2026, 5, 4), "en")
    '4 May 2026'
    """
    day = value.date() if isinstance(value, dt.datetime) else value
    clock = value.strftime("%H:%M") if isinstance(value, dt.datetime) else ""
    words = day.isoformat()
    try:
        from babel.dates import format_date, format_time
    except ImportError:  # pragma: no cover - Babel is a dependency where it is installed
        pass
    else:
        locale = _locale(language)
        words = format_date(day, "long", locale=locale)
        if isinstance(value, dt.datetime):
            clock = format_time(value.time(), "HH:mm", locale=locale)
    if not isinstance(value, dt.datetime):
        return words
    minutes = int((value.utcoffset() or dt.timedelta(0)).total_seconds()) // 60
    sign = "+" if minutes > 0 else "-"
    zone = f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}" if minutes else "UTC"
    return f"{words}, {clock} {zone}"


def _locale(language: str) -> Any:
    """Babel's locale of a language tag: the tag, else its primary language, else British
    English (whose "4 May 2026" is the newsroom's order, also for plain ``en``)."""
    from babel import Locale, UnknownLocaleError

    for candidate in (language.replace("-", "_"), language.split("-", 1)[0]):
        try:
            locale = Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            continue
        if locale.language != "en" or locale.territory:
            return locale
        break
    return Locale.parse("en_GB")


def _template(settings: DocxOptions) -> WordDocument:
    """The reference document with its body emptied (keeping its page setup), or
    python-docx's own template."""
    if settings.reference_doc is None:
        return _slim(docx.Document())
    path = Path(settings.reference_doc)
    try:
        data = path.read_bytes()
        made = docx.Document(io.BytesIO(data))
    except OSError as exc:
        raise ConversionError(
            f"cannot read the reference document {path}: {exc.strerror or exc}"
        ) from None
    except Exception as exc:  # a damaged file or one that is not a Word document
        raise ConversionError(
            f"the reference document {path} is not a Word document ({type(exc).__name__})"
        ) from None
    body = made.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return made


def _slim(word: WordDocument) -> WordDocument:
    """python-docx's template without what newsdoc's documents never use, which makes up
    nine tenths of it: a hundred-odd table styles (every reader parses them), a second copy
    of the styles for Word 2010, a thumbnail of another document and a bibliography part."""
    styles = word.styles.element
    for style in list(styles.iter(qn("w:style"))):
        if style.get(qn("w:type")) == "table" and style.get(qn("w:styleId")) not in _TABLES:
            styles.remove(style)
    unused = {"stylesWithEffects", "customXml", "thumbnail"}
    for rels in (word.part.rels, word.part.package.rels):
        for rid, rel in list(rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in unused:
                del rels[rid]
    return word


_TABLES = frozenset({"TableNormal", "TableGrid"})


def write_docx(document: Document, settings: DocxOptions) -> bytes:
    """``document`` as a DOCX file (see the module's docstring)."""
    word = _template(settings)
    own_look = settings.reference_doc is None
    ensure_styles(word, own_look=own_look)
    if settings.base_dir is not None:
        base = Path(settings.base_dir)
    else:
        base = origin_of(document) or Path.cwd()
    allowed = (base, *(Path(d) for d in settings.allowed_dirs))
    loader = ResourceLoader(base, allowed if settings.allowed_dirs else (), settings.allow_remote)
    language = document.language
    body = BodyWriter(word, language, loader, settings.missing_images)
    rtl = direction_of(language) == "rtl"
    if rtl:
        for section in word.sections:
            set_child(section._sectPr, "bidi", _SECT_ORDER)
    if isinstance(document, Collection):
        _collection(body, document, settings)
        articles = list(document.articles)
    else:
        _article(body, document, in_collection=False)
        articles = [document]
    for article in articles:
        _lossy(article)
    set_defaults(word, language, rtl, body.fonts, own_look=own_look)
    set_properties(word, document)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


_SECT_ORDER = (
    "headerReference",
    "footerReference",
    "footnotePr",
    "endnotePr",
    "type",
    "pgSz",
    "pgMar",
    "paperSrc",
    "pgBorders",
    "lnNumType",
    "pgNumType",
    "cols",
    "formProt",
    "vAlign",
    "noEndnote",
    "titlePg",
    "textDirection",
    "bidi",
    "rtlGutter",
    "docGrid",
    "printerSettings",
    "sectPrChange",
)


def _line(body: BodyWriter, style: str, text: str | None, lang: str | None = None) -> None:
    if text:
        made = body.paragraph(style, lang=lang)
        body.text(made._p, text, Format())


def _article(body: BodyWriter, article: Article, *, in_collection: bool) -> None:
    labels = _labels(article.language)
    lang = article.language if article.language != body.language else None
    headline = body.paragraph("Heading 1" if in_collection else "Title", lang=lang)
    if in_collection:
        headline.paragraph_format.page_break_before = True
    body.text(headline._p, article.headline, Format(lang=lang))
    _line(body, "Subtitle", article.subheadline, lang)
    _line(body, "Abstract", article.summary, lang)
    for person in article.bylines:
        line = body.paragraph("Author", lang=lang)
        if person.url is not None:
            body.link(line._p, person.url, (Text(text=person.name),), Format(lang=lang))
        else:
            body.text(line._p, person.name, Format(lang=lang))
        for part in (person.role, person.affiliation):
            if part:
                body.text(line._p, ", " + part, Format(lang=lang))
    dates = [
        f"{labels[key]} {human_date(value, article.language)}"
        for key, value in (("published", article.published), ("updated", article.updated))
        if value is not None
    ]
    _line(body, "Date", " · ".join(dates), lang)
    # after the title, subtitle, abstract, authors and date, which pandoc reads as metadata
    # only while they come first
    _line(body, "Kicker", " · ".join(p for p in (article.section, article.genre) if p), lang)
    if article.dateline is not None:
        place = article.dateline.place
        if article.dateline.date is not None:
            place += " — " + human_date(article.dateline.date, article.language)
        _line(body, "Dateline", place, lang)
    if article.lead_image is not None:
        body.figure(article.lead_image)
    if article.key_points:
        _line(body, "Panel Heading", labels["key_points"], lang)
        points = [point.text for point in article.key_points]
        body.items("Key Point", points, True, Format(lang=lang), None)
    body.sections(article.sections, 2 if in_collection else 1)
    _apparatus(body, article, labels, lang)


def _apparatus(body: BodyWriter, article: Article, labels: Any, lang: str | None) -> None:
    """Corrections, related links and rights, after the body."""
    if article.corrections:
        _line(body, "Panel Heading", labels["corrections"], lang)
        for correction in article.corrections:
            when = human_date(correction.date, article.language)
            _line(
                body,
                "Correction",
                f"{labels[correction.kind.value]}, {when}: {correction.text}",
                lang,
            )
    if article.related:
        _line(body, "Panel Heading", labels["related"], lang)
        for link in article.related:
            made = body.paragraph("Related Link", lang=lang)
            if link.relation.value in labels:
                body.text(made._p, labels[link.relation.value] + ": ", Format(lang=lang))
            body.link(made._p, link.url, (Text(text=link.title),), Format(lang=lang))
            if link.description:
                body.text(made._p, " — " + link.description, Format(lang=lang))
            if link.date is not None:
                body.text(
                    made._p, f" ({human_date(link.date, article.language)})", Format(lang=lang)
                )
    rights = article.rights
    if rights is not None:
        made = body.paragraph("Rights", lang=lang)
        parts = [
            f"© {rights.holder}" if rights.holder else None,
            rights.notice,
            rights.usage_terms,
        ]
        text = " ".join(p if p.endswith((".", "!", "?")) else p + "." for p in parts if p)
        body.text(made._p, text, Format(lang=lang))
        if rights.license_url is not None:
            body.text(
                made._p,
                f" {labels['license']}: " if text else f"{labels['license']}: ",
                Format(lang=lang),
            )
            body.link(
                made._p, rights.license_url, (Text(text=rights.license_url),), Format(lang=lang)
            )


def _collection(body: BodyWriter, collection: Collection, settings: DocxOptions) -> None:
    labels = _labels(collection.language)
    _line(body, "Title", collection.title)
    if collection.date is not None:
        _line(body, "Date", human_date(collection.date, collection.language))
    _line(body, "Subtitle", collection.description)
    if settings.toc and len(collection.articles) > 1:
        _contents(body, labels["contents"], [a.headline for a in collection.articles])
    for article in collection.articles:
        _article(body, article, in_collection=True)


def _contents(body: BodyWriter, label: str, headlines: list[str]) -> None:
    """A table of contents: a ``TOC`` field over the first level of headings, its result
    the headlines until Word updates it (``w:updateFields`` asks it to on opening)."""
    _line(body, "TOC Heading", label)
    for number, headline in enumerate(headlines):
        made = body.paragraph("TOC 1")
        if number == 0:
            _field_char(made._p, "begin")
            run = OxmlElement("w:r")
            instruction = OxmlElement("w:instrText")
            instruction.set(qn("xml:space"), "preserve")
            instruction.text = ' TOC \\o "1-1" \\h \\z \\u '
            run.append(instruction)
            made._p.append(run)
            _field_char(made._p, "separate")
        body.text(made._p, headline, Format())
        if number == len(headlines) - 1:
            _field_char(made._p, "end")
    settings = body.document.settings.element
    set_child(settings, "updateFields", ("updateFields",), val="true")


def _field_char(paragraph: Any, kind: str) -> None:
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    paragraph.append(run)


def _lossy(article: Article) -> None:
    """Warn of what the Word document does not show or keep."""
    for number, point in enumerate(article.key_points):
        if point.topics:
            warn(
                "Word has no place for a key point's topics; left out",
                code="lossy",
                where=f"key_points[{number}].topics",
            )
