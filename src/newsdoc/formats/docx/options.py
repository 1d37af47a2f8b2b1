"""The options of the DOCX reader."""

from __future__ import annotations

from pathlib import PurePath, PureWindowsPath
from typing import Literal

import attrs

from newsdoc.model import checks as C
from newsdoc.options import Options, option

__all__ = ["DocxOptions", "LinkedContent"]

LinkedContent = Literal["error", "omit"]


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
    """Options of the ``docx`` reader."""

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
        help="The folder images_dir is inside (the input's folder).",
        side="read",
        cli=False,
        path=True,
    )
