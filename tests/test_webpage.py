"""Tests of the web page reader on news-like pages we wrote ourselves (tests/fixtures/pages),
each beside the article it must give, and of its errors, provenance and time zone rules."""

from __future__ import annotations

import datetime as dt
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsdoc as nd
from newsdoc.fetch import FetchError, fetch_url
from newsdoc.formats import json as nd_json
from newsdoc.formats import webpage
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "pages"
PAGE_FILES = sorted(PAGES.glob("*.html"))


def _expected(page: Path) -> nd.Article:
    article = nd_json.loads(page.with_suffix(".expected.json").read_bytes())
    assert isinstance(article, nd.Article)
    return article


def _body_text(article: nd.Article) -> str:
    parts = []
    for section in article.sections:
        parts.append(section.heading or "")
        for block in section.blocks:
            if isinstance(block, nd.Paragraph):
                parts.append(nd.plain_text(block.content))
            elif isinstance(block, nd.Quote):
                parts.append(nd.plain_text(block.text))
            elif isinstance(block, nd.ListBlock):
                parts.extend(nd.plain_text(item) for item in block.items)
    return "\n".join(parts)


def test_there_are_at_least_ten_pages() -> None:
    assert len(PAGE_FILES) >= 10
    assert all(page.with_suffix(".expected.json").is_file() for page in PAGE_FILES)


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_page_gives_its_expected_article(page: Path) -> None:
    article = webpage.read(page.read_bytes(), source=str(page))
    expected = _expected(page)
    # The fields the issue names first, one by one for a readable failure, then everything.
    assert article.headline == expected.headline
    assert (article.published, article.updated) == (expected.published, expected.updated)
    assert article.published is not None
    assert article.published.utcoffset() is not None
    assert article.bylines == expected.bylines
    assert article.sections == expected.sections
    assert article == expected


@pytest.mark.parametrize("page", PAGE_FILES, ids=lambda p: p.stem)
def test_boilerplate_stays_out(page: Path) -> None:
    text = _body_text(webpage.read(page.read_bytes())).casefold()
    for chrome in ("cookie", "subscribe", "share on", "skip to content", "latest", "most read"):
        assert chrome not in text
    assert "read also" not in text


def test_registry_reader_matches_extract() -> None:
    page = PAGES / "cycle-lanes.html"
    assert webpage.read(page.read_bytes()) == webpage.extract(page.read_bytes()).article


def test_provenance_of_a_json_ld_page() -> None:
    found = webpage.extract((PAGES / "cycle-lanes.html").read_bytes())
    for field in ("headline", "published", "updated", "bylines", "language", "lead_image"):
        assert found.provenance[field] == "json-ld"
    assert found.provenance["canonical_url"] == "meta"
    assert found.warnings == ()


def test_provenance_of_an_opengraph_only_page() -> None:
    found = webpage.extract((PAGES / "ferry-og-only.html").read_bytes())
    assert found.provenance["headline"] == "opengraph"
    assert found.provenance["published"] == "opengraph"
    assert found.provenance["bylines"] == "text"
    assert found.article.keywords == ("Sevan", "ferries")


def test_naive_date_with_no_zone_on_the_page_is_utc_and_says_so() -> None:
    found = webpage.extract((PAGES / "library-meta-only.html").read_bytes())
    assert found.article.published == dt.datetime(2026, 3, 2, 14, 5, tzinfo=dt.UTC)
    assert found.provenance["published"] == "meta"
    assert found.provenance["published.timezone"] == "assumed-utc"
    assert any("UTC assumed" in warning for warning in found.warnings)
    assert found.provenance["language"] == "default"


def test_naive_date_takes_the_zone_of_another_date_on_the_page() -> None:
    found = webpage.extract((PAGES / "russian-theatre.html").read_bytes())
    plus_four = dt.timezone(dt.timedelta(hours=4))
    assert found.article.published == dt.datetime(2026, 9, 20, 19, 40, tzinfo=plus_four)
    assert found.provenance["published.timezone"] == "page"


