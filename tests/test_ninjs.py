"""ninjs: validity against the IPTC 3.1 and 2.2 JSON schemas (offline, with a local registry for
GeoJSON), round trips of generated articles on what ninjs can carry, and reading the IPTC
examples.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import attrs
import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

import newsdoc as nd
from newsdoc.errors import InvalidDocumentError
from newsdoc.formats import ninjs
from tests.strategies import articles, collections

GEOJSON = "https://geojson.org/schema/GeoJSON.json"
HEALTH = [
    HealthCheck.too_slow,
    HealthCheck.function_scoped_fixture,
    HealthCheck.filter_too_much,
    HealthCheck.data_too_large,
]
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=HEALTH)


@functools.cache
def _validators(folder: Path) -> dict[str, Draft202012Validator]:
    geojson = json.loads((folder / "GeoJSON-schema.json").read_text("utf-8"))
    registry: Registry[Any] = Registry().with_resource(GEOJSON, Resource.from_contents(geojson))
    return {
        version: Draft202012Validator(
            json.loads((folder / f"ninjs-schema_{version}.json").read_text("utf-8")),
            registry=registry,
            format_checker=FormatChecker(),
        )
        for version in ninjs.VERSIONS
    }


@pytest.fixture
def validators(shared: Path) -> dict[str, Draft202012Validator]:
    return _validators(shared / "ninjs")


def schema_errors(data: bytes, validator: Draft202012Validator) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(orjson.loads(data))
    ]


def projection(article: nd.Article) -> nd.Article:
    """``article`` without what ninjs cannot carry (see docs/mapping.md)."""
    return attrs.evolve(
        article,
        bylines=tuple(attrs.evolve(p, role=None, affiliation=None) for p in article.bylines),
        dateline=attrs.evolve(article.dateline, date=None) if article.dateline else None,
        key_points=tuple(attrs.evolve(k, topics=()) for k in article.key_points),
        related=tuple(attrs.evolve(r, date=None) for r in article.related),
        corrections=(),
        rights=article.rights if article.rights != nd.Rights() else None,
    )


MINIMAL = nd.Article(id="urn:newsdoc:test:minimal", headline="Minimal")


def test_the_validator_catches_a_wrong_property(validators, article):
    item = ninjs.to_dict(article)
    item["versioncreated"] = item.pop("versionCreated")
    assert schema_errors(orjson.dumps(item), validators["3.1"]) != []
    assert schema_errors(ninjs.write(article, version="2.2"), validators["3.1"]) != []


@pytest.mark.parametrize("version", ninjs.VERSIONS)
def test_examples_and_a_minimal_article_are_schema_valid(validators, article, collection, version):
    for document in (article, collection, MINIMAL):
        data = ninjs.write(document, version=version)
        assert schema_errors(data, validators[version]) == []


def test_default_is_ninjs_3_1_in_camel_case(article):
    item = ninjs.to_dict(article)
    assert item["standard"]["version"] == "3.1"
    assert "versionCreated" in item
    assert "embargoedUntil" in item
    old = ninjs.to_dict(article, version="2.2")
    assert "versioncreated" in old
    assert "embargoed" in old


@SETTINGS
@given(articles())
def test_generated_articles_are_valid_and_round_trip_what_ninjs_carries(shared, article):
    validators = _validators(shared / "ninjs")
    for version in ninjs.VERSIONS:
        data = ninjs.write(article, version=version)
        assert schema_errors(data, validators[version]) == []
        assert ninjs.read(data) == projection(article)


@settings(max_examples=10, deadline=None, suppress_health_check=HEALTH)
@given(collections())
def test_generated_collections_round_trip(shared, collection):
    validators = _validators(shared / "ninjs")
    for version in ninjs.VERSIONS:
        data = ninjs.write(collection, version=version)
        assert schema_errors(data, validators[version]) == []
        back = ninjs.read(data)
        assert isinstance(back, nd.Collection)
        assert back.articles == tuple(projection(a) for a in collection.articles)
        assert back.title == collection.title


@pytest.mark.parametrize("version", ninjs.VERSIONS)
def test_example_article_round_trips_what_ninjs_carries(article, version):
    assert ninjs.read(ninjs.write(article, version=version)) == projection(article)


def test_unicode_is_written_as_characters():
    article = nd.Article(
        id="urn:newsdoc:test:scripts",
        headline="Երևան Гюмри Αθήνα القاهرة ירושלים",
        language="hy",
        sections=[nd.Section(blocks=[nd.Paragraph(content="القاهرة", lang="ar", dir="rtl")])],
    )
    data = ninjs.write(article)
    assert "Երևան Гюмри Αθήνα القاهرة ירושלים".encode() in data
    assert ninjs.read(data) == article


def test_bad_version_is_refused(article):
    with pytest.raises(nd.OptionError, match="version"):
        ninjs.write(article, version="1.0")


def _text_items(shared: Path) -> list[Path]:
    found = []
    for path in sorted((shared / "ninjs" / "examples").glob("*/*.json")):
        item = json.loads(path.read_text("utf-8"))
        if item.get("type", "text") == "text":
            found.append(path)
    return found


def test_every_ninjs_text_example_reads(shared):
    paths = _text_items(shared)
    assert len(paths) >= 8
    for path in paths:
        item = json.loads(path.read_text("utf-8"))
        article = ninjs.read(path.read_bytes(), source=str(path))
        assert isinstance(article, nd.Article), path
        main = next(h["value"] for h in item["headlines"] if h.get("role", "main") == "main")
        assert article.headline == main
        assert article.updated is not None or article.published is not None
        if item.get("bodies"):
            blocks = [b for s in article.sections for b in s.blocks]
            assert blocks, path
            texts = [nd.plain_text(b.content) for b in blocks if isinstance(b, nd.Paragraph)]
            assert not any("<" in text for text in texts), path  # no markup read as text


def test_ninjs_html_example_keeps_its_paragraphs(shared):
    path = shared / "ninjs" / "examples" / "3.1" / "004_simple_text_article.json"
    article = ninjs.read(path.read_bytes())
    assert isinstance(article, nd.Article)
    blocks = [b for s in article.sections for b in s.blocks]
    assert len(blocks) == 4
    assert nd.plain_text(blocks[0].content).startswith("GROSSETO, Italy (AP)")


def test_picture_items_give_a_clear_error(shared):
    path = shared / "ninjs" / "examples" / "3.1" / "006_photo_only.json"
    with pytest.raises(InvalidDocumentError, match="picture"):
        ninjs.read(path.read_bytes())


def test_not_ninjs_is_refused():
    with pytest.raises(InvalidDocumentError, match="uri"):
        ninjs.read(b'{"headline": "x"}')
    with pytest.raises(InvalidDocumentError, match="JSON"):
        ninjs.read(b"{")
