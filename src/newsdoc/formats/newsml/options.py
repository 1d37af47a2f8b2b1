"""The options of IPTC NewsML-G2."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import attrs

from newsdoc.options import Options, option

__all__ = ["NewsmlOptions"]


def _aware(value: dt.datetime) -> None:
    if value.utcoffset() is None:
        raise ValueError("expected a date-time with a time zone")


@attrs.frozen(kw_only=True)
class NewsmlOptions(Options):
    """Options of the ``newsml`` format."""

    body: Literal["nitf", "xhtml"] = option(
        "nitf", help="[newsml] The body's markup inside inlineXML."
    )
    collection_as: Literal["message", "package"] = option(
        "message", help="[newsml] A collection as a newsMessage or a packageItem."
    )
    sent: dt.datetime | None = option(
        None,
        help="The newsMessage's transmission date-time (default: now).",
        cli=False,
        check=_aware,
    )
