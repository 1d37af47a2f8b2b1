"""Hardened XML parsing and small lxml helpers shared by the NewsML-G2 and ninjs formats.

:func:`parse` is the only way newsdoc reads XML. It refuses what news XML never needs and an
attacker would, and it never opens a file or reaches the network, whatever the version of
libxml2 underneath:

- before any parsing, a document type declaration with an external identifier
  (``SYSTEM "file:///etc/passwd"``, ``PUBLIC ...``) or an internal subset (``[...]``, where
  entities are declared) is refused outright; a bare ``<!DOCTYPE newsItem>`` is let through.
  So the answer never depends on whether a named path exists, and nothing is ever loaded;
- the parser itself is set up to load no DTD, expand no entity and use no network, and what it
  built is checked again (no DTD, no entity reference left);
- the document's encoding must be UTF-8, UTF-16, US-ASCII, ISO-8859-* or windows-125*, read
  from its first bytes, so the check above sees the declaration as the parser will;
- input larger than the ``max_input_bytes`` limit, or nested deeper than ``max_depth`` + 16
  (:mod:`newsdoc.limits`), is refused.

Every refusal is an :class:`~newsdoc.errors.InvalidDocumentError` (a
:class:`~newsdoc.errors.LimitError` for the limits) that says why.

lxml has no type information of its own, so elements are typed :data:`Element` (``Any``) here.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any, TypeAlias

from lxml import etree as _etree  # type: ignore[import-untyped, unused-ignore]

from newsdoc.errors import InvalidDocumentError, LimitError, Problem, excerpt
from newsdoc.limits import current, markup_depth, too_deep

__all__ = [
    "MAX_BYTES",
    "Element",
    "XML_NS",
    "append_text",
    "check_tree_depth",
    "etree",
    "local_name",
    "parse",
    "qname",
    "refuse",
    "remove_keeping_tail",
]

#: lxml's etree module, typed loosely (lxml ships no type information).
etree: Any = _etree
#: An lxml element.
Element: TypeAlias = Any
#: The namespace of ``xml:lang``.
XML_NS = "http://www.w3.org/XML/1998/namespace"
#: The largest XML document newsdoc reads by default (the ``max_input_bytes`` limit).
MAX_BYTES = 64 * 1024 * 1024

# How much of the start of a document is decoded to find its prolog (read further if needed).
_PROLOG_BYTES = 64 * 1024
_DECLARED = re.compile(r"""<\?xml\b[^>]*?\bencoding\s*=\s*["']([^"']{0,40})["']""")
# Encodings whose bytes show "<", "!", "D", "O"... as ASCII does.
_ASCII_LIKE = re.compile(
    r"(?:utf-?8|us-ascii|ascii|iso[-_]?8859-(?:[1-9]|1[0-6])|latin-?1|(?:windows|cp)-?125[0-8])",
    re.IGNORECASE,
)
_UTF16 = re.compile(r"utf-?16(?:-?[bl]e)?|ucs-?2", re.IGNORECASE)
_PLAIN_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^\s\[\]>'\"]+\s*>")


def refuse(message: str, source: str | None) -> InvalidDocumentError:
    """The error for XML newsdoc will not read, with ``message`` saying why."""
    return InvalidDocumentError([Problem("", message)], source)


def _parser() -> Any:
    # collect_ids is left at its default: with libxml2 2.14, collect_ids=False made lxml load
    # the external subset a DOCTYPE names (the prolog check refuses such documents anyway).
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _encoding(head: bytes, source: str | None) -> tuple[str, int]:
    """The Python codec to read the document's prolog with, and the length of its BOM.

    Refuses encodings newsdoc does not read (EBCDIC, UTF-32, UTF-7 ...), and documents whose
    first bytes and declaration disagree, so that the parser cannot read a declaration the
    prolog check did not see.
    """
    if head.startswith(
        (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff", b"\x00\x00\x00<", b"<\x00\x00\x00")
    ):
        raise refuse("refused: UTF-32 XML; newsdoc reads UTF-8, UTF-16 and 8-bit encodings", source)
    if head.startswith(b"\xef\xbb\xbf"):
        codec, bom = "utf-8", 3
    elif head.startswith(b"\xff\xfe"):
        codec, bom = "utf-16-le", 2
    elif head.startswith(b"\xfe\xff"):
        codec, bom = "utf-16-be", 2
    elif head.startswith(b"<\x00"):
        codec, bom = "utf-16-le", 0
    elif head.startswith(b"\x00<"):
        codec, bom = "utf-16-be", 0
    else:
        codec, bom = "latin-1", 0  # ASCII-like: its markup is ASCII whatever the encoding
        start = head.lstrip(b" \t\r\n")[:1]
        if start and start != b"<":
            raise refuse("not XML: the document does not start with '<'", source)
    prolog = head[bom : bom + 512].decode(codec, errors="replace")
    declared = _DECLARED.match(prolog.lstrip(" \t\r\n") if codec == "latin-1" else prolog)
    if declared is not None:
        name = declared.group(1).strip()
        utf16 = codec.startswith("utf-16")
        if (utf16 and not _UTF16.fullmatch(name)) or (
            not utf16 and not _ASCII_LIKE.fullmatch(name)
        ):
            raise refuse(
                f"refused: the XML declares the encoding {excerpt(name)}, which newsdoc does "
                "not read (it reads UTF-8, UTF-16, US-ASCII, ISO-8859-* and windows-125*)",
                source,
            )
    return codec, bom


def _prolog_problem(text: str) -> str | None:
    """What is wrong with the prolog of ``text`` (the document, decoded), or ``None`` when it
    holds nothing but the XML declaration, comments, processing instructions and a bare
    DOCTYPE; ``"more"`` when ``text`` ends before the root element does start."""
    position = 0
    length = len(text)
    while True:
        while position < length and text[position] in " \t\r\n\ufeff":
            position += 1
        if position >= length:
            return "more"
        if text.startswith("<?", position):
            end = text.find("?>", position + 2)
            if end < 0:
                return "more"
            position = end + 2
        elif text.startswith("<!--", position):
            end = text.find("-->", position + 4)
            if end < 0:
                return "more"
            position = end + 3
        elif text.startswith("<!", position):
            found = _PLAIN_DOCTYPE.match(text, position)
            if found is not None:
                position = found.end()
                continue
            if text.find(">", position) < 0 and len(text) - position < 4096:
                return "more"
            declaration = text[position : position + 80].split(">")[0]
            if "[" in declaration or "<!ENTITY" in text[position : position + 4096]:
                what = "an internal subset (where entities are declared)"
            elif re.search(r"\b(SYSTEM|PUBLIC)\b", declaration):
                what = "an external DTD"
            else:
                what = "more than a document type name"
            return (
                f"refused: the document type declaration names {what}; newsdoc never loads "
                "DTDs or expands entities, as they allow entity-expansion (billion laughs) "
                "and external-entity (file or network) attacks"
            )
        else:
            return None  # the root element (or text the parser will call not well-formed)


@cache
def _deeper_than(limit: int) -> Any:
    return etree.XPath("boolean(" + "/".join(["*"] * limit) + ")")


def check_tree_depth(root: Element, source: str | None = None) -> None:
    """Refuse an element tree nested deeper than the limits allow
    (:func:`newsdoc.limits.markup_depth`)."""
    limit = markup_depth()
    if _deeper_than(limit)(root):
        raise too_deep("the XML", source, limit=limit)


def parse(data: bytes, *, source: str | None = None, max_bytes: int | None = None) -> Element:
    """Parse XML bytes safely and return the root element.

    Refuses (with :class:`~newsdoc.errors.InvalidDocumentError`) input over ``max_bytes`` (the
    ``max_input_bytes`` limit by default), a DOCTYPE with an external DTD or an internal
    subset, an encoding newsdoc does not read, any entity reference left unresolved, XML
    nested too deeply, and XML that is not well-formed.

    >>> parse(b'<!DOCTYPE item SYSTEM "/etc/passwd"><item/>')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.InvalidDocumentError: invalid document (1 problem):
      refused: the document type declaration names an external DTD; ...
    """
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TypeError(f"expected bytes, got {type(data).__name__}")
    limit = current().max_input_bytes if max_bytes is None else max_bytes
    if len(data) > limit:
        raise LimitError(
            f"the document is {len(data)} bytes, more than the limit of {limit} (max_input_bytes)",
            source,
        )
    data = bytes(data)
    codec, bom = _encoding(data[:_PROLOG_BYTES], source)
    problem = _prolog_problem(data[bom:_PROLOG_BYTES].decode(codec, errors="replace"))
    if problem == "more" and len(data) > _PROLOG_BYTES:
        problem = _prolog_problem(data[bom:].decode(codec, errors="replace"))
    if problem == "more":
        problem = None  # no root element: the parser says so
    if problem is not None:
        raise refuse(problem, source)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise refuse(f"not well-formed XML: {_syntax_message(exc)}", source) from None
    if root is None:
        raise refuse("the document has no root element", source)
    info = root.getroottree().docinfo
    internal = info.internalDTD
    if (
        info.externalDTD is not None
        or info.system_url
        or info.public_id
        or (internal is not None and any(True for _ in internal.iterelements()))
        or (internal is not None and any(True for _ in internal.iterentities()))
    ):  # the prolog check stops these first; this is a second line of defence
        raise refuse("refused: the document carries a DTD; newsdoc never loads DTDs", source)
    for _ in root.iter(etree.Entity):
        raise refuse(
            "refused: the document uses an entity reference that newsdoc will not expand",
            source,
        )
    check_tree_depth(root, source)
    return root


def _syntax_message(exc: Any) -> str:
    """libxml2's message about not well-formed XML, kept short, with its line and column."""
    message = str(getattr(exc, "msg", "") or "").strip() or "not well-formed"
    if len(message) > 160:
        message = message[:157] + "..."
    line, column = getattr(exc, "lineno", None), getattr(exc, "offset", None)
    if line and f"line {line}" not in message:
        message += f" (line {line}" + (f", column {column})" if column else ")")
    return message


def local_name(element: Element) -> str:
    """The local name of an element's tag (``""`` for a comment or processing instruction),
    read from the string: lxml's ``QName`` raises on a name an HTML parser let through."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


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


def remove_keeping_tail(element: Element) -> None:
    """Take ``element`` out of its parent, keeping the text that follows it (its tail)."""
    parent = element.getparent()
    if parent is None:
        return
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)