def test_microdata_page_without_url_gets_a_stable_content_id() -> None:
    data = (PAGES / "vineyard-microdata.html").read_bytes()
    found = webpage.extract(data)
    assert found.provenance["headline"] == "microdata"
    assert found.provenance["id"] == "content-hash"
    assert found.article.id.startswith("urn:newsdoc:sha1:")
    assert webpage.read(data).id == found.article.id
    given = webpage.extract(data, url="https://valley.newsdoc.example.org/2026/04/frost")
    assert given.article.id == "https://valley.newsdoc.example.org/2026/04/frost"
    assert given.provenance["canonical_url"] == "option"


def test_right_to_left_and_armenian_text_come_out_right() -> None:
    arabic = webpage.read((PAGES / "arabic-rtl.html").read_bytes())
    assert arabic.direction is nd.Direction.RTL
    quote = arabic.sections[1].blocks[1]
    assert isinstance(quote, nd.Quote)
    assert quote.speaker == nd.Person(name="سامي الخطيب", role="وزير الطاقة")
    hebrew = webpage.read((PAGES / "hebrew-rtl.html").read_bytes())
    assert hebrew.direction is nd.Direction.RTL
    armenian = webpage.read((PAGES / "armenian-key-points.html").read_bytes())
    assert armenian.language == "hy"
    assert armenian.headline == "Երևանում բացվեց նոր մետրոյի կայարան"
    assert [k.topics for k in armenian.key_points] == [("տրանսպորտ",), ("քաղաք", "մետրո")]


def test_live_blog_posts_become_sections() -> None:
    article = webpage.read((PAGES / "election-liveblog.html").read_bytes())
    assert [s.heading for s in article.sections] == [
        "23:10 Turnout reaches 48%",
        "22:05 First district declares",
        "20:00 Polls close",
    ]


def test_read_also_links_are_kept_in_page_order_with_absolute_urls() -> None:
    article = webpage.read((PAGES / "border-read-also.html").read_bytes())
    assert [(r.url.rsplit("/", 1)[-1], r.relation) for r in article.related] == [
        ("bagratashen-queues", nd.Relation.READ_ALSO),
        ("upper-lars", nd.Relation.READ_ALSO),
        ("rail-freight", nd.Relation.READ_ALSO),
        ("x", nd.Relation.LATEST),
        ("y", nd.Relation.LATEST),
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the page is empty"),
        (b"   \n\t ", "the page is empty"),
        (b"Just a line of plain text, no markup at all.", "not an HTML page"),
        (bytes(range(256)) * 4, "not an HTML page"),
        (b"<html><head><title>x</title></head></html>", "no text"),
        (b"<html><body><p>Unclosed <b>bold <i>and more", "no article on this page"),
        (
            b"<html><body><nav><a href='/a'>Home</a> <a href='/b'>News</a></nav>"
            b"<form><input name='q'><button>Search</button></form></body></html>",
            "no article on this page",
        ),
        (
            b"<!doctype html><html><head><title>Log in</title></head><body><h1>Log in</h1>"
            b"<form><input name=user><input name=password type=password></form></body></html>",
            "no body text",
        ),
    ],
)
def test_bad_pages_get_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(nd.InvalidDocumentError) as caught:
        webpage.read(data, source="page.html")
    assert message in str(caught.value)
    assert "page.html" in str(caught.value)


@pytest.mark.parametrize("page", PAGE_FILES[:4], ids=lambda p: p.stem)
def test_truncated_pages_never_crash_nor_give_an_empty_article(page: Path) -> None:
    data = page.read_bytes()
    for cut in (len(data) // 3, len(data) // 2, len(data) * 3 // 4):
        try:
            article = webpage.read(data[:cut])
        except nd.InvalidDocumentError:
            continue
        assert article.headline
        assert article.sections


class _Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/page.html":
            body = (PAGES / "cycle-lanes.html").read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_server() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_fetch_then_read(local_server: str) -> None:
    data = fetch_url(f"{local_server}/page.html", timeout=5)
    article = webpage.read(data, url=f"{local_server}/page.html")
    assert article.headline == "Yerevan opens its first protected cycle lanes"


def test_fetch_errors_are_clear(local_server: str) -> None:
    with pytest.raises(FetchError, match="404"):
        fetch_url(f"{local_server}/missing", timeout=5)
    with pytest.raises(FetchError, match="only http"):
        fetch_url("ftp://example.org/page", timeout=5)
    with pytest.raises(FetchError, match="larger than"):
        fetch_url(f"{local_server}/page.html", timeout=5, max_bytes=100)
