"""The article and what surrounds it: metadata, key points, related links, rights, corrections.

:class:`Article` is the one model every reader produces and every writer consumes;
:class:`Collection` groups articles into an edition or digest that EPUB, PDF and NewsML-G2
export as one file. All classes are immutable attrs classes, keyword-only and validated when
they are built, so a value that exists is a valid one.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable

import attrs

from newsdoc.language import direction_of
from newsdoc.model import checks as C
from newsdoc.model.blocks import Direction, Figure, Person, Section
from newsdoc.model.inline import INLINES, Inline, to_inlines

__all__ = [
    "Article",
    "Collection",
    "Correction",
    "CorrectionKind",
    "Dateline",
    "GeoPoint",
    "KeyPoint",
    "Organization",
    "PubStatus",
    "Relation",
    "RelatedLink",
    "Rights",
    "Subject",
]

_OPT_TEXT = C.text().or_none()
_OPT_LINE = C.line().or_none()
_OPT_URL = C.http_url().or_none()
_OPT_WHEN = C.aware_datetime().or_none()
_OPT_DATE = C.date().or_none()


# Converters named per item type, so users' typed code passes lists of them.
def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return C.to_tuple(value)


def _people(value: Iterable[Person]) -> tuple[Person, ...]:
    return C.to_tuple(value)


def _subjects(value: Iterable[Subject]) -> tuple[Subject, ...]:
    return C.to_tuple(value)


def _sections(value: Iterable[Section]) -> tuple[Section, ...]:
    return C.to_tuple(value)


def _key_points(value: Iterable[KeyPoint]) -> tuple[KeyPoint, ...]:
    return C.to_tuple(value)


def _related(value: Iterable[RelatedLink]) -> tuple[RelatedLink, ...]:
    return C.to_tuple(value)


def _corrections(value: Iterable[Correction]) -> tuple[Correction, ...]:
    return C.to_tuple(value)


def _articles(value: Iterable[Article]) -> tuple[Article, ...]:
    return C.to_tuple(value)


class Relation(enum.StrEnum):
    """How a related link relates to the article.

    >>> RelatedLink(url="https://example.org/a", title="Earlier", relation="read-also").relation
    <Relation.READ_ALSO: 'read-also'>
    """

    RELATED = "related"
    READ_ALSO = "read-also"
    LATEST = "latest"
    SOURCE = "source"
    CORRECTION_OF = "correction-of"
    TRANSLATION_OF = "translation-of"
    PREVIOUS_VERSION = "previous-version"


class CorrectionKind(enum.StrEnum):
    """What a published change to an article was.

    >>> import datetime as dt
    >>> when = dt.datetime(2026, 5, 5, 12, 0, tzinfo=dt.timezone.utc)
    >>> Correction(date=when, text="Fixed a name.", kind="clarification").kind
    <CorrectionKind.CLARIFICATION: 'clarification'>
    """

    CORRECTION = "correction"
    CLARIFICATION = "clarification"
    UPDATE = "update"


class PubStatus(enum.StrEnum):
    """Publication status, as in IPTC's ``stat:`` codes.

    >>> Article(id="urn:newsdoc:1", headline="Held back", status="withheld").status
    <PubStatus.WITHHELD: 'withheld'>
    """

    USABLE = "usable"
    WITHHELD = "withheld"
    CANCELED = "canceled"


@attrs.frozen(kw_only=True)
class Organization:
    """A publisher, news agency or other organisation.

    >>> Organization(name="Caucasus Daily Wire", url="https://wire.example.org/").name
    'Caucasus Daily Wire'
    """

    name: str = attrs.field(validator=C.line())
    url: str | None = attrs.field(default=None, validator=_OPT_URL)
    id: str | None = attrs.field(default=None, validator=C.uri().or_none())


@attrs.frozen(kw_only=True)
class GeoPoint:
    """A point on the Earth, in decimal degrees (WGS 84).

    >>> Dateline(place="Yerevan", geo=GeoPoint(latitude=40.18, longitude=44.51)).geo.latitude
    40.18
    """

    latitude: float = attrs.field(validator=C.number(-90, 90))
    longitude: float = attrs.field(validator=C.number(-180, 180))


@attrs.frozen(kw_only=True)
class Dateline:
    """Where (and when) the story was filed, as in "YEREVAN, 4 May".

    >>> Dateline(place="Yerevan", country_code="AM").place
    'Yerevan'
    """

    place: str = attrs.field(validator=C.line())
    country_code: str | None = attrs.field(default=None, validator=C.country().or_none())
    geo: GeoPoint | None = attrs.field(default=None, validator=C.one_of(GeoPoint).or_none())
    date: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)


@attrs.frozen(kw_only=True)
class Subject:
    """A subject from a controlled vocabulary, such as an IPTC Media Topic.

    >>> Subject(scheme="medtop", code="11000000", label="politics").code
    '11000000'
    """

    scheme: str = attrs.field(validator=C.line())
    code: str = attrs.field(validator=C.line())
    label: str | None = attrs.field(default=None, validator=_OPT_LINE)


@attrs.frozen(kw_only=True)
class KeyPoint:
    """One of an article's numbered takeaways, optionally tagged with topics.

    >>> from newsdoc import plain_text
    >>> plain_text(KeyPoint(text="Tickets go on sale on 15 May.", topics=["prices"]).text)
    'Tickets go on sale on 15 May.'
    """

    text: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)
    topics: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=C.tuple_of_lines()
    )


@attrs.frozen(kw_only=True)
class RelatedLink:
    """A link to another piece: related, read-also, source, correction of, translation of...

    >>> link = RelatedLink(url="https://example.org/2026/05/train", title="The train returns")
    >>> link.relation
    <Relation.RELATED: 'related'>
    """

    url: str = attrs.field(validator=C.http_url(allow_urn=True))
    title: str = attrs.field(validator=C.text())
    relation: Relation = attrs.field(
        default=Relation.RELATED, converter=Relation, validator=C.one_of(Relation)
    )
    description: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    date: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)


@attrs.frozen(kw_only=True)
class Rights:
    """Copyright and licensing: who holds it, the notice, usage terms and a licence URL.

    >>> Rights(holder="Caucasus Daily Wire", usage_terms="No resale.").usage_terms
    'No resale.'
    """

    holder: str | None = attrs.field(default=None, validator=_OPT_LINE)
    notice: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    usage_terms: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    license_url: str | None = attrs.field(default=None, validator=_OPT_URL)


@attrs.frozen(kw_only=True)
class Correction:
    """A dated, published change to the article: a correction, clarification or update.

    >>> import datetime as dt
    >>> fix = Correction(
    ...     date=dt.datetime(2026, 5, 5, 11, 45, tzinfo=dt.timezone(dt.timedelta(hours=4))),
    ...     text="An earlier version gave the wrong departure time.",
    ... )
    >>> fix.kind
    <CorrectionKind.CORRECTION: 'correction'>
    """

    date: dt.datetime = attrs.field(validator=C.aware_datetime())
    text: str = attrs.field(validator=C.text())
    kind: CorrectionKind = attrs.field(
        default=CorrectionKind.CORRECTION,
        converter=CorrectionKind,
        validator=C.one_of(CorrectionKind),
    )


@attrs.frozen(kw_only=True)
class Article:
    """A news article: its metadata and its body.

    Only ``id`` and ``headline`` are required. Date-times must carry a time zone. ``language``
    is a BCP 47 tag, and :attr:`direction` follows from it. ``slug`` is the short working
    label a newsroom files the story under (NewsML-G2's and ninjs' slugline,
    ``rail-night-train``), on one line.

    >>> import datetime as dt
    >>> from newsdoc import Paragraph
    >>> a = Article(
    ...     id="urn:newsdoc:example:1",
    ...     headline="Rain returns to Yerevan",
    ...     published=dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=4))),
    ...     sections=[Section(blocks=[Paragraph(content="The drought ended on Monday.")])],
    ... )
    >>> a.direction
    <Direction.LTR: 'ltr'>
    """

    id: str = attrs.field(validator=C.uri())
    headline: str = attrs.field(validator=C.text())
    version: int = attrs.field(default=1, validator=C.integer(1))
    subheadline: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    slug: str | None = attrs.field(default=None, validator=_OPT_LINE)
    summary: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    bylines: tuple[Person, ...] = attrs.field(
        default=(), converter=_people, validator=C.tuple_of(Person)
    )
    dateline: Dateline | None = attrs.field(default=None, validator=C.one_of(Dateline).or_none())
    created: dt.datetime | None = attrs.field(default=None, validator=_OPT_WHEN)
    published: dt.datetime | None = attrs.field(default=None, validator=_OPT_WHEN)
    updated: dt.datetime | None = attrs.field(default=None, validator=_OPT_WHEN)
    language: str = attrs.field(default="en", validator=C.language())
    section: str | None = attrs.field(default=None, validator=_OPT_LINE)
    genre: str | None = attrs.field(default=None, validator=_OPT_LINE)
    subjects: tuple[Subject, ...] = attrs.field(
        default=(), converter=_subjects, validator=C.tuple_of(Subject)
    )
    keywords: tuple[str, ...] = attrs.field(
        default=(), converter=_texts, validator=C.tuple_of_lines()
    )
    lead_image: Figure | None = attrs.field(default=None, validator=C.one_of(Figure).or_none())
    sections: tuple[Section, ...] = attrs.field(
        default=(), converter=_sections, validator=C.tuple_of(Section)
    )
    key_points: tuple[KeyPoint, ...] = attrs.field(
        default=(), converter=_key_points, validator=C.tuple_of(KeyPoint)
    )
    related: tuple[RelatedLink, ...] = attrs.field(
        default=(), converter=_related, validator=C.tuple_of(RelatedLink)
    )
    publisher: Organization | None = attrs.field(
        default=None, validator=C.one_of(Organization).or_none()
    )
    source: Organization | None = attrs.field(
        default=None, validator=C.one_of(Organization).or_none()
    )
    canonical_url: str | None = attrs.field(default=None, validator=_OPT_URL)
    rights: Rights | None = attrs.field(default=None, validator=C.one_of(Rights).or_none())
    corrections: tuple[Correction, ...] = attrs.field(
        default=(), converter=_corrections, validator=C.tuple_of(Correction)
    )
    embargo: dt.datetime | None = attrs.field(default=None, validator=_OPT_WHEN)
    urgency: int | None = attrs.field(default=None, validator=C.integer(1, 9).or_none())
    status: PubStatus = attrs.field(
        default=PubStatus.USABLE, converter=PubStatus, validator=C.one_of(PubStatus)
    )

    @property
    def direction(self) -> Direction:
        """The text direction of the article's language."""
        return Direction(direction_of(self.language))


@attrs.frozen(kw_only=True)
class Collection:
    """A group of articles published together: an edition, a digest, a dossier.

    >>> one = Article(id="urn:newsdoc:1", headline="First")
    >>> two = Article(id="urn:newsdoc:2", headline="Second")
    >>> edition = Collection(id="urn:newsdoc:ed:1", title="Morning edition", articles=[one, two])
    >>> [a.headline for a in edition.articles]
    ['First', 'Second']
    """

    id: str = attrs.field(validator=C.uri())
    title: str = attrs.field(validator=C.text())
    articles: tuple[Article, ...] = attrs.field(
        converter=_articles, validator=C.tuple_of(Article, min_items=1)
    )
    date: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)
    publisher: Organization | None = attrs.field(
        default=None, validator=C.one_of(Organization).or_none()
    )
    description: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    language: str = attrs.field(default="en", validator=C.language())

    @property
    def direction(self) -> Direction:
        """The text direction of the collection's language."""
        return Direction(direction_of(self.language))
