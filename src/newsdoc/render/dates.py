"""Dates in words, in an article's language, for the pages people read.

HTML pages, EPUB chapters, PDF pages and the content of feed entries print a date the way the
article's language writes it ("9 March 2026, 07:45 CET" in British English, "9 марта 2026 г.,
07:45 GMT+1" in Russian), from the Unicode CLDR through Babel; the machine form stays in
``<time datetime>`` and in metadata (:func:`html_datetime`).

The zone is named the way CLDR names it for the language when the date-time carries a named
zone (a :class:`zoneinfo.ZoneInfo`) and CLDR has a short name for it there; otherwise (and
newsdoc's readers give fixed offsets, which name no zone) it is the language's short "GMT"
form of the offset ("GMT+4", "UTC+5:30" in French), and UTC is the language's name for UTC.
A language CLDR does not know is written in English: :func:`date_language` says so, and the
template marks the words ``lang="en"``.

Babel is imported on first use, not when newsdoc starts.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from babel import Locale

__all__ = ["date_language", "date_words", "html_datetime"]

#: The language whose words stand in for one CLDR does not have.
FALLBACK_LANGUAGE = "en"

_ISO_OFFSET = re.compile(r"[+-]\d{4}")


@lru_cache(maxsize=64)
def _locale(language: str) -> tuple[Locale, bool]:
    """The CLDR locale of a BCP 47 language tag, and whether it is the English stand-in.

    The whole tag is tried first (``sr-Latn-RS``, ``en-GB``), then its primary subtag.
    """
    from babel import Locale, UnknownLocaleError

    tags = [language, language.split("-", 1)[0]]
    for tag in tags:
        if not tag or tag.lower() in {"und", "mul", "zxx", "mis"}:
            continue
        try:
            return Locale.parse(tag, sep="-"), False
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return Locale.parse(FALLBACK_LANGUAGE), True


def date_language(language: str) -> str | None:
    """The language of the words :func:`date_words` writes for ``language``, when it is not
    ``language`` itself (CLDR does not know it): ``"en"``; else ``None``.

    >>> date_language("hy-AM"), date_language("tlh")
    (None, 'en')
    """
    return FALLBACK_LANGUAGE if _locale(language)[1] else None


def date_words(value: dt.datetime | dt.date, language: str) -> str:
    """``value`` in words as ``language`` writes it: the long date, and for a date-time the
    short time and the zone.

    >>> import datetime as dt
    >>> plus4 = dt.timezone(dt.timedelta(hours=4))
    >>> date_words(dt.datetime(2026, 5, 4, 9, 30, tzinfo=plus4), "en-GB")
    '4 May 2026, 09:30 GMT+4'
    >>> date_words(dt.datetime(2026, 5, 4, 9, 30, tzinfo=plus4), "hy")
    '2026 թ. մայիսի 4, 09:30 GMT+4'
    >>> date_words(dt.date(2026, 5, 4), "el")
    '4 Μαΐου 2026'
    """
    from babel.dates import format_date, format_time, get_datetime_format

    locale, _ = _locale(language)
    if not isinstance(value, dt.datetime):
        return format_date(value, "long", locale=locale)
    day = format_date(value, "long", locale=locale)
    # The time as it reads on the clock where the date-time was given (no conversion).
    time = format_time(value.replace(tzinfo=None), "short", locale=locale)
    zone = _zone_words(value, locale)
    if zone:
        time = f"{time} {zone}"
    pattern = str(get_datetime_format("long", locale=locale)).replace("'", "")
    return pattern.replace("{0}", time).replace("{1}", day)


def _zone_words(value: dt.datetime, locale: Locale) -> str:
    """The zone of ``value`` as ``locale`` names it: a CLDR short name (``CET``, ``UTC``) or
    the short localized GMT form of the offset (``GMT+4``); ``""`` for a naive date-time."""
    from babel.dates import get_timezone_name

    offset = value.utcoffset()
    if offset is None:
        return ""
    tzinfo = value.tzinfo
    if offset == dt.timedelta(0) and (tzinfo is dt.UTC or str(tzinfo) in {"UTC", "Etc/UTC"}):
        return str(get_timezone_name(value.astimezone(dt.UTC), "short", locale=locale))
    if getattr(tzinfo, "key", None) or getattr(tzinfo, "zone", None):  # a named zone
        try:
            name = str(get_timezone_name(value, "short", locale=locale))
        except (LookupError, ValueError):
            name = ""
        if name and not _ISO_OFFSET.fullmatch(name):
            return name
    return _gmt_short(offset, locale)


def _gmt_short(offset: dt.timedelta, locale: Locale) -> str:
    """CLDR's short localized GMT format of ``offset``: ``GMT+4``, ``GMT-3:30``, ``GMT``."""
    gmt = str(locale.zone_formats.get("gmt", "GMT%s"))
    seconds = int(offset.total_seconds())
    if seconds == 0:
        return gmt.replace("%s", "").strip()
    sign = "+" if seconds > 0 else "-"
    hours, minutes = divmod(abs(seconds) // 60, 60)
    text = f"{sign}{hours}" + (f":{minutes:02d}" if minutes else "")
    if locale.character_order == "right-to-left":
        # A left-to-right mark keeps the sign before the number in right-to-left text, as
        # CLDR's own offset patterns for these languages do ("غرينتش+3", not "غرينتش3+").
        text = "\u200e" + text
    return gmt.replace("%s", text)


def html_datetime(value: dt.datetime | dt.date) -> str:
    """A date or date-time as HTML's ``<time datetime>`` wants it (whole seconds, ``±hh:mm``).

    >>> import datetime as dt
    >>> html_datetime(dt.datetime(2026, 5, 4, 9, 30, 0, 123456, tzinfo=dt.timezone.utc))
    '2026-05-04T09:30:00Z'
    """
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    offset = value.utcoffset()
    if offset is None:
        return value.replace(microsecond=0).isoformat()
    if offset.seconds % 60 or offset.microseconds:  # HTML offsets are whole minutes
        value = value.astimezone(dt.UTC)
        offset = dt.timedelta(0)
    text = value.replace(microsecond=0, tzinfo=None).isoformat()
    if offset == dt.timedelta(0):
        return text + "Z"
    sign = "+" if offset > dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"
