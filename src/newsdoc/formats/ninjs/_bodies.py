"""The bodies of a ninjs item: what each rendition holds, which one is read, and into what.

A ninjs item may carry its body several times (``bodies``, or 1.x's ``body_text``,
``body_html``...): plain text, an HTML fragment, XHTML, a whole HTML5 document, NITF, or a
provider's own XML. What a rendition holds is told by its content first and its content type
second, as providers label them loosely (NITF as ``text/html``, HTML as ``text/plain``):

- newsdoc's own body (``<div class="newsdoc-body">``) is read exactly, as written;
- NITF (a ``nitf`` root or a ``body.content``, in any namespace or none) is read with the
  NITF body rules, and its ``body.head`` gives the headline, summary, byline and dateline
  where the item has none;
- HTML (fragment, XHTML or document) is read by the shared HTML body reader
  (:mod:`newsdoc.markup.html`); an opening heading that repeats the headline is left out;
- plain text is split into paragraphs at line ends;
- XML of another vocabulary is read as HTML would be, with a warning.

The richest rendition is read (newsdoc's own, then NITF or HTML by the structure they hold,
then plain text, then other XML); the others are left out, and reported only when they hold
text the body read lacks.
"""

from __future__ import annotations

import re

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, LimitError, excerpt
from newsdoc.formats.ninjs._access import Node
from newsdoc.formats.ninjs.common import BODY_CLASS
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.html import parse_html, read_html_body
from newsdoc.markup.inline import NITF_NS, XHTML_NS, InlineCodec
from newsdoc.markup.xml import Element, check_tree_depth, etree, parse
from newsdoc.model import checks as C
from newsdoc.model.blocks import Figure, Paragraph, Section
from newsdoc.model.inline import Inline

__all__ = ["Body", "Head", "parse_xhtml", "read_bodies", "read_inline_html"]

_HTML_NAME = re.compile(r"[A-Za-z][A-Za-z0-9\-]{0,40}")
_OWN = re.compile(rf'\s*<div\s+class="{BODY_CLASS}"')
_TAG = re.compile(r"\s*<([A-Za-z][\w.\-]*:)?([A-Za-z][\w.\-]*)")
_PROLOG = re.compile(r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*>)", re.DOTALL | re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{4,}")
_HTML_TAGS = frozenset(
    [
        "html",
        "head",
        "body",
        "article",
        "section",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "div",
        "p",
        "span",
        "br",
        "hr",
        "a",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "small",
        "sub",
        "sup",
        "mark",
        "q",
        "cite",
        "code",
        "pre",
        "blockquote",
        "figure",
        "figcaption",
        "img",
        "picture",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "td",
        "th",
        "caption",
        "abbr",
        "time",
        "s",
        "del",
        "ins",
        "font",
        "center",
        "title",
        "meta",
        "link",
        "style",
        "script",
        "iframe",
        "video",
        "audio",
    ]
)
_STRUCTURE = {
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "hl2": "heading",
    "blockquote": "quote",
    "bq": "quote",
    "ul": "list",
    "ol": "list",
    "table": "table",
    "img": "figure",
    "media": "figure",
    "a": "link",
    "em": "emphasis",
    "strong": "emphasis",
    "b": "emphasis",
    "i": "emphasis",
    "p": "paragraph",
}
# How much a kind of rendition holds, best first.
_RANK = {"own": 4, "nitf": 3, "html": 3, "text": 2, "xml": 1}
_NAMES = {"own": "HTML", "nitf": "NITF", "html": "HTML", "text": "plain text", "xml": "XML"}


@attrs.frozen
class Head:
    """What a NITF body's ``body.head`` says of the article (fallbacks for the item's own)."""

    headline: str | None = None
    subheadline: str | None = None
    summary: str | None = None
    byline: str | None = None
    dateline: str | None = None


@attrs.frozen
class Body:
    """The body read: its sections, its lead picture, and a NITF head if it had one."""

    sections: tuple[Section, ...] = ()
    lead_image: Figure | None = None
    head: Head = Head()


@attrs.define
class _Rendition:
    node: Node
    kind: str
    value: str
    tree: Element | None = None  # parsed when measured (HTML, NITF, XML)
    tags: frozenset[str] = frozenset()
    problem: str | None = None  # why a NITF rendition could not be parsed as XML

    @property
    def where(self) -> str:
        return self.node.at("value")

    def richness(self) -> tuple[int, int, int]:
        kinds = {_STRUCTURE[t] for t in self.tags if t in _STRUCTURE}
        return (_RANK[self.kind], len(kinds), len(self.value))

    def pieces(self) -> list[str]:
        """The rendition's text in pieces: its lines, or the text of its elements."""
        found = self.value.splitlines() if self.tree is None else self.tree.itertext()
        return [" ".join(piece.split()) for piece in found if piece.strip()]

    def words(self) -> list[str]:
        return _WORD.findall(" ".join(self.pieces()).lower())


