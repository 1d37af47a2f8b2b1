"""The library's front door: load, convert and save articles in any registered format.

- :func:`load` reads a file (or binary stream) into an :class:`~newsdoc.Article` or
  :class:`~newsdoc.Collection`, picking the format from the file name unless told.
- :func:`loads` does the same from a string or bytes already in memory.
- :func:`dump` writes a document to a file atomically (or to a binary stream).
- :func:`dumps` returns the encoded bytes of a document in a format.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, TypeAlias

from newsdoc._files import write_atomic
from newsdoc.errors import InvalidDocumentError, NewsdocError
from newsdoc.formats import Format, format_for_path, get_format
from newsdoc.model import Article, Collection

__all__ = ["Document", "dump", "dumps", "load", "loads"]

Document: TypeAlias = Article | Collection
PathLike: TypeAlias = str | os.PathLike[str]


def _format(format: str | Format | None, path: str | None, *, reading: bool) -> Format:
    if isinstance(format, Format):
        return format
    if format is not None:
        return get_format(format)
    if path is None:
        return get_format("json")
    return format_for_path(path, readable=reading)


def load(
    source: PathLike | IO[bytes], format: str | Format | None = None, **options: Any
) -> Document:
    """Read an article or collection from a file path or a binary stream.

    The format comes from the file's extension unless ``format`` names it; a stream without a
    name is read as JSON. Invalid input raises :class:`~newsdoc.errors.InvalidDocumentError`
    listing every problem.

    >>> import newsdoc
    >>> newsdoc.load("examples/article.json").headline
    'Night train between Yerevan and Tbilisi returns after a decade'
    >>> newsdoc.load("examples/article.md").version  # Markdown, told by the name
    2
    """
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        fmt = _format(format, path, reading=True)
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise NewsdocError(f"cannot read {path}: {exc.strerror}") from exc
        name: str | None = path
    else:
        given = getattr(source, "name", None)
        name = given if isinstance(given, str) else None
        fmt = _format(format, name, reading=True)
        data = source.read()
    try:
        return fmt.reader(data, source=name, **options)
    except InvalidDocumentError as exc:
        if exc.source or name is None:
            raise
        raise exc.with_source(name) from None


def loads(data: str | bytes, format: str | Format = "json", **options: Any) -> Document:
    """Read an article or collection from a string or bytes in ``format`` (JSON by default).

    >>> import newsdoc
    >>> newsdoc.loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').headline
    'Hi'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return _format(format, None, reading=True).reader(raw, **options)


def dumps(document: Document, format: str | Format = "json", **options: Any) -> bytes:
    """The document encoded in ``format`` (JSON by default), as bytes.

    >>> import newsdoc
    >>> newsdoc.dumps(newsdoc.Article(id="urn:newsdoc:1", headline="Hi"), indent=False)
    b'{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
    """
    return _format(format, None, reading=False).writer(document, **options)


def dump(
    document: Document,
    target: PathLike | IO[bytes],
    format: str | Format | None = None,
    **options: Any,
) -> None:
    """Write the document to a file path (atomically) or a binary stream.

    The format comes from the file's extension unless ``format`` names it. The output is
    produced in full before anything is written, so a failure leaves no partial file.

    >>> import tempfile
    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> folder = tempfile.mkdtemp()
    >>> newsdoc.dump(article, f"{folder}/hi.newsml.xml")  # the format from the name
    >>> newsdoc.load(f"{folder}/hi.newsml.xml") == article
    True
    """
    if isinstance(target, str | os.PathLike):
        fmt = _format(format, os.fspath(target), reading=False)
        write_atomic(target, fmt.writer(document, **options))
    else:
        fmt = _format(format, None, reading=False)
        target.write(fmt.writer(document, **options))
