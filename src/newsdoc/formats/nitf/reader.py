"""The NITF reader: a NITF 3.x document (any version, any namespace or none) to an article.

What goes where is in ``docs/mapping.md``; in short:

- ``head/docdata``: ``doc-id/@id-string`` the id, ``urgency/@ed-urg``, ``date.issue`` the
  publication date, ``date.release`` the embargo (from other tools only when later than
  ``date.issue``; with no ``date.issue`` it is the publication date), ``du-key`` (``@version``
  the version, ``@key`` the slug), ``doc.copyright/@holder`` and ``doc.rights`` (holder,
  ``@limitations`` the usage terms),
  ``key-list/keyword`` the keywords, ``identified-content``: ``classifier`` the subjects,
  people, organisations, places, events and titles the keywords; ``@management-status``;
- ``head/tobject``: ``@tobject.type`` the genre, ``tobject.subject`` subjects;
  ``head/pubdata``: ``@name`` the publisher, ``@position.section`` the section; ``head/title``
  the headline when ``hl1`` is missing;
- ``body.head``: headline, subheadline, bylines, dateline, summary
  (:func:`newsdoc.markup.nitf.read_head`), ``distributor`` the source;
- ``body.content``: the sections and lead picture (:class:`~newsdoc.markup.body.BodyCodec`).

Everything else that holds something (``ed-msg``, ``series``, ``note``, ``body.end``...) is
reported with a warning naming where it was.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, InvalidDocumentError, Problem, excerpt
from newsdoc.formats.nitf.options import NitfOptions
from newsdoc.limits import check_input
from newsdoc.markup.body_parts import clean_text
from newsdoc.markup.inline import XML_LANG
from newsdoc.markup.nitf import (
    N,
    as_nitf36,
    is_nitf,
    nitf_date,
    read_content,
    read_head,
    split_tag,
)
from newsdoc.markup.xml import Element, etree, parse, refuse
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Organization, PubStatus, Rights, Subject
from newsdoc.model.measure import check_document
from newsdoc.options import resolve

__all__ = ["GENERATOR", "read", "read_nitf"]

#: The ``meta name="generator"`` content of newsdoc's own NITF (read back exactly).
GENERATOR = "newsdoc"
_STATUS = {"usable": PubStatus.USABLE, "withheld": PubStatus.WITHHELD}
_STATUS |= {"canceled": PubStatus.CANCELED, "cancelled": PubStatus.CANCELED}
_INDEX_TERMS = ("person", "org", "location", "event", "function", "object.title", "virtloc")
_HEAD_READ = frozenset({"title", "meta", "tobject", "docdata", "pubdata"})
_BODY_HEAD_READ = frozenset({"hedline", "byline", "dateline", "abstract", "distributor"})
_DOCDATA_READ = frozenset(
    {"doc-id", "urgency", "date.issue", "date.release", "du-key", "doc.copyright"}
    | {"doc.rights", "key-list", "identified-content"}
)


def read(
    data: bytes,
    options: NitfOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: the article of a NITF document. Raises
    :class:`~newsdoc.errors.InvalidDocumentError` for what it cannot read.

    >>> article = read(b'<nitf><head><docdata><doc-id id-string="urn:x:1"/></docdata></head>'
    ...                b'<body><body.head><hedline><hl1>Ferry back</hl1></hedline></body.head>'
    ...                b'<body.content><p>It runs.</p></body.content></body></nitf>')
    >>> article.id, article.headline, len(article.sections)
    ('urn:x:1', 'Ferry back', 1)
    """
    settings = resolve(NitfOptions, "nitf", options, given)
    check_input(data, source)
    root = parse(data, source=source)
    if not is_nitf(root):
        raise refuse(
            "not a NITF document: the root element is " + excerpt(split_tag(root.tag)[1]),
            source,
        )
    fallback = settings.id or "urn:newsdoc:sha1:" + hashlib.sha1(data).hexdigest()
    try:
        article = read_nitf(
            as_nitf36(root), fallback_id=fallback, id_given=settings.id is not None, source=source
        )
    except FieldError as exc:  # a value the model refuses, named by its field
        problem = Problem(exc.field, f"the NITF document cannot be read: {exc.detail}")
        raise InvalidDocumentError([problem], source) from None
    check_document(article, source)
    return article


