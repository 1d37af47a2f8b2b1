"""NITF: NITF 3.6 output valid against the IPTC schema, round trips of what NITF carries (and
``lossy`` warnings for the rest), NITF 3.x from other tools in any namespace or none, and
refusals of hostile XML.

The schema comes from ../shared/newsml-g2 (the ``shared`` fixture skips with a reason where
it is absent). Fixtures in ``tests/fixtures/wire/nitf/`` are our own writing, each read and
compared with ``X.expected.json``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from lxml import etree

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.formats import detect_format, get_format, nitf
from tests.strategies import articles

FIXTURES = Path(__file__).parent / "fixtures" / "wire" / "nitf"
HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture,
    HealthCheck.filter_too_much,
    HealthCheck.data_too_large,
]


@functools.cache
def _schema(folder: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.parse(str(folder / "nitf-3-6.xsd"), parser))


@pytest.fixture
def schema(shared: Path) -> etree.XMLSchema:
    return _schema(shared / "newsml-g2")


def schema_errors(data: bytes, schema: etree.XMLSchema) -> list[str]:
    return [] if schema.validate(etree.fromstring(data)) else [str(e) for e in schema.error_log]


def carried(article: nd.Article) -> nd.Article:
    """``article`` with only what NITF carries."""
    dateline = article.dateline
    if dateline is not None:
        dateline = attrs.evolve(dateline, country_code=None, geo=None)
    rights = article.rights
    if rights is not None:
        rights = attrs.evolve(rights, notice=None, license_url=None)
        if rights.holder is None and rights.usage_terms is None:
            rights = None
    return attrs.evolve(
        article,
        created=None,
        updated=None,
        key_points=(),
        related=(),
        corrections=(),
        canonical_url=None,
        dateline=dateline,
        rights=rights,
        bylines=tuple(attrs.evolve(p, url=None) for p in article.bylines),
        publisher=nd.Organization(name=article.publisher.name) if article.publisher else None,
        source=nd.Organization(name=article.source.name) if article.source else None,
    )


def _write(article: nd.Article) -> tuple[bytes, list[nd.Diagnostic]]:
    with collect() as found:
        data = nitf.write(article)
    return data, list(found)


# ---------------------------------------------------------------------------------- writing


def test_the_validator_catches_a_misplaced_element(schema, article):
    data, _ = _write(article)
    assert schema_errors(data, schema) == []
    broken = data.replace(b"<pubdata", b"<pubdata-x", 1).replace(b"</pubdata>", b"", 1)
    assert schema_errors(broken, schema) != []


def test_example_article_is_valid_and_reads_back_what_nitf_carries(schema, article):
    data, warnings = _write(article)
    assert schema_errors(data, schema) == []
    assert nitf.read(data) == carried(article)
    lost = {w.where for w in warnings}
    assert {"created", "updated", "key_points", "related", "corrections"} <= lost
    assert {w.code for w in warnings} == {"lossy"}


def test_a_minimal_article_is_valid_and_loses_nothing(schema):
    article = nd.Article(id="urn:newsdoc:test:minimal", headline="Minimal")
    data, warnings = _write(article)
    assert schema_errors(data, schema) == []
    assert warnings == []
    assert nitf.read(data) == article


@settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)
@given(articles())
def test_generated_articles_are_valid_and_round_trip_what_nitf_carries(shared, article):
    data, warnings = _write(article)
    assert schema_errors(data, _schema(shared / "newsml-g2")) == []
    assert nitf.read(data) == carried(article)
    assert all(w.code == "lossy" for w in warnings)
    assert (carried(article) == article) == (warnings == [])


def test_a_collection_is_refused_with_a_reason(collection):
    with pytest.raises(nd.ConversionError, match="one article"):
        get_format("nitf").write(collection)


# ---------------------------------------------------------------------------------- reading

#: Each fixture, and the warnings (code, where) reading it must give.
CASES: dict[str, list[tuple[str, str]]] = {
    "nitf-3.6": [],
    "nitf-3.4-no-namespace": [("dropped", "body.end/tagline")],
    "nitf-3.5-own-namespace": [("dropped", "docdata/ed-msg")],
    "nitf-3.2-title-only": [("assumed", "")],
}


def _read(name: str) -> tuple[nd.Article, list[tuple[str, str]]]:
    with collect() as found:
        article = get_format("nitf").read((FIXTURES / f"{name}.xml").read_bytes())
    assert isinstance(article, nd.Article)
    return article, [(d.code, d.where or "") for d in found]


def test_every_fixture_has_a_case() -> None:
    assert sorted(p.stem for p in FIXTURES.glob("*.xml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_reads_as_expected_with_its_warnings(name: str) -> None:
    article, warnings = _read(name)
    assert article == nd.load(FIXTURES / f"{name}.expected.json")
    assert warnings == CASES[name]


@pytest.mark.parametrize("name", sorted(CASES))
def test_fixture_is_recognised_by_content(name: str) -> None:
    data = (FIXTURES / f"{name}.xml").read_bytes()
    assert detect_format("story.xml", data).name == "nitf"
    assert detect_format(None, data).name == "nitf"


def test_docdata_is_mapped() -> None:
    article, _ = _read("nitf-3.6")
    assert article.id == "urn:nitf:example.org:2026:harbour-crane"
    assert article.urgency == 4
    assert article.keywords == ("harbour", "cranes")
    assert nd.Subject(scheme="iptc", code="04015000", label="transport") in article.subjects
    assert article.published is not None
    assert article.published.isoformat() == "2026-03-14T09:30:00+01:00"
    assert article.rights == nd.Rights(holder="Example Wire", usage_terms="No archive use.")


@pytest.mark.parametrize("name", ["nitf-3.4-no-namespace", "nitf-3.5-own-namespace"])
def test_other_versions_give_headline_byline_and_body(name: str) -> None:
    article, _ = _read(name)
    assert article.headline
    assert article.bylines
    assert len([b for s in article.sections for b in s.blocks]) >= 2


def test_title_serves_when_there_is_no_hl1_and_a_missing_id_is_made_and_reported() -> None:
    article, warnings = _read("nitf-3.2-title-only")
    assert article.headline == "Night buses added for the festival"
    assert article.id.startswith("urn:newsdoc:sha1:")
    assert warnings == [("assumed", "")]
    given_id = get_format("nitf").read(
        (FIXTURES / "nitf-3.2-title-only.xml").read_bytes(), id="urn:example:buses"
    )
    assert given_id.id == "urn:example:buses"


def test_a_document_without_headline_is_refused() -> None:
    with pytest.raises(nd.InvalidDocumentError, match="no headline"):
        nitf.read(b"<nitf><body><body.content><p>Text.</p></body.content></body></nitf>")


def test_other_roots_and_hostile_xml_are_refused() -> None:
    with pytest.raises(nd.InvalidDocumentError, match="not a NITF document"):
        nitf.read(b"<html><body/></html>")
    with pytest.raises(nd.InvalidDocumentError, match="DTD"):
        nitf.read(b"<!DOCTYPE nitf [<!ELEMENT nitf ANY>]><nitf/>")
    with pytest.raises(nd.InvalidDocumentError, match="entit"):
        nitf.read(
            b'<!DOCTYPE nitf [<!ENTITY a "aaaa">]><nitf><head><title>&a;</title></head></nitf>'
        )
