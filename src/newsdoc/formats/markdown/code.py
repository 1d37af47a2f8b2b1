"""Preformatted text in Markdown: fenced code blocks, both ways.

A :class:`~newsdoc.Preformatted` block is written as a fenced code block whose info string
is its ``syntax``; its ``lang`` and ``dir`` go in a block attribute line before the fence, as
on other blocks. The fence is one backtick longer than the longest run of backticks in the
text (at least three), so no line of the text can close it.

Read back, a fenced block gives its text exactly, less the line break that ends its last line;
its info string's first word is the syntax, written bare (``python``), as Pandoc's class
(``{.python}``) or with a ``language-`` prefix. An indented code block is preformatted text
with no syntax. Markdown reads a carriage return as the end of a line, so a ``\\r`` in the
text comes back as a line feed (the writer reports it).
"""

from __future__ import annotations

import re

from newsdoc.diagnostics import warn
from newsdoc.model import Preformatted
from newsdoc.model import checks as C

__all__ = ["fenced", "info_syntax"]

_SYNTAX = C.syntax()
_BACKTICKS = re.compile("`+")


def fenced(block: Preformatted, attributes: str = "", where: str = "") -> str:
    """``block`` as a fenced code block, after its attribute line ``attributes``.

    >>> print(fenced(Preformatted(text="print(1)", syntax="python")))
    ```python
    print(1)
    ```
    """
    if "\r" in block.text:
        warn(
            "Markdown reads a carriage return as a line break; written as one",
            code="lossy",
            where=where or "preformatted",
        )
    longest = max((len(run) for run in _BACKTICKS.findall(block.text)), default=0)
    fence = "`" * max(3, longest + 1)
    info = block.syntax or ""
    return f"{attributes}{fence}{info}\n{block.text}\n{fence}"


def info_syntax(info: str, where: str) -> str | None:
    """The code's language in a fence's info string: its first word, bare, as a Pandoc
    class or after ``language-``; ``None`` when there is none (an unusable one is reported).

    >>> info_syntax("python", ""), info_syntax("{.json .numberLines}", ""), info_syntax("", "")
    ('python', 'json', None)
    """
    words = info.strip().strip("{}").split()
    if not words:
        return None
    word = words[0].lstrip(".")
    for prefix in ("language-", "lang-"):
        if word.startswith(prefix) and len(word) > len(prefix):
            word = word[len(prefix) :]
    if _SYNTAX.test(word):
        return word
    warn(
        f"the code block's language {word[:40]!r} is not a usable name; left out",
        code="dropped",
        where=where,
    )
    return None


def read_code(content: str, info: str, where: str) -> tuple[str, str | None]:
    """The text and syntax of a fenced or indented code block's ``content`` and ``info``."""
    text = content[:-1] if content.endswith("\n") else content
    return text, info_syntax(info, where)
