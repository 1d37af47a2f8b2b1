"""Tests of the HTML writer: valid HTML5, JSON-LD, lang/dir, images, hostile content, a screenshot.

The pages are parsed with html5lib's strict parser, which raises on any HTML5 parse error.
A headless Chromium (Debian's ``chromium``) renders the example page to
``artifacts/article.png`` for a reviewer to open; that test is skipped, with the reason, where
Chromium is absent.
"""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import json
import os
import shutil
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import attrs
import html5lib
import pytest
from hypothesis import HealthCheck, given, settings

import newsdoc
from newsdoc.errors import ConversionError, UnsafeResourceError
from newsdoc.formats import html
from newsdoc.render.resources import MissingResourceError

from .conftest import EXAMPLES, ROOT
from .strategies import articles, collections

FIXTURES = ROOT / "tests" / "fixtures"
ARTIFACTS = ROOT / "artifacts"
XHTML = "{http://www.w3.org/1999/xhtml}"
HOSTILE = '<script>alert(1)</script>" onload="alert(2)" javascript:alert(3)'


def parse(page: str | bytes) -> Any:
    """Parse ``page`` with html5lib's strict parser: any HTML5 parse error raises."""
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    return parser.parse(page)


def example() -> newsdoc.Article:
    found = newsdoc.load(EXAMPLES / "article.json")
    assert isinstance(found, newsdoc.Article)
    return found


def rtl_article() -> newsdoc.Article:
    found = newsdoc.load(FIXTURES / "rtl-article.json")
    assert isinstance(found, newsdoc.Article)
    return found


def json_ld_of(tree: Any) -> Any:
    scripts = [s for s in tree.iter("script") if s.get("type") == "application/ld+json"]
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def test_strict_parser_catches_invalid_html() -> None:
    with pytest.raises(html5lib.html5parser.ParseError):
        parse("<!DOCTYPE html><html><head><title>x</title></head><body><p><td></p></body></html>")


@pytest.mark.parametrize(
    ("path", "base"),
    [
        (EXAMPLES / "article.json", EXAMPLES),
        (EXAMPLES / "collection.json", EXAMPLES),
        (FIXTURES / "rtl-article.json", FIXTURES),
        (FIXTURES / "minimal-article.json", FIXTURES),
    ],
)
def test_pages_are_valid_html5(path: Path, base: Path) -> None:
    page = html.write(newsdoc.load(path), base_dir=base)
    tree = parse(page)
    assert page.startswith(b"<!DOCTYPE html>")
    assert tree.find("head/meta").get("charset") == "utf-8"
    assert tree.find("head/title").text
    assert tree.find("body/main") is not None


def test_example_page_semantics() -> None:
    article = example()
    tree = parse(html.write(article, base_dir=EXAMPLES))
    assert tree.get("lang") == "en"
    assert tree.get("dir") == "ltr"
    node = tree.find(".//article")
    assert node.find("header/h1").text == article.headline
    assert node.find("header/p[@class='standfirst']").text == article.subheadline
    published = node.find(".//span[@class='published']/time")
    assert published.get("datetime") == "2026-05-04T09:30:00+04:00"
    assert node.find(".//span[@class='dateline']/span").text == "Yerevan (Երևան)"
    lead = node.find("figure[@class='figure lead-image']")
    assert lead.find("img").get("src").startswith("data:image/png;base64,")
    assert lead.find("img").get("alt") == article.lead_image.alt  # type: ignore[union-attr]
    assert lead.find("figcaption/small[@class='credit']").text == "Illustration: newsdoc example"
    quotes = node.findall(".//figure[@class='quote quote-block']")
    assert quotes[0].find("figcaption/cite//span[@class='person-name']").text == "Lilit Sargsyan"
    pull = node.find(".//figure[@class='quote quote-pull']")
    assert (pull.get("lang"), pull.get("dir")) == ("ru", "ltr")
    assert (
        pull.find("blockquote").get("cite") == "https://newsdoc.example.org/2026/05/gyumri-students"
    )
    assert node.find(".//q").get("lang") == "ru"
    assert len(node.findall("section[@class='key-points']/ul/li")) == 3
    assert [h.text for h in node.findall(".//section[@class='body-section']/h2")] == [
        "Border control on board",
        "What changes for travellers",
    ]
    table = node.find(".//table")
    assert [th.text for th in table.findall("thead/tr/th")] == ["Station", "Departs", "Arrives"]
    assert len(node.findall("section[@class='related']/ul/li")) == 3
    assert "21:40" in "".join(node.find("section[@class='corrections']").itertext())
    assert node.find("footer//a[@rel='license']").get("href").startswith("https://creativecommons")
    assert tree.find("head/link[@rel='canonical']").get("href") == article.canonical_url


