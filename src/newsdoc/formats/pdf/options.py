"""The options of the PDF writer: the HTML renderer's, and the printed page's."""

from __future__ import annotations

import re
from typing import Literal

import attrs

from newsdoc.errors import OptionError
from newsdoc.options import option
from newsdoc.render.options import RenderOptions

__all__ = ["LAYOUTS", "PAGE_SIZES", "VARIANTS", "Layout", "PdfOptions", "page_size_css"]

Layout = Literal["report", "newspaper", "edition"]
LAYOUTS: tuple[Layout, ...] = ("report", "newspaper", "edition")
#: Named page sizes (CSS ``size`` values).
PAGE_SIZES = {"a4": "A4", "a5": "A5", "letter": "letter", "tabloid": "11in 17in"}
#: The PDF variants WeasyPrint can produce.
Variant = Literal[
    "pdf/a-1b",
    "pdf/a-2b",
    "pdf/a-3b",
    "pdf/a-2u",
    "pdf/a-3u",
    "pdf/a-4u",
    "pdf/a-1a",
    "pdf/a-2a",
    "pdf/a-3a",
    "pdf/a-4e",
    "pdf/a-4f",
    "pdf/ua-1",
    "pdf/ua-2",
    "pdf/x-1a",
    "pdf/x-3",
    "pdf/x-4",
    "pdf/x-5g",
]
VARIANTS: tuple[str, ...] = Variant.__args__  # type: ignore[attr-defined]
# Variants that require a tagged PDF.
_TAGGED_VARIANTS = ("pdf/ua-1", "pdf/ua-2", "pdf/a-1a", "pdf/a-2a", "pdf/a-3a")
# Variants whose rules allow an embedded (non-PDF) associated file.
_ATTACHING = (None, "pdf/a-3b", "pdf/a-3a", "pdf/a-3u", "pdf/a-4f", "pdf/ua-1", "pdf/ua-2")
_LENGTH = re.compile(r"^\d+(\.\d+)?(mm|cm|in|pt|px|pc|q)$")


def length_css(value: str, what: str, *, positive: bool = False) -> str:
    """``value`` if it is a CSS length such as ``3mm`` (above zero if ``positive``); else
    :class:`ValueError`."""
    if not _LENGTH.match(value.strip()):
        raise ValueError(f"{what} {value!r} is not a length such as '3mm', '0.5in'")
    if positive and float(re.sub(r"[a-z]+$", "", value.strip())) <= 0:
        raise ValueError(f"{what} {value!r} must be more than zero")
    return value.strip()


def page_size_css(value: str) -> str:
    """The CSS ``size`` of a named page size or of a width and height."""
    named = PAGE_SIZES.get(value.strip().lower())
    if named:
        return named
    parts = value.replace("x", " ").split()
    if len(parts) == 2:
        return " ".join(length_css(p, "page size", positive=True) for p in parts)
    raise ValueError(
        f"page size {value!r}: use {', '.join(PAGE_SIZES)} or a width and height such as "
        "'200mm 280mm'"
    )


def margin_css(value: str) -> str:
    """The CSS ``margin`` of one to four lengths."""
    parts = value.split()
    if not 1 <= len(parts) <= 4:
        raise ValueError(f"margin {value!r}: give one to four lengths")
    return " ".join(length_css(part, "margin") for part in parts)


@attrs.frozen(kw_only=True)
class PdfOptions(RenderOptions):
    """Options of the ``pdf`` format."""

    layout: Layout = option(
        "report",
        help="[pdf] Page layout: report (one column), newspaper (columns), edition (a "
        "newspaper front page: lead story across the columns, the next ones below).",
    )
    page_size: str = option(
        "a4",
        help="[pdf] a4, a5, letter, tabloid, or a width and height such as '200mm 280mm'.",
        metavar="SIZE",
        check=page_size_css,
    )
    margin: str = option(
        "18mm",
        help="[pdf] Page margins, e.g. 18mm or '20mm 15mm'.",
        metavar="LENGTHS",
        check=margin_css,
    )
    bleed: str | None = option(
        None,
        help="[pdf] Bleed around the trim box, e.g. 3mm.",
        metavar="LENGTH",
        check=lambda v: length_css(v, "bleed"),
    )
    marks: bool | None = option(
        None, help="[pdf] Crop and cross marks (default: on when there is a bleed)."
    )
    pdf_variant: Variant | None = option(
        None, help="[pdf] A PDF standard to meet (default: plain PDF).", metavar="VARIANT"
    )
    tagged: bool = option(
        True,
        help="[pdf] A tagged PDF: structure tree, language on every block, logical text for "
        "right-to-left runs (--no-tagged: untagged; PDF/UA and PDF/A-*a are always tagged).",
    )
    embed_source: bool | None = option(
        None,
        help="[pdf] Embed the article's newsdoc JSON, so the PDF reads back (default: where "
        "the variant allows it).",
    )

    def __attrs_post_init__(self) -> None:
        super().__attrs_post_init__()
        variant = self.pdf_variant
        if variant in _TAGGED_VARIANTS and not self.tagged:
            raise OptionError(f"{variant} requires a tagged PDF: leave out tagged=False")
        if self.embed_source and variant not in _ATTACHING:
            raise OptionError(f"{variant} does not allow embedding the article's JSON")
