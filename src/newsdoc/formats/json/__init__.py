"""newsdoc's own JSON format: the lossless wire form of the model, through generated hooks.

What it does:

- :func:`to_dict` / :func:`from_dict` turn an :class:`~newsdoc.Article` or
  :class:`~newsdoc.Collection` into plain JSON data and back, with no loss:
  ``from_dict(to_dict(a)) == a`` for every valid article.
- :func:`dumps` / :func:`loads` do the same with JSON text; :func:`write` / :func:`read` are
  the registry's byte-level entry points.
- A document carries its format version (``"newsdoc": 1``) and kind (``"article"`` or
  ``"collection"``). Blocks and inline nodes are tagged unions on ``"type"``; a plain text
  run is a bare string. Date-times are ISO 8601 with their UTC offset, dates ISO 8601 dates.
  Fields at their default value are left out.
- Loading is strict: wrong types are never coerced, unknown fields are refused. It runs the
  generated hooks of :mod:`newsdoc.wire.fast` first; only when they fail does a
  detailed cattrs converter (:mod:`newsdoc.wire.detailed`) walk the whole document, so a bad
  document raises one :class:`~newsdoc.errors.InvalidDocumentError` that lists every problem
  with its path (``sections[2].blocks[0].speaker.name: required``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.json.reader import loads, read
    from newsdoc.formats.json.writer import dumps, write
    from newsdoc.wire.data import FORMAT_VERSION, from_dict, to_dict

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "FORMAT_VERSION": "newsdoc.wire.data",
        "dumps": ".writer",
        "from_dict": "newsdoc.wire.data",
        "loads": ".reader",
        "read": ".reader",
        "to_dict": "newsdoc.wire.data",
        "write": ".writer",
        # a cattrs converter with the fast hooks, made on first use (cattrs itself is imported
        # only for it and for reporting bad input)
        "converter": "newsdoc.wire.detailed",
    },
)

__all__ = [
    "FORMAT_VERSION",
    "dumps",
    "from_dict",
    "loads",
    "read",
    "to_dict",
    "write",
]
