"""The Markdown body reader: markdown-it's tokens to sections, blocks and inline nodes.

:class:`BodyReader` walks the block tokens of a Markdown body (after the front matter) and
builds the article's sections; :class:`InlineTokens` turns inline tokens into the model's
inline nodes through the model's one inline-HTML parser. newsdoc's own Markdown (front matter
in newsdoc's keys) is read strictly: a construct the model cannot hold is a problem naming its
line. Markdown from other tools (Jekyll, Hugo, Pandoc posts, or no front matter) is read
leniently: nested lists are flattened, block quotes and list items keep the text of what they
hold, a heading with nothing under it leads the next one's text, an image's line keeps its
text as the caption, each with a warning naming the line (``--strict`` makes them errors).
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, Problem, excerpt
from newsdoc.model import (
    Align,
    Block,
    Code,
    Figure,
    Inline,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Person,
    Preformatted,
    Quote,
    QuoteKind,
    Section,
    Strong,
    Table,
    Text,
    from_html,
    plain_text,
)
from newsdoc.model import checks as C
from newsdoc.model.inline import InlineBuilder, InlineHtmlParser

if TYPE_CHECKING:
    from markdown_it.token import Token

from newsdoc.formats.markdown._common import (
    _ATTRIBUTION,
    _evolve,
)
from newsdoc.formats.markdown.code import read_code
from newsdoc.formats.markdown.dialects import image_fields
from newsdoc.formats.markdown.parser import markdown_parser
from newsdoc.formats.markdown.shortcodes import FIGURE_MARK

__all__ = [
    "BodyReader",
    "InlineTokens",
    "hugo_figure",
    "markdown_parser",
    "markdown_to_inline",
]


class InlineTokens:
    """Turns markdown-it inline tokens into inline nodes, through the model's
    :class:`~newsdoc.model.inline.InlineBuilder` (its raw HTML tags through the model's one
    inline-HTML parser), so Markdown follows the same rules as every other reader."""

    def __init__(self) -> None:
        self.nodes = InlineBuilder(collapse=False)
        # made when the first raw HTML tag comes (most runs, most table cells, have none)
        self.html: InlineHtmlParser | None = None

    def build(self, tokens: Sequence[Token]) -> tuple[Inline, ...]:
        nodes = self.nodes
        html = self.html
        for token in tokens:
            kind = token.type
            if html is None:
                if kind == "html_inline":
                    html = self.html = InlineHtmlParser(nodes)
            elif html.dropping and kind != "html_inline":
                continue  # inside <script> or <style>
            elif html.code_depth and kind != "html_inline":
                # inside <code>...</code>: its text is code, as the HTML says
                if kind == "text" or kind == "code_inline":
                    html.code_text.append(token.content)
                elif kind in ("softbreak", "hardbreak"):
                    html.code_text.append("\n")
                continue
            if kind == "text":
                nodes.text(token.content)
            elif kind == "softbreak":
                nodes.text(" ")
            elif kind == "hardbreak":
                nodes.line_break()
            elif kind == "code_inline":
                nodes.code(token.content)
            elif kind in ("em_open", "strong_open"):
                nodes.open("strong" if kind == "strong_open" else "em")
            elif kind in ("em_close", "strong_close"):
                nodes.close("em" if kind == "em_close" else "strong")
            elif kind == "link_open":
                found: dict[str, str | None] = {"href": str(token.attrs.get("href", ""))}
                if token.attrs.get("title"):
                    found["title"] = str(token.attrs["title"])
                nodes.open("a", found)
            elif kind == "link_close":
                nodes.close("a")
            elif kind == "image":
                nodes.text(_alt(token))
            elif kind == "html_inline" and html is not None:  # made above
                html.feed(token.content)
        return nodes.build()


def _alt(image: Token) -> str:
    return plain_text(InlineTokens().build(image.children or []))


def _attribute(token: Token, name: str) -> str | None:
    value = token.attrs.get(name)
    return None if value is None else urllib.parse.unquote(str(value))


def _classes(token: Token) -> set[str]:
    return set(str(token.attrs.get("class", "")).split())


class BodyReader:
    """Walks markdown-it's block tokens and builds sections, collecting problems by line;
    ``lenient`` reads what the model has no place for as best it can, with warnings (see the
    module's docstring)."""

    def __init__(
        self, offset: int, figures: Sequence[dict[str, str]] = (), *, lenient: bool = False
    ) -> None:
        self.offset = offset
        self.figures = figures  # the Hugo figures, which the body holds as marks
        self.lenient = lenient
        self.problems: list[Problem] = []

    def _unusual(self, token: Token, message: str, fallback: str, code: str = "assumed") -> bool:
        """Report a construct the model has no place for: read leniently, a warning saying
        what was done instead (``fallback``) and True, to go on; else a problem, and False."""
        if self.lenient:
            warn(f"{message}; {fallback}", code=code, where=self._where(token))
            return True
        self.problems.append(Problem(self._where(token), message))
        return False

    def _kept(self, spans: Sequence[Token]) -> list[tuple[Inline, ...]]:
        """The text of blocks the model cannot hold where they stand, one run per paragraph,
        code block or HTML block, for reading leniently."""
        kept: list[tuple[Inline, ...]] = []
        for span in spans:
            found: tuple[Inline, ...] = ()
            if span.type == "inline":
                found = self._inline(span)
            elif span.type in ("fence", "code_block") and span.content.strip():
                found = (Code(text=span.content.strip("\n")),)
            elif span.type == "html_block":
                found = from_html(span.content)
            if found:
                kept.append(found)
        return kept

    def _where(self, token: Token) -> str:
        line = (token.map[0] if token.map else 0) + self.offset + 1
        return f"line {line}"

    def _make(self, token: Token, build: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return build(*args, **kwargs)
        except (FieldError, ValueError, TypeError) as exc:  # the model's or an enum's message
            message = str(exc)
            if len(message) > 200:
                message = message[:197] + "..."
            self.problems.append(Problem(self._where(token), message))
            return None

    def sections(self, tokens: list[Token]) -> tuple[str | None, tuple[Section, ...]]:
        headline: str | None = None
        sections: list[Section] = []
        heading: str | None = None
        heading_token: Token | None = None
        level = 2
        blocks: list[Block] = []
        started = False

        def close() -> None:
            if blocks:
                content: Any = tuple(blocks)
                sections.append(Section(heading=heading, blocks=content, level=level))
            elif heading_token is not None:
                message = f"section {excerpt(heading)} has no content"
                self._unusual(heading_token, message, "its heading is left out", "dropped")

        index = 0
        previous: Block | None = None
        while index < len(tokens):
            token = tokens[index]
            end = _matching(tokens, index)
            if token.type == "heading_open":
                inline = self._inline(tokens[index + 1])
                text = plain_text(inline)
                if token.tag == "h1" and not started and headline is None:
                    headline = text or None
                elif self.lenient and heading_token is not None and not blocks and inline:
                    # a heading straight under another (## then ###): it leads the text below
                    warn(
                        f"the heading {excerpt(text)} comes straight after {excerpt(heading)}; "
                        "read as a bold paragraph of that section",
                        code="assumed",
                        where=self._where(token),
                    )
                    lead = Paragraph(content=(Strong(children=inline),))
                    blocks.append(lead)
                    previous = lead
                else:
                    close()
                    blocks, heading, heading_token = [], text or None, token
                    # ## is a section, ### to ###### a sub-head of that level (a later # too
                    # is a section)
                    level = max(2, int(token.tag[1]))
                    previous = None
                started = True
            elif token.type == "hr":
                close()
                blocks, heading, heading_token, previous, level = [], None, None, None, 2
                started = True
            else:
                block = self._block(tokens, index, end, previous)
                started = True
                if block is _CAPTION:
                    blocks[-1] = previous = _evolve(blocks[-1], caption=self._caption)
                elif block is not None:
                    blocks.append(block)
                    previous = block
            index = end + 1
        close()
        return headline, tuple(sections)

    def _inline(self, token: Token) -> tuple[Inline, ...]:
        children = token.children
        if not children:
            return ()
        if len(children) == 1 and children[0].type == "text":
            # plain text (most table cells): what InlineTokens would build, without its setup
            text = C.strip_bad_chars(children[0].content)
            return (Text(text=text),) if text else ()
        return InlineTokens().build(children)

    def _block(self, tokens: list[Token], start: int, end: int, previous: Block | None) -> Any:
        token = tokens[start]
        lang = _attribute(token, "lang")
        direction = _attribute(token, "dir")
        if token.type == "paragraph_open":
            inline = tokens[start + 1]
            mark = _FIGURE_MARK.fullmatch(inline.content)
            if mark is not None and int(mark.group(1)) < len(self.figures):
                return hugo_figure(self.figures[int(mark.group(1))], self._where(token))
            children = inline.children or []
            if children and children[0].type == "image":
                return self._figure(token, inline)
            if (
                isinstance(previous, Table)
                and previous.caption is None
                and inline.content.startswith("Table:")
                and not token.attrs
            ):
                caption = self._inline(inline)
                caption = _strip_prefix(caption, "Table:")
                if caption:
                    # The caption belongs to the table just read.
                    self._caption = caption
                    return _CAPTION
            content = self._inline(inline)
            if not content:
                return None
            return self._make(token, Paragraph, content=content, lang=lang, dir=direction)
        if token.type == "blockquote_open":
            return self._quote(tokens, start, end)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, start, end)
        if token.type == "table_open":
            return self._table(tokens, start, end)
        if token.type in ("fence", "code_block"):
            text, syntax = read_code(token.content, token.info, self._where(token))
            if not text.strip():
                return None
            return self._make(
                token, Preformatted, text=text, syntax=syntax, lang=lang, dir=direction
            )
        if token.type == "html_block":
            content = from_html(token.content)
            return self._make(token, Paragraph, content=content) if content else None
        self.problems.append(Problem(self._where(token), f"unsupported Markdown: {token.type}"))
        return None

    def _figure(self, token: Token, inline: Token) -> Figure | None:
        children = inline.children or []
        image = children[0]
        rest = children[1:]
        first = rest[0].content.strip() if rest and rest[0].type == "text" else ""
        if _ATTRIBUTE_LIST.fullmatch(first):
            # kramdown's {: .class} or Pandoc's {width=50%} after the image
            message = "an image is followed by attributes on its line"
            if not self._unusual(token, message, f"{excerpt(first)} left out", "dropped"):
                return None
            rest = rest[1:]
        if rest and rest[0].type in ("softbreak", "hardbreak"):
            rest = rest[1:]
        elif rest:
            images = [t for t in rest if t.type == "image"]
            if images:
                sources = ", ".join(excerpt(str(t.attrs.get("src", ""))) for t in images)
                message = "a line holds more than one image (a figure is one picture)"
                if not self._unusual(token, message, f"{sources} left out", "dropped"):
                    return None
                rest = [t for t in rest if t.type != "image"]
            if any(t.type != "text" or t.content.strip() for t in rest):
                message = "an image shares its line with text (put a caption on the next line)"
                if not self._unusual(token, message, "the text is read as its caption"):
                    return None
                if rest[0].type == "text":
                    rest[0].content = rest[0].content.lstrip()
            else:
                rest = []
        caption = InlineTokens().build(rest) or None
        width, height = _attribute(token, "width"), _attribute(token, "height")
        size = [None if v is None else C.parse_int(v) for v in (width, height)]
        if (width is not None and size[0] is None) or (height is not None and size[1] is None):
            self.problems.append(
                Problem(
                    self._where(token),
                    f"width and height must be whole numbers from 1 to {C.MAX_INT}",
                )
            )
            return None
        title = image.attrs.get("title")
        result: Figure | None = self._make(
            token,
            Figure,
            src=str(image.attrs.get("src", "")),
            alt=_alt(image),
            caption=caption,
            credit=str(title) if title else None,
            width=size[0],
            height=size[1],
            media_type=_attribute(token, "type"),
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _quote(self, tokens: list[Token], start: int, end: int) -> Quote | None:
        token = tokens[start]
        paragraphs: list[Token | tuple[Inline, ...]] = []
        index = start + 1
        while index < end:
            inner = tokens[index]
            closing = _matching(tokens, index)
            if inner.type == "paragraph_open":
                paragraphs.append(tokens[index + 1])
            elif inner.level == token.level + 1 and inner.nesting >= 0:
                message = "a block quote holds only paragraphs"
                if not self._unusual(inner, message, f"the text of its {_what(inner)} is kept"):
                    return None
                paragraphs += self._kept(tokens[index : closing + 1])
            index = closing + 1
        speaker: Person | None = None
        last = paragraphs[-1] if len(paragraphs) > 1 else None
        if (
            last is not None
            and not isinstance(last, tuple)
            and last.content.startswith(_ATTRIBUTION)
        ):
            speaker = self._speaker(token, last)
            paragraphs.pop()
        named = _attribute(token, "speaker")
        if named is not None:
            speaker = self._make(
                token,
                Person,
                name=named,
                role=_attribute(token, "role"),
                affiliation=_attribute(token, "affiliation"),
                url=_attribute(token, "speaker-url"),
            )
        text: list[Inline] = []
        for number, paragraph in enumerate(paragraphs):
            if number:
                text += [LineBreak(), LineBreak()]
            text += paragraph if isinstance(paragraph, tuple) else self._inline(paragraph)
        if not text and self.lenient:
            warn("a block quote with no text; left out", code="dropped", where=self._where(token))
            return None
        date = _attribute(token, "date")
        try:
            import datetime as dt

            day = None if date is None else dt.date.fromisoformat(date)
        except ValueError:
            problem = Problem(self._where(token), f"date {excerpt(date)} is not YYYY-MM-DD")
            self.problems.append(problem)
            return None
        result: Quote | None = self._make(
            token,
            Quote,
            text=tuple(text),
            speaker=speaker,
            place=_attribute(token, "place"),
            date=day,
            source_url=_attribute(token, "cite"),
            kind=QuoteKind.PULL if "pull" in _classes(token) else QuoteKind.BLOCK,
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _speaker(self, token: Token, paragraph: Token) -> Person | None:
        nodes = list(self._inline(paragraph))
        url = None
        first = nodes[0] if nodes else None
        if isinstance(first, Text):
            stripped = first.text.lstrip("—–-").lstrip()
            nodes[0:1] = [Text(text=stripped)] if stripped else []
        if nodes and isinstance(nodes[0], Link):
            url = nodes[0].href
        parts = [p.strip() for p in plain_text(nodes).split(", ")]
        parts += [""] * (3 - len(parts))
        role = parts[1] or None
        affiliation = ", ".join(p for p in parts[2:] if p) or None
        result: Person | None = self._make(
            token, Person, name=parts[0], role=role, affiliation=affiliation, url=url
        )
        return result

    def _list(self, tokens: list[Token], start: int, end: int) -> ListBlock | None:
        token = tokens[start]
        items: list[tuple[Inline, ...]] = []
        index = start + 1
        while index < end:
            item_end = _matching(tokens, index)
            parts: list[Inline] = []
            nested: list[tuple[Inline, ...]] = []
            inner = index + 1
            while inner < item_end:
                child = tokens[inner]
                closing = _matching(tokens, inner)
                if child.type == "paragraph_open":
                    if parts:
                        parts += [LineBreak(), LineBreak()]
                    parts += self._inline(tokens[inner + 1])
                elif child.type in ("bullet_list_open", "ordered_list_open"):
                    message = "a list item holds only text (no nesting)"
                    if not self._unusual(child, message, "the nested list is flattened"):
                        return None
                    nested += self._kept(tokens[inner : closing + 1])
                else:
                    message = "a list item holds only text (no nesting)"
                    if not self._unusual(child, message, f"the text of its {_what(child)} is kept"):
                        return None
                    for text in self._kept(tokens[inner : closing + 1]):
                        parts += [LineBreak(), *text] if parts else list(text)
                inner = closing + 1
            if parts:
                items.append(tuple(parts))
            elif not self._unusual(tokens[index], "empty list item", "left out", "dropped"):
                return None
            items += nested
            index = item_end + 1
        if not items:
            return None
        result: ListBlock | None = self._make(
            token,
            ListBlock,
            items=items,
            ordered=token.type == "ordered_list_open",
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _table(self, tokens: list[Token], start: int, end: int) -> Table | None:
        token = tokens[start]
        header: list[tuple[Inline, ...]] = []
        rows: list[list[tuple[Inline, ...]]] = []
        align: list[Align] = []  # from the first row's cells (GFM gives every row the same)
        for inner in tokens[start:end]:
            if inner.type == "tr_open":
                rows.append([])
            elif inner.type in ("th_open", "td_open") and len(rows) == 1:
                style = str(inner.attrs.get("style", "")).replace(" ", "")
                side = style.removeprefix("text-align:")
                align.append(Align(side) if side in _SIDES else Align.DEFAULT)
            elif inner.type == "inline":
                rows[-1].append(self._inline(inner))
        if "headless" not in _classes(token):
            header = rows.pop(0)
        if not rows:
            message = "a table needs at least one row"
            if not self._unusual(token, message, "its header is read as its row"):
                return None
            rows, header = [header], []
        result: Table | None = self._make(
            token,
            Table,
            header=tuple(header),
            rows=tuple(tuple(r) for r in rows),
            align=tuple(align) if any(a is not Align.DEFAULT for a in align) else (),
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    _caption: tuple[Inline, ...] = ()


_CAPTION = object()
_SIDES = frozenset({"left", "center", "right"})


def _what(token: Token) -> str:
    """A block token in words, for warnings: its tag, else its kind (``html block``)."""
    return token.tag or token.type.replace("_", " ")


# Attributes after an image: kramdown's {: .wide} or Pandoc's {width=50%}.
_ATTRIBUTE_LIST = re.compile(r"\{[^{}\n]*\}")
_FIGURE_MARK = re.compile(f"{FIGURE_MARK}([0-9]{{1,9}}){FIGURE_MARK}")


def _strip_prefix(nodes: tuple[Inline, ...], prefix: str) -> tuple[Inline, ...]:
    first = nodes[0]
    assert isinstance(first, Text)
    rest = first.text[len(prefix) :].lstrip(" ")
    return ((Text(text=rest),) if rest else ()) + nodes[1:]


def _matching(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one at ``index`` (itself if it closes nothing)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def markdown_to_inline(text: str) -> tuple[Inline, ...]:
    """Parse CommonMark inline text (one paragraph) into inline nodes.

    >>> markdown_to_inline("A *bold* move")
    (Text(text='A '), Emphasis(children=(Text(text='bold'),)), Text(text=' move'))
    """
    tokens = markdown_parser().parseInline(text.strip("\n"))
    children: list[Token] = []
    for token in tokens:
        children.extend(token.children or [])
    return InlineTokens().build(children)


def hugo_figure(params: dict[str, str], where: str) -> Figure | None:
    """The figure a Hugo ``figure`` shortcode's parameters give (its caption is inline
    Markdown), or ``None`` when they name no usable picture (reported)."""
    found = image_fields(dict(params), where)
    if found is None:
        return None
    caption = markdown_to_inline(found["caption"]) if "caption" in found else None
    try:
        return Figure(**{**found, "caption": caption or None})
    except (FieldError, ValueError, TypeError):
        warn("the figure shortcode names no usable picture; left out", code="dropped", where=where)
        return None
