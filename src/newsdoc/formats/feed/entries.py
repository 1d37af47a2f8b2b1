"""What every feed writer needs of a document, worked out once: the feed and its entries.

:func:`feed_of` turns an article or a collection into a :class:`Feed` of :class:`Entry`
values that the Atom, RSS and JSON Feed writers only have to spell:

- **content** is the article as HTML from the one HTML renderer
  (:meth:`~newsdoc.render.renderer.Renderer.content`: lead picture, key points, sections, related
  links, corrections, source and rights). A picture with a relative path is resolved against
  ``base_url``, else the article's canonical URL (a page's pictures live beside it); with
  neither it is left out, its alt text shown, with a warning;
- **dates**: ``updated`` is the article's updated, else published, else created date, else
  the collection's date, else the time of writing (a warning: Atom requires one);
  ``published`` is the published date;
- **authors** are the bylines (name and address: a byline's role and affiliation are lost,
  reported); an entry with none, in Atom, which requires authors, falls back to the feed's
  author, the publisher (a warning);
- **categories** are the subjects (code, scheme URI, label), the keywords and the section;
- the **enclosure** is the lead picture, at an absolute URL only (resolved as above);
- what no feed carries (slug, dateline, genre, urgency, embargo, a status other than usable) is
  reported as lossy.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
import urllib.parse
from collections.abc import Callable

import attrs

from newsdoc.diagnostics import warn
from newsdoc.formats.feed.options import FeedOptions
from newsdoc.model import Article, Collection, Document, Figure, PubStatus
from newsdoc.render.resources import is_remote

__all__ = [
    "MEDIATOPIC",
    "SECTION_SCHEME",
    "SUBJECT_SCHEME",
    "Author",
    "Category",
    "Enclosure",
    "Entry",
    "Feed",
    "feed_of",
    "scheme_uri",
]

#: The scheme URI of IPTC Media Topics, and of the other schemes' codes and of sections.
MEDIATOPIC = "http://cv.iptc.org/newscodes/mediatopic/"
SUBJECT_SCHEME = "urn:newsdoc:ns:codes:subject:"
SECTION_SCHEME = "urn:newsdoc:ns:section"


def scheme_uri(scheme: str) -> str:
    """The URI a subject scheme alias stands for in a feed's categories.

    >>> scheme_uri("medtop"), scheme_uri("genre")
    ('http://cv.iptc.org/newscodes/mediatopic/', 'urn:newsdoc:ns:codes:subject:genre')
    """
    return MEDIATOPIC if scheme == "medtop" else SUBJECT_SCHEME + scheme


@attrs.frozen
class Author:
    name: str
    url: str | None = None


@attrs.frozen
class Category:
    """``term`` in ``scheme`` (``None``: a keyword), shown as ``label``."""

    term: str
    scheme: str | None = None
    label: str | None = None


@attrs.frozen
class Enclosure:
    url: str
    media_type: str | None


@attrs.frozen
class Entry:
    id: str
    title: str
    link: str | None
    updated: dt.datetime
    published: dt.datetime | None
    authors: tuple[Author, ...]
    summary: str | None
    content: str
    categories: tuple[Category, ...]
    enclosure: Enclosure | None
    language: str
    article: Article


@attrs.frozen
class Feed:
    id: str
    title: str
    description: str | None
    link: str | None
    self_url: str | None
    language: str
    updated: dt.datetime
    authors: tuple[Author, ...]
    entries: tuple[Entry, ...]
    rights: str | None = None


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def _resolve(src: str, base: str | None) -> str | None:
    if is_remote(src):
        return src
    if base is None or ":" in src.split("/", 1)[0]:
        return None
    return urllib.parse.urljoin(base, src)


def _image_source(base: str | None, where: str) -> Callable[[Figure], str | None]:
    def source(figure: Figure) -> str | None:
        found = _resolve(figure.src, base)
        if found is None:
            warn(
                f"picture {figure.src!r} left out: a feed needs an absolute URL, and there is "
                "no canonical URL or base_url to resolve it against",
                code="lossy",
                where=f"{where}sections",
            )
        return found

    return source


def _lossy(article: Article, where: str) -> None:
    fields = {
        "slug": article.slug is not None,
        "dateline": article.dateline is not None,
        "genre": article.genre is not None,
        "urgency": article.urgency is not None,
        "embargo": article.embargo is not None,
        "status": article.status is not PubStatus.USABLE,
    }
    for name, present in fields.items():
        if present:
            warn("feeds have no place for it; left out", code="lossy", where=f"{where}{name}")
    for index, link in enumerate(article.related):
        if not is_remote(link.url):
            warn(
                "feeds link http(s) addresses only; this related link keeps its title alone",
                code="lossy",
                where=f"{where}related[{index}].url",
            )
    if article.subheadline is not None:
        what = "left out" if article.summary is not None else "written as the summary"
        warn(f"feeds have no subheadline; {what}", code="lossy", where=f"{where}subheadline")
    for index, person in enumerate(article.bylines):
        if person.role is not None or person.affiliation is not None:
            warn(
                "feeds carry an author's name and address only; role and affiliation left out",
                code="lossy",
                where=f"{where}bylines[{index}]",
            )


def _entry(
    article: Article,
    settings: FeedOptions,
    renderer: object,
    where: str,
    fallback: dt.datetime | None,
) -> Entry:
    from newsdoc.render.renderer import Renderer

    assert isinstance(renderer, Renderer)
    base = settings.base_url or article.canonical_url
    content = renderer.content(article, image_src=_image_source(base, where))
    updated = article.updated or article.published or article.created or fallback
    if updated is None:
        updated = _now()
        warn(
            "the article has no date; the time of writing given as its last update (feeds "
            "require one)",
            code="assumed",
            where=f"{where}updated",
        )
    categories = [
        Category(term=s.code, scheme=scheme_uri(s.scheme), label=s.label) for s in article.subjects
    ]
    categories += [Category(term=k) for k in article.keywords]
    if article.section is not None:
        categories.append(Category(term=article.section, scheme=SECTION_SCHEME))
    enclosure = None
    if article.lead_image is not None:
        url = _resolve(article.lead_image.src, base)
        if url is not None:
            kind = article.lead_image.media_type or mimetypes.guess_type(url)[0]
            enclosure = Enclosure(url, kind if kind and kind.startswith("image/") else None)
    _lossy(article, where)
    return Entry(
        id=article.id,
        title=article.headline,
        link=article.canonical_url,
        updated=updated,
        published=article.published,
        authors=tuple(Author(p.name, p.url) for p in article.bylines),
        summary=article.summary or article.subheadline,
        content=content,
        categories=tuple(categories),
        enclosure=enclosure,
        language=article.language,
        article=article,
    )


def feed_of(document: Document, settings: FeedOptions) -> Feed:
    """The feed of an article (one entry) or a collection (see the module docstring)."""
    from newsdoc.render.renderer import Renderer

    renderer = Renderer(template_dir=settings.template_dir)
    if isinstance(document, Collection):
        articles = document.articles
        publisher = document.publisher or next(
            (a.publisher for a in articles if a.publisher is not None), None
        )
        title = settings.feed_title or document.title
        feed_id = document.id
        description = document.description
        language = document.language
        day = document.date
        fallback = (
            dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day is not None else None
        )
        prefix = "articles[{}]."
    else:
        articles = (document,)
        publisher = document.publisher
        title = settings.feed_title or (publisher.name if publisher else document.headline)
        feed_id = settings.self_url or (
            f"{document.id}#feed" if "#" not in document.id else f"{document.id}-feed"
        )
        description = document.summary or document.subheadline
        language = document.language
        fallback = None
        prefix = ""
    entries = []
    for index, article in enumerate(articles):
        where = prefix.format(index)
        entries.append(_entry(article, settings, renderer, where, fallback))
    link = settings.feed_link or (publisher.url if publisher is not None else None)
    if link is None and isinstance(document, Article):
        link = document.canonical_url
    authors: tuple[Author, ...] = ()
    if publisher is not None:
        authors = (Author(publisher.name, publisher.url),)
    rights = next(
        (a.rights.notice for a in articles if a.rights is not None and a.rights.notice), None
    )
    return Feed(
        id=feed_id,
        title=title,
        description=description,
        link=link,
        self_url=settings.self_url,
        language=language,
        updated=max(e.updated for e in entries),
        authors=authors,
        entries=tuple(entries),
        rights=rights if len(articles) == 1 else None,
    )
