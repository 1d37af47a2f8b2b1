"""Atom, RSS and JSON Feed: written for real consumers, checked by their rules, read back.

- feedparser (a real, well-kept consumer) parses every Atom and RSS feed with no bozo flag
  and finds the same titles, links, dates and content (feedparser 6.0 reads no JSON Feed;
  those are held to JSON Feed 1.1's field rules instead);
- Atom is checked against the RFC 4287 rules that matter: ids, updated, authors, one
  alternate link per entry, content;
- feeds round-trip through newsdoc's reader: titles, links, dates, authors and body text.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email.utils
import json
import re
from typing import Any

import attrs
import feedparser
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.formats import detect_format
from newsdoc.limits import override
from tests.strategies import collections

FEEDS = ("atom", "rss", "jsonfeed")
XML_FEEDS = ("atom", "rss")
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S+$")


def _write(document: nd.Document, fmt: str, **options: Any) -> tuple[bytes, list[str]]:
    with collect() as found:
        data = nd.dumps(document, fmt, **options)
    return data, [str(d) for d in found]


def _articles(document: nd.Document) -> tuple[nd.Article, ...]:
    return document.articles if isinstance(document, nd.Collection) else (document,)


def _paragraphs(article: nd.Article) -> list[str]:
    return [
        nd.plain_text(block.content)
        for section in article.sections
        for block in section.blocks
        if isinstance(block, nd.Paragraph)
    ]


@pytest.fixture(params=["article", "collection"])
def example(request: pytest.FixtureRequest, article: nd.Article, collection: nd.Collection) -> Any:
    return article if request.param == "article" else collection


@pytest.mark.parametrize("fmt", XML_FEEDS)
def test_feedparser_reads_every_feed_with_no_bozo_and_the_same_entries(
    fmt: str, example: nd.Document
) -> None:
    data, _ = _write(example, fmt, self_url="https://newsdoc.example.org/feed")
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == ("atom10" if fmt == "atom" else "rss20")
    articles = _articles(example)
    assert len(parsed.entries) == len(articles)
    for entry, article in zip(parsed.entries, articles, strict=True):
        assert entry.title == article.headline
        alternates = [lk.href for lk in entry.get("links", []) if lk.rel == "alternate"]
        assert alternates == ([article.canonical_url] if article.canonical_url else [])
        assert entry.id == article.id
        assert article.published is not None
        assert (
            entry.published_parsed
            == article.published.astimezone(dt.UTC).timetuple()[:6] + (entry.published_parsed[6:])
        )
        content = entry.content[0].value
        for paragraph in _paragraphs(article):
            assert paragraph.split(" ")[0] in content
        assert [a.name for a in article.bylines] == [a["name"] for a in entry.get("authors", [])]


def test_atom_keeps_the_rules_of_rfc_4287(article: nd.Article, collection: nd.Collection) -> None:
    anonymous = nd.Article(id="urn:newsdoc:test:anonymous", headline="No byline, no date")
    lone = nd.Collection(id="urn:newsdoc:test:lone", title="Lone", articles=[anonymous, article])
    for document in (article, collection, lone):
        data, warnings = _write(document, "atom")
        root = etree.fromstring(data)
        assert root.tag == f"{ATOM}feed"
        for child in ("id", "title", "updated"):
            assert len(root.findall(f"{ATOM}{child}")) == 1, child
        assert _URI.match(root.findtext(f"{ATOM}id") or "")
        assert RFC3339.match(root.findtext(f"{ATOM}updated") or "")
        feed_author = root.find(f"{ATOM}author/{ATOM}name") is not None
        entries = root.findall(f"{ATOM}entry")
        ids = [e.findtext(f"{ATOM}id") for e in entries]
        assert len(set(ids)) == len(ids)
        for entry in entries:
            for child in ("id", "title", "updated"):
                assert len(entry.findall(f"{ATOM}{child}")) == 1, child
            assert _URI.match(entry.findtext(f"{ATOM}id") or "")
            for stamp in entry.findall(f"{ATOM}updated") + entry.findall(f"{ATOM}published"):
                assert RFC3339.match(stamp.text or ""), stamp.text
            # Every entry has an author, or the feed has one that stands for it.
            assert entry.find(f"{ATOM}author/{ATOM}name") is not None or feed_author
            alternates = [
                (link.get("type"), link.get("hreflang"))
                for link in entry.findall(f"{ATOM}link")
                if link.get("rel", "alternate") == "alternate"
            ]
            assert len(alternates) == len(set(alternates)) <= 1
            (content,) = entry.findall(f"{ATOM}content")
            assert content.get("type") == "html"
            assert (content.text or "").startswith("<div")
        if document is lone:
            assert feed_author
            assert any("bylines" in w and "(assumed)" in w for w in warnings)
            assert any("no date" in w and "(assumed)" in w for w in warnings)


def test_json_feed_keeps_the_field_rules_of_version_1_1(example: nd.Document) -> None:
    data, _ = _write(example, "jsonfeed", self_url="https://newsdoc.example.org/feed.json")
    feed = orjson.loads(data)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert isinstance(feed["title"], str)
    assert feed["title"]
    for key in ("home_page_url", "feed_url"):
        if key in feed:
            assert feed[key].startswith(("https://", "http://"))
    assert "author" not in feed  # 1.1 has authors, an array
    for author in feed.get("authors", []):
        assert isinstance(author["name"], str)
    assert isinstance(feed["items"], list)
    assert len(feed["items"]) == len(_articles(example))
    for item, article in zip(feed["items"], _articles(example), strict=True):
        assert isinstance(item["id"], str)
        assert item["id"] == article.id
        assert "content_html" in item or "content_text" in item
        for key in ("date_published", "date_modified"):
            if key in item:
                assert RFC3339.match(item[key]), item[key]
        for key in ("url", "image"):
            if key in item:
                assert item[key].startswith(("https://", "http://"))
        assert all(isinstance(tag, str) for tag in item.get("tags", []))
        for key in item:
            assert key in _ITEM_FIELDS or re.match(r"^_[A-Za-z]", key), key
        assert "about" in item.get("_newsdoc", {"about": ""})


_ITEM_FIELDS = {
    "id",
    "url",
    "external_url",
    "title",
    "content_html",
    "content_text",
    "summary",
    "image",
    "banner_image",
    "date_published",
    "date_modified",
    "authors",
    "tags",
    "language",
    "attachments",
}


def test_rss_keeps_its_required_elements_and_rfc_822_dates(example: nd.Document) -> None:
    data, _ = _write(example, "rss", feed_link="https://newsdoc.example.org/")
    channel = etree.fromstring(data).find("channel")
    assert channel is not None
    for child in ("title", "link", "description"):
        assert channel.findtext(child), child
    for item in channel.findall("item"):
        assert item.findtext("title")
        when = email.utils.parsedate_to_datetime(item.findtext("pubDate") or "")
        assert when.tzinfo is not None
        guid = item.find("guid")
        assert guid is not None
        assert guid.get("isPermaLink") in ("true", "false")
        for enclosure in item.findall("enclosure"):
            assert enclosure.get("url", "").startswith("http")
            assert enclosure.get("length") is not None
            assert enclosure.get("type")


@pytest.mark.parametrize("fmt", FEEDS)
def test_the_examples_round_trip_through_every_feed(fmt: str, example: nd.Document) -> None:
    data, _ = _write(example, fmt)
    with collect():
        back = nd.loads(data, fmt)
    assert isinstance(back, nd.Collection)
    for mine, theirs in zip(back.articles, _articles(example), strict=True):
        assert mine.id == theirs.id
        assert mine.headline == theirs.headline
        assert mine.canonical_url == theirs.canonical_url
        assert mine.published == theirs.published
        assert mine.updated == theirs.updated
        assert mine.language == theirs.language
        assert [p.name for p in mine.bylines] == [p.name for p in theirs.bylines]
        assert _paragraphs(mine) == _paragraphs(theirs)
        assert [s.heading for s in mine.sections] == [s.heading for s in theirs.sections]
        assert mine.keywords == theirs.keywords
        if fmt == "rss":  # RSS categories have no label
            assert [(s.scheme, s.code) for s in mine.subjects] == [
                (s.scheme, s.code) for s in theirs.subjects
            ]
        else:
            assert mine.subjects == theirs.subjects
        assert mine.key_points == theirs.key_points
        assert mine.related == tuple(r for r in theirs.related if r.url.startswith("http"))
        assert mine.corrections == theirs.corrections
        if theirs.lead_image is not None and theirs.canonical_url is not None:
            assert mine.lead_image is not None
            assert mine.lead_image.alt == theirs.lead_image.alt
            assert mine.lead_image.src.startswith("https://")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(collections())
def test_generated_collections_round_trip_their_titles_dates_authors_and_text(
    collection: nd.Collection,
) -> None:
    # With an address to resolve them against, every picture is carried (see below).
    collection = attrs.evolve(
        collection,
        articles=tuple(
            attrs.evolve(a, canonical_url=a.canonical_url or "https://example.org/news/a")
            for a in collection.articles
        ),
    )
    for fmt in FEEDS:
        with collect():
            back = nd.loads(nd.dumps(collection, fmt), fmt)
        assert isinstance(back, nd.Collection)
        seen = _repaired if fmt in {"atom", "rss"} else _spaced
        assert _spaced(back.title) == seen(collection.title)
        for mine, theirs in zip(back.articles, collection.articles, strict=True):
            assert _spaced(mine.headline) == seen(theirs.headline)
            # Feeds give whole seconds; the instant is kept (an odd offset becomes UTC).
            assert mine.published == (
                theirs.published.replace(microsecond=0) if theirs.published else None
            )
            assert [_spaced(p.name) for p in mine.bylines] == [
                _spaced(p.name) for p in theirs.bylines
            ]
            kept = [_spaced(t) for t in _paragraphs(mine)]
            assert [t for t in kept if t] == [_spaced(t) for t in _paragraphs(theirs) if _spaced(t)]


def _spaced(text: str) -> str:
    """Text with runs of white space as one space, trimmed, as HTML and feed readers keep it
    (feedparser trims titles and names of any white space, no-break spaces too)."""
    return " ".join(text.split())


def _repaired(text: str) -> str:
    """A title as feedparser gives it back: text that reads as UTF-8 mis-decoded as Latin-1
    ("Ã©" for "é") is repaired to what it presumably was, a fix for a common fault in real
    feeds that a title meant that way cannot escape."""
    with contextlib.suppress(UnicodeError):
        text = text.encode("iso-8859-1").decode("utf-8")
    return _spaced(text)


def test_relative_pictures_resolve_against_the_canonical_url_or_are_left_out(
    article: nd.Article,
) -> None:
    data, warnings = _write(article, "atom")
    assert b'rel="enclosure"' in data
    assert b"https://newsdoc.example.org/2026/05/images/night-train.png" in data
    bare = nd.Article(
        id="urn:newsdoc:test:1",
        headline="No address",
        lead_image=nd.Figure(src="images/a.png", alt="A picture"),
        published=dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC),
    )
    data, warnings = _write(bare, "rss")
    assert b"<enclosure" not in data
    assert any("images/a.png" in w and "(lossy)" in w for w in warnings)
    data, _ = _write(bare, "jsonfeed", base_url="https://cdn.example.org/news/")
    assert orjson.loads(data)["items"][0]["image"] == "https://cdn.example.org/news/images/a.png"


def test_entries_with_only_a_link_are_read_from_their_summary_unless_fetching(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        b"<link>https://wire.example.org/</link><description>d</description>"
        b"<item><title>Dam opens</title><link>https://wire.example.org/dam</link>"
        b"<description>The new dam on the Vorotan opened on Tuesday.</description>"
        b"<pubDate>Tue, 05 May 2026 10:00:00 +0400</pubDate></item></channel></rss>"
    )
    with collect() as found:
        read = nd.loads(feed, "rss")
    (article,) = read.articles  # type: ignore[union-attr]
    assert _paragraphs(article) == ["The new dam on the Vorotan opened on Tuesday."]
    assert article.published == dt.datetime(
        2026, 5, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=4))
    )
    assert any("only a link" in str(d) for d in found)
    fetched: list[str] = []

    def fake_fetch(url: str, *, timeout: float, max_bytes: int = 0) -> bytes:
        fetched.append(url)
        return (
            b"<html lang='en'><head><title>Dam opens</title></head><body><article>"
            b"<h1>Dam opens on the Vorotan</h1><p>The new dam on the Vorotan river opened on "
            b"Tuesday, after six years of building, the ministry said.</p><p>It will give "
            b"power to two towns and water to the farms of the valley below it.</p>"
            b"</article></body></html>"
        )

    import newsdoc.fetch

    monkeypatch.setattr(newsdoc.fetch, "fetch_url", fake_fetch)
    with collect():
        read = nd.loads(feed, "rss", fetch=True)
    assert fetched == ["https://wire.example.org/dam"]
    (page,) = read.articles  # type: ignore[union-attr]
    assert any("six years of building" in p for p in _paragraphs(page))


def test_hostile_feeds_are_refused_and_nothing_is_opened() -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;">]><rss version="2.0"><channel><title>&b;</title>'
        b"</channel></rss>"
    )
    with pytest.raises(nd.InvalidDocumentError, match="declares entities"):
        nd.loads(bomb, "rss")
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>&x;</title></feed>'
    )
    with pytest.raises(nd.InvalidDocumentError, match="declares entities"):
        nd.loads(xxe, "atom")
    # A name is never opened: these bytes are read as (no) feed, not as a path.
    with pytest.raises(nd.InvalidDocumentError, match="not an Atom or RSS feed"):
        nd.loads(b"/etc/passwd", "atom")
    with pytest.raises(nd.InvalidDocumentError, match="not a JSON Feed"):
        nd.loads(b'{"items": []}', "jsonfeed")
    with pytest.raises(nd.InvalidDocumentError, match="no entry"):
        nd.loads(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "jsonfeed")


def test_feeds_are_told_by_their_content(collection: nd.Collection) -> None:
    for fmt in FEEDS:
        data, _ = _write(collection, fmt)
        name = "feed.json" if fmt == "jsonfeed" else "feed.xml"
        assert detect_format(name, data).name == fmt
        assert detect_format(None, data).name == fmt
    assert nd.format_for_path("out/news.atom").name == "atom"
    assert nd.format_for_path("out/news.rss").name == "rss"
    assert nd.format_for_path("out/news.feed.json").name == "jsonfeed"


def test_feed_options_are_typed_and_checked(article: nd.Article) -> None:
    data, _ = _write(
        article,
        "atom",
        feed_title="Caucasus Daily Wire: transport",
        feed_link="https://newsdoc.example.org/",
        self_url="https://newsdoc.example.org/transport.atom",
    )
    root = etree.fromstring(data)
    assert root.findtext(f"{ATOM}title") == "Caucasus Daily Wire: transport"
    assert root.findtext(f"{ATOM}id") == "https://newsdoc.example.org/transport.atom"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links == {
        "self": "https://newsdoc.example.org/transport.atom",
        "alternate": "https://newsdoc.example.org/",
    }
    with pytest.raises(nd.OptionError, match="absolute http"):
        nd.dumps(article, "rss", self_url="feed.xml")


def _rss_item(extra: str, content: str = "<p>Body text here.</p>") -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>T</title>'
        "<link>https://example.org/</link><description>d</description><language>en</language>"
        f"<item><title>A</title><guid>urn:test:1</guid>{extra}"
        f"<content:encoded><![CDATA[{content}]]></content:encoded></item></channel></rss>"
    ).encode()


def test_hostile_feed_values_are_newsdocs_errors_or_warnings() -> None:
    """Found by fuzzing: each used to end in a Python exception inside a reader."""
    huge_date = _rss_item("<pubDate>Tue, 99999999999999999999999 May 2026 10:00 +0000</pubDate>")
    with collect() as found:
        nd.loads(huge_date, "rss")
    assert ("dropped", "entries[0].published") in [(d.code, d.where) for d in found]
    with pytest.raises(nd.InvalidDocumentError, match="feedparser cannot parse it"):
        nd.loads(_rss_item("", "<p>x &#" + "9" * 5000 + "; y</p>"), "rss")
    item = {"id": "urn:test:1", "title": "A", "content_html": "<p>B</p>"}
    feed = {"version": "https://jsonfeed.org/version/1.1", "title": "T", "language": "en"}
    extension = {"_newsdoc": {"subjects": 5, "keywords": 3}}
    with collect() as found:
        nd.loads(json.dumps({**feed, "items": [{**item, **extension}]}), "jsonfeed")
    assert [(d.code, d.where) for d in found] == [
        ("dropped", "_newsdoc.subjects"),
        ("dropped", "_newsdoc.keywords"),
    ]


def test_a_feed_beyond_the_limits_is_a_limit_error() -> None:
    with override(max_depth=4), pytest.raises(nd.LimitError):
        nd.loads(_rss_item("", "<p>" + "<em>" * 8 + "deep" + "</em>" * 8 + "</p>"), "rss")


def test_a_name_feedparser_would_take_seconds_over_is_refused_at_once() -> None:
    feed = _rss_item("<author>" + "a" * 20_000 + "</author>")
    with pytest.raises(nd.LimitError, match="<author> of more than 2,000 characters"):
        nd.loads(feed, "rss")
