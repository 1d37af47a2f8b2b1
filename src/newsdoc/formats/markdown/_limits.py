"""Checks of a Markdown body before it is parsed: the limits, and characters no format can
carry (removed, each line that held one named in a warning)."""

from __future__ import annotations

import re

from newsdoc.diagnostics import warn
from newsdoc.errors import LimitError
from newsdoc.limits import current
from newsdoc.model import checks as C

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")
_MOST_WARNINGS = 10


def _checked_body(body: str, offset: int, source: str | None) -> str:
    """The body without the characters no format can carry (each line that held one is
    named in a warning), after refusing it if it is beyond the limits."""
    limits = current()
    starts = [0]
    for blank in _BLANK_LINES.finditer(body):
        starts.append(blank.end())
        if len(starts) > limits.max_blocks:
            raise LimitError(
                f"the body holds more than {limits.max_blocks} blocks (max_blocks)", source
            )
        if blank.start() - starts[-2] > limits.max_text_length:
            _too_long(body, starts[-2], offset, source)
    if len(body) - starts[-1] > limits.max_text_length:
        _too_long(body, starts[-1], offset, source)
    if C.BAD_CHARS.search(body) is None:
        return body
    for warned, bad in enumerate(C.BAD_CHARS.finditer(body)):
        if warned == _MOST_WARNINGS:
            warn("further characters no format can carry removed", code="dropped")
            break
        line = body.count("\n", 0, bad.start()) + offset + 1
        note = C.bad_char_note(body[body.rfind("\n", 0, bad.start()) + 1 : bad.end()])
        warn(f"{note}: removed", code="dropped", where=f"line {line}")
    return C.strip_bad_chars(body)


def _too_long(body: str, start: int, offset: int, source: str | None) -> None:
    limit = current().max_text_length
    line = body.count("\n", 0, start) + offset + 1
    raise LimitError(
        f"the block starting at line {line} is longer than {limit} characters (max_text_length)",
        source,
    )
