"""Recognising a format by its content, for inputs whose name does not tell (``item.xml``).

Each function looks at the first bytes of an input and says whether it is that format. They
are cheap (a few regular expressions over at most :data:`HEAD` bytes) and never parse the
whole input, so a hostile file costs nothing here.

>>> newsml(b'<?xml version="1.0"?><newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">')
True
>>> ninjs(b'{"uri": "urn:x:1", "type": "text", "headlines": []}'), json(b'{"uri": "urn:x:1"}')
(True, False)
"""

from __future__ import annotations

import re

__all__ = [
    "HEAD",
    "atom",
    "docx",
    "json",
    "jsonfeed",
    "markdown",
    "newsml",
    "ninjs",
    "nitf",
    "pdf",
    "rss",
    "webpage",
    "xml_root",
]

#: How many leading bytes the functions look at.
HEAD = 65536

_BOM = b"\xef\xbb\xbf"
_ELEMENT = re.compile(rb"<(?:[\w.\-]+:)?([\w.\-]+)")
_NEWSDOC_KEY = re.compile(rb'"newsdoc"\s*:\s*\d')
_NINJS_ID = re.compile(rb'"(?:uri|guid)"\s*:\s*"')
# Properties of ninjs 1.x, 2.x, 3.x or Superdesk's dialect beside the id.
_NINJS_KEYS = re.compile(
    rb'"(?:type|version|headlines?|bodies|body_\w+|descriptions|description_\w+|byline|by|'
    rb"versioncreated|versionCreated|firstcreated|firstCreated|pubstatus|pubStatus|standard|"
    rb'slugline|associations|subjects?|language|urgency)"\s*:'
)


def _head(data: bytes) -> bytes:
    head = data[:HEAD]
    return head[len(_BOM) :] if head.startswith(_BOM) else head


def xml_root(data: bytes) -> str | None:
    """The local name of the root element of an XML document, or ``None``."""
    head = _head(data)
    position = 0
    # Skip the declaration, comments, processing instructions and a doctype, in one pass.
    while True:
        while position < len(head) and head[position] in b" \t\r\n":
            position += 1
        if head.startswith(b"<?", position):
            end = head.find(b"?>", position)
            position = -1 if end < 0 else end + 2
        elif head.startswith(b"<!--", position):
            end = head.find(b"-->", position)
            position = -1 if end < 0 else end + 3
        elif head[position : position + 9].upper() == b"<!DOCTYPE":
            bracket = head.find(b"[", position)
            close = head.find(b">", position)
            if 0 <= bracket < close:
                close = head.find(b"]", bracket)
                close = -1 if close < 0 else head.find(b">", close)
            position = -1 if close < 0 else close + 1
        else:
            break
        if position < 0:
            return None
    found = _ELEMENT.match(head, position)
    return found.group(1).decode("ascii", "replace") if found else None


def newsml(data: bytes) -> bool:
    """A NewsML-G2 item or message: its root is ``newsItem``, ``packageItem`` or
    ``newsMessage`` (in any namespace)."""
    return xml_root(data) in {"newsItem", "packageItem", "newsMessage", "knowledgeItem"}


def nitf(data: bytes) -> bool:
    """A NITF document: its root is ``nitf`` (any version, in any namespace or none).

    >>> nitf(b'<?xml version="1.0"?><nitf version="-//IPTC//DTD NITF 3.4//EN">')
    True
    """
    return xml_root(data) == "nitf"


def _json_object(data: bytes) -> bytes | None:
    head = _head(data).lstrip()
    return head if head.startswith(b"{") else None


def json(data: bytes) -> bool:
    """A newsdoc JSON document: an object with a ``"newsdoc"`` format version."""
    head = _json_object(data)
    return head is not None and _NEWSDOC_KEY.search(head) is not None


def ninjs(data: bytes) -> bool:
    """A ninjs item (1.x, 2.x, 3.x, or Superdesk's dialect): an object with an id (``uri``,
    or Superdesk's ``guid``) and another property of ninjs, that is not newsdoc JSON.

    >>> ninjs(b'{"guid": "tag:x:1", "type": "text", "body_html": "<p>Hi</p>"}')
    True
    >>> ninjs(b'{"uri": "urn:x:1"}'), ninjs(b'{"headline": "Hi", "type": "NewsArticle"}')
    (False, False)
    """
    head = _json_object(data)
    return (
        head is not None
        and not json(data)
        and _NINJS_ID.search(head) is not None
        and _NINJS_KEYS.search(head) is not None
    )


_ATOM_NS = b"http://www.w3.org/2005/Atom"
_RSS1_NS = b"http://purl.org/rss/1.0/"
_JSONFEED = re.compile(rb'"version"\s*:\s*"https://jsonfeed\.org/version/1')


def atom(data: bytes) -> bool:
    """An Atom feed: a ``feed`` root in Atom's namespace."""
    return xml_root(data) == "feed" and _ATOM_NS in _head(data)


def rss(data: bytes) -> bool:
    """An RSS feed: an ``rss`` root, or RSS 1.0's ``rdf:RDF`` with its namespace."""
    root = xml_root(data)
    return root == "rss" or (root == "RDF" and _RSS1_NS in _head(data))


def jsonfeed(data: bytes) -> bool:
    """A JSON Feed: an object whose ``version`` is a jsonfeed.org version."""
    head = _json_object(data)
    return head is not None and _JSONFEED.search(head) is not None


def pdf(data: bytes) -> bool:
    """A PDF file."""
    return data[:1024].lstrip().startswith(b"%PDF-")


def webpage(data: bytes) -> bool:
    """An HTML page."""
    head = _head(data)[:4096].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and b"<body" in _head(data).lower()
    )


def markdown(data: bytes) -> bool:
    """Markdown with YAML front matter (plain Markdown is too like any text to tell)."""
    return _head(data).startswith((b"---\n", b"---\r\n"))


def docx(data: bytes) -> bool:
    """A Word document: a zip archive with a ``word/document.xml`` entry, named in its first
    local header or in its central directory (at the end).

    >>> docx(b"PK\\x03\\x04" + b"\\0" * 26 + b"word/document.xml"), docx(b"PK\\x03\\x04")
    (True, False)
    """
    if not data.startswith(b"PK\x03\x04"):
        return False
    return b"word/document.xml" in data[:HEAD] or b"word/document.xml" in data[-HEAD:]
