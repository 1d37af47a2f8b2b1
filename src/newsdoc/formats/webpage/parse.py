"""From a page's bytes to one parsed tree, or a clear refusal.

The page is decoded once (a byte-order mark or the look of UTF-16, else valid UTF-8, else the
charset the page declares when it is one of the encodings browsers use, else Windows-1252),
cleaned of the characters no text may carry (NUL and other C0 controls, lone surrogates,
character references to them), and parsed once by
lxml's HTML parser with comments and processing instructions left out (a comment inside a
paragraph would otherwise cut its text short in trafilatura) and without network access. The
tree is never changed afterwards: metadata, the page's own structure and trafilatura all read
the same tree.

Limits (a page beyond them is refused with :class:`~newsdoc.errors.LimitError`, at once):

- :data:`MAX_BYTES`: 20 MiB, the most ``newsdoc convert URL --fetch`` downloads; the largest
  page of the public extraction benchmark is 1.4 MB.
- :data:`MAX_ELEMENTS`: 30,000 elements, eighteen times the largest page of that benchmark
  (1,709). Reading takes about 0.3 ms per paragraph of text, so a page at both limits (20 MiB
  of text in 30,000 paragraphs) takes about ten seconds; a real news page, a fraction of one.
- Nesting is bounded by the parser itself: libxml2 stops at 256 levels, and the rest of the
  page is left out, with a warning.
"""

from __future__ import annotations

import codecs
import hashlib
import re

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, LimitError, Problem
from newsdoc.formats.webpage.tree import Element, is_element
from newsdoc.markup.attributes import check_attributes
from newsdoc.model import checks as C

__all__ = ["MAX_BYTES", "MAX_ELEMENTS", "Page", "decode", "parse"]

MAX_BYTES = 20 * 1024 * 1024
MAX_ELEMENTS = 30_000

