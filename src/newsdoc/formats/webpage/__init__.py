"""Read a news web page (HTML) into an :class:`~newsdoc.Article`.

The work is split between well-kept libraries and a thin mapping onto newsdoc's model:

- **metadata** comes from the page's JSON-LD, microdata and OpenGraph through extruct, then
  from plain ``<meta>`` tags and the ``<html lang>`` / ``<link rel=canonical>`` markup, and
  only last from the visible text (a ``.byline`` element, a ``<time>`` element, the ``<h1>``);
- **the body** is found by trafilatura, which drops navigation, share buttons, cookie notes
  and other boilerplate; its XML (``head``, ``p``, ``list``, ``quote``, ``graphic``,
  ``table``, ``hi``, ``ref``, ``lb``) is mapped to sections, paragraphs, lists, quotes, figures
  and tables;
- **what trafilatura throws away but newsdoc keeps** is taken out of the page first: key
  points (a list under a "Key points" heading or in a ``key-points`` element, with topic tags
  from ``rel=tag`` links or ``.topic`` / ``.tag`` elements), "Read also" and "Related" links,
  and each block quote's attribution (``<footer>``, ``<cite>``, a ``<figcaption>`` or a last
  line starting with a dash), so quotes keep their speakers. "Latest" and "Most read" lists
  are site chrome and are dropped.

:func:`extract` returns an :class:`Extraction`: the article, and ``provenance``, which says for
each metadata field where its value came from: ``"json-ld"``, ``"microdata"``,
``"opengraph"``, ``"meta"`` (``<meta>`` tags, ``<html lang>``, ``<link rel=canonical>``),
``"text"`` (a heuristic on the visible page), ``"option"`` (given by the caller) or
``"content-hash"`` (the id, when the page has no URL). :func:`read` is the registry's reader
and returns the article alone.

**Time zones.** Article dates must carry a UTC offset. When the page gives a date-time
without one, the reader takes the offset of another date-time on the same page (the site's
own zone) and records ``provenance["published.timezone"] = "page"``; when no date on the page
has an offset it assumes UTC and records ``"assumed-utc"``, and says so in ``warnings``. It
never guesses from the language or the domain.

**Ids.** The article's id is its canonical URL (from the page, else the ``url`` option);
without one it is ``urn:newsdoc:sha1:<hex>``, the SHA-1 of the page's bytes, so the same
page always gets the same id.

Errors: an empty page, bytes that are not HTML, and a page with no article on it (no
headline, or no body text) raise :class:`~newsdoc.errors.InvalidDocumentError` saying which.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import urllib.parse
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import FieldError, InvalidDocumentError, Problem
from newsdoc.formats.webpage.options import WebpageOptions
from newsdoc.language import is_valid_language_tag
from newsdoc.model import (
    Article,
    Block,
    Code,
    Emphasis,
    Figure,
    Inline,
    KeyPoint,
    LineBreak,
    Link,
    ListBlock,
    Organization,
    Paragraph,
    Person,
    Quote,
    RelatedLink,
    Relation,
    Section,
    Strong,
    Table,
    Text,
    from_html,
    plain_text,
)
from newsdoc.options import resolve

__all__ = ["Extraction", "extract", "read"]

Element = Any  # an lxml element; lxml ships no type information

_ARTICLE_TYPES = {
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "LiveBlogPosting",
    "BlogPosting",
    "Report",
}
_KEY_POINTS = re.compile(
    r"^(key (points|takeaways|facts)|takeaways|highlights|in brief|at a glance|главное|"
    r"коротко|основное|գլխավորը|հիմնական կետեր|أبرز النقاط|باختصار|עיקרי הדברים|"
    r"τα βασικά σημεία)\s*:?$",
    re.IGNORECASE,
)
_READ_ALSO = re.compile(
    r"^(read also|also read|read more|see also|more on this( story)?|читайте также|"
    r"читайте еще|смотрите также|կարդացեք նաև|կարդացեք նաեւ|اقرأ أيضا|اقرأ أيضاً|"
    r"קראו גם|διαβάστε επίσης)\s*:?$",
    re.IGNORECASE,
)
_RELATED = re.compile(r"^(related|related (stories|articles|coverage)|по теме|առնչվող)\s*:?$", re.I)
_LATEST = re.compile(
    r"^(latest|latest news|most read|most popular|trending|top stories|последние новости|"
    r"самое читаемое|վերջին լուրեր|الأكثر قراءة|آخر الأخبار|חדשות אחרונות)\s*:?$",
    re.IGNORECASE,
)
_KEY_POINT_CLASS = re.compile(r"(^|[-_ ])(key-?points?|takeaways|highlights|keypoints)($|[-_ ])")
_READ_ALSO_CLASS = re.compile(r"(^|[-_ ])(read-?also|also-?read|see-?also|read-?more)($|[-_ ])")
_RELATED_CLASS = re.compile(r"(^|[-_ ])(related)($|[-_ ])")
_CHROME_CLASS = re.compile(
    r"(^|[-_ ])(cookie|cookies|consent|gdpr|newsletter|subscribe|share|sharing|social|"
    r"latest|most-?read|trending|breadcrumbs?|skip-?link|advert|ad-slot|promo|paywall|"
    r"comments?)($|[-_ ])"
)
_STANDFIRST_CLASS = re.compile(
    r"(^|[-_ ])(standfirst|dek|subtitle|subheadline|sub-?headline|lede|article-?summary|"
    r"excerpt|intro|summary)($|[-_ ])"
)
_BYLINE_CLASS = re.compile(r"(^|[-_ ])(byline|author|authors|article-?author)($|[-_ ])")
_BY_PREFIX = re.compile(
    r"^\s*(by|from|written by|reporting by|автор[ы]?:?|от|текст:?|հեղինակ[՝:]?|"
    r"بقلم|מאת|του|της)\s+",
    re.IGNORECASE,
)
_DASHES = "—–―-"
_SPACES = re.compile(r"\s+")
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@attrs.frozen
class Extraction:
    """What :func:`extract` found: the article, where each metadata value came from, and
    warnings about values the reader had to assume.

    >>> found = extract(b"<html lang=en><h1>Rain returns</h1><p>It rained all day in town.</p>")
    >>> found.provenance["language"], found.warnings
    ('meta', ())
    """

    article: Article
    provenance: dict[str, str]
    warnings: tuple[str, ...] = ()


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
    for message in found.warnings:
        warn(message, code="assumed" if "assumed" in message else "dropped")
    return found.article


def extract(html: bytes | str, *, url: str | None = None, source: str | None = None) -> Extraction:
    """Build an article from a news web page, recording where each metadata value came from.

    ``url`` is the page's address: it resolves relative links and is the canonical URL when
    the page names none.

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
    raw = html.encode("utf-8") if isinstance(html, str) else html
    tree = _parse(raw, source)
    return _Extractor(tree, raw, url, source).run()


