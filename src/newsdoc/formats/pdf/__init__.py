"""The PDF writer (WeasyPrint, through the HTML renderer) and the PDF reader.

:func:`write` renders the same HTML page as the HTML writer, with print style sheets, to a
print-ready PDF. Its options, beside the HTML writer's ``css``, ``template_dir``, ``base_dir``,
``allowed_dirs``, ``allow_remote`` and ``missing_images``:

- ``layout``: ``"report"`` (one column, the default), ``"newspaper"`` (columns, with the
  headline, standfirst and lead picture across them) or ``"edition"`` (a newspaper front
  page: the nameplate, the lead story across the columns, the next stories in columns below,
  continuing inside);
- ``page_size``: ``"a4"`` (default), ``"a5"``, ``"letter"``, ``"tabloid"``, or a custom size
  such as ``"200mm 280mm"``; ``margin``: a CSS margin (``"18mm"``, ``"20mm 15mm"``);
- ``bleed``: a length such as ``"3mm"``: the PDF's BleedBox then exceeds its TrimBox by it;
  ``marks``: ``True`` for crop and cross marks (the default when there is a bleed);
- ``pdf_variant``: ``None`` (plain PDF), or one of WeasyPrint's variants such as
  ``"pdf/a-3b"``, ``"pdf/a-3a"``, ``"pdf/ua-1"``, ``"pdf/x-4"`` (:data:`VARIANTS`);
- ``tagged`` (default ``True``): a tagged PDF, with a structure tree, a language on every
  block and logical text on right-to-left runs (:mod:`~newsdoc.formats.pdf.tagging`);
  ``False`` for an untagged one (refused for the variants that require tags);
- ``embed_source``: embed the document's newsdoc JSON as an associated file (default: where
  the variant allows attachments), so :func:`read` turns the PDF back into the exact article.

The first page carries the publication's nameplate; the running header from the second page
on shows the publisher and section (an article) or the edition's name and the current
article (a collection), the footer "page X of Y". The typography rules (hyphenation, ragged
setting, pictures, widows and orphans) are in the print style sheets
(``templates/print/common.css``). A collection gets its contents with page numbers, its
articles follow one another (a new page only where the layout asks for one), and the PDF
outline has a bookmark per article.

Safety: images are loaded by the HTML renderer's resource loader (local files under the
allowed folders only; remote images only with ``allow_remote=True``; anything else is
refused with :class:`~newsdoc.errors.UnsafeResourceError`) and handed to WeasyPrint inline.
WeasyPrint's own URL fetcher is replaced by one that reads nothing but inline data, the
package's files and files under the allowed folders, so no content can make the renderer
read another local file or reach the network.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.pdf.codec import (
        LAYOUTS,
        PAGE_SIZES,
        VARIANTS,
        PdfOptions,
        read,
        warm_up,
        write,
    )

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "LAYOUTS": ".codec",
        "PAGE_SIZES": ".codec",
        "VARIANTS": ".codec",
        "PdfOptions": ".codec",
        "read": ".codec",
        "warm_up": ".codec",
        "write": ".codec",
    },
    rest=".codec",
)

__all__ = [
    "LAYOUTS",
    "PAGE_SIZES",
    "VARIANTS",
    "PdfOptions",
    "read",
    "warm_up",
    "write",
]
