"""Reading feeds into a :class:`~newsdoc.Collection`: Atom and RSS through feedparser, JSON
Feed by itself, each entry mapped to an article by one set of rules.

**Atom and RSS** (0.9x, 1.0, 2.0; Atom 0.3 and 1.0) are parsed by feedparser, a well-kept
consumer that copes with the feeds found in the wild (encodings, date formats, relative
links against ``xml:base`` or the ``url`` option). Before it sees a byte, the feed passes
newsdoc's XML gate (:func:`newsdoc.markup.xml.gate`), as all of newsdoc's XML does: a
document type that declares entities is refused, one that names a DTD is left out, UTF-16
and UTF-32 are handed on as UTF-8; entries over :data:`MAX_ENTRIES` and attributes over the
limits (in the XML, and in the HTML it carries escaped) are counted and refused first.
feedparser is handed the bytes as a stream, never as a name it could open. A feed
that is not well-formed XML is read leniently, with a warning. feedparser is an optional
dependency: ``pip install 'newsdoc[feeds]'``.

**JSON Feed** (1.0 and 1.1) is JSON: read with orjson, its fields checked.

Each **entry** becomes an article:

- ``id`` the entry's id (Atom ``id``, RSS ``guid``, JSON Feed ``id``) when it is a URI, else
  its link, else a digest of its title and link; ``headline`` its title (else the start of
  its text, with a warning); ``canonical_url`` its link;
- the **body** is the entry's HTML content, read by the shared HTML body reader
  (:mod:`newsdoc.markup.html`), with the lead picture, key points, related links,
  corrections, source and rights newsdoc's renderer marks taken back; ``summary`` its summary
  when it is not the start of the content;
- an entry with **no content, only a link** (and perhaps a summary): with ``fetch``
  (``--fetch-links``) its page is downloaded and read by the web-page reader; without it, the
  article is made from the summary, with a warning (never a request of newsdoc's own);
- **dates** keep the offset they are written with (RFC 3339, RFC 822); one without a zone is
  UTC, with a warning; **authors** are bylines; **categories** are subjects (a scheme of
  newsdoc's or IPTC Media Topics), the section, or keywords; the lead picture, when the
  content has none, is an image enclosure (or JSON Feed's ``image``), its alt text unknown.

The collection takes the feed's id (else its address), title, description and language; the
feed's author is its publisher.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import hashlib
import io
import itertools
import re
from typing import Any, Literal

import attrs
import orjson

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, LimitError, NewsdocError, Problem
from newsdoc.formats.feed.entries import MEDIATOPIC, SECTION_SCHEME, SUBJECT_SCHEME
from newsdoc.formats.feed.options import FeedOptions
from newsdoc.markup.attributes import check_attributes, unescaped_markup
from newsdoc.markup.html import parse_html, read_html_body, take_article_parts
from newsdoc.markup.xml import gate, looks_like_xml
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Collection, Organization, Subject
from newsdoc.model.blocks import Figure, Paragraph, Person, Section
from newsdoc.model.inline import from_html, plain_text
from newsdoc.model.measure import check_document

__all__ = ["MAX_ENTRIES", "read_json_feed", "read_xml_feed"]

#: The most entries newsdoc reads from one feed.
MAX_ENTRIES = 10_000
_ENTITY = re.compile(rb"<!\s*ENTITY", re.IGNORECASE)
# The start of an entry (RSS item, Atom entry, with any prefix), counted before parsing.
_ENTRY = re.compile(rb"<(?:[^\s<>/!?:]+:)?(?:item|entry)[\s/>]", re.IGNORECASE)
# A name feedparser matches e-mail patterns against: beyond a few thousand characters its
# regular expressions take seconds per entry, so such a feed is refused before parsing.
_LONG_NAME = re.compile(
    rb"<(?:[\w.-]+:)?(author|creator|contributor|publisher|managingEditor|webMaster|name|email"
    rb"|owner)\b[^<>]{0,500}>[^<]{2000}"
)
_SPACES = re.compile(r"[ \t\n\r]+")
_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def _problem(message: str, source: str | None) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


@attrs.define
class RawEntry:
    """An entry as the feed gives it, before it is mapped to an article."""

    id: str | None = None
    title: str | None = None
    link: str | None = None
    content: str | None = None  # HTML
    content_is_html: bool = True
    summary: str | None = None  # HTML
    published: str | None = None
    updated: str | None = None
    authors: list[tuple[str, str | None]] = attrs.field(factory=list)
    categories: list[tuple[str, str | None, str | None]] = attrs.field(factory=list)
    image: str | None = None
    language: str | None = None
    subjects: list[Subject] = attrs.field(factory=list)
    keywords: list[str] = attrs.field(factory=list)
    section: str | None = None


@attrs.define
class RawFeed:
    id: str | None = None
    title: str | None = None
    link: str | None = None
    description: str | None = None
    language: str | None = None
    publisher: Organization | None = None
    entries: list[RawEntry] = attrs.field(factory=list)


# ---------------------------------------------------------------------- Atom and RSS


def read_xml_feed(
    data: bytes, settings: FeedOptions, *, source: str | None, kind: Literal["atom", "rss"]
) -> Collection:
    """The collection of an Atom or RSS feed (see the module docstring)."""
    if data.lstrip(b" \t\r\n")[:1] not in (b"<", b"") and not looks_like_xml(data[:64]):
        raise _problem(f"not an Atom or RSS feed ({kind} expected): it is not XML", source)
    data = gate(data, source=source, where="the feed", count_attributes=False)
    if _ENTITY.search(data):  # feedparser's lenient parser reads declarations anywhere
        raise _problem(
            "refused: the feed declares entities; newsdoc never expands XML entities "
            "(entity-expansion and external-entity attacks)",
            source,
        )
    _count_entries(data, source)
    check_attributes(data, source, "the feed", html=False)
    escaped = unescaped_markup(data)
    if escaped is not data:
        check_attributes(escaped, source, "the feed's escaped HTML")
    long_name = _LONG_NAME.search(data)
    if long_name is not None:
        element = long_name.group(1).decode()
        raise LimitError(
            f"a <{element}> of more than 2,000 characters: newsdoc reads feeds whose names "
            "are shorter (their parsing is slow on longer ones)",
            source,
        )
    try:
        import feedparser
    except ImportError:
        raise NewsdocError(
            f"format {kind!r} needs a package that is not installed (feedparser); "
            "pip install 'newsdoc[feeds]'"
        ) from None
    headers = {"content-location": settings.url} if settings.url else None
    try:
        parsed = feedparser.parse(
            io.BytesIO(data),
            sanitize_html=False,
            resolve_relative_uris=True,
            response_headers=headers,
        )
    except (ValueError, OverflowError, ArithmeticError, LookupError, RecursionError):
        # feedparser's own failures on hostile input (a 5,000-digit character reference)
        raise _problem("feedparser cannot parse it (a value out of any range)", source) from None
    if not parsed.get("version") and not parsed.entries:
        raise _problem(f"not an Atom or RSS feed ({kind} expected)", source)
    if parsed.get("bozo"):
        warn("the feed is not well-formed XML; read leniently", code="assumed", where="feed")
    if len(parsed.entries) > MAX_ENTRIES:
        raise LimitError(
            f"the feed has {len(parsed.entries)} entries, more than the limit of {MAX_ENTRIES}",
            source,
        )
    info = parsed.feed
    raw = RawFeed(
        id=_str(info.get("id")),
        title=_text_of(info.get("title"), info.get("title_detail")),
        link=_str(info.get("link")),
        description=_text_of(info.get("subtitle"), info.get("subtitle_detail")),
        language=_str(info.get("language")),
    )
    author = info.get("author_detail") or {}
    raw.publisher = _publisher(author.get("name"), author.get("href"))
    for entry in parsed.entries:
        raw.entries.append(_xml_entry(entry))
    return _collection(raw, data, settings, source)


def _publisher(name: object, url: object) -> Organization | None:
    """The feed's author as its publisher: the name on one line (a feed may break it over
    several); a name that is still no name (control characters) is left out, reported."""
    text = " ".join(name.split()) if isinstance(name, str) else ""
    if not text:
        return None
    if not C.text().test(text):
        warn("the feed's author is not a usable name; left out", code="dropped", where="author")
        return None
    address = url if isinstance(url, str) and C.http_url().test(url) else None
    return Organization(name=text, url=address)


def _count_entries(data: bytes, source: str | None) -> None:
    """Refuse a feed of more than :data:`MAX_ENTRIES` entries before it is parsed: the
    entries' start tags are counted on the bytes (an upper bound: one inside a CDATA
    section counts too), stopping at the first one over the limit."""
    found = _ENTRY.finditer(data)
    if next(itertools.islice(found, MAX_ENTRIES, None), None) is not None:
        raise LimitError(
            f"the feed has more than {MAX_ENTRIES} entries, the limit (counted before parsing)",
            source,
        )


def _str(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _SPACES.sub(" ", C.strip_bad_chars(value)).strip(" ")
    return value or None


def _text_of(value: Any, detail: Any) -> str | None:
    """Plain text of a feed's text construct (HTML ones flattened)."""
    text = value if isinstance(value, str) else None
    if text is None:
        return None
    kind = str((detail or {}).get("type", ""))
    if kind in ("text/html", "application/xhtml+xml") or "<" in text:
        text = plain_text(from_html(text))
    return _str(text)


