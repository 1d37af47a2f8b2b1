"""Resource limits: how large, deep and long the input newsdoc reads and renders may be.

News articles are kilobytes; an input far beyond these limits is a mistake or an attack, and
newsdoc refuses it with a :class:`~newsdoc.errors.LimitError` that names the limit, instead of
running for minutes or exhausting memory. The defaults are generous:

| limit | default | what it bounds |
|---|---|---|
| ``max_input_bytes`` | 64 MiB | the bytes one reader takes (a file, or ``loads`` data) |
| ``max_markdown_bytes`` | 2 MiB | a Markdown file (one article) |
| ``max_front_matter_bytes`` | 1 MiB | a Markdown file's YAML front matter |
| ``max_depth`` | 64 | inline markup in inline markup (emphasis in a link in ...) |
| ``max_blocks`` | 100,000 | blocks in one document (all sections, all articles) |
| ``max_articles`` | 10,000 | articles in one collection |
| ``max_text_length`` | 100,000 | characters in one text field or run (a headline, a URL) |
| ``max_attributes`` | 128 | attributes on one element of XML or HTML, counted before parsing |
| ``max_total_attributes`` | 100,000 | attributes in one XML or HTML document, counted likewise |
| ``max_table_cells`` | 100,000 | table cells in one body, short rows counted as filled in |

The JSON or YAML that carries a document may nest 2 × ``max_depth`` + 16 deep (each level of
inline markup is an object and a list), XML ``max_depth`` + 16. In Markdown, which
markdown-it reads in pure Python (dense markup at about 200 KB a second), ``max_blocks`` and
``max_text_length`` also bound the runs of lines between blank lines, checked before parsing.

Readers check the input's size first and its depth while parsing, and every reader checks
the document it built with :func:`~newsdoc.model.measure.check_document`; the HTML, EPUB and
PDF writers check the document they are given, so a document built in code meets the same
limits before rendering.

Change them for a block of code with :func:`override` (per thread and asyncio task), for the
whole process with :func:`set_defaults`, or from outside the program with environment
variables named after the limit in capitals (``NEWSDOC_MAX_INPUT_BYTES=200000000``), which
also reach the worker processes of a batch.

A PDF costs far more than the other formats: WeasyPrint lays out every box of every page
and keeps them all until the last page is numbered, at a few milliseconds and tens of
kilobytes a box, and a paragraph's line breaking grows with the square of its length.
:func:`~newsdoc.model.measure.check_pdf` bounds that work before WeasyPrint starts, with
limits of their own:

| limit | default | what it bounds |
|---|---|---|
| ``max_pdf_boxes`` | 25,000 | blocks, list items, table cells, inline markup in one PDF |
| ``max_pdf_characters`` | 4,000,000 | characters of text in one PDF (weighted, see below) |
| ``max_pdf_paragraph_characters`` | 10,000 | characters in one paragraph (list item, cell ...) |
| ``max_image_pixels`` | 50,000,000 | pixels of one picture a writer embeds (HTML, EPUB, PDF) |

A paragraph's line breaking (with hyphenation) costs more per character the longer the
paragraph, up to about eight times more once it fills a page: in ``max_pdf_characters`` each
character of a paragraph over 370 characters counts (length / 370) times, at most 8 times.
A 100-article edition of 3,000 words an article, with a table each, is well within them.

Pictures are measured by the size their header declares, before anything decodes them (a
decoded picture takes 4 to 8 bytes a pixel).

>>> current().max_depth
64
>>> with override(max_depth=8):
...     current().max_depth
8
"""

from __future__ import annotations

import contextvars
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs

from newsdoc._lazy import lazy_names
from newsdoc.errors import LimitError, OptionError

__all__ = [
    "Limits",
    "check_depth",
    "check_input",
    "current",
    "data_depth",
    "markup_depth",
    "override",
    "set_defaults",
]


