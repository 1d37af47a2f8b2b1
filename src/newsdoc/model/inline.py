"""Inline text: the typed runs of text inside paragraphs, quotes, captions and list items.

Text in newsdoc is never a raw HTML string. It is a tuple of inline nodes (:class:`Text`,
:class:`Emphasis`, :class:`Strong`, :class:`Link`, :class:`LineBreak`, :class:`InlineQuote`,
:class:`Code`) that every writer renders in its own safe way. Nobody has to build the nodes by
hand:

- wherever the model takes inline content, a plain ``str`` is accepted and becomes one
  :class:`Text` node;
- :func:`from_html` parses a small HTML subset (``em``/``i``, ``strong``/``b``, ``a``, ``br``,
  ``q``, ``code``) into nodes; anything else keeps its text and loses its markup;
- :func:`plain_text` flattens nodes back to a string.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html.parser import HTMLParser
from typing import Any, ClassVar, TypeAlias

import attrs

from newsdoc.model import _checks as C

__all__ = [
    "Code",
    "Emphasis",
    "Inline",
    "InlineQuote",
    "Inlines",
    "LineBreak",
    "Link",
    "Strong",
    "Text",
    "from_html",
    "plain_text",
    "to_inlines",
]

_RUN = C.Check(
    lambda v: type(v) is str and v != "" and C._clean(v),
    "expected a non-empty string without control characters",
    {"type": "string", "minLength": 1, "pattern": C._BAD_CHARS_SCHEMA},
)
_HREF = re.compile(r"^(?:https?://[^\s/?#]+\S*|mailto:[^\s@]+@\S+|#\S+)$", re.IGNORECASE)
_HREF_CHECK = C.Check(
    lambda v: type(v) is str and _HREF.match(v) is not None,
    "expected an http(s) URL, a mailto: address or a #fragment",
    {
        "type": "string",
        "pattern": "^(?:[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]+\\S*|[Mm][Aa][Ii][Ll][Tt][Oo]:"
        "[^\\s@]+@\\S+|#\\S+)$",
    },
)


def _inlines_ok(value: Any, min_items: int) -> bool:
    return (
        type(value) is tuple
        and len(value) >= min_items
        and all(isinstance(node, INLINE_TYPES) for node in value)
    )


#: Inline content that must hold at least one node.
INLINES = C.Check(
    lambda v: _inlines_ok(v, 1),
    "expected at least one inline node",
    {"$ref": "#/$defs/InlineText"},
)


def to_inlines(value: str | Iterable[Inline]) -> tuple[Inline, ...]:
    """Converter: a plain string becomes one :class:`Text` node; a list becomes a tuple.

    >>> to_inlines("Plain words")
    (Text(text='Plain words'),)
    """
    if type(value) is tuple:
        return value
    if isinstance(value, str):
        return (Text(text=value),) if value else ()
    return tuple(value)


def _optional_inlines(value: str | Iterable[Inline] | None) -> tuple[Inline, ...] | None:
    return None if value is None else to_inlines(value)


@attrs.frozen(kw_only=True)
class Text:
    """A run of plain text.

    >>> plain_text([Text(text="Hello, "), Text(text="world")])
    'Hello, world'
    """

    text: str = attrs.field(validator=_RUN)


@attrs.frozen(kw_only=True)
class Code:
    """Computer code or a literal value, set in a monospace face.

    >>> from_html("Run <code>newsdoc formats</code>")
    (Text(text='Run '), Code(text='newsdoc formats'))
    """

    text: str = attrs.field(validator=_RUN)


@attrs.frozen(kw_only=True)
class LineBreak:
    """A forced line break (as in a poem or an address).

    >>> from_html("Line one<br>line two")
    (Text(text='Line one'), LineBreak(), Text(text='line two'))
    """


@attrs.frozen(kw_only=True)
class Emphasis:
    """Emphasised text (usually italic).

    >>> plain_text([Text(text="a "), Emphasis(children="very"), Text(text=" long night")])
    'a very long night'
    """

    children: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)


@attrs.frozen(kw_only=True)
class Strong:
    """Strongly emphasised text (usually bold).

    >>> from_html("<strong>Breaking</strong>: rain")
    (Strong(children=(Text(text='Breaking'),)), Text(text=': rain'))
    """

    children: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)


@attrs.frozen(kw_only=True)
class Link:
    """A hyperlink. ``href`` is an http(s) URL, a ``mailto:`` address or a ``#fragment``.

    >>> link = Link(href="https://example.org/report", children="the report")
    >>> plain_text([Text(text="Read "), link])
    'Read the report'
    """

    href: str = attrs.field(validator=_HREF_CHECK)
    children: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)
    title: str | None = attrs.field(default=None, validator=C.text().or_none())


@attrs.frozen(kw_only=True)
class InlineQuote:
    """A short quotation inside a sentence; writers add the quotation marks of its language.

    >>> InlineQuote(children="Наконец-то", lang="ru").lang
    'ru'
    """

    children: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)
    lang: str | None = attrs.field(default=None, validator=C.language().or_none())


Inline: TypeAlias = Text | Emphasis | Strong | Link | LineBreak | InlineQuote | Code
Inlines: TypeAlias = tuple[Inline, ...]
INLINE_TYPES: tuple[type, ...] = (Text, Emphasis, Strong, Link, LineBreak, InlineQuote, Code)
for _cls in (Emphasis, Strong, Link, InlineQuote):
    attrs.resolve_types(_cls, globals(), locals())


def plain_text(inlines: Iterable[Inline]) -> str:
    """Flatten inline nodes to a plain string (line breaks become newlines).

    >>> plain_text(from_html("A <em>bold</em> move"))
    'A bold move'
    """
    parts: list[str] = []
    _flatten(inlines, parts)
    return "".join(parts)


def _flatten(inlines: Iterable[Inline], parts: list[str]) -> None:
    for node in inlines:
        if isinstance(node, Text | Code):
            parts.append(node.text)
        elif isinstance(node, LineBreak):
            parts.append("\n")
        else:
            _flatten(node.children, parts)


_SPACES = re.compile(r"[ \t\n\r\f]+")


class _InlineParser(HTMLParser):
    """Builds inline nodes from a small HTML subset; other markup keeps only its text."""

    _CONTAINERS: ClassVar[dict[str, str]] = {
        "em": "em",
        "i": "em",
        "strong": "strong",
        "b": "strong",
        "a": "a",
        "q": "q",
    }
    _DROP = frozenset({"script", "style", "template", "noscript", "iframe", "object"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # Each frame: (tag, attributes, children so far).
        self.stack: list[tuple[str, dict[str, str | None], list[Inline]]] = [("", {}, [])]
        self.text: list[str] = []
        self.dropping = 0
        self.code_depth = 0

    def _flush(self) -> None:
        run = "".join(self.text)
        self.text = []
        if not run:
            return
        children = self.stack[-1][2]
        if self.code_depth:
            children.append(Code(text=run))
            return
        if children and isinstance(children[-1], Text):
            children[-1] = Text(text=_SPACES.sub(" ", children[-1].text + run))
        else:
            children.append(Text(text=_SPACES.sub(" ", run)))

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in self._DROP:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag == "br":
            self._flush()
            self.stack[-1][2].append(LineBreak())
        elif tag == "code":
            self._flush()
            self.code_depth += 1
        elif tag in self._CONTAINERS:
            self._flush()
            self.stack.append((self._CONTAINERS[tag], dict(attrs_), []))

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.dropping:
            self._flush()
            self.stack[-1][2].append(LineBreak())

    def handle_endtag(self, tag: str) -> None:
        if tag in self._DROP:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if tag == "code" and self.code_depth:
            self._flush()
            self.code_depth -= 1
            return
        kind = self._CONTAINERS.get(tag)
        if kind is None:
            return
        # Close up to the matching open element; unmatched end tags are ignored.
        if not any(frame[0] == kind for frame in self.stack[1:]):
            return
        self._flush()
        while True:
            open_kind, attributes, children = self.stack.pop()
            self._close(open_kind, attributes, children)
            if open_kind == kind:
                break

    def _close(self, kind: str, attributes: dict[str, str | None], children: list[Inline]) -> None:
        parent = self.stack[-1][2]
        if not children:
            return
        if kind == "em":
            parent.append(Emphasis(children=tuple(children)))
        elif kind == "strong":
            parent.append(Strong(children=tuple(children)))
        elif kind == "q":
            lang = attributes.get("lang")
            valid = lang is not None and C.language().test(lang)
            parent.append(InlineQuote(children=tuple(children), lang=lang if valid else None))
        else:
            href = attributes.get("href")
            title = attributes.get("title")
            if href is not None and _HREF.match(href.strip()):
                parent.append(
                    Link(href=href.strip(), children=tuple(children), title=title or None)
                )
            else:  # an unsafe or missing target: keep the words, drop the link
                for child in children:
                    if parent and isinstance(parent[-1], Text) and isinstance(child, Text):
                        parent[-1] = Text(text=_SPACES.sub(" ", parent[-1].text + child.text))
                    else:
                        parent.append(child)

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.text.append(C._BAD_CHARS.sub("", data))

    def close_all(self) -> tuple[Inline, ...]:
        self.close()
        self._flush()
        while len(self.stack) > 1:
            kind, attributes, children = self.stack.pop()
            self._close(kind, attributes, children)
        return _trim(self.stack[0][2])


def _trim(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Strip leading and trailing spaces of the whole run, as a browser would."""
    if nodes and isinstance(nodes[0], Text):
        first = nodes[0].text.lstrip()
        nodes[0:1] = [Text(text=first)] if first else []
    if nodes and isinstance(nodes[-1], Text):
        last = nodes[-1].text.rstrip()
        nodes[-1:] = [Text(text=last)] if last else []
    return tuple(nodes)


def from_html(markup: str) -> tuple[Inline, ...]:
    """Parse a small HTML subset into inline nodes.

    ``em``/``i``, ``strong``/``b``, ``a href``, ``br``, ``q`` and ``code`` become nodes; other
    tags keep their text only; ``script`` and ``style`` are dropped with their content; links
    whose target is not http(s), ``mailto:`` or a fragment keep their words and lose the link.
    Whitespace is collapsed as a browser would.

    >>> from_html('Hello <em>there</em>')
    (Text(text='Hello '), Emphasis(children=(Text(text='there'),)))
    """
    parser = _InlineParser()
    parser.feed(markup)
    return parser.close_all()