# --------------------------------------------------------------------------------------------
# Parsing
# --------------------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    head = raw[:4096].decode("ascii", errors="replace")
    found = re.search(r"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", head)
    if found:
        try:
            return raw.decode(found.group(1), errors="replace")
        except LookupError:
            pass
    return raw.decode("cp1252", errors="replace")


def _parse(raw: bytes, source: str | None) -> Element:
    import lxml.etree  # type: ignore[import-untyped, unused-ignore]
    import lxml.html  # type: ignore[import-untyped, unused-ignore]

    def fail(message: str) -> InvalidDocumentError:
        return InvalidDocumentError([Problem("", message)], source)

    if not raw.strip():
        raise fail("the page is empty")
    text = _decode(raw)
    if "\x00" in text or not re.search(r"<\s*[A-Za-z!]", text):
        raise fail("not an HTML page: no HTML tags found")
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text)
    try:
        tree = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise fail(f"malformed HTML that cannot be parsed: {exc}") from None
    body = tree.find("body")
    if body is None or not _text(body):
        raise fail("the page has no text (no <body>, or an empty one)")
    for bad in tree.xpath("//script[not(@type='application/ld+json')]|//style|//noscript"):
        bad.drop_tree()
    return tree


def _text(element: Element) -> str:
    return _SPACES.sub(" ", element.text_content()).strip()


def _classes(element: Element) -> str:
    return f"{element.get('class') or ''} {element.get('id') or ''}".lower()


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


# --------------------------------------------------------------------------------------------
# Dates and small helpers
# --------------------------------------------------------------------------------------------


def _parse_datetime(value: Any) -> dt.datetime | None:
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    if re.fullmatch(r"\d{4}-\d\d-\d\d", value):
        return dt.datetime.fromisoformat(value)
    candidate = value.replace("Z", "+00:00").replace("z", "+00:00")
    candidate = re.sub(r"^(\d{4}-\d\d-\d\d) (\d)", r"\1T\2", candidate)
    candidate = re.sub(r"([+-]\d\d)(\d\d)$", r"\1:\2", candidate)
    try:
        return dt.datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        from dateutil import parser as dateparser  # type: ignore[import-untyped, unused-ignore]

        parsed: dt.datetime | None = dateparser.parse(value)
        return parsed
    except (ValueError, OverflowError, ImportError):
        return None


def _first(value: Any) -> Any:
    if isinstance(value, list):
        return value[0] if value else None
    return value


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _str(value: Any) -> str | None:
    value = _first(value)
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return _SPACES.sub(" ", value).strip()
    return None


def _is_type(item: dict[str, Any], names: set[str]) -> bool:
    kinds = _as_list(item.get("@type"))
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] in names for k in kinds)


def _language(value: str | None) -> str | None:
    if not value:
        return None
    tag = value.strip().replace("_", "-")
    return tag if is_valid_language_tag(tag) else None


def _guess_language(text: str) -> str | None:
    """The language of text in a script that only one language here writes in."""
    counts = {"hy": 0, "ka": 0, "el": 0, "he": 0}
    for ch in text[:2000]:
        code = ord(ch)
        if 0x0530 <= code <= 0x058F:
            counts["hy"] += 1
        elif 0x10A0 <= code <= 0x10FF:
            counts["ka"] += 1
        elif 0x0370 <= code <= 0x03FF:
            counts["el"] += 1
        elif 0x0590 <= code <= 0x05FF:
            counts["he"] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > len(text[:2000]) // 4 else None


def _http(url: str | None, base: str | None) -> str | None:
    if not url:
        return None
    url = url.strip()
    if base:
        url = urllib.parse.urljoin(base, url)
    return url if re.match(r"^https?://[^\s/?#]+\S*$", url, re.IGNORECASE) else None