_DECLARED = re.compile(
    rb"""(?:<meta[^>]{0,200}?charset\s*=\s*["']?\s*|<\?xml[^>]{0,100}?encoding\s*=\s*["'])"""
    rb"""([A-Za-z0-9_.:\-]{1,40})""",
    re.IGNORECASE,
)
# The encodings browsers decode (the WHATWG Encoding Standard), by Python's codec name.
# Latin-1 and ASCII labels mean Windows-1252 there; UTF-16 in a <meta> means UTF-8.
_WEB_ENCODINGS = frozenset(
    {
        "utf-8",
        "cp866",
        "koi8-r",
        "koi8-u",
        "mac-roman",
        "mac-cyrillic",
        "cp874",
        "tis-620",
        "gbk",
        "gb2312",
        "gb18030",
        "big5",
        "big5hkscs",
        "euc_jp",
        "iso2022_jp",
        "shift_jis",
        "cp932",
        "euc_kr",
        "cp949",
        *(f"iso8859-{n}" for n in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
        *(f"cp{n}" for n in range(1250, 1259)),
    }
)
_AS_WINDOWS_1252 = frozenset({"iso8859-1", "ascii", "latin-1"})
_AS_UTF_8 = frozenset({"utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be"})
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TAG = re.compile(r"<\s*[A-Za-z!?/]")
# Character references to C0 controls (other than tab, line feed and carriage return): the
# parser would put the characters themselves into the tree.
_CONTROL_REFS = re.compile(
    rb"&#(?:0*(?:[0-8]|1[124-9]|2[0-9]|3[01])|[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]))(?![0-9a-fA-F]);?"
)
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@attrs.frozen
class Page:
    """A parsed page: the tree (``<html>``), its ``<body>``, its bytes and their encoding."""

    tree: Element
    body: Element
    raw: bytes
    encoding: str

    @property
    def sha1(self) -> str:
        """The SHA-1 of the page's bytes, in hex (the id of a page with no URL)."""
        return hashlib.sha1(self.raw).hexdigest()


def _fail(message: str, source: str | None) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def _codec(label: bytes) -> str | None:
    """Python's name for a declared charset browsers decode, or ``None``."""
    try:
        name = codecs.lookup(label.decode("ascii").strip()).name
    except (LookupError, UnicodeError, ValueError):
        return None
    if name in _AS_WINDOWS_1252:
        return "cp1252"
    if name in _AS_UTF_8:
        return "utf-8"
    return name if name in _WEB_ENCODINGS else None


def _utf16(head: bytes) -> str | None:
    """UTF-16 without a byte-order mark, told by its zero bytes (markup is mostly ASCII)."""
    even, odd = head[0::2], head[1::2]
    if len(odd) < 8 or b"<" not in head:
        return None
    if odd.count(0) >= len(odd) * 3 // 4 and even.count(0) <= len(even) // 4:
        return "utf-16-le"
    if even.count(0) >= len(even) * 3 // 4 and odd.count(0) <= len(odd) // 4:
        return "utf-16-be"
    return None


def decode(raw: bytes) -> tuple[str, str]:
    """The page's text and the encoding it was read with (see the module's docstring).

    >>> decode("Ýerevan".encode("cp1252"))
    ('Ýerevan', 'cp1252')
    >>> decode(b'<meta charset="idna"><p>caf\\xe9</p>')[1]
    'cp1252'
    """
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(codec, errors="replace"), codec
    utf16 = _utf16(raw[:256])
    if utf16 is not None:
        return raw.decode(utf16, errors="replace"), utf16
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    found = _DECLARED.search(raw[:4096])
    declared = found.group(1) if found else None
    name = _codec(declared) if declared else None
    if declared and name is None:
        label = declared.decode("ascii", errors="replace")[:40]
        warn(
            f"the page declares the charset {label!r}, which browsers do not use; "
            "Windows-1252 assumed",
            code="assumed",
            where="page",
        )
    if name is not None:
        try:
            text = raw.decode(name, errors="replace")
        except (UnicodeError, LookupError):  # a codec that cannot replace: browsers' fallback
            name = None
        else:
            if "\ufffd" in text and name == "utf-8":
                count = text.count("\ufffd")
                warn(
                    f"{count} bytes are not valid UTF-8 as the page says; replaced",
                    code="dropped",
                    where="page",
                )
            return text, name
    return raw.decode("cp1252", errors="replace"), "cp1252"


_CONTROL_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _has_bad_chars(raw: bytes, text: str, encoding: str) -> bool:
    """Whether the text holds characters no text may carry (for UTF-8, checked on the bytes:
    control bytes, and U+FFFE/U+FFFF; valid UTF-8 holds no surrogates)."""
    if encoding != "utf-8" or raw.startswith(codecs.BOM_UTF8):
        return C.BAD_CHARS.search(text) is not None
    return (
        len(raw.translate(None, _CONTROL_BYTES)) != len(raw)
        or b"\xef\xbf\xbe" in raw
        or b"\xef\xbf\xbf" in raw
    )


def parse(raw: bytes, source: str | None) -> Page:
    """Decode, clean and parse the page; refuse what is not a page with text on it."""
    import lxml.etree  # type: ignore[import-untyped, unused-ignore]
    import lxml.html  # type: ignore[import-untyped, unused-ignore]

    if len(raw) > MAX_BYTES:
        raise LimitError(
            f"the page has {len(raw) / 2**20:.1f} MiB; newsdoc reads web pages of at most "
            f"{MAX_BYTES // 2**20} MiB",
            source,
        )
    if not raw.strip():
        raise _fail("the page is empty", source)
    text, encoding = decode(raw)
    head = text[:4096]
    if len(_CONTROLS.findall(head)) > max(8, len(head) // 50) or not _TAG.search(text):
        raise _fail("not an HTML page: no HTML tags found", source)
    removed = 0
    if _has_bad_chars(raw, text, encoding):
        removed = len(C.BAD_CHARS.findall(text))
        data = C.strip_bad_chars(text).encode("utf-8")
    else:
        as_is = encoding == "utf-8" and not raw.startswith(codecs.BOM_UTF8)
        data = raw if as_is else text.encode("utf-8")
    if _CONTROL_REFS.search(data) is not None:
        data, count = _CONTROL_REFS.subn(b"", data)
        removed += count
    if removed:
        warn(
            f"{removed} control characters or broken surrogates in the page were removed",
            code="dropped",
            where="page",
        )
    check_attributes(data, source, "the page")
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        collect_ids=False,
        default_doctype=False,
        no_network=True,
    )
    try:
        tree = lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        raise _fail("not an HTML page: nothing in it can be parsed", source) from None
    if not is_element(tree):
        raise _fail("not an HTML page: nothing in it can be parsed", source)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        warn(
            "the page nests its elements more than 256 deep; the parser stops there, and "
            "the rest of the page is left out",
            code="dropped",
            where="page",
        )
    if tree.xpath("count(//*)") > MAX_ELEMENTS:
        raise LimitError(
            f"the page has more than {MAX_ELEMENTS:,} elements, the most newsdoc reads", source
        )
    body = tree.find("body")
    if body is None or not any(part.strip() for part in body.itertext()):
        raise _fail("the page has no text (no <body>, or an empty one)", source)
    return Page(tree, body, raw, encoding)
