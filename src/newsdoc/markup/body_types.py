"""What the body codec, its reader and the reader of a body's parts share: the tag tables they
read by, the few helpers both readers use, and :class:`Dialect`, what a reader needs of the
codec (:class:`~newsdoc.markup.body.BodyCodec` is one), so the readers need not import it.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from newsdoc.markup.inline import InlineCodec
from newsdoc.markup.xml import Element, local_name
from newsdoc.model.blocks import Block

__all__ = [
    "CONTAINERS",
    "DASH",
    "EMBEDS",
    "HEADINGS",
    "INLINE",
    "SECTION_CLASSES",
    "SILENT",
    "Dialect",
    "element_classes",
    "local_of",
    "loose_blocks",
]


class Dialect(Protocol):
    """The dialect a body is read in: NITF, XHTML, or HTML without a namespace."""

    nitf: bool
    html: bool
    inline: InlineCodec

    def tag(self, local: str) -> str:
        """The qualified name of the element ``local`` in this dialect."""
        ...


HEADINGS = {"hl2": 2, "h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
SECTION_CLASSES = frozenset({"section", "body-section"})
CONTAINERS = frozenset(
    {"block", "div", "section", "article", "main", "aside", "header", "footer", "body", "center"}
)
EMBEDS = frozenset(
    {"iframe", "video", "audio", "object", "embed", "canvas", "svg", "math", "form", "picture"}
)
SILENT = frozenset({"script", "style", "template", "noscript", "hr", "br", "link", "meta"})
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
        "font", "i", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span",
        "strike", "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "br",
    }
)  # fmt: skip
DASH = re.compile(r"^\s*(?:—|–|―|--?)\s*(?P<rest>\S.*)$", re.DOTALL)


def element_classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())


def loose_blocks(found: list[Block]) -> Any:
    """A tuple of blocks, typed loosely for the model's generic converter."""
    return tuple(found)


def local_of(element: Element) -> str:
    return local_name(element)
