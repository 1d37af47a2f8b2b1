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
the document it built with :func:`check_document`; the HTML, EPUB and PDF writers check the
document they are given, so a document built in code meets the same limits before rendering.

Change them for a block of code with :func:`override` (per thread and asyncio task), for the
whole process with :func:`set_defaults`, or from outside the program with environment
variables named after the limit in capitals (``NEWSDOC_MAX_INPUT_BYTES=200000000``), which
also reach the worker processes of a batch.

A PDF costs far more than the other formats: WeasyPrint lays out every box of every page
and keeps them all until the last page is numbered, at a few milliseconds and tens of
kilobytes a box, and a paragraph's line breaking grows with the square of its length.
:func:`check_pdf` bounds that work before WeasyPrint starts, with limits of their own:

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
import operator
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import attrs

from newsdoc.errors import LimitError, OptionError

if TYPE_CHECKING:
    from newsdoc.model import Document

__all__ = [
    "surely_within",
    "Limits",
    "check_depth",
    "check_document",
    "check_input",
    "check_pdf",
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


def check_document(document: Document, source: str | None = None) -> None:
    """Refuse a document beyond the limits: too many articles or blocks, inline markup
    nested too deeply, or a text longer than ``max_text_length``.

    >>> import newsdoc
    >>> with override(max_text_length=5):  # doctest: +ELLIPSIS
    ...     check_document(newsdoc.Article(id="urn:newsdoc:1", headline="Too long"))
    Traceback (most recent call last):
    ...
    newsdoc.errors.LimitError: headline: the text is 8 characters long, ... (max_text_length)
    """
    if not _within(document):
        _check_with_paths(document, source)


def surely_within(texts: int, objects: int, depth: int) -> bool:
    """Whether a document read from JSON-like data is surely within the limits, so that
    :func:`check_document` need not walk it: the data's strings hold ``texts`` characters in
    all, and it has ``objects`` objects (dicts) nested at most ``depth`` deep.

    Each text of the model is one of those strings, or runs of them joined, or a short
    default; each block, each article and each level of inline markup is one of the objects.

    >>> surely_within(5_000, 200, 12), surely_within(5_000, 200, 200)
    (True, False)
    """
    limits = current()
    _fields()
    return (
        texts + _LONGEST_DEFAULT[0] <= limits.max_text_length
        and objects <= limits.max_blocks
        and objects <= limits.max_articles
        and depth <= limits.max_depth
    )


def _within(document: Document) -> bool:
    """The walk of :func:`check_document` without paths: whether all is within the limits."""
    limits = current()
    fields = _fields()
    kinds, values = _INLINE_OR_BLOCK, _VALUES
    from newsdoc.model.article import Collection

    if type(document) not in fields:
        return False  # not a model document: the walk with paths says what it makes of it
    if type(document) is Collection and len(document.articles) > limits.max_articles:
        return False
    longest = limits.max_text_length
    deepest = limits.max_depth
    room = limits.max_blocks
    stack: list[tuple[Any, int]] = [(document, 0)]
    pop, push = stack.pop, stack.append
    while stack:
        value, depth = pop()
        kind = type(value)
        if kind is tuple:
            items: Any = value
        else:
            inline, block = kinds[kind]
            if inline:
                depth += 1
                if depth > deepest:
                    return False
            elif block:
                room -= 1
                if room < 0:
                    return False
            items = values[kind](value)
        for item in items:
            kind = type(item)
            if kind is str:
                if len(item) > longest:
                    return False
            elif kind is tuple or kind in fields:
                push((item, depth))
    return True


def _check_with_paths(document: Document, source: str | None = None) -> None:
    """:func:`check_document`'s walk keeping the path of each value, to name it."""
    limits = current()
    fields = _fields()
    from newsdoc.model.article import Collection

    if type(document) is Collection and len(document.articles) > limits.max_articles:
        raise LimitError(
            f"the collection holds {len(document.articles)} articles, more than the limit of "
            f"{limits.max_articles} (max_articles)",
            source,
        )
    longest = limits.max_text_length
    deepest = limits.max_depth
    blocks = 0
    # (value, path as a tuple of names and indexes, inline depth)
    stack: list[tuple[Any, tuple[str | int, ...], int]] = [(document, (), 0)]
    while stack:
        value, path, depth = stack.pop()
        kind = type(value)
        if kind is str:
            if len(value) > longest:
                raise LimitError(
                    f"the text is {len(value)} characters long, more than the limit of "
                    f"{longest} (max_text_length)",
                    source,
                    _path(path),
                )
            continue
        if kind is tuple:
            for index, item in enumerate(value):
                if type(item) is not int:
                    stack.append((item, (*path, index), depth))
            continue
        names = fields.get(kind)
        if names is None:
            continue  # a date, a number, an enum member, None
        inline, block = _INLINE_OR_BLOCK.get(kind, (False, False))
        if inline:
            depth += 1
            if depth > deepest:
                raise too_deep("inline markup", source, _path(path))
        elif block:
            blocks += 1
            if blocks > limits.max_blocks:
                raise LimitError(
                    f"the document holds more than {limits.max_blocks} blocks (max_blocks)",
                    source,
                    _path(path),
                )
        for name in names:
            item = getattr(value, name)
            if item is not None:
                stack.append((item, (*path, name), depth))


_FIELDS: dict[type, tuple[str, ...]] = {}
_INLINE_OR_BLOCK: dict[type, tuple[bool, bool]] = {}
_LONGEST_DEFAULT = [0]  # the longest default text of a model field
# A function giving the values of those fields of an object, as a tuple.
_VALUES: dict[type, Any] = {}


def _values_of(names: tuple[str, ...]) -> Any:
    if not names:
        return lambda _: ()
    if len(names) == 1:
        name = names[0]
        return lambda value: (getattr(value, name),)
    return operator.attrgetter(*names)


def _fields() -> dict[type, tuple[str, ...]]:
    """The fields worth walking of every model class (text, tuples and nested objects)."""
    if _FIELDS:
        return _FIELDS
    from newsdoc.model.article import Collection
    from newsdoc.model.blocks import BLOCK_TYPES
    from newsdoc.model.inline import INLINE_TYPES

    pending: list[type] = [Collection, *BLOCK_TYPES, *INLINE_TYPES]
    found: dict[type, tuple[str, ...]] = {}
    while pending:
        cls = pending.pop()
        if cls in found:
            continue
        attrs.resolve_types(cls)
        names = []
        for field in attrs.fields(cls):
            if type(field.default) is str:
                _LONGEST_DEFAULT[0] = max(_LONGEST_DEFAULT[0], len(field.default))
            classes = _classes_in(field.type)
            pending.extend(classes)
            if classes or _holds_text(field.type):
                names.append(field.name)
        found[cls] = tuple(names)
    for cls in found:
        _INLINE_OR_BLOCK[cls] = (cls in INLINE_TYPES, cls in BLOCK_TYPES)
        _VALUES[cls] = _values_of(found[cls])
    _FIELDS.update(found)
    return _FIELDS


def _classes_in(t: Any) -> list[type]:
    if isinstance(t, type) and attrs.has(t):
        return [t]
    return [c for arg in getattr(t, "__args__", ()) for c in _classes_in(arg)]


def _holds_text(t: Any) -> bool:
    return t is str or any(_holds_text(arg) for arg in getattr(t, "__args__", ()))


def _path(parts: tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        if type(part) is int:
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


# What one PDF may hold --------------------------------------------------------------------

_RAISE_HOW = (
    "split the document, or raise the limit (NEWSDOC_{name}=N in the environment, "
    "newsdoc.limits.override({field}=N) in Python)"
)


def _pdf_error(what: str, field: str, source: str | None, path: str = "") -> LimitError:
    how = _RAISE_HOW.format(name=field.upper(), field=field)
    return LimitError(
        f"{what} ({field}): WeasyPrint would take too long or too much memory on it; {how}",
        source,
        path,
    )


def check_pdf(document: Document, source: str | None = None) -> None:
    """Refuse a document too large to become one PDF in reasonable time and memory, before
    WeasyPrint starts: more boxes to lay out than ``max_pdf_boxes`` (each block, list item,
    table cell, inline markup element and other part of the document counts one), more text
    than ``max_pdf_characters``, or one run of text (a paragraph, list item, table cell,
    caption, headline, code block) longer than ``max_pdf_paragraph_characters``.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi", sections=[
    ...     newsdoc.Section(blocks=[newsdoc.Paragraph(content="One.")] * 3)])
    >>> with override(max_pdf_boxes=3):  # doctest: +ELLIPSIS
    ...     check_pdf(article)
    Traceback (most recent call last):
    ...
    newsdoc.errors.LimitError: the PDF would lay out 5 boxes ... of 3 (max_pdf_boxes): ...
    """
    limits = current()
    fields = _fields()
    from newsdoc.model.blocks import ListBlock, Table
    from newsdoc.model.inline import INLINE_TYPES, Text

    longest = limits.max_pdf_paragraph_characters
    boxes = characters = 0
    # (value, path as a tuple of names and indexes, whether inside a run of inline text)
    stack: list[tuple[Any, tuple[str | int, ...], bool]] = [(document, (), False)]
    while stack:
        value, path, in_run = stack.pop()
        kind = type(value)
        if kind is str:
            if not in_run:
                characters += _weighted(len(value))
                if len(value) > longest:
                    raise _long_run(len(value), longest, source, path)
            continue
        if kind is tuple:
            run = not in_run and bool(value) and isinstance(value[0], INLINE_TYPES)
            if run:
                length = _text_length(value, fields)
                characters += _weighted(length)
                if length > longest:
                    raise _long_run(length, longest, source, path)
            for index, item in enumerate(value):
                if type(item) is not int:
                    stack.append((item, (*path, index), in_run or run))
            continue
        names = fields.get(kind)
        if names is None:
            continue  # a date, a number, an enum member, None
        if kind is not Text:
            boxes += 1
        if kind is ListBlock:
            boxes += len(value.items)
        elif kind is Table:
            boxes += len(value.header) + sum(len(row) for row in value.rows)
        for name in names:
            item = getattr(value, name)
            if item is not None:
                stack.append((item, (*path, name), in_run))
    if boxes > limits.max_pdf_boxes:
        raise _pdf_error(
            f"the PDF would lay out {boxes} boxes (blocks, list items, table cells, inline "
            f"markup, other parts), more than the limit of {limits.max_pdf_boxes}",
            "max_pdf_boxes",
            source,
        )
    if characters > limits.max_pdf_characters:
        raise _pdf_error(
            f"the PDF would hold {characters} characters of text (those of paragraphs over "
            f"{_SHORT} characters counted up to {_MOST} times), more than the limit of "
            f"{limits.max_pdf_characters}",
            "max_pdf_characters",
            source,
        )


# A paragraph of this many characters costs WeasyPrint the least per character; each
# character of a longer one counts (length / _SHORT) times, at most _MOST times (measured:
# line breaking with hyphenation costs up to eight times more per character from about
# 3,000 characters, when one paragraph fills a page).
_SHORT = 370
_MOST = 8


def _weighted(length: int) -> int:
    """The characters of a run of ``length``, weighted by what they cost to lay out."""
    return length * min(_MOST * _SHORT, max(_SHORT, length)) // _SHORT


def _long_run(
    length: int, limit: int, source: str | None, path: tuple[str | int, ...]
) -> LimitError:
    return _pdf_error(
        f"a run of text of {length} characters, more than the limit of {limit} in a PDF "
        "(breaking a paragraph into lines costs more per character the longer it is)",
        "max_pdf_paragraph_characters",
        source,
        _path(path),
    )


def _text_length(value: Any, fields: dict[type, tuple[str, ...]]) -> int:
    """The characters of the strings in ``value`` (inline text) and all it holds."""
    total = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        kind = type(item)
        if kind is str:
            total += len(item)
        elif kind is tuple:
            stack.extend(item)
        else:
            names = fields.get(kind)
            if names:
                stack.extend(getattr(item, name) for name in names)
    return total
