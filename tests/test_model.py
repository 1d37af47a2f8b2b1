"""The model: construction, validation, direction, inline helpers."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import newsdoc as nd
from newsdoc.language import direction_of, is_valid_language_tag

UTC = dt.UTC


def article(**fields: object) -> nd.Article:
    values: dict[str, object] = {"id": "urn:newsdoc:test:1", "headline": "Headline"}
    values.update(fields)
    return nd.Article(**values)  # type: ignore[arg-type]


def test_minimal_article_has_defaults() -> None:
    a = article()
    assert a.version == 1
    assert a.language == "en"
    assert a.direction is nd.Direction.LTR
    assert a.sections == ()
    assert a.status is nd.PubStatus.USABLE


def test_lists_become_tuples_and_strings_become_text() -> None:
    a = article(
        bylines=[nd.Person(name="Ani")],
        sections=[nd.Section(blocks=[nd.Paragraph(content="Plain words.")])],
    )
    assert isinstance(a.bylines, tuple)
    assert a.sections[0].blocks[0].content == (nd.Text(text="Plain words."),)  # type: ignore[union-attr]


def test_model_is_immutable() -> None:
    a = article()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        a.headline = "Changed"  # type: ignore[misc]


def test_model_is_keyword_only() -> None:
    with pytest.raises(TypeError):
        nd.Person("Ani")  # type: ignore[misc]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"headline": ""}, "Article.headline: expected a non-empty string"),
        ({"headline": "   "}, "Article.headline: expected a non-empty string"),
        ({"headline": "bell\x07"}, "without control characters"),
        ({"id": "not a uri"}, "Article.id: expected an absolute URI"),
        ({"published": dt.datetime(2026, 5, 4, 9, 30)}, "naive date-times are ambiguous"),
        ({"language": "english"}, "Article.language: expected a BCP 47 language tag"),
        ({"language": "en_US"}, "expected a BCP 47 language tag"),
        ({"canonical_url": "javascript:alert(1)"}, "expected an absolute http(s) URL"),
        ({"urgency": 0}, "expected a whole number from 1 to 9"),
        ({"version": True}, "Article.version: expected a whole number from 1 to 2147483647"),
        ({"keywords": ["ok", ""]}, "Article.keywords: expected a list of non-empty strings"),
        ({"status": "published"}, "'published' is not a valid PubStatus"),
    ],
)
def test_invalid_values_are_refused_naming_the_field(
    fields: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        article(**fields)


def test_nested_objects_are_checked() -> None:
    with pytest.raises(ValueError, match=r"Dateline\.country_code"):
        nd.Dateline(place="Yerevan", country_code="am")
    with pytest.raises(ValueError, match=r"GeoPoint\.latitude"):
        nd.GeoPoint(latitude=91.0, longitude=0.0)
    with pytest.raises(ValueError, match=r"Section\.blocks: expected a list of at least 1"):
        nd.Section(blocks=[])
    with pytest.raises(ValueError, match=r"Link\.href"):
        nd.Link(href="javascript:alert(1)", children="x")
    with pytest.raises(ValueError, match=r"Article\.bylines"):
        article(bylines=["Ani"])


def test_table_rows_must_match_the_header() -> None:
    nd.Table(header=["a", "b"], rows=[["1", ""]])
    with pytest.raises(ValueError, match=r"rows\[1\]: has 1 cells, expected 2 like the header"):
        nd.Table(header=["a", "b"], rows=[["1", "2"], ["3"]])


@pytest.mark.parametrize(
    ("tag", "direction"),
    [
        ("en", "ltr"),
        ("hy-AM", "ltr"),
        ("he", "rtl"),
        ("ar-EG", "rtl"),
        ("fa", "rtl"),
        ("az-Arab", "rtl"),
        ("ku-Latn", "ltr"),
        ("ur", "rtl"),
        ("ru", "ltr"),
        ("x-private", "ltr"),
    ],
)
def test_direction_follows_the_language(tag: str, direction: str) -> None:
    assert is_valid_language_tag(tag)
    assert direction_of(tag) == direction
    assert article(language=tag).direction == direction


def test_blocks_override_language_and_direction() -> None:
    quote = nd.Quote(text="Мы рады.", lang="ru")
    assert quote.direction is nd.Direction.LTR
    assert nd.Paragraph(content="שלום", lang="he").direction is nd.Direction.RTL
    assert nd.Paragraph(content="x", dir="rtl").direction is nd.Direction.RTL
    assert nd.Paragraph(content="x").direction is None


@pytest.mark.parametrize(
    "tag", ["", "e", "english", "en-", "en--US", "en-a-bb-a-cc", "123", "en_US", "en US"]
)
def test_malformed_language_tags(tag: str) -> None:
    assert not is_valid_language_tag(tag)


def test_from_html_builds_typed_nodes() -> None:
    nodes = nd.from_html(
        'A <em>calm</em> <strong>and <i>bold</i></strong> <a href="https://e.org/x">move</a>'
        '<br><q lang="ru">да</q> <code>x = 1</code> &amp; more'
    )
    assert nodes == (
        nd.Text(text="A "),
        nd.Emphasis(children=(nd.Text(text="calm"),)),
        nd.Text(text=" "),
        nd.Strong(children=(nd.Text(text="and "), nd.Emphasis(children=(nd.Text(text="bold"),)))),
        nd.Text(text=" "),
        nd.Link(href="https://e.org/x", children=(nd.Text(text="move"),)),
        nd.LineBreak(),
        nd.InlineQuote(children=(nd.Text(text="да"),), lang="ru"),
        nd.Text(text=" "),
        nd.Code(text="x = 1"),
        nd.Text(text=" & more"),
    )
    assert nd.plain_text(nodes) == "A calm and bold move\nда x = 1 & more"


def test_from_html_drops_hostile_markup() -> None:
    nodes = nd.from_html(
        '<script>alert(1)</script><a href="javascript:alert(2)" onclick="x()">click</a>'
        '<img src=x onerror="alert(3)"><span style="x">kept</span>'
    )
    assert nodes == (nd.Text(text="clickkept"),)


def test_from_html_collapses_whitespace_and_ignores_stray_end_tags() -> None:
    assert nd.from_html("  one\n\n  two </em> three  ") == (nd.Text(text="one two three"),)
    assert nd.from_html("") == ()
    assert nd.from_html("<em>open") == (nd.Emphasis(children=(nd.Text(text="open"),)),)


def test_example_article_uses_every_field() -> None:
    a = nd.load("examples/article.json")
    assert isinstance(a, nd.Article)
    unset = [f.name for f in attrs.fields(nd.Article) if getattr(a, f.name) in (None, ())]
    assert unset == []
    kinds = {type(b) for s in a.sections for b in s.blocks}
    assert kinds == {nd.Paragraph, nd.Quote, nd.ListBlock, nd.Figure, nd.Table, nd.Preformatted}
    assert (
        sum(isinstance(b, nd.Quote) and b.speaker is not None for s in a.sections for b in s.blocks)
        == 2
    )
    assert len(a.related) == 3
    assert all(k.topics for k in a.key_points)
    assert a.corrections
    text = nd.dumps(a).decode()
    assert "Երևան" in text  # Armenian
    assert "Гюмри" in text  # Cyrillic
    collection = nd.load("examples/collection.json")
    assert isinstance(collection, nd.Collection)
    assert len(collection.articles) == 2
