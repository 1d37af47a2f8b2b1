"""When a line break ends a paragraph, and when it is a line break: one rule for every reader.

Wire copy often comes as one ``<p>`` whose paragraphs are kept apart by ``<br/>`` (or as
plain text with one paragraph a line). A line break is also a real line break in a poem, an
address or a list of scores. :func:`paragraphs_of` tells them apart by the lines' shape:

1. An empty line (two breaks in a row, or a blank line of plain text) always ends a
   paragraph.
2. Between empty lines, the lines are **separate paragraphs** when they read as prose: every
   line but the last ends a sentence (``.``, ``!``, ``?``, ``…``, ``:`` or ``;``, perhaps
   followed by a closing quote or bracket) and the lines are on average at least
   :data:`PROSE_LINE` characters long.
3. In plain text (``soft_wraps=True``) lines that are all, but the last, at least
   :data:`WRAP_LINE` characters long and do not all end sentences are prose wrapped to a
   width: they are joined with spaces into one paragraph.
4. Otherwise they are **one paragraph** that keeps its line breaks (short lines, or lines
   that do not end sentences: verse, addresses, timetables, results).

>>> from newsdoc.model.inline import LineBreak, Text, plain_text
>>> prose = (Text(text="The night train leaves Yerevan at 21:40 on four days a week, "
...                     "and the first one is already full."),
...          LineBreak(),
...          Text(text="Tickets go on sale at the station and online from Monday, the "
...                    "railway said."))
>>> [plain_text(p)[:22] for p in paragraphs_of(prose)]
['The night train leaves', 'Tickets go on sale at ']
>>> verse = (Text(text="The rails are cold"), LineBreak(), Text(text="the station sleeps"))
>>> len(paragraphs_of(verse))
1
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsdoc.model import checks as C
from newsdoc.model.inline import Inline, LineBreak, Text, plain_text

__all__ = ["PROSE_LINE", "WRAP_LINE", "paragraphs_of", "text_paragraphs"]

#: The mean length, in characters, from which lines that end sentences are paragraphs.
PROSE_LINE = 80
#: The length, in characters, from which plain-text lines are taken for wrapped prose.
WRAP_LINE = 50
_ENDS_SENTENCE = re.compile(r"[.!?…:;。！？][\"'”’»)\]]*$")
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def _trim(line: list[Inline]) -> tuple[Inline, ...]:
    """``line`` without the white space at its two ends."""
    nodes = list(line)
    while nodes and type(nodes[0]) is Text and not nodes[0].text.strip():
        nodes.pop(0)
    while nodes and type(nodes[-1]) is Text and not nodes[-1].text.strip():
        nodes.pop()
    if nodes and type(nodes[0]) is Text:
        nodes[0] = Text(text=nodes[0].text.lstrip())
    if nodes and type(nodes[-1]) is Text:
        nodes[-1] = Text(text=nodes[-1].text.rstrip())
    return tuple(nodes)


def _join(lines: list[tuple[Inline, ...]], separator: Inline) -> tuple[Inline, ...]:
    joined: list[Inline] = []
    for line in lines:
        if joined:
            joined.append(separator)
        joined.extend(line)
    merged: list[Inline] = []
    for node in joined:  # neighbouring text runs become one
        if type(node) is Text and merged and type(merged[-1]) is Text:
            merged[-1] = Text(text=merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def _is_prose(texts: list[str]) -> bool:
    mean = sum(len(t) for t in texts) / len(texts)
    return mean >= PROSE_LINE and all(_ENDS_SENTENCE.search(t) for t in texts[:-1])


def paragraphs_of(nodes: Sequence[Inline], *, soft_wraps: bool = False) -> list[tuple[Inline, ...]]:
    """The paragraphs the line-broken inline ``nodes`` hold (see the module's rule); a run
    without line breaks is one paragraph, as it is."""
    if not any(isinstance(node, LineBreak) for node in nodes):
        return [tuple(nodes)] if nodes else []
    groups: list[list[tuple[Inline, ...]]] = [[]]
    line: list[Inline] = []
    for node in [*nodes, LineBreak()]:
        if not isinstance(node, LineBreak):
            line.append(node)
            continue
        trimmed = _trim(line)
        line = []
        if plain_text(trimmed).strip():
            groups[-1].append(trimmed)
        elif groups[-1]:
            groups.append([])
    found: list[tuple[Inline, ...]] = []
    for group in groups:
        if not group:
            continue
        texts = [plain_text(one).strip() for one in group]
        if len(group) == 1:
            found.append(group[0])
        elif _is_prose(texts):
            found.extend(group)
        elif soft_wraps and all(len(t) >= WRAP_LINE for t in texts[:-1]):
            found.append(_join(group, Text(text=" ")))
        else:
            found.append(_join(group, LineBreak()))
    return found


def text_paragraphs(text: str) -> list[tuple[Inline, ...]]:
    """The paragraphs of plain text (a wire story's CDATA body), by the same rule: blank
    lines end paragraphs; lines between them are paragraphs, wrapped prose, or lines.

    >>> [plain_text(p) for p in text_paragraphs("ROME, 3 March\\n\\nThe ferry runs again.\\n")]
    ['ROME, 3 March', 'The ferry runs again.']
    """
    nodes: list[Inline] = []
    text = C.strip_bad_chars(text).replace("\r\n", "\n").replace("\r", "\n")
    for number, chunk in enumerate(_BLANK_LINE.split(text)):
        if number:
            nodes.extend((LineBreak(), LineBreak()))
        for index, line in enumerate(chunk.split("\n")):
            if index:
                nodes.append(LineBreak())
            words = " ".join(line.split())
            if words:
                nodes.append(Text(text=words))
    return paragraphs_of(nodes, soft_wraps=True)
