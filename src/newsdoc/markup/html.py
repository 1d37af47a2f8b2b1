"""HTML bodies without a namespace, as most tools write them, into sections and blocks.

HTML from a Word converter (mammoth), a feed's ``content:encoded``, a ninjs ``body_html`` or
a NewsML-G2 item from a provider that leaves out the XHTML namespace is read here, by the
same rules as newsdoc's XHTML bodies (:mod:`newsdoc.markup.body_reader`):

- :func:`parse_html` parses a fragment or a page into a tree, with lxml's HTML parser: no
  DTD, no entities beyond HTML's own, no network, a size limit;
- :func:`read_html_body` gives its :class:`HtmlBody`: the sections and the lead picture
  (a ``figure`` or ``div`` of class ``lead-image``, as newsdoc's renderer writes it).

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

import attrs

from newsdoc.errors import LimitError
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.xml import Element
from newsdoc.model.blocks import Figure, Section

__all__ = ["MAX_HTML_BYTES", "HtmlBody", "parse_html", "read_html_body"]

#: The largest HTML body newsdoc reads (a body is kilobytes; 16 MiB is generous).
MAX_HTML_BYTES = 16 * 1024 * 1024


@attrs.frozen
class HtmlBody:
    """A body read from HTML: its sections, and its lead picture if it marks one."""

    sections: tuple[Section, ...]
    lead_image: Figure | None = None


def parse_html(markup: str | bytes, *, max_bytes: int = MAX_HTML_BYTES) -> Element:
    """The elements of an HTML fragment (or the ``body`` of a page) inside one ``div``.

    Comments and processing instructions are dropped; tags are lower case and carry no
    namespace. Input over ``max_bytes`` raises :class:`~newsdoc.errors.LimitError`.

    >>> [child.tag for child in parse_html("<p>One</p><p>Two</p>")]
    ['p', 'p']
    """
    from lxml import html as lxml_html  # type: ignore[import-untyped, unused-ignore]

    size = len(markup.encode("utf-8", "surrogatepass") if isinstance(markup, str) else markup)
    if size > max_bytes:
        raise LimitError(f"the HTML body is {size} bytes, more than the limit of {max_bytes}")
    text = markup.decode("utf-8", "replace") if isinstance(markup, bytes) else markup
    text = text.replace("\x00", "")
    parser = lxml_html.HTMLParser(
        remove_comments=True, remove_pis=True, no_network=True, recover=True
    )
    if not text.strip():
        return lxml_html.Element("div")
    found = lxml_html.fragments_fromstring(text, parser=parser)
    holder = lxml_html.Element("div")
    for part in found:
        if isinstance(part, str):
            if len(holder):
                holder[-1].tail = (holder[-1].tail or "") + part
            else:
                holder.text = (holder.text or "") + part
        elif part.tag in ("html", "body"):
            body = part.find("body") if part.tag == "html" else part
            if body is not None:
                holder.text = (holder.text or "") + (body.text or "")
                holder.extend(list(body))
        else:
            holder.append(part)
    return holder


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
