"""The options of the web-page reader."""

from __future__ import annotations

import attrs

from newsdoc.options import Options, option

__all__ = ["WebpageOptions"]


@attrs.frozen(kw_only=True)
class WebpageOptions(Options):
    """Options of the ``webpage`` reader."""

    url: str | None = option(
        None,
        help="[webpage] The page's address, for its links and images (default: the page's "
        "canonical link, or the URL it was fetched from).",
        side="read",
        metavar="URL",
    )
