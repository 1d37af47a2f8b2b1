"""The registry of formats, and the one contract every format keeps.

A format is a module (a folder once it grows) with

- ``write(document, options) -> bytes``, where ``options`` is an instance of the format's
  options class (:mod:`newsdoc.options`), and, where the format can be read,
- ``read(data, options, *, source) -> Article | Collection``,

described by a :class:`Format` that names the module, its options class and how to recognise
its files. The module is imported only when first used, so listing formats or converting to
JSON never pays for WeasyPrint or lxml; the options classes live in light modules, so the
command line derives its flags from them without importing any format.

Callers go through :meth:`Format.write` and :meth:`Format.read`, which build and check the
options and are the boundary where any exception that is not newsdoc's becomes one
(:func:`newsdoc.errors.boundary`).

Other packages add formats through the ``newsdoc.formats`` entry-point group; each entry point
names a :class:`Format` object::

    [project.entry-points."newsdoc.formats"]
    txt = "mypackage.newsdoc_txt:FORMAT"

- :func:`get_format` finds a format by name or alias (``md``, ``htm``, ``xml``);
  :func:`format_for_path` by file extension; :func:`detect_format` by name and content;
  :func:`available_formats` lists them all.
"""

from __future__ import annotations

import dataclasses
import importlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any

from newsdoc.errors import NewsdocError, UnknownFormatError, boundary
from newsdoc.fetch import set_page_reader

if TYPE_CHECKING:
    from pathlib import PurePath

    from newsdoc.model import Document
    from newsdoc.options import Options

__all__ = [
    "ENTRY_POINT_GROUP",
    "Format",
    "available_formats",
    "detect_format",
    "format_for_path",
    "get_format",
]

#: The entry-point group third-party packages register their formats under.
ENTRY_POINT_GROUP = "newsdoc.formats"


def _load_object(reference: str) -> Any:
    module, _, name = reference.partition(":")
    return getattr(importlib.import_module(module), name)


