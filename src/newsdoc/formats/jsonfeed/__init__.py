"""JSON Feed 1.1: a collection as a feed of items, an article as a one-item feed.

The feed: ``version``, ``title``, ``home_page_url`` (the ``feed_link`` option, else the
publisher's address), ``feed_url`` (``self_url``), ``description``, ``language``,
``authors`` (the publisher). Each item: ``id`` (the article's id), ``url`` (the canonical
URL), ``title``, ``content_html`` (the article from the HTML renderer), ``summary`` (the
summary, else the subheadline), ``image`` (the lead picture, at an absolute URL),
``date_published`` and ``date_modified`` (RFC 3339, with their offsets), ``authors``
(``name``, ``url``), ``tags`` (keywords, the subjects' labels, the section) and ``language``.
JSON Feed's tags are plain words, so the subjects, with their schemes and codes, and the
section also go into the extension object ``_newsdoc`` (JSON Feed's rule for extensions:
a key starting with an underscore, which other readers ignore), from which newsdoc's reader
takes them back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.jsonfeed.codec import VERSION, JsonFeedOptions, read, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "VERSION": ".codec",
        "JsonFeedOptions": ".codec",
        "read": ".codec",
        "write": ".codec",
    },
    rest=".codec",
)

__all__ = [
    "VERSION",
    "JsonFeedOptions",
    "read",
    "write",
]
