"""Language tags and text direction.

newsdoc keeps languages as BCP 47 tags (RFC 5646), such as ``en``, ``hy-AM``, ``sr-Latn`` or
``ar-EG``. This module checks that a tag is well formed and tells which way its script runs,
so every writer can set ``lang`` and ``dir`` (or their equivalents) without guessing.

- :func:`is_valid_language_tag` checks a tag against the RFC 5646 grammar.
- :func:`direction_of` gives ``"rtl"`` or ``"ltr"`` for a tag.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

__all__ = ["RTL_LANGUAGES", "RTL_SCRIPTS", "direction_of", "is_valid_language_tag"]

Direction = Literal["ltr", "rtl"]

# RFC 5646, section 2.1: langtag / privateuse / grandfathered, case-insensitive. The primary
# language subtags of 4 to 8 letters that the grammar reserves have no registrations, so they
# are refused: "english" is a name, not a tag.
_LANGTAG = r"""
    (?P<language>[a-z]{2,3}(?:-[a-z]{3}){0,3})
    (?:-(?P<script>[a-z]{4}))?
    (?:-(?P<region>[a-z]{2}|[0-9]{3}))?
    (?P<variants>(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)
    (?P<extensions>(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*)
    (?:-x(?:-[a-z0-9]{1,8})+)?
"""
_PRIVATEUSE = r"x(?:-[a-z0-9]{1,8})+"
_GRANDFATHERED = (
    r"en-gb-oed|i-ami|i-bnn|i-default|i-enochian|i-hak|i-klingon|i-lux|i-mingo|i-navajo|i-pwn"
    r"|i-tao|i-tay|i-tsu|sgn-be-fr|sgn-be-nl|sgn-ch-de|art-lojban|cel-gaulish|no-bok|no-nyn"
    r"|zh-guoyu|zh-hakka|zh-min|zh-min-nan|zh-xiang"
)
_TAG_RE = re.compile(
    rf"^(?:{_GRANDFATHERED}|{_PRIVATEUSE}|{_LANGTAG})$", re.IGNORECASE | re.VERBOSE
)

#: The same grammar as a JSON Schema pattern (no inline flags, no verbose mode).
SCHEMA_PATTERN = (
    "^(?:"
    + "|".join(
        re.sub(r"\?P<\w+>", "?:", re.sub(r"\s+", "", part)).replace("a-z", "A-Za-z")
        for part in (_GRANDFATHERED, _PRIVATEUSE, _LANGTAG)
    ).replace("i-", "[Ii]-")
    + ")$"
)

#: Scripts (ISO 15924) written right to left.
RTL_SCRIPTS = frozenset(
    {
        "adlm",
        "arab",
        "aran",
        "armi",
        "hebr",
        "mand",
        "mani",
        "nkoo",
        "phnx",
        "rohg",
        "samr",
        "syrc",
        "thaa",
        "yezi",
    }
)
#: Languages whose default script is written right to left.
RTL_LANGUAGES = frozenset(
    {
        "ar",
        "arc",
        "azb",
        "ckb",
        "dv",
        "fa",
        "he",
        "iw",
        "ji",
        "khw",
        "ks",
        "lrc",
        "mzn",
        "nqo",
        "pnb",
        "ps",
        "sd",
        "syr",
        "ug",
        "ur",
        "yi",
    }
)


def is_valid_language_tag(tag: str) -> bool:
    """Tell whether ``tag`` is a well-formed BCP 47 language tag.

    >>> is_valid_language_tag("hy-AM"), is_valid_language_tag("english")
    (True, False)
    """
    return type(tag) is str and len(tag) <= 256 and _check(tag)


@lru_cache(maxsize=512)
def _check(tag: str) -> bool:
    if not _TAG_RE.fullmatch(tag):
        return False
    # A singleton (extension letter) may not repeat, and variants may not repeat.
    subtags = tag.lower().split("-")
    if "x" in subtags:
        subtags = subtags[: subtags.index("x")]
    singletons = [s for s in subtags[1:] if len(s) == 1]
    return len(singletons) == len(set(singletons))


@lru_cache(maxsize=512)
def direction_of(tag: str) -> Direction:
    """Return the text direction of the language tag ``tag``.

    An explicit script subtag decides (``az-Arab`` is right to left, ``ku-Latn`` left to
    right); otherwise the language's usual script does.

    >>> direction_of("he"), direction_of("ar-EG"), direction_of("hy"), direction_of("az-Arab")
    ('rtl', 'rtl', 'ltr', 'rtl')
    """
    subtags = tag.lower().split("-")
    for subtag in subtags[1:]:
        if subtag == "x":
            break
        if len(subtag) == 4 and subtag.isalpha():
            return "rtl" if subtag in RTL_SCRIPTS else "ltr"
    return "rtl" if subtags[0] in RTL_LANGUAGES else "ltr"