def _xml_entry(entry: Any) -> RawEntry:
    raw = RawEntry(
        id=_str(entry.get("id")),
        title=_text_of(entry.get("title"), entry.get("title_detail")),
        link=_str(entry.get("link")),
        published=_str(entry.get("published")),
        updated=_str(entry.get("updated")),
    )
    contents = list(entry.get("content") or [])
    html = [c for c in contents if str(c.get("type", "")) in _HTML_TYPES]
    chosen = html[0] if html else (contents[0] if contents else None)
    if chosen is not None and isinstance(chosen.get("value"), str):
        raw.content = chosen["value"]
        raw.content_is_html = bool(html)
        raw.language = _str(chosen.get("language"))
    summary = entry.get("summary")
    if isinstance(summary, str) and summary.strip() and summary != raw.content:
        detail = entry.get("summary_detail") or {}
        raw.summary = summary if detail.get("type") in _HTML_TYPES else _escape(summary)
    raw.language = raw.language or _str(entry.get("language"))
    for author in entry.get("authors") or []:
        name = _str(author.get("name"))
        if name:
            raw.authors.append((name, author.get("href")))
    for tag in entry.get("tags") or []:
        term = _str(tag.get("term"))
        if term:
            raw.categories.append((term, _str(tag.get("scheme")), _str(tag.get("label"))))
    for enclosure in entry.get("enclosures") or []:
        if str(enclosure.get("type", "")).startswith("image/") and enclosure.get("href"):
            raw.image = raw.image or enclosure["href"]
    return raw


