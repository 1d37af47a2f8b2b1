"""The registry of formats that the library API and the ``newsdoc`` command share.

Each format is one module under :mod:`newsdoc.formats` with a ``write(document, **options)
-> bytes`` function and, where the format can be read, ``read(data, *, source, **options)``.
A :class:`Format` names its module and is imported only when first used, so listing formats
or converting to JSON never pays for WeasyPrint or lxml.

Other packages add formats through the ``newsdoc.formats`` entry-point group; each entry point
names a :class:`Format` object::

    [project.entry-points."newsdoc.formats"]
    markdown = "mypackage.newsdoc_markdown:FORMAT"

- :func:`get_format` finds a format by name; :func:`format_for_path` by file extension;
  :func:`available_formats` lists them all.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from functools import cache
from importlib.metadata import entry_points
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from newsdoc.errors import NewsdocError, UnknownFormatError

if TYPE_CHECKING:
    from newsdoc.model import Article, Collection

__all__ = ["ENTRY_POINT_GROUP", "Format", "available_formats", "format_for_path", "get_format"]

#: The entry-point group third-party packages register their formats under.
ENTRY_POINT_GROUP = "newsdoc.formats"


class Writer(Protocol):
    def __call__(self, document: Article | Collection, **options: Any) -> bytes: ...


class Reader(Protocol):
    def __call__(
        self, data: bytes, *, source: str | None = None, **options: Any
    ) -> Article | Collection: ...


@attrs.frozen(kw_only=True)
class Format:
    """A format newsdoc can write and perhaps read.

    ``module`` is the import path of a module with ``write`` (and ``read`` if ``readable``);
    it is imported on first use. ``extensions`` are the file name endings, the first one
    used for output files. ``options`` names the keyword options its writer accepts, so the
    command line passes each format only its own; a writer that accepts ``base_dir`` is given
    the input file's folder, against which the article's relative image paths resolve.

    >>> fmt = get_format("newsml")
    >>> fmt.extension, fmt.readable, "body" in fmt.options
    ('.newsml.xml', True, True)
    """

    name: str
    extensions: tuple[str, ...]
    media_type: str
    description: str
    module: str
    readable: bool = False
    writable: bool = True
    options: tuple[str, ...] = ()

    def writer_options(self, options: dict[str, Any]) -> dict[str, Any]:
        """The part of ``options`` this format's writer accepts (``None`` values dropped)."""
        return {k: v for k, v in options.items() if k in self.options and v is not None}

    @property
    def extension(self) -> str:
        """The extension given to files written in this format (``.json``)."""
        return self.extensions[0]

    def _load(self, function: str) -> Callable[..., Any]:
        try:
            module = importlib.import_module(self.module)
        except ImportError as exc:
            raise NewsdocError(
                f"format {self.name!r} needs a package that is not installed ({exc.name}); "
                f"reinstall newsdoc with its dependencies"
            ) from exc
        found: Callable[..., Any] = getattr(module, function)
        return found

    @property
    def writer(self) -> Writer:
        """The format's ``write(document, **options) -> bytes`` function."""
        if not self.writable:
            raise NewsdocError(f"newsdoc can read {self.name} but not write it")
        return self._load("write")

    @property
    def reader(self) -> Reader:
        """The format's ``read(data, *, source=None, **options)`` function."""
        if not self.readable:
            raise NewsdocError(f"newsdoc can write {self.name} but not read it")
        return self._load("read")


# Options of the writers that render through the HTML renderer and load images.
_RESOURCE_OPTIONS = ("base_dir", "allowed_dirs", "allow_remote", "missing_images")
_HTML_OPTIONS = ("css", "template_dir", *_RESOURCE_OPTIONS)

