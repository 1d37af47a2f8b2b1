"""The options of Markdown (it has none yet; the class keeps the contract)."""

from __future__ import annotations

import attrs

from newsdoc.options import Options

__all__ = ["MarkdownOptions"]


@attrs.frozen(kw_only=True)
class MarkdownOptions(Options):
    """Options of the ``markdown`` format (none)."""
