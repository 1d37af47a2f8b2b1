"""Read a news web page (HTML) into an :class:`~newsdoc.Article`.

The page is parsed once (:mod:`.parse`) and the tree is never changed. Then:

- **metadata** comes from the page's JSON-LD, microdata and OpenGraph, then from plain
  ``<meta>`` tags and ``<html lang>`` / ``<link rel=canonical>``, and only last from the
  visible page (:mod:`.metadata`, :mod:`.scan`);
- **the body** is found by trafilatura and its XML mapped onto sections, paragraphs, lists,
  quotes and tables without losing text it kept (:mod:`.body`); what trafilatura keeps but is
  not body text (the headline again, the byline, key points, read-also boxes, captions) is
  then taken out block by block, and the page's figures are put back where they stood
  (:mod:`.boilerplate`);
- **what the page holds besides the body**, read from the page itself (:mod:`.scan`): key
  points with their topics, related links ("Read also" as ``read-also``, "Related" as
  ``related``, "Latest" lists as ``latest``), each quote's speaker, the lead image with its
  caption and credit. "Most read" and "Trending" lists are site chrome and are left out.

When the publisher's structured data gives the article's text (``articleBody``) and the body
found covers less than 80% of it, trafilatura runs again without its precision bias and the
better body is kept; when trafilatura finds no body at all, that text is the body (with a
warning).

:func:`extract` returns an :class:`Extraction`: the article, ``provenance`` (for each
metadata field, where its value came from: ``"json-ld"``, ``"microdata"``, ``"opengraph"``,
``"meta"``, ``"text"`` for the visible page, ``"option"`` for the caller's ``url``,
``"content-hash"`` for an id made from the page's bytes, ``"default"``) and the warnings.
:func:`read` is the registry's reader: it returns the article and reports the warnings with
:func:`newsdoc.diagnostics.warn`.

**Doubt is said out loud** (``code`` and ``where`` of each warning): a date-time without a time
zone takes the zone of another date on the page, else UTC (``assumed``, with
``provenance["published.timezone"]`` = ``"page"`` or ``"assumed-utc"``); a page that names no
language gets one from its script (Armenian, Georgian, Greek, Hebrew) or ``en``
(``assumed``); a date that is no date (``0000-00-00``), a JSON-LD block that is not JSON, a
link with no usable URL, text no rule could map (``dropped``) are reported and left out.

**Ids.** The article's id is its canonical URL (from the page, else the ``url`` option);
without one it is ``urn:newsdoc:sha1:<hex>``, the SHA-1 of the page's bytes.

**Errors.** Every failure is a :class:`~newsdoc.errors.NewsdocError` with its reason: an
empty page, bytes that are not HTML, a page with no article on it (no headline, or no body
text) raise :class:`~newsdoc.errors.InvalidDocumentError`; a page over 20 MiB or 50,000
elements raises :class:`~newsdoc.errors.LimitError` (:mod:`.parse`).
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from typing import Any

import attrs

from newsdoc.diagnostics import Diagnostic, collect, warn
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
from newsdoc.formats.webpage.options import WebpageOptions
from newsdoc.formats.webpage.parse import Page, parse
from newsdoc.formats.webpage.scan import Parts, scan
from newsdoc.formats.webpage.tree import as_tuple, clean, http_url, key
from newsdoc.model import (
    Article,
    Figure,
    Inline,
    ListBlock,
    Paragraph,
    Quote,
    Section,
    Table,
    Text,
    plain_text,
)
from newsdoc.options import resolve

__all__ = ["Extraction", "extract", "read"]

_WORDS = re.compile(r"\w+")
# Scripts that one language of the model's tests writes in, for a page that names none.
_SCRIPTS = {
    "hy": (0x0530, 0x058F),
    "ka": (0x10A0, 0x10FF),
    "el": (0x0370, 0x03FF),
    "he": (0x0590, 0x05FF),
}
_RESCUE_BELOW = 0.8  # articleBody coverage under which the balanced pass is tried
_RESCUE_GAIN = 0.1  # how much more of articleBody the balanced pass must cover


@attrs.frozen
class Extraction:
    """What :func:`extract` found: the article, where each metadata value came from, and
    what the reader had to assume or leave out.

    ``warnings`` are the messages as text; ``diagnostics`` the same as
    :class:`~newsdoc.diagnostics.Diagnostic` records (``code``, ``where``).

    >>> found = extract(b"<html lang=en><h1>Rain returns</h1><p>It rained all day in town.</p>")
    >>> found.provenance["language"], found.warnings
    ('meta', ())
    """

    article: Article
    provenance: dict[str, str]
    warnings: tuple[str, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def read(
    data: bytes,
    options: WebpageOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: an HTML page's bytes to an article (see :func:`extract`).

    >>> page = b"<html lang=en><h1>Rain returns</h1><p>It rained all day in town.</p></html>"
    >>> read(page, url="https://daily.example.org/rain").canonical_url
    'https://daily.example.org/rain'
    """
    url = resolve(WebpageOptions, "webpage", options, given).url
    found = extract(data, url=url, source=source)
    for diagnostic in found.diagnostics:
        warn(diagnostic.message, code=diagnostic.code, where=diagnostic.where)
    return found.article


