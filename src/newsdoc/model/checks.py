"""Field checks shared by the model classes, each carrying its own JSON Schema.

Public for the formats and the markup layer: :data:`BAD_CHARS` (what no text may carry),
:func:`is_clean`, :func:`strip_bad_chars` and :func:`bad_char_note`; :func:`datetime_ok`,
:func:`parse_datetime` and :func:`parse_int`, so that readers accept exactly the dates and
numbers the model does (and can say so when they leave one out).

What the model refuses because no format can carry it:

- control characters (C0 other than tab, newline and carriage return), lone surrogates and
  U+FFFE/U+FFFF in any text, id, URL or link target (XML cannot hold them); in names,
  labels, keywords, places, the section and the genre, tabs and line breaks too (NewsML-G2
  holds those as one-line strings);
- whole numbers (a version, an image's width) above :data:`MAX_INT`, 2,147,483,647, the
  largest ``xs:int`` (and well inside 64-bit and JavaScript's exact integers);
- date-times without a UTC offset, with an offset that is not whole minutes or is beyond
  ±14:00 (``xs:dateTime`` and RFC 3339 say no more), or that fall outside the years 1 to 9999
  once converted to UTC (EPUB and NewsML-G2 write them in UTC).

A :class:`Check` is an attrs validator that also knows the JSON Schema fragment of the values
it accepts, so the model's validation and the published schema come from one definition.
The JSON reader calls :meth:`Check.validate` per field to report every problem with its path.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
import urllib.parse
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from newsdoc.errors import FieldError, excerpt
from newsdoc.language import SCHEMA_PATTERN, is_valid_language_tag

T = TypeVar("T")

# Characters no news text carries and XML cannot hold: C0 controls other than tab, newline and
# carriage return, lone surrogates, and the two non-characters U+FFFE and U+FFFF.
BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
BAD_CHARS_SCHEMA = "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\ud800-\\udfff\\ufffe\\uffff]*$"
_NON_BLANK = r"\S"
#: The largest whole number the model holds (``xs:int``'s largest; 64-bit and JavaScript safe).
MAX_INT = 2**31 - 1
# One character of a URL or id: no white space, no control (C0, DEL, C1), no lone surrogate,
# no byte-order mark or non-character. Written with \u escapes, so that one text serves as a
# Python pattern and as a JSON Schema (ECMA 262) pattern.
_URL_CHAR = r"[^\s\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]"
_HOST_CHAR = r"[^\s/?#\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]"
_MAIL_CHAR = r"[^\s@\u0000-\u001f\u007f-\u009f\ud800-\udfff\ufeff\ufffe\uffff]"
# Each pattern reads a string in one pass: the host ends where a /, ? or # begins, so a long
# URL that fails (a space near its end) fails at once, with no backtracking.
_HTTP_SCHEMA = rf"[Hh][Tt][Tt][Pp][Ss]?://{_HOST_CHAR}+(?:[/?#]{_URL_CHAR}*)?"
_URN_SCHEMA = rf"[Uu][Rr][Nn]:[A-Za-z0-9][A-Za-z0-9\-]{{0,31}}:{_URL_CHAR}+"
_URI_SCHEMA = rf"[A-Za-z][A-Za-z0-9+.\-]*:{_URL_CHAR}+"
_MAILTO_SCHEMA = rf"[Mm][Aa][Ii][Ll][Tt][Oo]:{_MAIL_CHAR}+@{_URL_CHAR}+"
_FRAGMENT_SCHEMA = rf"#{_URL_CHAR}+"
_HTTP_URL = re.compile(_HTTP_SCHEMA)
_URI = re.compile(_URI_SCHEMA)
_URN = re.compile(_URN_SCHEMA)
_HREF = re.compile(f"{_HTTP_SCHEMA}|{_MAILTO_SCHEMA}|{_FRAGMENT_SCHEMA}")
#: The JSON Schema pattern of a link target (see :func:`newsdoc.model.inline.is_safe_href`).
HREF_SCHEMA = f"^(?:{_HTTP_SCHEMA}|{_MAILTO_SCHEMA}|{_FRAGMENT_SCHEMA})$"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_MEDIA_TYPE = re.compile(r"^[a-z]+/[a-z0-9][a-z0-9.+\-]*$")
# ISO 8601 date-time with a UTC offset in whole minutes, at most 14 hours (naive date-times
# are not articles' dates). That it stays within the years 1 to 9999 in UTC only the model says.
_DATETIME_SCHEMA = {
    "type": "string",
    "format": "date-time",
    "pattern": r"^(?!0000)\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?"
    r"(Z|z|[+-](0\d|1[0-3]):[0-5]\d|[+-]14:00)$",
}
_MINUTE = _dt.timedelta(minutes=1)
_MOST_OFFSET = _dt.timedelta(hours=14)


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
            raise ValueError(self.detail(value))

    def __call__(self, instance: object, attribute: Any, value: Any) -> None:
        if value is None and self.optional:
            return
        if not self.test(value):
            raise FieldError(type(instance).__name__, attribute.name, self.detail(value))

    def detail(self, value: Any) -> str:
        """What is wrong with ``value``: this check's message, a short excerpt of the value,
        and the first character no format can carry, if it holds one."""
        note = bad_char_note(value)
        return f"{self.message}, got {_show(value)}" + (f" ({note})" if note else "")

    def or_none(self) -> Check:
        """The same check, accepting ``None`` as well."""
        return Check(self.test, self.message, self.schema, optional=True, kind=self.kind)


def _show(value: Any) -> str:
    return excerpt(value)


def bad_char_note(value: Any) -> str | None:
    """Name the first character of ``value`` (a string, or a tuple of them) that no format
    can carry, or ``None``.

    >>> bad_char_note("Ferry" + chr(27) + " times")
    'U+001B at character 6 is a control character, which no format can carry'
    """
    if type(value) is tuple:
        for item in value:
            note = bad_char_note(item)
            if note is not None:
                return note
        return None
    if type(value) is not str:
        return None
    found = BAD_CHARS.search(value)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        kind = "a lone surrogate"
    elif code >= 0xFFFE:
        kind = "a non-character"
    else:
        kind = "a control character"
    return f"U+{code:04X} at character {found.start() + 1} is {kind}, which no format can carry"


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


_LINE_BREAKS = re.compile("[\t\n\r]")
_LINE_SCHEMA = "^[^\\t\\n\\r]*$"


def _is_line(value: Any) -> bool:
    return _is_text(value) and value != "" and _LINE_BREAKS.search(value) is None


def line() -> Check:
    """Text on one line: a name, a label, a keyword, a place (non-blank, no control
    characters, no tab, line feed or carriage return: NewsML-G2 holds names as
    ``g2normalizedString``, which has none)."""
    return Check(
        _is_line,
        "expected a non-empty string on one line (no tab or line break) without control characters",
        {
            "type": "string",
            "minLength": 1,
            "allOf": [
                {"pattern": _NON_BLANK},
                {"pattern": BAD_CHARS_SCHEMA},
                {"pattern": _LINE_SCHEMA},
            ],
        },
    )


_SYNTAX = re.compile(r"[A-Za-z0-9][A-Za-z0-9_+#.\-]{0,39}")


def syntax() -> Check:
    """The name of a programming or markup language, as code blocks carry it: one word of
    letters, digits and ``_ + # . -`` (``python``, ``c++``, ``shell-session``), at most 40
    characters, so that a Markdown info string and an HTML class can hold it.

    >>> syntax().test("objective-c"), syntax().test("two words"), syntax().test("")
    (True, False, False)
    """
    return Check(
        lambda v: type(v) is str and _SYNTAX.fullmatch(v) is not None,
        "expected a language name of letters, digits and _ + # . - (at most 40), such as 'python'",
        {"type": "string", "pattern": f"^{_SYNTAX.pattern}$"},
    )


def id_from(value: str, scheme: str) -> tuple[str, str | None]:
    """An article id from another provider's id: ``value`` when it is an absolute URI, else a
    URN of ``scheme`` that holds it, with the note a reader warns of (``None`` when kept).

    >>> id_from("urn:x:1", "nitf")
    ('urn:x:1', None)
    >>> id_from("AP 12", "nitf")
    ('urn:nitf:AP%2012', "'AP 12' is not an absolute URI; 'urn:nitf:AP%2012' used as the id")
    """
    if uri().test(value):
        return value, None
    made = f"urn:{scheme}:" + urllib.parse.quote(value, safe="")
    return made, f"{excerpt(value)} is not an absolute URI; {excerpt(made)} used as the id"


def http_url(*, allow_urn: bool = False) -> Check:
    """An absolute http(s) URL, or also a URN when ``allow_urn`` is set."""
    if allow_urn:
        return Check(
            lambda v: type(v) is str and (_HTTP_URL.fullmatch(v) or _URN.fullmatch(v)) is not None,
            "expected an absolute http(s) URL or a URN",
            {"type": "string", "pattern": f"^(?:{_HTTP_SCHEMA}|{_URN_SCHEMA})$"},
        )
    return Check(
        lambda v: type(v) is str and _HTTP_URL.fullmatch(v) is not None,
        "expected an absolute http(s) URL",
        {"type": "string", "format": "uri", "pattern": f"^{_HTTP_SCHEMA}$"},
    )


def is_href(value: Any) -> bool:
    """Whether ``value`` is an http(s) URL, a ``mailto:`` address or a ``#fragment``."""
    return type(value) is str and _HREF.fullmatch(value) is not None


