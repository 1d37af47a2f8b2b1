"""The reading of one page, step by step: parse, metadata, the page's own structure, the
body, boilerplate out and figures in, the article (see :mod:`newsdoc.formats.webpage`).

This module needs trafilatura (the ``web`` extra); :mod:`newsdoc.formats.webpage` imports it
only when a page is read, so that a missing extra is a clear error with the command that
installs it.
"""

from __future__ import annotations

import copy
import importlib.util
import re
import sys
from collections import Counter

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, InvalidDocumentError, Problem
from newsdoc.formats.webpage import boilerplate
from newsdoc.formats.webpage.body import Heading, Item, Mapper, extract_body
from newsdoc.formats.webpage.dates import complete_zones
from newsdoc.formats.webpage.metadata import (
    Fields,
    page_date,
    read_declared,
    trafilatura_metadata,
)
from newsdoc.formats.webpage.parse import Page, parse
from newsdoc.formats.webpage.scan import Parts, scan
from newsdoc.formats.webpage.tree import as_tuple, clean, key
from newsdoc.model import (
    Article,
    Figure,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    RelatedLink,
    Section,
    Table,
    Text,
    plain_text,
)

__all__ = ["Reader"]


def _need(name: str) -> None:
    """Fail now, as an import would, when a package imported later (on first use, for it is
    slow to import) is not installed."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError, AttributeError):
        spec = None
    if spec is None or (name in sys.modules and sys.modules[name] is None):
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)


_need("extruct")
_need("htmldate")

_WORDS = re.compile(r"\w+")
# Scripts that one language alone is written in: a page that names no language and is
# mostly in one of them is taken to be in that language (with a warning).
_SCRIPTS = {
    "hy": (0x0530, 0x058F),
    "ka": (0x10A0, 0x10FF),
    "el": (0x0370, 0x03FF),
    "he": (0x0590, 0x05FF),
}
_RESCUE_BELOW = 0.8  # articleBody coverage under which the balanced pass is tried
_RESCUE_GAIN = 0.1  # how much more of articleBody the balanced pass must cover


class Reader:
    """One page read into an article and the provenance of its metadata."""

    def __init__(self, raw: bytes, url: str | None, source: str | None) -> None:
        self.raw = raw
        self.url = url
        self.source = source
        self.fields = Fields()

    def run(self) -> tuple[Article, dict[str, str]]:
        page = parse(self.raw, self.source)
        fields = self.fields
        read_declared(page.tree, self.url, fields)
        base = fields.get("canonical_url") or self.url
        parts = scan(page.tree, page.body, base)
        self.visible(parts)
        if fields.get("headline") is None:
            trafilatura_metadata(page.tree, base, fields)
        if fields.get("published") is None and "published" not in fields.unreadable:
            page_date(page.tree, base, fields)
        items = self.body(page, parts, base)
        lead = self.lead_image(parts)
        headlines = boilerplate.headline_keys(fields.get("headline"), parts.h1, parts.title)
        extra = [key(fields.get("subheadline") or "")]
        if lead is not None and lead.caption:
            extra.append(key(plain_text(lead.caption)))
        items = boilerplate.remove(items, parts, headlines, extra)
        items = boilerplate.restore(items, parts, lead)
        body = boilerplate.sections(items)
        return self.build(page, parts, body, lead)

    # -- metadata from the visible page --------------------------------------------------

    def visible(self, parts: Parts) -> None:
        fields = self.fields
        fields.set("headline", parts.h1, "text")
        if parts.title:
            fields.set("headline", boilerplate.split_title(parts.title), "text")
        fields.set("subheadline", parts.standfirst, "text")
        if parts.bylines and fields.get("bylines"):
            seen = {p.name: p for p in parts.bylines}
            merged = []
            for person in fields.get("bylines"):
                other = seen.get(person.name)
                if other is not None and (person.url is None or person.role is None):
                    person = attrs.evolve(
                        person, url=person.url or other.url, role=person.role or other.role
                    )
                merged.append(person)
            fields.values["bylines"] = tuple(merged)
        fields.set("bylines", tuple(dict.fromkeys(parts.bylines)), "text")
        for field, value in parts.dates:
            fields.date(field, value, "text")
            fields.any_date(value, "text")
        if parts.key_points:
            fields.provenance["key_points"] = "text"
        if parts.related:
            fields.provenance["related"] = "text"
        if parts.dropped_links:
            warn(
                f"{parts.dropped_links} related links with no http(s) address left out",
                code="dropped",
                where="related",
            )

    # -- the body ------------------------------------------------------------------------

    def body(self, page: Page, parts: Parts, base: str | None) -> list[Item]:
        tree = page.tree
        if self.fields.live_blog:
            # A live blog's posts are <article>s: read them as one body, on a copy.
            tree = copy.deepcopy(page.tree)
            for element in tree.iter("article"):
                element.tag = "div"
        mapper = Mapper(base, parts.quotes)
        found = extract_body(tree)
        items = mapper.run(found) if found is not None else []
        reference = self.fields.article_body or parts.article_body
        if reference is not None:
            covered = _coverage(reference, items)
            if covered < _RESCUE_BELOW or not items:
                other = extract_body(tree, precise=False)
                alternative = Mapper(base, parts.quotes).run(other) if other is not None else []
                if _coverage(reference, alternative) >= covered + _RESCUE_GAIN:
                    items = alternative
        elif not items:
            other = extract_body(tree, precise=False)
            items = Mapper(base, parts.quotes).run(other) if other is not None else []
        if not items and reference is not None:
            items = _paragraphs(reference)
            if items:
                warn(
                    "no body found in the page's markup; the text its structured data gives "
                    "(articleBody) taken as the body, without headings or links",
                    code="assumed",
                    where="sections",
                )
        return items

    # -- the article ---------------------------------------------------------------------

    def lead_image(self, parts: Parts) -> Figure | None:
        fields = self.fields
        image = fields.get("lead_image")
        spot = None
        if image is not None:
            spot = next((f for f in parts.figures if f.figure.src == image["src"]), None)
        elif parts.figures and parts.figures[0].early:
            spot = parts.figures[0]
            image = {"src": spot.figure.src}
            fields.set("lead_image", image, "text")
        if image is None:
            return None
        caption: tuple[Inline, ...] | None = spot.figure.caption if spot is not None else None
        if caption is None and clean(image.get("caption")):
            caption = (Text(text=clean(image.get("caption")) or ""),)
        try:
            return Figure(
                src=image["src"],
                alt=clean(image.get("alt"), limit=2000)
                or (spot.figure.alt if spot is not None else ""),
                caption=caption,
                credit=(spot.figure.credit if spot is not None else None)
                or clean(image.get("credit"), limit=500),
                width=_size(image.get("width")) or (spot.figure.width if spot else None),
                height=_size(image.get("height")) or (spot.figure.height if spot else None),
            )
        except (FieldError, ValueError):
            warn("the lead image could not be read; left out", code="dropped", where="lead_image")
            fields.provenance.pop("lead_image", None)
            return None

    def build(
        self, page: Page, parts: Parts, sections: list[Section], lead: Figure | None
    ) -> tuple[Article, dict[str, str]]:
        fields = self.fields
        values = fields.values
        problems = []
        if not values.get("headline"):
            problems.append(Problem("headline", "no article on this page: it has no headline"))
        if not sections:
            problems.append(Problem("sections", "no article on this page: no body text found"))
        if problems:
            raise InvalidDocumentError(problems, self.source)
        provenance = fields.provenance
        canonical = values.get("canonical_url") or self.url
        if canonical and "canonical_url" not in values:
            provenance["canonical_url"] = "option"
        if canonical:
            identifier = canonical
            provenance["id"] = provenance["canonical_url"]
        else:
            identifier = "urn:newsdoc:sha1:" + page.sha1
            provenance["id"] = "content-hash"
        language = values.get("language") or self.language(sections)
        dates = {
            f: values[f] for f in ("created", "published", "updated") if values.get(f) is not None
        }
        dates = complete_zones(dates, provenance, fields.zones, fields.days)
        summary = values.get("summary")
        if summary is not None and key(summary) == key(values.get("subheadline") or ""):
            summary = None
        if lead is None:
            provenance.pop("lead_image", None)
        try:
            article = Article(
                id=identifier,
                headline=values["headline"],
                subheadline=values.get("subheadline"),
                summary=summary,
                bylines=values.get("bylines", ()),
                dateline=values.get("dateline"),
                created=dates.get("created"),
                published=dates.get("published"),
                updated=dates.get("updated"),
                language=language,
                section=values.get("section"),
                genre=values.get("genre"),
                keywords=values.get("keywords", ()),
                lead_image=lead,
                sections=as_tuple(sections),
                key_points=as_tuple(parts.key_points),
                related=as_tuple(_not_itself(parts.related, canonical)),
                publisher=values.get("publisher"),
                canonical_url=canonical,
            )
        except FieldError as exc:
            raise InvalidDocumentError([Problem(exc.field, exc.detail)], self.source) from None
        keep = {
            "id", "headline", "subheadline", "bylines", "dateline", "created", "published",
            "updated", "language", "section", "genre", "keywords", "lead_image", "key_points",
            "related", "publisher", "canonical_url",
        }  # fmt: skip
        if summary is not None:
            keep.add("summary")
        kept = {k: v for k, v in provenance.items() if k.split(".")[0] in keep}
        return article, kept

    def language(self, sections: list[Section]) -> str:
        text = " ".join(
            plain_text(block.content)
            for section in sections
            for block in section.blocks
            if isinstance(block, Paragraph)
        )[:2000]
        counts = Counter(
            name for ch in text for name, (low, high) in _SCRIPTS.items() if low <= ord(ch) <= high
        )
        best = counts.most_common(1)
        provenance = self.fields.provenance
        if best and best[0][1] > len(text) // 4:
            provenance["language"] = "text"
            warn(
                f"the page names no language; {best[0][0]!r} assumed from its script",
                code="assumed",
                where="language",
            )
            return best[0][0]
        provenance["language"] = "default"
        warn("the page names no language; 'en' assumed", code="assumed", where="language")
        return "en"


def _not_itself(links: list[RelatedLink], canonical: str | None) -> list[RelatedLink]:
    """The related links without those to the article itself."""
    if not canonical:
        return links
    own = canonical.split("#")[0].rstrip("/")
    return [link for link in links if link.url.split("#")[0].rstrip("/") != own]


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.casefold())
    return set(zip(words, words[1:], words[2:], words[3:], strict=False))


def _item_text(items: list[Item]) -> str:
    out: list[str] = []
    for item in items:
        if isinstance(item, Heading):
            out.append(item.text)
        elif isinstance(item, Paragraph):
            out.append(plain_text(item.content))
        elif isinstance(item, Quote):
            out.append(plain_text(item.text))
        elif isinstance(item, ListBlock):
            out.extend(plain_text(entry) for entry in item.items)
        elif isinstance(item, Table):
            for row in (item.header, *item.rows):
                out.extend(plain_text(cell) for cell in row)
    return "\n".join(out)


def _coverage(reference: str, items: list[Item]) -> float:
    """The share of the reference text's 4-word shingles that the body holds."""
    want = _shingles(reference)
    if not want:
        return 1.0
    return len(want & _shingles(_item_text(items))) / len(want)


def _paragraphs(text: str) -> list[Item]:
    out: list[Item] = []
    for part in re.split(r"\n\s*\n|\n", text):
        cleaned = clean(part, limit=100_000)
        if cleaned:
            out.append(Paragraph(content=(Text(text=cleaned),)))
    return out


def _size(value: object) -> int | None:
    text = clean(str(value) if isinstance(value, int) else value, limit=12)
    return int(text) if text and text.isdigit() and 0 < int(text) < 100_000 else None
