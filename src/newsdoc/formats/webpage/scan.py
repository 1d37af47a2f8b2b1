"""One read-only pass over the page's body: what trafilatura throws away but newsdoc keeps,
and what it keeps but newsdoc places elsewhere.

The pass finds, without changing the tree:

- the visible headline (``<h1>``, ``<title>``), the standfirst (an element whose class says
  ``standfirst``, ``dek``, ``lede``, ``summary`` ...), bylines (``rel=author``,
  ``itemprop=author``, a ``byline`` or ``author`` element) and dates (``<time datetime>``);
- **key points**: a list under a "Key points" (or "Takeaways", "Главное", "Հիմնական կետեր"
  ...) label, or in an element whose class says ``key-points``/``takeaways``/``highlights``,
  with topic tags from ``rel=tag`` links or ``topic``/``tag`` elements;
- **link boxes**: links under a "Read also", "Related" or "Latest" label, or in an element
  whose class says ``read-also``/``related``; they become the article's related links
  (relation ``read-also``, ``related`` or ``latest``). "Most read" and "Trending" boxes are
  site chrome: found so they can stay out of the body, not kept. A box counts only when its
  text is mostly links (an article body whose class happens to say ``read-more`` is no box);
- each block quote's **attribution** and each **figure** (:mod:`.figures`), so quotes keep
  their speakers and figures go back between the same two paragraphs of the body
  (trafilatura's own image output mixes captions into the text).

Everything is recorded as values and comparison keys (:func:`~.tree.key`); the body is then
cleaned block by block in :mod:`.boilerplate`, never by cutting the tree.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
import lxml.etree  # type: ignore[import-untyped, unused-ignore]

from newsdoc.errors import FieldError
from newsdoc.formats.webpage.figures import FigureSpot, QuoteSpot, read_figure, read_quote
from newsdoc.formats.webpage.metadata import person, split_names
from newsdoc.formats.webpage.tree import (
    Element,
    as_tuple,
    classes,
    clean,
    http_url,
    inlines_of,
    is_element,
    key,
    short_text,
    text_of,
)
from newsdoc.model import KeyPoint, Person, RelatedLink, Relation, plain_text

__all__ = ["Parts", "scan"]

_LABELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "key-points",
        re.compile(
            r"^(key (points|takeaways|facts)|takeaways|highlights|story highlights|in brief|"
            r"at a glance|главное|коротко|основное|գլխավորը|հիմնական կետեր|أبرز النقاط|"
            r"باختصار|עיקרי הדברים|τα βασικά σημεία)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.READ_ALSO.value,
        re.compile(
            r"^(read also|also read|read more|see also|more on this( story)?|читайте также|"
            r"читайте еще|смотрите также|կարդացեք նաև|կարդացեք նաեւ|اقرأ أيضا|اقرأ أيضاً|"
            r"קראו גם|διαβάστε επίσης)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.RELATED.value,
        re.compile(
            r"^(related|related (stories|articles|coverage|content|posts|links)|по теме|"
            r"առնչվող)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    (
        Relation.LATEST.value,
        re.compile(
            r"^(latest|latest (news|stories|headlines|articles)|just in|recent posts|"
            r"последние новости|վերջին լուրեր|آخر الأخبار|חדשות אחרונות)\s*:?$",
            re.IGNORECASE,
        ),
    ),
    (
        "chrome",
        re.compile(
            r"^(most read|most popular|most viewed|popular|trending|top stories|"
            r"самое читаемое|الأكثر قراءة)\s*:?$",
            re.IGNORECASE,
        ),
    ),
)
_CLASS_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("key-points", re.compile(r"(^|[-_ ])(key-?points?|takeaways|highlights)($|[-_ ])")),
    (Relation.READ_ALSO.value, re.compile(r"(^|[-_ ])(read-?also|also-?read|see-?also)($|[-_ ])")),
    (Relation.RELATED.value, re.compile(r"(^|[-_ ])(related)($|[-_ ])")),
)
_STANDFIRST = re.compile(
    r"(^|[-_ ])(standfirst|dek|subtitle|subheadline|sub-?headline|lede|article-?summary|"
    r"excerpt|intro|summary)($|[-_ ])"
)
_SENTENCE_BREAK = re.compile(r"[.!?։。؟]\s+\S")
_BYLINE = re.compile(r"(^|[-_ ])(byline|author|authors|article-?author)($|[-_ ])")
_TOPIC = re.compile(r"topic|tag")
_INLINE_LABELS = frozenset({"strong", "b", "span"})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_MAX_BOX_TEXT = 300  # the most non-link text a link box may hold
_MAX_LINKS = 100


@attrs.define
class Parts:
    """What the pass found (see the module's docstring)."""

    h1: str | None = None
    title: str | None = None
    standfirst: str | None = None
    bylines: list[Person] = attrs.field(factory=list)
    byline_keys: set[str] = attrs.field(factory=set)
    dates: list[tuple[str, str]] = attrs.field(factory=list)
    date_keys: set[str] = attrs.field(factory=set)
    key_points: list[KeyPoint] = attrs.field(factory=list)
    key_point_keys: set[str] = attrs.field(factory=set)
    related: list[RelatedLink] = attrs.field(factory=list)
    box_keys: set[str] = attrs.field(factory=set)
    label_keys: set[str] = attrs.field(factory=set)
    quotes: list[QuoteSpot] = attrs.field(factory=list)
    figures: list[FigureSpot] = attrs.field(factory=list)
    byline_texts: list[str] = attrs.field(factory=list)
    dropped_links: int = 0
    article_body: str | None = None


def scan(tree: Element, body: Element, base: str | None) -> Parts:
    """Run the pass (see the module's docstring)."""
    return _Scanner(tree, base).run(body)


# Labels are found by their text: the short text nodes of the body (libxml2 picks them; only
# those that read as a label become elements in Python).
_LABEL_TEXTS = lxml.etree.XPath(
    ".//text()[string-length(normalize-space(.)) <= 40 and normalize-space(.)]"
    "[not(parent::script or parent::style or parent::template or ancestor::nav)]"
)
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "p", "strong", "b", "span", "div", "header"})
_STOP = frozenset({"body", "html", "article", "main", "section", "aside", "ul", "ol", "a", "li"})
_CLASS_WORDS = re.compile(  # matched against lowercased class and id values
    r"related|also|key|takeaway|highlight|standfirst|dek|subtitle|headline|lede|summary|"
    r"excerpt|intro|byline|author"
)
# Elements with a class or id are found through their attributes, in document order.
_NAMED = lxml.etree.XPath(".//@class|.//@id|.//@rel|.//@itemprop")
_EARLY = lxml.etree.XPath("not(preceding::p[string-length(normalize-space()) > 80])")


