"""The options of the Atom format."""

from __future__ import annotations

import attrs

from newsdoc.formats.feed.options import FeedOptions

__all__ = ["AtomOptions"]


@attrs.frozen(kw_only=True)
class AtomOptions(FeedOptions):
    """Options of the ``atom`` format (those of every feed format)."""
