"""The PDF writer and reader: a document through WeasyPrint to a tagged PDF, and back
from the JSON it embeds.

What the format does is the package's docstring (:mod:`newsdoc.formats.pdf`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from newsdoc.errors import (
    ConversionError,
    InvalidDocumentError,
    LimitError,
    NewsdocError,
    Problem,
    UnsafeResourceError,
)
from newsdoc.formats.pdf.options import (
    _ATTACHING,
    _TAGGED_VARIANTS,
    LAYOUTS,
    PAGE_SIZES,
    VARIANTS,
    PdfOptions,
    length_css,
    margin_css,
    page_size_css,
)
from newsdoc.limits import check_input, current
from newsdoc.model import Article, Collection, Document, Figure
from newsdoc.model.measure import check_document, check_pdf
from newsdoc.options import resolve
from newsdoc.render.renderer import Renderer, labels_for
from newsdoc.render.resources import ResourceLoader, data_uri, figure_picture

__all__ = ["LAYOUTS", "PAGE_SIZES", "VARIANTS", "PdfOptions", "read", "warm_up", "write"]

#: The name of the embedded newsdoc JSON inside a PDF.
SOURCE_NAME = "newsdoc.json"


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal, every special character escaped.

    Each escape ends with the one space CSS swallows after a hex escape, so the space that
    follows a dash in the text is kept:

    >>> _css_string("Wire — Morning")
    '"Wire \\\\002014  Morning"'
    """
    escaped = "".join(
        ch if ch.isalnum() or ch in " .,:;!?()-_/&'·|" else f"\\{ord(ch):06x} " for ch in text
    )
    return f'"{escaped}"'


def page_css(
    document: Document,
    *,
    page_size: str = "a4",
    margin: str = "18mm",
    bleed: str | None = None,
    marks: bool | None = None,
) -> str:
    """The ``@page`` rules: size, margins, bleed and marks, running header and footer.

    An article's running header names its publisher and section; a collection's names the
    edition and the article running at the top of the page. The first page, which carries
    the nameplate (the publisher's masthead, the edition's title), has no running header.
    """
    with_marks = marks if marks is not None else bool(bleed)
    try:
        rules = [f"size: {page_size_css(page_size)};", f"margin: {margin_css(margin)};"]
        if bleed:
            rules.append(f"bleed: {_bleed_css(length_css(bleed, 'bleed'), with_marks)};")
    except ValueError as exc:
        raise ConversionError(str(exc)) from None
    if with_marks:
        rules.append("marks: crop cross;")
    labels = labels_for(document.language)
    if isinstance(document, Collection):
        outer = _css_string(document.title)
        inner = "string(article-title, start)"
        nameplate = True
    else:
        outer = _css_string(document.publisher.name if document.publisher else "")
        inner = _css_string(document.section or "")
        nameplate = document.publisher is not None
    if document.direction == "rtl":  # the publication's name on the outer (right) side
        left, right = inner, outer
    else:
        left, right = outer, inner
    page_of = labels.get("page_of", "Page {page} of {pages}")
    before, _, rest = page_of.partition("{page}")
    middle, _, after = rest.partition("{pages}")
    footer = (
        f"{_css_string(before)} counter(page) {_css_string(middle)} counter(pages) "
        f"{_css_string(after)}"
    )
    # One line each, a long headline shortened with an ellipsis; the publication's name takes
    # at most two fifths of the width, the article's name the rest.
    running = (
        "font-size: 8pt; font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; "
        "white-space: nowrap; overflow: hidden; text-overflow: ellipsis;"
    )
    left_width, right_width = ("58%", "40%") if document.direction == "rtl" else ("40%", "58%")
    margin_boxes = [
        f"@top-left {{ content: {left}; width: {left_width}; {running} }}",
        f"@top-right {{ content: {right}; width: {right_width}; {running} }}",
        f"@bottom-center {{ content: {footer}; font-size: 8pt; }}",
    ]
    css = "@page {\n  " + "\n  ".join(rules + margin_boxes) + "\n}\n"
    if nameplate:
        css += "@page :first {\n  @top-left { content: none; }\n"
        css += "  @top-right { content: none; }\n}\n"
    return css


#: Millimetres in one of each CSS length unit the options accept.
_MM = {
    "mm": 1.0,
    "cm": 10.0,
    "in": 25.4,
    "pt": 25.4 / 72,
    "pc": 25.4 / 6,
    "px": 25.4 / 96,
    "q": 0.25,
}


def _bleed_css(bleed: str, marks: bool) -> str:
    """The CSS bleed: ``bleed`` itself, or with marks twice the bleed and 3 mm more.

    WeasyPrint draws the crop marks in the outer half of the CSS bleed; doubling it (and a
    3 mm offset) puts them outside the bleed the printer trims into, as printers ask.

    >>> _bleed_css("3mm", True), _bleed_css("3mm", False)
    ('12.00mm', '3mm')
    """
    if not marks:
        return bleed
    found = re.fullmatch(r"([0-9.]+)([a-zA-Z]+)", bleed.strip())
    if found is None:  # length_css lets nothing else through
        return bleed
    millimetres = float(found[1]) * _MM.get(found[2].lower(), 1.0)
    return f"{2 * (millimetres + 3):.2f}mm"


