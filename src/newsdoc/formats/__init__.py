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
    used for output files.
    """

    name: str
    extensions: tuple[str, ...]
    media_type: str
    description: str
    module: str
    readable: bool = False
    writable: bool = True

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


_BUILTIN = (
    Format(
        name="json",
        extensions=(".json",),
        media_type="application/json",
        description="newsdoc JSON: the lossless form of the model",
        module="newsdoc.formats.json",
        readable=True,
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
    """Every registered format: the built-in ones first, then those of other packages."""
    return list(_registry().values())


def get_format(name: str) -> Format:
    """The format called ``name`` (case-insensitive), or :class:`UnknownFormatError`."""
    found = _registry().get(name.lower())
    if found is None:
        raise UnknownFormatError(name, _registry())
    return found


def format_for_path(path: str | PurePath, *, readable: bool = False) -> Format:
    """The format whose extension ``path`` ends with (``article.json`` gives JSON)."""
    suffixes = "".join(PurePath(path).suffixes).lower()
    for fmt in _registry().values():
        if readable and not fmt.readable:
            continue
        if any(suffixes.endswith(ext) for ext in fmt.extensions):
            return fmt
    names = [f"{f.name} ({', '.join(f.extensions)})" for f in _registry().values()]
    raise UnknownFormatError(str(path), names, what="file type of")
