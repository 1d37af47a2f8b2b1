"""newsdoc JSON: lossless round trip, the JSON Schema, and error reports for bad input."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdoc as nd
from newsdoc.formats import json as J
from newsdoc.schema import json_schema, schema_text, shipped_schema
from newsdoc.wire import detailed as JD
from tests.strategies import articles, collections

SETTINGS = settings(deadline=None, suppress_health_check=list(HealthCheck), max_examples=100)
REFERENCE = JD.make_converter(detailed=False)
VALIDATOR = jsonschema.Draft202012Validator(json_schema())
EXAMPLE = json.loads(Path("examples/article.json").read_text(encoding="utf-8"))


def test_example_round_trips_exactly() -> None:
    article = nd.load("examples/article.json")
    assert nd.loads(nd.dumps(article)) == article
    # The example spells out a few defaults ("language": "en"); the dump leaves them out.
    dumped = J.to_dict(article)
    assert {k: v for k, v in EXAMPLE.items() if k in dumped} == dumped
    assert set(EXAMPLE) - set(dumped) == {"language", "status"}


@SETTINGS
@given(articles())
def test_round_trip_of_generated_articles(article: nd.Article) -> None:
    assert J.loads(J.dumps(article)) == article
    assert J.loads(J.dumps(article, indent=False)) == article


@settings(SETTINGS, max_examples=20)
@given(collections())
def test_round_trip_of_generated_collections(collection: nd.Collection) -> None:
    assert J.loads(J.dumps(collection)) == collection


@SETTINGS
@given(articles())
def test_fast_hooks_agree_with_plain_cattrs(article: nd.Article) -> None:
    """The generated hooks give and take exactly what cattrs' own hooks do."""
    data = J.to_dict(article)
    body = {k: v for k, v in data.items() if k not in ("newsdoc", "kind")}
    assert body == REFERENCE.unstructure(article)
    assert REFERENCE.structure(body, nd.Article) == article
    assert JD.detailed_converter().structure(body, nd.Article) == article


@settings(SETTINGS, max_examples=60)
@given(articles())
def test_generated_articles_validate_against_the_schema(article: nd.Article) -> None:
    errors = list(VALIDATOR.iter_errors(J.to_dict(article)))
    assert errors == []


def test_examples_validate_against_the_schema() -> None:
    for name in ("article", "collection"):
        data = json.loads(Path(f"examples/{name}.json").read_text(encoding="utf-8"))
        assert list(VALIDATOR.iter_errors(data)) == []


def test_shipped_schema_is_the_generated_one() -> None:
    assert shipped_schema() == schema_text(), (
        "src/newsdoc/newsdoc.schema.json is stale: regenerate it with "
        "`newsdoc schema > src/newsdoc/newsdoc.schema.json`"
    )
    jsonschema.Draft202012Validator.check_schema(json_schema())


def _broken(path: str, value: Any) -> dict[str, Any]:
    """The example article with the value at ``path`` (a.b[0].c) replaced, or removed."""
    data = copy.deepcopy(EXAMPLE)
    parts = path.replace("]", "").replace("[", ".").split(".")
    target: Any = data
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if value is REMOVE:
        del target[last]
    else:
        target[last] = value
    return data


REMOVE = object()

# (what is broken, the value put there, the problem reported)
BAD_INPUT = [
    ("headline", REMOVE, "headline: required"),
    ("headline", "", "headline: expected a non-empty string"),
    ("headline", 42, "headline: expected a string, got a whole number"),
    (
        "published",
        "2026-05-04T09:30:00",
        "published: date-time '2026-05-04T09:30:00' has no time zone",
    ),
    ("published", "yesterday", "published: expected an ISO 8601 date-time"),
    ("language", "english", "language: expected a BCP 47 language tag"),
    ("canonical_url", "ftp://example.org/x", "canonical_url: expected an absolute http(s) URL"),
    (
        "sections[1].blocks[0]",
        {"type": "video", "src": "x"},
        "sections[1].blocks[0]: unknown block type 'video'",
    ),
    ("sections[1].blocks[1].speaker.name", REMOVE, "sections[1].blocks[1].speaker.name: required"),
    (
        "sections[1].blocks[1].speaker",
        "Lilit",
        "sections[1].blocks[1].speaker: expected an object, got a string",
    ),
    ("keywords", "rail, Armenia", "keywords: expected a list, got a string"),
    ("urgency", 10, "urgency: expected a whole number from 1 to 9, got 10"),
    ("urgency", "4", "urgency: expected a whole number, got a string"),
    ("status", "published", "status: expected one of 'usable', 'withheld', 'canceled'"),
    ("dateline.geo.latitude", 123.0, "dateline.geo.latitude: expected a number from -90 to 90"),
    (
        "sections[2].blocks[0].ordered",
        "yes",
        "sections[2].blocks[0].ordered: expected true or false",
    ),
    (
        "sections[0].blocks[1].content[1]",
        {"type": "blink", "children": "x"},
        "sections[0].blocks[1].content[1]: unknown inline type 'blink'",
    ),
    (
        "sections[1].blocks[0].content[1].href",
        "javascript:alert(1)",
        "sections[1].blocks[0].content[1].href: expected an http(s) URL",
    ),
    (
        "sections[2].blocks[1].rows[1]",
        ["Gyumri"],
        "sections[2].blocks[1].rows[1]: has 1 cells, expected 3 like the header",
    ),
    ("bylines[0].nickname", "Ani", "bylines[0].nickname: unknown field"),
    ("corrections[0].kind", "retraction", "corrections[0].kind: expected one of"),
    ("related[2].url", "not a url", "related[2].url: expected an absolute http(s) URL or a URN"),
    ("newsdoc", 2, "newsdoc: unsupported format version 2"),
    ("newsdoc", REMOVE, "newsdoc: required"),
]


