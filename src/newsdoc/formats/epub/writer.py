"""The EPUB 3 writer: a document to an EPUB package (:func:`build`, :func:`write`).

What the format does is the package's docstring (:mod:`newsdoc.formats.epub`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import attrs

from newsdoc._version import __version__
from newsdoc.errors import ConversionError
from newsdoc.formats.epub.options import EpubOptions
from newsdoc.language import direction_of
from newsdoc.model import Article, Collection, Document, Figure
from newsdoc.model.measure import check_document
from newsdoc.options import resolve
from newsdoc.render.dates import html_datetime
from newsdoc.render.options import MissingImages
from newsdoc.render.renderer import Renderer, labels_for, section_id
from newsdoc.render.resources import ResourceLoader, figure_picture

if TYPE_CHECKING:
    from ebooklib import epub  # type: ignore[import-untyped, unused-ignore]

__all__ = ["build", "write"]

_STYLESHEET = "styles/newsdoc.css"
_COVER = "cover.xhtml"
_NAV = "nav.xhtml"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _chapter_name(index: int) -> str:
    return f"text/article-{index:03d}.xhtml"


@attrs.frozen
class _Entry:
    """One line of the table of contents."""

    title: str
    href: str
    lang: str | None = None
    children: tuple[_Entry, ...] = ()


@attrs.frozen
class _Landmark:
    type: str
    href: str
    title: str


class _Images:
    """The images of one book: each loaded once, stored as ``images/image-N.ext``."""

    def __init__(self, book: epub.EpubBook, loader: ResourceLoader, missing: MissingImages):
        if missing not in ("error", "omit"):
            raise ConversionError(f"missing_images must be 'error' or 'omit', not {missing!r}")
        self.book = book
        self.loader = loader
        self.missing = missing
        self.items: dict[str, Any] = {}

    def href(self, figure: Figure) -> str | None:
        """The image's path inside the book (from the package folder), or ``None`` if omitted."""
        from ebooklib import epub  # type: ignore[import-untyped, unused-ignore]

        found = self.items.get(figure.src)
        if found is None:
            resource = figure_picture(self.loader, figure, self.missing)
            if resource is None:
                return None
            number = len(self.items) + 1
            found = epub.EpubImage(
                uid=f"image-{number}",
                file_name=f"images/image-{number}{resource.extension}",
                media_type=resource.media_type,
                content=resource.data,
            )
            self.book.add_item(found)
            self.items[figure.src] = found
        name: str = found.file_name
        return name


def _page_class() -> type[epub.EpubHtml]:
    from ebooklib import epub  # type: ignore[import-untyped, unused-ignore]

    class Page(epub.EpubHtml):  # type: ignore[misc]
        """An XHTML page whose bytes newsdoc has rendered in full (ebooklib keeps them as is)."""

        def __init__(
            self, uid: str, file_name: str, title: str, content: str, properties: Iterable[str]
        ) -> None:
            super().__init__(
                uid=uid, file_name=file_name, media_type="application/xhtml+xml", title=title
            )
            self.content = content.encode("utf-8")
            self.properties = list(properties)

        def get_content(self, default: bytes | None = None) -> bytes:
            content: bytes = self.content
            return content

    return Page


def _writer_class() -> type[Any]:
    from ebooklib import epub  # type: ignore[import-untyped, unused-ignore]
    from lxml import etree  # type: ignore[import-untyped, unused-ignore]

    class Writer(epub.EpubWriter):  # type: ignore[misc]
        """ebooklib's writer with newsdoc's package element: ``xml:lang`` and ``dir`` set."""

        def __init__(
            self, target: Any, book: Any, options: dict[str, Any], lang: str, direction: str
        ):
            super().__init__(target, book, options)
            self.lang = lang
            self.direction = direction

        def _write_opf(self) -> None:
            attributes = {
                "xmlns": epub.NAMESPACES["OPF"],
                "unique-identifier": self.book.IDENTIFIER_ID,
                "version": "3.0",
                _XML_LANG: self.lang,
                "dir": self.direction,
            }
            root = etree.Element("package", attributes)
            self._write_opf_metadata(root)
            # ebooklib writes dcterms:modified with strftime, whose %Y has no leading zeros
            # for years before 1000; EPUB wants CCYY-MM-DDThh:mm:ssZ.
            when = self.options.get("mtime")
            for meta in root.iter("{*}meta", "meta"):
                if meta.get("property") == "dcterms:modified" and isinstance(when, dt.datetime):
                    meta.text = _utc_stamp(when)
            ncx_id = self._write_opf_manifest(root)
            self._write_opf_spine(root, ncx_id)
            self._write_opf_file(root)

    return Writer