def uri() -> Check:
    """An absolute URI of any scheme (``tag:``, ``urn:``, ``https:`` ...), as article ids are."""
    return Check(
        lambda v: type(v) is str and _URI.fullmatch(v) is not None,
        "expected an absolute URI such as 'urn:newsdoc:123' or 'tag:example.com,2026:1'",
        {"type": "string", "pattern": f"^{_URI_SCHEMA}$"},
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
        lambda v: type(v) is str and _COUNTRY.fullmatch(v) is not None,
        "expected an ISO 3166-1 alpha-2 country code in capitals, such as 'AM'",
        {"type": "string", "pattern": "^[A-Z]{2}$"},
    )


def media_type() -> Check:
    """A media type such as ``image/jpeg``."""
    return Check(
        lambda v: type(v) is str and _MEDIA_TYPE.fullmatch(v) is not None,
        "expected a media type such as 'image/jpeg'",
        {"type": "string", "pattern": _MEDIA_TYPE.pattern},
    )


def datetime_ok(value: Any) -> bool:
    """Whether ``value`` is a date-time every format can carry: it has a UTC offset (naive
    date-times are ambiguous) in whole minutes, at most 14 hours, and it lies within the
    years 1 to 9999 in UTC too.

    >>> import datetime as dt
    >>> far = dt.timezone(-dt.timedelta(hours=14))
    >>> datetime_ok(dt.datetime(9999, 12, 31, 9, 0, tzinfo=far))
    True
    >>> datetime_ok(dt.datetime(9999, 12, 31, 23, 59, tzinfo=far))  # the year 10000 in UTC
    False
    """
    if type(value) is not _dt.datetime:
        return False
    try:
        offset = value.utcoffset()
    except Exception:  # a time zone class of the caller's that fails
        return False
    if offset is None or offset % _MINUTE or abs(offset) > _MOST_OFFSET:
        return False
    try:
        value.replace(tzinfo=None) - offset
    except OverflowError:
        return False
    return True


