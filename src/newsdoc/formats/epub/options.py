"""The options of the EPUB 3 writer: the HTML renderer's, and the book's date."""

from __future__ import annotations

import datetime as dt

import attrs

from newsdoc.options import option
from newsdoc.render.options import RenderOptions

__all__ = ["EpubOptions"]


def _aware(value: dt.datetime) -> None:
    from newsdoc.model.checks import datetime_ok

    if not datetime_ok(value):
        raise ValueError(
            "expected a date-time with a time zone, its UTC offset in whole minutes up to "
            "±14:00, within the years 1 to 9999 in UTC"
        )


@attrs.frozen(kw_only=True)
class EpubOptions(RenderOptions):
    """Options of the ``epub`` format."""

    modified: dt.datetime | None = option(
        None,
        help="The book's dcterms:modified (default: the latest date of its articles).",
        cli=False,
        check=_aware,
    )
