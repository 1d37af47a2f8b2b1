"""The options of the RSS format."""

from __future__ import annotations

import attrs

from newsdoc.formats.feed.options import FeedOptions

__all__ = ["RssOptions"]


@attrs.frozen(kw_only=True)
class RssOptions(FeedOptions):
    """Options of the ``rss`` format (those of every feed format)."""