def test_json_ld_names_the_article() -> None:
    article = example()
    data = json_ld_of(parse(html.write(article, base_dir=EXAMPLES)))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["inLanguage"] == "en"
    assert dt.datetime.fromisoformat(data["datePublished"]) == article.published
    assert dt.datetime.fromisoformat(data["dateModified"]) == article.updated
    assert dt.datetime.fromisoformat(data["dateCreated"]) == article.created
    assert [a["name"] for a in data["author"]] == [p.name for p in article.bylines]
    assert data["publisher"]["name"] == "Caucasus Daily Wire"
    # The page embeds the picture, so its input path names nothing: the URL is the path
    # resolved against the canonical URL.
    assert data["image"]["url"] == "https://newsdoc.example.org/2026/05/images/night-train.png"
    assert data["dateline"] == "Yerevan (Երևան), 2026-05-04"
    assert data["keywords"] == list(article.keywords)
    assert data["correction"][0]["text"].startswith("An earlier version")
    assert data["contentLocation"]["geo"]["latitude"] == pytest.approx(40.1772)


def test_json_ld_image_url_points_at_the_picture_or_is_left_out() -> None:
    article = example()
    without_canonical = attrs.evolve(article, canonical_url=None)
    embedded = json_ld_of(parse(html.write(without_canonical, base_dir=EXAMPLES)))
    assert "image" not in embedded  # a data: URI on the page, and no URL to name
    linked = json_ld_of(parse(html.write(without_canonical, base_dir=EXAMPLES, embed_images=False)))
    assert linked["image"]["url"] == "images/night-train.png"  # the page links that path
    assert isinstance(article.lead_image, newsdoc.Figure)
    remote = attrs.evolve(
        article,
        lead_image=attrs.evolve(article.lead_image, src="https://cdn.example.org/train.png"),
    )
    data = json_ld_of(parse(html.write(remote, base_dir=EXAMPLES)))
    assert data["image"]["url"] == "https://cdn.example.org/train.png"


def test_masthead_names_the_publication() -> None:
    tree = parse(html.write(example(), base_dir=EXAMPLES))
    masthead = tree.find("body/header[@class='masthead']")
    assert masthead is not None
    assert "".join(masthead.itertext()).strip() == "Caucasus Daily Wire"
    assert masthead.find(".//a").get("href") == "https://newsdoc.example.org/"
    no_publisher = attrs.evolve(example(), publisher=None)
    assert parse(html.write(no_publisher, base_dir=EXAMPLES)).find("body/header") is None


def test_collection_page() -> None:
    collection = newsdoc.load(EXAMPLES / "collection.json")
    assert isinstance(collection, newsdoc.Collection)
    tree = parse(html.write(collection))
    assert tree.find("body/header/h1").text == collection.title
    toc = tree.findall("body/nav/ol/li/a")
    assert [a.get("href") for a in toc] == ["#a1-article", "#a2-article"]
    nodes = tree.findall("body/main/article")
    assert [n.get("id") for n in nodes] == ["a1-article", "a2-article"]
    assert nodes[0].get("lang") is None  # same language as the page
    assert (nodes[1].get("lang"), nodes[1].get("dir")) == ("ru", "ltr")
    assert nodes[1].find("header/h2").text == "Уровень озера Севан поднялся на 12 сантиметров"
    assert nodes[1].find(".//span[@class='published']").text.startswith("Опубликовано")
    data = json_ld_of(tree)
    assert data["@type"] == "CollectionPage"
    assert [p["headline"] for p in data["hasPart"]] == [a.headline for a in collection.articles]


