"""NITF of any 3.x version, with or without a namespace, read into the model's head parts.

Agencies still send NITF 3.2 to 3.5, some in the 2006 namespace of NITF 3.4+
(``http://iptc.org/std/NITF/2006-10-18/``), some in none, some in a namespace of their own
(``http://iptc.org/std/NITF/3.5``...). The elements are the same. :func:`as_nitf36` gives a
copy of such a tree with every NITF element moved into the 2006 namespace, so that one set of
rules (:class:`~newsdoc.markup.body.BodyCodec` in NITF mode, and the functions here) reads
them all.

- :func:`is_nitf` says whether an element is an ``nitf`` root in a NITF namespace or none;
- :func:`read_head` reads a ``body.head``: ``hedline`` (``hl1``, ``hl2``), ``byline``,
  ``dateline`` (``location``, ``story.date``) and ``abstract``;
- :func:`read_content` reads a ``body.content``: its sections and lead picture;
- :func:`nitf_body` writes an article's ``nitf`` element (``body.head`` and ``body.content``),
  the body of NewsML-G2 items and of NITF files.

>>> from newsdoc.markup.xml import parse
>>> root = parse(b'<nitf><body><body.head><hedline><hl1>Ferry  back</hl1></hedline>'
...              b'</body.head></body></nitf>')
>>> is_nitf(root), read_head(as_nitf36(root).find(f"{N}body/{N}body.head"), exact=False)
(True, {'headline': 'Ferry back'})
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.body_parts import clean_text
from newsdoc.markup.inline import NITF_NS
from newsdoc.markup.xml import XML_NS, Element, etree, qname
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Dateline
from newsdoc.model.blocks import Figure, Person, Section

__all__ = [
    "N",
    "as_nitf36",
    "is_nitf",
    "nitf_date",
    "nitf_body",
    "read_content",
    "read_head",
    "split_tag",
    "tidy_names",
]

#: The 2006 NITF namespace in Clark notation, to prefix local names (``f"{N}hl1"``).
N = f"{{{NITF_NS}}}"
_NITF_NAMESPACE = re.compile(r"nitf", re.IGNORECASE)
_NORM = re.compile(r"^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2})(?::?(\d{2}))?)?(.*)$")


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9._\-]*\Z")


def split_tag(tag: str) -> tuple[str, str]:
    """The namespace (``""`` for none) and local name of a Clark-notation tag, without
    lxml's checks (which refuse some names XML allows)."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        return namespace, local
    return "", tag


def _namespace(element: Element) -> str:
    return split_tag(element.tag)[0] if isinstance(element.tag, str) else ""


def is_nitf(element: Element) -> bool:
    """Whether ``element`` is an ``nitf`` root, in no namespace or one that names NITF."""
    if not isinstance(element.tag, str):
        return False
    namespace, local = split_tag(element.tag)
    return local == "nitf" and (not namespace or _NITF_NAMESPACE.search(namespace) is not None)


def tidy_names(root: Element, moved: set[str], into: str) -> None:
    """Move the elements of ``root`` in the namespaces ``moved`` into ``into`` (``""``: no
    namespace), in place; an element whose name lxml cannot handle (such as one with U+0085)
    becomes a ``span``, which keeps its text (reported)."""
    odd = False
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        namespace, local = split_tag(element.tag)
        if not _NAME.match(local):
            local, odd = "span", True
        if namespace in moved:
            namespace = into
        tag = f"{{{namespace}}}{local}" if namespace else local
        if tag != element.tag:
            element.tag = tag
    if odd:
        warn("elements with names newsdoc cannot handle read as text", code="unmapped")


def as_nitf36(root: Element) -> Element:
    """A copy of the NITF tree ``root`` with its elements in the NITF 3.6 namespace.

    Elements in ``root``'s own namespace (or in none, when ``root`` has none) are moved;
    elements of other namespaces stay as they are.
    """
    made = copy.deepcopy(root)
    tidy_names(made, {_namespace(root)}, NITF_NS)
    etree.cleanup_namespaces(made)
    return made


def _text(element: Element | None, *, exact: bool) -> str | None:
    if element is None:
        return None
    return clean_text("".join(element.itertext()), exact=exact) or None


def nitf_date(value: str | None) -> dt.datetime | None:
    """The date-time of a NITF ``norm`` attribute (ISO 8601, basic or extended:
    ``20260314T093000+0100``, ``2026-03-14T09:30:00Z``); a date alone is midnight UTC, a time
    without an offset is UTC. ``None`` when the value is no date.

    >>> nitf_date("20260314T093000+0100").isoformat()
    '2026-03-14T09:30:00+01:00'
    """
    if not value:
        return None
    exact = C.parse_datetime(value.strip())
    if exact is not None:
        return exact
    found = _NORM.match(value.strip())
    if found is None:
        return None
    year, month, day, hour, minute, second, zone = found.groups()
    zone = zone.strip()
    if zone and zone != "Z":
        zone_match = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", zone)
        if zone_match is None:
            return None
        zone = f"{zone_match[1]}{zone_match[2]}:{zone_match[3]}"
    text = f"{year}-{month}-{day}T{hour or '00'}:{minute or '00'}:{second or '00'}{zone or 'Z'}"
    return C.parse_datetime(text)