@pytest.mark.parametrize(("path", "value", "problem"), BAD_INPUT, ids=[b[0] for b in BAD_INPUT])
def test_bad_input_names_the_field(path: str, value: Any, problem: str) -> None:
    data = _broken(path, value)
    with pytest.raises(nd.InvalidDocumentError) as caught:
        J.from_dict(data, source="article.json")
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(problem) for m in messages), messages
    assert "article.json is not a valid newsdoc document" in str(caught.value)


# JSON Schema cannot say that a table's rows are as long as its header: only the model does.
SCHEMA_BAD = [b for b in BAD_INPUT if "rows[1]" not in b[0]]


@pytest.mark.parametrize(("path", "value", "problem"), SCHEMA_BAD, ids=[b[0] for b in SCHEMA_BAD])
def test_the_schema_refuses_the_same_bad_input(path: str, value: Any, problem: str) -> None:
    assert list(VALIDATOR.iter_errors(_broken(path, value))) != []


def test_ragged_tables_pass_the_schema_but_not_the_model() -> None:
    ragged = _broken("sections[2].blocks[1].rows[1]", ["Gyumri"])
    assert list(VALIDATOR.iter_errors(ragged)) == []
    with pytest.raises(nd.InvalidDocumentError, match="like the header"):
        J.from_dict(ragged)


def test_every_problem_is_listed_at_once() -> None:
    data = _broken("headline", 5)
    data["urgency"] = 0
    data["sections"][0]["blocks"][0]["content"] = 7
    del data["id"]
    with pytest.raises(nd.InvalidDocumentError) as caught:
        J.from_dict(data)
    paths = sorted(p.path for p in caught.value.problems)
    assert paths == ["headline", "id", "sections[0].blocks[0].content", "urgency"]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"newsdoc": 1, "id": "urn:x:1", "headline": "Hi"', "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2]", "expected a JSON object, got a list"),
        ('{"newsdoc": 1, "kind": "magazine"}', "kind: expected 'article' or 'collection'"),
    ],
)
def test_unreadable_documents(text: str, problem: str) -> None:
    with pytest.raises(nd.InvalidDocumentError, match=problem):
        J.loads(text)


def test_truncated_json_reports_line_and_column() -> None:
    text = json.dumps(EXAMPLE, indent=2)[:200]
    with pytest.raises(nd.InvalidDocumentError, match=r"at line \d+, column \d+"):
        J.loads(text)


@SETTINGS
@given(articles(), st.data())
def test_fast_and_detailed_paths_agree_on_damaged_documents(
    article: nd.Article, data: st.DataObject
) -> None:
    """Damage one value anywhere: both converters accept it, or both refuse it."""
    document = J.to_dict(article)
    slots = list(_slots(document))
    container, key = data.draw(st.sampled_from(slots))
    container[key] = data.draw(
        st.sampled_from(
            ["", " ", "x", "\x00", 0, -1, 1.5, True, None, [], {}, ["x"], {"type": "x"}]
        )
    )
    body = {k: v for k, v in document.items() if k not in ("newsdoc", "kind")}
    try:
        fast = J.converter.structure(body, nd.Article)
    except Exception:
        fast = None
    try:
        detailed = JD.detailed_converter().structure(body, nd.Article)
    except Exception:
        detailed = None
    assert fast == detailed


def _slots(value: Any) -> Any:
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in ("newsdoc", "kind"):
                yield value, key
                yield from _slots(item)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield value, index
            yield from _slots(item)


def test_dumps_writes_compact_or_pretty_utf8() -> None:
    article = nd.Article(id="urn:newsdoc:1", headline="Երևան")
    assert nd.dumps(article, indent=False) == (
        '{"newsdoc":1,"kind":"article","id":"urn:newsdoc:1","headline":"Երևան"}'.encode()
    )
    assert J.dumps(article).endswith("}\n")


def test_generated_hooks_show_their_source_in_tracebacks() -> None:
    import linecache

    nd.loads('{"newsdoc": 1, "id": "urn:newsdoc:1", "headline": "Hi"}')
    source = linecache.getlines("<newsdoc generated hooks>")
    assert any("def _structure_Article" in line for line in source)