def extract(html: bytes | str, *, url: str | None = None, source: str | None = None) -> Extraction:
    """Build an article from a news web page, recording where each metadata value came from.

    ``url`` is the page's address: it resolves relative links and is the canonical URL when
    the page names none. The warnings are returned, not reported (:func:`read` reports them).

    >>> page = '''<html lang="en"><head><title>Rain | Daily</title>
    ... <meta property="og:title" content="Rain returns to Yerevan"></head>
    ... <body><article><h1>Rain returns to Yerevan</h1>
    ... <p>The drought ended on Monday, when rain fell for an hour.</p></article></body></html>'''
    >>> found = extract(page, url="https://daily.example.org/rain")
    >>> found.article.headline, found.article.id
    ('Rain returns to Yerevan', 'https://daily.example.org/rain')
    >>> found.provenance["headline"]
    'opengraph'
    """
    raw = html.encode("utf-8", errors="replace") if isinstance(html, str) else bytes(html)
    with collect() as found:
        article, provenance = _Reader(raw, http_url(url), source).run()
    diagnostics = tuple(found)
    return Extraction(
        article=article,
        provenance=provenance,
        warnings=tuple(str(d) for d in diagnostics),
        diagnostics=diagnostics,
    )


class _Reader:
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
        if fields.get("published") is None:
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
        if self.fields.live_blog or parts.sibling_articles > 2:
            # A live blog's posts are <article>s: read them as one body, on a copy.
            tree = copy.deepcopy(page.tree)
            for element in tree.iter("article"):
                element.tag = "div"
        mapper = Mapper(base, parts.quotes)
        found = extract_body(tree, base)
        items = mapper.run(found) if found is not None else []
        reference = self.fields.article_body
        if reference is not None:
            covered = _coverage(reference, items)
            if covered < _RESCUE_BELOW or not items:
                other = extract_body(tree, base, precise=False)
                alternative = Mapper(base, parts.quotes).run(other) if other is not None else []
                if _coverage(reference, alternative) >= covered + _RESCUE_GAIN:
                    items = alternative
        elif not items:
            other = extract_body(tree, base, precise=False)
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
        dates = complete_zones(dates, provenance, fields.zones)
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
                related=as_tuple(parts.related),
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


def _shingles(text: str) -> Counter[tuple[str, ...]]:
    words = _WORDS.findall(text.casefold())
    return Counter(tuple(words[i : i + 4]) for i in range(max(0, len(words) - 3)))


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
    total = sum(want.values())
    if not total:
        return 1.0
    return sum((want & _shingles(_item_text(items))).values()) / total


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


def provenance_json(extraction: Extraction) -> str:
    """The provenance as pretty JSON, for a command line to print."""
    import json

    return json.dumps(extraction.provenance, indent=2, ensure_ascii=False, sort_keys=True)
