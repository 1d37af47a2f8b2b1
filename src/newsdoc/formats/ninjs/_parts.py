"""Reading the parts of a ninjs item: its id, version, organisations, pictures, subjects,
related links and dateline, each from one JSON object (see :mod:`newsdoc.formats.ninjs`).
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Any

from newsdoc.errors import excerpt
from newsdoc.formats.ninjs._access import Node
from newsdoc.formats.ninjs._bodies import read_inline_html
from newsdoc.formats.ninjs.common import COUNTRY_URI, MEDIATOPIC
from newsdoc.markup.json_text import json_type
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Dateline,
    GeoPoint,
    Organization,
    RelatedLink,
    Relation,
    Subject,
)
from newsdoc.model.blocks import Figure

__all__ = [
    "read_dateline",
    "read_figure",
    "read_id",
    "read_org",
    "read_related",
    "read_subject",
    "read_version",
    "rel",
]

#: IPTC scheme URIs and the qcode aliases newsdoc gives their codes.
_SCHEMES = {
    MEDIATOPIC: "medtop",
    "http://cv.iptc.org/newscodes/subjectcode/": "subj",
    "http://cv.iptc.org/newscodes/genre/": "genre",
}
_SUBJECT_CODE = re.compile(r"\d{8}")


def rel(node: Node) -> str | None:
    """An association's relation (ninjs 2.x names it by ``name``)."""
    return node.string("rel") if node.has("rel") else node.string("name")


def read_id(node: Node) -> str:
    value = node.string("uri")
    if value is None or not value.strip():
        node.fail("uri", "the ninjs item has no uri")
    value = value.strip()
    if C.uri().test(value):
        return value
    note = C.bad_char_note(value)
    if note is not None:
        node.fail("uri", note)
    made, assumed = C.id_from(value, "ninjs")
    if assumed is not None:
        node.assume("uri", assumed)
    return made


def read_org(node: Node) -> Organization | None:
    name = node.line("name") or node.line("literal")
    if name is None:
        return None
    url = next(
        (c.url("value", C.http_url()) for c in node.nodes("contactInfo") if c.get("type") == "web"),
        None,
    )
    return node.make(None, Organization, name=name, url=url, id=node.url("uri", C.uri()))


def read_figure(entry: Node) -> Figure | None:
    """A picture association as a figure: its ``original`` rendition (else its first), its
    caption (``caption`` description, else a summary one, as 1.x's ``description_text``)
    and alternative text (``alt`` description, else Superdesk's ``body_text``)."""
    renditions = entry.nodes("renditions")
    original = [r for r in renditions if r.get("name") == "original"]
    rendition = next(iter(original or renditions), None)
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
        if value is None:
            continue
        if role == "caption" or (caption is None and role in (None, "summary", "text")):
            if "html" in (description.string("contentType") or ""):
                caption = read_inline_html(description, "value") or None
            else:
                caption = value
        elif role == "alt":
            alt = value
    if alt is None:
        alt = next(
            (b.text("value") for b in entry.nodes("bodies") if b.get("role") == "text"), None
        )
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


def read_version(item: Node) -> int | None:
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


def read_related(entry: Node, rel: str) -> RelatedLink | None:
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


def read_subject(entry: Node, guessed: list[str] | None = None) -> Subject | None:
    """A subject from its ``literal`` (``scheme:code``), its ``uri``, 1.x's and Superdesk's
    ``scheme`` and ``code``, or its name alone. An eight-digit code with no scheme (as
    Superdesk gives IPTC subject codes) is read as ``subj``, its path added to ``guessed``."""
    label = entry.line("name")
    code = entry.line("code")
    if code is not None:
        scheme = entry.line("scheme")
        if scheme is not None:
            scheme = _SCHEMES.get(scheme.rstrip("/#") + "/", scheme)
        elif _SUBJECT_CODE.fullmatch(code):
            scheme = "subj"
            if guessed is not None:
                guessed.append(entry.path)
        return entry.make("code", Subject, scheme=scheme or "literal", code=code, label=label)
    literal, uri = entry.line("literal"), entry.string("uri")
    if literal is not None and ":" in literal:
        scheme, code = literal.split(":", 1)
        if scheme and code:
            scheme = urllib.parse.unquote(scheme)
            return entry.make("literal", Subject, scheme=scheme, code=code, label=label)
    if uri is not None and uri.startswith(MEDIATOPIC):
        code = uri[len(MEDIATOPIC) :]
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


def read_dateline(item: Node) -> Dateline | None:
    place = next((p for p in item.nodes("places") if p.get("rel") == "dateline"), None)
    if place is None:
        located = item.line("located")
        return Dateline(place=located) if located else None
    country = None
    uri = place.string("uri")
    if uri is not None and uri.startswith(COUNTRY_URI) and C.country().test(uri[-2:].upper()):
        country = uri[-2:].upper()
    geo = _read_geo(place)
    name = place.line("name") or item.line("located")
    if name is None:
        if geo is not None or country is not None:
            place.drop("name", "a dateline place with no name")
        return None
    return Dateline(place=name, country_code=country, geo=geo)
