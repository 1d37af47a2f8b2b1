"""Front matter as static-site generators write it (Jekyll, Hugo, Pandoc...), mapped onto the
model.

newsdoc's own keys (the field names of newsdoc JSON) are taken as they are and checked
strictly by the JSON reader. The keys other tools use are mapped, each value read leniently,
and whatever is assumed or left out is reported (:func:`newsdoc.diagnostics.warn`):

====================================================  ==========================================
key                                                   article field
====================================================  ==========================================
``title``                                             ``headline``
``subtitle``                                          ``subheadline``
``description``, ``excerpt``, ``abstract``            ``summary``
``date``, ``publishDate``, ``pubDate``                ``published``
``updated``, ``lastmod``, ``last_modified_at``,       ``updated``
``modified``
``author``, ``authors`` (a name, a list of names,     ``bylines`` (``name``, ``role``,
or of maps with ``name``, ``role``, ``affiliation``,  ``affiliation``, ``url``)
``url``/``website``)
``tags``, ``keywords``, ``categories``                ``keywords`` (all of them, once each)
``categories`` (the first)                            ``section``, unless one is given
``slug``                                              ``slug``
``image``, ``images`` (the first), ``cover``,         ``lead_image`` (a path or URL, or a map
``featured_image``, ``thumbnail``                     with ``src``/``path``/``image``, ``alt``,
                                                      ``caption``, ``credit``, ``width``,
                                                      ``height``)
``lang``                                              ``language``
``draft: true``                                       ``status: withheld``
``canonical``, ``canonicalURL``                       ``canonical_url``
====================================================  ==========================================

Dates are read in the forms these tools write: ISO 8601 with or without a ``T``, an offset
written ``+04:00`` or ``+0400`` (Jekyll), a date alone, ``4 May 2026``, ``May 4, 2026`` and
``2026/05/04``; one without a time zone is taken as UTC and reported (``assumed``).
``published``, ``created`` and ``embargo`` are newsdoc's own and must carry a time zone.
A value that cannot be used is left out with a ``dropped`` warning; a key with no place in
the article (``layout``, ``weight``, ``toc``...) with an ``unmapped`` one naming it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.language import is_valid_language_tag
from newsdoc.model import checks as C

__all__ = [
    "NEWSDOC_KEYS",
    "assumed_id",
    "image_fields",
    "map_front_matter",
    "parse_loose_datetime",
]

#: The keys of newsdoc's own front matter: newsdoc JSON's article fields, ``sections`` aside.
NEWSDOC_KEYS = frozenset(
    {
        "id",
        "headline",
        "version",
        "subheadline",
        "slug",
        "summary",
        "bylines",
        "dateline",
        "created",
        "published",
        "updated",
        "language",
        "section",
        "genre",
        "subjects",
        "keywords",
        "lead_image",
        "key_points",
        "related",
        "publisher",
        "source",
        "canonical_url",
        "rights",
        "corrections",
        "embargo",
        "urgency",
        "status",
    }
)
# Each field and the other tools' keys for it, in order of preference.
_ALIASES: dict[str, tuple[str, ...]] = {
    "headline": ("title",),
    "subheadline": ("subtitle",),
    "summary": ("description", "excerpt", "abstract"),
    "published": ("date", "publishDate", "pubDate"),
    "updated": ("lastmod", "last_modified_at", "modified"),
    "bylines": ("authors", "author"),
    "lead_image": ("image", "images", "cover", "featured_image", "thumbnail"),
    "language": ("lang",),
    "canonical_url": ("canonical", "canonicalURL"),
}
_LINE = C.line()
_TEXT = C.text()
_RESOURCE = C.resource()
_HTTP = C.http_url()
_JEKYLL = re.compile(
    r"(\d{4}-\d\d-\d\d)(?:[ T](\d\d:\d\d(?::\d\d(?:\.\d+)?)?)\s*(Z|[+-]\d\d:?\d\d)?)?", re.I
)
_WRITTEN_DATES = ("%d %B %Y", "%B %d, %Y", "%d %b %Y", "%b %d, %Y", "%Y/%m/%d", "%B %d %Y")


def map_front_matter(meta: dict[str, Any]) -> dict[str, Any]:
    """``meta`` with the other tools' keys mapped onto newsdoc's (see the module docstring);
    keys with no place in the article are left out, each reported."""
    out: dict[str, Any] = {}
    used: set[str] = set()
    for field, aliases in _ALIASES.items():
        present = [key for key in (field, *aliases) if key in meta]
        used.update(present)
        if not present:
            continue
        first, rest = present[0], present[1:]
        for key in rest:
            warn(
                f"front matter key {key!r} left out: {first!r} gives the {field}",
                code="dropped",
                where=key,
            )
        if first == field and field != "updated":
            out[field] = meta[first]  # newsdoc's own key: checked strictly later
            continue
        value = _READERS[field](meta[first], first)
        if value is not None:
            out[field] = value
    _keywords(meta, out, used)
    _draft(meta, out, used)
    for key, value in meta.items():
        if key in used:
            continue
        if key in NEWSDOC_KEYS:
            out[key] = value
        else:
            warn(
                f"front matter key {key[:40]!r} has no place in the article; left out",
                code="unmapped",
                where=key[:40],
            )
    return out


_NOT_WORD = re.compile(r"[^\w]+")
_JEKYLL_NAME = re.compile(r"^\d{4}-\d\d-\d\d-")


def assumed_id(meta: dict[str, Any], source: str | None) -> str:
    """An id for an article whose front matter gives none (reported): its canonical URL, else
    a URN made of its slug, its file's name (less a Jekyll date) or its headline.

    >>> from newsdoc.diagnostics import collect
    >>> with collect():
    ...     assumed_id({"headline": "Night train returns"}, "_posts/2026-05-04-night-train.md")
    'urn:newsdoc:markdown:night-train'
    """
    url = meta.get("canonical_url")
    if isinstance(url, str) and _HTTP.test(url):
        found = url
    else:
        stem = None
        if source:
            stem = _JEKYLL_NAME.sub("", source.replace("\\", "/").rsplit("/", 1)[-1])
            stem = stem.rsplit(".", 1)[0] if "." in stem else stem
        for candidate in (meta.get("slug"), stem, meta.get("headline")):
            if isinstance(candidate, str):
                slug = _NOT_WORD.sub("-", candidate.lower()).strip("-_")[:80]
                if slug:
                    break
        else:
            slug = "article"
        found = f"urn:newsdoc:markdown:{slug}"
    warn(f"the front matter gives no id; {found!r} assumed", code="assumed", where="id")
    return found


def _drop(key: str, value: Any, why: str) -> None:
    warn(f"{excerpt(value)} {why}; left out", code="dropped", where=key)


def _scalar_text(value: Any) -> str | None:
    """A string as it is written (newsdoc's own values must round-trip), a number as text."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, str | int | float):
        return str(value)
    return None


def _text(value: Any, key: str) -> str | None:
    text = _scalar_text(value)
    if text is None or not _TEXT.test(text):
        _drop(key, value, "is not text")
        return None
    return text


def _line(value: Any, key: str) -> str | None:
    text = _scalar_text(value)
    if text is None or not _LINE.test(text):
        _drop(key, value, "is not text on one line")
        return None
    return text


def parse_loose_datetime(value: Any, key: str) -> str | None:
    """The ISO 8601 date-time (with a UTC offset) a date written by hand gives, or ``None``
    (reported). A date or time without a zone is taken as UTC, and reported.

    >>> parse_loose_datetime("2026-05-04 09:30:00 +0400", "date")
    '2026-05-04T09:30:00+04:00'
    """
    if isinstance(value, dt.datetime):
        parsed: dt.datetime | None = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, str) and len(value) <= 64:
        parsed = _parse_date_text(value.strip())
    else:
        parsed = None
    if parsed is None:
        _drop(key, value, "is not a date this reader knows")
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=dt.UTC)
        warn(f"{excerpt(str(value))} has no time zone; UTC assumed", code="assumed", where=key)
    if not C.datetime_ok(parsed):
        _drop(key, value, "is not a date-time every format can carry")
        return None
    return parsed.isoformat()


