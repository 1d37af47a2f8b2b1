"""SVG images checked before they are embedded: nothing in them may run or reach outside.

An SVG picture is a document that can hold script and can pull in other files and URLs in
many ways: ``href`` on ``image``, ``use``, ``feImage``, ``a``; ``url(...)`` in ``fill``,
``filter``, ``mask``, ``clip-path``, ``marker-*`` and any other presentation attribute;
``style`` attributes and ``<style>`` sheets (``url()``, ``@import`` with or without
``url()``, ``image-set()``, CSS escapes such as ``u\\72l(`` that spell the same);
``<set>``/``<animate>`` that change an ``href`` while the picture plays; ``xml:base``;
``<?xml-stylesheet?>``; and a DTD. :func:`check_svg` takes the strict way: it parses the SVG
with newsdoc's hardened XML parser and walks every element and attribute, and refuses the
picture (:class:`~newsdoc.errors.UnsafeResourceError`) when anything could run or refers to
anything but a ``#fragment`` of the picture itself. Nothing is rewritten, except that a DOCTYPE
naming the SVG DTD (common in older drawings; never loaded) is cut out.
"""

from __future__ import annotations

import re

from newsdoc.errors import ConversionError, InvalidDocumentError, UnsafeResourceError, excerpt
from newsdoc.markup.xml import Element, etree, parse

__all__ = ["check_svg", "css_unescape"]

_SVG_NS = "{http://www.w3.org/2000/svg}"
_XHTML_NS = "{http://www.w3.org/1999/xhtml}"
_XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"
# Elements that run script or embed other documents.
_REFUSED_ELEMENTS = frozenset(
    {
        "script",
        "foreignobject",
        "iframe",
        "object",
        "embed",
        "handler",
        "listener",
        "audio",
        "video",
        "source",
        "track",
        "link",
        "base",
        "applet",
        "frame",
        "frameset",
        "img",
        "meta",
    }
)
_ANIMATIONS = frozenset({"set", "animate", "animatemotion", "animatetransform", "animatecolor"})
# Attributes that name a resource to load wherever they appear.
_RESOURCE_ATTRIBUTES = frozenset(
    {"src", "data", "action", "formaction", "background", "poster", "codebase", "archive"}
)
# CSS functions that load something; url() is allowed for a #fragment only.
_LOADING_FUNCTIONS = frozenset(
    {
        "url",
        "src",
        "image",
        "image-set",
        "-webkit-image-set",
        "cross-fade",
        "-webkit-cross-fade",
        "element",
        "-moz-element",
        "image-rect",
    }
)
_CSS_ESCAPE = re.compile(r"\\(?:([0-9a-fA-F]{1,6})[ \t\n\r\f]?|(\r\n|[\n\r\f])|(.))", re.DOTALL)
_CSS_COMMENT = re.compile(r"/\*.*?(?:\*/|\Z)", re.DOTALL)
_FUNCTION = re.compile(r"([a-z_\-][a-z0-9_\-]*)\s*\(\s*(['\"]?)\s*([^'\")]*)")
_SVG_DOCTYPE = re.compile(
    rb"<!DOCTYPE\s+svg\s+(?:PUBLIC\s+(?:\"[^\"]*\"|'[^']*')\s+|SYSTEM\s+)"
    rb"(?:\"[^\"]*\"|'[^']*')\s*>"
)


def css_unescape(text: str) -> str:
    """``text`` with CSS escapes decoded, as a CSS parser reads it.

    >>> css_unescape("u\\\\72l(x) \\\\75 rl(y) u\\\\rl(z)")
    'url(x) url(y) url(z)'
    """

    def one(found: re.Match[str]) -> str:
        digits, newline, other = found.groups()
        if digits is not None:
            code = int(digits, 16)
            return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else "\ufffd"
        if newline is not None:
            return ""
        return str(other)

    return _CSS_ESCAPE.sub(one, text)


def _css_problem(text: str) -> str | None:
    """What in this CSS (a style sheet, a style attribute or any attribute's value) would load
    something from outside the picture, or ``None``."""
    if "\\" not in text and "(" not in text and "@" not in text:
        return None
    plain = _CSS_COMMENT.sub("", css_unescape(text)).lower()
    if "@import" in plain:
        return "imports a style sheet (@import)"
    for found in _FUNCTION.finditer(plain):
        name, target = found.group(1), found.group(3).strip()
        if name not in _LOADING_FUNCTIONS:
            continue
        if name == "url" and target.startswith("#"):
            continue
        return f"loads {excerpt(f'{name}({target})', 50)}"
    return None


