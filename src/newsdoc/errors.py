"""The errors newsdoc raises, each saying what went wrong and where.

- :class:`NewsdocError` is the base of them all.
- :class:`InvalidDocumentError` lists every problem of bad input with its path
  (``sections[2].blocks[0].speaker.name: required``).
- :class:`UnknownFormatError` names a format nobody registered, and lists those that are.
- :class:`ConversionError` is a writer that could not produce its output.
- :class:`UnsafeResourceError` is content asking for a file or URL the caller did not allow.
- :class:`FieldError` is a model value that failed its check (also a ``ValueError``).
- :class:`LimitError` is input beyond a resource limit (size, depth, count, length).
- :class:`OptionError` is an option a format does not have, or a value it does not accept.
- :class:`MissingResourceError` is an image that cannot be had; :class:`FetchError` a page
  that could not be downloaded.
- :class:`OverwriteError` refuses to replace an input or a file newsdoc did not write.
- :class:`UsageError` is a request that cannot work as asked (arguments that do not fit).
- :class:`StrictError` is warnings treated as errors (``strict``).
- :class:`InternalError` is a bug in newsdoc met at the boundary of a reader or writer: the
  user gets this error, never a foreign exception.

:func:`boundary` is the one place where foreign exceptions become newsdoc's; :func:`excerpt`
is how a message quotes a value (never more than a short piece of it); :func:`printable` is
how every message is made safe for a terminal before it is printed.
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from newsdoc.diagnostics import Diagnostic

__all__ = [
    "ConversionError",
    "FetchError",
    "FieldError",
    "InternalError",
    "InvalidDocumentError",
    "LimitError",
    "MissingResourceError",
    "NewsdocError",
    "OptionError",
    "OverwriteError",
    "Problem",
    "StrictError",
    "UnknownFormatError",
    "UsageError",
    "UnsafeResourceError",
    "boundary",
    "excerpt",
    "printable",
]


_EXCERPT = 60


def excerpt(value: Any, limit: int = _EXCERPT) -> str:
    """A short, printable quotation of ``value`` for a message: at most about ``limit``
    characters, however large the value (it is never turned into text whole).

    >>> excerpt("Ferry " * 1000)
    "'Ferry Ferry Ferry Ferry Ferry Ferry Ferry Ferry Ferry Fe'... (6000 characters)"
    >>> excerpt(10**5000)
    'a whole number of about 5001 digits'
    >>> excerpt([[1, 2, 3]] * 10**6)
    'a list of 1000000 items'
    """
    kind = type(value)
    if kind is str:
        if len(value) <= limit:
            return repr(value)
        return f"{value[: limit - 4]!r}... ({len(value)} characters)"
    if kind is bytes or kind is bytearray:
        if len(value) <= limit:
            return repr(bytes(value))
        return f"{bytes(value[: limit - 4])!r}... ({len(value)} bytes)"
    if kind is int:
        if value.bit_length() > 190:  # over 57 digits: say how long, never convert it all
            digits = len(str(abs(value))) if value.bit_length() < 13000 else _digits(value)
            return f"a whole number of {digits} digits"
        return repr(value)
    if kind is float or kind is bool or value is None:
        return repr(value)
    if isinstance(value, _dt.date):  # a date or a date-time: as ISO 8601 says it
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return excerpt(value.value, limit)
    if kind is dict:
        return "an object" if len(value) != 1 else "an object with 1 key"
    if kind is list or kind is tuple:
        noun = "list" if kind is list else "tuple"
        if len(value) <= 3 and all(type(v) in (str, int, float, bool) or v is None for v in value):
            text = "[" + ", ".join(excerpt(v, limit // 3) for v in value) + "]"
            if len(text) <= limit + 10:
                return text
        return f"a {noun} of {len(value)} items"
    name = kind.__name__
    return f"a {name}" if len(name) < 40 else "an object"


def _digits(value: int) -> str:
    # log10 of a huge number, from its bit length: "about N" is all a message needs
    return f"about {int(abs(value).bit_length() * 0.30103) + 1}"


#: What a terminal could act on: C0 controls but tab and line feed (ESC, CR, BS...), DEL,
#: C1 controls, bidirectional marks, embeddings, overrides and isolates, line and paragraph
#: separators, and lone surrogates (the undecodable bytes of a file name).
_UNPRINTABLE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ud800-\udfff]|\n(?! )"
)


def _escaped(found: re.Match[str]) -> str:
    code = ord(found.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a name (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    if code < 0x100:
        return {0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"\\u{code:04x}"


def printable(text: str) -> str:
    r"""``text`` as it may be shown on a terminal: every character a terminal would act on
    (escape sequences, carriage returns, bidirectional overrides, undecodable bytes) written
    as a visible escape. A line break is kept only where newsdoc's own messages put one,
    before an indented line; any other is written ``\n``, so no value can start a line that
    looks like newsdoc's.

    >>> printable("report\x1b[2J.json: bad \u202etxt.exe")
    'report\\x1b[2J.json: bad \\u202etxt.exe'
    >>> printable("2 problems:\n  first\nerror: forged")
    '2 problems:\n  first\\nerror: forged'
    """
    return _UNPRINTABLE.sub(_escaped, text)


class NewsdocError(Exception):
    """Base class of every error newsdoc raises on purpose.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.get_format("rtf")
    ... except newsdoc.NewsdocError as error:  # every error newsdoc raises on purpose
    ...     print(type(error).__name__)
    UnknownFormatError
    """


class Problem(NamedTuple):
    """One problem found in a document: where it is (``path``) and what is wrong.

    >>> str(Problem("sections[0].blocks[1].speaker.name", "required"))
    'sections[0].blocks[1].speaker.name: required'
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InvalidDocumentError(NewsdocError, ValueError):
    """A document that is not a valid article or collection; ``problems`` lists every problem.

    ``source`` names the file (or ``<string>``) the document came from.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": ""}')
    ... except InvalidDocumentError as error:
    ...     print(error.problems[0])
    headline: expected a non-empty string without control characters, got ''
    """

    def __init__(self, problems: Iterable[Problem], source: str | None = None) -> None:
        self.problems = tuple(problems)
        self.source = source
        where = f"{source} is not a valid newsdoc document" if source else "invalid document"
        count = len(self.problems)
        lines = "\n".join(f"  {p}" for p in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{where} ({count} {noun}):\n{lines}")

    def with_source(self, source: str) -> InvalidDocumentError:
        """The same error, naming the file the document came from."""
        return InvalidDocumentError(self.problems, source)

    def __reduce__(
        self,
    ) -> tuple[type[InvalidDocumentError], tuple[tuple[Problem, ...], str | None]]:
        return (type(self), (self.problems, self.source))


class UnknownFormatError(NewsdocError, LookupError):
    """A format name or file extension that no registered format has.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.get_format("rtf")
    ... except UnknownFormatError as error:
    ...     print(error.name, "json" in error.known)
    rtf True
    """

    def __init__(
        self, name: str, known: Iterable[str], what: str = "format", message: str | None = None
    ) -> None:
        self.name = name
        self.known = tuple(known)
        self.what = what
        self.message = message
        text = message or f"unknown {what} {name!r}; known formats: {', '.join(self.known)}"
        super().__init__(text)

    def __reduce__(self) -> tuple[type[UnknownFormatError], tuple[Any, ...]]:
        return (type(self), (self.name, self.known, self.what, self.message))


class ConversionError(NewsdocError):
    """A writer or reader could not do its work (the message says why).

    >>> import newsdoc
    >>> not_a_picture = newsdoc.Figure(src="examples/article.json", alt="")
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi", lead_image=not_a_picture)
    >>> try:
    ...     newsdoc.dumps(article, "html", base_dir=".")
    ... except ConversionError as error:
    ...     print(error)
    'examples/article.json' is not a PNG, JPEG, GIF, WebP or SVG image (judged by its content)
    """


class UnsafeResourceError(ConversionError):
    """Content names a local file or network URL that the caller has not allowed.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi",
    ...                           lead_image=newsdoc.Figure(src="file:///etc/passwd", alt="x"))
    >>> try:
    ...     newsdoc.dumps(article, "html")
    ... except UnsafeResourceError as error:
    ...     print(error)  # doctest: +ELLIPSIS
    image 'file:///etc/passwd' uses the file: scheme; ...
    """


class MissingResourceError(ConversionError):
    """An image (or other resource) that cannot be read or downloaded."""


class FetchError(NewsdocError):
    """A page that could not be downloaded; the message says why."""


class FieldError(NewsdocError, ValueError):
    """A model value that failed its check: ``owner.field: detail``.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.Article(id="urn:newsdoc:1", headline="")
    ... except newsdoc.FieldError as error:
    ...     print(error.field, isinstance(error, ValueError))
    headline True
    """

    def __init__(self, owner: str, field: str, detail: str) -> None:
        super().__init__(f"{owner}.{field}: {detail}")
        self.owner = owner
        self.field = field
        self.detail = detail

    def __reduce__(self) -> tuple[type[FieldError], tuple[str, str, str]]:
        return (type(self), (self.owner, self.field, self.detail))


class LimitError(InvalidDocumentError):
    """Input beyond a resource limit: too large, nested too deeply, too many parts.

    >>> print(LimitError("the input is larger than 50 MB", source="huge.md"))
    huge.md: the input is larger than 50 MB
    """

    def __init__(self, message: str, source: str | None = None, path: str = "") -> None:
        super().__init__([Problem(path, message)], source)
        self.message = message
        self.path = path
        where = f"{source}: " if source else ""
        self.args = (f"{where}{Problem(path, message)}",)

    def with_source(self, source: str) -> LimitError:
        return LimitError(self.message, source, self.path)

    def __reduce__(self) -> tuple[type[InvalidDocumentError], tuple[Any, ...]]:
        return (type(self), (self.message, self.source, self.path))


class OptionError(NewsdocError, ValueError):
    """An option a format does not have, or a value it does not accept.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.dumps(newsdoc.Article(id="urn:newsdoc:1", headline="Hi"), "html", layot="x")
    ... except newsdoc.OptionError as error:
    ...     print(str(error).split(";")[0])
    the html format has no option 'layot'
    """


class OverwriteError(NewsdocError):
    """Writing would replace an input, or a file that newsdoc did not write."""


class UsageError(NewsdocError):
    """A request that cannot work as asked: several outputs to one file, an option for none of
    the formats asked for, an output folder that is a file...

    >>> import newsdoc
    >>> try:
    ...     newsdoc.convert("examples/article.json", to=["html", "pdf"], out="one-file.html")
    ... except newsdoc.UsageError as error:
    ...     print(error)  # doctest: +ELLIPSIS
    2 formats cannot go into one file (one-file.html); name a folder ...
    """


class StrictError(NewsdocError):
    """Warnings treated as errors: ``warnings`` lists them.

    >>> from newsdoc.diagnostics import Diagnostic
    >>> print(StrictError([Diagnostic("UTC assumed", code="assumed", where="published")]))
    1 warning, an error under strict mode:
      published: UTC assumed (assumed)
    """

    def __init__(self, warnings: Iterable[Diagnostic]) -> None:
        self.warnings = tuple(warnings)
        count = len(self.warnings)
        noun = "warning" if count == 1 else "warnings"
        lines = "".join(f"\n  {w}" for w in self.warnings)
        super().__init__(f"{count} {noun}, an error under strict mode:{lines}")

    def __reduce__(self) -> tuple[type[StrictError], tuple[tuple[Diagnostic, ...]]]:
        return (type(self), (self.warnings,))


class InternalError(NewsdocError):
    """A bug in newsdoc, met at the boundary of a reader or writer.

    The message names what failed and the kind of fault, never the foreign exception's text;
    ``__cause__`` keeps the original for a bug report.
    """


@contextmanager
def boundary(what: str, *, source: str | None = None) -> Iterator[None]:
    """Turn any exception that is not newsdoc's, raised inside the block, into newsdoc's.

    ``what`` says what was being done ("reading ninjs"). Exhausted recursion or memory is
    bad input (:class:`LimitError`); anything else is an :class:`InternalError`.

    >>> with boundary("reading ninjs", source="item.json"):
    ...     {}["headline"]  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.InternalError: item.json: reading ninjs failed on a bug in newsdoc (KeyError)...
    """
    try:
        yield
    except NewsdocError:
        raise
    except RecursionError:
        raise LimitError(f"{what}: the input is nested too deeply", source) from None
    except MemoryError:
        raise LimitError(f"{what}: the input needs more memory than there is", source) from None
    except Exception as exc:
        where = f"{source}: " if source else ""
        raise InternalError(
            f"{where}{what} failed on a bug in newsdoc ({type(exc).__name__}); "
            "please report it with the input"
        ) from exc
