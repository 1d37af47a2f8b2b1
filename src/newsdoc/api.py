"""The library's front door: load, convert and save articles in any registered format.

- :func:`load` reads a file (or binary stream) into an :class:`~newsdoc.Article` or
  :class:`~newsdoc.Collection`, picking the format from the file's name and content unless
  told; the document remembers its folder, so its relative image paths resolve there.
- :func:`loads` does the same from a string or bytes already in memory.
- :func:`dump` writes a document to a file atomically (or to a binary stream).
- :func:`dumps` returns the encoded bytes of a document in a format.

Options are the format's (:mod:`newsdoc.options`): keywords (``layout="newspaper"``) or an
instance of its options class. What a reader assumes or drops is a
:class:`~newsdoc.diagnostics.NewsdocWarning` (see :mod:`newsdoc.diagnostics`); with
``strict=True`` it is a :class:`~newsdoc.errors.StrictError` instead.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, TypeAlias

from newsdoc._files import read_input, write_atomic
from newsdoc.diagnostics import collect, warn, warnings_only
from newsdoc.errors import InvalidDocumentError, StrictError
from newsdoc.formats import Format, detect_format, format_for_path, get_format
from newsdoc.model import Document
from newsdoc.options import Options
from newsdoc.render.resources import remember_origin

__all__ = ["Document", "dump", "dumps", "load", "loads"]

PathLike: TypeAlias = str | os.PathLike[str]


def _format(format: str | Format | None, *, reading: bool) -> Format | None:
    if isinstance(format, Format):
        return format
    if format is not None:
        return get_format(format, reading=reading)
    return None


def _read(
    fmt: Format, data: bytes, options: Options | None, name: str | None, strict: bool, **given: Any
) -> Document:
    with collect() as found:
        try:
            document = fmt.read(data, options, source=name, **given)
        except InvalidDocumentError as exc:
            if exc.source or name is None:
                raise
            raise exc.with_source(name) from None
    problems = warnings_only(found)
    if strict and problems:
        raise StrictError(problems)
    for diagnostic in problems:
        warn(diagnostic.message, code=diagnostic.code, where=diagnostic.where)
    return document


def load(
    source: PathLike | IO[bytes],
    format: str | Format | None = None,
    options: Options | None = None,
    *,
    strict: bool = False,
    **given: Any,
) -> Document:
    """Read an article or collection from a file path or a binary stream.

    The format comes from the file's name and content (``item.xml`` holding a NewsML-G2 item
    is read as NewsML-G2) unless ``format`` names it; a stream without a name is recognised by
    its content. Invalid input raises :class:`~newsdoc.errors.InvalidDocumentError` listing
    every problem; with ``strict``, what the reader had to assume or drop raises
    :class:`~newsdoc.errors.StrictError`.

    >>> import newsdoc
    >>> newsdoc.load("examples/article.json").headline
    'Night train between Yerevan and Tbilisi returns after a decade'
    >>> newsdoc.load("examples/article.md").version  # Markdown, told by the name
    2
    """
    if isinstance(source, str | os.PathLike):
        path = os.fspath(source)
        data = read_input(path)
        name: str | None = path
        folder: Path | None = Path(path).parent
    else:
        given_name = getattr(source, "name", None)
        name = given_name if isinstance(given_name, str) else None
        data = source.read()
        folder = Path(name).parent if name else None
    fmt = _format(format, reading=True) or detect_format(name, data)
    document = _read(fmt, data, options, name, strict, **given)
    if folder is not None:
        remember_origin(document, folder)
    return document


def loads(
    data: str | bytes,
    format: str | Format | None = "json",
    options: Options | None = None,
    *,
    strict: bool = False,
    **given: Any,
) -> Document:
    """Read an article or collection from a string or bytes in ``format`` (JSON by default;
    ``None`` recognises the format by the content).

    >>> import newsdoc
    >>> newsdoc.loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').headline
    'Hi'
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    fmt = _format(format, reading=True) or detect_format(None, raw)
    return _read(fmt, raw, options, None, strict, **given)


def dumps(
    document: Document, format: str | Format = "json", options: Options | None = None, **given: Any
) -> bytes:
    """The document encoded in ``format`` (JSON by default), as bytes.

    >>> import newsdoc
    >>> newsdoc.dumps(newsdoc.Article(id="urn:newsdoc:1", headline="Hi"), indent=False)
    b'{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
    """
    fmt = _format(format, reading=False)
    assert fmt is not None
    return fmt.write(document, options, **given)


def dump(
    document: Document,
    target: PathLike | IO[bytes],
    format: str | Format | None = None,
    options: Options | None = None,
    **given: Any,
) -> None:
    """Write the document to a file path (atomically) or a binary stream.

    The format comes from the file's extension unless ``format`` names it. The output is
    produced in full before anything is written, so a failure leaves no partial file; missing
    folders on the way to the file are created.

    >>> import tempfile
    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> folder = tempfile.mkdtemp()
    >>> newsdoc.dump(article, f"{folder}/hi.newsml.xml")  # the format from the name
    >>> newsdoc.load(f"{folder}/hi.newsml.xml") == article
    True
    """
    if isinstance(target, str | os.PathLike):
        fmt = _format(format, reading=False) or format_for_path(os.fspath(target))
        data = fmt.write(document, options, **given)
        Path(target).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    else:
        fmt = _format(format, reading=False) or get_format("json")
        target.write(fmt.write(document, options, **given))
