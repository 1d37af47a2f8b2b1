"""Word documents (DOCX): read into an :class:`~newsdoc.Article` through mammoth, and written
from an article or a collection through python-docx (:mod:`newsdoc.formats.docx.writer`, whose
styles the reader maps back).

mammoth maps the document's styles to semantic HTML (a style map: Word's ``Heading 1`` is an
``h1``); that HTML goes through the shared reader of HTML bodies
(:mod:`newsdoc.markup.html`), so a Word document follows the same rules as every other body.

What becomes what:

- a paragraph in the **Title** style is the headline (else the title in the document's
  properties, else its first heading, with a warning); **Subtitle** the subheadline (else
  the properties' subject); **Abstract** the summary (else the properties' description);
  **Author** paragraphs the bylines (``By Name, role, affiliation and Name``; else the properties'
  creator, several split at ``;``);
- **headings** start sections (the model's sections are one level: a second level is
  reported); **Quote** (and pandoc's *Block Text*, LibreOffice's *Quotations*) paragraphs
  are quotes, **Intense Quote** ones pull quotes, whose speaker comes from an attribution line, the
  quote's last paragraph or the one after it, starting with a dash (``— Name, role``);
  lists, tables (a repeated header row is the header) and pictures (their alt text, and a
  **Caption** paragraph beside them) are lists, tables and figures;
- **footnotes and endnotes**, which the model has not, become a closing section *Notes*,
  a numbered list, their references staying in the text as ``[1]`` (reported);
- the **properties**: created is ``created``, modified ``updated`` (a Word document is copy
  before publication: when it is published is for the publisher to say), keywords
  ``keywords``, category ``section``, language ``language`` (else the language of the
  document's default style, else English, reported); a date-time without a zone is UTC,
  reported;
- **pictures** are files beside the input with ``images_dir``, else left out with a warning
  (:mod:`newsdoc.formats.docx.pictures` says why);
- the **id** is the ``id`` option, else ``urn:newsdoc:sha1:`` and the digest of the file.

Styles with no mapping, comments, tracked changes and whatever mammoth cannot read are
warnings, never silence. The ``style_map`` option adds mammoth style-map lines before
newsdoc's own (:data:`~newsdoc.formats.docx.reader.STYLE_MAP`), such as
``p[style-name='Standfirst'] => p.newsdoc-summary:fresh``.

Hostile files are refused before mammoth reads them (zip bombs, huge or encrypted entries,
document type declarations, content linked from outside the document): see
:mod:`newsdoc.formats.docx.package`. mammoth never opens an external file or URL here.

mammoth and python-docx are optional dependencies: ``pip install 'newsdoc[docx]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.docx.options import DocxOptions
    from newsdoc.formats.docx.reader import read
    from newsdoc.formats.docx.writer import write

# The registry's module is newsdoc.formats.docx.codec, which imports mammoth and python-docx:
# the options (and the command line's flags) load without them, and a missing one gives the
# hint to install the extra.
__getattr__, __dir__ = lazy_names(
    __name__, {"DocxOptions": ".options", "read": ".reader", "write": ".writer"}
)

__all__ = ["DocxOptions", "read", "write"]
