"""NewsML-G2: schema validity (2.35 Power XSD and NITF 3.6), lossless round trips, reading the
IPTC examples, and refusing XML attacks.

The XSDs come from ../shared/newsml-g2 (the ``shared`` fixture skips with a reason where it
is absent) and are compiled once per session.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.errors import InvalidDocumentError
from newsdoc.formats import newsml
from newsdoc.markup import xml as _xml
from tests.strategies import articles, collections

G2 = "{http://iptc.org/std/nar/2006-10-01/}"
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture,
    HealthCheck.filter_too_much,
    HealthCheck.data_too_large,
]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)


@functools.cache
def _schemas(folder: Path) -> tuple[etree.XMLSchema, etree.XMLSchema]:
    parser = etree.XMLParser(no_network=True)
    g2 = etree.XMLSchema(etree.parse(str(folder / "NewsML-G2_2.35-spec-All-Power.xsd"), parser))
    nitf = etree.XMLSchema(etree.parse(str(folder / "nitf-3-6.xsd"), parser))
    return g2, nitf


@pytest.fixture
def schemas(shared: Path) -> tuple[etree.XMLSchema, etree.XMLSchema]:
    return _schemas(shared / "newsml-g2")


def schema_errors(data: bytes, schemas: tuple[etree.XMLSchema, etree.XMLSchema]) -> list[str]:
    """Every error of the NewsML-G2 schema, and of the NITF schema on each NITF body alone."""
    g2, nitf = schemas
    root = etree.fromstring(data)
    errors = [] if g2.validate(root) else [str(e) for e in g2.error_log]
    for body in root.iter(f"{NITF}nitf"):
        alone = etree.fromstring(etree.tostring(body))
        if not nitf.validate(alone):
            errors += [f"NITF: {e}" for e in nitf.error_log]
    return errors


def nitf_bodies(data: bytes) -> int:
    return sum(1 for _ in etree.fromstring(data).iter(f"{NITF}nitf"))


MINIMAL = nd.Article(id="urn:newsdoc:test:minimal", headline="Minimal")


# ---------------------------------------------------------------------------------- validity


def test_the_validator_catches_a_misplaced_element(schemas, article):
    data = newsml.write(article)
    broken = data.replace(b"<urgency>4</urgency>", b"").replace(
        b"</contentMeta>", b"<urgency>4</urgency></contentMeta>", 1
    )
    assert schema_errors(data, schemas) == []
    assert schema_errors(broken, schemas) != []
    nitf_broken = data.replace(b"<hl1>", b"<hl1><strong>x</strong>", 1)
    assert any(e.startswith("NITF") for e in schema_errors(nitf_broken, schemas))


@pytest.mark.parametrize("body", ["nitf", "xhtml"])
def test_example_article_is_schema_valid(schemas, article, body):
    data = newsml.write(article, body=body)
    assert schema_errors(data, schemas) == []
    assert nitf_bodies(data) == (1 if body == "nitf" else 0)


def test_minimal_article_is_schema_valid(schemas):
    data = newsml.write(MINIMAL)
    assert schema_errors(data, schemas) == []
    assert newsml.read(data) == MINIMAL


def test_example_collection_as_news_message_is_schema_valid(schemas, collection):
    data = newsml.write(collection, collection_as="message")
    assert schema_errors(data, schemas) == []
    root = etree.fromstring(data)
    assert root.tag == f"{G2}newsMessage"
    assert len(root.findall(f"{G2}itemSet/{G2}newsItem")) == len(collection.articles)
    assert nitf_bodies(data) == len(collection.articles)


def test_example_collection_as_package_item_is_schema_valid(schemas, collection):
    data = newsml.write(collection, collection_as="package")
    assert schema_errors(data, schemas) == []
    root = etree.fromstring(data)
    assert root.find(f"{G2}itemMeta/{G2}itemClass").get("qcode") == "ninat:composite"
    refs = [r.get("residref") for r in root.iter(f"{G2}itemRef")]
    assert refs == [a.id for a in collection.articles]


@SETTINGS
@given(articles())
def test_generated_articles_are_schema_valid_and_round_trip(shared, article):
    found = _schemas(shared / "newsml-g2")
    for body in ("nitf", "xhtml"):
        data = newsml.write(article, body=body)
        assert schema_errors(data, found) == []
        assert newsml.read(data) == article


@settings(max_examples=10, deadline=None, suppress_health_check=HEALTH)
@given(collections())
def test_generated_collections_are_schema_valid_and_round_trip(shared, collection):
    found = _schemas(shared / "newsml-g2")
    message = newsml.write(collection)
    assert schema_errors(message, found) == []
    assert newsml.read(message) == collection
    assert schema_errors(newsml.write(collection, collection_as="package"), found) == []


# ------------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("body", ["nitf", "xhtml"])
def test_example_article_round_trips(article, body):
    assert newsml.read(newsml.write(article, body=body)) == article


def test_example_collection_round_trips_through_a_news_message(collection):
    assert newsml.read(newsml.write(collection)) == collection


def test_package_alone_gives_the_articles_it_references(collection):
    back = newsml.read(newsml.write(collection, collection_as="package"))
    assert isinstance(back, nd.Collection)
    assert back.title == collection.title
    assert [a.id for a in back.articles] == [a.id for a in collection.articles]
    assert [a.headline for a in back.articles] == [a.headline for a in collection.articles]


def test_package_alone_says_what_of_each_article_it_leaves_out():
    full = nd.Article(id="urn:t:1", headline="Bridge closed", keywords=("bridge",), language="fr")
    bare = nd.Article(id="urn:t:2", headline="Bridge reopens", summary="Early.", version=2)
    collection = nd.Collection(id="urn:t:c", title="Two editions", articles=(full, bare))
    with collect() as found:
        newsml.write(collection, collection_as="package")
    assert [(d.code, d.where) for d in found] == [("lossy", "articles[0]")]
    assert "left out: language, keywords" in found[0].message
    with collect() as found:
        newsml.write(collection, collection_as="message")
    assert found == []


SCRIPTS = {
    "hy": "Երևանում անձրև է",
    "ru": "В Ереване идёт дождь",
    "el": "Βρέχει στην Αθήνα",
    "ar": "تمطر في القاهرة",
    "he": "יורד גשם בירושלים",
}


@pytest.mark.parametrize(("lang", "text"), SCRIPTS.items())
def test_unicode_scripts_come_out_as_written(schemas, lang, text):
    article = nd.Article(
        id=f"urn:newsdoc:test:{lang}",
        headline=text,
        language=lang,
        sections=[nd.Section(blocks=[nd.Paragraph(content=text, dir="rtl", lang=lang)])],
    )
    data = newsml.write(article)
    assert text.encode("utf-8") in data  # as characters, not escaped
    assert schema_errors(data, schemas) == []
    assert newsml.read(data) == article


def test_adjacent_text_runs_stay_apart():
    runs = (nd.Text(text="one "), nd.Text(text="two"), nd.Text(text=" "))
    article = nd.Article(
        id="urn:newsdoc:test:runs",
        headline="Runs",
        sections=[nd.Section(blocks=[nd.Paragraph(content=runs)])],
    )
    assert newsml.read(newsml.write(article)).sections[0].blocks[0].content == runs


def test_bad_options_are_refused(article):
    with pytest.raises(nd.OptionError, match="body"):
        newsml.write(article, body="html5")
    with pytest.raises(nd.OptionError, match="no option 'colour'"):
        newsml.write(article, colour="red")


def test_offsets_with_seconds_are_refused_by_the_model():
    odd = dt.timezone(dt.timedelta(hours=1, seconds=30))  # xs:dateTime cannot say this
    with pytest.raises(nd.FieldError, match="whole minutes"):
        nd.Article(id="urn:x:1", headline="H", published=dt.datetime(2026, 1, 1, tzinfo=odd))


# ------------------------------------------------------------------------- the IPTC examples


def _examples(shared: Path) -> list[Path]:
    return sorted((shared / "newsml-g2" / "examples").glob("*.xml"))


def _is_text_item(root: etree._Element) -> bool:
    item_class = root.find(f"{G2}itemMeta/{G2}itemClass")
    return (
        root.tag == f"{G2}newsItem"
        and item_class is not None
        and (item_class.get("qcode") == "ninat:text")
    )


def test_every_whole_text_item_of_the_iptc_examples_reads(shared):
    read = 0
    for path in _examples(shared):
        root = etree.parse(str(path)).getroot()
        headline = root.find(f"{G2}contentMeta/{G2}headline")
        if not _is_text_item(root) or headline is None:
            continue
        article = newsml.read(path.read_bytes(), source=str(path))
        assert isinstance(article, nd.Article)
        assert article.headline == " ".join(headline.text.split())
        paragraphs = [
            p for p in root.iter(f"{NITF}p") if p.getparent().tag == f"{NITF}body.content"
        ]
        blocks = [b for s in article.sections for b in s.blocks]
        assert len(blocks) == len(paragraphs)
        assert all(isinstance(b, nd.Paragraph) for b in blocks)
        if paragraphs:
            assert nd.plain_text(blocks[0].content) == " ".join(
                "".join(paragraphs[0].itertext()).split()
            )
        assert article.published is not None
        assert article.created is not None or article.updated is not None
        read += 1
    assert read >= 3  # LISTING_1, LISTING_2 and LISTING_22


def test_iptc_example_details(shared):
    path = shared / "newsml-g2" / "examples" / "LISTING_22_Sports_story_in_NewsML-G2NITF.xml"
    article = newsml.read(path.read_bytes())
    assert isinstance(article, nd.Article)
    assert article.id == "tag:xmlteam.com,2016:xt.5932656-preview"
    assert article.version == 11
    assert article.language == "en-US"
    assert article.summary is not None
    assert article.summary.startswith("A pair of teams")
    assert nd.Subject(scheme="medtop", code="20000849", label="Baseball") in article.subjects
    assert article.created == dt.datetime.fromisoformat("2016-10-19T11:15:00-05:00")


def test_iptc_items_newsdoc_cannot_read_give_clear_errors(shared):
    folder = shared / "newsml-g2" / "examples"
    with pytest.raises(InvalidDocumentError, match="ninat:picture"):
        newsml.read((folder / "LISTING_3_Photo_in_NewsML-G2.xml").read_bytes())
    with pytest.raises(InvalidDocumentError, match="no headline"):
        newsml.read((folder / "test_2.29_001_simplest_file.xml").read_bytes())
    with pytest.raises(InvalidDocumentError, match="not a NewsML-G2"):
        newsml.read(
            (folder / "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML.xml").read_bytes()
        )


def test_iptc_package_reads_as_a_collection(shared):
    path = shared / "newsml-g2" / "examples" / "LISTING_6_Simple_NewsML-G2_Package.xml"
    found = newsml.read(path.read_bytes())
    assert isinstance(found, nd.Collection)
    assert found.title == "UK"
    assert next(a.headline for a in found.articles) == "Obama annonce son équipe"


# ------------------------------------------------------------------------------- XML attacks

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE newsItem [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1"><itemMeta/>
<contentMeta><headline>&lol4;</headline></contentMeta></newsItem>"""


