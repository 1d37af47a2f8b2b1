"""Block-level content of an article: paragraphs, quotes, lists, figures, tables, preformatted
text and sections.

An article's body is a tuple of :class:`Section` objects, each an optional heading and an
ordered tuple of blocks. Every block may override the article's language (``lang``) and text
direction (``dir``), for a Russian quote inside an English article, say; ``direction`` gives
the block's own direction, from ``dir`` or else from ``lang``.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from newsdoc.errors import FieldError
from newsdoc.language import direction_of
from newsdoc.model import checks as C
from newsdoc.model.inline import INLINES, Inline, inlines_ok, optional_inlines, to_inlines

__all__ = [
    "Align",
    "Block",
    "Direction",
    "Figure",
    "ListBlock",
    "Paragraph",
    "Person",
    "Preformatted",
    "Quote",
    "QuoteKind",
    "Section",
    "Table",
]


class Direction(enum.StrEnum):
    """Text direction: left to right or right to left.

    >>> Paragraph(content="مرحبا", lang="ar").direction
    <Direction.RTL: 'rtl'>
    """

    LTR = "ltr"
    RTL = "rtl"


class Align(enum.StrEnum):
    """How a table column's cells are aligned: as the text runs (``default``), or to the
    left, the centre or the right.

    >>> Table(header=["City", "Trains"], rows=[["Gyumri", "4"]], align=["left", "right"]).align
    (<Align.LEFT: 'left'>, <Align.RIGHT: 'right'>)
    """

    DEFAULT = "default"
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


class QuoteKind(enum.StrEnum):
    """How a quote is set: in the flow of the text, or pulled out as a display quote.

    >>> Quote(text="Words worth repeating.", kind="pull").kind
    <QuoteKind.PULL: 'pull'>
    """

    BLOCK = "block"
    PULL = "pull"


_OPT_TEXT = C.text().or_none()
_OPT_LINE = C.line().or_none()
_OPT_LANG = C.language().or_none()
_OPT_DIR = C.one_of(Direction).or_none()
_OPT_URL = C.http_url().or_none()
_OPT_DATE = C.date().or_none()
_OPT_INLINES = INLINES.or_none()


def _optional_direction(value: str | Direction | None) -> Direction | None:
    return None if value is None else Direction(value)


class _Overridable:
    """Mixin for blocks that may override the article's language and direction."""

    __slots__ = ()
    lang: str | None
    dir: Direction | None

    @property
    def direction(self) -> Direction | None:
        """This block's own direction: ``dir`` if set, else from ``lang``, else ``None``."""
        if self.dir is not None:
            return self.dir
        if self.lang is not None:
            return Direction(direction_of(self.lang))
        return None


@attrs.frozen(kw_only=True)
class Person:
    """A person: a byline's author, or a quote's speaker.

    >>> Person(name="Anna Petrosyan", role="Correspondent").name
    'Anna Petrosyan'
    """

    name: str = attrs.field(validator=C.line())
    role: str | None = attrs.field(default=None, validator=_OPT_LINE)
    affiliation: str | None = attrs.field(default=None, validator=_OPT_LINE)
    url: str | None = attrs.field(default=None, validator=_OPT_URL)


@attrs.frozen(kw_only=True)
class Paragraph(_Overridable):
    """A paragraph of body text.

    >>> Paragraph(content="Markets opened higher.").content
    (Text(text='Markets opened higher.'),)
    """

    content: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )


