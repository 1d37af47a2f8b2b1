"""Field checks shared by the model classes, each carrying its own JSON Schema.

Public for the formats and the markup layer: :data:`BAD_CHARS` (what no text may carry),
:func:`is_clean` and :func:`strip_bad_chars`.

A :class:`Check` is an attrs validator that also knows the JSON Schema fragment of the values
it accepts, so the model's validation and the published schema come from one definition.
The JSON reader calls :meth:`Check.validate` per field to report every problem with its path.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from newsdoc.errors import FieldError
from newsdoc.language import SCHEMA_PATTERN, is_valid_language_tag

T = TypeVar("T")

# Characters no news text carries and XML cannot hold: C0 controls other than tab, newline and
# carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BAD_CHARS_SCHEMA = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff]*$"
_NON_BLANK = r"\S"
_HTTP_URL = re.compile(r"^https?://[^\s/?#]+[^\s]*$", re.IGNORECASE)
_URI = re.compile(r"^[a-z][a-z0-9+.\-]*:[^\s]+$", re.IGNORECASE)
_URN = re.compile(r"^urn:[a-z0-9][a-z0-9\-]{0,31}:[^\s]+$", re.IGNORECASE)
# The same two shapes for JSON Schema, whose patterns have no inline flags.
_HTTP_SCHEMA = r"[Hh][Tt][Tt][Pp][Ss]?://[^\s/?#]+\S*"
_URN_SCHEMA = r"[Uu][Rr][Nn]:[A-Za-z0-9][A-Za-z0-9\-]{0,31}:\S+"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9][a-z0-9.+\-]*$")
# ISO 8601 date-time with a UTC offset (naive date-times are not articles' dates).
_DATETIME_SCHEMA = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|z|[+-]\d\d:\d\d(:\d\d(\.\d+)?)?)$",
}


class Check:
    """An attrs validator that knows the JSON Schema of what it accepts.

    ``test`` returns whether a value is acceptable; ``message`` says what was expected.
    With ``optional`` set, ``None`` is accepted too. ``kind`` names a well-known check
    (``"text"``: a non-blank string) that the fast JSON hooks may write inline.
    ``schema`` is the JSON Schema of accepted values; one without a ``"type"`` key only adds
    keywords (``minItems``) to the schema that the field's type gives, and ``None`` leaves
    that schema as it is.
    """

    __slots__ = ("kind", "message", "optional", "schema", "test")

    def __init__(
        self,
        test: Callable[[Any], bool],
        message: str,
        schema: dict[str, Any] | None,
        *,
        optional: bool = False,
        kind: str = "",
    ) -> None:
        self.kind = kind
        self.test = test
        self.message = message
        self.schema = schema
        self.optional = optional

    def validate(self, value: Any) -> None:
        """Raise :class:`ValueError` with this check's message if ``value`` is not accepted."""
        if value is None and self.optional:
            return
        if not self.test(value):
            raise ValueError(f"{self.message}, got {_show(value)}")

    def __call__(self, instance: object, attribute: Any, value: Any) -> None:
        if value is None and self.optional:
            return
        if not self.test(value):
            detail = f"{self.message}, got {_show(value)}"
            raise FieldError(type(instance).__name__, attribute.name, detail)

    def or_none(self) -> Check:
        """The same check, accepting ``None`` as well."""
        return Check(self.test, self.message, self.schema, optional=True, kind=self.kind)


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def is_clean(value: str) -> bool:
    """Whether ``value`` is free of the characters no text may carry (:data:`BAD_CHARS`)."""
    return BAD_CHARS.search(value) is None


def strip_bad_chars(value: str) -> str:
    """``value`` without the characters no text may carry (:data:`BAD_CHARS`).

    >>> strip_bad_chars("Yere" + chr(0) + "van")
    'Yerevan'
    """
    return BAD_CHARS.sub("", value)


def _is_text(value: Any) -> bool:
    return type(value) is str and BAD_CHARS.search(value) is None and not value.isspace()


def text(*, allow_empty: bool = False) -> Check:
    """A string free of control characters; non-blank unless ``allow_empty``."""
    if allow_empty:
        return Check(
            lambda v: type(v) is str and is_clean(v),
            "expected a string without control characters",
            {"type": "string", "pattern": BAD_CHARS_SCHEMA},
        )
    return Check(
        lambda v: _is_text(v) and v != "",
        "expected a non-empty string without control characters",
        {
            "type": "string",
            "minLength": 1,
            "allOf": [{"pattern": _NON_BLANK}, {"pattern": BAD_CHARS_SCHEMA}],
        },
        kind="text",
    )


def http_url(*, allow_urn: bool = False) -> Check:
    """An absolute http(s) URL, or also a URN when ``allow_urn`` is set."""
    if allow_urn:
        return Check(
            lambda v: type(v) is str and (_HTTP_URL.match(v) or _URN.match(v)) is not None,
            "expected an absolute http(s) URL or a URN",
            {"type": "string", "pattern": f"^(?:{_HTTP_SCHEMA}|{_URN_SCHEMA})$"},
        )
    return Check(
        lambda v: type(v) is str and _HTTP_URL.match(v) is not None,
        "expected an absolute http(s) URL",
        {"type": "string", "format": "uri", "pattern": f"^{_HTTP_SCHEMA}$"},
    )


