"""The ninjs reader: a text item to an article, a composite to a collection.

See :mod:`newsdoc.formats.ninjs` for the mapping.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from typing import Any

import orjson

from newsdoc.errors import InvalidDocumentError, Problem
from newsdoc.formats.ninjs._common import (
    _BODY_CLASS,
    _COUNTRY_URI,
    _FROM_2X,
    _MEDIATOPIC,
)
from newsdoc.formats.ninjs.options import NinjsOptions
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.inline import XHTML_NS, InlineCodec
from newsdoc.markup.xml import Element, parse
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
