"""The registry's module of the ``docx`` format: the reader (mammoth) and the writer
(python-docx), both of the ``docx`` extra, each imported only when it is used (writing does
not pay for mammoth, nor reading for python-docx)."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING, Any

from newsdoc.errors import NewsdocError

if TYPE_CHECKING:
    from newsdoc.formats.docx.options import DocxOptions
    from newsdoc.model import Article, Document

__all__ = ["read", "write"]


def _side(name: str) -> ModuleType:
    try:
        return importlib.import_module(f"newsdoc.formats.docx.{name}")
    except ImportError as exc:
        raise NewsdocError(
            f"format 'docx' needs a package that is not installed ({exc.name}); "
            "pip install 'newsdoc[docx]'"
        ) from None


def read(
    data: bytes,
    options: DocxOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The article of a Word document (:func:`newsdoc.formats.docx.reader.read`)."""
    article: Article = _side("reader").read(data, options, source=source, **given)
    return article


def write(document: Document, options: DocxOptions | None = None, /, **given: Any) -> bytes:
    """``document`` as a Word document (:func:`newsdoc.formats.docx.writer.write`)."""
    data: bytes = _side("writer").write(document, options, **given)
    return data
