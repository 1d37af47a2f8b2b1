"""newsdoc: news articles as one typed model, in and out of JSON, HTML, EPUB, PDF and NewsML-G2.

The public API, all importable from here:

- the model: :class:`Article`, :class:`Collection`, :class:`Section`, the blocks
  (:class:`Paragraph`, :class:`Quote`, :class:`ListBlock`, :class:`Figure`, :class:`Table`,
  :class:`Preformatted`),
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

from typing import TYPE_CHECKING, Any

from newsdoc._version import __version__

if TYPE_CHECKING:
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
        Align,
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
        Preformatted,
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

# Each public name and the module it lives in: imported on first use, so that the command
# line (and ``import newsdoc``) starts without loading the model, the formats or cattrs.
_HOMES = {
    "Document": "newsdoc.api",
    "dump": "newsdoc.api",
    "dumps": "newsdoc.api",
    "load": "newsdoc.api",
    "loads": "newsdoc.api",
    "ArticleResult": "newsdoc.conversion",
    "OutputResult": "newsdoc.conversion",
    "convert": "newsdoc.conversion",
    "convert_many": "newsdoc.conversion",
    "iter_convert": "newsdoc.conversion",
    "Diagnostic": "newsdoc.diagnostics",
    "NewsdocWarning": "newsdoc.diagnostics",
    "ConversionError": "newsdoc.errors",
    "FetchError": "newsdoc.errors",
    "FieldError": "newsdoc.errors",
    "InternalError": "newsdoc.errors",
    "InvalidDocumentError": "newsdoc.errors",
    "LimitError": "newsdoc.errors",
    "MissingResourceError": "newsdoc.errors",
    "NewsdocError": "newsdoc.errors",
    "OptionError": "newsdoc.errors",
    "OverwriteError": "newsdoc.errors",
    "Problem": "newsdoc.errors",
    "StrictError": "newsdoc.errors",
    "UnknownFormatError": "newsdoc.errors",
    "UnsafeResourceError": "newsdoc.errors",
    "UsageError": "newsdoc.errors",
    "Format": "newsdoc.formats",
    "available_formats": "newsdoc.formats",
    "format_for_path": "newsdoc.formats",
    "get_format": "newsdoc.formats",
    "Align": "newsdoc.model",
    "Article": "newsdoc.model",
    "Block": "newsdoc.model",
    "Code": "newsdoc.model",
    "Collection": "newsdoc.model",
    "Correction": "newsdoc.model",
    "CorrectionKind": "newsdoc.model",
    "Dateline": "newsdoc.model",
    "Direction": "newsdoc.model",
    "Emphasis": "newsdoc.model",
    "Figure": "newsdoc.model",
    "GeoPoint": "newsdoc.model",
    "Inline": "newsdoc.model",
    "InlineQuote": "newsdoc.model",
    "KeyPoint": "newsdoc.model",
    "LineBreak": "newsdoc.model",
    "Link": "newsdoc.model",
    "ListBlock": "newsdoc.model",
    "Organization": "newsdoc.model",
    "Paragraph": "newsdoc.model",
    "Person": "newsdoc.model",
    "Preformatted": "newsdoc.model",
    "PubStatus": "newsdoc.model",
    "Quote": "newsdoc.model",
    "QuoteKind": "newsdoc.model",
    "RelatedLink": "newsdoc.model",
    "Relation": "newsdoc.model",
    "Rights": "newsdoc.model",
    "Section": "newsdoc.model",
    "Strong": "newsdoc.model",
    "Subject": "newsdoc.model",
    "Table": "newsdoc.model",
    "Text": "newsdoc.model",
    "from_html": "newsdoc.model",
    "plain_text": "newsdoc.model",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'newsdoc' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))


__all__ = [
    "Align",
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
    "Preformatted",
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