@dataclasses.dataclass(frozen=True, kw_only=True)
class Format:
    """A format newsdoc can write and perhaps read.

    ``module`` is the import path of a module with ``write`` (and ``read`` if ``readable``);
    it is imported on first use. ``extensions`` are the file name endings, the first one
    used for output files; ``aliases`` other names it answers to (``md``). ``options`` is
    the format's :class:`~newsdoc.options.Options` class, or a ``"module:Class"`` reference
    to one in a light module. ``sniff`` tells the format's files by their first bytes (a
    function, or a ``"module:function"`` reference), for inputs whose name does not.

    >>> fmt = get_format("newsml")
    >>> fmt.extension, fmt.readable, "body" in fmt.option_names
    ('.newsml.xml', True, True)
    """

    name: str
    extensions: tuple[str, ...]
    media_type: str
    description: str
    module: str
    readable: bool = False
    writable: bool = True
    options: type[Options] | str = "newsdoc.options:Options"
    aliases: tuple[str, ...] = ()
    sniff: Callable[[bytes], bool] | str | None = None

    @property
    def extension(self) -> str:
        """The extension given to files written in this format (``.json``)."""
        return self.extensions[0]

    @property
    def options_class(self) -> type[Options]:
        """The format's options class (imported from its light module on first use)."""
        from newsdoc.options import Options

        if isinstance(self.options, str):
            loaded = _load_object(self.options)
            if not (isinstance(loaded, type) and issubclass(loaded, Options)):
                raise NewsdocError(f"format {self.name!r}: {self.options} is not an Options class")
            return loaded
        return self.options

    @property
    def option_names(self) -> tuple[str, ...]:
        """The names of the format's options."""
        from newsdoc.options import option_specs

        return tuple(spec.name for spec in option_specs(self.options_class))

    def make_options(
        self, options: Options | Mapping[str, Any] | None = None, /, **given: Any
    ) -> Options:
        """This format's options from an instance, a mapping and/or keywords, checked.

        An unknown name or a bad value raises :class:`~newsdoc.errors.OptionError`.

        >>> get_format("pdf").make_options(layout="newspaper").layout
        'newspaper'
        """
        from newsdoc.options import Options

        cls = self.options_class
        if isinstance(options, Options):
            if not isinstance(options, cls):
                from newsdoc.errors import OptionError

                raise OptionError(
                    f"the {self.name} format takes {cls.__name__}, not {type(options).__name__}"
                )
            return options.replace(**given) if given else options
        values = {**(options or {}), **given}
        return cls.build(self.name, values)

    def accepts(self, data: bytes) -> bool:
        """Whether ``data`` looks like this format (``False`` when it cannot tell)."""
        if self.sniff is None:
            return False
        test = _load_object(self.sniff) if isinstance(self.sniff, str) else self.sniff
        return bool(test(data))

    def _module(self) -> Any:
        try:
            return importlib.import_module(self.module)
        except ImportError as exc:
            hint = _EXTRAS.get(self.name)
            how = (
                f"pip install 'newsdoc[{hint}]'"
                if hint
                else "reinstall newsdoc with its dependencies"
            )
            raise NewsdocError(
                f"format {self.name!r} needs a package that is not installed ({exc.name}); {how}"
            ) from None

    def write(
        self,
        document: Document,
        options: Options | Mapping[str, Any] | None = None,
        /,
        **given: Any,
    ) -> bytes:
        """The document in this format, as bytes; options as for :meth:`make_options`.

        >>> import newsdoc
        >>> get_format("json").write(newsdoc.Article(id="urn:newsdoc:1", headline="Hi"),
        ...                          indent=False)
        b'{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Hi"}'
        """
        if not self.writable:
            raise NewsdocError(f"newsdoc can read {self.name} but not write it")
        settings = self.make_options(options, **given)
        function = self._module().write
        with boundary(f"writing {self.name}"):
            data = function(document, settings)
        if not isinstance(data, bytes):
            raise NewsdocError(f"the {self.name} writer returned {type(data).__name__}, not bytes")
        return data

    def read(
        self,
        data: bytes,
        options: Options | Mapping[str, Any] | None = None,
        /,
        *,
        source: str | None = None,
        **given: Any,
    ) -> Document:
        """The article or collection in ``data``; ``source`` names it in error messages.

        >>> get_format("ninjs").read(b'{"uri": "urn:x:1", "headlines": [{"value": "Hi"}]}').id
        'urn:x:1'
        """
        from newsdoc.model import Article, Collection

        if not self.readable:
            raise NewsdocError(f"newsdoc can write {self.name} but not read it")
        settings = self.make_options(options, **given)
        function = self._module().read
        with boundary(f"reading {self.name}", source=source):
            document = function(data, settings, source=source)
        if not isinstance(document, Article | Collection):
            raise NewsdocError(f"the {self.name} reader returned {type(document).__name__}")
        return document

    @property
    def writer(self) -> Callable[..., bytes]:
        """:meth:`write`, as a function (``fmt.writer(document, **options)``)."""
        if not self.writable:
            raise NewsdocError(f"newsdoc can read {self.name} but not write it")
        return self.write

    @property
    def reader(self) -> Callable[..., Document]:
        """:meth:`read`, as a function (``fmt.reader(data, source=...)``)."""
        if not self.readable:
            raise NewsdocError(f"newsdoc can write {self.name} but not read it")
        return self.read


# The extra to install for a format whose packages are optional.
_EXTRAS: dict[str, str] = {"webpage": "web", "docx": "docx", "atom": "feeds", "rss": "feeds"}


_SNIFF = "newsdoc.formats._sniff:"

