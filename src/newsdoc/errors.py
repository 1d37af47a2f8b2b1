"""The errors newsdoc raises, each saying what went wrong and where.

- :class:`NewsdocError` is the base of them all.
- :class:`InvalidDocumentError` lists every problem of bad input with its path
  (``sections[2].blocks[0].speaker.name: required``).
- :class:`UnknownFormatError` names a format nobody registered, and lists those that are.
- :class:`ConversionError` is a writer that could not produce its output.
- :class:`UnsafeResourceError` is content asking for a file or URL the caller did not allow.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = [
    "ConversionError",
    "InvalidDocumentError",
    "NewsdocError",
    "Problem",
    "UnknownFormatError",
    "UnsafeResourceError",
]


class NewsdocError(Exception):
    """Base class of every error newsdoc raises on purpose.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.get_format("docx")
    ... except newsdoc.NewsdocError as error:  # every error newsdoc raises on purpose
    ...     print(type(error).__name__)
    UnknownFormatError
    """


@attrs.frozen
class Problem:
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


class UnknownFormatError(NewsdocError, LookupError):
    """A format name or file extension that no registered format has.

    >>> import newsdoc
    >>> try:
    ...     newsdoc.get_format("docx")
    ... except UnknownFormatError as error:
    ...     print(error.name, "json" in error.known)
    docx True
    """

    def __init__(self, name: str, known: Iterable[str], what: str = "format") -> None:
        self.name = name
        self.known = tuple(known)
        super().__init__(f"unknown {what} {name!r}; known formats: {', '.join(self.known)}")


class ConversionError(NewsdocError):
    """A writer or reader could not do its work (the message says why).

    >>> import datetime as dt
    >>> import newsdoc
    >>> odd = dt.timezone(dt.timedelta(hours=1, seconds=30))  # xs:dateTime cannot say this
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi",
    ...                           published=dt.datetime(2026, 1, 1, tzinfo=odd))
    >>> try:
    ...     newsdoc.dumps(article, "newsml")
    ... except ConversionError:
    ...     print("refused")
    refused
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
