"""ninjs (IPTC News in JSON): articles as ninjs 3.1 (camelCase, the default) or 2.2 items.

:func:`write` gives a ninjs item valid against the IPTC schema of the version asked for
(``version="3.1"`` or ``"2.2"``); a :class:`~newsdoc.Collection` becomes a ``composite``
item whose ``associations`` are its articles. :func:`read` takes ninjs 3.x or 2.x (property
names in either case), newsdoc's own output as well as other providers' text items, such as
the IPTC examples.

The body travels as one HTML body (``bodies[role=main]``, ``text/html``) written with the
same XHTML codec as NewsML-G2's XHTML body, so sections, quotes, lists, tables, figures and
inline markup come back as they were. ninjs has no place for some fields; ``docs/mapping.md``
lists them, and :func:`read` leaves them empty: byline roles and affiliations, the dateline's
date, key point topics, the date of a related link, corrections (written to ``edNote`` as
text only) and an empty :class:`~newsdoc.Rights`. Keywords and the section are ``subjects``
with ``rel`` ``"keyword"`` and ``"section"``, as ninjs has no property for either.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from typing import Any

import orjson

from newsdoc.errors import ConversionError, InvalidDocumentError, Problem
from newsdoc.formats.ninjs.options import NinjsOptions
from newsdoc.markup.body import BodyCodec, write_xhtml_content
from newsdoc.markup.inline import XHTML_NS, InlineCodec
from newsdoc.markup.xml import Element, etree, parse
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Article,
    Collection,
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
from newsdoc.model.blocks import Figure, Person, Section
from newsdoc.model.inline import Inline
from newsdoc.options import resolve

__all__ = ["SCHEMA_URIS", "VERSIONS", "read", "to_dict", "write"]

#: The ninjs versions newsdoc writes.
VERSIONS = ("3.1", "2.2")
SCHEMA_URIS = {
    "3.1": "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#",
    "2.2": "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#",
}
_BODY_CLASS = "newsdoc-body"
_MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/"
_COUNTRY_URI = "http://cvx.iptc.org/iso3166-1a2/"
_VOID = frozenset({"br", "img", "hr", "col"})
# 3.x property names that 2.x spells differently than by lower-casing them.
_TO_2X = {"embargoedUntil": "embargoed"}
_CAMEL = [
    "altIds",
    "aspectRatio",
    "charCount",
    "contactInfo",
    "contentCreated",
    "contentType",
    "copyrightHolder",
    "copyrightNotice",
    "digitalSourceType",
    "edNote",
    "embargoedUntil",
    "encodedRights",
    "eventDetails",
    "firstCreated",
    "frameRate",
    "geoJSON",
    "infoSources",
    "langId",
    "linkedRights",
    "plannedCoverage",
    "postalCode",
    "pubStatus",
    "representationType",
    "rightsInfo",
    "scanType",
    "sizeInBytes",
    "symbolType",
    "transportProtocol",
    "trustIndicators",
    "usageTerms",
    "versionCreated",
    "videoCodec",
    "wordCount",
]
_FROM_2X = {name.lower(): name for name in _CAMEL} | {"embargoed": "embargoedUntil"}


# ====================================================================== writing


def _when(value: dt.datetime) -> str:
    return value.isoformat()


def body_html(article: Article) -> str:
    """The article's lead image and sections as an HTML fragment (also well-formed XML)."""
    codec = BodyCodec(nitf=False)
    wrapper = etree.Element(codec.tag("div"), {"class": _BODY_CLASS})
    write_xhtml_content(codec, wrapper, article)
    for element in wrapper.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        element.tag = local
        if local not in _VOID and element.text is None and not len(element):
            element.text = ""  # <td></td>, never <td/>, which HTML reads as an open tag
    etree.cleanup_namespaces(wrapper)
    html: str = etree.tostring(wrapper, encoding="unicode")
    return html


def _inline_html(nodes: tuple[Inline, ...]) -> str:
    codec = InlineCodec(XHTML_NS)
    wrapper = etree.Element(codec.tag("span"))
    codec.write(wrapper, nodes)
    for element in wrapper.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    etree.cleanup_namespaces(wrapper)
    text: str = etree.tostring(wrapper, encoding="unicode")
    return text[len("<span>") : -len("</span>")] if text != "<span/>" else ""


