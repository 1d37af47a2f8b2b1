"""The options of the JSON Feed format."""

from __future__ import annotations

import attrs

from newsdoc.formats.feed.options import FeedOptions

__all__ = ["JsonFeedOptions"]


@attrs.frozen(kw_only=True)
class JsonFeedOptions(FeedOptions):
    """Options of the ``jsonfeed`` format (those of every feed format)."""
