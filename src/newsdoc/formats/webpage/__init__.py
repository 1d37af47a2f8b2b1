"""Read a news web page (HTML) into an :class:`~newsdoc.Article`.

The page is parsed once (:mod:`.parse`) and the tree is never changed. Then:

- **metadata** comes from the page's JSON-LD, microdata and OpenGraph, then from plain
  ``<meta>`` tags and ``<html lang>`` / ``<link rel=canonical>``, and only last from the
  visible page (:mod:`.metadata`, :mod:`.scan`);
- **the body** is found by trafilatura and its XML mapped onto sections, paragraphs, lists,
  quotes and tables without losing text it kept (:mod:`.body`); what trafilatura keeps but is
  not body text (the headline again, the byline, key points, read-also boxes, captions) is
  then taken out block by block, and the page's figures are put back where they stood
  (:mod:`.boilerplate`);
- **what the page holds besides the body**, read from the page itself (:mod:`.scan`): key
  points with their topics, related links ("Read also" as ``read-also``, "Related" as
  ``related``, "Latest" lists as ``latest``), each quote's speaker, the lead image with its
  caption and credit. "Most read" and "Trending" lists are site chrome and are left out.

When the publisher's structured data gives the article's text (``articleBody``) and the body
found covers less than 80% of it, trafilatura runs again without its precision bias and the
better body is kept; when trafilatura finds no body at all, that text is the body (with a
warning).

:func:`extract` returns an :class:`Extraction`: the article, ``provenance`` (for each
metadata field, where its value came from: ``"json-ld"``, ``"microdata"``, ``"opengraph"``,
``"meta"``, ``"text"`` for the visible page, ``"option"`` for the caller's ``url``,
``"content-hash"`` for an id made from the page's bytes, ``"default"``) and the warnings.
:func:`read` is the registry's reader: it returns the article and reports the warnings with
:func:`newsdoc.diagnostics.warn`.

**Doubt is said out loud** (``code`` and ``where`` of each warning): a date-time without a time
zone takes the zone of another date on the page, else UTC (``assumed``, with
``provenance["published.timezone"]`` = ``"page"`` or ``"assumed-utc"``); a page that names no
language gets one from its script (Armenian, Georgian, Greek, Hebrew) or ``en``
(``assumed``); a date that is no date (``0000-00-00``), a JSON-LD block that is not JSON, a
link with no usable URL, text no rule could map (``dropped``) are reported and left out.

**Ids.** The article's id is its canonical URL (from the page, else the ``url`` option);
without one it is ``urn:newsdoc:sha1:<hex>``, the SHA-1 of the page's bytes.

**Errors.** Every failure is a :class:`~newsdoc.errors.NewsdocError` with its reason: an
empty page, bytes that are not HTML, a page with no article on it (no headline, or no body
text) raise :class:`~newsdoc.errors.InvalidDocumentError`; a page over 20 MiB or 30,000
elements raises :class:`~newsdoc.errors.LimitError` (:mod:`.parse`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.webpage.page import Extraction, extract, read

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "Extraction": ".page",
        "extract": ".page",
        "read": ".page",
    },
    rest=".page",
)

__all__ = [
    "Extraction",
    "extract",
    "read",
]