_BUILTIN = (
    Format(
        name="json",
        extensions=(".json",),
        media_type="application/json",
        description="newsdoc JSON: the lossless form of the model",
        module="newsdoc.formats.json",
        readable=True,
        options=("indent",),
    ),
    Format(
        name="html",
        extensions=(".html", ".htm"),
        media_type="text/html",
        description="a standalone HTML5 page with schema.org JSON-LD",
        module="newsdoc.formats.html",
        options=(*_HTML_OPTIONS, "embed_images", "json_ld"),
    ),
    Format(
        name="epub",
        extensions=(".epub",),
        media_type="application/epub+zip",
        description="EPUB 3 e-book: one article, or a collection with a chapter per article",
        module="newsdoc.formats.epub",
        options=(*_HTML_OPTIONS, "modified"),
    ),
    Format(
        name="newsml",
        extensions=(".newsml.xml", ".newsml"),
        media_type="application/vnd.iptc.g2.newsitem+xml",
        description="IPTC NewsML-G2 2.35 news item (NITF body); a collection as a newsMessage",
        module="newsdoc.formats.newsml",
        readable=True,
        options=("body", "collection_as", "sent"),
    ),
    Format(
        name="ninjs",
        extensions=(".ninjs.json", ".ninjs"),
        media_type="application/json",
        description="IPTC ninjs 3.1 (or 2.2) news item",
        module="newsdoc.formats.ninjs",
        readable=True,
        options=("version", "indent"),
    ),
    Format(
        name="markdown",
        extensions=(".md", ".markdown"),
        media_type="text/markdown",
        description="Markdown (CommonMark) with YAML front matter",
        module="newsdoc.formats.markdown",
        readable=True,
    ),
    Format(
        name="webpage",
        extensions=(".html", ".htm"),
        media_type="text/html",
        description="a news web page, read into an article (trafilatura, extruct)",
        module="newsdoc.formats.webpage",
        readable=True,
        writable=False,
    ),
    Format(
        name="pdf",
        extensions=(".pdf",),
        media_type="application/pdf",
        description="print-ready PDF (WeasyPrint): layouts, bleed, PDF/A, PDF/UA, PDF/X",
        module="newsdoc.formats.pdf",
        readable=True,
        options=(
            *_HTML_OPTIONS,
            "layout",
            "page_size",
            "margin",
            "bleed",
            "marks",
            "pdf_variant",
            "embed_source",
        ),
    ),
)


@cache
def _registry() -> dict[str, Format]:
    formats = {fmt.name: fmt for fmt in _BUILTIN}
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        loaded = entry.load()
        if not isinstance(loaded, Format):
            raise NewsdocError(
                f"entry point {entry.name!r} in {ENTRY_POINT_GROUP!r} is not a newsdoc Format"
            )
        formats.setdefault(loaded.name, loaded)
    return formats


def available_formats() -> list[Format]:
    """Every registered format: the built-in ones first, then those of other packages.

    >>> [fmt.name for fmt in available_formats()][:4]
    ['json', 'html', 'epub', 'newsml']
    """
    return list(_registry().values())


def get_format(name: str) -> Format:
    """The format called ``name`` (case-insensitive), or :class:`UnknownFormatError`.

    >>> get_format("PDF").media_type
    'application/pdf'
    """
    found = _registry().get(name.lower())
    if found is None:
        raise UnknownFormatError(name, _registry())
    return found


def format_for_path(path: str | PurePath, *, readable: bool = False) -> Format:
    """The format whose extension ``path`` ends with, the longest one winning.

    ``article.json`` is JSON and ``article.ninjs.json`` ninjs. With ``readable`` only formats
    newsdoc can read are considered (``page.html`` is a web page to read), else only those it
    can write (``page.html`` is the HTML writer's).

    >>> format_for_path("out/article.ninjs.json").name
    'ninjs'
    >>> format_for_path("saved/page.html", readable=True).name
    'webpage'
    """
    name = PurePath(path).name.lower()
    best: tuple[int, Format] | None = None
    for fmt in _registry().values():
        if not (fmt.readable if readable else fmt.writable):
            continue
        for ext in fmt.extensions:
            if name.endswith(ext) and len(name) > len(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    if best is not None:
        return best[1]
    names = [f"{f.name} ({', '.join(f.extensions)})" for f in _registry().values()]
    raise UnknownFormatError(str(path), names, what="file type of")