def uri() -> Check:
    """An absolute URI of any scheme (``tag:``, ``urn:``, ``https:`` ...), as article ids are."""
    return Check(
        lambda v: type(v) is str and _URI.match(v) is not None,
        "expected an absolute URI such as 'urn:newsdoc:123' or 'tag:example.com,2026:1'",
        {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9+.\\-]*:\\S+$"},
    )


def resource() -> Check:
    """An image source: an absolute URL or a relative path (no control characters)."""
    return Check(
        lambda v: type(v) is str and v.strip() == v and v != "" and is_clean(v),
        "expected a URL or a relative file path without surrounding spaces",
        {"type": "string", "minLength": 1, "pattern": "^\\S(.*\\S)?$"},
    )


def language() -> Check:
    """A well-formed BCP 47 language tag."""
    return Check(
        lambda v: type(v) is str and is_valid_language_tag(v),
        "expected a BCP 47 language tag such as 'en', 'hy-AM' or 'sr-Latn'",
        {"type": "string", "pattern": SCHEMA_PATTERN},
    )


def country() -> Check:
    """An ISO 3166-1 alpha-2 country code in capitals, such as ``AM``."""
    return Check(
        lambda v: type(v) is str and _COUNTRY.match(v) is not None,
        "expected an ISO 3166-1 alpha-2 country code in capitals, such as 'AM'",
        {"type": "string", "pattern": "^[A-Z]{2}$"},
    )


def media_type() -> Check:
    """A media type such as ``image/jpeg``."""
    return Check(
        lambda v: type(v) is str and _MEDIA_TYPE.match(v) is not None,
        "expected a media type such as 'image/jpeg'",
        {"type": "string", "pattern": _MEDIA_TYPE.pattern},
    )


def aware_datetime() -> Check:
    """A :class:`datetime.datetime` with a time zone; naive date-times are refused."""
    return Check(
        lambda v: type(v) is _dt.datetime and v.utcoffset() is not None,
        "expected a date-time with a time zone (naive date-times are ambiguous)",
        _DATETIME_SCHEMA,
    )


def date() -> Check:
    """A calendar date (not a date-time)."""
    return Check(
        lambda v: type(v) is _dt.date,
        "expected a calendar date",
        {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d\\d-\\d\\d$"},
    )


def integer(minimum: int, maximum: int | None = None) -> Check:
    """A whole number within the given bounds."""
    schema: dict[str, Any] = {"type": "integer", "minimum": minimum}
    if maximum is None:
        return Check(
            lambda v: type(v) is int and v >= minimum,
            f"expected a whole number >= {minimum}",
            schema,
        )
    schema["maximum"] = maximum
    return Check(
        lambda v: type(v) is int and minimum <= v <= maximum,
        f"expected a whole number from {minimum} to {maximum}",
        schema,
    )


def number(minimum: float, maximum: float) -> Check:
    """A finite number within the given bounds."""
    return Check(
        lambda v: type(v) in (float, int) and math.isfinite(v) and minimum <= v <= maximum,
        f"expected a number from {minimum:g} to {maximum:g}",
        {"type": "number", "minimum": minimum, "maximum": maximum},
    )


def boolean() -> Check:
    """``True`` or ``False``."""
    return Check(lambda v: type(v) is bool, "expected true or false", {"type": "boolean"})


def one_of(*types: type) -> Check:
    """An instance of one of ``types`` (a model class or an enum); the schema comes from them."""
    names = " or ".join(t.__name__ for t in types)
    return Check(lambda v: isinstance(v, types), f"expected {names}", None)


def tuple_of(*types: type, min_items: int = 0) -> Check:
    """A tuple whose items are instances of ``types``."""
    names = " or ".join(t.__name__ for t in types)
    if len(types) == 1:
        only = types[0]

        def test(v: Any) -> bool:
            return type(v) is tuple and len(v) >= min_items and all(type(i) is only for i in v)
    else:

        def test(v: Any) -> bool:
            return type(v) is tuple and len(v) >= min_items and all(isinstance(i, types) for i in v)

    least = f"at least {min_items} " if min_items else ""
    schema = {"minItems": min_items} if min_items else None
    return Check(test, f"expected a list of {least}{names}", schema)


def tuple_of_text(*, min_items: int = 0) -> Check:
    """A tuple of non-empty strings (keywords, topics)."""
    return Check(
        lambda v: type(v) is tuple and len(v) >= min_items and all(_is_text(i) and i for i in v),
        "expected a list of non-empty strings",
        {"type": "array", "items": text().schema, "minItems": min_items},
    )


def to_tuple(value: Iterable[T]) -> tuple[T, ...]:
    """Converter: accept any iterable (a list, say) where the model keeps a tuple."""
    if type(value) is tuple:
        return value
    if isinstance(value, str | bytes | dict):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return tuple(value)
