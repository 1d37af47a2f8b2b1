"""Font coverage for the PDF writer: a warning, naming the script, when a document's text is
in no font the style sheets name.

WeasyPrint never fails on a missing glyph: fontconfig sets the text in whatever installed font
covers it (DejaVu Sans Bold for an Arabic headline), or prints empty boxes when none does.
:func:`check_coverage` says so out loud, through :func:`newsdoc.diagnostics.warn` (code
``font``), once per script. It asks fontconfig (``fc-list``) for the character set of each
family the style sheets name, once per process, so a document costs a set of its distinct
characters and a few look-ups; without ``fc-list`` it checks nothing.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache

from newsdoc.diagnostics import warn

__all__ = ["check_coverage", "families", "missing_scripts"]

_GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "emoji", "math"}
_DECLARATION = re.compile(r"font-family\s*:\s*([^;}]+)", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
# The first font of the body text, which the layouts are designed for, and its package.
_DESIGNED_FOR = ("Noto Serif", "fonts-noto-core")


@lru_cache(maxsize=32)
def families(css: str) -> tuple[str, ...]:
    """The font families a style sheet names, in order of first mention, generic ones left out.

    >>> families('h1 { font-family: "Noto Sans", Arial, sans-serif; } p { font-family: Arial }')
    ('Noto Sans', 'Arial')
    """
    found: dict[str, None] = {}
    for declaration in _DECLARATION.findall(css):
        for name in declaration.split(","):
            family = name.strip().strip("\"'").strip()
            if family and family.lower() not in _GENERIC and "var(" not in family:
                found.setdefault(family, None)
    return tuple(found)


@cache
def _fc_list() -> str | None:
    return shutil.which("fc-list")


@lru_cache(maxsize=256)
def _charset(family: str) -> tuple[int, ...] | None:
    """The code points ``family`` covers, as sorted range bounds (start, end + 1, ...), or
    ``None`` when no font of that family is installed (or fontconfig cannot be asked)."""
    command = _fc_list()
    if command is None:
        return None
    try:
        listed = subprocess.run(
            [command, "--format", "%{charset}\n", family],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    ranges: list[tuple[int, int]] = []
    for token in listed.split():
        start, _, end = token.partition("-")
        try:
            ranges.append((int(start, 16), int(end or start, 16) + 1))
        except ValueError:
            continue
    if not ranges:
        return None
    merged: list[int] = []
    for low, high in sorted(ranges):
        if merged and low <= merged[-1]:
            merged[-1] = max(merged[-1], high)
        else:
            merged.extend((low, high))
    return tuple(merged)


def _covers(bounds: tuple[int, ...], char: str) -> bool:
    return bisect_right(bounds, ord(char)) % 2 == 1


def _script(char: str) -> str | None:
    """The script of a letter, from its Unicode name ("ARABIC LETTER ALEF" is Arabic)."""
    if not char.isalpha():
        return None
    name = unicodedata.name(char, "")
    if not name:
        return None
    word = name.split(" ", 1)[0]
    if word in {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}:
        return {"CJK": "Han"}.get(word, word.title())
    return word.title()


def missing_scripts(text: str, named: Iterable[str]) -> dict[str, list[str]]:
    """The letters of ``text`` that no installed font of the ``named`` families covers, by
    script; empty when every letter is covered or fontconfig cannot be asked.

    >>> missing_scripts("abc", ["No Such Font Family"]) in ({"Latin": ["a", "b", "c"]}, {})
    True
    """
    if _fc_list() is None:
        return {}
    charsets = [c for c in (_charset(f) for f in named) if c is not None]
    missing: dict[str, list[str]] = {}
    for char in sorted(set(text)):
        script = _script(char)
        if script is None or any(_covers(bounds, char) for bounds in charsets):
            continue
        missing.setdefault(script, []).append(char)
    return missing


@lru_cache(maxsize=64)
def _fallback(char: str) -> str | None:
    """The installed family fontconfig picks for ``char``, if any font covers it."""
    command = _fc_list()
    if command is None:
        return None
    try:
        listed = subprocess.run(
            [command, "--format", "%{family[0]}\n", f":charset={ord(char):x}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    if not listed.strip():
        return None
    matcher = shutil.which("fc-match")
    if matcher is None:
        return min(line.strip() for line in listed.splitlines() if line.strip())
    try:
        chosen = subprocess.run(
            [matcher, "--format", "%{family[0]}", f":charset={ord(char):x}"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return chosen or None


def check_coverage(page: str, style_sheets: Iterable[str]) -> None:
    """Warn, naming the script, for each script of ``page`` (the HTML WeasyPrint prints) that
    no installed font of the ``style_sheets``' families covers; and when the font the layouts
    are designed for is not installed."""
    named: dict[str, None] = {}
    for css in style_sheets:
        named.update(dict.fromkeys(families(css)))
    if not named or _fc_list() is None:
        return
    designed, package = _DESIGNED_FOR
    if designed in named and _charset(designed) is None:
        warn(
            f"the font {designed} is not installed: the text is set in the next font the "
            f"style sheets name, and the pages look different (install {package})",
            code="font",
        )
    text = _TAG.sub(" ", page)
    for script, chars in missing_scripts(text, tuple(named)).items():
        sample = "".join(chars[:5])
        fallback = _fallback(chars[0])
        where = (
            f"it falls back to {fallback}"
            if fallback
            else "no installed font covers it, so it prints as empty boxes"
        )
        warn(
            f"text in the {script} script ({sample!r}) is in no font the style sheets name: "
            f"{where}",
            code="font",
        )
