"""The ninjs writer: an article as a ninjs text item, a collection as a composite.

See :mod:`newsdoc.formats.ninjs` for the mapping.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from typing import Any

import orjson

from newsdoc.diagnostics import warn
from newsdoc.errors import ConversionError
from newsdoc.formats.ninjs.common import (
    BODY_CLASS,
    COUNTRY_URI,
    MEDIATOPIC,
    SCHEMA_URIS,
    TO_2X,
    VERSIONS,
    VOID,
)
from newsdoc.formats.ninjs.options import NinjsOptions
from newsdoc.markup.body import BodyCodec, write_xhtml_content
from newsdoc.markup.inline import XHTML_NS, InlineCodec
from newsdoc.markup.xml import etree
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Article,
    Collection,
    Dateline,
    Organization,
    Rights,
    Subject,
)
from newsdoc.model.blocks import Figure
from newsdoc.model.inline import Inline
from newsdoc.options import resolve


def _when(value: dt.datetime) -> str:
    return value.isoformat()


def body_html(article: Article) -> str:
    """The article's lead image and sections as an HTML fragment (also well-formed XML)."""
    codec = BodyCodec(nitf=False)
    wrapper = etree.Element(codec.tag("div"), {"class": BODY_CLASS})
    write_xhtml_content(codec, wrapper, article)
    for element in wrapper.iter():
        if not isinstance(element.tag, str):
            continue
        local = etree.QName(element).localname
        element.tag = local
        if local not in VOID and element.text is None and not len(element):
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
        _say_what_is_lost(document, "")
        item = _article(document)
        item["standard"] = {"name": "ninjs", "version": version, "schema": SCHEMA_URIS[version]}
    elif isinstance(document, Collection):
        item = _collection(document, version)
    else:
        raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")
    return item if version.startswith("3") else _to_2x(item)


def _say_what_is_lost(a: Article, prefix: str) -> None:
    """Warn of each field of ``a`` that ninjs has no place for (see docs/mapping.md)."""
    lost = [f"bylines[{i}].role" for i, p in enumerate(a.bylines) if p.role is not None]
    lost += [
        f"bylines[{i}].affiliation" for i, p in enumerate(a.bylines) if p.affiliation is not None
    ]
    if a.dateline is not None and a.dateline.date is not None:
        lost.append("dateline.date")
    lost += [f"key_points[{i}].topics" for i, k in enumerate(a.key_points) if k.topics]
    lost += [f"related[{i}].date" for i, r in enumerate(a.related) if r.date]
    if a.rights == Rights():
        lost.append("rights")
    for where in lost:
        warn("ninjs has no place for it; left out", code="lossy", where=prefix + where)
    if a.corrections:
        warn("written as text in edNote only", code="lossy", where=prefix + "corrections")


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
    if a.slug is not None:
        item["slugline"] = a.slug
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
            entry["uri"] = MEDIATOPIC + subject.code
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
        place["uri"] = COUNTRY_URI + dateline.country_code.lower()
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
    for number, article in enumerate(collection.articles):
        _say_what_is_lost(article, f"articles[{number}].")
    item["associations"] = [
        {"name": f"article{number}", "rel": "article", **_article(article)}
        for number, article in enumerate(collection.articles, 1)
    ]
    return item


def _to_2x(value: Any) -> Any:
    """3.x property names to 2.x; 2.x associations have no ``rel``, so it becomes ``name``."""
    if isinstance(value, dict):
        found = {TO_2X.get(k, k.lower()): _to_2x(v) for k, v in value.items()}
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