_BUILTIN = (
    Format(
        name="json",
        extensions=(".json",),
        media_type="application/json",
        description="newsdoc JSON: the lossless form of the model",
        module="newsdoc.formats.json",
        readable=True,
        options="newsdoc.formats.json.options:JsonOptions",
        sniff=_SNIFF + "json",
    ),
    Format(
        name="html",
        extensions=(".html", ".htm"),
        media_type="text/html",
        description="a standalone HTML5 page with schema.org JSON-LD",
        module="newsdoc.formats.html",
        options="newsdoc.formats.html.options:HtmlOptions",
        aliases=("htm", "html5"),
    ),
    Format(
        name="epub",
        extensions=(".epub",),
        media_type="application/epub+zip",
        description="EPUB 3 e-book: one article, or a collection with a chapter per article",
        module="newsdoc.formats.epub",
        options="newsdoc.formats.epub.options:EpubOptions",
        aliases=("epub3",),
    ),
    Format(
        name="newsml",
        extensions=(".newsml.xml", ".newsml"),
        media_type="application/vnd.iptc.g2.newsitem+xml",
        description="IPTC NewsML-G2 2.35 news item (NITF body); a collection as a newsMessage",
        module="newsdoc.formats.newsml",
        readable=True,
        options="newsdoc.formats.newsml.options:NewsmlOptions",
        aliases=("newsml-g2", "g2", "xml"),
        sniff=_SNIFF + "newsml",
    ),
    Format(
        name="nitf",
        extensions=(".nitf.xml", ".nitf"),
        media_type="application/nitf+xml",
        description="IPTC NITF 3.6 document (reads NITF 3.x in any namespace or none)",
        module="newsdoc.formats.nitf",
        readable=True,
        options="newsdoc.formats.nitf.options:NitfOptions",
        sniff=_SNIFF + "nitf",
    ),
    Format(
        name="ninjs",
        extensions=(".ninjs.json", ".ninjs"),
        media_type="application/json",
        description="IPTC ninjs 3.1 (or 2.2) news item",
        module="newsdoc.formats.ninjs",
        readable=True,
        options="newsdoc.formats.ninjs.options:NinjsOptions",
        sniff=_SNIFF + "ninjs",
    ),
    Format(
        name="markdown",
        extensions=(".md", ".markdown"),
        media_type="text/markdown",
        description="Markdown (CommonMark) with YAML front matter",
        module="newsdoc.formats.markdown",
        readable=True,
        options="newsdoc.formats.markdown.options:MarkdownOptions",
        aliases=("md", "commonmark"),
        sniff=_SNIFF + "markdown",
    ),
    Format(
        name="webpage",
        extensions=(".html", ".htm"),
        media_type="text/html",
        description="a news web page, read into an article (trafilatura, extruct)",
        module="newsdoc.formats.webpage",
        readable=True,
        writable=False,
        options="newsdoc.formats.webpage.options:WebpageOptions",
        aliases=("html", "htm"),
        sniff=_SNIFF + "webpage",
    ),
    Format(
        name="docx",
        extensions=(".docx",),
        media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        description="Word document: an article, or a collection with a page per article",
        module="newsdoc.formats.docx.codec",
        readable=True,
        options="newsdoc.formats.docx.options:DocxOptions",
        aliases=("word",),
        sniff=_SNIFF + "docx",
    ),
    Format(
        name="atom",
        extensions=(".atom", ".atom.xml"),
        media_type="application/atom+xml",
        description="Atom 1.0 feed (RFC 4287): a collection, or one article as one entry",
        module="newsdoc.formats.atom",
        readable=True,
        options="newsdoc.formats.atom.options:AtomOptions",
        sniff=_SNIFF + "atom",
    ),
    Format(
        name="rss",
        extensions=(".rss", ".rss.xml"),
        media_type="application/rss+xml",
        description="RSS 2.0 feed with content:encoded: a collection, or one article",
        module="newsdoc.formats.rss",
        readable=True,
        options="newsdoc.formats.rss.options:RssOptions",
        aliases=("rss2",),
        sniff=_SNIFF + "rss",
    ),
    Format(
        name="jsonfeed",
        extensions=(".feed.json", ".jsonfeed"),
        media_type="application/feed+json",
        description="JSON Feed 1.1: a collection, or one article as one item",
        module="newsdoc.formats.jsonfeed",
        readable=True,
        options="newsdoc.formats.jsonfeed.options:JsonFeedOptions",
        aliases=("json-feed",),
        sniff=_SNIFF + "jsonfeed",
    ),
    Format(
        name="pdf",
        extensions=(".pdf",),
        media_type="application/pdf",
        description="print-ready PDF (WeasyPrint): layouts, bleed, PDF/A, PDF/UA, PDF/X",
        module="newsdoc.formats.pdf",
        readable=True,
        options="newsdoc.formats.pdf.options:PdfOptions",
        sniff=_SNIFF + "pdf",
    ),
)


@dataclasses.dataclass(frozen=True)
class _EntryPoint:
    """One entry point of the group, found without :mod:`importlib.metadata` (which costs
    more than the rest of the command's start-up)."""

    name: str
    value: str

    def load(self) -> Any:
        return _load_object(self.value.replace(" ", ""))


def entry_points(group: str) -> Iterator[Any]:
    """The installed packages' entry points of ``group`` (for :func:`_registry`).

    Reads the ``entry_points.txt`` of the distributions in the folders on :data:`sys.path`;
    where a path entry is not a folder (a zip, an egg) it asks :mod:`importlib.metadata`.
    """
    if any(os.path.isfile(entry) for entry in sys.path if entry):  # a zip or an egg
        from importlib.metadata import entry_points as metadata_entry_points

        yield from metadata_entry_points(group=group)
        return
    seen: set[str] = set()
    heading = f"[{group}]".encode()
    for entry in sys.path:
        folder = entry or "."
        try:
            names = sorted(n for n in os.listdir(folder) if n.endswith((".dist-info", ".egg-info")))
        except OSError:
            continue
        for name in names:
            distribution = name.split("-", 1)[0].lower()
            if distribution in seen:
                continue
            seen.add(distribution)
            yield from _group_in(os.path.join(folder, name, "entry_points.txt"), group, heading)