def _escape(text: str) -> str:
    from markupsafe import escape

    return "".join(f"<p>{escape(p.strip())}</p>" for p in re.split(r"\n\s*\n", text) if p.strip())


# ---------------------------------------------------------------------- JSON Feed


def read_json_feed(data: bytes, settings: FeedOptions, *, source: str | None) -> Collection:
    """The collection of a JSON Feed (see the module docstring)."""
    try:
        feed = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise _problem(f"not valid JSON: {exc.msg}", source) from None
    version = feed.get("version") if isinstance(feed, dict) else None
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/1"):
        raise _problem("not a JSON Feed: no 'version' of https://jsonfeed.org/version/1", source)
    items = feed.get("items")
    if not isinstance(items, list):
        raise _problem("the JSON Feed has no 'items' list", source)
    if len(items) > MAX_ENTRIES:
        raise LimitError(
            f"the feed has {len(items)} items, more than the limit of {MAX_ENTRIES}", source
        )
    raw = RawFeed(
        id=_str(feed.get("feed_url")),
        title=_str(feed.get("title")),
        link=_str(feed.get("home_page_url")),
        description=_str(feed.get("description")),
        language=_str(feed.get("language")),
    )
    authors = _json_authors(feed)
    if authors:
        raw.publisher = _publisher(*authors[0])
    for number, item in enumerate(items):
        if not isinstance(item, dict):
            warn("not a JSON object; left out", code="dropped", where=f"items[{number}]")
            continue
        raw.entries.append(_json_entry(item))
    return _collection(raw, data, settings, source)


def _json_authors(holder: dict[str, Any]) -> list[tuple[str, str | None]]:
    found = holder.get("authors")
    if not isinstance(found, list):
        found = [holder["author"]] if isinstance(holder.get("author"), dict) else []
    authors = []
    for author in found:
        if isinstance(author, dict) and _str(author.get("name")):
            url = author.get("url")
            authors.append((_str(author["name"]) or "", url if isinstance(url, str) else None))
    return authors