def _text(element: Element | None, *, exact: bool) -> str | None:
    if element is None:
        return None
    return clean_text("".join(element.itertext()), exact=exact) or None


def _attribute(element: Element | None, name: str) -> str | None:
    if element is None:
        return None
    value = element.get(name)
    return value if value is not None and value.strip() else None


def _when(element: Element | None, where: str) -> dt.datetime | None:
    value = _attribute(element, "norm")
    if value is None:
        return None
    found = nitf_date(value)
    if found is None:
        warn(f"{excerpt(value)} is not a date-time; left out", code="dropped", where=where)
    return found


def _id(docdata: Element | None, fallback: str, given: bool) -> str:
    doc_id = _attribute(docdata.find(f"{N}doc-id") if docdata is not None else None, "id-string")
    if doc_id is None:
        if not given:
            warn(f"the document has no doc-id; {excerpt(fallback)} used", code="assumed")
        return fallback
    doc_id = doc_id.strip()
    made, note = C.id_from(doc_id, "nitf")
    if note is not None:
        warn(note, code="assumed", where="docdata/doc-id/@id-string")
    return made


def _language(root: Element, body: Element | None) -> str:
    for element in (root, body):
        value = element.get(XML_LANG) if element is not None else None
        if value and C.language().test(value):
            return str(value)
        if value:
            warn(f"{excerpt(value)} is not a BCP 47 language tag", code="dropped", where="@lang")
    warn("the document names no language; 'en' assumed", code="assumed", where="nitf/@xml:lang")
    return "en"


def _unread(parent: Element | None, skip: frozenset[str], where: str) -> None:
    """Report every child of ``parent`` not in ``skip`` that holds text or attributes."""
    if parent is None:
        return
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        local = split_tag(child.tag)[1]
        if local in skip:
            continue
        said = _text(child, exact=False) or " ".join(f"{k}={v}" for k, v in child.items())
        if said:
            warn(
                f"<{local}> {excerpt(said)} has no place in the model; left out",
                code="dropped",
                where=f"{where}/{local}",
            )


def _subjects_and_keywords(
    head: Element, docdata: Element | None, *, exact: bool
) -> tuple[list[Subject], list[str]]:
    subjects: list[Subject] = []
    keywords: list[str] = []
    for subject in head.iterfind(f"{N}tobject/{N}tobject.subject"):
        code = _attribute(subject, "tobject.subject.refnum")
        if code is None:
            continue
        scheme = _attribute(subject, "tobject.subject.ipr") or "iptc"
        label = _attribute(subject, "tobject.subject.detail") or _attribute(
            subject, "tobject.subject.matter"
        )
        subjects.append(Subject(scheme=scheme, code=code, label=label))
    if docdata is None:
        return subjects, keywords
    for keyword in docdata.iterfind(f"{N}key-list/{N}keyword"):
        value = _attribute(keyword, "key") or _text(keyword, exact=exact)
        if value is not None and C.line().test(value):
            keywords.append(value)
    for content in docdata.iterfind(f"{N}identified-content"):
        for child in content:
            if not isinstance(child.tag, str):
                continue
            local = split_tag(child.tag)[1]
            text = _text(child, exact=exact)
            if local == "classifier":
                code = _attribute(child, "value")
                scheme = _attribute(child, "idsrc") or _attribute(child, "type") or "nitf"
                if code is not None:
                    subjects.append(Subject(scheme=scheme, code=code, label=text))
                    continue
            if local in (*_INDEX_TERMS, "classifier") and text and C.line().test(text):
                keywords.append(text)
    return subjects, keywords


def _rights(docdata: Element | None, *, exact: bool) -> Rights | None:
    if docdata is None:
        return None
    copyright_el = docdata.find(f"{N}doc.copyright")
    rights_el = docdata.find(f"{N}doc.rights")
    holder = _attribute(copyright_el, "holder") or _attribute(rights_el, "owner")
    terms = _attribute(rights_el, "limitations")
    if holder is None and terms is None:
        return None
    if not exact:
        holder = " ".join(holder.split()) if holder else None
        terms = " ".join(terms.split()) if terms else None
    return Rights(holder=holder or None, usage_terms=terms or None)


