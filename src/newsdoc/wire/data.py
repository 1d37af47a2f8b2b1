"""The model's data form: a document as plain JSON data (dicts, lists, strings, numbers) and back.

:func:`to_dict` and :func:`from_dict` are newsdoc JSON without the bytes: the JSON format
(:mod:`newsdoc.formats.json`) reads and writes through them, and so do the formats that carry
a document's data inside their own (Markdown front matter, the JSON a PDF attaches). They run
the generated hooks of :mod:`newsdoc.wire.fast`; only when those fail does the detailed
converter of :mod:`newsdoc.wire.detailed` walk the data to name every problem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import orjson

from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.limits import check_input
from newsdoc.markup.json_text import Shape, json_type, measured_json, shape_of
from newsdoc.model import Document
from newsdoc.model.article import Article, Collection, KeyPoint
from newsdoc.model.inline import Inline
from newsdoc.model.measure import check_document, surely_within
from newsdoc.wire.tags import FAST_STRUCTURE, FAST_UNSTRUCTURE

__all__ = [
    "FORMAT_VERSION",
    "from_data",
    "from_dict",
    "from_json",
    "inlines_to_data",
    "to_dict",
    "to_json",
]

#: The version of the JSON format this module writes and reads.
FORMAT_VERSION = 1

_ARTICLE_TO_DICT = FAST_UNSTRUCTURE[Article]
_COLLECTION_TO_DICT = FAST_UNSTRUCTURE[Collection]
_KEY_POINT_TO_DICT = FAST_UNSTRUCTURE[KeyPoint]
_FROM_DICT: dict[str, tuple[type, Callable[..., Any]]] = {
    "article": (Article, FAST_STRUCTURE[Article]),
    "collection": (Collection, FAST_STRUCTURE[Collection]),
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
    already checked against the limits (as :func:`newsdoc.formats.json.loads` does while parsing).

    >>> data = {"newsdoc": 1, "kind": "article", "id": "urn:newsdoc:1", "headline": "Hi"}
    >>> from_dict(data).headline
    'Hi'
    """
    return from_data(data, source, None, measure=not checked)


def from_data(
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
        from newsdoc.wire.detailed import problems_in

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


def to_json(document: Document, *, indent: bool = True) -> bytes:
    """A document as newsdoc JSON bytes (UTF-8; pretty-printed, one line per value, unless
    ``indent=False``): what the JSON format writes, and what a PDF attaches.

    >>> from newsdoc import Article
    >>> to_json(Article(id="urn:newsdoc:1", headline="Hi"), indent=False)
    b'{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
    """
    option = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if indent else 0
    return orjson.dumps(to_dict(document), option=option)


def from_json(data: bytes | str, source: str | None = None) -> Document:
    """A document from newsdoc JSON bytes or text, checked against the limits (its size
    first): what the JSON format reads, and what a PDF's attachment holds.

    >>> from_json(b'{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').id
    'urn:newsdoc:1'
    """
    check_input(data.encode("utf-8") if isinstance(data, str) else data, source)
    parsed, shape = measured_json(data, source)
    return from_data(parsed, source, shape)
