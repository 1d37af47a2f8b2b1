"""newsdoc JSON read: UTF-8 JSON bytes or text to a document, every problem named with its
path (what the format is, is the package's docstring, :mod:`newsdoc.formats.json`).
"""

from __future__ import annotations

from typing import Any

from newsdoc.formats.json.options import JsonOptions
from newsdoc.limits import check_input
from newsdoc.markup.json_text import measured_json
from newsdoc.model import Document
from newsdoc.options import resolve
from newsdoc.wire.data import from_data

__all__ = ["loads", "read"]


def loads(text: str | bytes, source: str | None = None) -> Document:
    """Parse JSON text into an article or collection; see :func:`~newsdoc.wire.data.from_dict`.

    >>> loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').headline
    'Hi'
    """
    data, shape = measured_json(text, source)
    return from_data(data, source, shape)


def read(
    data: bytes, options: JsonOptions | None = None, /, *, source: str | None = None, **given: Any
) -> Document:
    """The registry's reader: UTF-8 JSON bytes to a document.

    >>> read(b'{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}').id
    'urn:newsdoc:1'
    """
    resolve(JsonOptions, "json", options, given)
    check_input(data, source)
    return loads(data, source)
