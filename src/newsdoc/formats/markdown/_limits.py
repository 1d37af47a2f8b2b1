"""Checks of a Markdown body before and while it is parsed: the limits, and characters no
format can carry (removed, each line that held one named in a warning).

A GFM table's header row sets its number of columns and every later line of the table is
filled up to it, so a header of 1,000 columns over lines of one character each makes 1,000
cells a line: :func:`count_table_cells` counts the cells of each table as markdown-it reads
it, and refuses the body once all its tables hold more than ``max_table_cells``, before any
cell's text is parsed.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock

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
    rest = body[start:]
    start += len(rest) - len(rest.lstrip(" \t\n"))  # the block's first line, not a blank one
    line = body.count("\n", 0, start) + offset + 1
    raise LimitError(
        f"the block starting at line {line} is longer than {limit} characters (max_text_length)",
        source,
    )


# The rules a table may interrupt, as markdown-it registers its table rule.
_TABLE_INTERRUPTS = ["paragraph", "reference"]


def count_table_cells(md: MarkdownIt, offset: int, source: str | None) -> None:
    """Make ``md``'s table rule count the cells of each table it reads (header cells and the
    cells it fills in alike) and raise :class:`~newsdoc.errors.LimitError` once the tables of
    one body hold more than ``max_table_cells``. One table is bounded by markdown-it itself
    (at most 65,536 cells filled in) and by ``max_text_length``, so the count is checked
    after each table, before the text of any cell is parsed. ``offset`` is the number of
    lines before the body (the front matter's), for the line the message names."""
    from markdown_it.rules_block import table

    limit = current().max_table_cells
    counted = [0]

    def rule(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        first = len(state.tokens)
        if not table(state, start, end, silent):
            return False
        if not silent:
            tokens = state.tokens
            counted[0] += sum(1 for i in range(first, len(tokens)) if tokens[i].type == "inline")
            if counted[0] > limit:
                raise LimitError(
                    f"the tables hold more than {limit} cells (max_table_cells): "
                    f"{counted[0]} by the end of the table at line {start + offset + 1}",
                    source,
                )
        return True

    md.block.ruler.at("table", rule, {"alt": _TABLE_INTERRUPTS})
