"""newsdoc JSON read and written: the code of :mod:`newsdoc.formats.json`, whose docstring says
what it does; the package imports this module on first use, so that its ``options`` stay light
for the command line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs
import orjson

from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.formats._fastjson import make_hooks
from newsdoc.formats.json.options import JsonOptions
from newsdoc.limits import check_input
from newsdoc.markup.json_text import Shape, json_type, measured_json, shape_of
from newsdoc.model import Document
from newsdoc.model.article import Article, Collection, KeyPoint
from newsdoc.model.blocks import (
    BLOCK_TYPES,
    Figure,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
)
from newsdoc.model.inline import (
    INLINE_TYPES,
    Code,
    Emphasis,
    Inline,
    InlineQuote,
    LineBreak,
    Link,
    Strong,
    Text,
)
from newsdoc.model.measure import check_document, surely_within
from newsdoc.options import resolve

__all__ = ["FORMAT_VERSION", "dumps", "from_dict", "loads", "read", "to_dict", "write"]

#: The version of the JSON format this module writes and reads.
FORMAT_VERSION = 1

Kind = Literal["article", "collection"]

#: Tag (the ``"type"`` value) of each block and inline class in JSON.
TAGS: dict[type, str] = {
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Table: "table",
    Preformatted: "preformatted",
    Text: "text",
    Emphasis: "emphasis",
    Strong: "strong",
    Link: "link",
    LineBreak: "line_break",
    InlineQuote: "inline_quote",
    Code: "code",
}
KINDS: dict[str, type[Article] | type[Collection]] = {"article": Article, "collection": Collection}
_BLOCK_UNION = Paragraph | Quote | ListBlock | Figure | Table | Preformatted
_INLINE_UNION = Text | Emphasis | Strong | Link | LineBreak | InlineQuote | Code


def _model_classes() -> list[type]:
    """Every attrs class reachable from Article and Collection."""
    seen: list[type] = []
    pending: list[type] = [Collection, *BLOCK_TYPES, *INLINE_TYPES]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.append(cls)
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            pending.extend(_attrs_classes_in(field.type))
    return seen


def _attrs_classes_in(t: Any) -> list[type]:
    if isinstance(t, type) and attrs.has(t):
        return [t]
    return [c for arg in getattr(t, "__args__", ()) for c in _attrs_classes_in(arg)]


_CLASSES = _model_classes()
_FAST_STRUCTURE, _FAST_UNSTRUCTURE = make_hooks(
    _CLASSES, TAGS, _INLINE_UNION, _BLOCK_UNION, BLOCK_TYPES
)


_ARTICLE_TO_DICT = _FAST_UNSTRUCTURE[Article]
_COLLECTION_TO_DICT = _FAST_UNSTRUCTURE[Collection]
_KEY_POINT_TO_DICT = _FAST_UNSTRUCTURE[KeyPoint]
_FROM_DICT: dict[str, tuple[type, Callable[..., Any]]] = {
    "article": (Article, _FAST_STRUCTURE[Article]),
    "collection": (Collection, _FAST_STRUCTURE[Collection]),
}


def to_dict(document: Document) -> dict[str, Any]:
    """Turn an article or collection into plain JSON data (dicts, lists, strings, numbers).

    >>> from newsdoc import Article
    >>> to_dict(Article(id="urn:newsdoc:1", headline="Hello"))
    {'newsdoc': 1, 'kind': 'article', 'id': 'urn:newsdoc:1', 'headline': 'Hello'}
    """
    if type(document) is Article:
        return {"newsdoc": FORMAT_VERSION, "kind": "article", **_ARTICLE_TO_DICT(document)}
    if type(document) is Collection:
        return {"newsdoc": FORMAT_VERSION, "kind": "collection", **_COLLECTION_TO_DICT(document)}
    raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")


def inlines_to_data(nodes: Iterable[Inline]) -> str | list[Any]:
    """Inline nodes as newsdoc JSON gives them: a bare string for one run of plain text,
    else a list of strings and tagged objects.

    >>> from newsdoc import Emphasis, Text
    >>> inlines_to_data([Text(text="It "), Emphasis(children="rained")])
    ['It ', {'type': 'emphasis', 'children': 'rained'}]
    """
    found = tuple(nodes)
    if not found:
        return []
    text: Any = _KEY_POINT_TO_DICT(KeyPoint(text=found))["text"]
    return text if isinstance(text, str) else list(text)


def from_dict(data: Any, source: str | None = None, *, checked: bool = False) -> Document:
    """Build an article or collection from JSON data, validating all of it.

    Raises :class:`~newsdoc.errors.InvalidDocumentError` listing every problem.
    ``source`` names the file in that error's message. ``checked`` says the data's depth was
    already checked against the limits (as :func:`loads` does while parsing).

    >>> data = {"newsdoc": 1, "kind": "article", "id": "urn:newsdoc:1", "headline": "Hi"}
    >>> from_dict(data).headline
    'Hi'
    """
    return _from_data(data, source, None, measure=not checked)


def _from_data(
    data: Any, source: str | None, shape: Shape | None, *, measure: bool = False
) -> Document:
    """:func:`from_dict`; with the data's ``shape`` (found here if ``measure``), the document
    is walked for the limits only when the shape cannot tell it is within them."""
    if type(data) is not dict:
        raise InvalidDocumentError(
            [Problem("", f"expected a JSON object, got {json_type(data)}")], source
        )
    version = data.get("newsdoc")
    kind = data.get("kind", "article")
    if (
        version != FORMAT_VERSION
        or type(version) is not int
        or type(kind) is not str
        or kind not in _FROM_DICT
    ):
        raise InvalidDocumentError(_envelope_problems(version, kind), source)
    if measure:
        shape = shape_of(data, source)
    cls, structure = _FROM_DICT[kind]
    try:
        # The fast hook reads everything but the two envelope keys checked above.
        document: Document = structure(data, 2 if "kind" in data else 1)
    except Exception:  # the fast path failed: find every problem, with its path
        from newsdoc.formats.json._detailed import problems_in

        body = {k: v for k, v in data.items() if k != "newsdoc" and k != "kind"}
        problems = problems_in(body, cls)
        if not problems:  # pragma: no cover - the two converters agree on what is valid
            raise AssertionError("newsdoc's fast and detailed JSON converters disagree") from None
        raise InvalidDocumentError(problems, source) from None
    if shape is None or not surely_within(shape.texts, shape.objects, shape.depth):
        check_document(document, source)
    return document


def _envelope_problems(version: Any, kind: Any) -> list[Problem]:
    problems = []
    if version is None:
        problems.append(
            Problem(
                "newsdoc",
                f"required: the format version ({FORMAT_VERSION}); is this a "
                "newsdoc JSON document?",
            )
        )
    elif version != FORMAT_VERSION or type(version) is not int:
        problems.append(
            Problem(
                "newsdoc",
                f"unsupported format version {excerpt(version)}; this newsdoc reads "
                f"version {FORMAT_VERSION}",
            )
        )
    if type(kind) is not str or kind not in _FROM_DICT:
        problems.append(Problem("kind", f"expected 'article' or 'collection', got {excerpt(kind)}"))
    return problems


def dumps(document: Document, *, indent: bool = True) -> str:
    """Serialise an article or collection to JSON text (pretty-printed unless ``indent=False``).

    >>> from newsdoc import Article
    >>> dumps(Article(id="urn:newsdoc:1", headline="Hi"), indent=False)
    '{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
    """
    return write(document, indent=indent).decode("utf-8")


def loads(text: str | bytes, source: str | None = None) -> Document:
    """Parse JSON text into an article or collection; see :func:`from_dict`.

    >>> loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').headline
    'Hi'
    """
    data, shape = measured_json(text, source)
    return _from_data(data, source, shape)


def write(document: Document, options: JsonOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: UTF-8 JSON bytes.

    >>> from newsdoc import Article
    >>> write(Article(id="urn:newsdoc:1", headline="Hi"))[:14]
    b'{\\n  "newsdoc":'
    """
    indent = resolve(JsonOptions, "json", options, given).indent
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if indent else 0
    return orjson.dumps(to_dict(document), option=option)


def read(
    data: bytes, options: JsonOptions | None = None, /, *, source: str | None = None, **given: Any
) -> Document:
    """The registry's reader: UTF-8 JSON bytes to a document.

    >>> read(b'{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').id
    'urn:newsdoc:1'
    """
    resolve(JsonOptions, "json", options, given)
    check_input(data, source)
    return loads(data, source)