def _group_in(path: str, group: str, heading: bytes) -> Iterator[_EntryPoint]:
    try:
        with open(path, "rb") as stream:
            raw = stream.read()
    except OSError:
        return
    if heading not in raw.replace(b" ", b""):  # most packages have no section of the group
        return
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return
    section = None
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            section = line[1:-1].strip()
        elif section == group and "=" in line and not line.startswith(("#", ";")):
            name, _, value = line.partition("=")
            yield _EntryPoint(name.strip(), value.strip())


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


def get_format(name: str, *, reading: bool | None = None) -> Format:
    """The format called ``name`` or answering to it as an alias (case-insensitive).

    With ``reading=True`` only formats newsdoc can read count (``html`` is then the web-page
    reader), with ``reading=False`` only those it can write; a name no format has raises
    :class:`UnknownFormatError`, as does an alias two formats share.

    >>> get_format("PDF").media_type
    'application/pdf'
    >>> get_format("md").name, get_format("html", reading=True).name
    ('markdown', 'webpage')
    """
    wanted = name.strip().lower()
    formats = list(_registry().values())
    if reading is not None:
        able = [f for f in formats if (f.readable if reading else f.writable)]
    else:
        able = formats
    exact = [f for f in able if f.name == wanted]
    if exact:
        return exact[0]
    aliased = [f for f in able if wanted in f.aliases]
    if len(aliased) == 1:
        return aliased[0]
    if len(aliased) > 1:
        names = [f.name for f in aliased]
        raise UnknownFormatError(
            name, names, message=f"{name!r} may mean {' or '.join(names)}: name one of them"
        )
    other = [f for f in formats if f.name == wanted or wanted in f.aliases]
    if other and reading is not None:
        verb = "read" if reading else "write"
        names = [f.name for f in able]
        raise UnknownFormatError(
            name,
            names,
            message=f"newsdoc cannot {verb} {name!r}; it can {verb} {', '.join(names)}",
        )
    raise UnknownFormatError(name, [f.name for f in formats])


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
    name = os.path.basename(os.fspath(path)).lower()
    best: tuple[int, Format] | None = None
    for fmt in _registry().values():
        if not (fmt.readable if readable else fmt.writable):
            continue
        for ext in fmt.extensions:
            if name.endswith(ext) and len(name) > len(ext) and (best is None or len(ext) > best[0]):
                best = (len(ext), fmt)
    if best is not None:
        return best[1]
    able = [f for f in _registry().values() if (f.readable if readable else f.writable)]
    names = [f"{f.name} ({', '.join(f.extensions)})" for f in able]
    raise UnknownFormatError(str(path), names, what="file type of")


def detect_format(name: str | PurePath | None, data: bytes) -> Format:
    """The format to read ``data`` (from a file called ``name``) with: its extension when
    the content agrees, else whichever format recognises the content.

    ``item.xml`` holding a NewsML-G2 ``newsItem`` is ``newsml``; ``item.json`` holding a
    ninjs object is ``ninjs``, and holding newsdoc JSON, ``json``.

    >>> detect_format("feed/item.xml", b"<newsItem xmlns='http://iptc.org/std/nar/2006-10-01/'/>").name
    'newsml'
    >>> detect_format("item.json", b'{"uri": "urn:x:1", "headlines": []}').name
    'ninjs'
    """
    by_name: Format | None = None
    if name is not None:
        try:
            by_name = format_for_path(name, readable=True)
        except UnknownFormatError:
            by_name = None
    if by_name is not None and (by_name.sniff is None or by_name.accepts(data)):
        return by_name
    for fmt in _registry().values():
        if fmt.readable and fmt.accepts(data):
            return fmt
    if by_name is not None:
        return by_name  # its reader says what is wrong with the content
    readable = [f.name for f in _registry().values() if f.readable]
    where = f"{name}: " if name is not None else ""
    raise UnknownFormatError(
        str(name),
        readable,
        message=f"{where}neither the name nor the content tells the format; name it "
        f"(--from on the command line; format= in load(), reader= in convert()): "
        f"{', '.join(readable)}",
    )


def _read_page(page: bytes, url: str) -> Document:
    """A downloaded page read by the web-page reader: what a feed's ``fetch`` reads entries'
    pages with (:func:`newsdoc.fetch.read_page`), handed in here, above the formats."""
    return get_format("webpage").read(page, url=url, source=url)


set_page_reader(_read_page)
