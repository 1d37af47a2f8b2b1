"""Counting the attributes of XML and HTML before a parser sees them.

An element with 100,000 attributes is a few hundred kilobytes, and parsers spend minutes on
it: libxml2's HTML parser and feedparser compare each attribute with those before it, and
every parser builds an object for each. :func:`check_attributes` counts them on the bytes
(or text) first, in linear time, and refuses markup over the ``max_attributes`` (on one
element) or ``max_total_attributes`` (in the document) limits of :mod:`newsdoc.limits` with a
:class:`~newsdoc.errors.LimitError` naming the limit.

The count is an upper bound of what any parser will find, never less: every ``<`` followed
by a name starts a tag (in CDATA sections too, which feeds fill with HTML), except in
comments and, in HTML, in the text of scripts and styles; a tag runs to the first ``>``
outside a quoted value, and each name in it, with or without ``=`` and a value, is one
attribute (``/``, as HTML5 reads it, separates names).

>>> check_attributes(b'<p class="a" id="b">Text</p>')
>>> from newsdoc.limits import override
>>> with override(max_attributes=3):
...     check_attributes(b"<p a b c d>Text</p>")
Traceback (most recent call last):
...
newsdoc.errors.LimitError: an element <p> has more than 3 attributes (max_attributes)
"""

from __future__ import annotations

import re

from newsdoc.errors import LimitError, excerpt
from newsdoc.limits import current

__all__ = ["check_attributes", "unescaped_markup"]

# A start tag with attributes: its name (group 1), then its attributes up to the first ">"
# outside a value quoted after "=" (group 2), which start with a character of a name. Quotes
# elsewhere are part of a name, as in HTML5. A tag without attributes is never matched, so the
# scan does no work of its own on them.
_TAG = re.compile(
    rb"""<([^\s!?/<>=][^\s/<>]*)([\s/]+[^\s/>](?:[^>=]+|=\s*"[^"]*"|=\s*'[^']*'|=)*)""",
)
# One attribute: a name, and perhaps "=" and a value.
_ATTRIBUTE = re.compile(rb"""[^\s/>=\0]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>\0]*))?""")
# The markup an escaped HTML field (a feed's content) unescapes to.
_ESCAPED = re.compile(
    rb"&(?:(lt|#0*60|#x0*3c)|(gt|#0*62|#x0*3e)|(quot|#0*34|#x0*22)|(apos|#0*39|#x0*27)|amp);?",
    re.IGNORECASE,
)
_UNESCAPED = (b"<", b">", b'"', b"'")
# What holds no tags for an HTML parser: a comment, or the text of a script or a style.
_HTML_TEXT = re.compile(rb"<!--|<(script|style)\b", re.IGNORECASE)
_REST_OF_TAG = re.compile(rb"""(?:[^>=]+|=\s*"[^"]*"|=\s*'[^']*'|=)*>?""")
_END = {
    b"script": re.compile(rb"</script[\s/>]", re.IGNORECASE),
    b"style": re.compile(rb"</style[\s/>]", re.IGNORECASE),
}
# What holds no tags for an XML parser: a comment. A CDATA section holds text for the XML
# parser, but HTML for a feed reader: it is read as HTML.
_XML_TEXT = re.compile(rb"<!--|<!\[CDATA\[")


def _html_tags(data: bytes) -> bytes:
    """``data`` without what an HTML parser reads as text: comments (to their end, or the
    end of the input), and the text of scripts and styles after their start tags (whose own
    attributes count) up to their end tags."""
    kept: list[bytes] = []
    position = 0
    while (found := _HTML_TEXT.search(data, position)) is not None:
        kept.append(data[position : found.start()])
        if found.group(1) is None:
            end = data.find(b"-->", found.end())
            position = len(data) if end < 0 else end + 3
            continue
        tag_end = _REST_OF_TAG.match(data, found.end()).end()  # type: ignore[union-attr]
        kept.append(data[found.start() : tag_end])
        close = _END[found.group(1).lower()].search(data, tag_end)
        position = len(data) if close is None else close.start()
    if not kept:
        return data
    kept.append(data[position:])
    return b" ".join(kept)


