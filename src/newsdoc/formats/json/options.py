"""The options of newsdoc JSON (light: the command line reads them without loading cattrs)."""

from __future__ import annotations

import attrs

from newsdoc.options import Options, option

__all__ = ["JsonOptions"]


@attrs.frozen(kw_only=True)
class JsonOptions(Options):
    """Options of the ``json`` format."""

    indent: bool = option(True, help="[json, ninjs] Indent the JSON (--no-indent: one line).")