class _Scanner:
    def __init__(self, tree: Element, base: str | None) -> None:
        self.tree = tree
        self.base = base
        self.parts = Parts()
        self.seen_urls: set[str] = set()
        self.authors: list[Element] = []  # rel=author and itemprop=author elements
        self.anchors_of: list[Element] = []  # the <a> of each related link, for their order
        self.boxes: set[Element] = set()  # elements already read as boxes (kept alive here)

    def run(self, body: Element) -> Parts:
        parts = self.parts
        for h1 in self.tree.iter("h1"):
            parts.h1 = text_of(h1) or None
            if parts.h1:
                break
        title = self.tree.find("head/title")
        parts.title = (text_of(title) or None) if title is not None else None
        named = self.named(body)
        for element in named:  # boxes by class, outermost first
            if not self.inside_box(element):
                self.class_box(element, classes(element))
        for text in _LABEL_TEXTS(body):
            label = clean(text) or ""
            kind = _label_kind(label)
            element = _label_element(text, label) if kind is not None else None
            if kind is None or element is None:
                continue
            if self.inside_box(element):
                self.parts.label_keys.add(key(label))  # a box's own label
            else:
                self.boxes.add(element)
                self.label(element, kind, label)
        for element in named:
            if not self.inside_box(element):
                self.metadata_at(element, element.tag, classes(element))
        if self.parts.related:
            order = {a: n for n, a in enumerate(body.iter("a"))}
            ranked = sorted(
                zip(self.anchors_of, self.parts.related, strict=True),
                key=lambda p: order.get(p[0], 0),
            )
            self.parts.related = [link for _, link in ranked]
        for element in body.iter("time"):
            self.time(element)
        for element in body.iter("blockquote"):
            parts.quotes.append(read_quote(element, self.base))
        first = True
        for element in body.iter("figure"):
            if next(element.iterancestors("figure"), None) is None:
                spot = read_figure(element, self.base, early=first and bool(_EARLY(element)))
                if spot is not None:
                    parts.figures.append(spot)
                first = False
        self.bylines()
        return parts

    def inside_box(self, element: Element) -> bool:
        if not self.boxes:
            return False
        return element in self.boxes or any(a in self.boxes for a in element.iterancestors())

    def bylines(self) -> None:
        """Bylines: ``rel=author``/``itemprop=author`` elements, else the first byline box
        ("By <a>Name</a>, Role" gives the role after the name)."""
        parts = self.parts
        for author in self.authors:
            name = short_text(author, 120)
            if name:
                names = split_names(name)
                url = http_url(author.get("href"), self.base)
                found = person(names[0] if names else name, url=url)
                if found is not None and found not in parts.bylines:
                    parts.bylines.append(found)
                parts.byline_keys.add(key(name))
        box = parts.byline_texts[0] if parts.byline_texts else None
        if box is not None and not parts.bylines:
            parts.bylines = [p for p in (person(n) for n in split_names(box)) if p is not None]
        elif box is not None and len(parts.bylines) == 1:
            rest = box.split(parts.bylines[0].name, 1)[-1].strip(" ,|·")
            if rest and len(rest) < 60 and not re.search(r"\d", rest) and rest != box:
                parts.bylines[0] = attrs.evolve(parts.bylines[0], role=clean(rest))

    # -- labels and classes: key points and link boxes ----------------------------------

    def named(self, body: Element) -> list[Element]:
        """The elements whose class or id has a word the rules look for, in order."""
        found: list[Element] = []
        seen: set[Element] = set()
        for value in _NAMED(body):
            if value.attrname in ("rel", "itemprop"):
                words = value.split()
                if "author" in words and len(self.authors) < 20:
                    self.authors.append(value.getparent())
                elif "articleBody" in words and self.parts.article_body is None:
                    text = text_of(value.getparent())
                    self.parts.article_body = text if len(text) > 200 else None
            elif _CLASS_WORDS.search(value.lower()):
                element = value.getparent()
                if element in seen or element.tag in ("body", "html"):
                    continue
                seen.add(element)
                if next(element.iterancestors("nav", "template"), None) is None:
                    found.append(element)
        return found

    def class_box(self, element: Element, names: str) -> None:
        """Read a box that its class names (key points, read also, related)."""
        if element.tag in ("article", "main"):
            return
        for kind, rule in _CLASS_RULES:
            if rule.search(names):
                found = (
                    self.key_points(element)
                    if kind == "key-points"
                    else self.links(kind, [element])
                )
                if found:
                    self.boxes.add(element)
                return

    def label(self, element: Element, kind: str, label: str) -> None:
        parent = element.getparent()
        if (
            element.tag in _INLINE_LABELS
            and parent is not None
            and parent.tag in ("p", "div", "li")
        ):
            if next(parent.iter("a"), None) is not None:
                # "<p><strong>Read also:</strong> <a>...</a></p>": the paragraph's links.
                if kind != "key-points" and self.links(kind, [parent], label=label):
                    self.boxes.add(parent)
                    self.parts.label_keys.add(key(label))
                return
            if short_text(parent, 40) is None:
                return
            element, parent = parent, parent.getparent()  # "<p><b>Read also:</b></p><ul>"
        followers: list[Element] = []
        follower = element.getnext()
        while follower is not None and len(followers) < 4:
            if is_element(follower):
                if follower.tag in _HEADINGS:
                    break
                followers.append(follower)
            follower = follower.getnext()
        if kind == "key-points":
            if followers and followers[0].tag in ("ul", "ol") and self.key_points(followers[0]):
                self.boxes.add(followers[0])
                self.parts.label_keys.add(key(label))
            return
        found = self.links(kind, followers, label=label) if followers else False
        if found:
            self.boxes.update(followers)
        elif element.tag in _HEADINGS and parent is not None and kind != "chrome":
            # "<div><h3>Related</h3><ul>...</ul></div>" reads as a box of the parent's links.
            found = self.links(kind, [parent], label=label)
        if found:
            self.parts.label_keys.add(key(label))

    def links(self, kind: str, containers: list[Element], *, label: str | None = None) -> bool:
        """Take the links of ``containers`` as a box of ``kind`` when they are mostly links."""
        anchors: list[tuple[Element, str]] = []
        link_chars = 0
        total = 0
        texts: list[str] = []
        for container in containers:
            text = short_text(container, 4000)
            if text is None:
                return False
            total += len(text)
            texts.append(text)
            for anchor in container.iter("a"):
                title = text_of(anchor)
                if title and anchor.get("href"):
                    anchors.append((anchor, title))
                    link_chars += len(title)
        label_chars = len(label or "")
        if not anchors or len(anchors) > _MAX_LINKS:
            return False
        other = total - link_chars - label_chars
        if other > min(_MAX_BOX_TEXT, link_chars):
            return False  # mostly text: an article's body, not a box of links
        for text in texts:
            self.parts.box_keys.add(key(text))
        for container in containers:
            for block in container.iter("li", "p", "h2", "h3", "h4", "h5", "h6"):
                self.parts.box_keys.add(key(text_of(block)))
        for anchor, title in anchors:
            self.parts.box_keys.add(key(title))
            if kind == "chrome":
                continue
            url = http_url(anchor.get("href"), self.base)
            if url is None:
                self.parts.dropped_links += 1
                continue
            if url in self.seen_urls:
                continue
            self.seen_urls.add(url)
            try:
                link = RelatedLink(url=url, title=clean(title, limit=500) or "", relation=kind)
            except (FieldError, ValueError):
                continue
            self.parts.related.append(link)
            self.anchors_of.append(anchor)
        return True

    def key_points(self, container: Element) -> bool:
        items = list(container.iter("li"))
        text = short_text(container, 3000)
        if not items or len(items) > 12 or text is None:
            return False
        for item in items:
            topics: list[str] = []
            for topic in item.iter():
                if is_element(topic) and topic is not item and _is_topic(topic):
                    name = (text_of(topic) or topic.get("value") or "").lstrip("#").strip()
                    if name:
                        topics.append(name)
            for value in (item.get("data-topics") or "").split(","):
                if clean(value):
                    topics.append(clean(value) or "")
            content = inlines_of(item, self.base, skip=_is_topic)
            if not content:
                continue
            try:
                point = KeyPoint(text=content, topics=as_tuple(dict.fromkeys(topics)))
            except (FieldError, ValueError):
                continue
            self.parts.key_points.append(point)
            self.parts.key_point_keys.add(key(text_of(item)))
            self.parts.key_point_keys.add(key(plain_text(content)))
        return True

    # -- visible metadata ---------------------------------------------------------------

    def metadata_at(self, element: Element, tag: str, names: str) -> None:
        parts = self.parts
        if not names.strip():
            return
        if parts.standfirst is None and tag in ("p", "div", "h2") and _STANDFIRST.search(names):
            text = short_text(element, 300)
            if text and self.standfirst(element, text):
                parts.standfirst = text
        if tag != "body" and _BYLINE.search(names):
            text = short_text(element, 200)
            if text:
                parts.byline_keys.add(key(text))
                parts.byline_texts.append(text)

    def standfirst(self, element: Element, text: str) -> bool:
        """Whether a "summary"-classed element is the standfirst under the headline: one
        sentence, above the text, not in a sidebar or an author's box (a "lede" of several
        sentences is the body's first paragraph; an "excerpt" in an aside, another story's)."""
        if _SENTENCE_BREAK.search(text) or not _EARLY(element):
            return False
        return not any(
            a.tag in ("aside", "footer", "nav", "a", "li") or _BYLINE.search(classes(a))
            for a in element.iterancestors()
        )

    def time(self, element: Element) -> None:
        value = element.get("datetime")
        if value:
            marks = f"{classes(element)} {element.get('itemprop') or ''}".lower()
            field = "updated" if ("modified" in marks or "updated" in marks) else "published"
            self.parts.dates.append((field, value))
        own = text_of(element)
        if own:
            self.parts.date_keys.add(key(own))
        parent = element.getparent()
        if parent is not None and parent.tag != "body":
            text = short_text(parent, 120)
            if text:
                self.parts.date_keys.add(key(text))


def _label_element(text: Any, label: str) -> Element | None:
    """The element a label's text node stands for: the outermost element around it whose
    whole text is the label, when it is one that labels (a heading, a paragraph, bold...)."""
    element = text.getparent()
    if element is None:
        return None
    if text.is_tail:
        element = element.getparent()
    found = None
    while element is not None and element.tag not in _STOP and short_text(element, 40) == label:
        found = element
        element = element.getparent()
    return found if found is not None and found.tag in _LABEL_TAGS else None


def _label_kind(label: str) -> str | None:
    for kind, rule in _LABELS:
        if rule.match(label):
            return kind
    return None


def _is_topic(element: Element) -> bool:
    rel = (element.get("rel") or "").split()
    return "tag" in rel or bool(_TOPIC.search(element.get("class") or ""))