def _xml_tags(data: bytes) -> bytes:
    """``data`` without comments, and with its CDATA sections as HTML (:func:`_html_tags`)."""
    kept: list[bytes] = []
    position = 0
    while (found := _XML_TEXT.search(data, position)) is not None:
        kept.append(data[position : found.start()])
        if found.group() == b"<!--":
            end = data.find(b"-->", found.end())
            position = len(data) if end < 0 else end + 3
        else:
            end = data.find(b"]]>", found.end())
            position = len(data) if end < 0 else end + 3
            kept.append(_html_tags(data[found.end() : position - 3 if end >= 0 else position]))
    if not kept:
        return data
    kept.append(data[position:])
    return b" ".join(kept)


def unescaped_markup(data: bytes) -> bytes:
    """``data`` with the character references for ``< > " ' &`` (named or numeric)
    replaced by the characters: the HTML a feed carries escaped, as a feed reader unescapes
    it, for :func:`check_attributes`.

    >>> unescaped_markup(b"&lt;p a=&quot;1&quot;&GT;x &amp;amp;")
    b'<p a="1">x &amp;'
    """
    if b"&" not in data:
        return data

    def one(found: re.Match[bytes]) -> bytes:
        for index, character in enumerate(_UNESCAPED, start=1):
            if found.group(index) is not None:
                return character
        return b"&"

    return _ESCAPED.sub(one, data)


def check_attributes(
    data: bytes | str,
    source: str | None = None,
    what: str = "",
    *,
    html: bool = True,
    in_all: bool = True,
) -> None:
    """Refuse markup with an element over ``max_attributes`` attributes, or over
    ``max_total_attributes`` in all (see the module docstring); ``what`` names the markup in
    the message (``"the page"``). ``html``: the markup is HTML, whose scripts and styles hold
    text (``a<b.length`` in a script is no tag); else XML, whose CDATA sections are counted
    as the HTML a feed carries in them. ``in_all=False`` checks ``max_attributes`` alone
    (for Word's parts, whose size limit bounds the rest)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    limits = current()
    per_element = limits.max_attributes
    total = limits.max_total_attributes if in_all else len(raw) + 1
    if len(raw) <= min(per_element, total):
        return  # each attribute takes at least one byte
    raw = _html_tags(raw) if html else _xml_tags(raw)
    where = f" in {what}" if what else ""
    if _count(raw, per_element, total, where, source, exact=False) > total:
        _count(raw, per_element, total, where, source, exact=True)


def _count(
    raw: bytes, per_element: int, in_all: int, where: str, source: str | None, *, exact: bool
) -> int:
    """The attributes of ``raw``, refusing an element over ``per_element``: counted one by
    one where an element may be over it (or with ``exact``, refusing over ``in_all`` in all),
    else bounded by the length of its attributes (a name and a separator each). Each tag
    counts one at least, so the loop ends within ``in_all`` + 1 tags."""
    total = 0
    count = _ATTRIBUTE.findall
    for found in _TAG.finditer(raw):
        attributes = found.group(2)
        here = len(attributes) // 2 + 1
        if here > per_element or exact:
            here = len(count(attributes))
        total += here
        if here > per_element:
            tag = excerpt(found.group(1).decode("utf-8", "replace"), 40).strip("'")
            raise LimitError(
                f"an element <{tag}>{where} has more than {per_element} attributes "
                "(max_attributes)",
                source,
            )
        if total > in_all:
            if not exact:
                return total  # perhaps: counted one by one next
            raise LimitError(
                f"the markup{where} has more than {in_all} attributes (max_total_attributes)",
                source,
            )
    return total
