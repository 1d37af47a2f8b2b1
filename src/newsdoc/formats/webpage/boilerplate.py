"""After trafilatura: boilerplate out block by block, figures back in, sections formed.

trafilatura already leaves most of a page's chrome behind. What it keeps but is not body
text is taken out here, one whole block at a time and only on an exact match with what the
page itself marks (:mod:`.scan`), never by cutting the page's tree:

- the headline repeated (``<h1>``, ``og:title``, ``<title>``), the standfirst (which is the
  subheadline), the byline line and the date line;
- key points, and the read-also, related, latest and most-read boxes (their links are the
  article's related links), with their labels ("Read also:");
- figure captions trafilatura left as paragraphs (they belong to the figures).

A list loses only its items that match. Figures (and quotations set in a ``<figure>``,
which trafilatura leaves out) go back between the two paragraphs they stood between on the
page, when both are in the body.

:func:`sections` then groups the flat body under its headings. A heading followed at once
by another keeps its words as a bold paragraph of the section; headings with no text under
them at the very end of the body (a leftover "More stories") are left out with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdoc.diagnostics import warn
from newsdoc.formats.webpage.body import Heading, Item
from newsdoc.formats.webpage.scan import Parts
from newsdoc.formats.webpage.tree import as_tuple, key
from newsdoc.model import (
    Block,
    Figure,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Strong,
    Text,
    plain_text,
)

__all__ = ["headline_keys", "remove", "restore", "sections", "split_title"]

_PREFIX = 80  # how much of a block's text places a figure (the page and trafilatura agree)
_TITLE_SEPARATOR = re.compile(r"\s+[|–—-]\s+|\s+::\s+")


def split_title(title: str) -> str:
    """A ``<title>``'s part before its " | Site" separator.

    >>> split_title("Rain returns | Daily Wire")
    'Rain returns'
    """
    return _TITLE_SEPARATOR.split(title)[0].strip() or title


def headline_keys(*titles: str | None) -> set[str]:
    """Keys of the headline as the page gives it: whole, and a ``<title>``'s part before its
    " | Site" separator."""
    found: set[str] = set()
    for title in titles:
        if not title:
            continue
        found.add(key(title))
        parts = _TITLE_SEPARATOR.split(title)
        if len(parts) > 1:
            found.add(key(parts[0]))
    found.discard("")
    return found


def _texts(item: Item) -> list[str]:
    if isinstance(item, Heading):
        return [item.text]
    if isinstance(item, Paragraph):
        return [plain_text(item.content)]
    if isinstance(item, Quote):
        return [plain_text(item.text)]
    if isinstance(item, ListBlock):
        return [plain_text(entry) for entry in item.items]
    return []


def _prefix(text: str) -> str:
    """The start of a text's key (enough to place a figure; cheap on long paragraphs)."""
    return key(text[: 3 * _PREFIX])[:_PREFIX]


def remove(
    items: list[Item], parts: Parts, headlines: set[str], extra: Iterable[str]
) -> list[Item]:
    """The body without the blocks the page marks as something else (see the module's
    docstring); ``extra`` are further keys of whole blocks to leave out (the subheadline,
    the lead image's caption)."""
    exact = set(headlines) | {k for k in extra if k}
    exact |= parts.byline_keys | parts.date_keys | parts.label_keys
    if parts.standfirst:
        exact.add(key(parts.standfirst))
    for spot in parts.figures:
        exact.update(spot.caption_keys)
    boxes = parts.box_keys | parts.key_point_keys
    exact |= boxes
    exact.discard("")
    # A key is never longer than its text, and a text is rarely three times its key: longer
    # blocks cannot match and are not keyed at all.
    longest = 3 * max((len(k) for k in exact), default=0) + 20

    def matches(text: str, keys: set[str]) -> bool:
        return len(text) <= longest and key(text) in keys

    out: list[Item] = []
    for item in items:
        if isinstance(item, Heading | Paragraph):
            if matches(_texts(item)[0], exact):
                continue
        elif isinstance(item, ListBlock):
            kept = tuple(entry for entry in item.items if not matches(plain_text(entry), boxes))
            if not kept:
                continue
            if len(kept) != len(item.items):
                item = ListBlock(items=kept, ordered=item.ordered)
        out.append(item)
    return out


def restore(items: list[Item], parts: Parts, lead: Figure | None) -> list[Item]:
    """Put the page's figures, and quotations trafilatura left out, back in place."""
    placed: dict[int, list[Block]] = {}
    if not parts.figures and not any(quote.content for quote in parts.quotes):
        return items
    index: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        for text in _texts(item):
            start = _prefix(text)
            if start:
                index.setdefault(start, []).append(position)
    quoted = {_prefix(t) for item in items if isinstance(item, Quote) for t in _texts(item)}
    spots: list[tuple[str | None, str | None, Block]] = []
    for figure in parts.figures:
        if lead is None or figure.figure.src != lead.src:
            spots.append((figure.before, figure.after, figure.figure))
    for quote in parts.quotes:
        if quote.content and quote.key[:_PREFIX] not in quoted:
            spots.append(
                (quote.before, quote.after, Quote(text=quote.content, speaker=quote.speaker))
            )
    for before, after, block in spots:
        if not before or not after:
            continue
        starts = index.get(before[:_PREFIX], [])
        ends = index.get(after[:_PREFIX], [])
        if starts and ends and starts[0] < ends[-1]:
            placed.setdefault(starts[0], []).append(block)
    if not placed:
        return items
    out: list[Item] = []
    for position, item in enumerate(items):
        out.append(item)
        out.extend(placed.get(position, ()))
    return out


def _bold(text: str) -> Paragraph:
    return Paragraph(content=(Strong(children=(Text(text=text),)),))


def sections(items: list[Item]) -> list[Section]:
    """The flat body grouped under its headings (see the module's docstring)."""
    out: list[Section] = []
    heading: str | None = None
    pending: list[str] = []  # headings met right after another heading
    blocks: list[Block] = []
    for item in items:
        if isinstance(item, Heading):
            if blocks:
                out.append(Section(heading=heading, blocks=as_tuple(blocks)))
                heading, blocks = None, []
            if heading is None and not pending:
                heading = item.text
            else:
                pending.append(item.text)
            continue
        blocks.extend(_bold(text) for text in pending)
        pending = []
        blocks.append(item)
    if blocks:
        out.append(Section(heading=heading, blocks=as_tuple(blocks)))
    left = [text for text in (heading, *pending) if text and not blocks]
    if left:
        shown = "; ".join(text[:60] for text in left)
        warn(
            f"heading with no text under it at the end of the body left out: {shown!r}",
            code="dropped",
            where="sections",
        )
    return out