def _latest_date(document: Document) -> dt.datetime | None:
    articles = document.articles if isinstance(document, Collection) else (document,)
    found = [
        when
        for article in articles
        for when in (article.updated, article.published, article.created)
        if when is not None
    ]
    if isinstance(document, Collection) and document.date is not None:
        found.append(dt.datetime.combine(document.date, dt.time(), dt.UTC))
    return max(found, key=lambda when: when.astimezone(dt.UTC)) if found else None


def _utc_stamp(when: dt.datetime) -> str:
    """``when`` in UTC as ``dcterms:modified`` wants it (the model keeps every date-time within
    the years 1 to 9999 in UTC, so the conversion cannot overflow)."""
    utc = when.astimezone(dt.UTC)
    return f"{utc.year:04d}-{utc:%m-%dT%H:%M:%S}Z"


def _w3cdtf(value: dt.datetime | dt.date) -> str:
    return html_datetime(value)


def _subjects(articles: Iterable[Article]) -> list[str]:
    found: list[str] = []
    for article in articles:
        for subject in article.subjects:
            label = subject.label or f"{subject.scheme}:{subject.code}"
            if label not in found:
                found.append(label)
        for keyword in article.keywords:
            if keyword not in found:
                found.append(keyword)
    return found


def _toc_children(article: Article, href: str) -> tuple[_Entry, ...]:
    labels = labels_for(article.language)
    children: list[_Entry] = []
    if article.key_points:
        children.append(_Entry(labels["key_points"], f"{href}#key-points"))
    number = 0
    for section in article.sections:
        if section.heading:
            number += 1
            children.append(_Entry(section.heading, f"{href}#{section_id(number)}"))
    if article.related:
        children.append(_Entry(labels["related"], f"{href}#related"))
    if article.corrections:
        children.append(_Entry(labels["corrections"], f"{href}#corrections"))
    return tuple(children)


def _accessibility(book: epub.EpubBook, has_images: bool, alts_complete: bool) -> None:
    def meta(prop: str, value: str) -> None:
        book.add_metadata(None, "meta", value, {"property": prop})

    meta("schema:accessMode", "textual")
    if has_images:
        meta("schema:accessMode", "visual")
    if not has_images or alts_complete:
        meta("schema:accessModeSufficient", "textual")
    if has_images:
        meta("schema:accessModeSufficient", "textual,visual")
    features = ["structuralNavigation", "tableOfContents", "readingOrder"]
    if has_images:
        features.append("alternativeText")
    for feature in features:
        meta("schema:accessibilityFeature", feature)
    meta("schema:accessibilityHazard", "none")
    summary = (
        "Text with a logical reading order, headings for every section, a table of contents "
        "and language marked for every passage."
    )
    if has_images:
        summary += (
            " Images have text descriptions, except purely decorative ones."
            if alts_complete
            else " Some images carry no text description."
        )
    meta("schema:accessibilitySummary", summary)


