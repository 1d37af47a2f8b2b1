"""JSON text to data, refusing what a JSON parser lets through silently.

:func:`check_json` parses with orjson, then refuses (:class:`~newsdoc.errors.InvalidDocumentError`)

- an object with the same key twice (``{"headline": "A", "headline": "B"}``): RFC 8259 leaves
  its meaning open, and parsers disagree on which value wins, so two programs could read two
  different articles from one file; the error names the key and where it is;
- data nested deeper than the ``max_depth`` limit (:class:`~newsdoc.errors.LimitError`).

The newsdoc JSON and ninjs readers both read through it.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

import orjson

from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.limits import data_depth, too_deep

__all__ = ["Shape", "check_json", "json_type", "measured_json", "parse_json", "shape_of"]

# Every string of a JSON text, and whether a colon follows it (then it is a key). In valid JSON
# no quote stands outside a string, so matches found left to right start at opening quotes.
_STRINGS = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"(\s*:)?')
_SPACED_KEY = re.compile(rb'"[ \t\r\n]+:')


_NAMES = {
    str: "a string",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
    type(None): "null",
}


def json_type(value: Any) -> str:
    """The JSON type of ``value`` in words, for error messages.

    >>> json_type("x"), json_type(None), json_type([1])
    ('a string', 'null', 'a list')
    """
    return _NAMES.get(type(value), type(value).__name__)


def parse_json(text: str | bytes, source: str | None = None) -> Any:
    """``text`` parsed, or the error saying where it is not JSON."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        message = str(exc.msg)[:120]
        if "depth" in message or "recursion" in message:
            raise too_deep("the JSON data", source, limit=data_depth()) from None
        raise InvalidDocumentError(
            [Problem("", f"not valid JSON: {message} at line {exc.lineno}, column {exc.colno}")],
            source,
        ) from None


class Shape(NamedTuple):
    """What one walk over parsed JSON data found: the number of keys of all its objects, the
    characters of all its strings (keys left out), the number of objects, and how deep its
    objects and lists nest (the top one is 1)."""

    keys: int
    texts: int
    objects: int
    depth: int


def check_json(text: str | bytes, source: str | None = None) -> Any:
    """``text`` parsed, after refusing duplicate keys and too deep nesting (see above).

    >>> check_json(b'{"headline": "A", "headline": "B"}')
    Traceback (most recent call last):
    ...
    newsdoc.errors.InvalidDocumentError: invalid document (1 problem):
      headline: the key 'headline' appears twice in one object; which value is meant cannot be told
    """
    return measured_json(text, source)[0]


def measured_json(text: str | bytes, source: str | None = None) -> tuple[Any, Shape]:
    """:func:`check_json`, with the :class:`Shape` of the data found on the way.

    >>> measured_json(b'{"a": ["xy", {"b": 1}]}')[1]
    Shape(keys=2, texts=2, objects=2, depth=3)
    """
    data = parse_json(text, source)
    shape = shape_of(data, source)
    raw = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else bytes(text)
    if _keys_in_text(raw, shape.keys) != shape.keys:
        _refuse_duplicate(raw, source)
    return data, shape


def shape_of(data: Any, source: str | None = None) -> Shape:
    """The :class:`Shape` of ``data``; refuses nesting deeper than the limits allow
    (:func:`newsdoc.limits.data_depth`)."""
    limit = data_depth()
    keys = texts = objects = deepest = 0
    stack: list[tuple[Any, int]] = [(data, 1)]
    pop, push = stack.pop, stack.append
    if type(data) is str:
        texts = len(data)
    while stack:
        value, depth = pop()
        if type(value) is dict:
            keys += len(value)
            objects += 1
            children: Any = value.values()
        elif type(value) is list:
            children = value
        else:
            continue
        if depth > deepest:
            if depth > limit:
                raise too_deep("the JSON data", source, limit=limit)
            deepest = depth
        for child in children:
            kind = type(child)
            if kind is str:
                texts += len(child)
            elif kind is dict or kind is list:
                push((child, depth + 1))
    return Shape(keys, texts, objects, deepest)


def _keys_in_text(raw: bytes, expected: int) -> int:
    """How many keys the JSON text ``raw`` writes (each occurrence), ``expected`` the number
    its parsed objects hold (fewer when a key is given twice in one object)."""
    if _SPACED_KEY.search(raw) is None and raw.count(b'":') == expected:
        # No key has white space before its colon, so each key is one '":' and strings that
        # hold '":' only add to that count: it cannot equal ``expected`` if a key is lost.
        return expected
    found = _STRINGS.findall(raw)
    return len(found) - found.count(b"")


class _Object(dict[str, Any]):
    """A JSON object that remembers the keys it was given more than once."""

    duplicates: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> _Object:
    made = _Object(pairs)
    made.duplicates = []
    if len(made) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                made.duplicates.append(key)
            seen.add(key)
    return made


def _refuse_duplicate(raw: bytes, source: str | None) -> None:
    """Find a key given twice in one object and raise the error naming it and its path."""
    try:
        data = json.loads(
            raw.decode("utf-8", "surrogatepass"),
            object_pairs_hook=_pairs,
            parse_int=lambda _: 0,
            parse_float=lambda _: 0.0,
            parse_constant=lambda _: 0.0,
        )
    except (ValueError, RecursionError):  # orjson read it; the counts only disagreed
        return
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        value, path = stack.pop()
        if isinstance(value, _Object):
            if value.duplicates:
                key = value.duplicates[0]
                where = f"{path}.{key}" if path else key
                raise InvalidDocumentError(
                    [
                        Problem(
                            where[:200],
                            f"the key {excerpt(key)} appears twice in one object; which value "
                            "is meant cannot be told",
                        )
                    ],
                    source,
                )
            stack.extend((v, f"{path}.{k}" if path else k) for k, v in value.items())
        elif type(value) is list:
            stack.extend((v, f"{path}[{i}]") for i, v in enumerate(value))