def _kind(node: Node, value: str) -> tuple[str, frozenset[str]]:
    """What the rendition holds, by its content first, then by its content type and role."""
    if _OWN.match(value):
        return "own", frozenset()
    claimed = f"{node.string('contentType') or ''} {node.string('role') or ''}".lower()
    position = 0
    while found := _PROLOG.match(value, position):
        position = found.end()
    tags = frozenset(m.group(2).lower() for m in _TAG.finditer(value, 0, 1 << 20))
    first = _TAG.match(value, position)
    if first is not None:
        root = first.group(2).lower()
        if root == "nitf" or root == "body.content" or "body.content" in tags:
            return "nitf", tags
        return ("html" if root in _HTML_TAGS else "xml"), tags
    if tags & _HTML_TAGS or "html" in claimed or "xml" in claimed:
        return "html", tags
    return "text", tags


def read_bodies(item: Node, headline: str | None, known: str) -> Body:
    """The richest body of ``item`` read; ``headline`` (when known) is left out of it where
    it opens the body, and ``known`` (the item's other text) counts as held by the body when
    the renditions left out are compared with it."""
    renditions = []
    for node in item.nodes("bodies"):
        value = node.text("value")
        if value is not None:
            clean = C.strip_bad_chars(value)
            if clean != value:
                warn(f"{C.bad_char_note(value)}: left out", code="dropped", where=node.at("value"))
            kind, tags = _kind(node, clean)
            renditions.append(_Rendition(node, kind, clean, tags=tags))
    if not renditions:
        return Body()
    for rendition in renditions:
        _measure(rendition)
    renditions.sort(key=lambda r: r.richness(), reverse=True)
    for index, chosen in enumerate(renditions):
        body = _read(chosen, headline, known)
        if body is None:
            continue
        held = set(_WORD.findall(known.lower()))
        held.update(chosen.words())
        for other in renditions[:index] + renditions[index + 1 :]:
            _report_ignored(other, chosen, held)
        return body
    return Body()


def _measure(rendition: _Rendition) -> None:
    """Parse a marked-up rendition once (for its structure and words); a rendition that
    cannot be parsed is measured as plain text."""
    if rendition.kind == "nitf":
        rendition.tree = _parse_nitf(rendition)
        if rendition.tree is None:
            rendition.kind = "xml"
    if rendition.tree is None and rendition.kind in ("html", "xml"):
        rendition.tree = parse_html(rendition.value)
        check_tree_depth(rendition.tree, rendition.node.source)
        for element in rendition.tree.iter():
            if isinstance(element.tag, str) and not _HTML_NAME.fullmatch(element.tag):
                element.tag = "span"  # a name HTML's parser took that XML has not: text kept
    if rendition.tree is not None:
        rendition.tags = frozenset(
            e.tag.rsplit("}", 1)[-1].lower()
            for e in rendition.tree.iter()
            if isinstance(e.tag, str)
        )


def _report_ignored(other: _Rendition, chosen: _Rendition, held: set[str]) -> None:
    words = other.words()
    missing = list(dict.fromkeys(w for w in words if w not in held))
    if len(missing) >= 3 and len(missing) * 10 >= len(set(words)):
        lacking = set(missing)
        sample = next(p for p in other.pieces() if lacking & set(_WORD.findall(p.lower())))
        warn(
            f"this {_NAMES[other.kind]} body is not read (the {_NAMES[chosen.kind]} body at "
            f"{chosen.where} is), and holds text that one lacks, such as {excerpt(sample)}; "
            "left out",
            code="dropped",
            where=other.where,
        )


def _read(rendition: _Rendition, headline: str | None, known: str) -> Body | None:
    if rendition.kind == "own":
        root, exact = parse_xhtml(rendition.value, rendition.node, "value")
        codec = BodyCodec(nitf=False)
        lead = None
        for child in root:
            if isinstance(child.tag, str) and child.get("class") == "lead-image":
                lead = codec.read_figure(child, exact=exact)
        return Body(tuple(codec.read_sections(root, exact=exact)), lead)
    if rendition.kind == "nitf" and rendition.tree is not None:
        return _read_nitf(rendition.tree)
    if rendition.tree is not None:
        if rendition.kind == "xml":
            root = next((e for e in rendition.tree.iter() if e is not rendition.tree), None)
            named = f" (<{str(root.tag)[:30]}>)" if root is not None else ""
            what = (
                f"a NITF body that is not well-formed XML ({rendition.problem})"
                if rendition.problem
                else f"a body in a markup newsdoc does not know{named}"
            )
            warn(f"{what}, read for its text", code="unmapped", where=rendition.where)
            return _read_foreign(rendition.tree)
        _drop_repeats(rendition.tree, headline, known)
        html = read_html_body(rendition.tree)
        return Body(html.sections, html.lead_image)
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n|\n", rendition.value) if p.strip()]
    if not paragraphs:
        return None
    return Body((Section(blocks=[Paragraph(content=p) for p in paragraphs]),))