def test_right_to_left_article() -> None:
    article = rtl_article()
    page = html.write(article, base_dir=FIXTURES)
    tree = parse(page)
    assert (tree.get("lang"), tree.get("dir")) == ("ar", "rtl")
    assert tree.find(".//h1").text == "افتتاح مكتبة عامة جديدة في وسط المدينة"
    assert tree.find(".//section[@class='key-points']/h2").text == "أبرز النقاط"
    quote = tree.find(".//figure[@class='quote quote-block']")
    assert (quote.get("lang"), quote.get("dir")) == ("en", "ltr")
    hebrew = [p for p in tree.iter("p") if p.get("lang") == "he"]
    assert hebrew[0].get("dir") == "rtl"
    assert hebrew[0].text == "הספרייה החדשה פתוחה גם בשבת."
    # Dates read in Arabic words, in the page's direction; the machine form is the attribute.
    times = list(tree.iter("time"))
    assert times
    assert {t.get("dir") for t in times} == {None}
    assert all("مايو 2026" in t.text for t in times)
    assert {t.get("datetime")[:10] for t in times} == {"2026-05-04"}


def test_scripts_come_out_as_characters() -> None:
    text = "Armenian Երևան, Cyrillic Гюмри, Greek Αθήνα, Arabic القاهرة, Hebrew ירושלים"
    article = newsdoc.Article(
        id="urn:newsdoc:test:scripts",
        headline=text,
        sections=[newsdoc.Section(blocks=[newsdoc.Paragraph(content=text)])],
    )
    page = html.write(article)
    assert page.count(text.encode("utf-8")) >= 3  # title, headline, paragraph (and JSON-LD)
    assert b"&#" not in page.replace(b"&#39;", b"").replace(b"&#34;", b"")


def hostile_article(src: str = "images/night-train.png") -> newsdoc.Article:
    person = newsdoc.Person(name=HOSTILE, role=HOSTILE, affiliation=HOSTILE)
    inline = newsdoc.from_html(
        '<a href="javascript:alert(4)">click</a> <b onclick="alert(5)">bold</b>'
        "<script>alert(6)</script><img src=x onerror=alert(7)>"
    )
    return newsdoc.Article(
        id="urn:newsdoc:test:hostile",
        headline=HOSTILE,
        subheadline=HOSTILE,
        summary="</script><script>alert(8)</script>",
        bylines=[person],
        dateline=newsdoc.Dateline(place=HOSTILE),
        section=HOSTILE,
        keywords=[HOSTILE, "</script>"],
        lead_image=newsdoc.Figure(src=src, alt=HOSTILE, caption=HOSTILE, credit=HOSTILE),
        sections=[
            newsdoc.Section(
                heading=HOSTILE,
                blocks=[
                    newsdoc.Paragraph(content=inline),
                    newsdoc.Paragraph(content=HOSTILE),
                    newsdoc.Quote(text=HOSTILE, speaker=person, place=HOSTILE),
                    newsdoc.ListBlock(items=[HOSTILE]),
                    newsdoc.Table(header=[HOSTILE], rows=[[HOSTILE]], caption=HOSTILE),
                ],
            )
        ],
        key_points=[newsdoc.KeyPoint(text=HOSTILE, topics=[HOSTILE])],
        related=[newsdoc.RelatedLink(url="https://example.org/", title=HOSTILE)],
        publisher=newsdoc.Organization(name=HOSTILE),
        rights=newsdoc.Rights(notice=HOSTILE, usage_terms=HOSTILE),
        corrections=[newsdoc.Correction(date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC), text=HOSTILE)],
    )


def assert_inert(tree: Any, *, ns: str = "") -> None:
    """No script but JSON-LD, no event handler attribute, no javascript: URL anywhere."""
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == f"{ns}script":
            assert element.get("type") == "application/ld+json"
        for name, value in element.attrib.items():
            assert not name.lower().startswith("on"), (element.tag, name)
            text = name in {"alt", "title"} or (element.tag == f"{ns}data" and name == "value")
            assert "javascript:" not in value.lower() or text, (name, value)
        if element.tag in {f"{ns}a", f"{ns}img"}:
            target = element.get("href") or element.get("src") or ""
            assert not target.lower().startswith("javascript:")


