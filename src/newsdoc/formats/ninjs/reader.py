"""The ninjs reader: a text item to an article, a composite to a collection.

See :mod:`newsdoc.formats.ninjs` for the mapping. Every value is taken through
:class:`~newsdoc.formats.ninjs._access.Node`: a value of the wrong JSON type is an error
naming its path, and a value newsdoc cannot use (an impossible date, urgency 42, a
coordinate that is not a number, version ``"-3"``) is left out or replaced with a warning
that says so. An object with the same key twice is refused, as in newsdoc JSON.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.formats.json._input import check_json
from newsdoc.formats.ninjs._access import Node, json_type
from newsdoc.formats.ninjs._common import (
    _BODY_CLASS,
    _COUNTRY_URI,
    _FROM_2X,
    _MEDIATOPIC,
)
from newsdoc.formats.ninjs.options import NinjsOptions
from newsdoc.limits import check_document, check_input
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.inline import XHTML_NS, InlineCodec
from newsdoc.markup.xml import Element, check_tree_depth, etree, parse
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
from newsdoc.model.blocks import Figure, Paragraph, Person, Section
from newsdoc.model.inline import Inline
from newsdoc.options import resolve

_STATUSES = {s.value for s in PubStatus}
_HTML_NAME = re.compile(r"[A-Za-z][A-Za-z0-9\-]{0,40}")
_RELATIONS = {r.value for r in Relation}


def _to_3x(value: Any, path: str, source: str | None) -> Any:
    """2.x property names to 3.x ones; a name given both ways in one object is refused."""
    if type(value) is dict:
        found: dict[str, Any] = {}
        for key, item in value.items():
            name: str = _FROM_2X.get(key) or key
            where = f"{path}.{name}" if path else name
            if name in found:
                raise InvalidDocumentError(
                    [Problem(where, f"given twice, as {name!r} and as {excerpt(key)}")], source
                )
            found[name] = _to_3x(item, where, source)
        return found
    if type(value) is list:
        return [_to_3x(v, f"{path}[{i}]", source) for i, v in enumerate(value)]
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
    check_input(data, source)
    item = check_json(data, source)
    if type(item) is not dict or "uri" not in item:
        raise _problem(source, "not a ninjs item: expected a JSON object with a 'uri'")
    document = from_dict(item, source=source)
    check_document(document, source)
    return document


def _problem(source: str | None, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def from_dict(item: dict[str, Any], *, source: str | None = None) -> Article | Collection:
    """Build an article (or a collection, from a composite) from ninjs JSON data."""
    if type(item) is not dict:
        raise _problem(source, f"not a ninjs item: expected an object, got {json_type(item)}")
    root = Node(_to_3x(item, "", source), "", source)
    kind = root.string("type") or "text"
    if kind == "composite" and any(_rel(a) == "article" for a in root.nodes("associations")):
        return _read_collection(root)
    if kind not in ("text", "composite"):
        root.fail(
            "type", f"the ninjs item is of type {excerpt(kind)}; newsdoc reads text items only"
        )
    return _read_article(root)


def _rel(node: Node) -> str | None:
    """An association's relation (ninjs 2.x names it by ``name``)."""
    return node.string("rel") if node.has("rel") else node.string("name")


def _id(node: Node) -> str:
    value = node.string("uri")
    if value is None or not value.strip():
        node.fail("uri", "the ninjs item has no uri")
    value = value.strip()
    if C.uri().test(value):
        return value
    note = C.bad_char_note(value)
    if note is not None:
        node.fail("uri", note)
    made = "urn:ninjs:" + urllib.parse.quote(value, safe="")
    node.assume("uri", f"{excerpt(value)} is not an absolute URI; {excerpt(made)} used as the id")
    return made


def _read_org(node: Node) -> Organization | None:
    name = node.line("name") or node.line("literal")
    if name is None:
        return None
    url = next(
        (c.url("value", C.http_url()) for c in node.nodes("contactInfo") if c.get("type") == "web"),
        None,
    )
    return node.make(None, Organization, name=name, url=url, id=node.url("uri", C.uri()))


