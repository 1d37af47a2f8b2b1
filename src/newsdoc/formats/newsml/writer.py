"""The NewsML-G2 writer: an article as a newsItem, a collection as a newsMessage or packageItem.

See :mod:`newsdoc.formats.newsml` for the mapping.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import ConversionError
from newsdoc.formats.newsml._common import (
    _CORRECTION_ROLES,
    _LANG,
    _NSMAP,
    _QCODE_SCHEME,
    _RELATIONS,
    _SIGNALS,
    GENERATOR,
    IPTC_CATALOG,
    ND_SCHEME,
    NEWSITEM_TYPE,
    _decimal,
    _g,
    _nd,
    _sub,
    _when,
)
from newsdoc.formats.newsml.options import NewsmlOptions
from newsdoc.markup.body import BodyCodec, write_xhtml_content
from newsdoc.markup.inline import NITF_NS, XHTML_NS, InlineCodec
from newsdoc.markup.nitf import nitf_body
from newsdoc.markup.xml import XML_NS, Element, etree, qname
from newsdoc.model.article import (
    Article,
    Collection,
    Dateline,
    Organization,
    Rights,
    Subject,
)
from newsdoc.options import resolve


def write(
    document: Article | Collection, options: NewsmlOptions | None = None, /, **given: Any
) -> bytes:
    """The registry's writer: NewsML-G2 XML bytes (UTF-8).

    Options: ``body`` is ``"nitf"`` (default) or ``"xhtml"``; ``collection_as`` is
    ``"message"`` (default: a newsMessage with a packageItem and every newsItem) or
    ``"package"`` (a packageItem alone, referencing the articles by guid); ``sent`` is the
    newsMessage's transmission date-time (default: now).

    >>> import newsdoc
    >>> article = newsdoc.Article(id="urn:newsdoc:1", headline="Hi")
    >>> xml = write(article, body="xhtml")
    >>> b"<newsItem" in xml, newsdoc.loads(xml, "newsml") == article
    (True, True)
    """
    settings = resolve(NewsmlOptions, "newsml", options, given)
    body, collection_as, sent = settings.body, settings.collection_as, settings.sent
    if body not in ("nitf", "xhtml"):
        raise ConversionError(f"body must be 'nitf' or 'xhtml', got {body!r}")
    if isinstance(document, Article):
        root = news_item(document, body=body)
    elif isinstance(document, Collection):
        if collection_as == "package":
            _report_package(document)
            root = package_item(document)
        elif collection_as == "message":
            root = news_message(document, body=body, sent=sent)
        else:
            raise ConversionError(
                f"collection_as must be 'message' or 'package', got {collection_as!r}"
            )
    else:
        raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")
    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
    return data


def _item_root(tag: str, guid: str, version: int, language: str) -> Element:
    root = etree.Element(_g(tag), nsmap=_NSMAP)
    root.set("guid", guid)
    root.set("version", str(version))
    root.set("standard", "NewsML-G2")
    root.set("standardversion", "2.35")
    root.set("conformance", "power")
    root.set(_LANG, language)
    _sub(root, "catalogRef", href=IPTC_CATALOG)
    catalog = _sub(root, "catalog")
    _sub(catalog, "scheme", alias="nd", uri=ND_SCHEME)
    return root


def _organization(parent: Element, tag: str, org: Organization, **attrib: str) -> Element:
    element = _sub(parent, tag, **attrib)
    if org.id is not None:
        element.set("uri", org.id)
    _sub(element, "name", org.name)
    if org.url is not None:
        details = _sub(element, "organisationDetails")
        _sub(_sub(details, "contactInfo"), "web", org.url)
    return element


def _version_created(article: Article) -> dt.datetime:
    for value in (article.updated, article.published, article.created):
        if value is not None:
            return value
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def news_item(article: Article, *, body: str = "nitf") -> Element:
    """The ``newsItem`` element of ``article``."""
    root = _item_root("newsItem", article.id, article.version, article.language)
    if article.rights is not None:
        _rights(root, article.rights)
    _item_meta(root, article)
    _content_meta(root, article)
    content_set = _sub(root, "contentSet")
    if body == "nitf":
        inline = _sub(content_set, "inlineXML", contenttype="application/nitf+xml")
        inline.append(nitf_body(article))
    else:
        inline = _sub(content_set, "inlineXML", contenttype="application/xhtml+xml")
        inline.append(xhtml_body(article))
    return root


def _rights(root: Element, rights: Rights) -> None:
    info = _sub(root, "rightsInfo")
    if rights.holder is not None:
        _sub(_sub(info, "copyrightHolder"), "name", rights.holder)
    if rights.notice is not None:
        _sub(info, "copyrightNotice", rights.notice)
    if rights.usage_terms is not None:
        _sub(info, "usageTerms", rights.usage_terms)
    if rights.license_url is not None:
        _sub(info, "link", rel="nd:license", href=rights.license_url)


def _item_meta(root: Element, article: Article) -> None:
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:text")
    if article.publisher is not None:
        _organization(meta, "provider", article.publisher)
    else:
        _sub(meta, "provider")
    _sub(meta, "versionCreated", _when(_version_created(article)))
    if article.published is not None:
        _sub(meta, "firstCreated", _when(article.published))
    if article.embargo is not None:
        _sub(meta, "embargoed", _when(article.embargo))
    _sub(meta, "pubStatus", qcode=f"stat:{article.status.value}")
    _sub(meta, "generator", GENERATOR)
    if article.section is not None:
        _sub(_sub(meta, "service"), "name", article.section)
    _sub(meta, "title", article.headline)
    for correction in article.corrections:
        note = _sub(meta, "edNote", correction.text)
        note.set("role", _CORRECTION_ROLES[correction.kind])
        note.set("modified", _when(correction.date))
    for signal in dict.fromkeys(_SIGNALS[c.kind] for c in article.corrections):
        _sub(meta, "signal", qcode=signal)
    if article.canonical_url is not None:
        _sub(meta, "link", rel="nd:canonical", href=article.canonical_url)
    for link in article.related:
        element = _sub(meta, "link", rel=_RELATIONS[link.relation], href=link.url)
        element.set("title", link.title)
        if link.description is not None:
            _sub(element, "description", link.description, role="drol:summary")
        if link.date is not None:
            etree.SubElement(element, _nd("date")).text = link.date.isoformat()


def _subject_code(subject: Subject) -> dict[str, str]:
    if _QCODE_SCHEME.test(subject.scheme) and subject.code.split() == [subject.code]:
        return {"qcode": f"{subject.scheme}:{subject.code}"}
    quote = urllib.parse.quote
    return {"uri": f"{ND_SCHEME}subject:{quote(subject.scheme, safe='')}:{quote(subject.code)}"}


def _content_meta(root: Element, article: Article) -> None:
    meta = _sub(root, "contentMeta")
    if article.urgency is not None:
        _sub(meta, "urgency", str(article.urgency))
    if article.created is not None:
        _sub(meta, "contentCreated", _when(article.created))
    if article.updated is not None:
        _sub(meta, "contentModified", _when(article.updated))
    if article.dateline is not None:
        _located(meta, article.dateline)
    if article.source is not None:
        _organization(meta, "infoSource", article.source, role="nd:source")
    for person in article.bylines:
        creator = _sub(meta, "creator")
        if person.url is not None:
            creator.set("uri", person.url)
        _sub(creator, "name", person.name)
        if person.role is not None:
            _sub(creator, "name", person.role, role="nd:jobTitle")
        if person.affiliation is not None:
            details = _sub(creator, "personDetails")
            _sub(_sub(details, "affiliation"), "name", person.affiliation)
    _sub(meta, "language", tag=article.language)
    if article.genre is not None:
        _sub(_sub(meta, "genre"), "name", article.genre)
    for keyword in article.keywords:
        _sub(meta, "keyword", keyword)
    for subject in article.subjects:
        element = _sub(meta, "subject", **_subject_code(subject))
        if subject.label is not None:
            _sub(element, "name", subject.label)
    if article.slug is not None:
        _sub(meta, "slugline", article.slug)
    _sub(meta, "headline", article.headline)
    if article.subheadline is not None:
        _sub(meta, "headline", article.subheadline, role="nd:subheadline")
    if article.dateline is not None:
        _sub(meta, "dateline", article.dateline.place)
    if article.bylines:
        _sub(meta, "by", ", ".join(p.name for p in article.bylines))
    credit = article.source or article.publisher
    if credit is not None:
        _sub(meta, "creditline", credit.name)
    if article.summary is not None:
        _sub(meta, "description", article.summary, role="drol:summary")
    if article.key_points:
        points = etree.SubElement(meta, _nd("keyPoints"))
        codec = InlineCodec(NITF_NS)
        for point in article.key_points:
            element = etree.SubElement(points, _nd("keyPoint"))
            codec.write(etree.SubElement(element, _nd("text")), point.text)
            for topic in point.topics:
                etree.SubElement(element, _nd("topic")).text = topic


def _located(meta: Element, dateline: Dateline) -> None:
    located = _sub(meta, "located", type="cptype:city")
    _sub(located, "name", dateline.place)
    if dateline.country_code is not None:
        _sub(
            located, "broader", type="cptype:country", qcode=f"iso3166-1a2:{dateline.country_code}"
        )
    if dateline.geo is not None:
        details = _sub(located, "geoAreaDetails")
        _sub(
            details,
            "position",
            latitude=_decimal(dateline.geo.latitude),
            longitude=_decimal(dateline.geo.longitude),
        )
    if dateline.date is not None:
        etree.SubElement(located, _nd("date")).text = dateline.date.isoformat()


def xhtml_body(article: Article) -> Element:
    """The article's XHTML ``html`` element: title, lead image and sections."""
    codec = BodyCodec(nitf=False)
    html = etree.Element(codec.tag("html"), nsmap={None: XHTML_NS})
    html.set(qname(XML_NS, "lang"), article.language)
    html.set("lang", article.language)
    codec.sub(codec.sub(html, "head"), "title").text = article.headline
    body = codec.sub(html, "body")
    codec.sub(body, "h1").text = article.headline
    write_xhtml_content(codec, body, article)
    return html