def _positive(instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not int or value < 1:
        raise OptionError(f"limit {attribute.name} must be a whole number >= 1, got {value!r}")


@attrs.frozen(kw_only=True)
class Limits:
    """One set of resource limits (see the module's documentation for each)."""

    max_input_bytes: int = attrs.field(default=64 * 1024 * 1024, validator=_positive)
    max_markdown_bytes: int = attrs.field(default=2 * 1024 * 1024, validator=_positive)
    max_front_matter_bytes: int = attrs.field(default=1024 * 1024, validator=_positive)
    max_depth: int = attrs.field(default=64, validator=_positive)
    max_blocks: int = attrs.field(default=100_000, validator=_positive)
    max_articles: int = attrs.field(default=10_000, validator=_positive)
    max_text_length: int = attrs.field(default=100_000, validator=_positive)
    # Markup: attributes, counted on the bytes before any parser sees them (parsers check an
    # element's attributes for duplicates pairwise, and build an object for each).
    max_attributes: int = attrs.field(default=128, validator=_positive)
    max_total_attributes: int = attrs.field(default=100_000, validator=_positive)

    # What one PDF may hold (check_pdf, before WeasyPrint starts).
    max_pdf_boxes: int = attrs.field(default=25_000, validator=_positive)
    max_pdf_characters: int = attrs.field(default=4_000_000, validator=_positive)
    max_pdf_paragraph_characters: int = attrs.field(default=10_000, validator=_positive)
    # Pixels of one picture, read from its header before anything decodes it.
    max_image_pixels: int = attrs.field(default=50_000_000, validator=_positive)

    # Cells of all the tables of one document, header cells included: in Markdown, counted
    # as each table is parsed (a GFM header row of 1,000 columns over lines of one cell each
    # makes 1,000 cells a line).
    max_table_cells: int = attrs.field(default=100_000, validator=_positive)


def _from_environment() -> Limits:
    given: dict[str, int] = {}
    for field in attrs.fields(Limits):
        raw = os.environ.get(f"NEWSDOC_{field.name.upper()}")
        if raw is None or not raw.strip():
            continue
        try:
            given[field.name] = int(raw.strip().replace("_", ""))
        except ValueError:
            raise OptionError(
                f"NEWSDOC_{field.name.upper()} must be a whole number, got {raw[:40]!r}"
            ) from None
    return Limits(**given)


_DEFAULT: Limits | None = None
_CURRENT: contextvars.ContextVar[Limits | None] = contextvars.ContextVar(
    "newsdoc_limits", default=None
)


def current() -> Limits:
    """The limits in force here: those of the innermost :func:`override`, else the defaults
    (:func:`set_defaults`, else the environment's, else the built-in ones)."""
    return _CURRENT.get() or _default()


def set_defaults(**changes: int) -> Limits:
    """Change the process-wide limits (``set_defaults(max_depth=32)``) and return them."""
    global _DEFAULT
    _DEFAULT = attrs.evolve(_default(), **changes)
    return _DEFAULT


def _default() -> Limits:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = _from_environment()
    return _DEFAULT


@contextmanager
def override(**changes: int) -> Iterator[Limits]:
    """Use other limits inside the block (this thread or task only).

    >>> with override(max_input_bytes=10):
    ...     check_input(b"more than ten bytes")
    Traceback (most recent call last):
    ...
    newsdoc.errors.LimitError: the input is 19 bytes, more than the limit of 10 (max_input_bytes)
    """
    token = _CURRENT.set(attrs.evolve(current(), **changes))
    try:
        yield current()
    finally:
        _CURRENT.reset(token)


def check_input(data: bytes | bytearray | memoryview, source: str | None = None) -> None:
    """Refuse input bytes over ``max_input_bytes``."""
    limit = current().max_input_bytes
    if len(data) > limit:
        raise LimitError(
            f"the input is {len(data)} bytes, more than the limit of {limit} (max_input_bytes)",
            source,
        )


def too_deep(
    what: str, source: str | None = None, path: str = "", limit: int | None = None
) -> LimitError:
    """The error for ``what`` nested deeper than ``limit`` (``max_depth`` if not given)."""
    limit = current().max_depth if limit is None else limit
    return LimitError(f"{what} is nested more than {limit} deep (max_depth)", source, path)


def data_depth() -> int:
    """How deep JSON or YAML data may nest: twice ``max_depth`` (each level of inline markup
    is an object and its list of children) and 16 for the levels of the document itself."""
    return 2 * current().max_depth + 16


def markup_depth() -> int:
    """How deep XML may nest: ``max_depth`` and 16 for the levels of the item itself."""
    return current().max_depth + 16


def check_depth(data: Any, source: str | None = None) -> None:
    """Refuse JSON-like data (dicts and lists) nested deeper than :func:`data_depth`.

    >>> deep = "a value"
    >>> for _ in range(19):
    ...     deep = [deep]
    >>> with override(max_depth=1):  # 2 * 1 + 16 levels allowed
    ...     check_depth(deep)
    Traceback (most recent call last):
    ...
    newsdoc.errors.LimitError: the JSON data is nested more than 18 deep (max_depth)
    """
    limit = data_depth()
    stack: list[tuple[Any, int]] = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if type(value) is dict:
            children: Any = value.values()
        elif type(value) is list:
            children = value
        else:
            continue
        if depth > limit:
            raise too_deep("the JSON data", source, limit=limit)
        for child in children:
            if type(child) is dict or type(child) is list:
                stack.append((child, depth + 1))


# The walk that checks a document against these settings stands on the model
# (:mod:`newsdoc.model.measure`); its public names are still found here, imported on first use.
__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "check_document": "newsdoc.model.measure",
        "check_pdf": "newsdoc.model.measure",
        "surely_within": "newsdoc.model.measure",
    },
)
