"""The article's metadata from what the page declares, each value with its provenance.

Sources, best first (a field keeps the first value found):

1. ``"json-ld"``: the page's ``<script type="application/ld+json">`` blocks, read one by one
   (a block that is not JSON is reported and left out; the others still count), the first
   item of an article type (``NewsArticle``, ``BlogPosting``, ``LiveBlogPosting`` ...),
   inside ``@graph`` too;
2. ``"microdata"``: the first article item of the page's microdata (through extruct, only
   when the page has ``itemscope``);
3. ``"opengraph"``: ``og:*`` and ``article:*`` properties;
4. ``"meta"``: plain ``<meta>`` tags, ``<html lang>``, ``<link rel=canonical>``;
5. ``"text"``: the visible page (:mod:`.scan`); for a page that still lacks a date, the one
   htmldate finds in its markup or address; for one that still lacks a headline,
   trafilatura's metadata heuristics.

Nothing here changes the tree. Values are cleaned (control characters, lone surrogates and
runs of white space go) before they reach the model, and a value the model would refuse is
left out with a warning instead of stopping the page.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

import attrs
import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, excerpt
from newsdoc.formats.webpage.dates import is_day, parse_datetime
from newsdoc.formats.webpage.tree import Element, clean, http_url
from newsdoc.language import is_valid_language_tag
from newsdoc.model import Dateline, Organization, Person
from newsdoc.model import checks as C

__all__ = [
    "ARTICLE_TYPES",
    "Fields",
    "page_date",
    "read_declared",
    "split_names",
    "trafilatura_metadata",
]

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "ReviewNewsArticle",
        "LiveBlogPosting",
        "BlogPosting",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
    }
)
_ORGANIZATIONS = frozenset({"Organization", "NewsMediaOrganization", "Corporation"})
_SITES = frozenset({"NewsMediaOrganization", "Organization", "WebSite"})
_BY_PREFIX = re.compile(
    r"^\s*(by|from|written by|reporting by|автор[ы]?:?|от|текст:?|հեղինակ[՝:]?|"
    r"بقلم|מאת|του|της)\s+",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:,|&|\band\b|\bи\b|\bև\b|\bو\b|\bו-)\s*")
_JS_COMMENT = re.compile(r"^\s*(?://[^\n]*|<!--|-->)\s*$", re.MULTILINE)
_TRAILING_COMMA = re.compile(r",(\s*[}\]])")
_REFERENCE = re.compile(r"&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# A page's microdata is read (through extruct) only when it has an article item.
_MICRODATA_ARTICLE = lxml.etree.XPath(
    "boolean(//*[@itemscope][contains(@itemtype, 'Article') or contains(@itemtype, 'Posting')"
    " or contains(@itemtype, 'Report')])"
)
#: The longest text kept for one metadata value (a headline, a name, a description).
MAX_VALUE = 2000


@attrs.define
class Fields:
    """Metadata values by field, each with where it came from (``provenance``)."""

    values: dict[str, Any] = attrs.field(factory=dict)
    provenance: dict[str, str] = attrs.field(factory=dict)
    naive: set[str] = attrs.field(factory=set)
    unreadable: set[str] = attrs.field(factory=set)  # fields the page gave no real date for
    days: set[str] = attrs.field(factory=set)  # fields the page gave as a day, with no time
    zones: list[dt.tzinfo] = attrs.field(factory=list)
    article_body: str | None = None
    live_blog: bool = False

    def set(self, field: str, value: Any, origin: str) -> None:
        """Record ``value`` for ``field`` unless a better source already gave one."""
        if value is None or value == () or value == "" or field in self.values:
            return
        self.values[field] = value
        self.provenance[field] = origin

    def get(self, field: str) -> Any:
        """The field's value, or ``None``."""
        return self.values.get(field)

    def date(self, field: str, value: object, origin: str) -> None:
        """Read a date for ``field`` (a bad one is reported and left out)."""
        if field in self.values or value is None:
            return
        parsed = parse_datetime(value, field=field, origin=origin)
        if parsed is None:
            if clean(value):
                self.unreadable.add(field)
            return
        tzinfo = parsed.tzinfo if parsed.utcoffset() is not None else None
        if tzinfo is not None:
            self.zones.append(tzinfo)
        else:
            self.naive.add(field)
        if is_day(value):
            self.days.add(field)
        self.set(field, parsed, origin)

    def any_date(self, value: object, origin: str) -> None:
        """A date-time on the page that gives only its zone (for dates without one)."""
        parsed = parse_datetime(value, field="page", origin=origin, report=False) if value else None
        if parsed is not None and parsed.tzinfo is not None:
            self.zones.append(parsed.tzinfo)


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    return _unescaped(value)


