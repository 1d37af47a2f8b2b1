"""Counting the attributes of XML and HTML before a parser sees them.

An element with 100,000 attributes is a few hundred kilobytes, and parsers spend minutes on
it: libxml2's HTML parser and feedparser compare each attribute with those before it, and
every parser builds an object for each. :func:`check_attributes` counts them on the bytes
(or text) first, in linear time, and refuses markup over the ``max_attributes`` (on one
element) or ``max_total_attributes`` (in the document) limits of :mod:`newsdoc.limits` with a
:class:`~newsdoc.errors.LimitError` naming the limit.

The count is an upper bound of what any parser will find, never less: every ``<`` followed
by a name starts a tag (in comments, scripts and CDATA sections too), a tag runs to the
first ``>`` outside a quoted value, and each name in it, with or without ``=`` and a value,
is one attribute (``/``, as HTML5 reads it, separates names).

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


def check_attributes(data: bytes | str, source: str | None = None, what: str = "") -> None:
    """Refuse markup with an element over ``max_attributes`` attributes, or over
    ``max_total_attributes`` in all (see the module docstring); ``what`` names the markup in
    the message (``"the page"``)."""
    raw = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    limits = current()
    per_element, in_all = limits.max_attributes, limits.max_total_attributes
    if len(raw) <= min(per_element, in_all):
        return  # each attribute takes at least one byte
    where = f" in {what}" if what else ""
    total = 0
    count = _ATTRIBUTE.findall
    for found in _TAG.finditer(raw):  # each match holds an attribute: at most in_all + 1 rounds
        attributes = found.group(2)
        here = len(count(attributes)) if len(attributes) > 2 else 1
        total += here
        if here > per_element:
            tag = excerpt(found.group(1).decode("utf-8", "replace"), 40).strip("'")
            raise LimitError(
                f"an element <{tag}>{where} has more than {per_element} attributes "
                "(max_attributes)",
                source,
            )
        if total > in_all:
            raise LimitError(
                f"the markup{where} has more than {in_all} attributes (max_total_attributes)",
                source,
            )
