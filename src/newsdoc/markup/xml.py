"""The XML gate, hardened XML parsing and small lxml helpers.

Every XML document newsdoc reads passes :func:`gate` before any parser sees it, whichever
parser that is (lxml here, feedparser for feeds, mammoth for Word's parts), and :func:`parse`
is the only way newsdoc parses XML itself (it passes the gate first). The gate reads the
document as an XML parser will, whatever its encoding, and never opens a file or reaches the
network, whatever the version of libxml2 underneath:

- the encoding is told as libxml2 tells it: a byte-order mark (UTF-8, UTF-16 and UTF-32, big-
  or little-endian), else the first bytes (``<?`` in UTF-16 or UTF-32 without a mark), else
  the XML declaration, which must then name UTF-8, US-ASCII, ISO-8859-* or windows-125*.
  UTF-16 and UTF-32 documents are decoded here and handed on as UTF-8 (their declaration
  saying so), so no parser can read the prolog otherwise than the check did. Other
  encodings (EBCDIC, UTF-7 ...) and a declaration the first bytes contradict are refused;
- a document type declaration with an internal subset (``[...]``, where entities are
  declared) is refused; one with only an external identifier (``<!DOCTYPE nitf SYSTEM
  "nitf-3-5.dtd">``, ``PUBLIC ...``) is removed from what the parser gets, so the DTD it names
  is never opened, whether or not it exists; a bare ``<!DOCTYPE newsItem>`` is kept;
- input larger than the ``max_input_bytes`` limit, or with more attributes than
  ``max_attributes`` on one element or ``max_total_attributes`` in all (counted before
  parsing, :mod:`newsdoc.markup.attributes`), is refused.

:func:`parse` then sets lxml up to load no DTD, expand no entity and use no network, checks
what it built again (no DTD, no entity reference left), and refuses XML nested deeper than
``max_depth`` + 16 (:mod:`newsdoc.limits`).

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
from newsdoc.markup.attributes import check_attributes

__all__ = [
    "MAX_BYTES",
    "Element",
    "XML_NS",
    "append_text",
    "check_tree_depth",
    "etree",
    "gate",
    "local_name",
    "looks_like_xml",
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
_DECLARATION = re.compile(r"""<\?xml\b[^>]*?\?>""")
_DECLARED = re.compile(r"""\bencoding\s*=\s*(["'])([^"']{0,40})\1""")
# Encodings whose bytes show "<", "!", "D", "O"... as ASCII does, one byte a character.
_ASCII_LIKE = re.compile(
    r"(?:utf-?8|us-ascii|ascii|iso[-_]?8859-(?:[1-9]|1[0-6])|latin-?1|(?:windows|cp)-?125[0-8])",
    re.IGNORECASE,
)
_UTF8 = re.compile(r"utf-?8|us-ascii|ascii", re.IGNORECASE)
_WIDE = re.compile(r"utf-?(?:16|32)(?:-?[bl]e)?|ucs-?[24]|unicode", re.IGNORECASE)
# Byte-order marks, then the first bytes of "<" in UTF-32 and UTF-16 without one.
_MARKS = (
    (b"\x00\x00\xfe\xff", "utf-32-be", 4),
    (b"\xff\xfe\x00\x00", "utf-32-le", 4),
    (b"\xef\xbb\xbf", "utf-8", 3),
    (b"\xfe\xff", "utf-16-be", 2),
    (b"\xff\xfe", "utf-16-le", 2),
    (b"\x00\x00\x00<", "utf-32-be", 0),
    (b"<\x00\x00\x00", "utf-32-le", 0),
)
_LITERAL = r"""(?:"[^"]*"|'[^']*')"""
# A DOCTYPE with no internal subset: a bare name, or a name and an external identifier.
_DOCTYPE = re.compile(
    rf"<!DOCTYPE\s+[^\s\[\]>'\"]+(\s+(?:SYSTEM\s*{_LITERAL}|PUBLIC\s*{_LITERAL}\s*{_LITERAL}))?"
    r"\s*>"
)
_REASON = (
    "newsdoc never loads DTDs or expands entities, as they allow entity-expansion (billion "
    "laughs) and external-entity (file or network) attacks"
)


def refuse(message: str, source: str | None) -> InvalidDocumentError:
    """The error for XML newsdoc will not read, with ``message`` saying why."""
    return InvalidDocumentError([Problem("", message)], source)


def _parser() -> Any:
    # collect_ids is left at its default: with libxml2 2.14, collect_ids=False made lxml load
    # the external subset a DOCTYPE names (the gate removes such a DOCTYPE first anyway).
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
        remove_blank_text=False,
    )


def _detect(head: bytes) -> tuple[str, int]:
    """The codec of a document starting with ``head`` and the length of its byte-order mark,
    as XML parsers tell them from the first bytes (``latin-1``: ASCII-compatible)."""
    for mark, codec, length in _MARKS:
        if head.startswith(mark):
            return codec, length
    if head[:1] == b"\x00":  # expat reads any document whose first or second byte is
        return "utf-16-be", 0  # zero as UTF-16
    if head[1:2] == b"\x00":
        return "utf-16-le", 0
    return "latin-1", 0


def _encoding(head: bytes, where: str, source: str | None) -> tuple[str, int]:
    """The Python codec the document is read with, as XML parsers tell it, and the length of
    its byte-order mark. ``latin-1`` stands for every encoding whose markup is ASCII (one
    byte a character), read by the parser as the declaration says."""
    codec, length = _detect(head)
    if codec == "latin-1":
        start = head.lstrip(b" \t\r\n")[:1]
        if start and start != b"<":
            raise refuse(f"not XML: {where} does not start with '<'", source)
    if codec == "latin-1" or codec == "utf-8":
        prolog = head[length : length + 512].decode("latin-1").lstrip(" \t\r\n")
        declaration = _DECLARATION.match(prolog)
        declared = _DECLARED.search(declaration.group()) if declaration else None
        if declared is not None:
            name = declared.group(2).strip()
            if not (_UTF8 if codec == "utf-8" else _ASCII_LIKE).fullmatch(name):
                raise refuse(
                    f"refused: {where} declares the encoding {excerpt(name)}, which newsdoc "
                    "does not read there (it reads UTF-8, UTF-16, UTF-32, US-ASCII, "
                    "ISO-8859-* and windows-125*, told by their first bytes)",
                    source,
                )
    return codec, length


def _doctype(text: str, start: int, where: str) -> tuple[str | None, int]:
    """What is wrong with the DOCTYPE at ``start`` (``None`` if nothing) and where it ends;
    ``"more"`` when ``text`` ends before it does."""
    found = _DOCTYPE.match(text, start)
    if found is not None:
        return None, found.end()
    if text.find(">", start) < 0 and len(text) - start < 4096:
        return "more", start
    declaration = text[start : start + 4096]
    if "<!ENTITY" in declaration:
        what = "declares entities"
    elif "[" in declaration.split(">")[0]:
        what = "has an internal subset (where entities are declared)"
    else:
        what = "is not one newsdoc reads (a name and an external identifier at most)"
    return f"refused: the document type declaration of {where} {what}; {_REASON}", start


def _prolog(text: str, where: str) -> tuple[str | None, tuple[int, int] | None]:
    """What is wrong with the prolog of ``text`` (the document, decoded), or ``None``, and the
    span of a DOCTYPE with an external identifier to leave out; ``"more"`` when ``text`` ends
    before the root element does start."""
    position, length = 0, len(text)
    span = None
    while True:
        while position < length and text[position] in " \t\r\n\ufeff":
            position += 1
        if position >= length:
            return "more", span
        if text.startswith("<?", position):
            end = text.find("?>", position + 2)
            if end < 0:
                return "more", span
            position = end + 2
        elif text.startswith("<!--", position):
            end = text.find("-->", position + 4)
            if end < 0:
                return "more", span
            position = end + 3
        elif text.startswith("<!", position):
            problem, end = _doctype(text, position, where)
            if problem is not None:
                return problem, span
            if _DOCTYPE.match(text, position).group(1):  # type: ignore[union-attr]
                span = (position, end)
            position = end
        else:
            return None, span  # the root element (or text the parser will call not well-formed)


def gate(
    data: bytes,
    *,
    source: str | None = None,
    max_bytes: int | None = None,
    where: str = "the document",
    count_attributes: bool = True,
) -> bytes:
    """The bytes of an XML document any parser may be given, or a refusal (see the module
    docstring): UTF-8 or the document's own ASCII-compatible encoding, with no DOCTYPE that
    names a DTD. ``where`` names the document in messages; ``count_attributes=False`` leaves
    the attribute limits to the caller (a feed counts its entries first).

    >>> gate(b'<!DOCTYPE nitf SYSTEM "/etc/passwd"><nitf/>')
    b'<nitf/>'
    >>> gate('<?xml version="1.0" encoding="UTF-16"?><item/>'.encode("utf-16-le"))
    b'<?xml version="1.0" encoding="UTF-8"?><item/>'
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
    codec, mark = _encoding(data[:_PROLOG_BYTES], where, source)
    wide = codec not in ("latin-1", "utf-8")
    if wide:
        try:
            text = data[mark:].decode(codec)
        except UnicodeDecodeError:
            raise refuse(f"not XML: {where} is not valid {codec.upper()}", source) from None
        declaration = _DECLARATION.match(text)
        if declaration is not None:
            declared = _DECLARED.search(declaration.group())
            if declared is not None and not _WIDE.fullmatch(declared.group(2).strip()):
                raise refuse(
                    f"refused: {where} is {codec.upper()} but declares the encoding "
                    f"{excerpt(declared.group(2))}",
                    source,
                )
            if declared is not None:
                start, end = declared.span(2)
                text = text[:start] + "UTF-8" + text[end:]
        head = text[:_PROLOG_BYTES]
    else:
        text = ""
        head = data[mark:_PROLOG_BYTES].decode("latin-1")  # a character a byte: markup is ASCII
    problem, span = _prolog(head, where)
    if problem == "more" and len(head) >= _PROLOG_BYTES - mark:
        head = text if wide else data[mark:].decode("latin-1")
        problem, span = _prolog(head, where)
    if problem is not None and problem != "more":
        raise refuse(problem, source)
    if wide:
        if span is not None:
            text = text[: span[0]] + text[span[1] :]
        data = text.encode("utf-8", "surrogatepass")
    elif span is not None:
        data = data[: mark + span[0]] + data[mark + span[1] :]
    if count_attributes:
        check_attributes(data, source, where, html=False)
    return data


def looks_like_xml(head: bytes) -> bool:
    """Whether bytes starting with ``head`` (a few dozen bytes) read as markup (``<`` after
    any byte-order mark and white space) in the encoding an XML parser would take them to be
    in: how a part that is not named as XML is told to be XML all the same."""
    codec, length = _detect(head)
    text = head[length:].decode(codec, errors="replace")
    return text.lstrip(" \t\r\n").startswith("<")


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

    The bytes pass :func:`gate` first; then any entity reference left unresolved, XML nested
    too deeply and XML that is not well-formed are refused
    (:class:`~newsdoc.errors.InvalidDocumentError`).

    >>> parse(b'<!DOCTYPE item [<!ENTITY e SYSTEM "/etc/passwd">]><item/>')  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.InvalidDocumentError: invalid document (1 problem):
      refused: the document type declaration of the document declares entities; ...
    >>> parse(b'<!DOCTYPE item SYSTEM "/etc/passwd"><item>Read</item>').text
    'Read'
    """
    data = gate(data, source=source, max_bytes=max_bytes)
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
    ):  # the gate stops these first; this is a second line of defence
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
