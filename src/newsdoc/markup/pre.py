"""Preformatted text in NITF, XHTML and HTML bodies, both ways.

A :class:`~newsdoc.model.Preformatted` block is written as NITF's ``pre`` (its syntax as
``class="language-..."``) or as XHTML's and HTML's ``<pre><code class="language-...">``, the
form HTML editors, Markdown tools and highlighters (Prism, highlight.js) write and read.

Reading takes the syntax from a ``language-`` (or ``lang-``) class on the ``pre`` or on a
``code`` inside it, and the text with every space and line break; a ``<br>`` inside counts as
a line break and other markup inside keeps only its text. Bodies of other tools lose the line
breaks around the text (an HTML parser drops the one after ``<pre>`` anyway); newsdoc's own
(``exact``) keep the text exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable

from newsdoc.diagnostics import warn
from newsdoc.markup.xml import Element, local_name
from newsdoc.model import checks as C
from newsdoc.model.blocks import Direction, Preformatted

__all__ = ["read_pre", "syntax_of", "write_pre"]

_SYNTAX = C.syntax()
_PREFIXES = ("language-", "lang-")


def write_pre(
    parent: Element,
    block: Preformatted,
    make: Callable[[Element, str], Element],
    *,
    nitf: bool,
) -> Element:
    """Append ``block`` to ``parent`` as ``pre`` (NITF) or ``pre/code`` (XHTML, HTML);
    ``make(parent, local)`` makes a child in the body's namespace. Returns the ``pre``, for
    the caller to set the language and direction on."""
    pre = make(parent, "pre")
    holder = pre if nitf else make(pre, "code")
    if block.syntax is not None:
        holder.set("class", f"language-{block.syntax}")
    holder.text = block.text
    return pre


def syntax_of(element: Element) -> str | None:
    """The language a ``language-x`` or ``lang-x`` class names, on ``element`` or on a
    ``code`` inside it; ``None`` if none does (an unusable name is reported).

    >>> from newsdoc.markup.html import parse_html
    >>> syntax_of(parse_html('<pre><code class="hljs language-python">x</code></pre>')[0])
    'python'
    """
    candidates = [element, *(e for e in element.iter() if _local(e) == "code")]
    for candidate in candidates:
        for token in (candidate.get("class") or "").split():
            for prefix in _PREFIXES:
                if token.startswith(prefix) and len(token) > len(prefix):
                    name = token[len(prefix) :]
                    if _SYNTAX.test(name):
                        return name
                    warn(
                        f"the code language {name[:40]!r} is not a usable name; left out",
                        code="dropped",
                        where="body",
                    )
                    return None
    return None


def read_pre(
    element: Element, lang: str | None, direction: Direction | None, *, exact: bool
) -> list[Preformatted]:
    """The preformatted block of a ``pre`` element (none if it holds only white space)."""
    parts: list[str] = []
    _gather(element, parts, top=True)
    text = C.strip_bad_chars("".join(parts))
    if not exact:
        text = text.strip("\r\n").rstrip()
    if not text.strip():
        return []
    return [Preformatted(text=text, syntax=syntax_of(element), lang=lang, dir=direction)]


def _gather(element: Element, parts: list[str], *, top: bool = False) -> None:
    if not isinstance(element.tag, str):  # a comment or processing instruction
        pass
    elif _local(element) == "br":
        parts.append("\n")
    else:
        parts.append(element.text or "")
        for child in element:
            _gather(child, parts)
    if not top:
        parts.append(element.tail or "")


def _local(element: Element) -> str:
    return local_name(element)
