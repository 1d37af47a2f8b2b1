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

from types import ModuleType
from typing import Any

import attrs

from newsdoc.diagnostics import Diagnostic, collect, warn
from newsdoc.errors import LimitError, NewsdocError
from newsdoc.formats.webpage.options import WebpageOptions
from newsdoc.formats.webpage.tree import http_url
from newsdoc.model import Article
from newsdoc.options import resolve

__all__ = ["Extraction", "extract", "read"]


@attrs.frozen
class Extraction:
    """What :func:`extract` found: the article, where each metadata value came from, and
    what the reader had to assume or leave out.

    ``warnings`` are the messages as text; ``diagnostics`` the same as
    :class:`~newsdoc.diagnostics.Diagnostic` records (``code``, ``where``).

    >>> found = extract(b"<html lang=en><h1>Rain returns</h1><p>It rained all day in town.</p>")
    >>> found.provenance["language"], found.warnings
    ('meta', ())
    """

    article: Article
    provenance: dict[str, str]
    warnings: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def read(
    data: bytes,
    options: WebpageOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: an HTML page's bytes to an article (see :func:`extract`).

    >>> page = b"<html lang=en><h1>Rain returns</h1><p>It rained all day in town.</p></html>"
    >>> read(page, url="https://daily.example.org/rain").canonical_url
    'https://daily.example.org/rain'
    """
    url = resolve(WebpageOptions, "webpage", options, given).url
    found = extract(data, url=url, source=source)
    for diagnostic in found.diagnostics:
        warn(diagnostic.message, code=diagnostic.code, where=diagnostic.where)
    return found.article


def extract(html: bytes | str, *, url: str | None = None, source: str | None = None) -> Extraction:
    """Build an article from a news web page, recording where each metadata value came from.

    ``url`` is the page's address: it resolves relative links and is the canonical URL when
    the page names none. The warnings are returned, not reported (:func:`read` reports them).

    >>> page = '''<html lang="en"><head><title>Rain | Daily</title>
    ... <meta property="og:title" content="Rain returns to Yerevan"></head>
    ... <body><article><h1>Rain returns to Yerevan</h1>
    ... <p>The drought ended on Monday, when rain fell for an hour.</p></article></body></html>'''
    >>> found = extract(page, url="https://daily.example.org/rain")
    >>> found.article.headline, found.article.id
    ('Rain returns to Yerevan', 'https://daily.example.org/rain')
    >>> found.provenance["headline"]
    'opengraph'
    """
    reader = _reader()
    raw = html.encode("utf-8", errors="replace") if isinstance(html, str) else bytes(html)
    with collect() as found:
        try:
            article, provenance = reader.Reader(raw, http_url(url), source).run()
        except RecursionError:  # the parser keeps 256 levels; a library may still recurse
            raise LimitError("the page is nested too deeply to read", source) from None
        except MemoryError:
            raise LimitError("the page needs more memory than there is", source) from None
    diagnostics = tuple(found)
    return Extraction(
        article=article,
        provenance=provenance,
        warnings=tuple(str(d) for d in diagnostics),
        diagnostics=diagnostics,
    )


def _reader() -> ModuleType:
    """The reading pipeline; its packages (trafilatura, extruct: the ``web`` extra) are
    imported on first use, and a missing one is an error that says how to install it."""
    try:
        from newsdoc.formats.webpage import reader
    except ImportError as exc:
        raise NewsdocError(
            f"format 'webpage' needs a package that is not installed ({exc.name}); "
            "pip install 'newsdoc[web]'"
        ) from None
    return reader


def provenance_json(extraction: Extraction) -> str:
    """The provenance as pretty JSON, for a command line to print."""
    import json

    return json.dumps(extraction.provenance, indent=2, ensure_ascii=False, sort_keys=True)