def _parse_date_text(text: str) -> dt.datetime | None:
    found = _JEKYLL.fullmatch(text)
    if found is not None:
        day, time, zone = found.groups()
        iso = day + (f"T{time}" if time else "") + (zone.upper() if zone else "")
        try:
            return dt.datetime.fromisoformat(iso)
        except ValueError:
            return None
    for pattern in _WRITTEN_DATES:
        try:
            return dt.datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _people(value: Any, key: str) -> list[dict[str, str]] | None:
    items = value if isinstance(value, list) else [value]
    people = []
    for index, item in enumerate(items):
        where = f"{key}[{index}]" if isinstance(value, list) else key
        person = _person(item, where)
        if person is not None:
            people.append(person)
    return people or None


_PERSON_KEYS = {
    "name": "name",
    "display_name": "name",
    "role": "role",
    "affiliation": "affiliation",
    "url": "url",
    "website": "url",
    "homepage": "url",
    "link": "url",
}


def _person(item: Any, where: str) -> dict[str, str] | None:
    if not isinstance(item, dict):
        name = _line(item, where)
        return None if name is None else {"name": name}
    person: dict[str, str] = {}
    for sub, value in item.items():
        field = _PERSON_KEYS.get(sub)
        if field is None or field in person:
            warn(f"author key {sub[:40]!r} left out", code="unmapped", where=f"{where}.{sub}")
            continue
        if field == "affiliation" and isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        text = _line(value, f"{where}.{sub}")
        if text is None:
            continue
        if field == "url" and not _HTTP.test(text):
            _drop(f"{where}.{sub}", text, "is not an http(s) URL")
            continue
        person[field] = text
    if "name" not in person:
        if person:
            warn("an author without a name left out", code="dropped", where=where)
        return None
    return person