def _org(org: Organization, rel: str, *, role: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {"name": org.name, ("role" if role else "rel"): rel}
    if org.id is not None:
        found["uri"] = org.id
    if org.url is not None:
        found["contactInfo"] = [{"type": "web", "value": org.url}]
    return found


def _subject_literal(subject: Subject) -> str:
    return f"{urllib.parse.quote(subject.scheme, safe='')}:{subject.code}"


def _figure_association(figure: Figure) -> dict[str, Any]:
    absolute = C.http_url().test(figure.src)
    uri = figure.src if absolute else "urn:newsdoc:image:" + urllib.parse.quote(figure.src)
    found: dict[str, Any] = {"name": "leadImage", "rel": "leadImage", "uri": uri}
    found["type"] = "picture"
    if figure.credit is not None:
        found["by"] = figure.credit
    descriptions = []
    if figure.caption is not None:
        html = _inline_html(figure.caption)
        descriptions.append({"role": "caption", "contentType": "text/html", "value": html})
    if figure.alt:
        descriptions.append({"role": "alt", "contentType": "text/plain", "value": figure.alt})
    if descriptions:
        found["descriptions"] = descriptions
    rendition: dict[str, Any] = {"name": "original"}
    if absolute:
        rendition["href"] = figure.src
    else:
        found["altIds"] = [{"role": "path", "value": figure.src}]
    if figure.media_type is not None:
        rendition["contentType"] = figure.media_type
    if figure.width is not None:
        rendition["width"] = figure.width
    if figure.height is not None:
        rendition["height"] = figure.height
    found["renditions"] = [rendition]
    return found


def to_dict(document: Article | Collection, *, version: str = "3.1") -> dict[str, Any]:
    """The ninjs item of an article or collection, as JSON data.

    >>> from newsdoc import Article
    >>> item = to_dict(Article(id="urn:newsdoc:1", headline="Hi"))
    >>> item["uri"], item["type"], item["headlines"][0]["value"], item["standard"]["version"]
    ('urn:newsdoc:1', 'text', 'Hi', '3.1')
    """
    if version not in VERSIONS:
        raise ConversionError(
            f"ninjs version must be one of {', '.join(VERSIONS)}, got {version!r}"
        )
    if isinstance(document, Article):
        item = _article(document)
        item["standard"] = {"name": "ninjs", "version": version, "schema": SCHEMA_URIS[version]}
    elif isinstance(document, Collection):
        item = _collection(document, version)
    else:
        raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")
    return item if version.startswith("3") else _to_2x(item)


def _article(a: Article) -> dict[str, Any]:
    item: dict[str, Any] = {"uri": a.id, "type": "text", "representationType": "full"}
    item["version"] = str(a.version)
    if a.published is not None:
        item["firstCreated"] = _when(a.published)
    if a.updated is not None:
        item["versionCreated"] = _when(a.updated)
    if a.created is not None:
        item["contentCreated"] = _when(a.created)
    if a.embargo is not None:
        item["embargoedUntil"] = _when(a.embargo)
    item["pubStatus"] = a.status.value
    if a.urgency is not None:
        item["urgency"] = a.urgency
    if a.rights is not None:
        if a.rights.holder is not None:
            item["copyrightHolder"] = a.rights.holder
        if a.rights.notice is not None:
            item["copyrightNotice"] = a.rights.notice
        if a.rights.usage_terms is not None:
            item["usageTerms"] = a.rights.usage_terms
        if a.rights.license_url is not None:
            item["rightsInfo"] = {"linkedRights": a.rights.license_url}
    if a.corrections:
        item["edNote"] = "\n".join(
            f"{c.kind.value.capitalize()} ({c.date.isoformat()}): {c.text}" for c in a.corrections
        )
    item["language"] = a.language
    descriptions = []
    if a.summary is not None:
        descriptions.append({"role": "summary", "contentType": "text/plain", "value": a.summary})
    for point in a.key_points:
        html = _inline_html(point.text)
        descriptions.append({"role": "keyPoint", "contentType": "text/html", "value": html})
    if descriptions:
        item["descriptions"] = descriptions
    if a.sections or a.lead_image is not None:
        item["bodies"] = [{"role": "main", "contentType": "text/html", "value": body_html(a)}]
    headlines = [{"role": "main", "contentType": "text/plain", "value": a.headline}]
    if a.subheadline is not None:
        headlines.append({"role": "sub", "contentType": "text/plain", "value": a.subheadline})
    item["headlines"] = headlines
    people = []
    for person in a.bylines:
        entry: dict[str, Any] = {"name": person.name, "rel": "author"}
        if person.url is not None:
            entry["uri"] = person.url
        people.append(entry)
    if people:
        item["people"] = people
        item["by"] = ", ".join(p.name for p in a.bylines)
    if a.publisher is not None:
        item["organisations"] = [_org(a.publisher, "publisher")]
    if a.source is not None:
        item["infoSources"] = [_org(a.source, "source", role=True)]
    if a.dateline is not None:
        item["located"] = a.dateline.place
        item["places"] = [_place(a.dateline)]
    subjects: list[dict[str, Any]] = []
    for subject in a.subjects:
        entry = {"literal": _subject_literal(subject), "rel": "about"}
        if subject.label is not None:
            entry["name"] = subject.label
        if subject.scheme == "medtop" and subject.code.isdigit():
            entry["uri"] = _MEDIATOPIC + subject.code
        subjects.append(entry)
    subjects.extend({"name": keyword, "rel": "keyword"} for keyword in a.keywords)
    if a.section is not None:
        subjects.append({"name": a.section, "rel": "section"})
    if subjects:
        item["subjects"] = subjects
    if a.genre is not None:
        item["genres"] = [{"name": a.genre}]
    associations = []
    if a.lead_image is not None:
        associations.append(_figure_association(a.lead_image))
    for link in a.related:
        entry = {"name": link.title, "rel": link.relation.value, "uri": link.url}
        entry["headlines"] = [{"role": "main", "value": link.title}]
        if link.description is not None:
            entry["descriptions"] = [{"role": "summary", "value": link.description}]
        entry["representationType"] = "partial"
        associations.append(entry)
    if associations:
        item["associations"] = associations
    if a.canonical_url is not None:
        item["altIds"] = [{"role": "canonical", "value": a.canonical_url}]
    return item


def _place(dateline: Dateline) -> dict[str, Any]:
    place: dict[str, Any] = {"name": dateline.place, "rel": "dateline"}
    if dateline.country_code is not None:
        place["uri"] = _COUNTRY_URI + dateline.country_code.lower()
    if dateline.geo is not None:
        point = [dateline.geo.longitude, dateline.geo.latitude]
        place["geoJSON"] = {"type": "Point", "coordinates": point}
    return place


def _collection(collection: Collection, version: str) -> dict[str, Any]:
    item: dict[str, Any] = {"uri": collection.id, "type": "composite"}
    item["standard"] = {"name": "ninjs", "version": version, "schema": SCHEMA_URIS[version]}
    item["language"] = collection.language
    item["headlines"] = [{"role": "main", "contentType": "text/plain", "value": collection.title}]
    if collection.description is not None:
        item["descriptions"] = [
            {"role": "summary", "contentType": "text/plain", "value": collection.description}
        ]
    if collection.date is not None:
        item["contentCreated"] = _when(dt.datetime.combine(collection.date, dt.time(), dt.UTC))
    if collection.publisher is not None:
        item["organisations"] = [_org(collection.publisher, "publisher")]
    item["associations"] = [
        {"name": f"article{number}", "rel": "article", **_article(article)}
        for number, article in enumerate(collection.articles, 1)
    ]
    return item


def _to_2x(value: Any) -> Any:
    """3.x property names to 2.x; 2.x associations have no ``rel``, so it becomes ``name``."""
    if isinstance(value, dict):
        found = {_TO_2X.get(k, k.lower()): _to_2x(v) for k, v in value.items()}
        for association in found.get("associations", []):
            rel = association.pop("rel", None)
            if rel is not None:
                association["name"] = rel
        return found
    if isinstance(value, list):
        return [_to_2x(v) for v in value]
    return value


def write(
    document: Article | Collection, options: NinjsOptions | None = None, /, **given: Any
) -> bytes:
    """The registry's writer: ninjs JSON (UTF-8). ``version`` is ``"3.1"`` or ``"2.2"``.

    >>> from newsdoc import Article
    >>> import json
    >>> item = json.loads(write(Article(id="urn:newsdoc:1", headline="Hi"), version="2.2"))
    >>> item["pubstatus"], item["standard"]["version"]  # ninjs 2.2 spells names in lower case
    ('usable', '2.2')
    """
    settings = resolve(NinjsOptions, "ninjs", options, given)
    flags = orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE if settings.indent else 0
    return orjson.dumps(to_dict(document, version=settings.version), option=flags)


# ====================================================================== reading


def _to_3x(value: Any) -> Any:
    if isinstance(value, dict):
        return {_FROM_2X.get(k, k): _to_3x(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_to_3x(v) for v in value]
    return value


def read(
    data: bytes,
    options: NinjsOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article | Collection:
    """The registry's reader: a ninjs text item gives an Article, a composite a Collection.

    >>> item = b'{"uri": "urn:x:1", "type": "text", "headlines": [{"role": "main", "value": "Hi"}]}'
    >>> read(item).headline
    'Hi'
    """
    resolve(NinjsOptions, "ninjs", options, given)
    try:
        item = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _problem(source, f"not valid JSON: {exc.msg}") from None
    if type(item) is not dict or "uri" not in item:
        raise _problem(source, "not a ninjs item: expected a JSON object with a 'uri'")
    return from_dict(item, source=source)


def _problem(source: str | None, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def from_dict(item: dict[str, Any], *, source: str | None = None) -> Article | Collection:
    """Build an article (or a collection, from a composite) from ninjs JSON data."""
    item = _to_3x(item)
    for association in item.get("associations", []):
        if isinstance(association, dict) and "rel" not in association:
            association["rel"] = association.get("name")
    kind = item.get("type", "text")
    try:
        if kind == "composite" and any(
            a.get("rel") == "article" for a in item.get("associations", [])
        ):
            return _read_collection(item, source)
        if kind not in ("text", "composite"):
            raise _problem(
                source, f"the ninjs item is of type {kind!r}; newsdoc reads text items only"
            )
        return _read_article(item, source)
    except InvalidDocumentError:
        raise
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise _problem(source, f"the ninjs item cannot be read as an article: {exc}") from None


def _str(value: Any) -> str | None:
    return value if type(value) is str and C.text().test(value) else None


def _parse_when(value: Any) -> dt.datetime | None:
    if type(value) is not str:
        return None
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def _id(value: Any, source: str | None) -> str:
    if type(value) is not str or not value.strip():
        raise _problem(source, "the ninjs item has no uri")
    value = value.strip()
    return value if C.uri().test(value) else "urn:ninjs:" + urllib.parse.quote(value, safe="")


def _read_org(entry: dict[str, Any]) -> Organization | None:
    name = _str(entry.get("name")) or _str(entry.get("literal"))
    if name is None:
        return None
    url = next(
        (c.get("value") for c in entry.get("contactInfo", []) if c.get("type") == "web"), None
    )
    uri = entry.get("uri")
    return Organization(
        name=name,
        url=url if C.http_url().test(url) else None,
        id=uri if C.uri().test(uri) else None,
    )


def _parse_html(html: str) -> tuple[Element, bool]:
    """The body's elements inside an XHTML ``div``; ``exact`` when newsdoc wrote it."""
    wrapped = f'<div xmlns="{XHTML_NS}">{html}</div>'.encode()
    try:
        root = parse(wrapped)
    except InvalidDocumentError:
        from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

        root = lxml_html.fragment_fromstring(html, create_parent="div")
        for element in root.iter():
            if isinstance(element.tag, str):
                element.tag = f"{{{XHTML_NS}}}{element.tag}"
        return root, False
    own = len(root) == 1 and root[0].get("class") == _BODY_CLASS
    return (root[0] if own else root), own


def _read_body(bodies: list[dict[str, Any]]) -> tuple[tuple[Section, ...], Figure | None]:
    html = next(
        (
            b
            for b in bodies
            if "html" in str(b.get("contentType", "")) or b.get("role") in ("html", "richtext")
        ),
        None,
    )
    if html is not None and type(html.get("value")) is str:
        root, exact = _parse_html(html["value"])
        codec = BodyCodec(nitf=False)
        lead = None
        for child in root:
            if isinstance(child.tag, str) and child.get("class") == "lead-image":
                lead = codec.read_figure(child, exact=exact)
        return tuple(codec.read_sections(root, exact=exact)), lead
    plain = next((b for b in bodies if type(b.get("value")) is str), None)
    if plain is None:
        return (), None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", plain["value"]) if p.strip()]
    if not paragraphs:
        return (), None
    from newsdoc.model.blocks import Paragraph

    blocks: list[Any] = [Paragraph(content=p) for p in paragraphs]
    return (Section(blocks=blocks),), None


def _read_inline_html(value: str) -> tuple[Inline, ...]:
    root, _ = _parse_html(value)
    return InlineCodec(XHTML_NS).read(root, exact=True)


def _read_figure(entry: dict[str, Any]) -> Figure | None:
    rendition: dict[str, Any] = next(iter(entry.get("renditions", [])), {})
    src = rendition.get("href") or next(
        (a.get("value") for a in entry.get("altIds", []) if a.get("role") == "path"), None
    )
    if not C.resource().test(src):
        return None
    caption: Any = None
    alt = None
    for description in entry.get("descriptions", []):
        if description.get("role") == "caption" and type(description.get("value")) is str:
            if "html" in description.get("contentType", ""):
                caption = _read_inline_html(description["value"]) or None
            else:
                caption = _str(description["value"])
        elif description.get("role") == "alt" and type(description.get("value")) is str:
            alt = description["value"]
    media_type = rendition.get("contentType")
    width, height = rendition.get("width"), rendition.get("height")
    return Figure(
        src=str(src),
        alt=alt or "",
        caption=caption,
        credit=_str(entry.get("by")),
        width=width if type(width) is int and width >= 1 else None,
        height=height if type(height) is int and height >= 1 else None,
        media_type=media_type if C.media_type().test(media_type) else None,
    )


def _read_article(item: dict[str, Any], source: str | None) -> Article:
    for association in item.get("associations", []):
        if isinstance(association, dict) and "rel" not in association:
            association["rel"] = association.get("name")
    fields: dict[str, Any] = {"id": _id(item.get("uri"), source)}
    version = item.get("version")
    if type(version) is str and version.isdigit() and int(version) >= 1:
        fields["version"] = int(version)
    headline = subheadline = None
    for entry in item.get("headlines", []):
        value = _str(entry.get("value"))
        if entry.get("role") in ("sub", "subheadline", "subtitle"):
            subheadline = subheadline or value
        elif headline is None:
            headline = value
    headline = headline or _str(item.get("title")) or _str(item.get("slugline"))
    if headline is None:
        raise _problem(source, "the ninjs item has no headline (headlines, title or slugline)")
    fields["headline"], fields["subheadline"] = headline, subheadline
    key_points = []
    for entry in item.get("descriptions", []):
        role, value = entry.get("role"), entry.get("value")
        if role == "keyPoint" and type(value) is str:
            text = _read_inline_html(value) if "html" in entry.get("contentType", "") else value
            if text:
                key_points.append(KeyPoint(text=text))
        elif role in ("summary", "abstract", "text", None) and "summary" not in fields:
            fields["summary"] = _str(value)
    fields["key_points"] = tuple(key_points)
    fields["published"] = _parse_when(item.get("firstCreated"))
    fields["updated"] = _parse_when(item.get("versionCreated"))
    fields["created"] = _parse_when(item.get("contentCreated"))
    fields["embargo"] = _parse_when(item.get("embargoedUntil"))
    if item.get("pubStatus") in {s.value for s in PubStatus}:
        fields["status"] = PubStatus(item["pubStatus"])
    urgency = item.get("urgency")
    if isinstance(urgency, int | float) and urgency == int(urgency) and 1 <= urgency <= 9:
        fields["urgency"] = int(urgency)
    language = item.get("language")
    if type(language) is str and C.language().test(language):
        fields["language"] = language
    rights = {
        "holder": _str(item.get("copyrightHolder")),
        "notice": _str(item.get("copyrightNotice")),
        "usage_terms": _str(item.get("usageTerms")),
        "license_url": item.get("rightsInfo", {}).get("linkedRights"),
    }
    if not C.http_url().test(rights["license_url"]):
        rights["license_url"] = None
    if any(v is not None for v in rights.values()):
        fields["rights"] = Rights(**rights)
    fields["bylines"] = tuple(
        Person(name=p["name"], url=p.get("uri") if C.http_url().test(p.get("uri")) else None)
        for p in item.get("people", [])
        if p.get("rel", "author") in ("author", "creator", "by") and _str(p.get("name"))
    )
    if not fields["bylines"] and _str(item.get("by")):
        fields["bylines"] = (Person(name=item["by"]),)
    publisher = next(
        (o for o in item.get("organisations", []) if o.get("rel") == "publisher"), None
    )
    fields["publisher"] = _read_org(publisher) if publisher else None
    info = next(iter(item.get("infoSources", [])), None)
    fields["source"] = _read_org(info) if info else None
    fields["dateline"] = _read_dateline(item)
    subjects, keywords = [], []
    for entry in item.get("subjects", []):
        rel, name = entry.get("rel"), _str(entry.get("name"))
        if rel == "keyword" and name:
            keywords.append(name)
        elif rel == "section" and name:
            fields["section"] = name
        else:
            subject = _read_subject(entry)
            if subject is not None:
                subjects.append(subject)
    fields["subjects"], fields["keywords"] = tuple(subjects), tuple(keywords)
    genre = next(iter(item.get("genres", [])), None)
    if genre is not None:
        fields["genre"] = _str(genre.get("name")) or _str(genre.get("literal"))
    related, lead = [], None
    for entry in item.get("associations", []):
        if entry.get("rel") == "leadImage" or (lead is None and entry.get("type") == "picture"):
            lead = lead or _read_figure(entry)
        elif entry.get("rel") in {r.value for r in Relation} and C.http_url(allow_urn=True).test(
            entry.get("uri")
        ):
            first: dict[str, Any] = next(iter(entry.get("descriptions", [])), {})
            description = first.get("value")
            title = next((_str(h.get("value")) for h in entry.get("headlines", [])), None)
            related.append(
                RelatedLink(
                    url=entry["uri"],
                    title=title or _str(entry.get("name")) or entry["uri"],
                    relation=Relation(entry["rel"]),
                    description=_str(description),
                )
            )
    fields["related"] = tuple(related)
    canonical = next(
        (a.get("value") for a in item.get("altIds", []) if a.get("role") == "canonical"), None
    )
    fields["canonical_url"] = canonical if C.http_url().test(canonical) else None
    sections, body_lead = _read_body(item.get("bodies", []))
    fields["sections"] = sections
    fields["lead_image"] = body_lead or lead
    return Article(**{k: v for k, v in fields.items() if v is not None})


def _read_subject(entry: dict[str, Any]) -> Subject | None:
    label = _str(entry.get("name"))
    literal, uri = entry.get("literal"), entry.get("uri")
    if type(literal) is str and ":" in literal:
        scheme, code = literal.split(":", 1)
        if scheme and code:
            return Subject(scheme=urllib.parse.unquote(scheme), code=code, label=label)
    if type(uri) is str and uri.startswith(_MEDIATOPIC):
        return Subject(scheme="medtop", code=uri[len(_MEDIATOPIC) :], label=label)
    if type(uri) is str and C.uri().test(uri):
        return Subject(scheme="uri", code=uri, label=label)
    if label is not None:
        return Subject(scheme="literal", code=label if not literal else str(literal), label=label)
    return None


def _read_dateline(item: dict[str, Any]) -> Dateline | None:
    places = item.get("places", [])
    place = next((p for p in places if p.get("rel") == "dateline"), None)
    if place is None:
        located = _str(item.get("located"))
        return Dateline(place=located) if located else None
    country = None
    uri = place.get("uri")
    if type(uri) is str and uri.startswith(_COUNTRY_URI) and C.country().test(uri[-2:].upper()):
        country = uri[-2:].upper()
    geo = None
    shape = place.get("geoJSON")
    if isinstance(shape, dict) and shape.get("type") == "Point":
        longitude, latitude = shape["coordinates"][:2]
        geo = GeoPoint(latitude=latitude, longitude=longitude)
    name = _str(place.get("name")) or _str(item.get("located"))
    return Dateline(place=name, country_code=country, geo=geo) if name else None


def _read_collection(item: dict[str, Any], source: str | None) -> Collection:
    articles = tuple(
        _read_article({k: v for k, v in a.items() if k not in ("name", "rel")}, source)
        for a in item["associations"]
        if a.get("rel") == "article"
    )
    carried: Any = articles
    title = next((_str(h.get("value")) for h in item.get("headlines", [])), None)
    description = next(
        (_str(d.get("value")) for d in item.get("descriptions", []) if d.get("role") == "summary"),
        None,
    )
    created = _parse_when(item.get("contentCreated"))
    publisher = next(
        (o for o in item.get("organisations", []) if o.get("rel") == "publisher"), None
    )
    language = item.get("language")
    return Collection(
        id=_id(item.get("uri"), source),
        title=title or articles[0].headline,
        articles=carried,
        date=created.date() if created is not None else None,
        publisher=_read_org(publisher) if publisher else None,
        description=description,
        language=str(language) if C.language().test(language) else "en",
    )
