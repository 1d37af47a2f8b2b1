"""NewsML-G2 newsMessages and packageItems as collections, with their pictures.

A newsMessage from an agency mixes text items with pictures, graphics and videos. Text items
become articles (:func:`~newsdoc.formats.newsml.reader.read_element`'s item reader). A
picture (or a video's still image) becomes a figure of the text item a packageItem ties it
to: the first text item referenced in the same ``group``, or the only article of the package
when the picture's group has none. The first figure of an article without a lead picture is
its lead picture, the others end its last section. Every other non-text item, and every
itemRef to an item the message does not carry, is reported as skipped.
"""

from __future__ import annotations

from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import excerpt
from newsdoc.formats.newsml.body import media_class, picture_figure
from newsdoc.formats.newsml.common import GENERATOR, XML_LANG_ATTR, g2_tag
from newsdoc.formats.newsml.item import (
    article_id,
    as_loose,
    element_text,
    parse_date,
    read_news_item,
    read_org,
    version_of,
)
from newsdoc.markup.nitf import split_tag
from newsdoc.markup.xml import Element, etree, refuse
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Collection
from newsdoc.model.blocks import Figure, Section

__all__ = ["read_message", "read_package"]

#: Non-text items of a message by guid: their kind (``picture``...) and element.
Media = dict[str, tuple[str, Element]]


def _with_figures(article: Article, figures: list[Figure]) -> Article:
    if not figures:
        return article
    lead = article.lead_image
    if lead is None:
        lead, figures = figures[0], figures[1:]
    sections = list(article.sections)
    if figures:
        if sections:
            last = sections[-1]
            blocks: Any = (*last.blocks, *figures)
            sections[-1] = attrs.evolve(last, blocks=blocks)
        else:
            loose: Any = tuple(figures)
            sections.append(Section(blocks=loose))
    carried: Any = tuple(sections)
    return attrs.evolve(article, lead_image=lead, sections=carried)


def _skip(guid: str, kind: str, why: str, where: str = "itemSet") -> None:
    warn(f"the {kind} item {excerpt(guid)} skipped: {why}", code="dropped", where=where)


def _figure_of(guid: str, media: Media) -> Figure | None:
    kind, element = media[guid]
    figure = picture_figure(element)
    if figure is None:
        what = "no still image" if kind == "video" else "no http(s) image rendition"
        _skip(guid, kind, f"it has {what} newsdoc can show as a figure")
    return figure


def read_message(root: Element, source: str | None) -> Collection:
    """A newsMessage: its packageItem's collection, or every text item it carries."""
    item_set = root.find(g2_tag("itemSet"))
    if item_set is None:
        raise refuse("the newsMessage has no itemSet", source)
    # Items by guid, in order: two items may share a guid (two versions of one story, or
    # articles a collection holds twice), and each itemRef takes the next one of its guid.
    items: dict[str, list[Article]] = {}
    media: Media = {}
    package: Element | None = None
    for number, child in enumerate(item_set):
        if not isinstance(child.tag, str):
            continue
        guid = child.get("guid", "").strip()
        if child.tag == g2_tag("newsItem"):
            kind = media_class(child)
            if kind is None:
                items.setdefault(guid, []).append(read_news_item(child, source))
            else:
                media[guid] = (kind, child)
        elif child.tag == g2_tag("packageItem") and package is None:
            package = child
        else:
            local = split_tag(child.tag)[1]
            warn(
                f"a {excerpt(local)} in the itemSet is not read",
                code="dropped",
                where=f"itemSet/*[{number + 1}]",
            )
    if package is not None:
        return read_package(package, items, media, source)
    if not items:
        kinds = sorted({kind for kind, _ in media.values()})
        what = f" (only {', '.join(kinds)} items)" if kinds else ""
        raise refuse(f"the newsMessage carries no text newsItem newsdoc can read{what}", source)
    for guid, (kind, _) in media.items():
        _skip(guid, kind, "no packageItem ties it to a text item")
    header = root.find(g2_tag("header"))
    transmit = (
        element_text(header.find(g2_tag("transmitId")), exact=False) if header is not None else None
    )
    ident = transmit if transmit and C.uri().test(transmit) else "urn:newsdoc:newsmessage"
    everything = [a for found in items.values() for a in found]
    first = everything[0]
    carried: Any = tuple(everything)
    return Collection(id=ident, title=first.headline, articles=carried, language=first.language)


