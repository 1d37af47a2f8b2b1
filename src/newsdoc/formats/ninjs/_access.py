"""Typed access to ninjs JSON data, for the reader: every value it takes is checked.

A ninjs item is JSON that anyone may have written. :class:`Node` wraps one object with its
path in the item (``places[0].geoJSON``) and hands out its values by the type the reader
needs, so that

- a value of the wrong JSON type (a string where an object belongs) is an
  :class:`~newsdoc.errors.InvalidDocumentError` naming its path;
- text holding a character no format can carry is an error naming the character;
- a value of the right type that newsdoc cannot use (an impossible date, urgency 42, a
  coordinate that is not a number) is left out with a ``dropped`` warning, or replaced with
  an ``assumed`` warning, naming its path (:func:`newsdoc.diagnostics.warn`);
- a model object that refuses what it is given becomes an error naming the path.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, InvalidDocumentError, Problem, excerpt
from newsdoc.markup.json_text import json_type
from newsdoc.model import checks as C

__all__ = ["Node"]

T = TypeVar("T")
_BREAKS = re.compile("[\t\n\r]+")


class Node:
    """One JSON object of the item, at ``path``; ``source`` names the file in errors."""

    __slots__ = ("data", "path", "source")

    def __init__(self, data: dict[str, Any], path: str, source: str | None) -> None:
        self.data = data
        self.path = path
        self.source = source

    def at(self, key: str | int) -> str:
        """The path of ``key`` in this object (or of item ``key`` of a list)."""
        if isinstance(key, int):
            return f"{self.path}[{key}]"
        return f"{self.path}.{key}" if self.path else key

    def fail(self, key: str | int | None, message: str) -> NoReturn:
        path = self.path if key is None else self.at(key)
        raise InvalidDocumentError([Problem(path, message)], self.source)

    def drop(self, key: str, message: str) -> None:
        """Say that the value at ``key`` is left out, and why."""
        warn(f"{message}; left out", code="dropped", where=self.at(key))

    def assume(self, key: str, message: str) -> None:
        warn(message, code="assumed", where=self.at(key))

    def get(self, key: str) -> Any:
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return self.data.get(key) is not None

    # ------------------------------------------------------------------ values by type

    def string(self, key: str) -> str | None:
        """A string as it is (``None`` when absent or null); other types are errors."""
        value = self.data.get(key)
        if value is None:
            return None
        if type(value) is not str:
            self.fail(key, f"expected a string, got {json_type(value)}")
        return value

    def text(self, key: str) -> str | None:
        """Text with content (``None`` when absent, null or blank); text holding a character
        no format can carry is an error naming it."""
        value = self.string(key)
        if value is None or not value.strip():
            return None
        note = C.bad_char_note(value)
        if note is not None:
            self.fail(key, note)
        return value

    def line(self, key: str) -> str | None:
        """Text on one line (a name, a keyword, a place): tabs and line breaks in it are
        read as spaces, with a warning."""
        value = self.text(key)
        if value is None or _BREAKS.search(value) is None:
            return value
        self.assume(key, "tabs and line breaks in a name read as spaces")
        return _BREAKS.sub(" ", value).strip()

    def node(self, key: str) -> Node | None:
        """The object at ``key`` (``None`` when absent or null)."""
        value = self.data.get(key)
        if value is None:
            return None
        if type(value) is not dict:
            self.fail(key, f"expected an object, got {json_type(value)}")
        return Node(value, self.at(key), self.source)

    def nodes(self, key: str) -> list[Node]:
        """The objects of the list at ``key`` (empty when absent or null)."""
        value = self.data.get(key)
        if value is None:
            return []
        if type(value) is not list:
            self.fail(key, f"expected a list, got {json_type(value)}")
        found = []
        path = self.at(key)
        for index, item in enumerate(value):
            if type(item) is not dict:
                where = f"{path}[{index}]"
                raise InvalidDocumentError(
                    [Problem(where, f"expected an object, got {json_type(item)}")], self.source
                )
            found.append(Node(item, f"{path}[{index}]", self.source))
        return found

    def url(self, key: str, check: C.Check) -> str | None:
        """A URL that passes ``check``; any other string is left out with a warning."""
        value = self.string(key)
        if value is None:
            return None
        value = value.strip()
        if not check.test(value):
            self.drop(key, check.detail(value))
            return None
        return value

    def when(self, key: str) -> Any:
        """A date-time the model takes; any other string is left out with a warning."""
        value = self.string(key)
        if value is None:
            return None
        parsed = C.parse_datetime(value)
        if parsed is None:
            self.drop(
                key,
                f"{excerpt(value)} is not an ISO 8601 date-time with a time zone (from year "
                "1 to 9999, its UTC offset in whole minutes up to ±14:00)",
            )
        return parsed

    def whole(self, key: str, minimum: int, maximum: int) -> int | None:
        """A whole number within the bounds (a JSON number, ``4.0`` too); other numbers are
        left out with a warning; other types are errors."""
        value = self.data.get(key)
        if value is None:
            return None
        if type(value) is not int and type(value) is not float:
            self.fail(key, f"expected a whole number, got {json_type(value)}")
        if (
            math.isfinite(value)
            and value == int(value)
            and minimum <= value <= maximum
            and (type(value) is int or abs(value) < 2**53)
        ):
            return int(value)
        self.drop(key, f"expected a whole number from {minimum} to {maximum}, got {excerpt(value)}")
        return None

    def make(self, key: str | None, build: Callable[..., T], /, **fields: Any) -> T:
        """``build(**fields)``; a value the model refuses is an error naming its path."""
        try:
            return build(**fields)
        except FieldError as exc:
            where = self.path if key is None else self.at(key)
            path = f"{where}.{exc.field}" if where else exc.field
            raise InvalidDocumentError([Problem(path, exc.detail)], self.source) from None