def _unescaped(value: object) -> str | None:
    """A metadata string as text: publishers often escape it twice (``&amp;#8216;``), so the
    character references left in it are resolved, then it is cleaned."""
    if isinstance(value, str) and "&" in value and _REFERENCE.search(value):
        value = html.unescape(value)
    return _cleaned(value, MAX_VALUE)


def _cleaned(value: object, limit: int) -> str | None:
    """:func:`clean`, saying so when it removes characters no text may carry: escapes in
    JSON-LD (``\\u0000``, a lone ``\\ud800``) and character references decode to characters
    the page's own cleaning never saw."""
    if isinstance(value, str) and C.BAD_CHARS.search(value) is not None:
        kept = C.strip_bad_chars(value)
        removed = len(value) - len(kept)
        what = (
            "a control character or broken surrogate"
            if removed == 1
            else (f"{removed} control characters or broken surrogates")
        )
        shown = excerpt(" ".join(kept.split()))
        warn(
            f"{what} in the page's metadata value {shown} removed",
            code="dropped",
            where="metadata",
        )
        value = kept
    return clean(value, limit=limit)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _is_type(item: dict[str, Any], names: frozenset[str]) -> bool:
    kinds = _as_list(item.get("@type"))
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] in names for k in kinds)


def language(value: object) -> str | None:
    """A BCP 47 tag from a page's ``lang``, ``og:locale`` or ``inLanguage`` value."""
    text = _cleaned(value, 64)
    if text is None:
        return None
    tag = text.replace("_", "-")
    return tag if is_valid_language_tag(tag) else None


def split_names(text: str) -> list[str]:
    """Names from a byline: "By Ann Lee and Bo Park" gives ``["Ann Lee", "Bo Park"]``.

    >>> split_names("By Karen Petrosyan and Lusine Manukyan")
    ['Karen Petrosyan', 'Lusine Manukyan']
    """
    text = _BY_PREFIX.sub("", text.strip())
    return [p.strip() for p in _NAME_SPLIT.split(text) if p.strip() and len(p.strip()) < 80]


def person(name: object, **details: Any) -> Person | None:
    """A :class:`Person` from cleaned values, or ``None`` when the model refuses them."""
    text = _cleaned(name, 200)
    if text is None:
        return None
    try:
        return Person(name=text, **details)
    except (FieldError, ValueError, TypeError):
        return None


def organization(name: object, url: str | None) -> Organization | None:
    """An :class:`Organization` from cleaned values, or ``None`` when the model refuses them."""
    text = _cleaned(name, MAX_VALUE)
    if text is None:
        return None
    try:
        return Organization(name=text, url=url)
    except (FieldError, ValueError, TypeError):
        return None


def _json_ld(tree: Element) -> Iterator[Any]:
    """The parsed JSON of each JSON-LD block; a block that is not JSON is reported."""
    for number, script in enumerate(tree.iter("script")):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if not text.strip():
            continue
        for attempt in (text, _TRAILING_COMMA.sub(r"\1", _JS_COMMENT.sub("", text))):
            try:
                yield json.loads(attempt, strict=False)
                break
            except (ValueError, RecursionError):
                continue
        else:
            warn(
                f"JSON-LD block {number + 1} of the page is not valid JSON; left out",
                code="dropped",
                where="metadata",
            )


