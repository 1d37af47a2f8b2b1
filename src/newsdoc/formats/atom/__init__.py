"""Atom 1.0 (RFC 4287): a collection as a feed of entries, an article as a one-entry feed.

The feed: ``id`` (the collection's id; for one article the ``self_url``, else its id with
``#feed``), ``title``, ``subtitle`` (the description), ``updated`` (the latest entry's),
``link rel="self"`` and ``rel="alternate"`` (the ``self_url`` and ``feed_link`` options),
``author`` (the publisher, which stands for entries without bylines, as RFC 4287 allows),
``generator``, and ``xml:lang``. Each entry: ``id`` (the article's id), ``title``,
``updated`` and ``published`` (RFC 3339, with their offsets), an ``author`` per byline
(``name``, ``uri``), one ``link rel="alternate"`` (the canonical URL), ``link
rel="enclosure"`` (the lead picture), a ``category`` per subject (``term`` the code,
``scheme`` the scheme's URI, ``label``), keyword (``term``) and section, ``summary`` (the
summary, else the subheadline), ``content type="html"`` (the article from the HTML
renderer), ``rights``, and ``xml:lang`` where it differs from the feed's.

:func:`read` reads Atom (and RSS) through feedparser: see :mod:`newsdoc.formats.feed.reader`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.atom.codec import ATOM_NS, AtomOptions, read, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "ATOM_NS": ".codec",
        "AtomOptions": ".codec",
        "read": ".codec",
        "write": ".codec",
    },
    rest=".codec",
)

__all__ = [
    "ATOM_NS",
    "AtomOptions",
    "read",
    "write",
]