def _package_meta(root: Element, collection: Collection) -> None:
    meta = _sub(root, "itemMeta")
    _sub(meta, "itemClass", qcode="ninat:composite")
    if collection.publisher is not None:
        _organization(meta, "provider", collection.publisher)
    else:
        _sub(meta, "provider")
    dates = [a.updated or a.published or a.created for a in collection.articles]
    known = [d for d in dates if d is not None]
    if known:
        created = max(known, key=lambda d: d.astimezone(dt.UTC))
    elif collection.date is not None:
        created = dt.datetime.combine(collection.date, dt.time(), dt.UTC)
    else:
        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _sub(meta, "versionCreated", _when(created))
    _sub(meta, "pubStatus", qcode="stat:usable")
    _sub(meta, "generator", GENERATOR)
    _sub(meta, "title", collection.title)
    content = _sub(root, "contentMeta")
    if collection.date is not None:
        _sub(content, "contentCreated", collection.date.isoformat())
    _sub(content, "language", tag=collection.language)
    _sub(content, "headline", collection.title)
    if collection.description is not None:
        _sub(content, "description", collection.description, role="drol:summary")


# What an itemRef of a packageItem carries of its article.
_REFERENCED = frozenset({"id", "version", "publisher", "status", "headline", "summary"})


def _report_package(collection: Collection) -> None:
    """A packageItem alone references its articles: say what of each one it leaves out."""
    for n, article in enumerate(collection.articles):
        bare = Article(id=article.id, headline=article.headline)
        lost = [
            field.name
            for field in attrs.fields(Article)
            if field.name not in _REFERENCED
            and getattr(article, field.name) != getattr(bare, field.name)
        ]
        if lost:
            warn(
                f"a packageItem only references its articles; left out: {', '.join(lost)} "
                "(collection_as='message' carries them)",
                code="lossy",
                where=f"articles[{n}]",
            )