def _bleed_box(bleed: str) -> Any:
    """A WeasyPrint finisher setting each page's BleedBox at ``bleed`` from its TrimBox.

    WeasyPrint puts the BleedBox at most 10 points out, which the wider CSS bleed that keeps
    the crop marks outside the bleed (:func:`_bleed_css`) would otherwise leave there.
    """
    found = re.fullmatch(r"([0-9.]+)([a-zA-Z]+)", bleed.strip())
    points = float(found[1]) * _MM.get(found[2].lower(), 1.0) * 72 / 25.4 if found else 0.0

    def finish(document: Any, pdf: Any) -> None:
        import pydyf

        for item in pdf.objects:
            if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/Page":
                x0, y0, x1, y1 = (float(v) for v in item["TrimBox"])
                item["BleedBox"] = pydyf.Array([x0 - points, y0 - points, x1 + points, y1 + points])

    return finish


@cache
def _fonts() -> Any:
    """One WeasyPrint font configuration per process (fontconfig is slow to set up)."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _parsed_css(text: str) -> Any:
    """A package style sheet, parsed once per process (it names no URL, so needs no fetcher)."""
    import weasyprint

    return weasyprint.CSS(string=text, font_config=_fonts())


@cache
def _package_css(layout: str) -> str:
    from importlib.resources import files

    folder = files("newsdoc") / "templates" / "print"
    return (folder / "common.css").read_text("utf-8") + (folder / f"{layout}.css").read_text(
        "utf-8"
    )


def _url_fetcher(roots: Iterable[Path]) -> Any:
    """WeasyPrint's URL fetcher, reading only inline data and files under ``roots``.

    Anything else stops the rendering with WeasyPrint's fatal fetching error, which
    :func:`render` reports as :class:`~newsdoc.errors.UnsafeResourceError`.
    """
    from urllib.parse import unquote, urlsplit

    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    allowed = [root.resolve() for root in roots]

    class Fetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path)).resolve()
                if not any(path.is_relative_to(root) for root in allowed):
                    raise FatalURLFetchingError(
                        f"refusing to read {path}: it is outside the allowed folders"
                    )
            elif scheme != "data":
                raise FatalURLFetchingError(
                    f"refusing to fetch {url}: the PDF renderer reaches no network"
                )
            return super().fetch(url, headers)

    return Fetcher(allowed_protocols={"data", "file"}, timeout=5, fail_on_errors=True)


def _image_source(loader: ResourceLoader, missing_images: str) -> Any:
    """Every picture through the loader (no remote link is left for WeasyPrint to fetch)."""

    def source(figure: Figure) -> str | None:
        resource = figure_picture(loader, figure, missing_images)
        return None if resource is None else data_uri(resource)

    return source


def _metadata(document: Document) -> dict[str, Any]:
    if isinstance(document, Article):
        return {
            "title": document.headline,
            "authors": [p.name for p in document.bylines],
            "description": document.subheadline or document.summary,
            "keywords": list(document.keywords),
            "lang": document.language,
        }
    authors = list(dict.fromkeys(p.name for a in document.articles for p in a.bylines))
    return {
        "title": document.title,
        "authors": authors,
        "description": document.description,
        "keywords": list(dict.fromkeys(k for a in document.articles for k in a.keywords)),
        "lang": document.language,
    }


def render(document: Document, options: PdfOptions | None = None, /, **given: Any) -> bytes:
    """The PDF of ``document``; see :class:`~newsdoc.formats.pdf.options.PdfOptions`."""
    settings = resolve(PdfOptions, "pdf", options, given)
    check_document(document)
    check_pdf(document)  # what WeasyPrint would lay out, bounded before it starts
    layout, pdf_variant = settings.layout, settings.pdf_variant
    embed = pdf_variant in _ATTACHING if settings.embed_source is None else settings.embed_source

    import weasyprint
    from weasyprint.urls import FatalURLFetchingError

    from newsdoc.wire.data import to_json

    renderer = Renderer(template_dir=settings.template_dir)  # compiled templates are cached
    loader = ResourceLoader.for_options(settings, document)
    roots = loader.roots()
    from importlib.resources import files

    fetcher = _url_fetcher([Path(str(files("newsdoc"))), *roots])
    base_url = roots[0].as_uri() + "/"
    # The package's style sheets are parsed once per process; the page rules (which name
    # the publisher) and the caller's CSS, whose URLs go through this call's fetcher, per call.
    own_css = page_css(
        document,
        page_size=settings.page_size,
        margin=settings.margin,
        bleed=settings.bleed,
        marks=settings.marks,
    )
    if settings.css is not None:
        own_css += "\n/* Caller's style sheet */\n" + Renderer(css=settings.css).extra_css
    source = _image_source(loader, settings.missing_images)
    page = renderer.page(
        document, image_src=source, include_json_ld=False, inline_css=False, print_layout=layout
    )
    from newsdoc.formats.pdf.fonts import check_coverage

    check_coverage(page, (renderer.stylesheet(), _package_css(layout), own_css))
    try:
        stylesheets = [
            _parsed_css(renderer.stylesheet()),
            _parsed_css(_package_css(layout)),
            weasyprint.CSS(
                string=own_css, base_url=base_url, url_fetcher=fetcher, font_config=_fonts()
            ),
        ]
        html = weasyprint.HTML(string=page, base_url=base_url, url_fetcher=fetcher)
        rendered = html.render(stylesheets=stylesheets, font_config=_fonts())
    except FatalURLFetchingError as exc:
        raise UnsafeResourceError(str(exc)) from None
    metadata = _metadata(document)
    rendered.metadata.title = metadata["title"]
    rendered.metadata.authors = metadata["authors"]
    rendered.metadata.description = metadata["description"]
    rendered.metadata.keywords = metadata["keywords"]
    rendered.metadata.lang = metadata["lang"]
    rendered.metadata.generator = "newsdoc"
    output: dict[str, Any] = {"pdf_variant": pdf_variant}
    if settings.bleed and (settings.marks if settings.marks is not None else True):
        output["finisher"] = _bleed_box(settings.bleed)  # the marks' wider bleed: see page_css
    if settings.tagged or pdf_variant in _TAGGED_VARIANTS:
        from newsdoc.formats.pdf.tagging import install as install_tagging

        install_tagging()
        output["pdf_tags"] = True
    if embed:
        output["attachments"] = [
            weasyprint.Attachment(
                string=to_json(document),
                name=SOURCE_NAME,
                description="The newsdoc JSON of this document, for a lossless round trip",
                relationship="Source",
            )
        ]
    return rendered.write_pdf(**output)  # type: ignore[no-any-return]


def write(document: Document, options: PdfOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the print-ready PDF of an article or a collection.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> data = write(article, layout="newspaper", page_size="a5", bleed="3mm")
    >>> data[:5], read(data) == article
    (b'%PDF-', True)
    """
    return render(document, options, **given)