def _dates(docdata: Element | None, fields: dict[str, Any], *, own: bool) -> None:
    if docdata is None:
        return
    issued = _when(docdata.find(f"{N}date.issue"), "docdata/date.issue/@norm")
    release = _when(docdata.find(f"{N}date.release"), "docdata/date.release/@norm")
    fields["published"] = issued
    if own:
        fields["embargo"] = release
    elif issued is None:
        fields["published"] = release
    elif release is not None and release > issued:
        fields["embargo"] = release
    expire = docdata.find(f"{N}date.expire")
    if _attribute(expire, "norm"):
        warn("the expiry date is not read", code="unmapped", where="docdata/date.expire")


def _status(docdata: Element | None, fields: dict[str, Any]) -> None:
    value = _attribute(docdata, "management-status")
    if value is None:
        return
    status = _STATUS.get(value.strip().lower())
    if status is not None:
        fields["status"] = status
    elif value.strip().lower() != "embargoed":  # the embargo is date.release
        warn(
            f"unknown status {excerpt(value)}; 'usable' assumed",
            code="assumed",
            where="docdata/@management-status",
        )


def _number(value: str | None, low: int, high: int, where: str) -> int | None:
    if value is None:
        return None
    number = C.parse_int(value, low, high)
    if number is None:
        warn(
            f"{excerpt(value)} is not a whole number from {low} to {high}; left out",
            code="dropped",
            where=where,
        )
    return number


def read_nitf(
    root: Element, *, fallback_id: str, id_given: bool = False, source: str | None = None
) -> Article:
    """The article of a NITF 3.6 ``nitf`` element (see :func:`~newsdoc.markup.nitf.as_nitf36`
    for other versions); ``fallback_id`` is its id when it has no ``doc-id`` (reported,
    unless the caller gave it: ``id_given``)."""
    head = root.find(f"{N}head")
    if head is None:
        head = etree.Element(f"{N}head")
    own = any(
        m.get("name") == "generator" and m.get("content") == GENERATOR
        for m in head.findall(f"{N}meta")
    )
    exact = own
    body = root.find(f"{N}body")
    body_head = body.find(f"{N}body.head") if body is not None else None
    docdata = head.find(f"{N}docdata")
    fields: dict[str, Any] = read_head(body_head, exact=exact)
    if "headline" not in fields:
        fields["headline"] = _text(head.find(f"{N}title"), exact=exact)
    if fields["headline"] is None:
        raise refuse("the NITF document has no headline (hedline/hl1 or head/title)", source)
    fields["id"] = _id(docdata, fallback_id, given=id_given)
    fields["language"] = _language(root, body)
    urgency = docdata.find(f"{N}urgency") if docdata is not None else None
    fields["urgency"] = _number(_attribute(urgency, "ed-urg"), 1, 9, "docdata/urgency/@ed-urg")
    du_key = docdata.find(f"{N}du-key") if docdata is not None else None
    version = _attribute(du_key, "version")
    fields["version"] = _number(version, 1, C.MAX_INT, "docdata/du-key/@version")
    key = _attribute(du_key, "key")
    fields["slug"] = " ".join(key.split()) if key is not None else None
    _dates(docdata, fields, own=own)
    _status(docdata, fields)
    subjects, keywords = _subjects_and_keywords(head, docdata, exact=exact)
    fields["subjects"], fields["keywords"] = tuple(subjects), tuple(keywords)
    fields["rights"] = _rights(docdata, exact=exact)
    tobject = head.find(f"{N}tobject")
    fields["genre"] = _attribute(tobject, "tobject.type")
    pubdata = head.find(f"{N}pubdata")
    name = _attribute(pubdata, "name")
    fields["publisher"] = Organization(name=name) if name else None
    fields["section"] = _attribute(pubdata, "position.section")
    if body_head is not None:
        distributor = _text(body_head.find(f"{N}distributor"), exact=exact)
        fields["source"] = Organization(name=distributor) if distributor else None
    if body is not None:
        fields["sections"], fields["lead_image"] = read_content(
            body.find(f"{N}body.content"), exact=exact
        )
    _unread(head, _HEAD_READ, "head")
    _unread(docdata, _DOCDATA_READ | {"date.expire"}, "docdata")
    _unread(body_head, _BODY_HEAD_READ, "body.head")
    if body is not None:
        _unread(body.find(f"{N}body.end"), frozenset(), "body.end")
    return Article(**{k: v for k, v in fields.items() if v is not None})
