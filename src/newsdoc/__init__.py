"""newsdoc: news articles as one typed model, in and out of JSON, HTML, EPUB, PDF and NewsML-G2.

The public API, all importable from here:

- the model: :class:`Article`, :class:`Collection`, :class:`Section`, the blocks
  (:class:`Paragraph`, :class:`Quote`, :class:`ListBlock`, :class:`Figure`, :class:`Table`),
  inline nodes (:class:`Text`, :class:`Emphasis`, ...) with :func:`from_html` and
  :func:`plain_text`, and the metadata classes (:class:`Person`, :class:`Dateline`, ...);
- files: :func:`load`, :func:`loads`, :func:`dump`, :func:`dumps`;
- conversion as the command line does it: :func:`convert`, and for archives
  :func:`convert_many` and :func:`iter_convert`;
- what was assumed or dropped: :class:`Diagnostic` and :class:`NewsdocWarning`;
- formats: :func:`available_formats`, :func:`get_format`, :class:`Format`;
- errors: :class:`NewsdocError` and its subclasses.

>>> import newsdoc
>>> article = newsdoc.Article(id="urn:newsdoc:demo", headline="Hello, world")
>>> newsdoc.loads(newsdoc.dumps(article)) == article
True
"""

from newsdoc._version import __version__
from newsdoc.api import Document, dump, dumps, load, loads
from newsdoc.conversion import ArticleResult, OutputResult, convert, convert_many, iter_convert
from newsdoc.diagnostics import Diagnostic, NewsdocWarning
from newsdoc.errors import (
    ConversionError,
    FetchError,
    FieldError,
    InternalError,
    InvalidDocumentError,
    LimitError,
    MissingResourceError,
    NewsdocError,
    OptionError,
    OverwriteError,
    Problem,
    StrictError,
    UnknownFormatError,
    UnsafeResourceError,
    UsageError,
)
from newsdoc.formats import Format, available_formats, format_for_path, get_format
from newsdoc.model import (
    Article,
    Block,
    Code,
    Collection,
    Correction,
    CorrectionKind,
    Dateline,
    Direction,
    Emphasis,
    Figure,
    GeoPoint,
    Inline,
    InlineQuote,
    KeyPoint,
    LineBreak,
    Link,
    ListBlock,
    Organization,
    Paragraph,
    Person,
    PubStatus,
    Quote,
    QuoteKind,
    RelatedLink,
    Relation,
    Rights,
    Section,
    Strong,
    Subject,
    Table,
    Text,
    from_html,
    plain_text,
)

__all__ = [
    "Article",
    "ArticleResult",
    "Block",
    "Code",
    "Collection",
    "ConversionError",
    "Correction",
    "CorrectionKind",
    "Dateline",
    "Diagnostic",
    "Direction",
    "Document",
    "Emphasis",
    "FetchError",
    "FieldError",
    "Figure",
    "Format",
    "GeoPoint",
    "Inline",
    "InlineQuote",
    "InternalError",
    "InvalidDocumentError",
    "KeyPoint",
    "LimitError",
    "LineBreak",
    "Link",
    "ListBlock",
    "MissingResourceError",
    "NewsdocError",
    "NewsdocWarning",
    "OptionError",
    "Organization",
    "OutputResult",
    "OverwriteError",
    "Paragraph",
    "Person",
    "Problem",
    "PubStatus",
    "Quote",
    "QuoteKind",
    "RelatedLink",
    "Relation",
    "Rights",
    "Section",
    "StrictError",
    "Strong",
    "Subject",
    "Table",
    "Text",
    "UnknownFormatError",
    "UnsafeResourceError",
    "UsageError",
    "available_formats",
    "convert",
    "convert_many",
    "dump",
    "dumps",
    "format_for_path",
    "from_html",
    "get_format",
    "iter_convert",
    "load",
    "loads",
    "plain_text",
    "__version__",
]
