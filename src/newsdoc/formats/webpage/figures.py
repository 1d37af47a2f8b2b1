"""Figures and quotations on the page, read without changing it.

- A **block quote**'s attribution is its ``<footer>``, a ``<cite>`` in it, the
  ``<figcaption>`` of the ``<figure>`` it is set in, or a last paragraph starting with a dash
  ("— Name, Role, Affiliation"); :func:`speaker` makes the person of it. The quote's text
  (without its attribution) is kept as a comparison key, so the body's quote can be given its
  speaker. A quotation set in a ``<figure>`` with a caption is dropped by trafilatura; its
  content is kept here, with the text just before and after it, to be put back.
- A **figure** (``<figure>`` with an ``<img>``) gives a :class:`~newsdoc.model.Figure`: the
  image's address (``src``, else a lazy-loading ``data-src``/``srcset``; never a ``data:``
  URI), alt text, caption and credit (an element of the caption whose class says
  ``credit``, ``copyright``, ``photographer`` or ``source``), size, and the text blocks just
  before and after it on the page, so the figure goes back between the same two paragraphs
  of the body.
"""

from __future__ import annotations

import re

import attrs

from newsdoc.errors import FieldError
from newsdoc.formats.webpage.metadata import person
from newsdoc.formats.webpage.tree import (
    Element,
    classes,
    clean,
    http_url,
    inlines_of,
    is_element,
    key,
    text_of,
)
from newsdoc.model import Figure, Inline, Person, plain_text

__all__ = ["FigureSpot", "QuoteSpot", "read_figure", "read_quote", "speaker"]

_CREDIT = re.compile(r"credit|copyright|photographer|byline|source")
_DASHES = "—–―-"
_TEXT_BLOCKS = ("p", "li", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt")


@attrs.define
class QuoteSpot:
    """A block quote on the page: its text key, speaker, attribution key and (for a quote
    set in a ``<figure>``, which trafilatura leaves out) its content and neighbours."""

    key: str
    speaker: Person | None
    attribution: str | None
    content: tuple[Inline, ...] = ()
    before: str | None = None
    after: str | None = None


@attrs.define
class FigureSpot:
    """A figure on the page, with the keys of the text blocks just before and after it;
    ``early`` when no long paragraph comes before it (a lead image)."""

    figure: Figure
    caption_keys: tuple[str, ...]
    before: str | None
    early: bool
    after: str | None = None


def speaker(attribution: str) -> Person | None:
    """A quote's speaker from its attribution: "— Name, Role, Affiliation".

    >>> speaker("— Tigran Avagyan, Deputy mayor")
    Person(name='Tigran Avagyan', role='Deputy mayor', affiliation=None, url=None)
    """
    text = attribution.strip().lstrip(_DASHES).strip()
    parts = [p.strip() for p in re.split(r"[,،]", text)]
    if not parts or not parts[0] or len(parts[0]) > 80:
        return None
    role = parts[1] if len(parts) > 1 and parts[1] else None
    affiliation = ", ".join(p for p in parts[2:] if p) or None
    return person(parts[0], role=clean(role), affiliation=clean(affiliation))


def read_quote(element: Element, base: str | None) -> QuoteSpot:
    """What the page says of a ``<blockquote>`` (see the module's docstring)."""
    attribution: str | None = None
    credits: list[Element] = []
    for found in element.xpath("./footer|.//cite"):
        attribution = text_of(found)
        credits.append(found)
        break
    parent = element.getparent()
    caption = None
    if attribution is None and parent is not None and parent.tag == "figure":
        caption = next(parent.iter("figcaption"), None)
        if caption is not None:
            attribution = text_of(caption)
    if attribution is None:
        paragraphs = element.findall("p")
        if len(paragraphs) > 1:
            last = text_of(paragraphs[-1])
            if last[:1] in _DASHES:
                attribution = last
                credits.append(paragraphs[-1])
    content = inlines_of(element, base, skip=set(credits).__contains__)
    spot = QuoteSpot(
        key=key(plain_text(content)),
        speaker=speaker(attribution) if attribution else None,
        attribution=key(attribution) if attribution else None,
    )
    if caption is not None and content:  # a quote set in a figure: trafilatura drops it
        spot.content = content
        spot.before = nearest(parent, preceding=True)
        spot.after = nearest(parent, preceding=False)
    return spot


def read_figure(element: Element, base: str | None, *, early: bool) -> FigureSpot | None:
    """A ``<figure>`` with an image (see the module's docstring), or ``None``."""
    if next(element.iter("blockquote"), None) is not None:
        return None  # a quotation set in a figure: read as a quote
    image = next(element.iter("img"), None)
    src = _image_source(image, base) if image is not None else None
    if image is None or src is None:
        return None
    caption = next(element.iter("figcaption"), None)
    content: tuple[Inline, ...] = ()
    credit: str | None = None
    keys: list[str] = []
    if caption is not None:
        credits = [
            e
            for e in caption.iter()
            if is_element(e) and e is not caption and _CREDIT.search(classes(e))
        ]
        credit = clean(" ".join(text_of(e) for e in credits), limit=500)
        content = inlines_of(caption, base, skip=set(credits).__contains__)
        keys = [key(text_of(caption)), key(plain_text(content))]
        if credit:
            keys.append(key(credit))
    try:
        figure = Figure(
            src=src,
            alt=clean(image.get("alt"), limit=2000) or "",
            caption=content or None,
            credit=credit,
            width=_size(image.get("width")),
            height=_size(image.get("height")),
        )
    except (FieldError, ValueError):
        return None
    return FigureSpot(
        figure,
        tuple(k for k in keys if k),
        nearest(element, preceding=True),
        early,
        nearest(element, preceding=False),
    )


def nearest(figure: Element, *, preceding: bool) -> str | None:
    """The key of the nearest text block with text before (or after) ``figure``: its
    siblings are searched first, then its parent's, up to eight levels up."""
    node = figure
    for _ in range(8):
        for sibling in node.itersiblings(preceding=preceding):
            if not is_element(sibling) or sibling.tag == "figure":
                continue
            blocks = list(sibling.iter(*_TEXT_BLOCKS))
            for block in reversed(blocks) if preceding else blocks:
                found = key(text_of(block))
                if found and next(block.iterancestors("figure"), None) is None:
                    return found
        node = node.getparent()
        if node is None or node.tag == "body":
            break
    return None


def _image_source(image: Element, base: str | None) -> str | None:
    for name in ("src", "data-src", "data-original", "data-lazy-src"):
        value = image.get(name)
        if value and not value.strip().startswith("data:"):
            found = http_url(value, base)
            if found:
                return found
    srcset = image.get("srcset") or image.get("data-srcset") or ""
    first = srcset.split(",")[0].strip().split(" ")[0] if srcset.strip() else ""
    return http_url(first, base) if first else None


def _size(value: object) -> int | None:
    text = clean(value, limit=12)
    return int(text) if text and text.isdigit() and 0 < int(text) < 100_000 else None
