"""The newsdoc article model: immutable, validated attrs classes.

Everything here is re-exported from :mod:`newsdoc`; import it from there.
"""

from typing import TypeAlias

from newsdoc.model.article import (
    Article,
    Collection,
    Correction,
    CorrectionKind,
    Dateline,
    GeoPoint,
    KeyPoint,
    Organization,
    PubStatus,
    RelatedLink,
    Relation,
    Rights,
    Subject,
)
from newsdoc.model.blocks import (
    Align,
    Block,
    Direction,
    Figure,
    ListBlock,
    Paragraph,
    Person,
    Preformatted,
    Quote,
    QuoteKind,
    Section,
    Table,
)
from newsdoc.model.inline import (
    Code,
    Emphasis,
    Inline,
    InlineQuote,
    LineBreak,
    Link,
    Strong,
    Text,
    from_html,
    plain_text,
)

#: What every reader returns and every writer takes: one article, or a collection of them.
Document: TypeAlias = Article | Collection

__all__ = [
    "Article",
    "Block",
    "Code",
    "Collection",
    "Correction",
    "CorrectionKind",
    "Dateline",
    "Align",
    "Direction",
    "Document",
    "Emphasis",
    "Figure",
    "GeoPoint",
    "Inline",
    "InlineQuote",
    "KeyPoint",
    "LineBreak",
    "Link",
    "ListBlock",
    "Organization",
    "Paragraph",
    "Person",
    "Preformatted",
    "PubStatus",
    "Quote",
    "QuoteKind",
    "RelatedLink",
    "Relation",
    "Rights",
    "Section",
    "Strong",
    "Subject",
    "Table",
    "Text",
    "from_html",
    "plain_text",
]
