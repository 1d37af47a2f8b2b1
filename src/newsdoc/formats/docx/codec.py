"""The registry's module of the ``docx`` format: the reader (mammoth) and the writer
(python-docx), both of the ``docx`` extra."""

from __future__ import annotations

from newsdoc.formats.docx.reader import read
from newsdoc.formats.docx.writer import write

__all__ = ["read", "write"]
