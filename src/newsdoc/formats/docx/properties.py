"""The DOCX writer's document properties: core properties and custom ones.

Core properties (``docProps/core.xml``), which Word shows under File > Info and every
document tool reads: title (the headline), author (the bylines' names, ``;`` between),
subject (the subheadline), description (the summary), keywords, category (the section),
created, modified (in UTC, as the format wants), language, identifier (the article's id),
revision (its version), content status (its status), last modified by ``newsdoc``.

Custom properties (``docProps/custom.xml``, File > Properties > Custom in Word), written
with lxml as python-docx has no API for them: the exact values, named ``newsdoc:...``,
strings and whole numbers: the id, every date with its own UTC offset (ISO 8601), slug,
genre, section, urgency, status, canonical URL, the dateline (place, country, point, date),
the publisher and the source (name, URL, id), the subjects (``scheme:code label``), the
rights' holder and licence. A collection carries its own id, title, date and the number of
its articles, and the core properties of its articles together.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

from newsdoc.markup.xml import etree
from newsdoc.model import Article, Collection, Document, Organization

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = ["custom_values", "set_properties"]

_CUSTOM = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


def _utc(value: dt.datetime) -> dt.datetime:
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _first(*values: dt.datetime | None) -> dt.datetime | None:
    return next((v for v in values if v is not None), None)


def set_properties(word: WordDocument, document: Document) -> None:
    """The core and custom properties of ``document`` on ``word``."""
    articles = list(document.articles) if isinstance(document, Collection) else [document]
    core = word.core_properties
    names: list[str] = []
    for article in articles:
        names += [p.name for p in article.bylines if p.name not in names]
    keywords: list[str] = []
    for article in articles:
        keywords += [k for k in article.keywords if k not in keywords]
    if isinstance(document, Collection):
        core.title = document.title
        core.subject = ""
        core.comments = document.description or ""
        core.category = ""
        core.revision = 1
    else:
        core.title = document.headline
        core.subject = document.subheadline or ""
        core.comments = document.summary or ""
        core.category = document.section or ""
        core.revision = document.version
        core.content_status = document.status.value
    core.author = "; ".join(names)
    core.keywords = ", ".join(keywords)
    core.language = document.language
    core.identifier = document.id
    core.last_modified_by = "newsdoc"
    created = [_first(a.created, a.published) for a in articles]
    modified = [_first(a.updated, a.published, a.created) for a in articles]
    _date(core, "created", min((v for v in created if v is not None), default=None))
    _date(core, "modified", max((v for v in modified if v is not None), default=None))
    for name in ("lastPrinted",):
        _remove(core, name)
    _custom(word, custom_values(document))


def _remove(core: Any, name: str) -> None:
    element = core._element
    for child in list(element):
        if etree.QName(child).localname == name:
            element.remove(child)


def _date(core: Any, name: str, value: dt.datetime | None) -> None:
    if value is None:
        _remove(core, name)
    else:
        setattr(core, name, _utc(value))


def _organization(found: dict[str, str | int], key: str, who: Organization | None) -> None:
    if who is None:
        return
    found[f"newsdoc:{key}"] = who.name
    if who.url is not None:
        found[f"newsdoc:{key}_url"] = who.url
    if who.id is not None:
        found[f"newsdoc:{key}_id"] = who.id


def _article_values(article: Article) -> dict[str, str | int]:
    found: dict[str, str | int] = {"newsdoc:id": article.id, "newsdoc:version": article.version}
    for key in ("created", "published", "updated", "embargo"):
        value = getattr(article, key)
        if value is not None:
            found[f"newsdoc:{key}"] = value.isoformat()
    for key in ("slug", "section", "genre", "canonical_url", "urgency"):
        value = getattr(article, key)
        if value is not None:
            found[f"newsdoc:{key}"] = value
    found["newsdoc:status"] = article.status.value
    line = article.dateline
    if line is not None:
        found["newsdoc:dateline"] = line.place
        if line.country_code is not None:
            found["newsdoc:dateline_country"] = line.country_code
        if line.geo is not None:
            found["newsdoc:dateline_geo"] = f"{line.geo.latitude} {line.geo.longitude}"
        if line.date is not None:
            found["newsdoc:dateline_date"] = line.date.isoformat()
    _organization(found, "publisher", article.publisher)
    _organization(found, "source", article.source)
    if article.subjects:
        found["newsdoc:subjects"] = "; ".join(
            f"{s.scheme}:{s.code}" + (f" {s.label}" if s.label else "") for s in article.subjects
        )
    rights = article.rights
    if rights is not None and rights.holder is not None:
        found["newsdoc:rights_holder"] = rights.holder
    if rights is not None and rights.license_url is not None:
        found["newsdoc:license"] = rights.license_url
    return found


def custom_values(document: Document) -> dict[str, str | int]:
    """The custom properties of ``document``, by name (``newsdoc:published``...).

    >>> import newsdoc
    >>> custom_values(newsdoc.Article(id="urn:newsdoc:1", headline="Hi"))["newsdoc:id"]
    'urn:newsdoc:1'
    """
    if isinstance(document, Article):
        return _article_values(document)
    found: dict[str, str | int] = {
        "newsdoc:id": document.id,
        "newsdoc:title": document.title,
        "newsdoc:articles": len(document.articles),
    }
    if document.date is not None:
        found["newsdoc:date"] = document.date.isoformat()
    _organization(found, "publisher", document.publisher)
    for number, article in enumerate(document.articles, 1):
        found[f"newsdoc:article_{number}_id"] = article.id
    return found


def _custom(word: WordDocument, values: dict[str, str | int]) -> None:
    """``docProps/custom.xml`` with ``values``, replacing the reference document's."""
    root = etree.Element(f"{{{_CUSTOM}}}Properties", nsmap={None: _CUSTOM, "vt": _VT})
    for pid, (name, value) in enumerate(values.items(), start=2):
        element = etree.SubElement(
            root, f"{{{_CUSTOM}}}property", fmtid=_FMTID, pid=str(pid), name=name
        )
        kind = "i4" if isinstance(value, int) else "lpwstr"
        etree.SubElement(element, f"{{{_VT}}}{kind}").text = str(value)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    package = word.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype == RT.CUSTOM_PROPERTIES:
            del package.rels[rid]
    part = Part(PackURI("/docProps/custom.xml"), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)
