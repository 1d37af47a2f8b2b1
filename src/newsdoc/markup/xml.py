"""Hardened XML parsing and small lxml helpers shared by the NewsML-G2 and ninjs formats.

:func:`parse` is the only way newsdoc reads XML. It refuses what news XML never needs and an
attacker would: documents larger than :data:`MAX_BYTES`, any document type declaration that
declares entities (billion laughs, external entities pointing at local files or URLs), and
it never loads a DTD, resolves an entity or touches the network. Every refusal is an
:class:`~newsdoc.errors.InvalidDocumentError` that says why.

lxml has no type information of its own, so elements are typed :data:`Element` (``Any``) here.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

from lxml import etree as _etree  # type: ignore[import-untyped, unused-ignore]

from newsdoc.errors import InvalidDocumentError, Problem

__all__ = [
    "MAX_BYTES",
    "Element",
    "XML_NS",
    "append_text",
    "etree",
    "parse",
    "qname",
    "refuse",
]

#: lxml's etree module, typed loosely (lxml ships no type information).
etree: Any = _etree
#: An lxml element.
Element: TypeAlias = Any
#: The namespace of ``xml:lang``.
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: The largest XML document newsdoc reads (a news item is kilobytes; 64 MiB is generous).
MAX_BYTES = 64 * 1024 * 1024

_ENTITY_DECL = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*DOCTYPE", re.IGNORECASE)


def refuse(message: str, source: str | None) -> InvalidDocumentError:
    """The error for XML newsdoc will not read, with ``message`` saying why."""
    return InvalidDocumentError([Problem("", message)], source)


def _parser() -> Any:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        collect_ids=False,
    )


def parse(data: bytes, *, source: str | None = None, max_bytes: int = MAX_BYTES) -> Element:
    """Parse XML bytes safely and return the root element.

    Refuses (with :class:`~newsdoc.errors.InvalidDocumentError`) input over ``max_bytes``,
    a DOCTYPE that declares entities, any entity reference left unresolved, and XML that is
    not well-formed.
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    if len(data) > max_bytes:
        raise refuse(
            f"refused: the document is {len(data)} bytes, more than the limit of {max_bytes}",
            source,
        )
    head = bytes(data[: 64 * 1024])
    if _DOCTYPE.search(head) and _ENTITY_DECL.search(bytes(data)):
        raise refuse(
            "refused: the document type declaration declares entities (<!ENTITY ...>); "
            "newsdoc never expands XML entities, as they allow entity-expansion (billion "
            "laughs) and external-entity (file or network) attacks",
            source,
        )
    try:
        root = etree.fromstring(bytes(data), _parser())
    except etree.XMLSyntaxError as exc:
        raise refuse(f"not well-formed XML: {exc}", source) from None
    if root is None:
        raise refuse("the document has no root element", source)
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise refuse(
            "refused: the document type declaration declares entities; newsdoc never "
            "expands XML entities",
            source,
        )
    for _ in root.iter(etree.Entity):
        raise refuse(
            "refused: the document uses an entity reference that newsdoc will not expand",
            source,
        )
    return root


def qname(namespace: str, local: str) -> str:
    """Clark notation ``{namespace}local`` for lxml."""
    return f"{{{namespace}}}{local}"


def append_text(parent: Element, text: str) -> None:
    """Add ``text`` at the end of ``parent``'s content (its text, or its last child's tail)."""
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
