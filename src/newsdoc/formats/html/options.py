"""The options of the HTML writer.

:class:`RenderOptions` (:mod:`newsdoc.render.options`) are the options of everything rendered
by the one HTML renderer (HTML, EPUB, PDF): style sheets, templates, and where images may come
from. :class:`HtmlOptions` adds the HTML page's own. Light: no renderer is imported here.
"""

from __future__ import annotations

import attrs

from newsdoc.options import option
from newsdoc.render.options import MissingImages, RenderOptions

__all__ = ["HtmlOptions", "MissingImages", "RenderOptions"]


@attrs.frozen(kw_only=True)
class HtmlOptions(RenderOptions):
    """Options of the ``html`` format."""

    embed_images: bool = option(
        True,
        help="[html] Embed local images as data: URIs (--no-embed-images: link them).",
    )
    json_ld: bool = option(
        True, help="[html] Include schema.org JSON-LD (--no-json-ld: leave out)."
    )
