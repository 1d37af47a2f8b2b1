"""NewsML-G2 2.35 (Power conformance): newsdoc articles as IPTC news items, and back.

:func:`write` turns an :class:`~newsdoc.Article` into a ``newsItem`` (item class
``ninat:text``) with its body in ``contentSet/inlineXML`` as NITF 3.6 (``body="nitf"``, the
default) or XHTML (``body="xhtml"``), and a :class:`~newsdoc.Collection` into a
``newsMessage`` carrying a ``packageItem`` and every article (``collection_as="message"``,
the default) or into a ``packageItem`` alone that references them
(``collection_as="package"``). The output is valid against the IPTC NewsML-G2 2.35 Power
schema, and its NITF body against ``nitf-3-6.xsd``.

:func:`read` reads newsdoc's own output back with no loss (``read(write(a)) == a``) and reads
other providers' text items as far as they carry article content: headline, body, dates,
people, places, subjects, rights. Bodies come in every form providers send
(:mod:`newsdoc.formats.newsml.body`: NITF of any 3.x version and namespace, XHTML with or
without its namespace, escaped HTML or plain text in ``inlineData``); a newsMessage's
pictures become figures of the text item its package ties them to
(:mod:`newsdoc.formats.newsml.message`). What cannot be read is reported, never dropped in
silence. Parsing is hardened (see :mod:`newsdoc.markup.xml`).

Where each field goes is documented in ``docs/mapping.md``. Codes of newsdoc's own (the
subheadline role, link relations other than ``irel:seeAlso``, correction kinds) use the
scheme alias ``nd``, declared in an inline ``catalog``; key points, and the date of a related
link, go in the ``contentMeta`` and ``link`` extension points in the namespace
:data:`ND_NS`, which the schema lets through.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.newsml.common import G2_NS, ND_NS
    from newsdoc.formats.newsml.reader import read, read_element
    from newsdoc.formats.newsml.writer import (
        news_item,
        news_message,
        package_item,
        write,
        xhtml_body,
    )
    from newsdoc.markup.inline import NITF_NS, XHTML_NS
    from newsdoc.markup.nitf import nitf_body

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "G2_NS": ".common",
        "ND_NS": ".common",
        "read": ".reader",
        "read_element": ".reader",
        "news_item": ".writer",
        "news_message": ".writer",
        "nitf_body": "newsdoc.markup.nitf",
        "package_item": ".writer",
        "write": ".writer",
        "xhtml_body": ".writer",
        "NITF_NS": "newsdoc.markup.inline",
        "XHTML_NS": "newsdoc.markup.inline",
    },
)

__all__ = [
    "G2_NS",
    "ND_NS",
    "NITF_NS",
    "XHTML_NS",
    "news_item",
    "news_message",
    "nitf_body",
    "package_item",
    "read",
    "read_element",
    "write",
    "xhtml_body",
]
