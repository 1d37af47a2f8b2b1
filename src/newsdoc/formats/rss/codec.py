"""The RSS 2.0 writer and reader: a document to a feed, and a feed to a collection.

What the format does is the package's docstring (:mod:`newsdoc.formats.rss`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

import email.utils
from typing import Any

from newsdoc._version import __version__
from newsdoc.diagnostics import warn
from newsdoc.formats.feed.entries import feed_of
from newsdoc.formats.rss.options import RssOptions
from newsdoc.markup.xml import Element, etree
from newsdoc.model import Collection, Document
from newsdoc.options import resolve
from newsdoc.render.dates import html_datetime

__all__ = ["RssOptions", "read", "write"]

_CONTENT = "http://purl.org/rss/1.0/modules/content/"
_DC = "http://purl.org/dc/elements/1.1/"
_ATOM = "http://www.w3.org/2005/Atom"
_NSMAP = {"content": _CONTENT, "dc": _DC, "atom": _ATOM}


def _sub(parent: Element, name: str, text: str | None = None, **attrib: str) -> Element:
    element = etree.SubElement(parent, name, attrib)
    if text is not None:
        element.text = text
    return element


def write(document: Document, options: RssOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the RSS 2.0 feed of a collection, or of one article.

    >>> import newsdoc
    >>> feed = write(newsdoc.load("examples/collection.json"))
    >>> feed.count(b"<item>"), b"<content:encoded>" in feed
    (2, True)
    """
    settings = resolve(RssOptions, "rss", options, given)
    feed = feed_of(document, settings)
    root = etree.Element("rss", {"version": "2.0"}, nsmap=_NSMAP)
    channel = _sub(root, "channel")
    _sub(channel, "title", feed.title)
    if feed.link:
        _sub(channel, "link", feed.link)
    else:
        warn(
            "RSS requires the channel's link: give feed_link (--feed-link), or a publisher "
            "with an address",
            code="lossy",
            where="publisher",
        )
    _sub(channel, "description", feed.description or feed.title)
    _sub(channel, "language", feed.language)
    _sub(channel, "lastBuildDate", email.utils.format_datetime(feed.updated))
    _sub(channel, "generator", f"newsdoc {__version__}")
    if feed.self_url:
        etree.SubElement(
            channel,
            f"{{{_ATOM}}}link",
            {"rel": "self", "type": "application/rss+xml", "href": feed.self_url},
        )
    if feed.rights:
        _sub(channel, "copyright", feed.rights)
    labels_lost = False
    for entry in feed.entries:
        item = _sub(channel, "item")
        _sub(item, "title", entry.title)
        if entry.link:
            _sub(item, "link", entry.link)
        permalink = "true" if entry.link is not None and entry.id == entry.link else "false"
        _sub(item, "guid", entry.id, isPermaLink=permalink)
        if entry.published is not None:
            _sub(item, "pubDate", email.utils.format_datetime(entry.published))
        if entry.published is None or entry.updated != entry.published:
            etree.SubElement(item, f"{{{_ATOM}}}updated").text = html_datetime(entry.updated)
        for person in entry.authors:
            etree.SubElement(item, f"{{{_DC}}}creator").text = person.name
        for category in entry.categories:
            attrib = {"domain": category.scheme} if category.scheme else {}
            _sub(item, "category", category.term, **attrib)
            labels_lost = labels_lost or category.label is not None
        if entry.summary:
            _sub(item, "description", entry.summary)
        etree.SubElement(item, f"{{{_CONTENT}}}encoded").text = entry.content
        if entry.enclosure is not None:
            _sub(
                item,
                "enclosure",
                url=entry.enclosure.url,
                length="0",
                type=entry.enclosure.media_type or "application/octet-stream",
            )
        if entry.language != feed.language:
            etree.SubElement(item, f"{{{_DC}}}language").text = entry.language
    if labels_lost:
        where = "articles[].subjects" if isinstance(document, Collection) else "subjects"
        warn(
            "RSS categories carry a subject's code, not its label; labels left out",
            code="lossy",
            where=where,
        )
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data


def read(
    data: bytes, options: RssOptions | None = None, /, *, source: str | None = None, **given: Any
) -> Document:
    """The registry's reader: the collection of an RSS feed (0.9x, 1.0 or 2.0)."""
    from newsdoc.formats.feed.reader import read_xml_feed

    settings = resolve(RssOptions, "rss", options, given)
    return read_xml_feed(data, settings, source=source, kind="rss")