def _json_entry(item: dict[str, Any]) -> RawEntry:
    item_id = item.get("id")
    raw = RawEntry(
        id=_str(str(item_id)) if isinstance(item_id, str | int) else None,
        title=_str(item.get("title")),
        link=_str(item.get("url")) or _str(item.get("external_url")),
        published=_str(item.get("date_published")),
        updated=_str(item.get("date_modified")),
        image=_str(item.get("image")) or _str(item.get("banner_image")),
        language=_str(item.get("language")),
        authors=_json_authors(item),
    )
    if isinstance(item.get("content_html"), str):
        raw.content = item["content_html"]
    elif isinstance(item.get("content_text"), str):
        raw.content = _escape(item["content_text"])
    if isinstance(item.get("summary"), str) and item["summary"].strip():
        raw.summary = _escape(item["summary"])
    found = item.get("_newsdoc")
    extension: dict[str, Any] = found if isinstance(found, dict) else {}
    for subject in _items(extension.get("subjects"), "_newsdoc.subjects"):
        if isinstance(subject, dict):
            try:
                raw.subjects.append(
                    Subject(
                        scheme=subject["scheme"], code=subject["code"], label=subject.get("label")
                    )
                )
            except (KeyError, ValueError, TypeError):
                warn("a subject that is not one left out", code="dropped", where="_newsdoc")
    raw.keywords = [
        k for k in _items(extension.get("keywords"), "_newsdoc.keywords") if C.text().test(k)
    ]
    raw.section = _str(extension.get("section"))
    if not extension:
        tags = item.get("tags")
        raw.keywords = [t for t in tags if C.text().test(t)] if isinstance(tags, list) else []
    return raw


# ---------------------------------------------------------------------- entries to articles


def _items(value: Any, where: str) -> list[Any]:
    """A list of an extension, or nothing (with a warning) when it is something else."""
    if value is None or isinstance(value, list):
        return value or []
    warn("expected a list; left out", code="dropped", where=where)
    return []


def _when(value: str | None, where: str) -> dt.datetime | None:
    """A feed's date-time, with the offset it is written with."""
    if value is None:
        return None
    text = value.strip()
    parsed: dt.datetime | None = None
    try:
        parsed = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        try:
            parsed = email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError, OverflowError):
            from dateutil import parser as date_parser  # type: ignore[import-untyped, unused-ignore]

            try:
                parsed = date_parser.parse(text)
            except (ValueError, OverflowError, ArithmeticError):
                warn(
                    f"the date {text[:40]!r} cannot be read; left out", code="dropped", where=where
                )
                return None
    if parsed.tzinfo is None:
        warn("the date names no time zone; UTC assumed", code="assumed", where=where)
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _collection(raw: RawFeed, data: bytes, settings: FeedOptions, source: str | None) -> Collection:
    language = raw.language if C.language().test(raw.language) else None
    if language is None:
        warn("the feed names no language; English assumed", code="assumed", where="language")
        language = "en"
    articles = []
    for number, entry in enumerate(raw.entries):
        article = _article(entry, language, settings, f"entries[{number}]")
        if article is not None:
            articles.append(article)
    if not articles:
        raise _problem("the feed has no entry newsdoc can read as an article", source)
    digest = hashlib.sha1(data).hexdigest()
    feed_id = next(
        (v for v in (raw.id, raw.link, settings.url) if v and C.uri().test(v)),
        f"urn:newsdoc:sha1:{digest}",
    )
    title = raw.title
    if title is None:
        title = raw.link or "Feed"
        warn(f"the feed has no title; {title!r} given", code="assumed", where="title")
    collection = Collection(
        id=feed_id,
        title=title,
        articles=articles,
        description=raw.description,
        language=language,
        publisher=raw.publisher,
    )
    check_document(collection, source)
    return collection


