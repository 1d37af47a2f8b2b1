"""The HTML writer, and the one HTML renderer that EPUB and PDF render through.

:func:`write` turns an :class:`~newsdoc.Article` or :class:`~newsdoc.Collection` into one
standalone, valid HTML5 page: semantic markup (``<article>``, ``<header>``, ``<time>``,
``<figure>``, ``<blockquote>`` with ``<cite>`` ...), ``lang`` and ``dir`` on the root and on every
block that overrides them, a schema.org ``NewsArticle`` in JSON-LD in the head, and the
package's style sheet inlined. Its options:

- ``css``: extra CSS added after newsdoc's own: CSS text, or the path of a ``.css`` file
  (a :class:`~pathlib.Path`, or a string ending in ``.css`` with no ``{`` in it);
- ``template_dir``: a folder of templates that replace the package's ones of the same name
  (``article.html.j2``, ``collection.html.j2``, ``_macros.html.j2``, ``newsdoc.css`` ...);
- ``base_dir``: the folder relative image paths resolve against (the current folder if not
  given), and ``allowed_dirs``: the folders local images may come from (``base_dir`` alone);
- ``embed_images`` (default ``True``): embed local images as ``data:`` URIs, so the page stands
  alone; with ``False`` the page links to them by their relative path;
- ``allow_remote`` (default ``False``): download http(s) images and embed them too; without
  it a remote image stays a plain link for the browser, and newsdoc fetches nothing;
- ``missing_images``: ``"error"`` (default) raises for an image that cannot be loaded;
  ``"omit"`` renders such a figure without its picture (its alt text, caption and credit stay);
- ``json_ld`` (default ``True``): include the JSON-LD block.

Templates are Jinja2 with autoescaping on, so no text of an article can become markup; links
are written only for http(s), ``mailto:`` and ``#fragment`` targets. The :class:`Renderer` is
what other writers call: it renders the same templates as XHTML for EPUB, with image URLs
rewritten by the caller (:data:`ImageSource`).

The folder's modules: :mod:`~newsdoc.formats.html.render` (the renderer, its Jinja2
environment and filters), :mod:`~newsdoc.formats.html.jsonld` (schema.org JSON-LD),
:mod:`~newsdoc.formats.html.options` (the options). Their public names are importable from
here.
"""

from __future__ import annotations

from typing import Any

from newsdoc.formats._resources import ResourceLoader, data_uri, figure_picture, is_remote
from newsdoc.formats.html.jsonld import dateline_text, json_ld
from newsdoc.formats.html.options import HtmlOptions, MissingImages
from newsdoc.formats.html.render import (
    ImageSource,
    Renderer,
    html_datetime,
    labels_for,
    lines,
    safe_href,
    section_id,
    typeset,
)
from newsdoc.limits import check_document
from newsdoc.model import Document, Figure
from newsdoc.options import resolve

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
    >>> from newsdoc.formats._resources import ResourceLoader
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
