"""The JSON Feed 1.1 writer and reader: a document to a feed, and a feed to a collection.

What the format does is the package's docstring (:mod:`newsdoc.formats.jsonfeed`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

from typing import Any

import orjson

from newsdoc.formats.feed.entries import SECTION_SCHEME, feed_of
from newsdoc.formats.jsonfeed.options import JsonFeedOptions
from newsdoc.model import Document
from newsdoc.options import resolve
from newsdoc.render.dates import html_datetime

__all__ = ["VERSION", "JsonFeedOptions", "read", "write"]

#: The ``version`` of the feeds written.
VERSION = "https://jsonfeed.org/version/1.1"
_ABOUT = "https://pypi.org/project/newsdoc/"


def _author(name: str, url: str | None) -> dict[str, str]:
    return {"name": name, **({"url": url} if url else {})}


def write(document: Document, options: JsonFeedOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the JSON Feed of a collection, or of one article.

    >>> import json, newsdoc
    >>> feed = json.loads(write(newsdoc.load("examples/collection.json")))
    >>> feed["version"], len(feed["items"])
    ('https://jsonfeed.org/version/1.1', 2)
    """
    settings = resolve(JsonFeedOptions, "jsonfeed", options, given)
    feed = feed_of(document, settings)
    out: dict[str, Any] = {"version": VERSION, "title": feed.title}
    if feed.link:
        out["home_page_url"] = feed.link
    if feed.self_url:
        out["feed_url"] = feed.self_url
    if feed.description:
        out["description"] = feed.description
    out["language"] = feed.language
    if feed.authors:
        out["authors"] = [_author(a.name, a.url) for a in feed.authors]
    items = []
    for entry in feed.entries:
        item: dict[str, Any] = {"id": entry.id}
        if entry.link:
            item["url"] = entry.link
        item["title"] = entry.title
        item["content_html"] = entry.content
        if entry.summary:
            item["summary"] = entry.summary
        if entry.enclosure is not None:
            item["image"] = entry.enclosure.url
        if entry.published is not None:
            item["date_published"] = html_datetime(entry.published)
        item["date_modified"] = html_datetime(entry.updated)
        if entry.authors:
            item["authors"] = [_author(a.name, a.url) for a in entry.authors]
        tags = [c.label or c.term for c in entry.categories]
        if tags:
            item["tags"] = list(dict.fromkeys(tags))
        item["language"] = entry.language
        extension: dict[str, Any] = {}
        article = entry.article
        if article.subjects:
            extension["subjects"] = [
                {"scheme": s.scheme, "code": s.code, **({"label": s.label} if s.label else {})}
                for s in article.subjects
            ]
        if article.keywords:
            extension["keywords"] = list(article.keywords)
        sections = [c.term for c in entry.categories if c.scheme == SECTION_SCHEME]
        if sections:
            extension["section"] = sections[0]
        if extension:
            item["_newsdoc"] = {"about": _ABOUT, **extension}
        items.append(item)
    out["items"] = items
    data: bytes = orjson.dumps(out, option=orjson.OPT_INDENT_2) + b"\n"
    return data


def read(
    data: bytes,
    options: JsonFeedOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Document:
    """The registry's reader: the collection of a JSON Feed (1.0 or 1.1)."""
    from newsdoc.formats.feed.reader import read_json_feed

    settings = resolve(JsonFeedOptions, "jsonfeed", options, given)
    return read_json_feed(data, settings, source=source)