def package_item(collection: Collection) -> Element:
    """A ``packageItem`` (``ninat:composite``) whose one group references every article."""
    root = _item_root("packageItem", collection.id, 1, collection.language)
    _package_meta(root, collection)
    group_set = _sub(root, "groupSet", root="G1")
    group = _sub(group_set, "group", id="G1", role="group:main")
    for article in collection.articles:
        ref = _sub(group, "itemRef", residref=article.id, contenttype=NEWSITEM_TYPE)
        ref.set("version", str(article.version))
        _sub(ref, "itemClass", qcode="ninat:text")
        if article.publisher is not None:
            _organization(ref, "provider", article.publisher)
        _sub(ref, "pubStatus", qcode=f"stat:{article.status.value}")
        _sub(ref, "title", article.headline)
        if article.summary is not None:
            _sub(ref, "description", article.summary, role="drol:summary")
    return root


def news_message(collection: Collection, *, body: str, sent: dt.datetime | None) -> Element:
    """A ``newsMessage`` carrying the collection's packageItem and every article's newsItem."""
    root = etree.Element(_g("newsMessage"), nsmap=_NSMAP)
    header = _sub(root, "header")
    when = sent if sent is not None else dt.datetime.now(dt.UTC).replace(microsecond=0)
    _sub(header, "sent", _when(when))
    _sub(header, "catalogRef", href=IPTC_CATALOG)
    if collection.publisher is not None:
        _sub(header, "sender", collection.publisher.name)
    _sub(header, "transmitId", collection.id)
    item_set = _sub(root, "itemSet")
    item_set.append(package_item(collection))
    for article in collection.articles:
        item_set.append(news_item(article, body=body))
    return root