def _parse_html(html: str, node: Node, key: str) -> tuple[Element, bool]:
    """The body's elements inside an XHTML ``div``; ``exact`` when newsdoc wrote it."""
    wrapped = f'<div xmlns="{XHTML_NS}">{html}</div>'.encode("utf-8", "replace")
    try:
        root = parse(wrapped, source=node.source)
    except InvalidDocumentError as exc:
        if any("nested more than" in p.message for p in exc.problems):
            raise
        return _parse_loose_html(html, node, key), False
    own = len(root) == 1 and root[0].get("class") == _BODY_CLASS
    return (root[0] if own else root), own


def _parse_loose_html(html: str, node: Node, key: str) -> Element:
    """HTML that is not well-formed XML, read as a browser would."""
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    clean = C.strip_bad_chars(html)
    if clean != html:
        warn(f"{C.bad_char_note(html)}: left out of the HTML", code="dropped", where=node.at(key))
    try:
        root = lxml_html.fragment_fromstring(clean, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        node.fail(key, "the HTML cannot be read")
    check_tree_depth(root, node.source)
    for element in root.iter():
        if isinstance(element.tag, str):
            # A name HTML allows and XML does not becomes a span: its text is kept.
            name = element.tag if _HTML_NAME.fullmatch(element.tag) else "span"
            element.tag = f"{{{XHTML_NS}}}{name}"
    return root


def _read_body(item: Node) -> tuple[tuple[Section, ...], Figure | None]:
    bodies = item.nodes("bodies")
    html = next(
        (
            b
            for b in bodies
            if "html" in (b.string("contentType") or "") or b.string("role") in ("html", "richtext")
        ),
        None,
    )
    if html is not None and html.string("value") is not None:
        root, exact = _parse_html(html.string("value") or "", html, "value")
        codec = BodyCodec(nitf=False)
        lead = None
        for child in root:
            if isinstance(child.tag, str) and child.get("class") == "lead-image":
                lead = codec.read_figure(child, exact=exact)
        return tuple(codec.read_sections(root, exact=exact)), lead
    plain = next((b for b in bodies if b.string("value") is not None), None)
    if plain is None:
        return (), None
    value = plain.string("value") or ""
    clean = C.strip_bad_chars(value)
    if clean != value:
        warn(f"{C.bad_char_note(value)}: left out", code="dropped", where=plain.at("value"))
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", clean) if p.strip()]
    if not paragraphs:
        return (), None
    blocks: list[Any] = [Paragraph(content=p) for p in paragraphs]
    return (Section(blocks=blocks),), None


def _read_inline_html(node: Node, key: str) -> tuple[Inline, ...]:
    root, _ = _parse_html(node.string(key) or "", node, key)
    return InlineCodec(XHTML_NS).read(root, exact=True)


def _read_figure(entry: Node) -> Figure | None:
    rendition = next(iter(entry.nodes("renditions")), None)
    src = rendition.string("href") if rendition is not None else None
    if not src:
        paths = (a.string("value") for a in entry.nodes("altIds") if a.get("role") == "path")
        src = next(paths, None)
    if src is None:
        entry.drop("renditions", "the picture names no href or path")
        return None
    if not C.resource().test(src):
        entry.drop("renditions", C.resource().detail(src))
        return None
    caption: Any = None
    alt = None
    for description in entry.nodes("descriptions"):
        role, value = description.string("role"), description.text("value")
        if role == "caption" and value is not None:
            if "html" in (description.string("contentType") or ""):
                caption = _read_inline_html(description, "value") or None
            else:
                caption = value
        elif role == "alt" and value is not None:
            alt = value
    width = height = media_type = None
    if rendition is not None:
        media_type = rendition.string("contentType")
        if media_type is not None and not C.media_type().test(media_type):
            rendition.drop("contentType", C.media_type().detail(media_type))
            media_type = None
        width = rendition.whole("width", 1, C.MAX_INT)
        height = rendition.whole("height", 1, C.MAX_INT)
    return entry.make(
        None,
        Figure,
        src=src,
        alt=alt or "",
        caption=caption,
        credit=entry.text("by"),
        width=width,
        height=height,
        media_type=media_type,
    )


def _version(item: Node) -> int | None:
    value = item.get("version")
    if value is None:
        return None
    if type(value) is int:
        text = str(value) if abs(value) < 10**20 else "9" * 21
    elif type(value) is str:
        text = value
    else:
        item.fail("version", f"expected a string, got {json_type(value)}")
    number = C.parse_int(text, 1, C.MAX_INT)
    if number is None:
        item.assume(
            "version",
            f"version {excerpt(value)} is not a whole number from 1 to {C.MAX_INT}; "
            "version 1 assumed",
        )
    return number


def _read_article(item: Node) -> Article:
    fields: dict[str, Any] = {"id": _id(item), "version": _version(item)}
    headline = subheadline = None
    for entry in item.nodes("headlines"):
        value = entry.text("value")
        if entry.string("role") in ("sub", "subheadline", "subtitle"):
            subheadline = subheadline or value
        elif headline is None:
            headline = value
    headline = headline or item.text("title") or item.text("slugline")
    if headline is None:
        item.fail(None, "the ninjs item has no headline (headlines, title or slugline)")
    fields["headline"], fields["subheadline"] = headline, subheadline
    key_points = []
    for entry in item.nodes("descriptions"):
        role = entry.string("role")
        if role == "keyPoint" and entry.text("value") is not None:
            if "html" in (entry.string("contentType") or ""):
                text: Any = _read_inline_html(entry, "value")
            else:
                text = entry.text("value")
            if text:
                key_points.append(entry.make(None, KeyPoint, text=text))
        elif role in ("summary", "abstract", "text", None) and "summary" not in fields:
            fields["summary"] = entry.text("value")
    fields["key_points"] = tuple(key_points)
    fields["published"] = item.when("firstCreated")
    fields["updated"] = item.when("versionCreated")
    fields["created"] = item.when("contentCreated")
    fields["embargo"] = item.when("embargoedUntil")
    status = item.string("pubStatus")
    if status is not None and status not in _STATUSES:
        item.assume("pubStatus", f"unknown status {excerpt(status)}; 'usable' assumed")
    elif status is not None:
        fields["status"] = PubStatus(status)
    fields["urgency"] = item.whole("urgency", 1, 9)
    language = item.string("language")
    if language is not None and C.language().test(language):
        fields["language"] = language
    elif language is not None:
        item.assume("language", f"{excerpt(language)} is not a BCP 47 language tag; 'en' assumed")
    rights_info = item.node("rightsInfo")
    rights = {
        "holder": item.line("copyrightHolder"),
        "notice": item.text("copyrightNotice"),
        "usage_terms": item.text("usageTerms"),
        "license_url": rights_info.url("linkedRights", C.http_url()) if rights_info else None,
    }
    if any(v is not None for v in rights.values()):
        fields["rights"] = item.make(None, Rights, **rights)
    bylines = []
    for person in item.nodes("people"):
        name = person.line("name")
        if (person.string("rel") or "author") in ("author", "creator", "by") and name:
            url = person.url("uri", C.http_url()) if person.has("uri") else None
            bylines.append(person.make(None, Person, name=name, url=url))
    if not bylines and item.line("by"):
        bylines.append(item.make("by", Person, name=item.line("by")))
    fields["bylines"] = tuple(bylines)
    publisher = next((o for o in item.nodes("organisations") if o.get("rel") == "publisher"), None)
    fields["publisher"] = _read_org(publisher) if publisher else None
    info = next(iter(item.nodes("infoSources")), None)
    fields["source"] = _read_org(info) if info else None
    fields["dateline"] = _read_dateline(item)
    subjects, keywords = [], []
    for entry in item.nodes("subjects"):
        rel, name = entry.string("rel"), entry.line("name")
        if rel == "keyword" and name:
            keywords.append(name)
        elif rel == "section" and name:
            fields["section"] = name
        else:
            subject = _read_subject(entry)
            if subject is not None:
                subjects.append(subject)
    fields["subjects"], fields["keywords"] = tuple(subjects), tuple(keywords)
    genre = next(iter(item.nodes("genres")), None)
    if genre is not None:
        fields["genre"] = genre.line("name") or genre.line("literal")
    related, lead = [], None
    for entry in item.nodes("associations"):
        rel = _rel(entry)
        if rel == "leadImage" or (lead is None and entry.get("type") == "picture"):
            lead = lead or _read_figure(entry)
        elif rel in _RELATIONS:
            found = _read_related(entry, rel)
            if found is not None:
                related.append(found)
        else:
            entry.drop("rel" if entry.has("rel") else "name", f"an association {excerpt(rel)}")
    fields["related"] = tuple(related)
    canonical = next((a for a in item.nodes("altIds") if a.get("role") == "canonical"), None)
    fields["canonical_url"] = canonical.url("value", C.http_url()) if canonical else None
    sections, body_lead = _read_body(item)
    fields["sections"] = sections
    fields["lead_image"] = body_lead or lead
    return item.make(None, Article, **{k: v for k, v in fields.items() if v is not None})


def _read_related(entry: Node, rel: str) -> RelatedLink | None:
    url = entry.url("uri", C.http_url(allow_urn=True))
    if url is None:
        return None
    first = next(iter(entry.nodes("descriptions")), None)
    title = next((h.text("value") for h in entry.nodes("headlines")), None)
    return entry.make(
        None,
        RelatedLink,
        url=url,
        title=title or entry.text("name") or url,
        relation=Relation(rel),
        description=first.text("value") if first is not None else None,
    )


def _read_subject(entry: Node) -> Subject | None:
    label = entry.line("name")
    literal, uri = entry.line("literal"), entry.string("uri")
    if literal is not None and ":" in literal:
        scheme, code = literal.split(":", 1)
        if scheme and code:
            scheme = urllib.parse.unquote(scheme)
            return entry.make("literal", Subject, scheme=scheme, code=code, label=label)
    if uri is not None and uri.startswith(_MEDIATOPIC):
        code = uri[len(_MEDIATOPIC) :]
        return entry.make("uri", Subject, scheme="medtop", code=code, label=label)
    if uri is not None and C.uri().test(uri):
        return entry.make("uri", Subject, scheme="uri", code=uri, label=label)
    if label is not None:
        code = literal or label
        return entry.make(None, Subject, scheme="literal", code=code, label=label)
    return None


def _read_geo(place: Node) -> GeoPoint | None:
    shape = place.node("geoJSON")
    if shape is None or shape.get("type") != "Point":
        return None
    coordinates = shape.get("coordinates")
    if type(coordinates) is not list:
        shape.fail("coordinates", f"expected a list, got {json_type(coordinates)}")
    point = coordinates[:2]
    if len(point) < 2 or not all(type(c) in (int, float) for c in point):
        shape.drop("coordinates", f"expected two numbers, got {excerpt(coordinates)}")
        return None
    longitude, latitude = point
    if not (C.number(-90, 90).test(latitude) and C.number(-180, 180).test(longitude)):
        shape.drop(
            "coordinates",
            f"latitude {excerpt(latitude)}, longitude {excerpt(longitude)} lie outside the Earth",
        )
        return None
    return GeoPoint(latitude=latitude, longitude=longitude)


def _read_dateline(item: Node) -> Dateline | None:
    place = next((p for p in item.nodes("places") if p.get("rel") == "dateline"), None)
    if place is None:
        located = item.line("located")
        return Dateline(place=located) if located else None
    country = None
    uri = place.string("uri")
    if uri is not None and uri.startswith(_COUNTRY_URI) and C.country().test(uri[-2:].upper()):
        country = uri[-2:].upper()
    geo = _read_geo(place)
    name = place.line("name") or item.line("located")
    if name is None:
        if geo is not None or country is not None:
            place.drop("name", "a dateline place with no name")
        return None
    return Dateline(place=name, country_code=country, geo=geo)


def _read_collection(item: Node) -> Collection:
    articles = []
    for entry in item.nodes("associations"):
        if _rel(entry) == "article":
            body = {k: v for k, v in entry.data.items() if k not in ("name", "rel")}
            articles.append(_read_article(Node(body, entry.path, entry.source)))
    carried: Any = tuple(articles)
    title = next((h.text("value") for h in item.nodes("headlines")), None)
    description = next(
        (d.text("value") for d in item.nodes("descriptions") if d.get("role") == "summary"),
        None,
    )
    created = item.when("contentCreated")
    publisher = next((o for o in item.nodes("organisations") if o.get("rel") == "publisher"), None)
    language = item.string("language")
    if language is not None and not C.language().test(language):
        item.assume("language", f"{excerpt(language)} is not a BCP 47 language tag; 'en' assumed")
        language = None
    return item.make(
        None,
        Collection,
        id=_id(item),
        title=title or articles[0].headline,
        articles=carried,
        date=created.date() if created is not None else None,
        publisher=_read_org(publisher) if publisher else None,
        description=description,
        language=language or "en",
    )