def _xxe(path: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE newsItem [<!ENTITY xxe SYSTEM "file://{path}">]>'
        '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1"><itemMeta/>'
        "<contentMeta><headline>&xxe;</headline></contentMeta></newsItem>"
    ).encode()


def test_billion_laughs_is_refused():
    with pytest.raises(InvalidDocumentError, match="entit"):
        newsml.read(BILLION_LAUGHS)


def test_external_entity_to_a_local_file_is_refused(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE")
    with pytest.raises(InvalidDocumentError, match="entit") as caught:
        newsml.read(_xxe(secret))
    assert "TOP-SECRET-VALUE" not in str(caught.value)


def test_entity_declarations_are_refused_in_utf16_too(tmp_path):
    data = BILLION_LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(InvalidDocumentError, match="entit"):
        newsml.read(data.encode("utf-16"))


def test_undeclared_entities_and_external_dtds_are_not_loaded():
    data = (
        b'<?xml version="1.0"?><!DOCTYPE newsItem SYSTEM "http://127.0.0.1:9/newsml.dtd">'
        b'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="urn:x:1"><itemMeta/>'
        b"<contentMeta><headline>&ext;</headline></contentMeta></newsItem>"
    )
    with pytest.raises(InvalidDocumentError, match=r"(?i)entity 'ext' not defined"):
        newsml.read(data)


def test_oversized_and_malformed_input_is_refused():
    with pytest.raises(InvalidDocumentError, match="limit"):
        _xml.parse(b"<a>" + b"x" * 200 + b"</a>", max_bytes=100)
    with pytest.raises(InvalidDocumentError, match="well-formed"):
        newsml.read(b"<newsItem><unclosed></newsItem>")