# --------------------------------------------------------------------------------------------
# The extractor
# --------------------------------------------------------------------------------------------


class _Extractor:
    def __init__(self, tree: Element, raw: bytes, url: str | None, source: str | None) -> None:
        self.tree = tree
        self.raw = raw
        self.url = url
        self.source = source
        self.provenance: dict[str, str] = {}
        self.warnings: list[str] = []
        self.fields: dict[str, Any] = {}
        self.speakers: list[tuple[str, Person]] = []
        self.key_points: list[KeyPoint] = []
        self.related: list[RelatedLink] = []
        self.lead_caption: tuple[Inline, ...] | None = None
        self.lead_credit: str | None = None

    def set(self, field: str, value: Any, origin: str) -> None:
        """Record ``value`` for ``field`` unless a better source already gave one."""
        if value is None or value == () or value == [] or field in self.fields:
            return
        self.fields[field] = value
        self.provenance[field] = origin

    # -- the whole run -------------------------------------------------------------------

    def run(self) -> Extraction:
        self._structured_metadata()
        self._head_metadata()
        base = self.fields.get("canonical_url") or self.url
        self.base = base
        self._take_out_special_blocks(base)
        self._visible_metadata()
        body = self._body(base)
        self._finish_dates()
        return self._build(body)

    # -- metadata: JSON-LD, microdata, OpenGraph ------------------------------------------

    def _structured_metadata(self) -> None:
        import extruct

        data = extruct.extract(
            self.tree,
            base_url=self.url,
            syntaxes=["json-ld", "microdata", "opengraph"],
            uniform=True,
            errors="ignore",
            with_og_array=True,
        )
        items = list(_walk_jsonld(data.get("json-ld", [])))
        for item in items:
            if _is_type(item, _ARTICLE_TYPES):
                self._from_schema(item, "json-ld")
                break
        for item in data.get("microdata", []):
            if isinstance(item, dict) and _is_type(item, _ARTICLE_TYPES):
                self._from_schema(item, "microdata")
                break
        for og in data.get("opengraph", []):
            self._from_opengraph(og)
        for item in items:  # the site itself, when the article names no publisher
            if _is_type(item, {"NewsMediaOrganization", "Organization", "WebSite"}):
                name = _str(item.get("name"))
                if name:
                    url = _http(_str(item.get("url")), self.url)
                    self.set("publisher", Organization(name=name, url=url), "json-ld")

    def _from_schema(self, item: dict[str, Any], origin: str) -> None:
        self.set("headline", _str(item.get("headline")) or _str(item.get("name")), origin)
        self.set("subheadline", _str(item.get("alternativeHeadline")), origin)
        self.set("summary", _str(item.get("description")), origin)
        for field, key in (
            ("published", "datePublished"),
            ("updated", "dateModified"),
            ("created", "dateCreated"),
        ):
            self._set_date(field, _str(item.get(key)), origin)
        self.set("language", _language(_str(item.get("inLanguage"))), origin)
        self.set("section", _str(item.get("articleSection")), origin)
        self.set("genre", _str(item.get("genre")), origin)
        keywords = item.get("keywords")
        if isinstance(keywords, str):
            keywords = [k.strip() for k in keywords.split(",")]
        self.set(
            "keywords", tuple(k for k in _as_list(keywords) if isinstance(k, str) and k), origin
        )
        people = []
        for author in _as_list(item.get("author")):
            if isinstance(author, str):
                if author.startswith(("http://", "https://", "/")):
                    continue  # microdata on a link gives its target, not the name
                author = {"name": author}
            if not isinstance(author, dict) or not _str(author.get("name")):
                continue
            if _is_type(author, {"Organization", "NewsMediaOrganization"}):
                continue
            people.append(
                Person(
                    name=_str(author.get("name")) or "",
                    role=_str(author.get("jobTitle")),
                    affiliation=_str(author.get("affiliation")) or _str(author.get("worksFor")),
                    url=_http(_str(author.get("url")), self.url),
                )
            )
        self.set("bylines", tuple(people), origin)
        publisher = _first(item.get("publisher"))
        if isinstance(publisher, dict) and _str(publisher.get("name")):
            self.set(
                "publisher",
                Organization(
                    name=_str(publisher.get("name")) or "",
                    url=_http(_str(publisher.get("url")), self.url),
                ),
                origin,
            )
        page = item.get("mainEntityOfPage")
        if isinstance(page, dict):
            page = page.get("@id") or page.get("url")
        self.set("canonical_url", _http(_str(item.get("url")) or _str(page), None), origin)
        image = _first(item.get("image"))
        if isinstance(image, str):
            image = {"url": image}
        if isinstance(image, dict):
            self._lead_image(
                _str(image.get("url")) or _str(image.get("contentUrl")),
                origin,
                width=image.get("width"),
                height=image.get("height"),
                caption=_str(image.get("caption")),
                credit=_str(image.get("creditText")) or _str(image.get("copyrightHolder")),
            )
        dateline = _str(item.get("dateline"))
        if dateline:
            from newsdoc.model import Dateline

            self.set("dateline", Dateline(place=dateline), origin)

    def _from_opengraph(self, og: dict[str, Any]) -> None:
        origin = "opengraph"
        self.set("headline", _str(og.get("og:title")), origin)
        self.set("summary", _str(og.get("og:description")), origin)
        self.set("canonical_url", _http(_str(og.get("og:url")), None), origin)
        self.set("language", _language(_str(og.get("og:locale"))), origin)
        self.set("section", _str(og.get("article:section")), origin)
        self._set_date("published", _str(og.get("article:published_time")), origin)
        self._set_date("updated", _str(og.get("article:modified_time")), origin)
        tags = [t for t in _as_list(og.get("article:tag")) if isinstance(t, str) and t.strip()]
        self.set("keywords", tuple(t.strip() for t in tags), origin)
        site = _str(og.get("og:site_name"))
        if site:
            self.set("publisher", Organization(name=site), origin)
        authors = [
            Person(name=a.strip())
            for a in _as_list(og.get("article:author"))
            if isinstance(a, str) and a.strip() and not a.strip().startswith("http")
        ]
        self.set("bylines", tuple(authors), origin)
        self._lead_image(
            _str(og.get("og:image")) or _str(og.get("og:image:url")),
            origin,
            width=_str(og.get("og:image:width")),
            height=_str(og.get("og:image:height")),
            alt=_str(og.get("og:image:alt")),
        )

    def _set_date(self, field: str, value: str | None, origin: str) -> None:
        if field in self.fields or not value:
            return
        parsed = _parse_datetime(value)
        if parsed is not None:
            self.set(field, parsed, origin)

    def _lead_image(self, src: str | None, origin: str, **details: Any) -> None:
        src = _http(src, self.url) if src and self.url else src
        if not src or "lead_image" in self.fields:
            if src and self.fields.get("lead_image", {}).get("src") == src:
                for key, value in details.items():
                    self.fields["lead_image"].setdefault(key, value)
            return
        self.set("lead_image", {"src": src, **details}, origin)

    # -- metadata: <meta>, <html lang>, <link rel=canonical> --------------------------------

    def _head_metadata(self) -> None:
        origin = "meta"
        tree = self.tree
        for link in tree.xpath("//link[@rel='canonical'][@href]"):
            self.set("canonical_url", _http(link.get("href"), self.url), origin)
        metas: dict[str, str] = {}
        for meta in tree.xpath("//meta[@content]"):
            key = (meta.get("name") or meta.get("property") or meta.get("http-equiv") or "").lower()
            if key and key not in metas and meta.get("content").strip():
                metas[key] = meta.get("content").strip()
        self.set("headline", metas.get("title") or metas.get("twitter:title"), origin)
        self.set("summary", metas.get("description") or metas.get("twitter:description"), origin)
        for key in (
            "article:published_time",
            "date",
            "pubdate",
            "publishdate",
            "dc.date.issued",
            "dcterms.created",
            "parsely-pub-date",
            "sailthru.date",
        ):
            self._set_date("published", metas.get(key), origin)
        for key in ("article:modified_time", "last-modified", "dcterms.modified"):
            self._set_date("updated", metas.get(key), origin)
        author = metas.get("author") or metas.get("dc.creator")
        if author and not author.startswith("http"):
            self.set("bylines", tuple(Person(name=n) for n in _split_names(author)), origin)
        keywords = metas.get("keywords") or metas.get("news_keywords")
        if keywords:
            self.set("keywords", tuple(k.strip() for k in keywords.split(",") if k.strip()), origin)
        html_lang = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
        self.set("language", _language(html_lang), origin)
        self.set("language", _language(metas.get("content-language")), origin)

    # -- blocks taken out before trafilatura ----------------------------------------------

    def _take_out_special_blocks(self, base: str | None) -> None:
        body = self.tree.find("body")
        root = self.tree
        # Key points and "read also" boxes, found by their class or by their heading, in the
        # order the page shows them.
        for element in list(body.iter()):
            if not isinstance(element.tag, str) or element.getroottree().getroot() is not root:
                continue
            if self._labelled_block(element, base):
                continue
            classes = _classes(element)
            if _KEY_POINT_CLASS.search(classes) and element.xpath(".//li"):
                self._key_points(element)
                element.drop_tree()
            elif _READ_ALSO_CLASS.search(classes) and element.xpath(".//a[@href]"):
                self._related(element, Relation.READ_ALSO, base)
                element.drop_tree()
            elif _RELATED_CLASS.search(classes) and element.xpath(".//a[@href]"):
                self._related(element, Relation.RELATED, base)
                element.drop_tree()
        # Several <article> elements are the posts of a live blog, not separate stories.
        articles = body.xpath(".//article")
        if len(articles) > 1:
            for article in articles:
                article.tag = "div"
        for table in body.xpath(".//table"):
            if table.xpath(".//td//p|.//td//h1|.//td//h2|.//td//div") or (
                table.get("role") == "presentation"
            ):
                # A layout table: its cells are page regions, not data.
                for element in table.iter("table", "tbody", "thead", "tr", "td", "th"):
                    element.tag = "div"
        # Site chrome that trafilatura might keep when it sits inside the article.
        for element in list(body.iter()):
            if not isinstance(element.tag, str) or element.getroottree().getroot() is not root:
                continue
            if element.tag in ("nav", "form", "button") or (
                _CHROME_CLASS.search(_classes(element))
                and element.tag not in ("article", "main", "body")
            ):
                element.drop_tree()
        self._quotes()
        self._lead_figure(body)

    def _labelled_block(self, heading: Element, base: str | None) -> bool:
        """Handle a "Key points", "Read also" or "Latest" label; tell whether it was one."""
        if heading.tag not in ("h2", "h3", "h4", "h5", "h6", "strong", "b", "p", "div"):
            return False
        label = _text(heading)
        if len(label) > 40 or not label:
            return False
        if True:
            follower = heading.getnext()
            if _KEY_POINTS.match(label) and follower is not None and follower.tag in ("ul", "ol"):
                self._key_points(follower)
                follower.drop_tree()
                heading.drop_tree()
                return True
            if _READ_ALSO.match(label) or _RELATED.match(label):
                relation = Relation.READ_ALSO if _READ_ALSO.match(label) else Relation.RELATED
                self._read_also_after(heading, relation, base)
                return True
            if _LATEST.match(label) and heading.tag in _HEADING_TAGS:
                container = heading.getparent()
                if follower is not None and len(_text(container)) > len(_text(follower)) + 60:
                    follower.drop_tree()
                    heading.drop_tree()
                else:
                    container.drop_tree()
                return True
        return False

    def _key_points(self, container: Element) -> None:
        for item in container.xpath(".//li"):
            topics: list[str] = []
            for tag in item.xpath(
                ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]"
                "|.//*[contains(@class, 'topic') or contains(@class, 'tag')]"
            ):
                if tag.getparent() is None:
                    continue
                name = _text(tag).lstrip("#").strip()
                if name:
                    topics.append(name)
                tag.drop_tree()
            for value in (item.get("data-topics") or "").split(","):
                if value.strip():
                    topics.append(value.strip())
            text = _inline_from_element(item)
            if text:
                self.key_points.append(KeyPoint(text=text, topics=_unique(topics)))
        if self.key_points:
            self.provenance.setdefault("key_points", "text")

    def _related(self, container: Element, relation: Relation, base: str | None) -> None:
        for anchor in container.xpath(".//a[@href]"):
            href = _http(anchor.get("href"), base)
            title = _text(anchor)
            if href is None:
                if title:
                    self.warnings.append(f"related link {title!r} has no absolute URL; left out")
                continue
            if title and all(link.url != href for link in self.related):
                self.related.append(RelatedLink(url=href, title=title, relation=relation))
        if self.related:
            self.provenance.setdefault("related", "text")

    def _read_also_after(self, label: Element, relation: Relation, base: str | None) -> None:
        """A "Read also:" label: its links follow in the same paragraph or the next element."""
        parent = label.getparent()
        if label.tag in ("strong", "b") and parent is not None and parent.tag in ("p", "div", "li"):
            if parent.xpath(".//a[@href]") and len(_text(parent)) < 300:
                self._related(parent, relation, base)
                parent.drop_tree()
            return
        follower = label.getnext()
        own_links = label.xpath(".//a[@href]")
        if own_links:
            self._related(label, relation, base)
            label.drop_tree()
        elif follower is not None and follower.xpath("self::*[.//a[@href]]"):
            self._related(follower, relation, base)
            follower.drop_tree()
            label.drop_tree()
        elif label.tag in _HEADING_TAGS:
            label.drop_tree()

    def _quotes(self) -> None:
        """Take each block quote's attribution out of it, remembering the speaker."""
        for quote in self.tree.xpath("//blockquote"):
            attribution: str | None = None
            found = quote.xpath("./footer|.//cite|./figcaption")
            if found:
                attribution = _text(found[0])
                for element in found:
                    if element.getparent() is not None:
                        element.drop_tree()
            else:
                parent = quote.getparent()
                caption = parent.xpath("./figcaption") if parent.tag == "figure" else []
                if caption:
                    attribution = _text(caption[0])
                    caption[0].drop_tree()
                else:
                    paragraphs = quote.xpath("./p")
                    if len(paragraphs) > 1 and _text(paragraphs[-1])[:1] in _DASHES:
                        attribution = _text(paragraphs[-1])
                        paragraphs[-1].drop_tree()
            person = _person(attribution) if attribution else None
            if person is not None:
                self.speakers.append((_norm(_text(quote)), person))

    def _lead_figure(self, body: Element) -> None:
        image = self.fields.get("lead_image")
        for figure in body.xpath("//figure[.//img]"):
            img = figure.xpath(".//img")[0]
            src = _http(img.get("src"), self.base) or img.get("src")
            if image is not None and src != image["src"]:
                continue
            if image is None and figure.xpath(
                "preceding::p[string-length(normalize-space()) > 80]"
            ):
                return  # without metadata, only a figure above the text is the lead image
            caption = figure.xpath(".//figcaption")
            if caption:
                credit = caption[0].xpath(".//*[contains(@class, 'credit')]")
                if credit:
                    self.lead_credit = _text(credit[0])
                    credit[0].drop_tree()
                self.lead_caption = _inline_from_element(caption[0]) or None
            if image is None:
                self.set("lead_image", {"src": src}, "text")
                image = self.fields["lead_image"]
            for key in ("alt", "width", "height"):
                if image.get(key) is None:
                    image[key] = img.get(key)
            figure.drop_tree()
            return

    # -- metadata from the visible page ----------------------------------------------------

    def _visible_metadata(self) -> None:
        body = self.tree.find("body")
        h1 = body.xpath("//h1")
        if h1:
            self.set("headline", _text(h1[0]), "text")
        title = self.tree.xpath("//title")
        if title and _text(title[0]):
            self.set("headline", re.split(r"\s+[|–—-]\s+", _text(title[0]))[0], "text")
        for element in body.iter():
            if not isinstance(element.tag, str) or element.getparent() is None:
                continue
            if element.tag in ("p", "div", "h2") and _STANDFIRST_CLASS.search(_classes(element)):
                text = _text(element)
                if text and len(text) < 400:
                    self.set("subheadline", text, "text")
                    element.drop_tree()
                    break
        self._bylines(body)
        self._times(body)

    def _bylines(self, body: Element) -> None:
        people: list[Person] = []
        for element in body.xpath("//*[@rel='author' or @itemprop='author']"):
            name = _text(element)
            name = _BY_PREFIX.sub("", name)
            if name and len(name) < 80:
                href = _http(element.get("href"), self.base)
                people.append(Person(name=name, url=href))
        boxes = [
            e
            for e in body.iter()
            if isinstance(e.tag, str) and e.tag != "body" and _BYLINE_CLASS.search(_classes(e))
        ]
        box = boxes[0] if boxes else None
        if box is not None and not people:
            text = _text(box)
            if text and len(text) < 200:
                people = [Person(name=n) for n in _split_names(_BY_PREFIX.sub("", text))]
        elif box is not None and len(people) == 1:
            # "By <a>Name</a>, Role" gives the role after the name.
            rest = _text(box).split(people[0].name, 1)[-1].strip(" ,|·")
            if rest and len(rest) < 60 and not re.search(r"\d", rest):
                people[0] = attrs.evolve(people[0], role=rest)
        if "bylines" in self.fields and people:
            known = {p.name: p for p in people}
            merged = []
            for person in self.fields["bylines"]:
                seen = known.get(person.name)
                if seen is not None and (person.url is None or person.role is None):
                    person = attrs.evolve(
                        person, url=person.url or seen.url, role=person.role or seen.role
                    )
                merged.append(person)
            self.fields["bylines"] = tuple(merged)
        self.set("bylines", tuple(dict.fromkeys(people)), "text")
        for element in [*body.xpath("//*[@rel='author' or @itemprop='author']"), *boxes]:
            if element.getparent() is not None and len(_text(element)) < 200:
                element.drop_tree()

    def _times(self, body: Element) -> None:
        for time in body.xpath("//time[@datetime]"):
            value = time.get("datetime")
            marks = f"{_classes(time)} {time.get('itemprop') or ''}".lower()
            if "modified" in marks or "updated" in marks:
                self._set_date("updated", value, "text")
            else:
                self._set_date("published", value, "text")
        for time in body.xpath("//time"):
            container = time.getparent()
            if container is not None and len(_text(container)) < 120 and container.tag != "body":
                container.drop_tree() if container.tag in ("p", "div", "span") else time.drop_tree()
            elif time.getparent() is not None:
                time.drop_tree()

    def _finish_dates(self) -> None:
        zones = [
            v.tzinfo for k, v in self.fields.items() if isinstance(v, dt.datetime) and v.tzinfo
        ]
        for field in ("created", "published", "updated"):
            value = self.fields.get(field)
            if not isinstance(value, dt.datetime) or value.tzinfo is not None:
                continue
            if zones:
                self.fields[field] = value.replace(tzinfo=zones[0])
                self.provenance[f"{field}.timezone"] = "page"
            else:
                self.fields[field] = value.replace(tzinfo=dt.UTC)
                self.provenance[f"{field}.timezone"] = "assumed-utc"
                self.warnings.append(
                    f"{field}: the page gives {value.isoformat()} with no time zone; UTC assumed"
                )

    # -- the body ----------------------------------------------------------------------

    def _body(self, base: str | None) -> list[Section]:
        import trafilatura

        document = trafilatura.bare_extraction(
            self.tree,
            url=base,
            include_comments=False,
            include_tables=True,
            include_images=True,
            include_formatting=True,
            include_links=True,
            with_metadata=True,
            favor_precision=True,
        )
        if document is None or isinstance(document, dict) or document.body is None:
            return []
        if document.author:
            names = [Person(name=n) for n in _split_names(document.author)]
            self.set("bylines", tuple(names), "text")
        if document.date:
            self._set_date("published", document.date, "text")
        if document.title:
            self.set("headline", document.title, "text")
        if document.sitename and not re.fullmatch(r"[\w.-]+\.[a-z]{2,}", document.sitename):
            self.set("publisher", Organization(name=document.sitename), "text")
        return _BodyMapper(self).sections(document.body)

    # -- the article ---------------------------------------------------------------------

    def _build(self, sections: list[Section]) -> Extraction:
        f = self.fields
        problems = []
        if not f.get("headline"):
            problems.append(Problem("headline", "no article on this page: it has no headline"))
        if not sections:
            problems.append(Problem("sections", "no article on this page: no body text found"))
        if problems:
            raise InvalidDocumentError(problems, self.source)
        canonical = f.get("canonical_url") or _http(self.url, None)
        if canonical and "canonical_url" not in f:
            self.provenance["canonical_url"] = "option"
        if canonical:
            identifier = canonical
            self.provenance["id"] = self.provenance["canonical_url"]
        else:
            identifier = "urn:newsdoc:sha1:" + hashlib.sha1(self.raw).hexdigest()
            self.provenance["id"] = "content-hash"
        language = f.get("language")
        if language is None:
            language = _guess_language(
                " ".join(plain_text(_block_text(b)) for s in sections for b in s.blocks)
            )
            if language is not None:
                self.provenance["language"] = "text"
            else:
                language = "en"
                self.provenance["language"] = "default"
                self.warnings.append("the page names no language; 'en' assumed")
        summary = f.get("summary")
        if summary is not None and _norm(summary) == _norm(f.get("subheadline") or ""):
            summary = None
        lead = None
        image = f.get("lead_image")
        if image is not None:
            lead = _figure(image, self.lead_caption, self.lead_credit, self.base)
        if lead is None:
            self.provenance.pop("lead_image", None)
        if self.related:
            self.provenance["related"] = "text"
        try:
            article = Article(
                id=identifier,
                headline=f["headline"],
                subheadline=f.get("subheadline"),
                summary=summary,
                bylines=f.get("bylines", ()),
                dateline=f.get("dateline"),
                created=f.get("created"),
                published=f.get("published"),
                updated=f.get("updated"),
                language=language,
                section=f.get("section"),
                genre=f.get("genre"),
                keywords=tuple(dict.fromkeys(f.get("keywords", ()))),
                lead_image=lead,
                sections=_any(sections),
                key_points=_any(self.key_points),
                related=_any(self.related),
                publisher=f.get("publisher"),
                canonical_url=canonical,
            )
        except (FieldError, ValueError, TypeError) as exc:
            raise InvalidDocumentError([Problem("", str(exc))], self.source) from None
        keep = {
            "id",
            "headline",
            "subheadline",
            "bylines",
            "dateline",
            "created",
            "published",
            "updated",
            "language",
            "section",
            "genre",
            "keywords",
            "lead_image",
            "key_points",
            "related",
            "publisher",
            "canonical_url",
        }
        if summary is not None:
            keep.add("summary")
        provenance = {k: v for k, v in self.provenance.items() if k.split(".")[0] in keep}
        return Extraction(article=article, provenance=provenance, warnings=tuple(self.warnings))