def aware_datetime() -> Check:
    """A :class:`datetime.datetime` every format can carry (see :func:`datetime_ok`)."""
    return Check(
        datetime_ok,
        "expected a date-time with a time zone (naive date-times are ambiguous), its UTC "
        "offset in whole minutes up to ±14:00, within the years 1 to 9999 in UTC",
        _DATETIME_SCHEMA,
    )


def parse_datetime(text: Any) -> _dt.datetime | None:
    """The date-time an ISO 8601 string gives, if the model accepts it (else ``None``).

    >>> parse_datetime("2026-05-04T09:30:00+04:00").isoformat()
    '2026-05-04T09:30:00+04:00'
    >>> parse_datetime("2026-02-30T99:99") is None, parse_datetime("2026-05-04T09:30") is None
    (True, True)
    """
    if type(text) is not str or len(text) > 64:
        return None
    try:
        parsed = _dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return parsed if datetime_ok(parsed) else None


_INTEGER = re.compile(r"[+-]?[0-9]{1,20}")


def parse_int(text: Any, minimum: int = 1, maximum: int = MAX_INT) -> int | None:
    """The whole number a string gives, if it lies within the bounds (else ``None``); never
    converts more than 20 digits.

    >>> parse_int(" 42 "), parse_int("9" * 400), parse_int("-3"), parse_int("4.5")
    (42, None, None, None)
    """
    if type(text) is not str:
        return None
    text = text.strip()
    if _INTEGER.fullmatch(text) is None:
        return None
    number = int(text)
    return number if minimum <= number <= maximum else None


def date() -> Check:
    """A calendar date (not a date-time)."""
    return Check(
        lambda v: type(v) is _dt.date,
        "expected a calendar date",
        {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d\\d-\\d\\d$"},
    )


def integer(minimum: int, maximum: int = MAX_INT) -> Check:
    """A whole number within the given bounds (at most :data:`MAX_INT`)."""
    schema: dict[str, Any] = {"type": "integer", "minimum": minimum, "maximum": maximum}
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


def tuple_of_lines(*, min_items: int = 0) -> Check:
    """A tuple of one-line strings (keywords, topics; see :func:`line`)."""
    return Check(
        lambda v: type(v) is tuple and len(v) >= min_items and all(_is_line(i) for i in v),
        "expected a list of non-empty strings on one line",
        {"type": "array", "items": line().schema, "minItems": min_items},
    )


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