def _walk(items: Iterable[Any], depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 8:
        return
    for item in items:
        if isinstance(item, list):
            yield from _walk(item, depth + 1)
        elif isinstance(item, dict):
            yield item
            yield from _walk(_as_list(item.get("@graph")), depth + 1)


def _microdata(tree: Element, base: str | None) -> list[Any]:
    if not _MICRODATA_ARTICLE(tree):
        return []
    import extruct

    try:
        data = extruct.extract(tree, base_url=base, syntaxes=["microdata"], uniform=True)
    except Exception as exc:  # extruct's own faults on odd markup; the page still counts
        warn(
            f"the page's microdata could not be read ({type(exc).__name__}); left out",
            code="dropped",
            where="metadata",
        )
        return []
    found = data.get("microdata") if isinstance(data, dict) else None
    return found if isinstance(found, list) else []


def read_declared(tree: Element, url: str | None, fields: Fields) -> None:
    """Fill ``fields`` from JSON-LD, microdata, OpenGraph and ``<meta>`` (in that order)."""
    items = list(_walk(_json_ld(tree)))
    article = next((item for item in items if _is_type(item, ARTICLE_TYPES)), None)
    if article is not None:
        _from_schema(article, "json-ld", url, fields)
    else:  # microdata (the costlier read) only for a page whose JSON-LD has no article
        for item in _microdata(tree, url):
            if isinstance(item, dict) and _is_type(item, ARTICLE_TYPES):
                _from_schema(item, "microdata", url, fields)
                break
    metas = _metas(tree)
    _from_opengraph(metas, url, fields)
    for item in items:  # the site itself, when the article names no publisher
        if _is_type(item, _SITES):
            site = organization(_text(item.get("name")), http_url(_text(item.get("url")), url))
            fields.set("publisher", site, "json-ld")
    _from_meta(tree, metas, url, fields)


def _from_schema(item: dict[str, Any], origin: str, url: str | None, fields: Fields) -> None:
    if _is_type(item, frozenset({"LiveBlogPosting"})):
        fields.live_blog = True
    fields.set("headline", _text(item.get("headline")) or _text(item.get("name")), origin)
    fields.set("subheadline", _text(item.get("alternativeHeadline")), origin)
    fields.set("summary", _text(item.get("description")), origin)
    for field, name in (
        ("published", "datePublished"),
        ("updated", "dateModified"),
        ("created", "dateCreated"),
    ):
        fields.date(field, _text(item.get(name)), origin)
    fields.set("language", language(_text(item.get("inLanguage"))), origin)
    fields.set("section", _text(item.get("articleSection")), origin)
    fields.set("genre", _text(item.get("genre")), origin)
    keywords = item.get("keywords")
    if isinstance(keywords, str):
        keywords = keywords.split(",")
    words = [_cleaned(k, 200) for k in _as_list(keywords)]
    fields.set("keywords", tuple(dict.fromkeys(k for k in words if k)), origin)
    people = []
    for author in _as_list(item.get("author"))[:50]:
        if isinstance(author, str):
            if author.strip().startswith(("http://", "https://", "/")):
                continue  # microdata on a link gives its target, not the name
            author = {"name": author}
        if not isinstance(author, dict) or _is_type(author, _ORGANIZATIONS):
            continue
        found = person(
            _text(author.get("name")),
            role=_text(author.get("jobTitle")),
            affiliation=_text(author.get("affiliation")) or _text(author.get("worksFor")),
            url=http_url(_text(author.get("url")), url),
        )
        if found is not None:
            people.append(found)
    fields.set("bylines", tuple(dict.fromkeys(people)), origin)
    publisher = item.get("publisher")
    publisher = publisher[0] if isinstance(publisher, list) and publisher else publisher
    if isinstance(publisher, dict):
        site = organization(
            _text(publisher.get("name")), http_url(_text(publisher.get("url")), url)
        )
        fields.set("publisher", site, origin)
    page = item.get("mainEntityOfPage")
    if isinstance(page, dict):
        page = page.get("@id") or page.get("url")
    fields.set("canonical_url", http_url(_text(item.get("url")) or _text(page)), origin)
    image = item.get("image")
    image = image[0] if isinstance(image, list) and image else image
    if isinstance(image, str):
        image = {"url": image}
    if isinstance(image, dict):
        _lead_image(
            fields,
            _text(image.get("url")) or _text(image.get("contentUrl")),
            origin,
            url,
            width=image.get("width"),
            height=image.get("height"),
            caption=_text(image.get("caption")),
            credit=_text(image.get("creditText")) or _text(image.get("copyrightHolder")),
        )
    place = _text(item.get("dateline"))
    if place:
        fields.set("dateline", Dateline(place=place), origin)
    body = item.get("articleBody")
    if isinstance(body, list):
        body = "\n\n".join(part for part in body if isinstance(part, str))
    if isinstance(body, str) and fields.article_body is None and len(body) > 200:
        fields.article_body = body


def _metas(tree: Element) -> dict[str, list[str]]:
    """Every ``<meta>`` value by its lowercased name, property or http-equiv."""
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        name = meta.get("property") or meta.get("name") or meta.get("http-equiv") or ""
        value = _unescaped(meta.get("content"))
        if name and value:
            metas.setdefault(name.strip().lower(), []).append(value)
    return metas


def _first(metas: dict[str, list[str]], *names: str) -> str | None:
    for name in names:
        if metas.get(name):
            return metas[name][0]
    return None


def _from_opengraph(metas: dict[str, list[str]], url: str | None, fields: Fields) -> None:
    origin = "opengraph"
    fields.set("headline", _first(metas, "og:title"), origin)
    fields.set("summary", _first(metas, "og:description"), origin)
    fields.set("canonical_url", http_url(_first(metas, "og:url")), origin)
    fields.set("language", language(_first(metas, "og:locale")), origin)
    fields.set("section", _first(metas, "article:section"), origin)
    fields.date("published", _first(metas, "article:published_time"), origin)
    fields.date("updated", _first(metas, "article:modified_time"), origin)
    tags = [t for t in metas.get("article:tag", []) if len(t) <= 200]
    fields.set("keywords", tuple(dict.fromkeys(tags)), origin)
    site = _first(metas, "og:site_name")
    if site:
        fields.set("publisher", organization(site, None), origin)
    names = [a for a in metas.get("article:author", []) if not a.startswith(("http", "/"))]
    people = [p for p in (person(name) for name in names) if p is not None]
    fields.set("bylines", tuple(dict.fromkeys(people)), origin)
    _lead_image(
        fields,
        _first(metas, "og:image", "og:image:url", "og:image:secure_url"),
        origin,
        url,
        width=_first(metas, "og:image:width"),
        height=_first(metas, "og:image:height"),
        alt=_first(metas, "og:image:alt"),
    )


def _from_meta(tree: Element, metas: dict[str, list[str]], url: str | None, fields: Fields) -> None:
    origin = "meta"
    for link in tree.iter("link"):
        if (link.get("rel") or "").strip().lower() == "canonical":
            fields.set("canonical_url", http_url(link.get("href"), url), origin)
    fields.set("headline", _first(metas, "title", "twitter:title", "dc.title"), origin)
    fields.set("summary", _first(metas, "description", "twitter:description"), origin)
    for name in (
        "date",
        "pubdate",
        "publishdate",
        "publish-date",
        "dc.date.issued",
        "dc.date",
        "dcterms.created",
        "parsely-pub-date",
        "sailthru.date",
    ):
        fields.date("published", _first(metas, name), origin)
    for name in ("last-modified", "dcterms.modified", "article:modified"):
        fields.date("updated", _first(metas, name), origin)
    author = _first(metas, "author", "dc.creator", "parsely-author")
    if author and not author.startswith(("http", "/")):
        people = [p for p in (person(n) for n in split_names(author)) if p is not None]
        fields.set("bylines", tuple(dict.fromkeys(people)), origin)
    keywords = _first(metas, "keywords", "news_keywords")
    if keywords:
        words = [_cleaned(k, 200) for k in keywords.split(",")]
        fields.set("keywords", tuple(dict.fromkeys(k for k in words if k)), origin)
    fields.set("language", language(tree.get("lang")), origin)
    fields.set("language", language(tree.get("{http://www.w3.org/XML/1998/namespace}lang")), origin)
    fields.set("language", language(_first(metas, "content-language", "dc.language")), origin)


def _lead_image(
    fields: Fields, src: str | None, origin: str, base: str | None, **details: Any
) -> None:
    """The lead image's source and details; a later source may add details to the same
    image (OpenGraph's alt text to JSON-LD's picture)."""
    resolved = http_url(src, base)
    if resolved is None:
        return
    current = fields.get("lead_image")
    if current is None:
        fields.set("lead_image", {"src": resolved, **details}, origin)
    elif current.get("src") == resolved:
        for name, value in details.items():
            if current.get(name) is None:
                current[name] = value


def page_date(tree: Element, url: str | None, fields: Fields) -> None:
    """The publication date htmldate finds in the page's markup and address, for a page whose
    metadata gives none (a day: its time and zone are assumed, with a warning). Its search of
    the free text is left out: it takes a copyright line's year for a date."""
    import htmldate

    try:
        found = htmldate.find_date(tree, url=url, extensive_search=False, original_date=True)
    except Exception as exc:  # htmldate's own faults on odd pages
        warn(
            f"the page's date could not be searched ({type(exc).__name__}); left out",
            code="dropped",
            where="published",
        )
        return
    fields.date("published", found, "text")


def trafilatura_metadata(tree: Element, url: str | None, fields: Fields) -> None:
    """trafilatura's metadata heuristics, for a page that still has no headline. Its faults
    on odd pages are reported, never raised."""
    import trafilatura

    try:
        found = trafilatura.extract_metadata(tree, default_url=url)
    except Exception as exc:  # trafilatura and htmldate's own faults
        warn(
            f"the page's visible metadata could not be read ({type(exc).__name__}); left out",
            code="dropped",
            where="metadata",
        )
        return
    if found is None:
        return
    fields.set("headline", clean(getattr(found, "title", None), limit=MAX_VALUE), "text")
    fields.date("published", getattr(found, "date", None), "text")
    author = clean(getattr(found, "author", None), limit=MAX_VALUE)
    if author:
        people = [p for p in (person(n) for n in split_names(author)) if p is not None]
        fields.set("bylines", tuple(dict.fromkeys(people)), "text")
    site = clean(getattr(found, "sitename", None), limit=MAX_VALUE)
    if site and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", site):
        fields.set("publisher", organization(site, None), "text")