def _strip_svg_doctype(data: bytes) -> bytes:
    """``data`` without a DOCTYPE that names the SVG DTD by an external identifier, when it
    comes before the root element (it is never loaded; newsdoc's parser refuses it)."""
    head = data[:65536]
    found = _SVG_DOCTYPE.search(head)
    if found is None:
        return data
    root = head.find(b"<svg")
    if root != -1 and root < found.start():
        return data
    return data[: found.start()] + data[found.end() :]


def check_svg(data: bytes, src: str) -> bytes:
    """The SVG's bytes as they may be embedded, or the error saying why they may not.

    Raises :class:`~newsdoc.errors.ConversionError` for bytes that are not a well-formed SVG,
    :class:`~newsdoc.errors.UnsafeResourceError` for an SVG that could run script or load
    anything from outside itself.

    >>> svg = b'<svg xmlns="http://www.w3.org/2000/svg"><rect fill="%s"/></svg>'
    >>> check_svg(svg % b"url(#gradient)", "a.svg")[:4]
    b'<svg'
    >>> check_svg(svg % b"u\\\\72l(http://x)", "b.svg")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.UnsafeResourceError: SVG image 'b.svg' refused: the fill attribute ... 'url(http://x)'...
    """
    cleaned = _strip_svg_doctype(data)
    try:
        root = parse(cleaned, source=src)
    except InvalidDocumentError as exc:
        reason = exc.problems[0].message if exc.problems else "not well-formed"
        if reason.startswith("refused"):
            raise UnsafeResourceError(f"SVG image {excerpt(src)} {reason}") from None
        raise ConversionError(
            f"image {excerpt(src)} is not a well-formed SVG file: {reason}"
        ) from None
    if root.tag != f"{_SVG_NS}svg":
        raise ConversionError(f"image {excerpt(src)} is not an SVG image (its root is not <svg>)")
    for sibling in (*root.itersiblings(preceding=True), *root.itersiblings()):
        _check_node(sibling, src)
    for element in root.iter():
        _check_node(element, src)
    return cleaned


def _refuse(src: str, what: str) -> UnsafeResourceError:
    return UnsafeResourceError(
        f"SVG image {excerpt(src)} refused: {what}; only #fragments of the picture itself are "
        "allowed"
    )


def _check_node(element: Element, src: str) -> None:
    if element.tag is etree.PI:
        if element.target.lower() == "xml-stylesheet":
            raise _refuse(src, "it links a style sheet (<?xml-stylesheet?>)")
        return
    if not isinstance(element.tag, str):
        return  # a comment
    qname = etree.QName(element)
    name = qname.localname.lower()
    if name in _REFUSED_ELEMENTS or element.tag.startswith(_XHTML_NS):
        raise UnsafeResourceError(f"SVG image {excerpt(src)} contains <{name}>; newsdoc refuses it")
    if name in _ANIMATIONS:
        target = (element.get("attributeName") or "").strip().lower().rsplit(":", 1)[-1]
        if target in ("href", "src", "style", "base"):
            raise _refuse(src, f"<{name}> changes its {target} while it plays")
    if name == "style":
        problem = _css_problem("".join(element.itertext()))
        if problem is not None:
            raise _refuse(src, f"its style sheet {problem}")
    for attribute, value in element.attrib.items():
        local = etree.QName(attribute).localname.lower()
        if local.startswith("on"):
            raise UnsafeResourceError(
                f"SVG image {excerpt(src)} has an event handler ({local}); newsdoc refuses it"
            )
        if local == "href":
            if not value.strip().startswith("#"):
                raise _refuse(src, f"<{name}> refers to {excerpt(value, 50)}")
            continue
        if attribute == _XML_BASE or local in _RESOURCE_ATTRIBUTES:
            raise _refuse(src, f"<{name}> has a {local} attribute ({excerpt(value, 50)})")
        problem = _css_problem(value)
        if problem is not None:
            raise _refuse(src, f"the {local} attribute of <{name}> {problem}")