@attrs.frozen(kw_only=True)
class Quote(_Overridable):
    """A quotation with its speaker, and where and when it was said.

    ``kind`` is ``"block"`` for a quote in the flow of the text and ``"pull"`` for a display
    quote repeated from the text.

    >>> quote = Quote(
    ...     text="We wanted a train you can sleep through.",
    ...     speaker=Person(name="Lilit Sargsyan", role="Head of passenger services"),
    ... )
    >>> quote.speaker.name, quote.kind
    ('Lilit Sargsyan', <QuoteKind.BLOCK: 'block'>)
    """

    text: tuple[Inline, ...] = attrs.field(converter=to_inlines, validator=INLINES)
    speaker: Person | None = attrs.field(default=None, validator=C.one_of(Person).or_none())
    place: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    date: dt.date | None = attrs.field(default=None, validator=_OPT_DATE)
    source_url: str | None = attrs.field(default=None, validator=_OPT_URL)
    kind: QuoteKind = attrs.field(
        default=QuoteKind.BLOCK, converter=QuoteKind, validator=C.one_of(QuoteKind)
    )
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )


def _items_ok(value: Any) -> bool:
    return type(value) is tuple and len(value) >= 1 and all(inlines_ok(i, 1) for i in value)


def _to_items(value: Iterable[str | Iterable[Inline]]) -> tuple[tuple[Inline, ...], ...]:
    return tuple(to_inlines(item) for item in C.to_tuple(value))


@attrs.frozen(kw_only=True)
class ListBlock(_Overridable):
    """A bulleted (``ordered=False``) or numbered (``ordered=True``) list.

    >>> len(ListBlock(items=["First", "Second"], ordered=True).items)
    2
    """

    items: tuple[tuple[Inline, ...], ...] = attrs.field(
        converter=_to_items,
        validator=C.Check(
            _items_ok,
            "expected at least one non-empty item",
            {"minItems": 1, "items": {"$ref": "#/$defs/InlineText"}},
        ),
    )
    ordered: bool = attrs.field(default=False, validator=C.boolean())
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )


@attrs.frozen(kw_only=True)
class Figure(_Overridable):
    """An image with its alternative text, caption, credit and size.

    ``src`` is an absolute URL or a path relative to the article file. ``alt`` describes the
    picture for readers who cannot see it; an empty ``alt`` marks a purely decorative image.
    ``width`` and ``height`` are in pixels.

    >>> figure = Figure(src="images/night-train.png", alt="A red sleeper train at night",
    ...                 caption="The sleeper leaves at 21:40.", credit="newsdoc example")
    >>> figure.caption
    (Text(text='The sleeper leaves at 21:40.'),)
    """

    src: str = attrs.field(validator=C.resource())
    alt: str = attrs.field(validator=C.text(allow_empty=True))
    caption: tuple[Inline, ...] | None = attrs.field(
        default=None, converter=optional_inlines, validator=_OPT_INLINES
    )
    credit: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    width: int | None = attrs.field(default=None, validator=C.integer(1).or_none())
    height: int | None = attrs.field(default=None, validator=C.integer(1).or_none())
    media_type: str | None = attrs.field(default=None, validator=C.media_type().or_none())
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )


@attrs.frozen(kw_only=True)
class Preformatted(_Overridable):
    """Text whose line breaks and spacing are part of it: program code, a command, a results
    table an agency sends as fixed-width lines, a poem set as written.

    ``text`` is kept exactly, every space, tab and line break. ``syntax`` names the language
    of code, as a Markdown info string or an HTML ``class="language-..."`` does
    (``"python"``, ``"json"``, ``"shell"``); ``None`` for plain preformatted text. ``lang``
    is the human language of any words in it, as on other blocks. Writers never hyphenate,
    justify or reflow it.

    >>> block = Preformatted(text="for stop in route:\\n    print(stop)", syntax="python")
    >>> block.text.splitlines()[1], block.syntax
    ('    print(stop)', 'python')
    """

    text: str = attrs.field(validator=C.text())
    syntax: str | None = attrs.field(default=None, validator=C.syntax().or_none())
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )


def _to_rows(
    value: Iterable[Iterable[str | Iterable[Inline]]],
) -> tuple[tuple[tuple[Inline, ...], ...], ...]:
    return tuple(_to_cells(row) for row in C.to_tuple(value))


