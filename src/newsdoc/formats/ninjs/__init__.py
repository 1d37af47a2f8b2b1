"""ninjs (IPTC News in JSON): articles as ninjs 3.1 (camelCase, the default) or 2.2 items.

:func:`write` gives a ninjs item valid against the IPTC schema of the version asked for
(``version="3.1"`` or ``"2.2"``); a :class:`~newsdoc.Collection` becomes a ``composite``
item whose ``associations`` are its articles. :func:`read` takes text items of ninjs 1.x, 2.x
and 3.x and of Superdesk's dialect, newsdoc's own output as well as other providers' (such as
the IPTC examples); it reads each body rendition (HTML, XHTML, an HTML5 document, NITF, plain
text) by what it holds, the richest one, and dates by their meaning (``docs/mapping.md``).

The body travels as one HTML body (``bodies[role=main]``, ``text/html``) written with the
same XHTML codec as NewsML-G2's XHTML body, so sections, quotes, lists, tables, figures and
inline markup come back as they were. ninjs has no place for some fields; ``docs/mapping.md``
lists them, and :func:`read` leaves them empty: byline roles and affiliations, the dateline's
date, key point topics, the date of a related link, corrections (written to ``edNote`` as
text only) and an empty :class:`~newsdoc.Rights`. Keywords and the section are ``subjects``
with ``rel`` ``"keyword"`` and ``"section"``, as ninjs has no property for either.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.ninjs.common import SCHEMA_URIS, VERSIONS
    from newsdoc.formats.ninjs.reader import from_dict, read
    from newsdoc.formats.ninjs.writer import body_html, to_dict, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "SCHEMA_URIS": ".common",
        "VERSIONS": ".common",
        "from_dict": ".reader",
        "read": ".reader",
        "body_html": ".writer",
        "to_dict": ".writer",
        "write": ".writer",
    },
)

__all__ = ["SCHEMA_URIS", "VERSIONS", "body_html", "from_dict", "read", "to_dict", "write"]
