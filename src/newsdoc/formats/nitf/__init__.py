"""NITF 3.x (News Industry Text Format): one article as a NITF document, and back.

:func:`write` gives NITF 3.6 (namespace ``http://iptc.org/std/NITF/2006-10-18/``), valid
against the IPTC ``nitf-3-6.xsd``; what NITF has no place for is reported as ``lossy``
(:mod:`newsdoc.formats.nitf.writer`). :func:`read` reads NITF of any 3.x version, in the
2006 namespace, in another or in none, as agencies still send it
(:mod:`newsdoc.formats.nitf.reader`), and reads newsdoc's own output back with no loss of
what NITF carries. Parsing is hardened (:mod:`newsdoc.markup.xml`). Where each field goes:
``docs/mapping.md``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.nitf.reader import read, read_nitf
    from newsdoc.formats.nitf.writer import nitf_document, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {"read": ".reader", "read_nitf": ".reader", "nitf_document": ".writer", "write": ".writer"},
)

__all__ = ["nitf_document", "read", "read_nitf", "write"]