def _article(entry: RawEntry, language: str, settings: FeedOptions, where: str) -> Article | None:
    link = entry.link if C.http_url().test(entry.link) else None
    if entry.content is None and link is not None and settings.fetch:
        fetched = _fetch(link, where)
        if fetched is not None:
            return _merge(fetched, entry, where)
    fields: dict[str, Any] = {"canonical_url": link}
    body_html = entry.content
    if body_html is None:
        body_html = entry.summary
        if link is not None:
            warn(
                f"the entry carries no content, only a link ({link[:80]}) and its summary; "
                "read from the summary (fetch=True, --fetch-links, reads the page)",
                code="assumed",
                where=where,
            )
    sections: list[Section] = []
    if body_html:
        root = parse_html(body_html)
        if entry.content is not None and entry.summary is not None:
            summary = _str("".join(parse_html(entry.summary).itertext()))
            start = " ".join("".join(root.itertext()).split())
            if summary and not start.startswith(summary[:80]):
                fields["summary"] = summary
        parts = take_article_parts(root)
        body = read_html_body(root)
        sections = list(body.sections)
        fields.update(
            lead_image=body.lead_image,
            key_points=parts.key_points,
            related=parts.related,
            corrections=parts.corrections,
            rights=parts.rights,
            source=parts.source,
        )
    if fields.get("lead_image") is None and entry.image and C.http_url().test(entry.image):
        fields["lead_image"] = Figure(src=entry.image, alt="")
    headline = entry.title
    if headline is None:
        text = " ".join(
            plain_text(b.content) for s in sections for b in s.blocks if isinstance(b, Paragraph)
        )
        if not text.strip():
            warn("the entry has neither a title nor text; left out", code="dropped", where=where)
            return None
        headline = text[:80].rsplit(" ", 1)[0] if len(text) > 80 else text
        warn("the entry has no title; the start of its text given", code="assumed", where=where)
    fields["published"] = _when(entry.published, f"{where}.published")
    fields["updated"] = _when(entry.updated, f"{where}.updated")
    if fields["updated"] == fields["published"]:
        fields["updated"] = None
    fields["bylines"] = [
        Person(name=name, url=url if C.http_url().test(url) else None)
        for name, url in entry.authors
        if C.text().test(name)
    ]
    subjects, keywords, section = _categories(entry, where)
    fields.update(subjects=subjects, keywords=keywords, section=section)
    own = entry.language if entry.language and C.language().test(entry.language) else language
    article_id = next(
        (v for v in (entry.id, link) if v and C.uri().test(v)),
        "urn:newsdoc:sha1:" + hashlib.sha1(f"{entry.id}\0{headline}\0{link}".encode()).hexdigest(),
    )
    return Article(
        id=article_id,
        headline=headline,
        language=own,
        sections=[s for s in sections if s.blocks],
        **{k: v for k, v in fields.items() if v is not None},
    )


def _categories(entry: RawEntry, where: str) -> tuple[list[Subject], list[str], str | None]:
    subjects = list(entry.subjects)
    keywords = list(entry.keywords)
    section = entry.section
    others = 0
    for term, scheme, label in entry.categories:
        if scheme == MEDIATOPIC or (scheme or "").startswith(SUBJECT_SCHEME):
            alias = "medtop" if scheme == MEDIATOPIC else (scheme or "")[len(SUBJECT_SCHEME) :]
            if C.text().test(alias):
                subjects.append(Subject(scheme=alias, code=term, label=label))
                continue
        if scheme == SECTION_SCHEME:
            section = section or term
            continue
        if scheme:
            others += 1
        keywords.append(label or term)
    if others:
        warn(
            f"{others} categories of other schemes read as keywords",
            code="unmapped",
            where=f"{where}.categories",
        )
    return subjects, list(dict.fromkeys(keywords)), section


def _fetch(link: str, where: str) -> Article | None:
    from newsdoc.fetch import read_page

    try:
        found = read_page(link, timeout=30)
    except NewsdocError as exc:
        warn(
            f"the entry's page could not be read ({str(exc)[:120]}); read from the feed",
            code="dropped",
            where=where,
        )
        return None
    return found if isinstance(found, Article) else None


def _merge(page: Article, entry: RawEntry, where: str) -> Article:
    """The article of an entry's page, with what the feed says where the page is silent."""
    changes: dict[str, Any] = {}
    if page.published is None:
        changes["published"] = _when(entry.published, f"{where}.published")
    if not page.bylines and entry.authors:
        changes["bylines"] = [Person(name=n) for n, _ in entry.authors if C.text().test(n)]
    return attrs.evolve(page, **{k: v for k, v in changes.items() if v})
