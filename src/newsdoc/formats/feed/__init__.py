"""What the three feed formats share: Atom (:mod:`newsdoc.formats.atom`), RSS 2.0
(:mod:`newsdoc.formats.rss`) and JSON Feed 1.1 (:mod:`newsdoc.formats.jsonfeed`).

- :mod:`~newsdoc.formats.feed.options`: :class:`FeedOptions`, the options of all three (the
  feed's title, site, own address and the address pictures resolve against; reading: the
  feed's address and whether entries' pages may be fetched);
- :mod:`~newsdoc.formats.feed.entries`: a document as a feed of entries, worked out once
  (content from the one HTML renderer, dates, authors, categories, enclosures);
- :mod:`~newsdoc.formats.feed.reader`: feeds read back into a collection.

A collection is a feed of its articles; a single article, a feed of one entry.
"""

from newsdoc.formats.feed.options import FeedOptions

__all__ = ["FeedOptions"]
