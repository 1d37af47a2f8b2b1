"""The web-page reader's entry points: :func:`read` and :func:`extract` with its provenance.

What the format does is the package's docstring (:mod:`newsdoc.formats.webpage`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
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
from newsdoc.model.measure import check_document
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
    check_document(found.article, source)
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