def test_hostile_content_is_inert_in_html() -> None:
    page = html.write(hostile_article(), base_dir=EXAMPLES)
    tree = parse(page)
    assert_inert(tree)
    assert b"<script>alert" not in page
    assert b"</script><script>" not in page
    assert b' onload="alert' not in page
    assert tree.find(".//h1").text == HOSTILE  # the text itself survives, as text
    # The JSON-LD still parses and holds the text unchanged.
    assert json_ld_of(tree)["description"] == "</script><script>alert(8)</script>"


def test_links_that_dodge_validation_are_dropped() -> None:
    link = newsdoc.Link(href="https://example.org/", children="words")
    object.__setattr__(link, "href", "javascript:alert(1)")  # bypass the model's checks
    article = newsdoc.Article(
        id="urn:newsdoc:test:link",
        headline="Links",
        sections=[newsdoc.Section(blocks=[newsdoc.Paragraph(content=[link])])],
    )
    tree = parse(html.write(article))
    assert tree.find(".//article//a") is None
    assert "words" in "".join(tree.find(".//div[@class='body-section']/p").itertext())


def test_nested_links_are_flattened() -> None:
    inner = newsdoc.Link(href="https://example.org/inner", children="inner")
    outer = newsdoc.Link(
        href="https://example.org/outer", children=[newsdoc.Text(text="outer "), inner]
    )
    article = newsdoc.Article(
        id="urn:newsdoc:test:nested",
        headline="Nested",
        sections=[newsdoc.Section(blocks=[newsdoc.Paragraph(content=[outer])])],
    )
    tree = parse(html.write(article))
    links = tree.findall(".//article//a")
    assert [a.get("href") for a in links] == ["https://example.org/outer"]
    assert "".join(links[0].itertext()) == "outer inner"


def figure_article(src: str) -> newsdoc.Article:
    return newsdoc.Article(
        id="urn:newsdoc:test:figure",
        headline="Figure",
        sections=[
            newsdoc.Section(
                blocks=[newsdoc.Figure(src=src, alt="A described picture", caption="Caption")]
            )
        ],
    )


def test_missing_image_is_a_clear_error_or_a_figure_without_picture(tmp_path: Path) -> None:
    article = figure_article("images/absent.png")
    with pytest.raises(MissingResourceError, match=r"images/absent.png.*not found"):
        html.write(article, base_dir=tmp_path)
    tree = parse(html.write(article, base_dir=tmp_path, missing_images="omit"))
    figure = tree.find(".//figure")
    assert figure.find("img") is None
    assert "figure-without-image" in figure.get("class")
    assert figure.find("p[@class='image-description']").text == "A described picture"
    assert figure.find("figcaption/span").text == "Caption"


@pytest.mark.parametrize(
    "src",
    [
        "../secret.png",
        "/etc/passwd",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:image/png;base64,AAAA",
        "images/../../secret.png",
    ],
)
def test_unsafe_image_sources_are_refused(tmp_path: Path, src: str) -> None:
    base = tmp_path / "article"
    base.mkdir()
    (tmp_path / "secret.png").write_bytes((EXAMPLES / "images" / "night-train.png").read_bytes())
    with pytest.raises(UnsafeResourceError):
        html.write(figure_article(src), base_dir=base)
    page = html.write(figure_article(src), base_dir=base, missing_images="omit")
    assert b"<img" not in page


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "article"
    base.mkdir()
    outside = tmp_path / "outside.png"
    outside.write_bytes((EXAMPLES / "images" / "night-train.png").read_bytes())
    (base / "link.png").symlink_to(outside)
    with pytest.raises(UnsafeResourceError, match="outside the allowed folders"):
        html.write(figure_article("link.png"), base_dir=base)
    page = html.write(figure_article("link.png"), base_dir=base, allowed_dirs=[tmp_path])
    assert b"data:image/png;base64," in page