def build(document: Document, options: EpubOptions | None = None, /, **given: Any) -> bytes:
    """The EPUB 3 file of ``document``, as bytes; see the module docstring for the options.

    >>> import zipfile, io
    >>> import newsdoc
    >>> book = build(newsdoc.load("examples/article.json"))
    >>> zipfile.ZipFile(io.BytesIO(book)).read("mimetype")
    b'application/epub+zip'
    """
    from ebooklib import epub  # type: ignore[import-untyped, unused-ignore]

    settings = resolve(EpubOptions, "epub", options, given)
    if not isinstance(document, Article | Collection):
        raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")
    check_document(document)
    missing_images = settings.missing_images
    modified = settings.modified
    renderer = Renderer(template_dir=settings.template_dir, css=settings.css)
    loader = ResourceLoader.for_options(settings, document)
    Page = _page_class()

    articles = document.articles if isinstance(document, Collection) else (document,)
    language = document.language
    direction = direction_of(language)
    labels = labels_for(language)
    title = document.title if isinstance(document, Collection) else document.headline

    book = epub.EpubBook()
    book.metadata[epub.NAMESPACES["OPF"]]["generator"] = [
        ("", {"name": "generator", "content": f"newsdoc {__version__} (EbookLib)"})
    ]
    book.IDENTIFIER_ID = "pub-id"
    book.set_identifier(document.id)
    book.set_title(title)
    book.set_language(language)
    for other in dict.fromkeys(a.language for a in articles):
        if other != language:
            book.add_metadata("DC", "language", other)
    book.set_direction(direction)
    images = _Images(book, loader, missing_images)

    creators: list[str] = []
    for article in articles:
        for person in article.bylines:
            if person.name not in creators:
                creators.append(person.name)
    for number, name in enumerate(creators, start=1):
        book.add_author(name, role="aut", uid=f"creator-{number}")
    publisher = document.publisher or next(
        (a.publisher for a in articles if a.publisher is not None), None
    )
    if publisher is not None:
        book.add_metadata("DC", "publisher", publisher.name)
    if isinstance(document, Collection):
        date: dt.date | dt.datetime | None = document.date or next(
            (a.published for a in articles if a.published is not None), None
        )
        description = document.description
    else:
        date = document.published or document.created
        description = document.summary or document.subheadline
    if date is not None:
        book.add_metadata("DC", "date", _w3cdtf(date))
    if description:
        book.add_metadata("DC", "description", description)
    for subject in _subjects(articles):
        book.add_metadata("DC", "subject", subject)
    if isinstance(document, Article):
        if document.rights is not None and (document.rights.notice or document.rights.holder):
            book.add_metadata("DC", "rights", document.rights.notice or document.rights.holder)
        if document.canonical_url:
            book.add_metadata("DC", "source", document.canonical_url)

    stylesheet = epub.EpubItem(
        uid="style",
        file_name=_STYLESHEET,
        media_type="text/css",
        content=renderer.stylesheet().encode("utf-8"),
    )
    book.add_item(stylesheet)

    def chapter_image(figure: Figure) -> str | None:
        href = images.href(figure)
        return None if href is None else f"../{href}"

    chapters = []
    toc: list[_Entry] = []
    for number, article in enumerate(articles, start=1):
        name = _chapter_name(number)
        content = renderer.page(
            article,
            image_src=chapter_image,
            xhtml=True,
            stylesheets=[f"../{_STYLESHEET}"],
            inline_css=False,
            include_json_ld=False,
        )
        chapter = Page(f"article-{number}", name, article.headline, content, ())
        book.add_item(chapter)
        chapters.append(chapter)
        toc.append(
            _Entry(
                article.headline,
                name,
                article.language if article.language != language else None,
                _toc_children(article, name),
            )
        )

    cover_image: Any = None
    cover_alt = ""
    if isinstance(document, Article) and document.lead_image is not None:
        href = images.href(document.lead_image)
        if href is not None:
            cover_image = images.items[document.lead_image.src]
            cover_alt = document.lead_image.alt
    cover = Page(
        "cover",
        _COVER,
        title,
        renderer.render_template(
            "cover.xhtml.j2",
            xhtml=True,
            language=language,
            direction=direction,
            title=title,
            subtitle=document.subheadline if isinstance(document, Article) else None,
            date=date,
            publisher=publisher.name if publisher is not None else None,
            image_url=cover_image.file_name if cover_image is not None else None,
            image_alt=cover_alt,
            stylesheets=[_STYLESHEET],
            labels=labels,
            image_src=chapter_image,
        ),
        (),
    )
    if cover_image is not None:
        cover_image.properties = ["cover-image"]
        book.add_metadata(None, "meta", "", {"name": "cover", "content": cover_image.id})
    landmarks = [
        _Landmark("cover", _COVER, labels["cover"]),
        _Landmark("toc", f"{_NAV}#toc", labels["contents"]),
        _Landmark("bodymatter", _chapter_name(1), labels["start"]),
    ]
    nav = Page(
        "nav",
        _NAV,
        labels["contents"],
        renderer.render_template(
            "nav.xhtml.j2",
            xhtml=True,
            language=language,
            direction=direction,
            labels=labels,
            toc=toc,
            landmarks=landmarks,
            stylesheets=[_STYLESHEET],
            image_src=chapter_image,
        ),
        ("nav",),
    )
    book.add_item(cover)
    book.add_item(nav)
    book.add_item(epub.EpubNcx())
    book.toc = [
        (
            (
                chapter,
                [
                    epub.Link(child.href, child.title, f"ncx-{number}-{index}")
                    for index, child in enumerate(entry.children, start=1)
                ],
            )
            if entry.children
            else chapter
        )
        for number, (chapter, entry) in enumerate(zip(chapters, toc, strict=True), start=1)
    ]
    book.spine = [cover, nav, *chapters]
    _accessibility(book, bool(images.items), all(_alts(articles)))

    when = modified or _latest_date(document) or dt.datetime.now(dt.UTC)
    settings_out = {"mtime": when.astimezone(dt.UTC), "epub2_guide": False, "epub3_pages": False}
    buffer = io.BytesIO()
    writer = _writer_class()(buffer, book, settings_out, language, direction)
    writer.process()
    try:
        writer.write()
    except (OSError, ValueError) as exc:  # pragma: no cover - writing to memory
        raise ConversionError(f"cannot write the EPUB: {exc}") from exc
    return buffer.getvalue()


def _alts(articles: Iterable[Article]) -> Iterable[bool]:
    """For each figure, whether it has a text description (or is marked decorative)."""
    for article in articles:
        figures = [article.lead_image] if article.lead_image is not None else []
        for section in article.sections:
            figures.extend(b for b in section.blocks if isinstance(b, Figure))
        for figure in figures:
            yield figure.alt.strip() != "" or figure.alt == ""


def write(document: Document, options: EpubOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the EPUB 3 file of an article or a collection, as bytes.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> write(article)[:2]  # a ZIP file
    b'PK'
    """
    return build(document, options, **given)
