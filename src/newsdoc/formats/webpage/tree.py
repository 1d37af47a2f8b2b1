"""Read-only helpers over the parsed page: text, classes, URLs and inline content.

Nothing here changes the tree. Every walk skips what is not an element (lxml also yields
comments, processing instructions and entities) and the text of ``script``, ``style``,
``noscript`` and ``template``; every string handed to the model is cleaned of the characters
no text may carry (:data:`newsdoc.model.checks.BAD_CHARS`) and its white space collapsed.
Inline content is built with the model's own rules (:class:`~newsdoc.model.inline.InlineBuilder`,
:func:`~newsdoc.model.inline.inline_container`, :func:`~newsdoc.model.inline.is_safe_href`),
so the page's markup follows the same rules as every other reader's.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from newsdoc.model import Inline
from newsdoc.model import checks as C
from newsdoc.model.inline import HTML_CODE, HTML_CONTAINERS, HTML_DROPPED, InlineBuilder

__all__ = [
    "Element",
    "as_tuple",
    "classes",
    "clean",
    "elements",
    "http_url",
    "inlines_of",
    "is_element",
    "key",
    "short_text",
    "text_of",
]

Element = Any  # an lxml element; lxml ships no type information

_SPACES = re.compile(r"\s+")
_NOT_WORDS = re.compile(r"[\W_]+")
_HIDDEN = frozenset({"script", "style", "noscript", "template"})
_HTTP = re.compile(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
#: The longest URL newsdoc keeps from a page (longer ones are tracking noise or hostile).
MAX_URL = 4096


def clean(value: object, *, limit: int | None = None) -> str | None:
    """``value`` as model-safe text: a string with bad characters removed and white space
    collapsed, cut to ``limit`` characters; ``None`` when nothing is left.

    >>> clean("  Rain\\x00 returns\\n to  town "), clean(42), clean("   ")
    ('Rain returns to town', None, None)
    """
    if not isinstance(value, str):
        return None
    text = _SPACES.sub(" ", C.strip_bad_chars(value)).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip()
    return text or None


def key(text: str) -> str:
    """A comparison key for text: words only, casefolded (punctuation and spacing differ
    between the page and trafilatura's output).

    >>> key("Read also:  ") == key("read ALSO")
    True
    """
    return _NOT_WORDS.sub(" ", text).strip().casefold()


def as_tuple(values: Iterable[Any]) -> Any:
    """``values`` as the tuple the model keeps (typed loosely: attrs converters are generic)."""
    return tuple(values)


def is_element(node: Element) -> bool:
    """Whether an lxml node is an element (not a comment, PI or entity)."""
    return isinstance(node.tag, str)


def elements(root: Element) -> Iterator[Element]:
    """The elements under ``root`` (itself included) in document order, skipping hidden ones
    (``script``, ``style``, ``noscript``, ``template``) with their content."""
    stack = [root]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in _HIDDEN:
            continue
        yield node
        stack.extend(reversed(node))


def _texts(node: Element, out: list[str]) -> None:
    # Depth is bounded: libxml2's HTML parser nests at most 256 elements.
    if node.text:
        out.append(node.text)
    for child in node:
        if isinstance(child.tag, str) and child.tag not in _HIDDEN:
            _texts(child, out)
        if child.tail:
            out.append(child.tail)


def text_of(element: Element) -> str:
    """The element's visible text, white space collapsed, bad characters removed."""
    if not isinstance(element.tag, str):
        return ""
    if next(element.iter(*_HIDDEN), None) is None:
        raw = "".join(element.itertext())
    else:
        parts: list[str] = []
        _texts(element, parts)
        raw = "".join(parts)
    return clean(raw) or ""


def short_text(element: Element, limit: int) -> str | None:
    """The element's text when it has at most ``limit`` characters, else ``None`` (without
    reading the rest of a long element: labels and bylines are short)."""
    if not isinstance(element.tag, str):
        return None
    size = 0
    parts: list[str] = []
    for part in element.itertext():
        size += len(part)
        if size > limit * 4 + 200:  # white space collapses; stop well after the limit
            return None
        parts.append(part)
    if next(element.iter(*_HIDDEN), None) is not None:
        return None
    text = clean("".join(parts)) or ""
    return text if len(text) <= limit else None


def classes(element: Element) -> str:
    """The element's class and id, lowercased, for class-name rules."""
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def http_url(value: object, base: str | None = None) -> str | None:
    """``value`` as an absolute http(s) URL (resolved against ``base``), or ``None``.

    >>> http_url("/a/b", "https://example.org/x"), http_url("javascript:x()", None)
    ('https://example.org/a/b', None)
    """
    text = clean(value)
    if text is None or len(text) > MAX_URL:
        return None
    text = text.replace(" ", "%20")
    if base and not _HTTP.match(text):
        try:
            text = urllib.parse.urljoin(base, text)
        except ValueError:  # a malformed URL (an unclosed IPv6 bracket, say)
            return None
    if not _HTTP.match(text) or not C.is_clean(text):
        return None
    try:
        parts = urllib.parse.urlsplit(text)
        valid = bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # an unclosed IPv6 bracket, a port that is no number
        return None
    return text if valid else None


def inlines_of(
    element: Element,
    base: str | None,
    *,
    skip: Callable[[Element], bool] | None = None,
) -> tuple[Inline, ...]:
    """The element's content as inline nodes, with the model's rules for inline HTML.

    ``em``/``i``, ``strong``/``b``, ``a``, ``q`` become containers, ``br`` a line break,
    ``code``/``kbd``/``samp``/``tt`` code; any other element keeps its text. Relative link
    targets are resolved against ``base``; elements for which ``skip`` is true are left out
    with their content (their tail stays).
    """
    builder = InlineBuilder()
    _feed(builder, element, base, skip, top=True)
    return builder.build()


def _feed(
    builder: InlineBuilder,
    node: Element,
    base: str | None,
    skip: Callable[[Element], bool] | None,
    *,
    top: bool = False,
) -> None:
    tag = node.tag if isinstance(node.tag, str) else None
    if tag is not None and not top:
        if tag in HTML_DROPPED or tag in _HIDDEN or (skip is not None and skip(node)):
            return
        if tag == "br":
            builder.line_break()
            return
        if tag in HTML_CODE:
            builder.code("".join(node.itertext()))
            return
    kind = HTML_CONTAINERS.get(tag or "") if not top else None
    if kind is not None:
        attributes = dict(node.attrib)
        if kind == "a":
            attributes["href"] = http_url(node.get("href"), base) or ""
        builder.open(kind, attributes)
    if node.text:
        builder.text(node.text)
    for child in node:
        if isinstance(child.tag, str):
            _feed(builder, child, base, skip)
        if child.tail:
            builder.text(child.tail)
    if kind is not None:
        builder.close(kind)
