"""A NewsML-G2 item's body in every form providers send it, and picture items as figures.

:func:`find_body` picks the richest rendition in ``contentSet``; :func:`read_body` reads it:

- ``inlineXML`` holding NITF of any 3.x version, in its namespace or none
  (:mod:`newsdoc.markup.nitf`), under whatever ``contenttype``;
- ``inlineXML`` holding XHTML (``html``, ``body``, ``div``, ``article``, ``section``) with or
  without the XHTML namespace, under any content type seen in the wild
  (``application/xhtml+xml``, ``application/xhtml+html``, ``xhtml/xml``, ``text/html``...);
- ``inlineData`` holding escaped HTML (or escaped NITF), or plain text (CDATA), whose
  paragraphs are split on blank lines (:func:`newsdoc.markup.lines.text_paragraphs`);
- ``remoteContent`` of a text item is noted with a warning: newsdoc does not fetch it.

Renditions rank NITF and XHTML first, then HTML, then plain text; the others are alternative
renditions of the same text and are left aside. Anything else inside the ``contentSet`` is
reported. XHTML and HTML from other providers are read as HTML without a namespace (the
rules of :mod:`newsdoc.markup.body_reader`), with two steps first:

- a ``header`` at the top of the body (agency boilerplate: a repeated headline, a kicker, a
  teaser) is taken out and its parts offered as the headline (``h1``), subheadline (another
  heading) and summary (a ``p``); what the item already has elsewhere is not repeated, and
  what fits nowhere is reported (:class:`BodyParts` ``head`` and ``extra``);
- an ``h1`` before the first block that repeats the headline is left out.

newsdoc's own output (``exact``) keeps the lossless path of the writer's markup.
"""

from __future__ import annotations

import copy
from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import NewsdocError, excerpt
from newsdoc.formats.newsml.common import G2_NS, g2_tag
from newsdoc.markup.body import BodyCodec, clean_text
from newsdoc.markup.html import parse_html, read_html_body
from newsdoc.markup.inline import XHTML_NS
from newsdoc.markup.lines import text_paragraphs
from newsdoc.markup.nitf import (
    N,
    as_nitf36,
    is_nitf,
    read_content,
    read_head,
    split_tag,
    tidy_names,
)
from newsdoc.markup.xml import Element, etree, parse
from newsdoc.model import checks as C
from newsdoc.model.blocks import Figure, Paragraph, Section
from newsdoc.model.inline import Text

__all__ = ["BodyParts", "FoundBody", "find_body", "picture_figure", "read_body"]

_XHTML_ROOTS = frozenset({"html", "body", "div", "article", "section", "main"})
_XHTML_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "table", "figure", "header"}
)
_RANK = {"nitf": 3, "xhtml": 3, "html": 2, "text": 1}
_MEDIA_CLASSES = ("picture", "graphic", "video", "audio", "animated", "interactive")


@attrs.frozen
class FoundBody:
    """The rendition of the body chosen: its kind, and the element or text holding it."""

    kind: str  # "nitf", "xhtml", "html" or "text"
    element: Element = None
    text: str | None = None
    where: str = "contentSet"


@attrs.frozen
class BodyParts:
    """What a body gives: sections, lead picture, the head fields it states (``head``:
    headline, subheadline, summary, bylines, dateline) and texts of a body header or end that
    no field takes (``extra``: where, and the text; to report)."""

    sections: tuple[Section, ...] = ()
    lead_image: Figure | None = None
    head: dict[str, Any] = attrs.field(factory=dict)
    extra: tuple[tuple[str, str], ...] = ()


def _local(element: Element) -> str:
    return split_tag(element.tag)[1] if isinstance(element.tag, str) else ""


def _namespace(element: Element) -> str:
    return split_tag(element.tag)[0] if isinstance(element.tag, str) else ""


def _looks_like_markup(text: str) -> bool:
    start = text.lstrip()[:200].lower()
    return start.startswith("<") and ("</" in text or "/>" in text)


def _inline_xml(holder: Element, where: str) -> FoundBody | None:
    for child in holder:
        if not isinstance(child.tag, str):
            continue
        # Markup "without a namespace" inside a newsItem is in the item's own default one.
        bare = _namespace(child) in ("", G2_NS)
        if is_nitf(child) or (bare and _local(child) == "nitf"):
            return FoundBody("nitf", as_nitf36(child), where=where)
        if bare or _namespace(child) == XHTML_NS:
            if _local(child) in _XHTML_ROOTS:
                return FoundBody("xhtml", child, where=where)
            if _local(child) in _XHTML_BLOCKS:  # a fragment: the blocks themselves
                return FoundBody("xhtml", holder, where=where)
        warn(
            f"inlineXML holding <{excerpt(_local(child))}> "
            f"({excerpt(holder.get('contenttype', 'no content type'))}) is no body newsdoc "
            "reads; left out",
            code="dropped",
            where=where,
        )
        return None
    return None


