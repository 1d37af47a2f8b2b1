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
from collections.abc import Iterable, Mapping
from html.parser import HTMLParser
from typing import Any, TypeAlias

import attrs

from newsdoc.model import checks as C

__all__ = [
    "HTML_CODE",
    "HTML_CONTAINERS",
    "HTML_DROPPED",
    "Code",
    "Emphasis",
    "Inline",
    "InlineQuote",
    "Inlines",
    "LineBreak",
    "Link",
    "Strong",
    "Text",
    "InlineBuilder",
    "InlineHtmlParser",
    "from_html",
    "inline_container",
    "is_safe_href",
    "plain_text",
    "to_inlines",
]

_RUN = C.Check(
    lambda v: type(v) is str and v != "" and C.is_clean(v),
    "expected a non-empty string without control characters",
    {"type": "string", "minLength": 1, "pattern": C.BAD_CHARS_SCHEMA},
)


def is_safe_href(value: object) -> bool:
    """Whether ``value`` is a link target newsdoc writes: an http(s) URL, a ``mailto:``
    address or a ``#fragment`` (never ``javascript:``, ``data:``, ``file:`` ...).

    The one check behind :class:`Link`, :func:`from_html`, every reader and the HTML writer.

    >>> is_safe_href("https://example.org/a"), is_safe_href("javascript:alert(1)")
    (True, False)
    """
    return C.is_href(value)


_HREF_CHECK = C.Check(
    is_safe_href,
    "expected an http(s) URL, a mailto: address or a #fragment",
    {"type": "string", "pattern": C.HREF_SCHEMA},
)


def inlines_ok(value: Any, min_items: int) -> bool:
    return (
        type(value) is tuple
        and len(value) >= min_items
        and all(isinstance(node, INLINE_TYPES) for node in value)
    )