_IMAGE_KEYS = {
    "src": "src",
    "path": "src",
    "image": "src",
    "url": "src",
    "alt": "alt",
    "caption": "caption",
    "credit": "credit",
    "width": "width",
    "height": "height",
}


def image_fields(value: Any, key: str) -> dict[str, Any] | None:
    if isinstance(value, list):
        if not value:
            return None
        for index in range(1, len(value)):
            _drop(f"{key}[{index}]", value[index], "is not the first picture")
        value = value[0]
        key = f"{key}[0]"
    found: dict[str, Any] = {}
    if isinstance(value, dict):
        for sub, item in value.items():
            field = _IMAGE_KEYS.get(sub)
            if field is None or field in found:
                warn(f"picture key {sub[:40]!r} left out", code="unmapped", where=f"{key}.{sub}")
            elif field in ("width", "height"):
                size = item if type(item) is int else C.parse_int(_scalar_text(item))
                if size is None or not 1 <= size <= C.MAX_INT:
                    _drop(f"{key}.{sub}", item, "is not a size in pixels")
                else:
                    found[field] = size
            else:
                text = _text(item, f"{key}.{sub}") if field != "alt" else _scalar_text(item)
                if text is not None:
                    found[field] = text
    else:
        text = _scalar_text(value)
        if text:
            found["src"] = text
    if not _RESOURCE.test(found.get("src")):
        _drop(key, value, "names no picture")
        return None
    if "alt" not in found:
        found["alt"] = ""
        warn("the picture has no alt text; taken as decorative", code="assumed", where=key)
    return found


def _language(value: Any, key: str) -> str | None:
    text = _scalar_text(value)
    tag = None if text is None else text.strip().replace("_", "-")
    if tag is None or not is_valid_language_tag(tag):
        _drop(key, value, "is not a BCP 47 language tag")
        return None
    return tag


def _url(value: Any, key: str) -> str | None:
    text = _scalar_text(value)
    if text is None or not _HTTP.test(text):
        _drop(key, value, "is not an absolute http(s) URL")
        return None
    return text


def _words(value: Any, key: str, *, split_spaces: bool) -> list[str]:
    if isinstance(value, str):
        separator = "," if ("," in value or not split_spaces) else None
        items: list[Any] = [part.strip() for part in value.split(separator) if part.strip()]
    elif isinstance(value, list):
        items = value
    else:
        items = [value]
    found = []
    for item in items:
        text = _line(item, key)
        if text is not None:
            found.append(text)
    return found


def _keywords(meta: dict[str, Any], out: dict[str, Any], used: set[str]) -> None:
    """``keywords``, ``tags`` and ``categories`` together; the first category is the section
    unless one is given (Jekyll separates tags in a string with spaces, Pandoc with commas)."""
    words: list[str] = []
    for key in ("keywords", "tags", "categories", "category"):
        if key in meta:
            used.add(key)
            found = _words(meta[key], key, split_spaces=key != "keywords")
            if key in ("categories", "category") and found and "section" not in meta:
                out["section"] = found[0]
            # newsdoc's own list is kept as it is; other keys add only what is new
            words += found if key == "keywords" else [w for w in found if w not in words]
    if words:
        out["keywords"] = words


def _draft(meta: dict[str, Any], out: dict[str, Any], used: set[str]) -> None:
    if "draft" not in meta:
        return
    used.add("draft")
    value = meta["draft"]
    if not isinstance(value, bool):
        _drop("draft", value, "is not true or false")
    elif value and "status" not in meta:
        out["status"] = "withheld"
    elif value:
        warn("draft left out: 'status' gives the status", code="dropped", where="draft")


_READERS: dict[str, Any] = {
    "headline": _text,
    "subheadline": _text,
    "summary": _text,
    "published": parse_loose_datetime,
    "updated": parse_loose_datetime,
    "bylines": _people,
    "lead_image": image_fields,
    "language": _language,
    "canonical_url": _url,
}
