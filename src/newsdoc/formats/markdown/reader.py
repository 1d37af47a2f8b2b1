"""The Markdown reader: CommonMark with YAML front matter to an article.

See :mod:`newsdoc.formats.markdown` for the mapping. Before parsing, the body is checked
against the limits (:mod:`newsdoc.limits`): at most ``max_markdown_bytes`` in all, at most
``max_blocks`` runs of lines between blank lines, none longer than ``max_text_length``
characters, so that markdown-it (pure Python) finishes in seconds; characters no format can
carry are removed with a warning naming their line. While it is parsed, the cells of its
tables are counted as each table is read (a GFM header row sets the width every later line
is filled up to) and the body refused beyond ``max_table_cells``, before any cell's text is
parsed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, LimitError, Problem, excerpt
from newsdoc.formats.markdown._common import (
    _evolve,
)
from newsdoc.formats.markdown._limits import _checked_body, count_table_cells
from newsdoc.formats.markdown.body import BodyReader, markdown_to_inline
from newsdoc.formats.markdown.dialects import assumed_id, map_front_matter
from newsdoc.formats.markdown.frontmatter import (
    _load_front_matter,
    front_matter_kind,
    split_front_matter,
)
from newsdoc.formats.markdown.options import MarkdownOptions
from newsdoc.formats.markdown.parser import markdown_parser
from newsdoc.formats.markdown.shortcodes import expand_template_syntax
from newsdoc.limits import check_input, current
from newsdoc.model import Article, Inline, Paragraph, Section, Strong, Text
from newsdoc.model.measure import check_document
from newsdoc.options import resolve

# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read(
    data: bytes,
    options: MarkdownOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: UTF-8 Markdown with YAML front matter to an article.

    >>> article = read(b"---\\nid: urn:newsdoc:1\\nheadline: Hi\\n---\\nIt *rained*.\\n")
    >>> article.headline, article.sections[0].blocks[0].content
    ('Hi', (Text(text='It '), Emphasis(children=(Text(text='rained'),)), Text(text='.')))
    """
    resolve(MarkdownOptions, "markdown", options, given)
    try:
        with _no_cycle_collection():
            return _read(data, source)
    except LimitError as exc:
        raise exc if exc.source or source is None else exc.with_source(source) from None


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a body is read: markdown-it's tokens and the
    model's nodes hold no reference cycles (reference counting frees them), yet each of the
    collector's passes walks all of them, which doubled the time to read a body of many
    table cells. Left as it was found (not resumed if it was already paused)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _read(data: bytes, source: str | None) -> Article:
    check_input(data, source)
    limit = current().max_markdown_bytes
    if len(data) > limit:
        raise LimitError(
            f"the Markdown is {len(data)} bytes, more than the limit of {limit} "
            "(max_markdown_bytes)",
            source,
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem("", f"not UTF-8 text (byte {exc.start}: {exc.reason})")
        raise InvalidDocumentError([problem], source) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        front, body, offset = split_front_matter(text)
    except InvalidDocumentError as exc:
        raise exc.with_source(source) if source else exc from None
    given = _load_front_matter(front, source, front_matter_kind(text))
    # newsdoc's own Markdown names its headline so; other tools' posts are read leniently
    lenient = "headline" not in given
    meta = map_front_matter(given)
    if lenient and "language" not in meta:
        warn(
            "the front matter names no language (lang); 'en' assumed", code="assumed", where="lang"
        )
    body, figures = expand_template_syntax(_checked_body(body, offset, source), offset)
    reader = BodyReader(offset, figures, lenient=lenient)
    parser = markdown_parser()
    count_table_cells(parser, offset, source)
    tokens = parser.parse(body)
    headline, sections = reader.sections(tokens)
    problems = list(reader.problems)
    if headline is not None:
        named = meta.get("headline")
        message = f"the heading {excerpt('# ' + headline)} differs from the front matter's headline"
        if named is None:
            meta["headline"] = headline
        elif named != headline and lenient:
            sections, how, code = _first_heading(sections, headline)
            warn(f"{message}; {how}", code=code, where="body")
        elif named != headline:
            problems.append(Problem("body", message))
    if "id" not in meta:
        meta["id"] = assumed_id(meta, source)
    _inline_fields(meta, problems)
    from newsdoc.wire.data import from_dict

    document: Any = None
    try:
        document = from_dict({"newsdoc": 1, "kind": "article", **meta}, source)
    except InvalidDocumentError as exc:
        problems = [*exc.problems, *problems]
    if problems:
        raise InvalidDocumentError(problems, source)
    article: Article = document
    result: Article = _evolve(article, sections=sections)
    check_document(result, source)
    return result


def _first_heading(
    sections: tuple[Section, ...], heading: str
) -> tuple[tuple[Section, ...], str, str]:
    """``sections`` led by ``heading`` (a ``#`` heading unlike the title), with what was done
    and its warning code: the first section's heading when it has none, else a bold paragraph
    opening it; with no sections at all, nothing can hold it."""
    if not sections:
        return sections, "left out: the body has no text under it", "dropped"
    first = sections[0]
    if first.heading is None:
        return (
            (_evolve(first, heading=heading), *sections[1:]),
            ("read as the first section's heading"),
            "assumed",
        )
    lead = Paragraph(content=(Strong(children=(Text(text=heading),)),))
    changed = _evolve(first, blocks=(lead, *first.blocks))
    return (changed, *sections[1:]), "read as a bold paragraph opening the first section", "assumed"


def _inline_fields(meta: dict[str, Any], problems: list[Problem]) -> None:
    """Front matter rich text is inline Markdown; turn it into newsdoc JSON's inline form."""
    image = meta.get("lead_image")
    if isinstance(image, dict):
        meta["lead_image"] = {"type": "figure", **image}
        caption = image.get("caption")
        if isinstance(caption, str):
            meta["lead_image"]["caption"] = _inline_json(markdown_to_inline(caption))
    points = meta.get("key_points")
    if isinstance(points, list):
        for index, point in enumerate(points):
            if isinstance(point, dict) and isinstance(point.get("text"), str):
                nodes = markdown_to_inline(point["text"])
                if not nodes:
                    problems.append(Problem(f"key_points[{index}].text", "empty"))
                point["text"] = _inline_json(nodes)


def _inline_json(nodes: Sequence[Inline]) -> str | list[Any]:
    from newsdoc.wire.data import inlines_to_data

    return inlines_to_data(nodes)