def _unique(values: list[str]) -> Any:
    return tuple(dict.fromkeys(values))


def _any(values: list[Any]) -> Any:
    """A list as the tuple the model keeps (typed loosely: attrs converters are generic)."""
    return tuple(values)


def _section(heading: str | None, blocks: list[Block]) -> Section:
    return Section(heading=heading, blocks=_any(blocks))


def _block_text(block: Block) -> tuple[Inline, ...]:
    if isinstance(block, Paragraph):
        return block.content
    if isinstance(block, Quote):
        return block.text
    if isinstance(block, ListBlock):
        return tuple(node for item in block.items for node in item)
    return ()


def _figure(
    image: dict[str, Any], caption: tuple[Inline, ...] | None, credit: str | None, base: str | None
) -> Figure | None:
    src = _http(image.get("src"), base) or image.get("src")
    if not src:
        return None

    def number(value: Any) -> int | None:
        try:
            result = int(str(value))
        except (TypeError, ValueError):
            return None
        return result if result > 0 else None

    if caption is None and image.get("caption"):
        caption = (Text(text=image["caption"]),)
    try:
        return Figure(
            src=src,
            alt=image.get("alt") or "",
            caption=caption,
            credit=credit or image.get("credit"),
            width=number(image.get("width")),
            height=number(image.get("height")),
        )
    except (FieldError, ValueError):
        return None