def _bylines(head: Element, *, exact: bool) -> tuple[Person, ...]:
    people = []
    for byline in head.findall(f"{N}byline"):
        person = _text(byline.find(f"{N}person"), exact=exact)
        title_el = byline.find(f"{N}byttl")
        role = affiliation = None
        if title_el is not None:
            org = title_el.find(f"{N}org")
            affiliation = _text(org, exact=exact)
            bare = copy.deepcopy(title_el)
            for child in bare.findall(f"{N}org"):
                bare.remove(child)
            role = _text(bare, exact=exact)
            if role is not None and affiliation is not None:  # "role, <org>"
                role = (role.removesuffix(", ") if exact else role.rstrip(" ,")) or None
        if person is None:
            text = _text(byline, exact=False)
            title = _text(title_el, exact=False)
            if text is not None and title is not None:
                text = text.replace(title, "").strip(" ,")
            if text and text.lower().startswith("by "):
                text = text[3:].strip()
            person = text or None
        if person is not None:
            people.append(Person(name=person, role=role, affiliation=affiliation))
    return tuple(people)


def _dateline(head: Element, *, exact: bool) -> Dateline | None:
    element = head.find(f"{N}dateline")
    if element is None:
        return None
    place = _text(element.find(f"{N}location"), exact=exact)
    date = None
    story = element.find(f"{N}story.date")
    if story is not None:
        when = nitf_date(story.get("norm"))
        date = when.date() if when is not None else None
    if place is None:  # a dateline as one line of text: the place before the date
        bare = copy.deepcopy(element)
        for child in bare.findall(f"{N}story.date"):
            bare.remove(child)
        place = _text(bare, exact=False)
        if place is not None and "," in place and any(c.isdigit() for c in place.rsplit(",")[-1]):
            place = place.rsplit(",", 1)[0]  # "JAÉN, 15 mar": the date after the last comma
        if place is not None:
            place = place.strip(" ,-–—") or None
    if place is None:
        return None
    return Dateline(place=place, date=date)


def read_head(head: Element | None, *, exact: bool) -> dict[str, Any]:
    """The model's fields a NITF 3.6 ``body.head`` gives: ``headline``, ``subheadline``,
    ``bylines``, ``dateline`` and ``summary``, each only when present."""
    if head is None:
        return {}
    found: dict[str, Any] = {}
    hedline = head.find(f"{N}hedline")
    if hedline is not None:
        found["headline"] = _text(hedline.find(f"{N}hl1"), exact=exact)
        subheads = [_text(e, exact=exact) for e in hedline.findall(f"{N}hl2")]
        found["subheadline"] = next((s for s in subheads if s), None)
    found["bylines"] = _bylines(head, exact=exact) or None
    found["dateline"] = _dateline(head, exact=exact)
    abstract = head.find(f"{N}abstract")
    if abstract is not None:
        paragraphs = [_text(p, exact=exact) for p in abstract.findall(f"{N}p")]
        text = "\n\n".join(p for p in paragraphs if p) if paragraphs else None
        found["summary"] = text or _text(abstract, exact=exact)
    return {k: v for k, v in found.items() if v is not None}


def read_content(
    container: Element | None, *, exact: bool
) -> tuple[tuple[Section, ...], Figure | None]:
    """The sections and lead picture (a ``media`` of class ``lead-image``) of a NITF 3.6
    ``body.content``."""
    if container is None:
        return (), None
    codec = BodyCodec(nitf=True)
    lead = None
    for child in container:
        if isinstance(child.tag, str) and child.get("class") == "lead-image":
            lead = codec.read_figure(child, exact=exact)
            break
    return tuple(codec.read_sections(container, exact=exact)), lead


def nitf_body(article: Article) -> Element:
    """The article's NITF 3.6 ``nitf`` element: its head, lead image and sections."""
    codec = BodyCodec(nitf=True)
    nitf = etree.Element(codec.tag("nitf"), nsmap={None: NITF_NS})
    nitf.set(qname(XML_NS, "lang"), article.language)
    body = codec.sub(nitf, "body")
    head = codec.sub(body, "body.head")
    hedline = codec.sub(head, "hedline")
    codec.sub(hedline, "hl1").text = article.headline
    if article.subheadline is not None:
        codec.sub(hedline, "hl2").text = article.subheadline
    for person in article.bylines:
        byline = codec.sub(head, "byline")
        codec.sub(byline, "person").text = person.name
        if person.role is not None or person.affiliation is not None:
            title = codec.sub(byline, "byttl")
            title.text = person.role
            if person.affiliation is not None:
                if person.role is not None:
                    title.text = f"{person.role}, "
                codec.sub(title, "org").text = person.affiliation
    if article.dateline is not None:
        dateline = codec.sub(head, "dateline")
        codec.sub(dateline, "location").text = article.dateline.place
        if article.dateline.date is not None:
            day = article.dateline.date
            date = codec.sub(dateline, "story.date", {"norm": f"{day:%Y%m%d}T000000"})
            date.text = day.isoformat()
    if article.summary is not None:
        codec.sub(codec.sub(head, "abstract"), "p").text = article.summary
    content = codec.sub(body, "body.content")
    if article.lead_image is not None:
        codec.write_figure(content, article.lead_image, css="lead-image")
    codec.write_sections(content, article.sections)
    return nitf
