"""The NewsML-G2 item reader: a newsItem to an article, and the helpers the message reader
(:mod:`newsdoc.formats.newsml.message`) shares for the items a message holds.

See :mod:`newsdoc.formats.newsml` for the mapping. A value newsdoc cannot use (an impossible
date, urgency 42, a position that is not a number, a 400-digit version) is left out, or
replaced, with a warning naming where it was (:func:`newsdoc.diagnostics.warn`).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, InvalidDocumentError, Problem, excerpt
from newsdoc.formats.newsml.body import BodyParts, FoundBody, find_body, read_body
from newsdoc.formats.newsml.common import (
    CORRECTION_BACK,
    GENERATOR,
    ND_SCHEME,
    RELATIONS_BACK,
    XML_LANG_ATTR,
    g2_tag,
    nd_tag,
)
from newsdoc.markup.body import clean_text
from newsdoc.markup.inline import NITF_NS, InlineCodec
from newsdoc.markup.xml import Element, etree, refuse
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Article,
    Correction,
    Dateline,
    GeoPoint,
    KeyPoint,
    Organization,
    PubStatus,
    RelatedLink,
    Relation,
    Rights,
    Subject,
)
from newsdoc.model.blocks import Person

__all__ = [
    "article_id",
    "element_text",
    "as_loose",
    "parse_date",
    "read_news_item",
    "read_org",
    "version_of",
]


def element_text(element: Element | None, *, exact: bool) -> str | None:
    if element is None:
        return None
    text = clean_text("".join(element.itertext()), exact=exact)
    return text or None


def _parse_when(value: str | None, where: str) -> dt.datetime | None:
    """The date-time ``value`` gives, or ``None`` with a warning naming ``where`` when the
    model cannot take it (a date alone is midnight UTC)."""
    if value is None:
        return None
    text = value.strip()
    parsed = C.parse_datetime(text + "T00:00:00Z" if len(text) == 10 else text)
    if parsed is None:
        warn(
            f"{excerpt(text)} is not an ISO 8601 date-time with a time zone (from year 1 to "
            "9999, its UTC offset in whole minutes up to ±14:00); left out",
            code="dropped",
            where=where,
        )
    return parsed


def parse_date(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _code_part(qcode: str | None) -> str | None:
    if not qcode or ":" not in qcode:
        return None
    return qcode.split(":", 1)[1].strip() or None


def _attribute_text(value: str | None) -> str | None:
    """An attribute's value as text, or ``None`` when it is absent or blank."""
    return value.strip() if value is not None and value.strip() else None


def read_org(element: Element | None, *, exact: bool) -> Organization | None:
    if element is None:
        return None
    name = element_text(element.find(g2_tag("name")), exact=exact)
    if name is None:
        name = _attribute_text(element.get("literal")) or _code_part(element.get("qcode"))
    if name is None:
        return None
    web = element.find(f"{g2_tag('organisationDetails')}/{g2_tag('contactInfo')}/{g2_tag('web')}")
    url = element_text(web, exact=False)
    uri = element.get("uri")
    return Organization(
        name=name,
        url=url if url is not None and C.http_url().test(url) else None,
        id=uri if uri is not None and C.uri().test(uri) else None,
    )


def article_id(guid: str | None, source: str | None) -> str:
    if not guid or not guid.strip():
        raise refuse("the newsItem has no guid", source)
    guid = guid.strip()
    made, note = C.id_from(guid, "newsml")
    if note is not None:
        warn(note, code="assumed", where="@guid")
    return made


def version_of(value: str | None, where: str) -> int | None:
    if value is None:
        return None
    number = C.parse_int(value, 1, C.MAX_INT)
    if number is None:
        warn(
            f"version {excerpt(value)} is not a whole number from 1 to {C.MAX_INT}; "
            "version 1 assumed",
            code="assumed",
            where=where,
        )
    return number


def as_loose(value: list[Article]) -> Any:
    """A tuple of articles, typed loosely for the model's generic converter."""
    return tuple(value)


