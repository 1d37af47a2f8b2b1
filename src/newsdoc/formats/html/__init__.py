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

The folder's modules: :mod:`~newsdoc.render.renderer` (the renderer, its Jinja2
environment and filters), :mod:`~newsdoc.render.jsonld` (schema.org JSON-LD),
:mod:`~newsdoc.formats.html.options` (the options), :mod:`~newsdoc.formats.html.writer`
(:func:`render` and :func:`write`). Their public names are importable from
here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.html.writer import (
        ImageSource,
        MissingImages,
        Renderer,
        dateline_text,
        html_datetime,
        image_source,
        json_ld,
        labels_for,
        lines,
        render,
        safe_href,
        section_id,
        typeset,
        write,
    )

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "ImageSource": ".writer",
        "MissingImages": ".writer",
        "Renderer": ".writer",
        "dateline_text": ".writer",
        "html_datetime": ".writer",
        "image_source": ".writer",
        "json_ld": ".writer",
        "labels_for": ".writer",
        "lines": ".writer",
        "render": ".writer",
        "safe_href": ".writer",
        "section_id": ".writer",
        "typeset": ".writer",
        "write": ".writer",
    },
    rest=".writer",
)

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