def _walk_jsonld(items: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for item in items:
        if isinstance(item, list):
            yield from _walk_jsonld(item)
        elif isinstance(item, dict):
            yield item
            yield from _walk_jsonld(_as_list(item.get("@graph")))


def _split_names(text: str) -> list[str]:
    text = _BY_PREFIX.sub("", text.strip())
    parts = re.split(r"\s*(?:,|&|\band\b|\bи\b|\bև\b|\bو\b|\bו-)\s*", text)
    return [p.strip() for p in parts if p.strip() and len(p.strip()) < 80]


def _person(attribution: str) -> Person | None:
    text = attribution.strip().lstrip(_DASHES).strip()
    if not text:
        return None
    parts = [p.strip() for p in re.split(r"[,،]", text)]
    name = parts[0]
    if not name or len(name) > 80:
        return None
    role = parts[1] if len(parts) > 1 and parts[1] else None
    affiliation = ", ".join(p for p in parts[2:] if p) or None
    return Person(name=name, role=role, affiliation=affiliation)


def _inline_from_element(element: Element) -> tuple[Inline, ...]:
    import lxml.html  # type: ignore[import-untyped, unused-ignore]

    inner = (element.text or "") + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in element
    )
    return from_html(inner)


class _BodyMapper:
    """Maps trafilatura's XML body onto newsdoc sections."""

    def __init__(self, extractor: _Extractor) -> None:
        self.x = extractor
        self.base = extractor.base
        fields = extractor.fields
        self.skip = {
            _norm(v)
            for v in (
                fields.get("headline"),
                fields.get("subheadline"),
                plain_text(extractor.lead_caption or ()),
            )
            if v
        }

    def sections(self, body: Element) -> list[Section]:
        sections: list[Section] = []
        heading: str | None = None
        blocks: list[Block] = []
        for element in body:
            if element.tag == "head":
                text = _SPACES.sub(" ", "".join(element.itertext())).strip()
                if not text or _norm(text) in self.skip:
                    continue
                if blocks:  # a heading with nothing under it is dropped
                    sections.append(_section(heading, blocks))
                heading, blocks = text, []
                continue
            blocks.extend(self.block(element))
        if blocks:
            sections.append(_section(heading, blocks))
        return sections

    def block(self, element: Element) -> list[Block]:
        tag = element.tag
        if tag == "p":
            content = self.inlines(element)
            text = _norm(plain_text(content))
            if not content or not text or text in self.skip:
                return []
            return [Paragraph(content=content)]
        if tag == "list":
            items = [self.inlines(item) for item in element.iter("item")]
            items = [i for i in items if i]
            if not items:
                return []
            ordered = (element.get("rend") or "").startswith("ol")
            return [ListBlock(items=tuple(items), ordered=ordered)]
        if tag == "quote":
            return self.quote(element)
        if tag == "graphic":
            src = _http(element.get("src"), self.base) or element.get("src")
            if not src:
                return []
            lead = self.x.fields.get("lead_image")
            if lead is not None and lead.get("src") == src:
                return []
            title = element.get("title")
            return [Figure(src=src, alt=element.get("alt") or "", caption=title or None)]
        if tag == "table":
            return self.table(element)
        if tag in ("div", "section"):
            return [b for child in element for b in self.block(child)]
        content = self.inlines(element)
        return [Paragraph(content=content)] if content else []

    def quote(self, element: Element) -> list[Block]:
        parts: list[Inline] = []
        children = list(element)
        if children and all(c.tag == "p" for c in children):
            for child in children:
                content = self.inlines(child)
                if content:
                    if parts:
                        parts += [LineBreak(), LineBreak()]
                    parts += content
        else:
            parts = list(self.inlines(element))
        if not parts:
            return []
        text = _norm(plain_text(parts))
        speaker = None
        for quoted, person in self.x.speakers:
            if quoted.startswith(text[:60]) or text.startswith(quoted[:60]):
                speaker = person
                break
        return [Quote(text=tuple(parts), speaker=speaker)]

    def table(self, element: Element) -> list[Block]:
        header: list[tuple[Inline, ...]] = []
        rows: list[tuple[tuple[Inline, ...], ...]] = []
        for row in element.iter("row"):
            cells = [self.inlines(cell) for cell in row.iter("cell")]
            if not cells:
                continue
            if not rows and not header and all(c.get("role") == "head" for c in row.iter("cell")):
                header = cells
            else:
                rows.append(tuple(cells))
        width = len(header) if header else max((len(r) for r in rows), default=0)
        rows = [r + ((),) * (width - len(r)) for r in rows if len(r) <= width]
        if not rows:
            return []
        return [Table(header=tuple(header), rows=tuple(rows))]

    def inlines(self, element: Element) -> tuple[Inline, ...]:
        nodes: list[Inline] = []
        self._collect(element, nodes, top=True)
        return _tidy(nodes)

    def _collect(self, element: Element, out: list[Inline], *, top: bool = False) -> None:
        if not top:
            node = self._node(element)
            if node is not None:
                out.append(node)
            if element.tail:
                out.append(Text(text=element.tail))
            return
        if element.text:
            out.append(Text(text=element.text))
        for child in element:
            self._collect(child, out)

    def _node(self, element: Element) -> Inline | None:
        tag = element.tag
        if tag == "lb":
            return LineBreak()
        children: list[Inline] = []
        self._collect(element, children, top=True)
        inner = _tidy(children, strip=False)
        if not inner:
            return None
        rend = element.get("rend") or ""
        if tag == "hi" and rend in ("#b", "#strong"):
            return Strong(children=inner)
        if tag == "hi" and rend in ("#i", "#em"):
            return Emphasis(children=inner)
        if tag == "code":
            return Code(text=plain_text(inner))
        if tag == "ref":
            href = _http(element.get("target"), self.base)
            if href:
                return Link(href=href, children=inner)
        return _Group(inner)  # type: ignore[return-value]  # unknown markup: keep the words


class _Group:
    """Inline nodes of an element newsdoc has no node for, spliced into their parent."""

    def __init__(self, nodes: tuple[Inline, ...]) -> None:
        self.nodes = nodes


def _tidy(nodes: list[Any], *, strip: bool = True) -> tuple[Inline, ...]:
    flat: list[Inline] = []
    for node in nodes:
        parts = node.nodes if isinstance(node, _Group) else (node,)
        for part in parts:
            if isinstance(part, Text):
                text = _SPACES.sub(" ", part.text)
                if flat and isinstance(flat[-1], Text):
                    flat[-1] = Text(text=flat[-1].text + text)
                elif text:
                    flat.append(Text(text=text))
            else:
                flat.append(part)
    if strip:
        if flat and isinstance(flat[0], Text):
            first = flat[0].text.lstrip()
            flat[0:1] = [Text(text=first)] if first else []
        if flat and isinstance(flat[-1], Text):
            last = flat[-1].text.rstrip()
            flat[-1:] = [Text(text=last)] if last else []
    return tuple(flat)


def provenance_json(extraction: Extraction) -> str:
    """The provenance as pretty JSON, for a command line to print."""
    return json.dumps(extraction.provenance, indent=2, ensure_ascii=False, sort_keys=True)