def _to_cells(value: Iterable[str | Iterable[Inline]]) -> tuple[tuple[Inline, ...], ...]:
    return tuple(to_inlines(cell) for cell in C.to_tuple(value))


def _to_aligns(value: Iterable[str | Align]) -> tuple[Align, ...]:
    return tuple(Align(v) if type(v) is str else v for v in C.to_tuple(value))  # type: ignore[misc]


def _row_ok(row: Any) -> bool:
    return type(row) is tuple and len(row) >= 1 and all(inlines_ok(c, 0) for c in row)


@attrs.frozen(kw_only=True)
class Table(_Overridable):
    """A simple table: an optional header row and body rows of equal length.

    Cells hold inline content; an empty cell is an empty tuple (or ``""``). ``align``, when
    given, has one :class:`Align` per column; empty, as one of only ``default`` becomes, every
    column runs as the text does.

    >>> Table(header=["City", "Population"], rows=[["Yerevan", "1.1 million"]]).rows[0][0]
    (Text(text='Yerevan'),)
    """

    rows: tuple[tuple[tuple[Inline, ...], ...], ...] = attrs.field(
        converter=_to_rows,
        validator=C.Check(
            lambda v: type(v) is tuple and len(v) >= 1 and all(_row_ok(r) for r in v),
            "expected at least one row of at least one cell",
            {"minItems": 1, "items": {"minItems": 1}},
        ),
    )
    header: tuple[tuple[Inline, ...], ...] = attrs.field(
        default=(),
        converter=_to_cells,
        validator=C.Check(
            lambda v: type(v) is tuple and all(inlines_ok(c, 0) for c in v),
            "expected a list of header cells",
            None,
        ),
    )
    caption: tuple[Inline, ...] | None = attrs.field(
        default=None, converter=optional_inlines, validator=_OPT_INLINES
    )
    align: tuple[Align, ...] = attrs.field(
        default=(), converter=_to_aligns, validator=C.tuple_of(Align)
    )
    lang: str | None = attrs.field(default=None, validator=_OPT_LANG)
    dir: Direction | None = attrs.field(
        default=None, converter=_optional_direction, validator=_OPT_DIR
    )

    def __attrs_post_init__(self) -> None:
        width = len(self.header) if self.header else len(self.rows[0])
        if self.align and len(self.align) != width:
            detail = f"has {len(self.align)} columns, expected {width} like the table"
            raise FieldError("Table", "align", detail)
        if self.align and all(a is Align.DEFAULT for a in self.align):
            object.__setattr__(self, "align", ())  # one way to say "no alignment"
        for number, row in enumerate(self.rows):
            if len(row) != width:
                like = "the header" if self.header else "the first row"
                detail = f"has {len(row)} cells, expected {width} like {like}"
                raise FieldError("Table", f"rows[{number}]", detail)


Block: TypeAlias = Paragraph | Quote | ListBlock | Figure | Table | Preformatted
BLOCK_TYPES: tuple[type, ...] = (Paragraph, Quote, ListBlock, Figure, Table, Preformatted)


def _blocks(value: Iterable[Block]) -> tuple[Block, ...]:
    return C.to_tuple(value)


@attrs.frozen(kw_only=True)
class Section:
    """A part of the article body: an optional heading over an ordered tuple of blocks.

    ``level`` is the heading's level as HTML counts them under an article's headline (1):
    2 for a section, 3 to 6 for a sub-head within the run of sections before it.

    >>> Section(heading="Background", blocks=[Paragraph(content="It began in May.")]).heading
    'Background'
    """

    blocks: tuple[Block, ...] = attrs.field(
        converter=_blocks, validator=C.tuple_of(*BLOCK_TYPES, min_items=1)
    )
    heading: str | None = attrs.field(default=None, validator=_OPT_TEXT)
    level: int = attrs.field(default=2, validator=C.integer(2, 6))

    def __attrs_post_init__(self) -> None:
        if self.heading is None and self.level != 2:
            raise FieldError("Section", "level", "a section without a heading is at level 2")
