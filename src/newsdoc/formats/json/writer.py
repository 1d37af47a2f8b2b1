"""newsdoc JSON written: a document as UTF-8 JSON bytes (what the format is, is the package's
docstring, :mod:`newsdoc.formats.json`).
"""

from __future__ import annotations

from typing import Any

from newsdoc.formats.json.options import JsonOptions
from newsdoc.model import Document
from newsdoc.options import resolve
from newsdoc.wire.data import to_json

__all__ = ["dumps", "write"]


def dumps(document: Document, *, indent: bool = True) -> str:
    """Serialise an article or collection to JSON text (pretty-printed unless ``indent=False``).

    >>> from newsdoc import Article
    >>> dumps(Article(id="urn:newsdoc:1", headline="Hi"), indent=False)
    '{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
    """
    return write(document, indent=indent).decode("utf-8")


def write(document: Document, options: JsonOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: UTF-8 JSON bytes.

    >>> from newsdoc import Article
    >>> write(Article(id="urn:newsdoc:1", headline="Hi"))[:14]
    b'{\\n  "newsdoc":'
    """
    indent = resolve(JsonOptions, "json", options, given).indent
    return to_json(document, indent=indent)
