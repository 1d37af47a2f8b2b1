"""The HTML writer: a document to a standalone HTML5 page (:func:`render`, :func:`write`).

What the format does is the package's docstring (:mod:`newsdoc.formats.html`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

from typing import Any

from newsdoc.formats.html.options import HtmlOptions
from newsdoc.model import Document, Figure
from newsdoc.model.measure import check_document
from newsdoc.options import resolve
from newsdoc.render.dates import html_datetime
from newsdoc.render.jsonld import dateline_text, json_ld
from newsdoc.render.options import MissingImages
from newsdoc.render.renderer import (
    ImageSource,
    Renderer,
    labels_for,
    lines,
    safe_href,
    section_id,
    typeset,
)
from newsdoc.render.resources import ResourceLoader, data_uri, figure_picture, is_remote

__all__ = [
    "ImageSource",
    "MissingImages",
    "Renderer",
    "dateline_text",
    "html_datetime",
    "image_source",
    "json_ld",
    "labels_for",
    "lines",
    "render",
    "safe_href",
    "section_id",
    "typeset",
    "write",
]


def image_source(
    loader: ResourceLoader,
    *,
    embed: bool = True,
    missing_images: MissingImages = "error",
) -> ImageSource:
    """The :data:`ImageSource` of the HTML writer.

    Local images are checked and loaded through ``loader`` and embedded as ``data:`` URIs
    (``embed``) or linked by their path; remote ones are embedded when ``loader`` may download
    them, else linked as they are. With ``missing_images="omit"`` an image that cannot be had
    gives a figure without its picture instead of an error.

    >>> from newsdoc import Figure
    >>> from newsdoc.render.resources import ResourceLoader
    >>> loader = ResourceLoader.from_options("examples", (), allow_remote=False)
    >>> source = image_source(loader, embed=False)
    >>> source(Figure(src="images/night-train.png", alt="A train"))
    'images/night-train.png'
    """

    def source(figure: Figure) -> str | None:
        if is_remote(figure.src) and not loader.allow_remote:
            return figure.src
        resource = figure_picture(loader, figure, missing_images)
        if resource is None:
            return None
        return data_uri(resource) if embed else figure.src

    return source


def render(document: Document, options: HtmlOptions | None = None, /, **given: Any) -> str:
    """The HTML page of ``document`` as text; the options are those of :func:`write`.

    >>> from newsdoc import Article
    >>> page = render(Article(id="urn:newsdoc:1", headline="Hi"), json_ld=False)
    >>> page.startswith("<!DOCTYPE html>"), "application/ld+json" in page
    (True, False)
    """
    settings = resolve(HtmlOptions, "html", options, given)
    check_document(document)
    renderer = Renderer(template_dir=settings.template_dir, css=settings.css)
    loader = ResourceLoader.for_options(settings, document)
    source = image_source(
        loader, embed=settings.embed_images, missing_images=settings.missing_images
    )
    return renderer.page(
        document,
        image_src=source,
        include_json_ld=settings.json_ld,
        linked_images=not settings.embed_images,
    )


def write(document: Document, options: HtmlOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the UTF-8 HTML5 page of an article or a collection.

    See :class:`~newsdoc.formats.html.options.HtmlOptions` for the options.

    >>> import newsdoc
    >>> article = newsdoc.load("examples/article.json")
    >>> page = write(article, css="h1 { color: navy; }")  # images beside the loaded file
    >>> b'<html lang="en"' in page, b"data:image/png;base64," in page
    (True, True)
    """
    return render(document, options, **given).encode("utf-8")
