"""The options every writer that renders through the one HTML renderer shares (HTML, EPUB,
PDF): style sheets, templates, and where images may come from. Light: no renderer is imported
here, so the command line can build its flags from them.
"""

from __future__ import annotations

from typing import Literal

import attrs

from newsdoc.options import Options, option

__all__ = ["MissingImages", "RenderOptions"]

MissingImages = Literal["error", "omit"]
_RENDERED = "[html, epub, pdf]"


@attrs.frozen(kw_only=True)
class RenderOptions(Options):
    """Options shared by every format rendered through the HTML renderer."""

    css: str | None = option(
        None,
        help=f"{_RENDERED} Your style sheet, added after newsdoc's (a file; from Python, CSS "
        "text too).",
        metavar="FILE",
        kind="file",
    )
    template_dir: str | None = option(
        None,
        help=f"{_RENDERED} Templates that replace newsdoc's of the same name.",
        metavar="DIR",
        kind="dir",
    )
    base_dir: str | None = option(
        None,
        help="The folder relative image paths resolve against (the input's folder).",
        cli=False,
        path=True,
    )
    allowed_dirs: tuple[str, ...] = option(
        (),
        help=f"{_RENDERED} Also load local images from DIR (besides the input's folder). "
        "Repeatable.",
        flag="allow-dir",
        metavar="DIR",
        kind="dirs",
    )
    allow_remote: bool = option(
        False, help=f"{_RENDERED} Download http(s) images (never done otherwise)."
    )
    missing_images: MissingImages = option(
        "error",
        help=f"{_RENDERED} An image that cannot be loaded: fail (error), or render the figure "
        "without it (omit).",
    )