def _inline_data(holder: Element, where: str) -> FoundBody | None:
    text = holder.text or ""
    if not text.strip():
        return None
    encoding = (holder.get("encoding") or "").strip().lower()
    if encoding and encoding not in ("utf-8", "utf8"):
        warn(
            f"inlineData encoded as {excerpt(encoding)} is not read; left out",
            code="dropped",
            where=where,
        )
        return None
    content_type = (holder.get("contenttype") or "").lower()
    if "nitf" in content_type or text.lstrip().startswith(("<nitf", "<?xml")):
        try:
            root = parse(text.strip().encode("utf-8"), source=None)
        except NewsdocError:
            root = None
        if root is not None and is_nitf(root):
            return FoundBody("nitf", as_nitf36(root), where=where)
    if "html" in content_type or _looks_like_markup(text):
        return FoundBody("html", parse_html(text), where=where)
    return FoundBody("text", text=text, where=where)


def find_body(root: Element) -> FoundBody | None:
    """The richest body rendition in the item's ``contentSet``, or ``None`` (remote or
    unreadable renditions are reported)."""
    content_set = root.find(g2_tag("contentSet"))
    if content_set is None:
        return None
    found: list[FoundBody] = []
    remote: list[Element] = []
    for number, child in enumerate(content_set):
        if not isinstance(child.tag, str):
            continue
        local = _local(child)
        where = f"contentSet/{local}[{number + 1}]"
        if child.tag == g2_tag("inlineXML"):
            body = _inline_xml(child, where)
        elif child.tag == g2_tag("inlineData"):
            body = _inline_data(child, where)
        elif child.tag == g2_tag("remoteContent"):
            remote.append(child)
            continue
        else:
            warn(f"<{excerpt(local)}> in the contentSet is not read", code="dropped", where=where)
            continue
        if body is not None:
            found.append(body)
    if not found:
        for element in remote:
            href = element.get("href") or element.get("residref") or "no address"
            warn(
                f"the body is remote content ({excerpt(href)}); newsdoc does not fetch it, "
                "so the article has no body",
                code="dropped",
                where="contentSet/remoteContent",
            )
        return None
    return max(found, key=lambda body: _RANK[body.kind])  # the first of the richest


def _without_namespace(element: Element) -> Element:
    made = copy.deepcopy(element)
    tidy_names(made, {XHTML_NS, G2_NS}, "")
    etree.cleanup_namespaces(made)
    return made


def _words(element: Element) -> str:
    return clean_text("".join(element.itertext()), exact=False)


def _is_top(element: Element, body: Element) -> bool:
    """Whether ``element`` stands at the top of ``body``: only plain containers above it."""
    for parent in element.iterancestors():
        if parent is body:
            return True
        if _local(parent) not in ("section", "article", "div", "main"):
            return False
    return False


def _take_header(body: Element) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """Take a body ``header`` at the top out of ``body``: its parts, and its other texts."""
    head: dict[str, Any] = {}
    extra: list[tuple[str, str]] = []
    for header in [h for h in body.iter("header") if _is_top(h, body)]:
        for child in header.iter():
            if child is header or not isinstance(child.tag, str):
                continue
            local = _local(child)
            text = _words(child)
            if not text or local in ("script", "style"):
                continue
            if local == "h1" and "headline" not in head:
                head["headline"] = text
            elif local in ("h1", "h2", "h3", "h4", "h5", "h6") and "subheadline" not in head:
                head["subheadline"] = text
            elif local == "p" and "summary" not in head:
                head["summary"] = text
            elif local in ("h1", "h2", "h3", "h4", "h5", "h6", "p", "div", "span", "time") and (
                not any(isinstance(c.tag, str) and _local(c) in ("p", "div") for c in child)
            ):
                extra.append(("body/header", text))
        loose = clean_text(header.text or "", exact=False)
        if loose:
            extra.append(("body/header", loose))
        header.getparent().remove(header)
    return head, extra


def _drop_repeated_h1(body: Element, headline: str | None) -> dict[str, Any]:
    """Leave out an ``h1`` before the first block: the item's headline again (or, when the
    item has none, its headline)."""
    for element in body.iter():
        if not isinstance(element.tag, str) or element is body:
            continue
        local = _local(element)
        if local == "h1" and _is_top(element, body):
            text = _words(element)
            if headline is None or text == " ".join(headline.split()):
                parent = element.getparent()
                if element.tail and element.tail.strip():
                    break  # text follows: keep the heading where it is
                parent.remove(element)
                return {"headline": text} if headline is None and text else {}
            break
        if local in ("p", "ul", "ol", "table", "blockquote", "figure", "img", "pre"):
            break
    return {}


