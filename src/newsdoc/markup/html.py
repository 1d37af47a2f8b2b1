"""HTML bodies without a namespace, as most tools write them, into sections and blocks.

HTML from a Word converter (mammoth), a feed's ``content:encoded``, a ninjs ``body_html`` or
a NewsML-G2 item from a provider that leaves out the XHTML namespace is read here, by the
same rules as newsdoc's XHTML bodies (:mod:`newsdoc.markup.body_reader`):

- :func:`parse_html` parses a fragment or a page into a tree, with lxml's HTML parser: no
  DTD, no entities beyond HTML's own, no network, a size limit;
- :func:`read_html_body` gives its :class:`HtmlBody`: the sections and the lead picture
  (a ``figure`` or ``div`` of class ``lead-image``, as newsdoc's renderer writes it);
- :func:`take_article_parts` takes out the key points, related links, corrections, source
  and rights newsdoc's renderer writes around a body, read back into the model's parts.

>>> body = read_html_body('''
...   <h2>On board</h2>
...   <blockquote><p>We wanted a train you can sleep through.</p>
...   <p>— Lilit Sargsyan, head of passenger services</p></blockquote>
...   <ul><li>Four nights a week</li><li>From 21:40</li></ul>''')
>>> [type(b).__name__ for b in body.sections[0].blocks]
['Quote', 'ListBlock']
>>> body.sections[0].blocks[0].speaker.role
'head of passenger services'
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import LimitError
from newsdoc.markup.attributes import check_attributes
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.inline import InlineCodec
from newsdoc.markup.xml import Element, etree, remove_keeping_tail
from newsdoc.model import checks as C
from newsdoc.model.article import (
    Correction,
    CorrectionKind,
    KeyPoint,
    Organization,
    RelatedLink,
    Relation,
    Rights,
)
from newsdoc.model.blocks import Figure, Section

__all__ = [
    "MAX_HTML_BYTES",
    "ArticleParts",
    "HtmlBody",
    "parse_html",
    "read_html_body",
    "take_article_parts",
]

#: The largest HTML body newsdoc reads (a body is kilobytes; 16 MiB is generous).
MAX_HTML_BYTES = 16 * 1024 * 1024

# The start of a whole page (after any prolog, doctype or comments) rather than a fragment.
_DOCUMENT = re.compile(
    r"\s*(?:(?:<\?[^>]*>|<!--(?:(?!-->).)*-->|<!doctype[^>]*>)\s*)*<(?:html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_DOCUMENT_END = re.compile(r"</(?:html|body)\b[^<>]*>", re.IGNORECASE)
_PAGE_TAGS = re.compile(r"<!doctype[^<>]*>|</?(?:html|head|body|title)\b[^<>]*>", re.IGNORECASE)
# A tag name XML can hold (lxml refuses others, such as "a<b" or "o:p").
_TAG_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9._\-]*")


@attrs.frozen
class HtmlBody:
    """A body read from HTML: its sections, and its lead picture if it marks one."""

    sections: tuple[Section, ...]
    lead_image: Figure | None = None


def parse_html(markup: str | bytes, *, max_bytes: int = MAX_HTML_BYTES) -> Element:
    """The elements of an HTML fragment (or the ``body`` of a page) inside one ``div``.

    Comments and processing instructions are dropped; tags are lower case and carry no
    namespace, and a tag name XML cannot hold (``<o:p>``, ``<a<b>``) becomes a ``span`` (its
    text is kept). A broken page is read as a browser would: what follows its ``</body>`` or
    ``</html>`` is body text, several ``body`` elements are one body, a page with no body
    gives an empty ``div``. Input over ``max_bytes`` raises
    :class:`~newsdoc.errors.LimitError`.

    >>> [child.tag for child in parse_html("<p>One</p><p>Two</p>")]
    ['p', 'p']
    >>> [child.text for child in parse_html("<html><body><p>One</p></body></html><p>Two")]
    ['One', 'Two']
    """
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    size = len(markup.encode("utf-8", "surrogatepass") if isinstance(markup, str) else markup)
    if size > max_bytes:
        raise LimitError(f"the HTML body is {size} bytes, more than the limit of {max_bytes}")
    text = markup.decode("utf-8", "replace") if isinstance(markup, bytes) else markup
    check_attributes(text, what="the HTML")
    text = C.strip_bad_chars(text)  # what XML (and so lxml) cannot hold
    holder = lxml_html.Element("div")
    if not text.strip():
        return holder
    # As UTF-8 bytes, whatever encoding an XML declaration or a <meta> names (lxml refuses
    # a str that starts with a declaration of its encoding).
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True, encoding="utf-8"
    )
    # libxml2 drops what follows </html> (and keeps what follows </body> outside the body):
    # without those end tags, all of it is body, as in a browser.
    text = _DOCUMENT_END.sub("", text)
    if not _DOCUMENT.match(text):
        text = f"<html><body>{text}</body></html>"  # a fragment: no <p> around leading text
    root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    if root is not None and root.tag == "html" and root.find("body") is None:
        # No body: its text sits in the head (a <title> left open takes in all that follows)
        # or in a frameset; read without the page's own tags, it is kept.
        text = f"<html><body>{_PAGE_TAGS.sub(' ', text)}</body></html>"
        root = etree.fromstring(text.encode("utf-8", "replace"), parser)
    if any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log):
        warn(
            "the HTML nests its elements more than 256 deep; the parser stops there, and the "
            "rest of it is left out",
            code="dropped",
            where="body",
        )
    if root is None:
        return holder
    parts = [root] if root.tag != "html" else [c for c in root if c.tag != "head"]
    for part in parts:
        if part.tag == "body":
            _add_text(holder, part.text)
            holder.extend(list(part))
            _add_text(holder, part.tail)
        else:
            tail, part.tail = part.tail, None
            holder.append(part)
            _add_text(holder, tail)
    for element in holder.iter():
        if not isinstance(element.tag, str):
            continue
        if not _TAG_NAME.fullmatch(element.tag):
            element.tag = "span"  # a name HTML's parser took that XML has not: text kept
        if element.text and not C.is_clean(element.text):  # from a character reference
            element.text = C.strip_bad_chars(element.text)
        if element.tail and not C.is_clean(element.tail):
            element.tail = C.strip_bad_chars(element.tail)
    return holder


def _add_text(holder: Element, text: str | None) -> None:
    """Append ``text`` after the last child of ``holder`` (or to its text), without what a
    character reference gave that XML cannot hold (lxml refuses to set it)."""
    text = C.strip_bad_chars(text or "")
    if not text:
        return
    if len(holder):
        holder[-1].tail = (holder[-1].tail or "") + text
    else:
        holder.text = (holder.text or "") + text


def read_html_body(markup: str | bytes | Element) -> HtmlBody:
    """The sections and lead picture of an HTML body (a string, or a tree from
    :func:`parse_html`); whitespace is collapsed as a browser would."""
    root = parse_html(markup) if isinstance(markup, str | bytes) else markup
    codec = BodyCodec(nitf=False, html=True)
    lead = None
    for element in root.iter():
        if isinstance(element.tag, str) and "lead-image" in element.get("class", "").split():
            lead = codec.read_figure(element, exact=False)
            break
    return HtmlBody(tuple(codec.read_sections(root, exact=False)), lead)


@attrs.frozen
class ArticleParts:
    """The parts around an article's body that newsdoc's renderer marks by class."""

    key_points: tuple[KeyPoint, ...] = ()
    related: tuple[RelatedLink, ...] = ()
    corrections: tuple[Correction, ...] = ()
    rights: Rights | None = None
    source: Organization | None = None


def _classes(element: Element) -> set[str]:
    return set(element.get("class", "").split())


def _words(element: Element | None) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _marked(root: Element, css: str) -> list[Element]:
    found: list[Element] = list(
        root.xpath(
            './/*[contains(concat(" ", normalize-space(@class), " "), $css)]', css=f" {css} "
        )
    )
    for element in found:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)  # its tail is white space between blocks
    return found


def _when(value: str | None) -> dt.datetime | None:
    try:
        found = dt.datetime.fromisoformat((value or "").replace("Z", "+00:00"))
    except ValueError:
        return None
    return found if found.tzinfo is not None else None


def take_article_parts(root: Element) -> ArticleParts:
    """Take the key points, related links, corrections, source and rights that newsdoc's
    renderer writes around a body (``section class="key-points"``, ``"related"``,
    ``"corrections"``, ``footer class="article-footer"``) out of ``root``, read.

    Their markup is newsdoc's own, so they come back as the model's parts rather than as
    body sections; a page from elsewhere has none of these classes and loses nothing.
    """
    inline = InlineCodec("")
    points: list[KeyPoint] = []
    for section in _marked(root, "key-points"):
        for item in section.iter("li"):
            # Topics are <data class="topic" value> (or, as newsdoc wrote them before, the
            # text of <span class="topic"> in a <small class="topics">).
            topics = [
                _words(t) if t.tag == "span" else t.get("value", "")
                for t in item.iter("span", "data")
                if "topic" in _classes(t)
            ]
            for tag in [t for t in item.iter("small", "data") if _classes(t) & {"topics", "topic"}]:
                remove_keeping_tail(tag)
            text = inline.read(item, exact=False)
            if text:
                points.append(KeyPoint(text=text, topics=[t for t in topics if t]))
    related: list[RelatedLink] = []
    for section in _marked(root, "related"):
        for item in section.iter("li"):
            link = item.find("a")
            href = (link.get("href") or "") if link is not None else ""
            kinds = [c[9:] for c in _classes(item) if c.startswith("relation-")]
            when = item.find("time")
            day = _when(when.get("datetime")) if when is not None else None
            if day is None and when is not None:
                with contextlib.suppress(ValueError):
                    day = dt.datetime.fromisoformat(when.get("datetime", "") + "T00:00+00:00")
            described = [s for s in item.iter("span") if "related-description" in _classes(s)]
            with contextlib.suppress(ValueError):
                related.append(
                    RelatedLink(
                        url=href,
                        title=_words(link),
                        relation=Relation(kinds[0]) if kinds else Relation.RELATED,
                        description=_words(described[0]) if described else None,
                        date=day.date() if day is not None else None,
                    )
                )
    corrections: list[Correction] = []
    for section in _marked(root, "corrections"):
        for item in section.iter("li"):
            when = item.find("time")
            stamp = _when(when.get("datetime")) if when is not None else None
            said = " ".join((when.tail or "").lstrip(": ").split()) if when is not None else ""
            kinds = [k for k in CorrectionKind if k.value in _classes(item)]
            if stamp is not None and said:
                kind = kinds[0] if kinds else CorrectionKind.CORRECTION
                corrections.append(Correction(date=stamp, text=said, kind=kind))
    rights: Rights | None = None
    source: Organization | None = None
    for footer in _marked(root, "article-footer"):
        fields: dict[str, str] = {}
        for paragraph in footer.iter("p"):
            css = _classes(paragraph)
            if "source" in css:
                link = paragraph.find("a")
                name = _words(link) if link is not None else _words(paragraph).split(": ", 1)[-1]
                url = link.get("href") if link is not None else None
                if name:
                    source = Organization(name=name, url=url if C.http_url().test(url) else None)
            elif "rights-notice" in css:
                fields["notice"] = _words(paragraph)
            elif "usage-terms" in css:
                fields["usage_terms"] = _words(paragraph)
            elif "license" in css:
                link = paragraph.find("a")
                if link is not None and C.http_url().test(link.get("href")):
                    fields["license_url"] = link.get("href")
        if fields:
            rights = Rights(**{k: v for k, v in fields.items() if v})
    return ArticleParts(tuple(points), tuple(related), tuple(corrections), rights, source)
