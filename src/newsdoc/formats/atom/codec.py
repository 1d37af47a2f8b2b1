"""The Atom 1.0 writer and reader: a document to a feed, and a feed to a collection.

What the format does is the package's docstring (:mod:`newsdoc.formats.atom`); the package
imports this module on first use, so that its ``options`` stay light for the command line.
"""

from __future__ import annotations

from typing import Any

from newsdoc._version import __version__
from newsdoc.formats.atom.options import AtomOptions
from newsdoc.formats.feed.entries import feed_of
from newsdoc.markup.xml import Element, etree
from newsdoc.model import Collection, Document
from newsdoc.options import resolve
from newsdoc.render.dates import html_datetime

__all__ = ["ATOM_NS", "AtomOptions", "read", "write"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _sub(parent: Element, name: str, text: str | None = None, **attrib: str) -> Element:
    element = etree.SubElement(parent, f"{{{ATOM_NS}}}{name}", attrib)
    if text is not None:
        element.text = text
    return element


def _person(parent: Element, tag: str, name: str, url: str | None) -> None:
    element = _sub(parent, tag)
    _sub(element, "name", name)
    if url is not None:
        _sub(element, "uri", url)


def write(document: Document, options: AtomOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the Atom feed of a collection, or of one article.

    >>> import newsdoc
    >>> feed = write(newsdoc.load("examples/collection.json"))
    >>> feed.count(b"<entry"), b"<content type=\\"html\\">" in feed
    (2, True)
    """
    settings = resolve(AtomOptions, "atom", options, given)
    feed = feed_of(document, settings)
    root = etree.Element(f"{{{ATOM_NS}}}feed", nsmap={None: ATOM_NS})
    root.set(_XML_LANG, feed.language)
    _sub(root, "id", feed.id)
    _sub(root, "title", feed.title, type="text")
    if feed.description:
        _sub(root, "subtitle", feed.description, type="text")
    _sub(root, "updated", html_datetime(feed.updated))
    if feed.self_url:
        _sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    if feed.link:
        _sub(root, "link", rel="alternate", type="text/html", href=feed.link)
    needs_author = any(not entry.authors for entry in feed.entries)
    authors = feed.authors or ((_fallback_author(feed.title),) if needs_author else ())
    for author in authors:
        _person(root, "author", author.name, author.url)
    _sub(root, "generator", "newsdoc", uri="https://pypi.org/project/newsdoc/", version=__version__)
    if feed.rights:
        _sub(root, "rights", feed.rights, type="text")
    for index, entry in enumerate(feed.entries):
        element = _sub(root, "entry")
        if entry.language != feed.language:
            element.set(_XML_LANG, entry.language)
        _sub(element, "id", entry.id)
        _sub(element, "title", entry.title, type="text")
        _sub(element, "updated", html_datetime(entry.updated))
        if entry.published is not None:
            _sub(element, "published", html_datetime(entry.published))
        for person in entry.authors:
            _person(element, "author", person.name, person.url)
        if not entry.authors:
            from newsdoc.diagnostics import warn

            where = f"articles[{index}].bylines" if isinstance(document, Collection) else "bylines"
            warn(
                f"no byline: the feed's author ({authors[0].name}) stands for it, as Atom "
                "requires an author",
                code="assumed",
                where=where,
            )
        if entry.link:
            _sub(element, "link", rel="alternate", type="text/html", href=entry.link)
        if entry.enclosure is not None:
            attrib = {"rel": "enclosure", "href": entry.enclosure.url}
            if entry.enclosure.media_type:
                attrib["type"] = entry.enclosure.media_type
            _sub(element, "link", **attrib)
        for category in entry.categories:
            attrib = {"term": category.term}
            if category.scheme:
                attrib["scheme"] = category.scheme
            if category.label:
                attrib["label"] = category.label
            _sub(element, "category", **attrib)
        if entry.summary:
            _sub(element, "summary", entry.summary, type="text")
        _sub(element, "content", entry.content, type="html")
        rights = entry.article.rights
        if rights is not None and (rights.notice or rights.holder):
            _sub(element, "rights", rights.notice or f"© {rights.holder}", type="text")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data


def _fallback_author(title: str) -> Any:
    from newsdoc.formats.feed.entries import Author

    return Author(title)


def read(
    data: bytes, options: AtomOptions | None = None, /, *, source: str | None = None, **given: Any
) -> Document:
    """The registry's reader: the collection of an Atom feed."""
    from newsdoc.formats.feed.reader import read_xml_feed

    settings = resolve(AtomOptions, "atom", options, given)
    return read_xml_feed(data, settings, source=source, kind="atom")
