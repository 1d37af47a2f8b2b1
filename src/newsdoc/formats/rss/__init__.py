"""RSS 2.0 with ``content:encoded``: a collection as a channel of items, an article as one.

The channel: ``title``, ``link`` (the ``feed_link`` option, else the publisher's address; RSS
requires it, so its absence is reported), ``description`` (the collection's description,
else its title), ``language``, ``lastBuildDate``, ``generator``, and ``atom:link
rel="self"`` (the ``self_url`` option). Each item: ``title``, ``link`` (the canonical
URL), ``guid`` (the article's id; ``isPermaLink`` when it is the canonical URL),
``pubDate`` (RFC 822 with its offset: the published date, when there is one),
``atom:updated`` (RFC 3339: the last update, when it differs), a ``dc:creator`` per byline
(RSS's own ``author`` must be an e-mail address), a ``category`` per subject (``domain``
the scheme's URI, the code as its text: RSS has no label, reported), keyword and section,
``description`` (the summary, else the subheadline), ``content:encoded`` (the article from
the HTML renderer), ``enclosure`` (the lead picture; its length unknown, so ``0`` as RSS
advises), and ``dc:language`` where it differs from the channel's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.rss.codec import RssOptions, read, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "RssOptions": ".codec",
        "read": ".codec",
        "write": ".codec",
    },
    rest=".codec",
)

__all__ = [
    "RssOptions",
    "read",
    "write",
]
