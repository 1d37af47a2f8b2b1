"""A ninjs text item (in the 3.x shape :mod:`._dialects` gives) read into an article.

Dates are read by what they mean (``docs/mapping.md`` says the rule): ``firstCreated`` (or
Superdesk's ``firstpublished``) is when the story was first published, ``versionCreated``
when this version was, and so an update only when it differs; ``contentCreated`` is when the
content was made. People, organisations, places, events and objects the item is about or
mentions are its subjects. What the model has no place for is reported, property by
property, unless it is bookkeeping of the transmission (profile, priority, counts).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.formats.ninjs._access import Node
from newsdoc.formats.ninjs._bodies import Body, read_bodies, read_inline_html
from newsdoc.formats.ninjs._parts import (
    read_dateline,
    read_figure,
    read_id,
    read_org,
    read_related,
    read_subject,
    read_version,
    rel,
)
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Article,
    Dateline,
    KeyPoint,
    Organization,
    PubStatus,
    Relation,
    Rights,
    Subject,
)
from newsdoc.model.blocks import Figure, Person
from newsdoc.model.inline import plain_text

__all__ = ["read_article"]

_STATUSES = {s.value for s in PubStatus}
_RELATIONS = {r.value for r in Relation}
_AUTHORS = (None, "author", "creator", "by")
_SUBHEADS = ("sub", "subheadline", "subtitle", "subhead")
_SUMMARIES = ("summary", "abstract", "text", "teaser", "lead", "description", None)
_LEADS = ("leadImage", "featuremedia", "featureimage", "mainpic", "main")
# Properties the reader maps (its own and those of the dialects, see _dialects).
_READ = frozenset(
    [
        "uri",
        "guid",
        "type",
        "version",
        "headlines",
        "title",
        "slugline",
        "descriptions",
        "firstCreated",
        "versionCreated",
        "contentCreated",
        "firstPublished",
        "embargoedUntil",
        "pubStatus",
        "urgency",
        "language",
        "rightsInfo",
        "copyrightHolder",
        "copyrightNotice",
        "usageTerms",
        "people",
        "by",
        "organisations",
        "infoSources",
        "source",
        "located",
        "places",
        "subjects",
        "events",
        "objects",
        "service",
        "genres",
        "associations",
        "altIds",
        "bodies",
        "standard",
    ]
)
# Bookkeeping of the transmission: nothing a reader of the article misses.
_SILENT = frozenset(
    [
        "profile",
        "priority",
        "representationType",
        "mimetype",
        "charCount",
        "wordCount",
        "readtime",
        "$schema",
        "renditions",
        "digitalSourceType",
        "signal",
        "evolvedfrom",
        "rewrite_of",
        "rewrite_sequence",
        "family_id",
        "original_id",
        "products",
    ]
)
_WHAT = {
    "edNote": "an editorial note for the receiving newsroom",
    "expires": "the date the item expires",
    "extra": "the provider's own fields",
    "headline": "a headline given besides headlines",
    "plannedCoverage": "planned coverage",
    "eventDetails": "event details",
    "trustIndicators": "trust indicators",
    "annotations": "annotations",
}


def read_article(item: Node, *, own: bool = False) -> Article:
    """The article of ``item``; ``own`` when newsdoc wrote it (its dates map one to one)."""
    fields: dict[str, Any] = {"id": read_id(item), "version": read_version(item)}
    headline, subheadline = _headlines(item)
    summary = _descriptions(item, fields)
    people = _people(item)
    known = " ".join(x for x in (headline, subheadline, summary, item.string("by")) if x)
    known += " " + " ".join(p.name for p in people) + " " + (item.string("located") or "")
    body = read_bodies(item, headline, known)
    headline = headline or item.text("title") or body.head.headline or item.text("slugline")
    if headline is None:
        item.fail(None, "the ninjs item has no headline (headlines, title or slugline)")
    fields["headline"] = headline
    fields["subheadline"] = subheadline or body.head.subheadline
    fields["slug"] = _slug(item)
    fields["summary"] = summary or body.head.summary
    fields.update(_dates(item, own=own, version=fields["version"]))
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
    elif not own:
        item.assume("language", "the item gives no language; 'en' assumed")
    fields["rights"] = _rights(item)
    if not people and item.line("by"):
        people.append(item.make("by", Person, name=item.line("by")))
    elif not people and body.head.byline:
        people.append(Person(name=body.head.byline))
    fields["bylines"] = tuple(people)
    fields.update(_organisations(item))
    fields["dateline"] = read_dateline(item)
    if fields["dateline"] is None and body.head.dateline:
        fields["dateline"] = item.make(None, Dateline, place=body.head.dateline)
    fields.update(_subjects(item))
    genre = next(iter(item.nodes("genres")), None)
    if genre is not None:
        fields["genre"] = genre.line("name") or genre.line("literal")
    fields.update(_associations(item, body))
    canonical = next((a for a in item.nodes("altIds") if a.get("role") == "canonical"), None)
    fields["canonical_url"] = canonical.url("value", C.http_url()) if canonical else None
    fields["sections"] = body.sections
    _report_unread(item, headline)
    return item.make(None, Article, **{k: v for k, v in fields.items() if v is not None})


def _slug(item: Node) -> str | None:
    """The slugline as the slug; one that is not usable text is left out, with a warning (a
    working label is no reason to refuse the story)."""
    value = item.get("slugline")
    if value is None:
        return None
    if type(value) is not str or C.bad_char_note(value) is not None:
        item.drop("slugline", f"a slugline that is not usable text ({excerpt(str(value))})")
        return None
    return item.line("slugline")


def _headlines(item: Node) -> tuple[str | None, str | None]:
    headline = subheadline = None
    for entry in item.nodes("headlines"):
        value = entry.text("value")
        role = entry.string("role")
        if value is None:
            continue
        if role in _SUBHEADS and subheadline is None:
            subheadline = value
        elif role not in _SUBHEADS and headline is None:
            headline = value
        elif value.split() not in ((headline or "").split(), (subheadline or "").split()):
            warn(
                f"a further headline (role {excerpt(role)}) the model has no place for; left out",
                code="unmapped",
                where=entry.at("value"),
            )
    return headline, subheadline


def _descriptions(item: Node, fields: dict[str, Any]) -> str | None:
    """The summary (the first plain description of a summary role) and the key points."""
    key_points: list[KeyPoint] = []
    summary: str | None = None
    for entry in item.nodes("descriptions"):
        role = entry.string("role")
        value = entry.text("value")
        if value is None:
            continue
        html = "html" in (entry.string("contentType") or "")
        if role == "keyPoint":
            text: Any = read_inline_html(entry, "value") if html else value
            if text:
                key_points.append(entry.make(None, KeyPoint, text=text))
            continue
        words = plain_text(read_inline_html(entry, "value")) if html else value
        if summary is None and role in _SUMMARIES:
            summary = " ".join(words.split()) if html else value
        elif words.split() != (summary or "").split():
            warn(
                f"a further description (role {excerpt(role)}) the model has no place for; "
                "left out",
                code="unmapped",
                where=entry.at("value"),
            )
    fields["key_points"] = tuple(key_points)
    return summary


def _dates(item: Node, *, own: bool, version: int | None) -> dict[str, dt.datetime | None]:
    first = item.when("firstCreated")
    latest = item.when("versionCreated")
    content = item.when("contentCreated")
    fields = {"embargo": item.when("embargoedUntil")}
    if own:
        return fields | {"published": first, "updated": latest, "created": content}
    issued = item.when("firstPublished")
    published = issued or first
    created = content or (first if issued is not None else None)
    if published is None and latest is not None:
        published = latest
        if version is not None and version > 1:
            item.assume(
                "versionCreated",
                f"version {version} names no first publication: its versionCreated is read "
                "as the publication date",
            )
    updated = latest if latest is not None and latest != published else None
    return fields | {"published": published, "updated": updated, "created": created}


def _rights(item: Node) -> Rights | None:
    info = item.node("rightsInfo")
    rights = {
        "holder": item.line("copyrightHolder"),
        "notice": item.text("copyrightNotice"),
        "usage_terms": item.text("usageTerms"),
        "license_url": info.url("linkedRights", C.http_url()) if info else None,
    }
    if all(v is None for v in rights.values()):
        return None
    return item.make(None, Rights, **rights)


def _people(item: Node) -> list[Person]:
    bylines = []
    for person in item.nodes("people"):
        name = person.line("name")
        if person.string("rel") in _AUTHORS and name:
            url = person.url("uri", C.http_url()) if person.has("uri") else None
            bylines.append(person.make(None, Person, name=name, url=url))
    return bylines


def _organisations(item: Node) -> dict[str, Organization | None]:
    publisher = next((o for o in item.nodes("organisations") if o.get("rel") == "publisher"), None)
    sources = item.nodes("infoSources")
    source = read_org(sources[0]) if sources else None
    for extra in sources[1:]:
        extra.drop("name", "a further source the model has no place for")
    if source is None and item.line("source"):
        source = item.make("source", Organization, name=item.line("source"))
    return {"publisher": read_org(publisher) if publisher else None, "source": source}


def _subjects(item: Node) -> dict[str, Any]:
    """Subjects, keywords and the section; the people, organisations, places, events and
    objects the item is about or mentions are subjects too."""
    subjects: list[Subject] = []
    keywords: list[str] = []
    sections: list[Node] = []
    guessed: list[str] = []
    for entry in item.nodes("subjects"):
        relation, name = entry.string("rel"), entry.line("name")
        if relation == "keyword" and name:
            keywords.append(name)
        elif relation == "section" and name:
            sections.append(entry)
        else:
            subject = read_subject(entry, guessed)
            if subject is not None:
                subjects.append(subject)
    for key, what, skip in (
        ("people", "person", _AUTHORS),
        ("organisations", "organisation", ("publisher",)),
        ("places", "place", ("dateline",)),
        ("events", "event", ()),
        ("objects", "object", ()),
    ):
        for entry in item.nodes(key):
            relation = entry.string("rel")
            if relation in skip:
                continue
            if relation not in (None, "about", "mentions", "subject", "classifies"):
                entry.drop("rel", f"a {what} of relation {excerpt(relation)}")
                continue
            subject = read_subject(entry, guessed)
            if subject is not None and subject not in subjects:
                subjects.append(subject)
    if len(guessed) == 1:
        warn(
            "an eight-digit code with no scheme read as an IPTC subject code (subj)",
            code="assumed",
            where=guessed[0],
        )
    elif guessed:
        warn(
            f"{len(guessed)} eight-digit codes with no scheme read as IPTC subject codes "
            f"(subj), from {guessed[0]} on",
            code="assumed",
            where="subjects",
        )
    sections += [s for s in item.nodes("service") if s.line("name")]
    for extra in sections[1:]:
        extra.drop("name", "a further section or category the model has no place for")
    section = sections[0].line("name") if sections else None
    return {"subjects": tuple(subjects), "keywords": tuple(keywords), "section": section}


def _associations(item: Node, body: Body) -> dict[str, Any]:
    """Related links and the lead picture; a picture the body already shows is not also
    the lead picture."""
    shown = {
        block.src
        for section in body.sections
        for block in section.blocks
        if isinstance(block, Figure)
    }
    if body.lead_image is not None:
        shown.add(body.lead_image.src)
    related, lead = [], body.lead_image
    for entry in item.nodes("associations"):
        relation = rel(entry)
        picture = entry.get("type") in ("picture", "graphic") or relation in _LEADS
        if picture:
            named = [r.get("href") for r in entry.nodes("renditions")] + [entry.get("uri")]
            named += [a.get("value") for a in entry.nodes("altIds") if a.get("role") == "path"]
            hrefs = {h for h in named if type(h) is str}
            if hrefs & shown or lead is not None:
                if not hrefs & shown:
                    entry.drop("uri", "a further picture the model has no place for")
                continue
            lead = read_figure(entry)
        elif relation in _RELATIONS:
            found = read_related(entry, relation or "")
            if found is not None:
                related.append(found)
        else:
            entry.drop("rel" if entry.has("rel") else "name", f"an association {excerpt(relation)}")
    return {"related": tuple(related), "lead_image": lead}


def _report_unread(item: Node, headline: str) -> None:
    """Say which properties of the item the article has no place for."""
    for key, value in item.data.items():
        if value is None or value in ("", [], {}) or key in _SILENT:
            continue
        if key == "title":
            if type(value) is str and value.split() == headline.split():
                continue  # it served as the headline, or repeats it
        elif key in _READ:
            continue
        what = _WHAT.get(key, "a property newsdoc does not know")
        if key == "title":
            what = "a title that differs from the headline"
        if key == "extra" and type(value) is dict:
            what += f" ({', '.join(excerpt(k, 20) for k in list(value)[:6])})"
        elif type(value) is str:
            what += f" {excerpt(value)}"
        warn(f"{what}; left out", code="unmapped", where=item.at(key))