def read(
    data: bytes, options: PdfOptions | None = None, /, *, source: str | None = None, **given: Any
) -> Document:
    """The registry's reader: the newsdoc document embedded in a PDF newsdoc wrote.

    A PDF carries its article only when it was written with its source embedded (the default
    for plain PDF and PDF/A-3); any other PDF gets a clear :class:`InvalidDocumentError`.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> read(write(article, pdf_variant="pdf/a-3b")) == article
    True
    """
    import pikepdf

    from newsdoc.wire.data import from_json

    resolve(PdfOptions, "pdf", options, given)
    check_input(data, source)
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            attachments = pdf.attachments
            if SOURCE_NAME not in attachments:
                raise InvalidDocumentError(
                    [
                        Problem(
                            "",
                            f"this PDF carries no embedded {SOURCE_NAME}; only PDFs that "
                            "newsdoc wrote with embed_source can be read back",
                        )
                    ],
                    source,
                )
            embedded = _embedded_bytes(attachments[SOURCE_NAME].get_file().obj, source)
    except NewsdocError:
        raise
    except Exception:  # pikepdf meets a broken PDF in many ways (PdfError, KeyError ...)
        raise InvalidDocumentError([Problem("", "not a readable PDF")], source) from None
    return from_json(embedded, source)


def _embedded_bytes(stream: Any, source: str | None) -> bytes:
    """The embedded file's bytes, inflated no further than the ``max_input_bytes`` limit
    (a few compressed kilobytes can claim gigabytes)."""
    import zlib

    limit = current().max_input_bytes
    filters = stream.get("/Filter")
    names = [str(f) for f in filters] if isinstance(filters, list | tuple) else [str(filters)]
    if filters is None or names == []:
        raw: bytes = stream.read_raw_bytes()
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        raw = inflater.decompress(stream.read_raw_bytes(), limit + 1)
    else:
        raise InvalidDocumentError(
            [Problem("", f"the embedded {SOURCE_NAME} is encoded in a way newsdoc does not read")],
            source,
        )
    if len(raw) > limit:
        raise LimitError(
            f"the embedded {SOURCE_NAME} is larger than the limit of {limit} bytes "
            "(max_input_bytes)",
            source,
        )
    return raw


def warm_up() -> None:
    """Set up what every PDF needs once (for batch workers): fonts, style sheets, templates.

    >>> warm_up()  # once per worker process; later PDFs start faster
    """
    _parsed_css(Renderer().stylesheet())
    for layout in LAYOUTS:
        _parsed_css(_package_css(layout))
