"""schema.org JSON-LD for newsdoc pages: a ``NewsArticle``, or a ``CollectionPage`` of them.

:func:`json_ld` builds the data; the renderer writes it into the page's head. An image is
named by a URL only where that URL points at the picture: an absolute http(s) source, a
relative one resolved against the article's ``canonical_url``, or (``linked_images=True``,
for a page that links its pictures by relative path) the relative path itself. A picture that
the page embeds as a ``data:`` URI and that has no such URL is left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urljoin, urlsplit

import orjson

from newsdoc.model import Article, Document, Figure, Person, plain_text
from newsdoc.render.dates import html_datetime
from newsdoc.render.resources import is_remote

__all__ = ["dateline_text", "image_url", "json_ld", "json_script"]


def json_script(data: Any) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so text cannot end it."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else html_datetime(value)


def _person_ld(person: Person) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.url:
        found["url"] = person.url
    if person.role:
        found["jobTitle"] = person.role
    if person.affiliation:
        found["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    return found


def _organization_ld(org: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": org.name}
    if org.url:
        found["url"] = org.url
    if org.id:
        found["identifier"] = org.id
    return found


def image_url(src: str, canonical_url: str | None, *, linked: bool = False) -> str | None:
    """The URL that names the picture ``src`` in JSON-LD, or ``None`` when there is none.

    An absolute http(s) source is its own URL; a relative one is resolved against the
    article's canonical URL, or kept as it is when the page links its pictures by that path
    (``linked``). Anything else (a ``data:`` URI, a local absolute path, no canonical URL for
    an embedded picture) names no URL.

    >>> image_url("https://cdn.example.org/a.jpg", None)
    'https://cdn.example.org/a.jpg'
    >>> image_url("images/a.jpg", "https://example.org/2026/05/story")
    'https://example.org/2026/05/images/a.jpg'
    >>> image_url("images/a.jpg", None) is None, image_url("images/a.jpg", None, linked=True)
    (True, 'images/a.jpg')
    """
    if is_remote(src):
        return src
    parts = urlsplit(src)
    if parts.scheme or parts.netloc or src.startswith(("/", "\\")) or ":" in src.split("/")[0]:
        return None  # data:, file:, a drive letter or an absolute local path
    if canonical_url and is_remote(canonical_url):
        return urljoin(canonical_url, src)
    return src if linked else None


def _image_ld(figure: Figure, canonical_url: str | None, *, linked: bool) -> dict[str, Any] | None:
    url = image_url(figure.src, canonical_url, linked=linked)
    if url is None:
        return None
    found: dict[str, Any] = {"@type": "ImageObject", "url": url}
    if figure.caption:
        found["caption"] = plain_text(figure.caption)
    if figure.credit:
        found["creditText"] = figure.credit
    if figure.alt:
        found["description"] = figure.alt
    if figure.width:
        found["width"] = figure.width
    if figure.height:
        found["height"] = figure.height
    return found


def dateline_text(article: Article) -> str | None:
    """The dateline as one line of text ("Yerevan, 2026-05-04"), or ``None``."""
    line = article.dateline
    if line is None:
        return None
    parts = [line.place]
    if line.date is not None:
        parts.append(line.date.isoformat())
    return ", ".join(parts)


def _article_ld(article: Article, *, linked_images: bool = False) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": article.id,
        "headline": article.headline,
        "inLanguage": article.language,
    }
    optional: dict[str, Any] = {
        "@id": article.canonical_url,
        "url": article.canonical_url,
        "mainEntityOfPage": article.canonical_url,
        "alternativeHeadline": article.subheadline,
        "description": article.summary,
        "dateCreated": _iso(article.created),
        "datePublished": _iso(article.published),
        "dateModified": _iso(article.updated),
        "articleSection": article.section,
        "genre": article.genre,
        "dateline": dateline_text(article),
        "version": str(article.version),
    }
    found.update({key: value for key, value in optional.items() if value is not None})
    if article.bylines:
        found["author"] = [_person_ld(person) for person in article.bylines]
    if article.publisher is not None:
        found["publisher"] = _organization_ld(article.publisher)
    if article.source is not None:
        found["sourceOrganization"] = _organization_ld(article.source)
    if article.lead_image is not None:
        image = _image_ld(article.lead_image, article.canonical_url, linked=linked_images)
        if image is not None:
            found["image"] = image
    if article.keywords:
        found["keywords"] = list(article.keywords)
    if article.subjects:
        found["about"] = [
            {
                "@type": "DefinedTerm",
                "termCode": subject.code,
                "inDefinedTermSet": subject.scheme,
                **({"name": subject.label} if subject.label else {}),
            }
            for subject in article.subjects
        ]
    if article.dateline is not None:
        place: dict[str, Any] = {"@type": "Place", "name": article.dateline.place}
        if article.dateline.country_code:
            place["address"] = {
                "@type": "PostalAddress",
                "addressCountry": article.dateline.country_code,
            }
        if article.dateline.geo is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": article.dateline.geo.latitude,
                "longitude": article.dateline.geo.longitude,
            }
        found["contentLocation"] = place
    if article.corrections:
        found["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": html_datetime(correction.date),
                "additionalType": str(correction.kind),
            }
            for correction in article.corrections
        ]
    if article.rights is not None:
        rights = article.rights
        if rights.holder:
            found["copyrightHolder"] = {"@type": "Organization", "name": rights.holder}
        if rights.notice:
            found["copyrightNotice"] = rights.notice
        if rights.usage_terms:
            found["usageInfo"] = rights.usage_terms
        if rights.license_url:
            found["license"] = rights.license_url
    return found


def json_ld(document: Document, *, linked_images: bool = False) -> dict[str, Any]:
    """The schema.org description of a document: a ``NewsArticle``, or a ``CollectionPage``
    whose ``hasPart`` lists one ``NewsArticle`` per article.

    ``linked_images``: the page links its pictures by their relative paths (so those paths
    are URLs worth naming); otherwise see :func:`image_url`.

    >>> from newsdoc import Article
    >>> found = json_ld(Article(id="urn:newsdoc:1", headline="Hi", language="hy"))
    >>> found["@type"], found["headline"], found["inLanguage"]
    ('NewsArticle', 'Hi', 'hy')
    """
    if isinstance(document, Article):
        return _article_ld(document, linked_images=linked_images)
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "identifier": document.id,
        "name": document.title,
        "inLanguage": document.language,
    }
    if document.description:
        found["description"] = document.description
    if document.date:
        found["datePublished"] = document.date.isoformat()
    if document.publisher is not None:
        found["publisher"] = _organization_ld(document.publisher)
    parts = []
    for article in document.articles:
        part = _article_ld(article, linked_images=linked_images)
        del part["@context"]
        parts.append(part)
    found["hasPart"] = parts
    return found