#: Inline content that must hold at least one node.
INLINES = C.Check(
    lambda v: inlines_ok(v, 1),
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


def optional_inlines(value: str | Iterable[Inline] | None) -> tuple[Inline, ...] | None:
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


#: The HTML inline elements newsdoc keeps, and the kind of node each becomes.
HTML_CONTAINERS: dict[str, str] = {
    "em": "em",
    "i": "em",
    "strong": "strong",
    "b": "strong",
    "a": "a",
    "q": "q",
}
#: HTML elements whose text is code.
HTML_CODE = frozenset({"code", "tt", "kbd", "samp"})
#: HTML elements dropped with their content.
HTML_DROPPED = frozenset({"script", "style", "template", "noscript", "iframe", "object"})


def inline_container(
    kind: str, attributes: Mapping[str, str | None], children: tuple[Inline, ...]
) -> Inline | None:
    """The node an inline container of ``kind`` (``em``, ``strong``, ``a``, ``q``) becomes,
    or ``None`` when it cannot be kept (a link to an unsafe target): then its children stand
    in its place. The one set of rules every reader of HTML-like markup follows.

    >>> inline_container("a", {"href": "javascript:x()"}, (Text(text="click"),)) is None
    True
    """
    if not children:
        return None
    if kind == "em":
        return Emphasis(children=children)
    if kind == "strong":
        return Strong(children=children)
    if kind == "q":
        lang = attributes.get("lang")
        return InlineQuote(children=children, lang=lang if C.language().test(lang) else None)
    if kind == "a":
        href = (attributes.get("href") or "").strip()
        if not is_safe_href(href):
            return None
        title = attributes.get("title")
        return Link(href=href, children=children, title=title if C.text().test(title) else None)
    return None


class _Frame:
    """One open container of an :class:`InlineBuilder`: its kind, attributes, the nodes so
    far, and the text that follows the last of them, kept in pieces until it is needed."""

    __slots__ = ("attributes", "children", "kind", "pending")

    def __init__(self, kind: str, attributes: Mapping[str, str | None]) -> None:
        self.kind = kind
        self.attributes = attributes
        self.children: list[Inline] = []
        self.pending: list[str] = []


class InlineBuilder:
    """Builds inline nodes from a stream of text, breaks, code and open/close events.

    :func:`from_html` drives it from HTML tags, the Markdown reader from its tokens; both so
    follow :func:`inline_container`'s rules. ``collapse`` turns runs of white space into one
    space, as a browser would. Text that follows text is gathered in pieces and joined once,
    so a run built from many pieces costs no more than their length. Containers open inside
    each other deeper than the ``max_depth`` limit (:mod:`newsdoc.limits`) raise
    :class:`~newsdoc.errors.LimitError`.
    """

    def __init__(self, *, collapse: bool = True) -> None:
        self.stack: list[_Frame] = [_Frame("", {})]
        self.collapse = collapse
        from newsdoc.limits import current

        self.max_depth = current().max_depth

    def _flush(self, frame: _Frame) -> None:
        if frame.pending:
            joined = "".join(frame.pending)
            frame.pending.clear()
            if self.collapse:
                joined = _SPACES.sub(" ", joined)
            frame.children.append(Text(text=joined))

    def _add(self, node: Inline) -> None:
        frame = self.stack[-1]
        if type(node) is Text:
            frame.pending.append(node.text)
        else:
            self._flush(frame)
            frame.children.append(node)

    def text(self, text: str) -> None:
        """Add a run of text."""
        text = C.strip_bad_chars(text)
        if text:
            self.stack[-1].pending.append(text)

    def code(self, text: str) -> None:
        """Add a run of code (its spaces kept)."""
        text = C.strip_bad_chars(text)
        if text:
            self._add(Code(text=text))

    def line_break(self) -> None:
        """Add a line break."""
        self._add(LineBreak())

    def open(self, kind: str, attributes: Mapping[str, str | None] | None = None) -> None:
        """Open a container (``em``, ``strong``, ``a``, ``q``)."""
        if len(self.stack) > self.max_depth:
            from newsdoc.limits import too_deep

            raise too_deep("inline markup")
        self.stack.append(_Frame(kind, attributes or {}))

    def close(self, kind: str) -> None:
        """Close the innermost open ``kind`` and whatever is open inside it (ignored when no
        ``kind`` is open, as browsers ignore a stray end tag)."""
        if not any(frame.kind == kind for frame in self.stack[1:]):
            return
        while True:
            open_kind = self.stack[-1].kind
            self._finish()
            if open_kind == kind:
                return

    def _finish(self) -> None:
        frame = self.stack.pop()
        self._flush(frame)
        node = inline_container(frame.kind, frame.attributes, tuple(frame.children))
        if node is not None:
            self._add(node)
        else:
            for child in frame.children:
                self._add(child)

    def build(self) -> tuple[Inline, ...]:
        """The nodes, every container still open closed, edge spaces trimmed if collapsing."""
        while len(self.stack) > 1:
            self._finish()
        frame = self.stack[0]
        self._flush(frame)
        nodes = frame.children
        return _trim(nodes) if self.collapse else tuple(nodes)


class InlineHtmlParser(HTMLParser):
    """Feeds an :class:`InlineBuilder` from HTML: the one parser of inline HTML.

    :func:`from_html` feeds it a whole string; the Markdown reader feeds it the HTML tags
    found among its tokens, one at a time, into the builder its tokens also go to.
    """

    def __init__(self, builder: InlineBuilder | None = None) -> None:
        super().__init__(convert_charrefs=True)
        self.builder = builder if builder is not None else InlineBuilder()
        self.dropping = 0
        self.code_depth = 0
        self.code_text: list[str] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in HTML_DROPPED:
            self.dropping += 1
        elif self.dropping or self.code_depth:
            self.code_depth += tag in HTML_CODE
        elif tag == "br":
            self.builder.line_break()
        elif tag in HTML_CODE:
            self.code_depth = 1
        elif tag in HTML_CONTAINERS:
            self.builder.open(HTML_CONTAINERS[tag], dict(attrs_))

    def handle_startendtag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self.dropping and not self.code_depth:
            self.builder.line_break()

    def handle_endtag(self, tag: str) -> None:
        if tag in HTML_DROPPED:
            self.dropping = max(0, self.dropping - 1)
        elif self.dropping:
            return
        elif self.code_depth and tag in HTML_CODE:
            self.code_depth -= 1
            if not self.code_depth:
                self.builder.code("".join(self.code_text))
                self.code_text = []
        elif not self.code_depth and tag in HTML_CONTAINERS:
            self.builder.close(HTML_CONTAINERS[tag])

    def handle_data(self, data: str) -> None:
        if self.dropping:
            return
        if self.code_depth:
            self.code_text.append(data)
        else:
            self.builder.text(data)

    def nodes(self) -> tuple[Inline, ...]:
        self.close()
        if self.code_text:
            self.builder.code("".join(self.code_text))
        return self.builder.build()


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
    parser = InlineHtmlParser()
    parser.feed(markup)
    return parser.nodes()