def _read_foreign_html(root: Element, headline: str | None) -> BodyParts:
    body = root.find("body") if _local(root) == "html" else root
    head: dict[str, Any] = {}
    if _local(root) == "html":
        title = root.find("head/title")
        if title is not None and _words(title):
            head["headline"] = _words(title)
    if body is None:
        return BodyParts(head=head)
    taken, extra = _take_header(body)
    for key, value in taken.items():
        head.setdefault(key, value)
    found = _drop_repeated_h1(body, headline or head.get("headline"))
    for key, value in found.items():
        head.setdefault(key, value)
    read = read_html_body(body)
    return BodyParts(read.sections, read.lead_image, head, tuple(extra))


def _read_nitf(root: Element, *, exact: bool) -> BodyParts:
    body = root.find(f"{N}body")
    head = read_head(body.find(f"{N}body.head") if body is not None else None, exact=exact)
    container = body.find(f"{N}body.content") if body is not None else None
    extra: list[tuple[str, str]] = []
    if body is not None:
        for end in body.findall(f"{N}body.end"):
            text = _words(end)
            if text:
                extra.append(("nitf/body/body.end", text))
    sections, lead = read_content(container, exact=exact)
    return BodyParts(sections, lead, head, tuple(extra))


def read_body(found: FoundBody, *, exact: bool, headline: str | None) -> BodyParts:
    """Read the rendition ``found``; ``exact`` for newsdoc's own output, ``headline`` the
    item's own (to recognise a body that repeats it)."""
    if found.kind == "nitf":
        return _read_nitf(found.element, exact=exact)
    if found.kind == "xhtml" and exact and _namespace(found.element) == XHTML_NS:
        codec = BodyCodec(nitf=False)
        container = found.element.find(codec.tag("body"))
        if container is None:
            container = found.element
        lead = None
        for child in container:
            if isinstance(child.tag, str) and child.get("class") == "lead-image":
                lead = codec.read_figure(child, exact=exact)
                break
        return BodyParts(tuple(codec.read_sections(container, exact=exact)), lead)
    if found.kind in ("xhtml", "html"):
        return _read_foreign_html(_without_namespace(found.element), headline)
    paragraphs = [Paragraph(content=p) for p in text_paragraphs(found.text or "") if p]
    if not paragraphs:
        return BodyParts()
    loose: Any = tuple(paragraphs)
    return BodyParts((Section(blocks=loose),))


# ----------------------------------------------------------------------------- picture items


def media_class(item: Element) -> str | None:
    """The kind of a non-text item (``picture``, ``video``...), or ``None`` for text."""
    item_class = item.find(f"{g2_tag('itemMeta')}/{g2_tag('itemClass')}")
    qcode = (item_class.get("qcode", "") if item_class is not None else "").lower()
    for kind in _MEDIA_CLASSES:
        if qcode.endswith(f":{kind}"):
            return kind
    return None


def _item_text(parent: Element | None, local: str) -> str | None:
    if parent is None:
        return None
    element = parent.find(g2_tag(local))
    return _words(element) or None if element is not None else None


def picture_figure(item: Element) -> Figure | None:
    """A picture (or a video's still image) newsItem as a figure: its largest image
    rendition with an http(s) address, its description as the caption, its headline as the
    alternative text, its creditline as the credit; ``None`` when it has no such rendition."""
    best: tuple[int, Element] | None = None
    content_set = item.find(g2_tag("contentSet"))
    for rendition in (
        content_set.findall(g2_tag("remoteContent")) if content_set is not None else []
    ):
        href = (rendition.get("href") or "").strip()
        kind = (rendition.get("contenttype") or "image/").lower()
        if not kind.startswith("image/") or not C.http_url().test(href):
            continue
        area = (C.parse_int(rendition.get("width") or "", 1, C.MAX_INT) or 0) * (
            C.parse_int(rendition.get("height") or "", 1, C.MAX_INT) or 0
        )
        if best is None or area > best[0]:
            best = (area, rendition)
    if best is None:
        return None
    rendition = best[1]
    meta = item.find(g2_tag("contentMeta"))
    headline = _item_text(meta, "headline")
    description = _item_text(meta, "description")
    media_type = rendition.get("contenttype")
    width = C.parse_int(rendition.get("width") or "", 1, C.MAX_INT)
    height = C.parse_int(rendition.get("height") or "", 1, C.MAX_INT)
    caption = (Text(text=description),) if description else None
    return Figure(
        src=rendition.get("href").strip(),
        alt=headline or description or "",
        caption=caption,
        credit=_item_text(meta, "creditline"),
        width=width,
        height=height,
        media_type=media_type if media_type and C.media_type().test(media_type) else None,
    )
