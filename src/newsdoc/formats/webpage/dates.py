"""Dates as pages write them, read into date-times, or left out with a warning.

Pages give dates in ISO 8601 (``2026-04-20T09:00:00+04:00``, ``2026-04-20 09:00``,
``20260420``), as in e-mail (``Mon, 20 Apr 2026 09:00:00 GMT``) or in words
(``April 20, 2026 9:00 AM EDT``). A value that is no date at all (``0000-00-00``,
``2026-02-30``, a year before 1000) is reported with :func:`~newsdoc.diagnostics.warn` and left
out; it never stops the page from being read. A zone given only by an ambiguous abbreviation
(``IST`` is India, Ireland or Israel) is not guessed: the value counts as having no zone, and
:func:`complete_zones` gives it the page's zone or UTC, with a warning.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.formats.webpage.tree import clean

__all__ = ["complete_zones", "is_day", "parse_datetime"]

_ISO_DATE = re.compile(r"^(\d{4})-?(\d\d)-?(\d\d)$")
_ISO = re.compile(
    r"^(\d{4})-(\d\d)-(\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d)(?:[.,](\d{1,9}))?)?)?"
    r"\s*(Z|[+-]\d\d(?::?\d\d)?)?$",
    re.IGNORECASE,
)
_LABEL = re.compile(
    r"^\s*(?:last\s+)?(?:updated|published|posted|modified|created|date|on)\s*:?\s+", re.I
)
_LONGEST = 80
_FIRST_YEAR, _LAST_YEAR = 1000, 9998


def _zone(text: str | None) -> dt.tzinfo | None:
    if not text:
        return None
    if text.upper() == "Z":
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise ValueError("offset out of range")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _iso(text: str) -> dt.datetime | None:
    """An ISO 8601 date or date-time (raises ``ValueError`` for an impossible one)."""
    found = _ISO.match(text) or _ISO_DATE.match(text)
    if found is None:
        return None
    parts = found.groups()
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    if len(parts) == 3:
        return dt.datetime(year, month, day)
    hour, minute, second = (int(p) if p else 0 for p in parts[3:6])
    fraction = int((parts[6] or "0")[:6].ljust(6, "0"))
    if hour == 24 and minute == second == fraction == 0:  # "24:00" is the end of the day
        base = dt.datetime(year, month, day, tzinfo=_zone(parts[7]))
        return base + dt.timedelta(days=1)
    return dt.datetime(year, month, day, hour, minute, second, fraction, tzinfo=_zone(parts[7]))


def _words(text: str) -> dt.datetime | None:
    """A date written in words or as in e-mail, with dateutil (no zone is ever guessed)."""
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError, OverflowError, AttributeError):
        pass
    from dateutil import parser as dateparser  # type: ignore[import-untyped, unused-ignore]
    from dateutil import tz  # type: ignore[import-untyped, unused-ignore]

    def zones(name: str | None, offset: int | None) -> Any:
        # Only a numeric offset becomes a zone; a name alone ("IST") is not guessed.
        return tz.tzoffset(name, offset) if offset is not None else None

    if not re.search(r"\d{4}", text) or not re.search(r"[A-Za-z]{3}", text):
        return None  # dateutil reads "3" or "12/05" as a date of this year: not a date
    try:
        parsed: dt.datetime = dateparser.parse(text, tzinfos=zones)
    except Exception:  # dateutil raises ValueError, OverflowError and, on odd input, others
        return None
    return parsed


def parse_datetime(
    value: object, *, field: str, origin: str, report: bool = True
) -> dt.datetime | None:
    """``value`` as a date-time (naive when the page gives no zone), or ``None``.

    A value that looks like a date but is not one is reported (``code="dropped"``), unless
    ``report`` is false (a value read only for its time zone).

    >>> parse_datetime("2026-04-20 09:00+0400", field="published", origin="meta").isoformat()
    '2026-04-20T09:00:00+04:00'
    >>> from newsdoc.diagnostics import collect
    >>> with collect() as found:
    ...     parse_datetime("0000-00-00", field="published", origin="json-ld")
    >>> print(found[0])
    published: the page's date '0000-00-00' (json-ld) is not a real date; left out (dropped)
    """
    text = clean(value)
    if text is None:
        return None
    shown = text[:40]
    if len(text) > _LONGEST:
        parsed = None
    else:
        try:
            parsed = _iso(text)
        except (ValueError, OverflowError):
            parsed = None
            impossible = True
        else:
            impossible = False
            if parsed is None:
                parsed = _words(_LABEL.sub("", text))  # "Updated: Feb 17, 2018 8:31 PM"
        if parsed is None and not impossible and not re.search(r"\d", text):
            return None  # words with no date in them ("today"): nothing to report
    if parsed is not None:
        try:
            offset = parsed.utcoffset()
        except ValueError:  # dateutil keeps offsets of a day or more, which are no zone
            offset = dt.timedelta(seconds=1)
        if not (_FIRST_YEAR <= parsed.year <= _LAST_YEAR):
            parsed = None
        elif offset is not None and offset % dt.timedelta(minutes=1):
            parsed = None  # an offset in seconds is no real zone
    if parsed is None and report:
        warn(
            f"the page's date {shown!r} ({origin}) is not a real date; left out",
            code="dropped",
            where=field,
        )
    return parsed


def is_day(value: object) -> bool:
    """Whether ``value`` gives a day and no time (``2026-04-20``, ``20260420``)."""
    text = clean(value)
    return text is not None and _ISO_DATE.match(text) is not None


def complete_zones(
    dates: dict[str, dt.datetime],
    provenance: dict[str, str],
    zones: list[dt.tzinfo],
    days: set[str] | frozenset[str] = frozenset(),
) -> dict[str, dt.datetime]:
    """Give each date-time without a zone the page's zone (the first date-time on the page
    that has one), else UTC, recording ``<field>.timezone`` = ``"page"`` or ``"assumed-utc"``
    and warning (``code="assumed"``); ``days`` are the fields the page gave as a day only
    (their time, midnight, is said to be assumed too)."""
    done: dict[str, dt.datetime] = {}
    for field, value in dates.items():
        if value.utcoffset() is not None:
            done[field] = value
            continue
        if field in days:
            given = f"only the day {value.date().isoformat()}"
            assumed = "00:00 in the zone of its other dates" if zones else "00:00 UTC"
        else:
            given = f"{value.isoformat()} with no time zone"
            assumed = "the zone of its other dates" if zones else "UTC"
        done[field] = value.replace(tzinfo=zones[0] if zones else dt.UTC)
        provenance[f"{field}.timezone"] = "page" if zones else "assumed-utc"
        warn(f"the page gives {given}; {assumed} assumed", code="assumed", where=field)
    return done
