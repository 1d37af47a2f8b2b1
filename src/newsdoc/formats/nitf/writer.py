"""The NITF writer: an article as a NITF 3.6 document, valid against ``nitf-3-6.xsd``.

The body (``body.head`` and ``body.content``) is the one newsdoc's NewsML-G2 carries
(:func:`newsdoc.markup.nitf.nitf_body`); the ``head`` adds the title, a
``meta name="generator"`` (so that newsdoc reads its own output back exactly), ``tobject``
(the genre), ``docdata`` (id, urgency, dates, version, rights, keywords, subjects) and
``pubdata`` (publisher and section). What NITF has no place for is reported as ``lossy``.
"""

from __future__ import annotations

from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import ConversionError
from newsdoc.formats.nitf.options import NitfOptions
from newsdoc.formats.nitf.reader import GENERATOR
from newsdoc.markup.nitf import N, nitf_body
from newsdoc.markup.xml import Element, etree
from newsdoc.model.article import Article, Collection, PubStatus
from newsdoc.options import resolve

__all__ = ["nitf_document", "write"]

#: The public identifier NITF 3.6 documents name in their ``version`` attribute.
VERSION = "-//IPTC//DTD NITF 3.6//EN"


def write(
    document: Article | Collection, options: NitfOptions | None = None, /, **given: Any
) -> bytes:
    """The registry's writer: NITF 3.6 XML bytes (UTF-8) of one article.

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> xml = write(article)
    >>> b"<hl1>Hi</hl1>" in xml, newsdoc.loads(xml, "nitf") == article
    (True, True)
    """
    resolve(NitfOptions, "nitf", options, given)
    if isinstance(document, Collection):
        raise ConversionError(
            "a NITF document holds one article; write the collection's articles one by one "
            "(or as NewsML-G2, whose newsMessage carries them all)"
        )
    if not isinstance(document, Article):
        raise TypeError(f"expected an Article, got {type(document).__name__}")
    data: bytes = etree.tostring(nitf_document(document), xml_declaration=True, encoding="UTF-8")
    return data


def _sub(parent: Element, local: str, text: str | None = None, **attrib: str) -> Element:
    element = etree.SubElement(parent, f"{N}{local}", attrib)
    if text is not None:
        element.text = text
    return element


def _report(article: Article) -> None:
    """Warn of every value NITF has no place for."""
    lost: list[tuple[str, bool]] = [
        ("created", article.created is not None),
        ("updated", article.updated is not None),
        ("key_points", bool(article.key_points)),
        ("related", bool(article.related)),
        ("corrections", bool(article.corrections)),
        ("canonical_url", article.canonical_url is not None),
        ("dateline.country_code", bool(article.dateline and article.dateline.country_code)),
        ("dateline.geo", bool(article.dateline and article.dateline.geo)),
        ("publisher.url", bool(article.publisher and article.publisher.url)),
        ("publisher.id", bool(article.publisher and article.publisher.id)),
        ("source.url", bool(article.source and article.source.url)),
        ("source.id", bool(article.source and article.source.id)),
        ("rights.notice", bool(article.rights and article.rights.notice)),
        ("rights.license_url", bool(article.rights and article.rights.license_url)),
    ]
    lost += [(f"bylines[{n}].url", p.url is not None) for n, p in enumerate(article.bylines)]
    for where, present in lost:
        if present:
            warn("NITF has no place for it; left out", code="lossy", where=where)


def _head(article: Article) -> Element:
    head = etree.Element(f"{N}head")
    _sub(head, "title", article.headline)
    _sub(head, "meta", name="generator", content=GENERATOR)
    if article.genre is not None:
        _sub(head, "tobject", **{"tobject.type": article.genre})
    docdata = _sub(head, "docdata")
    if article.status is not PubStatus.USABLE:
        docdata.set("management-status", article.status.value)
    _sub(docdata, "doc-id", **{"id-string": article.id})
    if article.urgency is not None:
        _sub(docdata, "urgency", **{"ed-urg": str(article.urgency)})
    if article.published is not None:
        _sub(docdata, "date.issue", norm=article.published.isoformat())
    if article.embargo is not None:
        _sub(docdata, "date.release", norm=article.embargo.isoformat())
    du_key = _sub(docdata, "du-key", version=str(article.version))
    if article.slug is not None:
        du_key.set("key", article.slug)  # the key grouping a story's versions: its slug
    rights = article.rights
    if rights is not None and rights.holder is not None:
        _sub(docdata, "doc.copyright", holder=rights.holder)
    if rights is not None and rights.usage_terms is not None:
        _sub(docdata, "doc.rights", limitations=rights.usage_terms)
    if article.keywords:
        keys = _sub(docdata, "key-list")
        for keyword in article.keywords:
            _sub(keys, "keyword", key=keyword)
    if article.subjects:
        content = _sub(docdata, "identified-content")
        for subject in article.subjects:
            _sub(content, "classifier", subject.label, idsrc=subject.scheme, value=subject.code)
    if article.publisher is not None or article.section is not None:
        pubdata = _sub(head, "pubdata")
        if article.publisher is not None:
            pubdata.set("name", article.publisher.name)
        if article.section is not None:
            pubdata.set("position.section", article.section)
    return head


def nitf_document(article: Article) -> Element:
    """The ``nitf`` element of ``article``: head and body."""
    _report(article)
    nitf = nitf_body(article)
    nitf.set("version", VERSION)
    nitf.insert(0, _head(article))
    if article.source is not None:
        body_head = nitf.find(f"{N}body/{N}body.head")
        distributor = etree.Element(f"{N}distributor")
        distributor.text = article.source.name
        # body.head's order: hedline, note, rights, byline, distributor, dateline ...
        after = [c for c in body_head if etree.QName(c).localname in ("hedline", "byline")]
        body_head.insert(body_head.index(after[-1]) + 1, distributor)
    return nitf
