"""What the DOCX reader makes of the paragraphs newsdoc's writer sets apart from the body.

The writer (:mod:`newsdoc.formats.docx.writer`) puts an article's apparatus in named styles,
which :data:`~newsdoc.formats.docx.reader.STYLE_MAP` gives classes; :func:`take_panels`
takes them out of the body before it is read:

- **Kicker** (``section · genre``): the section, when the properties name none;
- **Dateline** (``place — date``): the dateline's place;
- **Date** (the dates in words): left out, the dates are the properties' created and
  modified;
- **Panel Heading** (the words over key points, corrections, related links): left out;
- **Key Point**: a key point; **Related Link**: a related link (its hyperlink, its text
  after `` — `` the description);
- **Rights**: the rights' notice, its hyperlink the licence;
- **Correction**: left out, reported (its date is in words).
"""

from __future__ import annotations

from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.markup.body import BodyCodec
from newsdoc.markup.xml import Element, remove_keeping_tail
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Dateline, KeyPoint, RelatedLink, Rights
from newsdoc.model.inline import plain_text

__all__ = ["Panels", "take_panels"]

_CLASSES = (
    "newsdoc-kicker",
    "newsdoc-dateline",
    "newsdoc-dates",
    "newsdoc-panel",
    "newsdoc-key-point",
    "newsdoc-correction",
    "newsdoc-related",
    "newsdoc-rights",
)


def _line(element: Element) -> str:
    return C.strip_bad_chars(" ".join("".join(element.itertext()).split()))


def _href(element: Element) -> str | None:
    for link in element.iter("a"):
        href = str(link.get("href", ""))
        if href.startswith(("http://", "https://")):
            return href
    return None


@attrs.define
class Panels:
    """The apparatus paragraphs taken out of a document's body, by class."""

    found: dict[str, list[Element]]

    def apply(self, article: Article) -> Article:
        """``article`` with the fields the paragraphs give (see the module's docstring)."""
        codec = BodyCodec(nitf=False, html=True)
        fields: dict[str, Any] = {}
        kicker = [_line(e) for e in self.found["newsdoc-kicker"]]
        if article.section is None and kicker and kicker[0]:
            section = kicker[0].split(" · ")[0].strip()
            fields["section"] = section if C.line().test(section) else None
        datelines = [_line(e).partition(" — ")[0].strip() for e in self.found["newsdoc-dateline"]]
        if article.dateline is None and datelines and C.line().test(datelines[0]):
            fields["dateline"] = Dateline(place=datelines[0])
        points = [codec.inline.read(e, exact=False) for e in self.found["newsdoc-key-point"]]
        if points and not article.key_points:
            fields["key_points"] = [KeyPoint(text=p) for p in points if p]
        related = []
        for element in self.found["newsdoc-related"]:
            href = _href(element)
            links = [a for a in element.iter("a") if a.get("href") == href]
            title = _line(links[0]) if links else ""
            if href is None or not title:
                warn(
                    f"a related link without one {_line(element)[:60]!r}; left out",
                    code="dropped",
                    where="docx",
                )
                continue
            rest = plain_text(codec.inline.read(element, exact=False)).partition(" — ")[2]
            related.append(RelatedLink(url=href, title=title, description=rest.strip() or None))
        if related and not article.related:
            fields["related"] = related
        rights = [e for e in self.found["newsdoc-rights"] if _line(e)]
        if rights and article.rights is None:
            fields["rights"] = Rights(notice=_line(rights[0]), license_url=_href(rights[0]))
        corrections = self.found["newsdoc-correction"]
        if corrections:
            warn(
                f"{len(corrections)} correction(s) left out: their dates are in words",
                code="dropped",
                where="docx",
            )
        fields = {k: v for k, v in fields.items() if v is not None}
        return attrs.evolve(article, **fields) if fields else article


def take_panels(root: Element) -> Panels:
    """The apparatus paragraphs of ``root``, taken out of it."""
    found: dict[str, list[Element]] = {name: [] for name in _CLASSES}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        for css in element.get("class", "").split():
            if css in found:
                found[css].append(element)
                break
    for elements in found.values():
        for element in elements:
            remove_keeping_tail(element)
    return Panels(found)
