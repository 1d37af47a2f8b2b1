"""The options of IPTC ninjs."""

from __future__ import annotations

from typing import Literal

import attrs

from newsdoc.options import Options, option

__all__ = ["NinjsOptions"]


@attrs.frozen(kw_only=True)
class NinjsOptions(Options):
    """Options of the ``ninjs`` format."""

    version: Literal["3.1", "2.2"] = option(
        "3.1", help="[ninjs] The ninjs version to write.", flag="ninjs-version"
    )
    indent: bool = option(True, help="[json, ninjs] Indent the JSON (--no-indent: one line).")