def _read_foreign(root: Element) -> Body | None:
    """XML of a vocabulary newsdoc does not know: the text of its paragraph elements
    (``p``, ``para``), else all its text, a paragraph per line."""
    found = [e for e in root.iter("p", "para", "paragraph") if not list(e.iterancestors("p"))]
    pieces = [" ".join(e.itertext()) for e in found] or "\n".join(root.itertext()).splitlines()
    paragraphs = [" ".join(p.split()) for p in pieces if p.strip()]
    if not paragraphs:
        return None
    return Body((Section(blocks=[Paragraph(content=p) for p in paragraphs]),))


def _drop_repeats(root: Element, headline: str | None, known: str) -> None:
    """Leave out what repeats the item's own fields: the first heading when it is the
    headline (an HTML document's ``h1``), and a ``header`` all of whose words are the
    headline's, the byline's, the dateline's or the summary's (a header with anything more
    is read as part of the body)."""
    held = set(_WORD.findall(f"{headline or ''} {known}".lower()))
    for header in list(root.iter("header")):
        if set(_WORD.findall(" ".join(header.itertext()).lower())) <= held:
            header.drop_tree()
    if headline is None:
        return
    for element in root.iter("h1", "h2"):
        if " ".join(element.itertext()).split() == headline.split():
            element.drop_tree()
        return


# ---------------------------------------------------------------------- NITF


def _parse_nitf(rendition: _Rendition) -> Element | None:
    """The NITF rendition as a tree in NITF's 2006 namespace, whatever its own namespace;
    ``None`` (the rendition's ``problem`` saying why) when it is not well-formed XML."""
    value = rendition.value
    while (found := _PROLOG.match(value)) is not None:
        value = value[found.end() :]  # the declaration names an encoding the text no longer has
    try:
        root = parse(value.encode("utf-8"), source=rendition.node.source)
    except InvalidDocumentError as exc:
        if isinstance(exc, LimitError) or any(
            "nested more than" in p.message for p in exc.problems
        ):
            raise
        rendition.problem = exc.problems[0].message if exc.problems else "it cannot be read"
        return None
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = f"{{{NITF_NS}}}{etree.QName(element).localname}"
    return root


def _words_of(element: Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _read_nitf(root: Element) -> Body:
    def find(path: str) -> Element | None:
        steps = "/".join(f"{{{NITF_NS}}}{step}" for step in path.split("/"))
        return root.find(f".//{steps}") if root.tag != f"{{{NITF_NS}}}{path}" else root

    head = find("body.head")
    content = find("body.content")
    container = content if content is not None else root
    codec = BodyCodec(nitf=True)
    sections = tuple(codec.read_sections(container, exact=False))
    if head is None:
        return Body(sections)
    byline = head.find(f"{{{NITF_NS}}}byline")
    person = byline.find(f".//{{{NITF_NS}}}person") if byline is not None else None
    return Body(
        sections,
        head=Head(
            headline=_words_of(head.find(f"{{{NITF_NS}}}hedline/{{{NITF_NS}}}hl1")),
            subheadline=_words_of(head.find(f"{{{NITF_NS}}}hedline/{{{NITF_NS}}}hl2")),
            summary=_words_of(head.find(f"{{{NITF_NS}}}abstract")),
            byline=_words_of(person if person is not None else byline),
            dateline=_words_of(head.find(f"{{{NITF_NS}}}dateline/{{{NITF_NS}}}location")),
        ),
    )


# ---------------------------------------------------------------------- XHTML


def parse_xhtml(html: str, node: Node, key: str) -> tuple[Element, bool]:
    """Markup newsdoc wrote (a body, a caption, a key point) inside an XHTML ``div``;
    ``exact`` when it is newsdoc's own body. Markup that is not well-formed XML is read as
    a browser would."""
    wrapped = f'<div xmlns="{XHTML_NS}">{html}</div>'.encode("utf-8", "replace")
    try:
        root = parse(wrapped, source=node.source)
    except InvalidDocumentError as exc:
        if isinstance(exc, LimitError) or any(
            "nested more than" in p.message for p in exc.problems
        ):
            raise
        return _parse_loose_html(html, node, key), False
    own = len(root) == 1 and root[0].get("class") == BODY_CLASS
    return (root[0] if own else root), own


def _parse_loose_html(html: str, node: Node, key: str) -> Element:
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    clean = C.strip_bad_chars(html)
    if clean != html:
        warn(f"{C.bad_char_note(html)}: left out of the HTML", code="dropped", where=node.at(key))
    try:
        root = lxml_html.fragment_fromstring(clean, create_parent="div")
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, AssertionError):
        node.fail(key, "the HTML cannot be read")
    check_tree_depth(root, node.source)
    for element in root.iter():
        if isinstance(element.tag, str):
            # A name HTML allows and XML does not becomes a span: its text is kept.
            name = element.tag if _HTML_NAME.fullmatch(element.tag) else "span"
            element.tag = f"{{{XHTML_NS}}}{name}"
    return root


def read_inline_html(node: Node, key: str) -> tuple[Inline, ...]:
    """Inline HTML (a caption, a key point) as the model's inline nodes."""
    root, _ = parse_xhtml(node.string(key) or "", node, key)
    return InlineCodec(XHTML_NS).read(root, exact=True)