def test_files_that_are_not_images_are_refused(tmp_path: Path) -> None:
    (tmp_path / "fake.png").write_text("<html><script>alert(1)</script></html>")
    with pytest.raises(ConversionError, match="not a PNG, JPEG"):
        html.write(figure_article("fake.png"), base_dir=tmp_path)
    (tmp_path / "bad.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    )
    with pytest.raises(UnsafeResourceError, match="script"):
        html.write(figure_article("bad.svg"), base_dir=tmp_path)
    (tmp_path / "good.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">'
        '<rect width="4" height="4" fill="red"/></svg>'
    )
    assert b"data:image/svg+xml;base64," in html.write(
        figure_article("good.svg"), base_dir=tmp_path
    )


class _Server:
    """A loopback HTTP server for the remote-image tests; it counts the requests it gets."""

    def __init__(self, folder: Path) -> None:
        self.requests: list[str] = []
        server = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests.append(self.path)
                super().do_GET()

            def log_message(self, format: str, *args: Any) -> None:
                pass

        handler = functools.partial(Handler, directory=str(folder))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def image_server() -> Iterator[_Server]:
    server = _Server(EXAMPLES / "images")
    try:
        yield server
    finally:
        server.close()


def test_remote_images_are_fetched_only_when_allowed(image_server: _Server) -> None:
    url = f"{image_server.url}/night-train.png"
    page = html.write(figure_article(url))
    assert image_server.requests == []  # linked for the browser, never fetched by newsdoc
    assert parse(page).find(".//img").get("src") == url
    page = html.write(figure_article(url), allow_remote=True)
    assert image_server.requests == ["/night-train.png"]
    assert parse(page).find(".//img").get("src").startswith("data:image/png;base64,")
    with pytest.raises(MissingResourceError, match="HTTP 404"):
        html.write(figure_article(f"{image_server.url}/absent.png"), allow_remote=True)


def test_linked_images_keep_their_path() -> None:
    tree = parse(html.write(example(), base_dir=EXAMPLES, embed_images=False))
    assert tree.find(".//img").get("src") == "images/night-train.png"


def test_caller_css_and_templates(tmp_path: Path) -> None:
    page = html.write(example(), base_dir=EXAMPLES, css="body { color: rebeccapurple; }")
    assert b"rebeccapurple" in page
    sheet = tmp_path / "house.css"
    sheet.write_text("h1 { letter-spacing: 0.3em; }")
    assert b"letter-spacing: 0.3em" in html.write(example(), base_dir=EXAMPLES, css=sheet)
    assert b"letter-spacing: 0.3em" in html.write(example(), base_dir=EXAMPLES, css=str(sheet))
    with pytest.raises(ConversionError, match="cannot read the style sheet"):
        html.write(example(), css=str(tmp_path / "absent.css"))
    with pytest.raises(ConversionError, match="</style"):
        html.write(example(), base_dir=EXAMPLES, css="</style><script>alert(1)</script>")
    (tmp_path / "newsdoc.css").write_text("body { background: #fffdf5; }")
    page = html.write(example(), base_dir=EXAMPLES, template_dir=tmp_path)
    assert b"#fffdf5" in page
    assert b"Noto Serif" not in page  # the package's style sheet was replaced
    with pytest.raises(ConversionError, match="does not exist"):
        html.write(example(), template_dir=tmp_path / "absent")


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(articles())
def test_generated_articles_give_valid_html(article: newsdoc.Article) -> None:
    tree = parse(html.write(article, missing_images="omit"))
    data = json_ld_of(tree)
    assert data["headline"] == article.headline
    assert [a["name"] for a in data.get("author", [])] == [p.name for p in article.bylines]
    if article.published is not None:
        assert data["datePublished"] == html.html_datetime(article.published)
    assert tree.get("lang") == article.language
    assert tree.get("dir") == article.direction


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(collections())
def test_generated_collections_give_valid_html(collection: newsdoc.Collection) -> None:
    tree = parse(html.write(collection, missing_images="omit"))
    assert len(tree.findall("body/main/article")) == len(collection.articles)


def _chromium() -> str | None:
    return os.environ.get("NEWSDOC_CHROMIUM") or shutil.which("chromium")


def test_example_page_renders_in_chromium(tmp_path: Path) -> None:
    browser = _chromium()
    if browser is None:
        pytest.skip("Chromium not found: apt-get install chromium (or set NEWSDOC_CHROMIUM)")
    page = tmp_path / "article.html"
    page.write_bytes(html.write(example(), base_dir=EXAMPLES))
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "article.png"
    shot.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                "--window-size=900,2600",
                f"--screenshot={shot}",
                page.as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert (width, height) == (900, 2600)
    assert len(data) > 50_000  # a real page with pictures, not a blank one