def _stub(ref: Element, residref: str, own: bool, source: str | None) -> Article | None:
    """An article from what an itemRef says of an item the message does not carry."""
    headline = element_text(ref.find(g2_tag("title")), exact=own)
    if headline is None:
        warn(
            f"the item {excerpt(residref)} is referenced but not carried, and the reference "
            "has no title; skipped",
            code="dropped",
            where="groupSet/group/itemRef",
        )
        return None
    summary = None
    for description in ref.findall(g2_tag("description")):
        if description.get("role", "drol:summary").endswith("summary"):
            summary = element_text(description, exact=own)
    version = version_of(ref.get("version"), "itemRef/@version") or 1
    return Article(
        id=article_id(residref, source),
        headline=headline,
        summary=summary,
        version=version,
        publisher=read_org(ref.find(g2_tag("provider")), exact=own),
    )


def _ref_kind(ref: Element) -> str | None:
    item_class = ref.find(g2_tag("itemClass"))
    qcode = (item_class.get("qcode", "") if item_class is not None else "").lower()
    return next((k for k in ("picture", "graphic", "video", "audio") if qcode.endswith(k)), None)


def read_package(
    root: Element, items: dict[str, list[Article]], media: Media, source: str | None
) -> Collection:
    """A packageItem: the articles its itemRefs name (carried in ``items`` or described by
    the reference), with the pictures of ``media`` its groups tie to them."""
    item_meta = root.find(g2_tag("itemMeta"))
    if item_meta is None:
        raise refuse("the packageItem has no itemMeta", source)
    generator = item_meta.find(g2_tag("generator"))
    own = generator is not None and (generator.text or "").strip() == GENERATOR
    content_meta = root.find(g2_tag("contentMeta"))
    if content_meta is None:
        content_meta = etree.Element(g2_tag("contentMeta"))
    title = element_text(content_meta.find(g2_tag("headline")), exact=own) or element_text(
        item_meta.find(g2_tag("title")), exact=own
    )
    articles: list[Article] = []
    figures: dict[int, list[Figure]] = {}
    loose: list[Figure] = []
    used: set[str] = set()
    for group in root.iter(g2_tag("group")):
        first: int | None = None
        pictures: list[Figure] = []
        for ref in group.findall(g2_tag("itemRef")):
            residref = (ref.get("residref") or "").strip()
            if residref in media:
                used.add(residref)
                figure = _figure_of(residref, media)
                if figure is not None:
                    pictures.append(figure)
                continue
            kind = _ref_kind(ref)
            if kind is not None:
                _skip(residref, kind, "it is not carried here", "groupSet/group/itemRef")
                continue
            if items.get(residref):
                article: Article | None = items[residref].pop(0)
            else:
                article = _stub(ref, residref, own, source)
            if article is None:
                continue
            articles.append(article)
            first = len(articles) - 1 if first is None else first
        if first is not None:
            figures.setdefault(first, []).extend(pictures)
        else:
            loose.extend(pictures)
    articles.extend(a for found in items.values() for a in found)
    if not articles:
        raise refuse("the packageItem references no item newsdoc can read", source)
    if loose and len(articles) == 1:
        figures.setdefault(0, []).extend(loose)
    elif loose:
        for figure in loose:
            _skip(figure.src, "picture", "its group holds no text item to show it with")
    for guid, (kind, _) in media.items():
        if guid not in used:
            _skip(guid, kind, "the packageItem does not reference it")
    articles = [_with_figures(a, figures.get(n, [])) for n, a in enumerate(articles)]
    language = root.get(XML_LANG_ATTR)
    lang_el = content_meta.find(g2_tag("language"))
    if lang_el is not None and lang_el.get("tag"):
        language = lang_el.get("tag")
    description = None
    for element in content_meta.findall(g2_tag("description")):
        description = element_text(element, exact=own)
    created = element_text(content_meta.find(g2_tag("contentCreated")), exact=False)
    return Collection(
        id=article_id(root.get("guid"), source),
        title=title or articles[0].headline,
        articles=as_loose(articles),
        date=parse_date(created) if created and len(created) == 10 else None,
        publisher=read_org(item_meta.find(g2_tag("provider")), exact=own),
        description=description,
        language=language if language and C.language().test(language) else "en",
    )
