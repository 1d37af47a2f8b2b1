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
from newsdoc.formats.newsml.common import (
    CORRECTION_ROLES,
    GENERATOR,
    IPTC_CATALOG,
    ND_SCHEME,
    NEWSITEM_TYPE,
    NSMAP,
    QCODE_SCHEME,
    RELATIONS,
    SIGNALS,
    XML_LANG_ATTR,
    decimal_text,
    g2_datetime,
    g2_tag,
    nd_tag,
    sub_element,
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
    root = etree.Element(g2_tag(tag), nsmap=NSMAP)
    root.set("guid", guid)
    root.set("version", str(version))
    root.set("standard", "NewsML-G2")
    root.set("standardversion", "2.35")
    root.set("conformance", "power")
    root.set(XML_LANG_ATTR, language)
    sub_element(root, "catalogRef", href=IPTC_CATALOG)
    catalog = sub_element(root, "catalog")
    sub_element(catalog, "scheme", alias="nd", uri=ND_SCHEME)
    return root


def _organization(parent: Element, tag: str, org: Organization, **attrib: str) -> Element:
    element = sub_element(parent, tag, **attrib)
    if org.id is not None:
        element.set("uri", org.id)
    sub_element(element, "name", org.name)
    if org.url is not None:
        details = sub_element(element, "organisationDetails")
        sub_element(sub_element(details, "contactInfo"), "web", org.url)
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
    content_set = sub_element(root, "contentSet")
    if body == "nitf":
        inline = sub_element(content_set, "inlineXML", contenttype="application/nitf+xml")
        inline.append(nitf_body(article))
    else:
        inline = sub_element(content_set, "inlineXML", contenttype="application/xhtml+xml")
        inline.append(xhtml_body(article))
    return root


def _rights(root: Element, rights: Rights) -> None:
    info = sub_element(root, "rightsInfo")
    if rights.holder is not None:
        sub_element(sub_element(info, "copyrightHolder"), "name", rights.holder)
    if rights.notice is not None:
        sub_element(info, "copyrightNotice", rights.notice)
    if rights.usage_terms is not None:
        sub_element(info, "usageTerms", rights.usage_terms)
    if rights.license_url is not None:
        sub_element(info, "link", rel="nd:license", href=rights.license_url)


def _item_meta(root: Element, article: Article) -> None:
    meta = sub_element(root, "itemMeta")
    sub_element(meta, "itemClass", qcode="ninat:text")
    if article.publisher is not None:
        _organization(meta, "provider", article.publisher)
    else:
        sub_element(meta, "provider")
    sub_element(meta, "versionCreated", g2_datetime(_version_created(article)))
    if article.published is not None:
        sub_element(meta, "firstCreated", g2_datetime(article.published))
    if article.embargo is not None:
        sub_element(meta, "embargoed", g2_datetime(article.embargo))
    sub_element(meta, "pubStatus", qcode=f"stat:{article.status.value}")
    sub_element(meta, "generator", GENERATOR)
    if article.section is not None:
        sub_element(sub_element(meta, "service"), "name", article.section)
    sub_element(meta, "title", article.headline)
    for correction in article.corrections:
        note = sub_element(meta, "edNote", correction.text)
        note.set("role", CORRECTION_ROLES[correction.kind])
        note.set("modified", g2_datetime(correction.date))
    for signal in dict.fromkeys(SIGNALS[c.kind] for c in article.corrections):
        sub_element(meta, "signal", qcode=signal)
    if article.canonical_url is not None:
        sub_element(meta, "link", rel="nd:canonical", href=article.canonical_url)
    for link in article.related:
        element = sub_element(meta, "link", rel=RELATIONS[link.relation], href=link.url)
        element.set("title", link.title)
        if link.description is not None:
            sub_element(element, "description", link.description, role="drol:summary")
        if link.date is not None:
            etree.SubElement(element, nd_tag("date")).text = link.date.isoformat()


def _subject_code(subject: Subject) -> dict[str, str]:
    if QCODE_SCHEME.test(subject.scheme) and subject.code.split() == [subject.code]:
        return {"qcode": f"{subject.scheme}:{subject.code}"}
    quote = urllib.parse.quote
    return {"uri": f"{ND_SCHEME}subject:{quote(subject.scheme, safe='')}:{quote(subject.code)}"}


def _content_meta(root: Element, article: Article) -> None:
    meta = sub_element(root, "contentMeta")
    if article.urgency is not None:
        sub_element(meta, "urgency", str(article.urgency))
    if article.created is not None:
        sub_element(meta, "contentCreated", g2_datetime(article.created))
    if article.updated is not None:
        sub_element(meta, "contentModified", g2_datetime(article.updated))
    if article.dateline is not None:
        _located(meta, article.dateline)
    if article.source is not None:
        _organization(meta, "infoSource", article.source, role="nd:source")
    for person in article.bylines:
        creator = sub_element(meta, "creator")
        if person.url is not None:
            creator.set("uri", person.url)
        sub_element(creator, "name", person.name)
        if person.role is not None:
            sub_element(creator, "name", person.role, role="nd:jobTitle")
        if person.affiliation is not None:
            details = sub_element(creator, "personDetails")
            sub_element(sub_element(details, "affiliation"), "name", person.affiliation)
    sub_element(meta, "language", tag=article.language)
    if article.genre is not None:
        sub_element(sub_element(meta, "genre"), "name", article.genre)
    for keyword in article.keywords:
        sub_element(meta, "keyword", keyword)
    for subject in article.subjects:
        element = sub_element(meta, "subject", **_subject_code(subject))
        if subject.label is not None:
            sub_element(element, "name", subject.label)
    if article.slug is not None:
        sub_element(meta, "slugline", article.slug)
    sub_element(meta, "headline", article.headline)
    if article.subheadline is not None:
        sub_element(meta, "headline", article.subheadline, role="nd:subheadline")
    if article.dateline is not None:
        sub_element(meta, "dateline", article.dateline.place)
    if article.bylines:
        sub_element(meta, "by", ", ".join(p.name for p in article.bylines))
    credit = article.source or article.publisher
    if credit is not None:
        sub_element(meta, "creditline", credit.name)
    if article.summary is not None:
        sub_element(meta, "description", article.summary, role="drol:summary")
    if article.key_points:
        points = etree.SubElement(meta, nd_tag("keyPoints"))
        codec = InlineCodec(NITF_NS)
        for point in article.key_points:
            element = etree.SubElement(points, nd_tag("keyPoint"))
            codec.write(etree.SubElement(element, nd_tag("text")), point.text)
            for topic in point.topics:
                etree.SubElement(element, nd_tag("topic")).text = topic


def _located(meta: Element, dateline: Dateline) -> None:
    located = sub_element(meta, "located", type="cptype:city")
    sub_element(located, "name", dateline.place)
    if dateline.country_code is not None:
        sub_element(
            located, "broader", type="cptype:country", qcode=f"iso3166-1a2:{dateline.country_code}"
        )
    if dateline.geo is not None:
        details = sub_element(located, "geoAreaDetails")
        sub_element(
            details,
            "position",
            latitude=decimal_text(dateline.geo.latitude),
            longitude=decimal_text(dateline.geo.longitude),
        )
    if dateline.date is not None:
        etree.SubElement(located, nd_tag("date")).text = dateline.date.isoformat()


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
    meta = sub_element(root, "itemMeta")
    sub_element(meta, "itemClass", qcode="ninat:composite")
    if collection.publisher is not None:
        _organization(meta, "provider", collection.publisher)
    else:
        sub_element(meta, "provider")
    dates = [a.updated or a.published or a.created for a in collection.articles]
    known = [d for d in dates if d is not None]
    if known:
        created = max(known, key=lambda d: d.astimezone(dt.UTC))
    elif collection.date is not None:
        created = dt.datetime.combine(collection.date, dt.time(), dt.UTC)
    else:
        created = dt.datetime.now(dt.UTC).replace(microsecond=0)
    sub_element(meta, "versionCreated", g2_datetime(created))
    sub_element(meta, "pubStatus", qcode="stat:usable")
    sub_element(meta, "generator", GENERATOR)
    sub_element(meta, "title", collection.title)
    content = sub_element(root, "contentMeta")
    if collection.date is not None:
        sub_element(content, "contentCreated", collection.date.isoformat())
    sub_element(content, "language", tag=collection.language)
    sub_element(content, "headline", collection.title)
    if collection.description is not None:
        sub_element(content, "description", collection.description, role="drol:summary")


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
    group_set = sub_element(root, "groupSet", root="G1")
    group = sub_element(group_set, "group", id="G1", role="group:main")
    for article in collection.articles:
        ref = sub_element(group, "itemRef", residref=article.id, contenttype=NEWSITEM_TYPE)
        ref.set("version", str(article.version))
        sub_element(ref, "itemClass", qcode="ninat:text")
        if article.publisher is not None:
            _organization(ref, "provider", article.publisher)
        sub_element(ref, "pubStatus", qcode=f"stat:{article.status.value}")
        sub_element(ref, "title", article.headline)
        if article.summary is not None:
            sub_element(ref, "description", article.summary, role="drol:summary")
    return root


def news_message(collection: Collection, *, body: str, sent: dt.datetime | None) -> Element:
    """A ``newsMessage`` carrying the collection's packageItem and every article's newsItem."""
    root = etree.Element(g2_tag("newsMessage"), nsmap=NSMAP)
    header = sub_element(root, "header")
    when = sent if sent is not None else dt.datetime.now(dt.UTC).replace(microsecond=0)
    sub_element(header, "sent", g2_datetime(when))
    sub_element(header, "catalogRef", href=IPTC_CATALOG)
    if collection.publisher is not None:
        sub_element(header, "sender", collection.publisher.name)
    sub_element(header, "transmitId", collection.id)
    item_set = sub_element(root, "itemSet")
    item_set.append(package_item(collection))
    for article in collection.articles:
        item_set.append(news_item(article, body=body))
    return root
