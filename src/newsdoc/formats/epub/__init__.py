"""The EPUB 3 writer: one article, or a collection with one chapter per article.

Every page is rendered by :class:`newsdoc.render.renderer.Renderer` (the one HTML renderer) as
XHTML; ebooklib packages them. The book has:

- a generated cover page (title, date, publisher, and the lead image of a single article,
  which is then also the book's ``cover-image``);
- a navigation document with the table of contents (each article and its sections) and
  landmarks, and an NCX for older readers;
- one chapter per article, newsdoc's style sheet (plus the caller's ``css``), and every image
  embedded;
- metadata: ``dc:identifier`` (the document's id), ``dc:title``, ``dc:language`` (and
  ``xml:lang`` on the package), ``dcterms:modified``, creators, publisher, date, subjects,
  description, rights, and the schema.org accessibility metadata (``accessMode``,
  ``accessModeSufficient``, ``accessibilityFeature``, ``accessibilityHazard``,
  ``accessibilitySummary``); right-to-left documents set ``page-progression-direction``.

Options of :func:`write`: ``css`` and ``template_dir`` as for HTML; ``base_dir``,
``allowed_dirs`` and ``allow_remote`` for images as in :mod:`newsdoc.render.resources`;
``missing_images`` (``"error"`` by default, or ``"omit"`` for a figure without its picture)
for an image that cannot be had, remote ones included unless ``allow_remote`` is set; and
``modified``, the ``dcterms:modified`` date-time (by default the document's latest date, so
the same input gives the same metadata). A book is built in full before any byte is returned:
an image problem raises, it never yields a broken EPUB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.epub.writer import build, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "build": ".writer",
        "write": ".writer",
    },
    rest=".writer",
)

__all__ = [
    "build",
    "write",
]