def _problem(source: str | None, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def read_news_item(root: Element, source: str | None) -> Article:
    item_meta = root.find(g2_tag("itemMeta"))
    if item_meta is None:
        raise refuse("the newsItem has no itemMeta", source)
    item_class = item_meta.find(g2_tag("itemClass"))
    klass = item_class.get("qcode", "") if item_class is not None else ""
    if klass and klass not in ("ninat:text", "ninat:composite") and not klass.endswith(":text"):
        raise refuse(
            f"the newsItem is of class {excerpt(klass)}; newsdoc reads text items (ninat:text) "
            "only",
            source,
        )
    generator = item_meta.find(g2_tag("generator"))
    own = generator is not None and (generator.text or "").strip() == GENERATOR
    try:
        return _build_article(root, item_meta, own=own, source=source)
    except FieldError as exc:  # a value the model refuses, named by its field
        problem = Problem(exc.field, f"the newsItem cannot be read as an article: {exc.detail}")
        raise InvalidDocumentError([problem], source) from None


def _body_language(root: Element, rendition: FoundBody | None) -> str | None:
    """The language the body states, for items that give it only there: ``xml:lang`` (or
    HTML's ``lang``) on the NITF or XHTML root or its ``body``, else on the ``inlineXML`` or
    ``inlineData`` holding it, else on the ``contentSet``."""
    found: list[str | None] = []
    if rendition is not None and rendition.element is not None:
        top = rendition.element
        inner = [c for c in top if isinstance(c.tag, str) and etree.QName(c).localname == "body"]
        for element in (top, *inner[:1]):
            found += [element.get(XML_LANG_ATTR), element.get("lang")]
    content_set = root.find(g2_tag("contentSet"))
    if content_set is not None:
        found += [c.get(XML_LANG_ATTR) for c in content_set if isinstance(c.tag, str)]
        found.append(content_set.get(XML_LANG_ATTR))
    return next((tag for tag in found if tag), None)


def _build_article(root: Element, item_meta: Element, *, own: bool, source: str | None) -> Article:
    exact = own
    content_meta = root.find(g2_tag("contentMeta"))
    if content_meta is None:
        content_meta = etree.Element(g2_tag("contentMeta"))
    rendition = find_body(root)
    fields: dict[str, Any] = {"id": article_id(root.get("guid"), source)}
    fields["version"] = version_of(root.get("version"), "@version")
    language = root.get(XML_LANG_ATTR)
    lang_el = content_meta.find(g2_tag("language"))
    if lang_el is not None and lang_el.get("tag"):
        language = lang_el.get("tag")
    language = language or _body_language(root, rendition)
    if not language and not own:
        warn(
            "the item gives no language (contentMeta/language, xml:lang); 'en' assumed",
            code="assumed",
            where="contentMeta/language",
        )
    if language and C.language().test(language):
        fields["language"] = language
    elif language:
        warn(
            f"{excerpt(language)} is not a BCP 47 language tag; 'en' assumed",
            code="assumed",
            where="contentMeta/language",
        )

    # headlines
    headline = subheadline = None
    for element in content_meta.findall(g2_tag("headline")):
        role = element.get("role", "")
        if "subheadline" in role or role.endswith(":sub"):
            subheadline = subheadline or element_text(element, exact=exact)
        elif headline is None:
            headline = element_text(element, exact=exact)
    given_headline = headline or element_text(item_meta.find(g2_tag("title")), exact=exact)
    body = read_body(rendition, exact=exact, headline=given_headline) if rendition else BodyParts()
    head = body.head
    if headline is None:
        headline = head.get("headline")
    if headline is None:
        headline = element_text(item_meta.find(g2_tag("title")), exact=exact)
    if headline is None:
        headline = element_text(content_meta.find(g2_tag("slugline")), exact=exact)
    if headline is None:
        raise _problem(
            source,
            "the newsItem has no headline (contentMeta/headline, NITF hl1, an XHTML h1 or "
            "title, itemMeta/title or slugline); an article needs one",
        )
    fields["headline"] = headline
    fields["subheadline"] = subheadline or head.get("subheadline")
    fields["slug"] = element_text(content_meta.find(g2_tag("slugline")), exact=exact)
    for element in content_meta.findall(g2_tag("description")):
        role = element.get("role", "drol:summary")
        if role.endswith(("summary", "abstract")):
            fields["summary"] = element_text(element, exact=exact)
            break
    if fields.get("summary") is None:
        fields["summary"] = head.get("summary")
    if not own:
        _report_head(fields, head, body.extra)

    # dates
    created = _when_of(content_meta, "contentCreated", "contentMeta")
    modified = _when_of(content_meta, "contentModified", "contentMeta")
    first = _when_of(item_meta, "firstCreated", "itemMeta")
    version_created = _when_of(item_meta, "versionCreated", "itemMeta")
    fields["created"] = created
    fields["published"] = first
    fields["updated"] = modified
    if not own:  # other providers: fall back on the version's own date-time
        if first is None:
            fields["published"] = version_created
        if modified is None and version_created not in (None, fields["published"]):
            fields["updated"] = version_created
    fields["embargo"] = _when_of(item_meta, "embargoed", "itemMeta")
    urgency = element_text(content_meta.find(g2_tag("urgency")), exact=False)
    if urgency is not None:
        fields["urgency"] = C.parse_int(urgency, 1, 9)
        if fields["urgency"] is None:
            warn(
                f"urgency {excerpt(urgency)} is not a whole number from 1 to 9; left out",
                code="dropped",
                where="contentMeta/urgency",
            )
    status = item_meta.find(g2_tag("pubStatus"))
    if status is not None:
        code = _code_part(status.get("qcode"))
        if code in {s.value for s in PubStatus}:
            fields["status"] = PubStatus(code)
        else:
            warn(
                f"unknown status {excerpt(status.get('qcode'))}; 'usable' assumed",
                code="assumed",
                where="itemMeta/pubStatus",
            )

    # organisations, section, genre, keywords, subjects
    fields["publisher"] = read_org(item_meta.find(g2_tag("provider")), exact=exact)
    info = content_meta.find(g2_tag("infoSource"))
    fields["source"] = read_org(info, exact=exact)
    service = item_meta.find(g2_tag("service"))
    if service is not None:
        fields["section"] = element_text(service.find(g2_tag("name")), exact=exact) or _code_part(
            service.get("qcode")
        )
    genre = content_meta.find(g2_tag("genre"))
    if genre is not None:
        fields["genre"] = element_text(genre.find(g2_tag("name")), exact=exact) or _code_part(
            genre.get("qcode")
        )
    fields["keywords"] = tuple(
        k
        for k in (element_text(e, exact=exact) for e in content_meta.findall(g2_tag("keyword")))
        if k
    )
    fields["subjects"] = tuple(
        s
        for s in (_read_subject(e, exact=exact) for e in content_meta.findall(g2_tag("subject")))
        if s is not None
    )

    # people and places
    fields["bylines"] = tuple(
        p
        for p in (_read_person(e, exact=exact) for e in content_meta.findall(g2_tag("creator")))
        if p is not None
    )
    if not fields["bylines"]:
        fields["bylines"] = head.get("bylines", ())
    fields["dateline"] = _read_dateline(content_meta, head.get("dateline"), exact=exact)

    # rights, corrections, links
    fields["rights"] = _read_rights(root.find(g2_tag("rightsInfo")), exact=exact)
    fields["corrections"] = _read_corrections(item_meta, exact=exact)
    related: list[RelatedLink] = []
    for link in item_meta.findall(g2_tag("link")):
        rel = link.get("rel", "")
        href = (link.get("href") or "").strip()
        if rel == "nd:canonical" and C.http_url().test(href):
            fields["canonical_url"] = href
            continue
        found = _read_link(link, own=own)
        if found is not None:
            related.append(found)
    fields["related"] = tuple(related)
    points = content_meta.find(nd_tag("keyPoints"))
    if points is not None:
        fields["key_points"] = _read_key_points(points, exact=exact)

    fields["sections"], fields["lead_image"] = body.sections, body.lead_image
    return Article(**{k: v for k, v in fields.items() if v is not None})


def _report_head(
    fields: dict[str, Any], head: dict[str, Any], extra: tuple[tuple[str, str], ...]
) -> None:
    """Report what a body's head or header states that the article does not carry."""
    for what in ("headline", "subheadline", "summary"):
        value, have = head.get(what), fields.get(what)
        if value is not None and have is not None and value.split() != have.split():
            warn(
                f"the body's {what} {excerpt(value)} differs from the item's; left out",
                code="unmapped",
                where=f"body/{what}",
            )
    for where, text in extra:
        warn(f"{excerpt(text)} has no place in the model; left out", code="dropped", where=where)


def _when_of(parent: Element, local: str, where: str) -> dt.datetime | None:
    return _parse_when(element_text(parent.find(g2_tag(local)), exact=False), f"{where}/{local}")


def _read_subject(element: Element, *, exact: bool) -> Subject | None:
    label = element_text(element.find(g2_tag("name")), exact=exact)
    qcode = element.get("qcode")
    uri = element.get("uri")
    if qcode and ":" in qcode:
        scheme, code = (part.strip() for part in qcode.split(":", 1))
        if scheme and code:
            return Subject(scheme=scheme, code=code, label=label)
    if uri and uri.startswith(f"{ND_SCHEME}subject:"):
        scheme, _, code = uri[len(ND_SCHEME) + len("subject:") :].partition(":")
        unquote = urllib.parse.unquote
        return Subject(scheme=unquote(scheme), code=unquote(code), label=label)
    if uri:
        return Subject(scheme="uri", code=uri, label=label)
    return None


def _read_person(element: Element, *, exact: bool) -> Person | None:
    name = role = None
    for name_el in element.findall(g2_tag("name")):
        value = element_text(name_el, exact=exact)
        if value is None:
            continue
        if name_el.get("role") == "nd:jobTitle":
            role = role or value
        elif name is None:
            name = value
    if name is None:
        name = _attribute_text(element.get("literal")) or _code_part(element.get("qcode"))
    if name is None:
        return None
    affiliation = element_text(
        element.find(f"{g2_tag('personDetails')}/{g2_tag('affiliation')}/{g2_tag('name')}"),
        exact=exact,
    )
    url = element.get("uri")
    return Person(
        name=name,
        role=role,
        affiliation=affiliation,
        url=url if url is not None and C.http_url().test(url) else None,
    )


def _read_dateline(meta: Element, nitf: Dateline | None, *, exact: bool) -> Dateline | None:
    located = meta.find(g2_tag("located"))
    place = country = geo = date = None
    if located is not None:
        place = element_text(located.find(g2_tag("name")), exact=exact)
        for broader in located.findall(g2_tag("broader")):
            code = broader.get("qcode", "")
            if code.startswith("iso3166-1a2:") and C.country().test(code[12:]):
                country = code[12:]
        position = located.find(f"{g2_tag('geoAreaDetails')}/{g2_tag('position')}")
        if position is not None:
            geo = _read_position(position)
        date = parse_date(element_text(located.find(nd_tag("date")), exact=False))
    if nitf is not None:
        place = place or nitf.place
        date = date or nitf.date
    if place is None:
        place = element_text(meta.find(g2_tag("dateline")), exact=exact)
    if place is None:
        return None
    return Dateline(place=place, country_code=country, geo=geo, date=date)


def _read_position(position: Element) -> GeoPoint | None:
    latitude, longitude = position.get("latitude"), position.get("longitude")
    try:
        return GeoPoint(latitude=float(latitude or ""), longitude=float(longitude or ""))
    except ValueError:  # not a number, or not on the Earth
        warn(
            f"latitude {excerpt(latitude)}, longitude {excerpt(longitude)} are not a point "
            "on the Earth; left out",
            code="dropped",
            where="contentMeta/located/geoAreaDetails/position",
        )
        return None


def _read_rights(info: Element | None, *, exact: bool) -> Rights | None:
    if info is None:
        return None
    holder_el = info.find(g2_tag("copyrightHolder"))
    holder = None
    if holder_el is not None:
        holder = element_text(holder_el.find(g2_tag("name")), exact=exact) or _code_part(
            holder_el.get("qcode")
        )
    license_url = None
    for link in info.findall(g2_tag("link")):
        href = (link.get("href") or "").strip()
        if C.http_url().test(href):
            license_url = href
            break
    return Rights(
        holder=holder,
        notice=element_text(info.find(g2_tag("copyrightNotice")), exact=exact),
        usage_terms=element_text(info.find(g2_tag("usageTerms")), exact=exact),
        license_url=license_url,
    )


def _read_corrections(item_meta: Element, *, exact: bool) -> tuple[Correction, ...]:
    found = []
    for note in item_meta.findall(g2_tag("edNote")):
        kind = CORRECTION_BACK.get(note.get("role", ""))
        if kind is None:
            continue  # an editor's note, not a published correction
        when = _parse_when(note.get("modified"), "itemMeta/edNote/@modified")
        text = element_text(note, exact=exact)
        if kind is None or when is None or text is None:
            continue  # an editor's note, not a published correction
        found.append(Correction(date=when, text=text, kind=kind))
    return tuple(found)


def _read_link(link: Element, *, own: bool) -> RelatedLink | None:
    href = (link.get("href") or "").strip()
    if not C.http_url(allow_urn=True).test(href):
        if href:
            warn(
                f"a link: {C.http_url(allow_urn=True).detail(href)}; left out",
                code="dropped",
                where="itemMeta/link",
            )
        return None
    relation = RELATIONS_BACK.get(link.get("rel", ""), Relation.RELATED)
    title = link.get("title")
    if not title or not C.text().test(title):
        title = element_text(link.find(g2_tag("title")), exact=False) or href
    description = None
    for element in link.findall(g2_tag("description")):
        description = element_text(element, exact=own)
    date = parse_date(element_text(link.find(nd_tag("date")), exact=False))
    return RelatedLink(url=href, title=title, relation=relation, description=description, date=date)


def _read_key_points(points: Element, *, exact: bool) -> tuple[KeyPoint, ...]:
    codec = InlineCodec(NITF_NS)
    found = []
    for point in points.findall(nd_tag("keyPoint")):
        text_el = point.find(nd_tag("text"))
        if text_el is None:
            continue
        text = codec.read(text_el, exact=exact)
        topics = tuple(
            t for t in (element_text(e, exact=exact) for e in point.findall(nd_tag("topic"))) if t
        )
        if text:
            loose: Any = topics
            found.append(KeyPoint(text=text, topics=loose))
    return tuple(found)
