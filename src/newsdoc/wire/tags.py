"""The tables of the model's data form: each block and inline class's tag, the model's classes
(found by one walk from :class:`~newsdoc.model.article.Collection` and the block and inline
types), and the generated fast hooks made from them once (:mod:`newsdoc.wire.fast`).
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from newsdoc.model.article import Article, Collection
from newsdoc.model.blocks import (
    BLOCK_TYPES,
    Figure,
    ListBlock,
    Paragraph,
    Preformatted,
    Quote,
    Table,
)
from newsdoc.model.inline import (
    INLINE_TYPES,
    Code,
    Emphasis,
    InlineQuote,
    LineBreak,
    Link,
    Strong,
    Text,
)
from newsdoc.wire.fast import make_hooks

__all__ = [
    "BLOCK_UNION",
    "CLASSES",
    "FAST_STRUCTURE",
    "FAST_UNSTRUCTURE",
    "INLINE_UNION",
    "KINDS",
    "TAGS",
    "Kind",
    "model_classes",
]

Kind = Literal["article", "collection"]

#: Tag (the ``"type"`` value) of each block and inline class in JSON.
TAGS: dict[type, str] = {
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Table: "table",
    Preformatted: "preformatted",
    Text: "text",
    Emphasis: "emphasis",
    Strong: "strong",
    Link: "link",
    LineBreak: "line_break",
    InlineQuote: "inline_quote",
    Code: "code",
}
KINDS: dict[str, type[Article] | type[Collection]] = {"article": Article, "collection": Collection}
BLOCK_UNION = Paragraph | Quote | ListBlock | Figure | Table | Preformatted
INLINE_UNION = Text | Emphasis | Strong | Link | LineBreak | InlineQuote | Code


def model_classes() -> list[type]:
    """Every attrs class reachable from Article and Collection."""
    seen: list[type] = []
    pending: list[type] = [Collection, *BLOCK_TYPES, *INLINE_TYPES]
    while pending:
        cls = pending.pop()
        if cls in seen:
            continue
        seen.append(cls)
        attrs.resolve_types(cls)
        for field in attrs.fields(cls):
            pending.extend(_attrs_classes_in(field.type))
    return seen


def _attrs_classes_in(t: Any) -> list[type]:
    if isinstance(t, type) and attrs.has(t):
        return [t]
    return [c for arg in getattr(t, "__args__", ()) for c in _attrs_classes_in(arg)]


CLASSES = model_classes()
FAST_STRUCTURE, FAST_UNSTRUCTURE = make_hooks(CLASSES, TAGS, INLINE_UNION, BLOCK_UNION, BLOCK_TYPES)
