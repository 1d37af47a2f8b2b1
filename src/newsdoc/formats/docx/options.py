"""The options of the DOCX format, reading and writing: one class, as for every format that
does both (each field says its side)."""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath
from typing import Literal

import attrs

from newsdoc.model import checks as C
from newsdoc.options import Options, option

__all__ = ["DocxOptions", "LinkedContent", "MissingImages"]

LinkedContent = Literal["error", "omit"]
MissingImages = Literal["error", "omit"]


def _relative_folder(value: str) -> None:
    path = PurePath(value)
    if path.is_absolute() or PureWindowsPath(value).drive or ".." in path.parts:
        raise ValueError(
            f"{value!r} must be a folder inside the input's folder (relative, without '..'), "
            "as figures name their pictures relative to the article"
        )


def _uri(value: str) -> None:
    if not C.uri().test(value):
        raise ValueError(f"{value!r} is not an absolute URI such as 'urn:newsdoc:123'")


@attrs.frozen(kw_only=True)
class DocxOptions(Options):
    """Options of the ``docx`` format (the reader's and the writer's)."""

    style_map: tuple[str, ...] = option(
        (),
        help="[docx] A mammoth style-map line, before newsdoc's own, such as "
        "\"p[style-name='Standfirst'] => p.newsdoc-summary:fresh\". Repeatable.",
        side="read",
        metavar="RULE",
    )
    images_dir: str | None = option(
        None,
        help="[docx] Write the document's pictures into DIR, a folder inside the input's "
        "folder, and point the figures at them (without it pictures are left out, with a "
        "warning).",
        side="read",
        metavar="DIR",
        path=True,
        check=_relative_folder,
    )
    linked_content: LinkedContent = option(
        "error",
        help="[docx] Pictures and parts the document links from outside itself (never "
        "opened): fail (error), or read it without them, with a warning (omit).",
        side="read",
    )
    id: str | None = option(
        None,
        help="[docx] The article's id (default: urn:newsdoc:sha1: and the file's digest).",
        side="read",
        metavar="URI",
        check=_uri,
    )
    base_dir: str | None = option(
        None,
        help="The input's folder: the one images_dir is inside (reading), and the one "
        "figures' relative picture paths resolve against (writing).",
        side="read",
        cli=False,
        path=True,
    )
    reference_doc: str | None = option(
        None,
        help="[docx] A Word document whose styles, page size, margins, headers and footers "
        "the document takes (a house template, as pandoc's --reference-doc); its text is "
        "left out.",
        metavar="FILE",
        kind="file",
    )
    allowed_dirs: tuple[str, ...] = option(
        (),
        help="[html, epub, pdf, docx] Also load local images from DIR (besides the input's "
        "folder). Repeatable.",
        flag="allow-dir",
        metavar="DIR",
        kind="dirs",
    )
    allow_remote: bool = option(
        False, help="[html, epub, pdf, docx] Download http(s) images (never done otherwise)."
    )
    missing_images: MissingImages = option(
        "error",
        help="[html, epub, pdf, docx] An image that cannot be loaded: fail (error), or write "
        "the figure without it (omit).",
    )
    toc: bool = option(
        True,
        help="[docx] A collection of several articles opens with a table of contents "
        "(--no-toc: without).",
    )
