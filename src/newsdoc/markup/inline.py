"""Inline text to and from NITF 3.6 or XHTML elements, with no loss for newsdoc's own output.

NITF has ``em``, ``a``, ``br`` and ``q`` but no strong or code element, so in NITF
:class:`~newsdoc.Strong` is ``<em class="strong">`` and :class:`~newsdoc.Code` is
``<em class="code">`` (NITF's ``class`` attribute exists for such styling hints); XHTML uses
``strong`` and ``code``. Two text runs that follow each other are kept apart by a
``<?newsdoc split?>`` processing instruction, which schema validators and renderers ignore.

Reading other providers' markup, whitespace is collapsed as a browser would and unknown
inline elements (NITF ``person``, ``org``, ``chron``, ``span``...) keep their text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsdoc.markup.xml import XML_NS, Element, append_text, etree, local_name, qname
from newsdoc.model import checks as C
from newsdoc.model.inline import (
    HTML_CODE,
    HTML_CONTAINERS,
    HTML_DROPPED,
    Code,
    Emphasis,
    Inline,
    InlineQuote,
    LineBreak,
    Link,
    Strong,
    Text,
    inline_container,
)

NITF_NS = "http://iptc.org/std/NITF/2006-10-18/"
XHTML_NS = "http://www.w3.org/1999/xhtml"
SPLIT_TARGET = "newsdoc"
SPLIT_TEXT = "split"
SPLIT_COMMENT = "newsdoc:split"
XML_LANG = qname(XML_NS, "lang")
_SPACES = re.compile(r"[ \t\n\r]+")


class InlineCodec:
    """Writes and reads inline nodes as elements of one namespace (NITF or XHTML), or of
    none (``""``: HTML as most tools write it)."""

    def __init__(self, namespace: str) -> None:
        self.ns = namespace
        self.nitf = namespace == NITF_NS
        self.lang_attr = XML_LANG if self.nitf else "lang"

    def tag(self, local: str) -> str:
        return qname(self.ns, local) if self.ns else local

    # ------------------------------------------------------------------ writing

    def write(self, parent: Element, nodes: Iterable[Inline]) -> None:
        """Append ``nodes`` to the content of ``parent``."""
        previous_text = False
        for node in nodes:
            if type(node) is Text:
                if previous_text:
                    parent.append(etree.ProcessingInstruction(SPLIT_TARGET, SPLIT_TEXT))
                append_text(parent, node.text)
                previous_text = True
                continue
            previous_text = False
            self._write_node(parent, node)

    def _write_node(self, parent: Element, node: Inline) -> None:
        sub = etree.SubElement
        if isinstance(node, Emphasis):
            self.write(sub(parent, self.tag("em")), node.children)
        elif isinstance(node, Strong):
            if self.nitf:
                element = sub(parent, self.tag("em"), {"class": "strong"})
            else:
                element = sub(parent, self.tag("strong"))
            self.write(element, node.children)
        elif isinstance(node, Code):
            if self.nitf:
                element = sub(parent, self.tag("em"), {"class": "code"})
            else:
                element = sub(parent, self.tag("code"))
            element.text = node.text
        elif isinstance(node, Link):
            element = sub(parent, self.tag("a"), {"href": node.href})
            if node.title is not None:
                element.set("title", node.title)
            self.write(element, node.children)
        elif isinstance(node, LineBreak):
            sub(parent, self.tag("br"))
        elif isinstance(node, InlineQuote):
            element = sub(parent, self.tag("q"))
            if node.lang is not None:
                element.set(self.lang_attr, node.lang)
            self.write(element, node.children)
        else:  # pragma: no cover - the model has no other inline type
            raise TypeError(f"unknown inline node {type(node).__name__}")

    # ------------------------------------------------------------------ reading

    def read(self, element: Element, *, exact: bool) -> tuple[Inline, ...]:
        """The inline content of ``element``; ``exact`` keeps whitespace as written."""
        nodes = _Nodes(exact=exact)
        self._read_into(element, nodes)
        if not exact:
            return _tidy(nodes.finish())
        return tuple(nodes.finish())

    def _read_into(self, element: Element, nodes: _Nodes) -> None:
        if element.text:
            nodes.text(element.text, split=False)
        split = False
        for child in element:
            if not isinstance(child.tag, str):  # a comment or processing instruction
                if (child.tag is etree.PI and child.target == SPLIT_TARGET) or (
                    child.tag is etree.Comment and child.text == SPLIT_COMMENT
                ):
                    split = True
                if child.tail:
                    nodes.text(child.tail, split=split)
                    split = False
                continue
            self._read_element(child, nodes)
            split = False
            if child.tail:
                nodes.text(child.tail, split=False)

    def _read_element(self, child: Element, nodes: _Nodes) -> None:
        exact = nodes.exact
        local = local_name(child)
        cls = child.get("class", "")
        if local in HTML_DROPPED:
            return
        if local == "br":
            nodes.node(LineBreak())
            return
        if local in HTML_CODE or (local == "em" and cls == "code"):
            text = "".join(child.itertext())
            if not exact:
                text = _SPACES.sub(" ", text)
            text = C.strip_bad_chars(text)
            if text:
                nodes.node(Code(text=text))
            return
        children = self.read(child, exact=exact) if exact else self._loose(child)
        if not children:
            return
        kind = "strong" if local == "em" and cls == "strong" else HTML_CONTAINERS.get(local, "")
        attributes = {
            "href": child.get("href"),
            "title": child.get("title"),
            "lang": child.get(XML_LANG) or child.get("lang"),
        }
        node = inline_container(kind, attributes, children)
        if node is not None:
            nodes.node(node)
            return
        for inner in children:  # other markup, or a link to an unsafe target, keeps its words
            if type(inner) is Text:
                nodes.inner_text(inner.text)
            else:
                nodes.node(inner)

    def _loose(self, element: Element) -> tuple[Inline, ...]:
        nodes = _Nodes(exact=False)
        self._read_into(element, nodes)
        return tuple(nodes.finish())


class _Nodes:
    """Inline nodes being read, with the text that follows the last of them kept in pieces
    and joined once (so a run read from many pieces costs no more than its length).

    Read ``exact`` (newsdoc's own output), text runs stay apart where a split marker or a
    nested element's own run divides them; read loosely, all neighbouring text is one run
    with its white space collapsed.
    """

    __slots__ = ("exact", "nodes", "pending")

    def __init__(self, *, exact: bool) -> None:
        self.exact = exact
        self.nodes: list[Inline] = []
        self.pending: list[str] = []

    def text(self, text: str, *, split: bool) -> None:
        if not self.exact:
            text = C.strip_bad_chars(text)
            if not text:
                return
        elif split:
            self.flush()
        self.pending.append(text)

    def inner_text(self, text: str) -> None:
        """A run of text from inside a container that is not kept (its words stay)."""
        if self.exact:
            self.flush()
        self.pending.append(text)

    def node(self, node: Inline) -> None:
        self.flush()
        self.nodes.append(node)

    def flush(self) -> None:
        if self.pending:
            joined = "".join(self.pending)
            self.pending.clear()
            if not self.exact:
                joined = _SPACES.sub(" ", joined)
            self.nodes.append(Text(text=joined))

    def finish(self) -> list[Inline]:
        self.flush()
        return self.nodes


def _tidy(nodes: list[Inline]) -> tuple[Inline, ...]:
    """Strip the leading and trailing spaces of a loosely read run, as a browser would."""
    if nodes and type(nodes[0]) is Text:
        first = nodes[0].text.lstrip()
        nodes[0:1] = [Text(text=first)] if first else []
    if nodes and type(nodes[-1]) is Text:
        last = nodes[-1].text.rstrip()
        nodes[-1:] = [Text(text=last)] if last else []
    return tuple(nodes)
