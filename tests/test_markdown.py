"""Tests of the Markdown reader and writer: the example's byte-exact round trip, generated
articles through Markdown and back, what hand-written Markdown becomes, and clear errors."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import HealthCheck, given, settings

import newsdoc as nd
from newsdoc.formats import available_formats
from newsdoc.formats import markdown as md
from tests import strategies as S
from tests.conftest import EXAMPLES

EXAMPLE = EXAMPLES / "article.md"


def _merge(nodes: tuple[nd.Inline, ...]) -> tuple[nd.Inline, ...]:
    """Markdown cannot tell adjacent text (or code) runs from one: merge them, at every depth."""
    merged: list[nd.Inline] = []
    for node in nodes:
        if isinstance(node, nd.Emphasis | nd.Strong | nd.Link | nd.InlineQuote):
            node = attrs.evolve(node, children=_merge(node.children))
        if merged and isinstance(node, nd.Text) and isinstance(merged[-1], nd.Text):
            merged[-1] = nd.Text(text=merged[-1].text + node.text)
        elif merged and isinstance(node, nd.Code) and isinstance(merged[-1], nd.Code):
            merged[-1] = nd.Code(text=merged[-1].text + node.text)
        else:
            merged.append(node)
    return tuple(merged)


def _block(block: nd.Block) -> nd.Block:
    if isinstance(block, nd.Paragraph):
        return attrs.evolve(block, content=_merge(block.content))
    if isinstance(block, nd.Quote):
        return attrs.evolve(block, text=_merge(block.text))
    if isinstance(block, nd.ListBlock):
        return attrs.evolve(block, items=tuple(_merge(i) for i in block.items))
    if isinstance(block, nd.Figure):
        caption = None if block.caption is None else _merge(block.caption)
        return attrs.evolve(block, caption=caption)
    if isinstance(block, nd.Preformatted):  # Markdown reads a carriage return as a line end
        return attrs.evolve(block, text=block.text.replace("\r\n", "\n").replace("\r", "\n"))
    caption = None if block.caption is None else _merge(block.caption)
    return attrs.evolve(
        block,
        caption=caption,
        header=tuple(_merge(c) for c in block.header),
        rows=tuple(tuple(_merge(c) for c in row) for row in block.rows),
    )


def project(article: nd.Article) -> nd.Article:
    """The article as Markdown can carry it (see the module's documentation)."""
    image = article.lead_image
    if image is not None and image.caption is not None:
        image = attrs.evolve(image, caption=_merge(image.caption))
    return attrs.evolve(
        article,
        lead_image=image,
        key_points=tuple(attrs.evolve(k, text=_merge(k.text)) for k in article.key_points),
        sections=tuple(
            attrs.evolve(s, blocks=tuple(_block(b) for b in s.blocks)) for s in article.sections
        ),
    )


def test_example_round_trips_byte_for_byte() -> None:
    data = EXAMPLE.read_bytes()
    article = md.read(data, source=str(EXAMPLE))
    assert md.write(article) == data


def test_example_reads_as_written() -> None:
    article = md.read(EXAMPLE.read_bytes())
    assert article.headline.startswith("Night train sells out")
    assert article.published == dt.datetime(
        2026, 7, 2, 8, 15, tzinfo=dt.timezone(dt.timedelta(hours=4))
    )
    assert [p.name for p in article.bylines] == ["Ani Hakobyan", "Nino Kapanadze"]
    assert [s.heading for s in article.sections] == [None, "Who is travelling", "What comes next"]
    quote = article.sections[1].blocks[2]
    assert isinstance(quote, nd.Quote)
    assert quote.speaker == nd.Person(
        name="Lilit Sargsyan",
        role="Head of passenger services",
        affiliation="South Caucasus Railway",
    )
    armenian = article.sections[1].blocks[3]
    assert isinstance(armenian, nd.Quote)
    assert armenian.lang == "hy"
    assert nd.plain_text(armenian.text) == "Գնացքը մեզ համար նոր հնարավորություն է։"
    assert armenian.speaker == nd.Person(name="Aram Vardanyan", role="Guesthouse owner")
    steps = article.sections[1].blocks[1]
    assert isinstance(steps, nd.ListBlock)
    assert steps.ordered
    assert len(steps.items) == 3
    figure = article.sections[2].blocks[0]
    assert isinstance(figure, nd.Figure)
    assert (figure.src, figure.width, figure.credit) == (
        "images/night-train.png",
        480,
        "Illustration: newsdoc example",
    )
    table = article.sections[2].blocks[3]
    assert isinstance(table, nd.Table)
    assert nd.plain_text(table.caption or ()) == "Passengers on the Yerevan–Tbilisi sleeper"
    assert article.key_points[1].text[1] == nd.Strong(children="Tuesdays")
    assert article.related[0].relation is nd.Relation.READ_ALSO


# ninjs is a standard with no place for some of newsdoc's fields; it cannot give them back.
# Feeds read back a collection, and have no place for datelines, subheadlines or byline roles.
_FEED = "feeds read back a collection and keep no dateline, subheadline or byline roles"
_LOSSY = {
    "ninjs": "ninjs keeps no byline roles, key point topics or related links' dates",
    "atom": _FEED,
    "rss": _FEED,
    "jsonfeed": _FEED,
    "nitf": "NITF keeps no key points, related links, corrections or creation date",
    "docx": "Word keeps the body and the people, but its reader takes pictures only with "
    "images_dir, and dates from the properties in UTC",
}


@pytest.mark.parametrize(
    "fmt",
    [
        pytest.param(f, marks=pytest.mark.xfail(reason=_LOSSY[f.name], strict=True))
        if f.name in _LOSSY
        else f
        for f in available_formats()
        if f.readable and f.writable
    ],
    ids=lambda f: f.name,
)
def test_example_through_every_readable_format_and_back(
    fmt: nd.Format, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = EXAMPLE.read_bytes()
    article = md.read(data)
    monkeypatch.chdir(EXAMPLES)  # the example's image paths are relative to its folder
    again = fmt.reader(fmt.writer(article))
    assert isinstance(again, nd.Article)
    assert md.write(again) == data


def test_json_example_through_markdown() -> None:
    article = nd.load(EXAMPLES / "article.json")
    assert isinstance(article, nd.Article)
    assert md.read(md.write(article)) == article


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(S.articles())
def test_generated_articles_survive_markdown(article: nd.Article) -> None:
    expected = project(article)
    assert md.read(md.write(article)) == expected


@settings(max_examples=150, deadline=None)
@given(S.inlines())
def test_inline_markdown_round_trip(nodes: tuple[nd.Inline, ...]) -> None:
    assert md.markdown_to_inline(md.inline_to_markdown(nodes)) == _merge(nodes)


def test_hand_written_markdown() -> None:
    text = """---
id: urn:newsdoc:test:hand
published: 2026-05-04T09:30:00Z
language: ru
---
# Заголовок статьи

Первый абзац
продолжается здесь.

* * *

> Цитата без автора.

```
code block
```

### Третий раздел

Text with ![an inline picture](x.png) and <span>markup</span>.
"""
    article = md.read(text.encode())
    assert article.headline == "Заголовок статьи"
    assert article.language == "ru"
    first, second, third = article.sections
    assert first.heading is None
    assert first.blocks == (nd.Paragraph(content="Первый абзац продолжается здесь."),)
    assert second.heading is None
    assert second.blocks[0] == nd.Quote(text="Цитата без автора.")
    assert second.blocks[1] == nd.Preformatted(text="code block")
    assert third.heading == "Третий раздел"
    assert third.blocks == (nd.Paragraph(content="Text with an inline picture and markup."),)


def test_attribution_with_linked_speaker_and_dash_variants() -> None:
    text = """---
id: urn:newsdoc:test:q
headline: Quotes
---
> First.
>
> — [Anna Petrosyan](https://news.example.org/anna), Mayor

> Second.
>
> -- Boris Ivanov
"""
    first, second = md.read(text.encode()).sections[0].blocks
    assert isinstance(first, nd.Quote)
    assert isinstance(second, nd.Quote)
    assert first.speaker == nd.Person(
        name="Anna Petrosyan", role="Mayor", url="https://news.example.org/anna"
    )
    assert second.speaker == nd.Person(name="Boris Ivanov")


def test_quote_text_starting_with_a_dash_is_not_taken_for_a_speaker() -> None:
    article = nd.Article(
        id="urn:newsdoc:test:dash",
        headline="Dash",
        sections=[nd.Section(blocks=[nd.Quote(text="— not a speaker")])],
    )
    assert md.read(md.write(article)) == article


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"---\nheadline: [unclosed\n---\nBody.\n", "front matter"),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\n", "no closing '---' line"),
        (b"---\n- a list\n---\n", "expected key: value pairs"),
        (b"---\nid: urn:newsdoc:1\n---\nNo headline.\n", "headline: required"),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\npublished: 2026-05-04T09:30\n---\n", "time zone"),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\nsections: []\n---\n", "body holds the sections"),
        (
            b"---\nid: urn:newsdoc:1\nheadline: Hi\n---\n## Empty\n\n## Full\n\nText.\n",
            "no content",
        ),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\n---\n- a\n  - nested\n", "no nesting"),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\n---\n![x](a.png) trailing text\n", "caption"),
        (b"---\nid: urn:newsdoc:1\nheadline: Hi\n---\n{lang=english}\nText.\n", "line 6"),
        (b"\xff\xfe not utf-8", "not UTF-8"),
    ],
)
def test_bad_markdown_gets_a_clear_error(text: bytes, problem: str) -> None:
    with pytest.raises(nd.InvalidDocumentError) as caught:
        md.read(text, source="bad.md")
    assert problem in str(caught.value)
    assert "bad.md" in str(caught.value)


def test_writer_refuses_collections_and_unknown_options() -> None:
    article = nd.Article(id="urn:newsdoc:1", headline="Hi")
    with pytest.raises(nd.NewsdocError):
        md.write(nd.Collection(id="urn:newsdoc:c", title="C", articles=[article]))
    with pytest.raises(nd.OptionError, match="markdown format has no option 'indent'"):
        md.write(article, indent=2)


def test_yaml_dates_and_booleans_stay_as_written() -> None:
    article = nd.Article(
        id="urn:newsdoc:1",
        headline="no",
        keywords=["yes", "2026-05-04", "1.5", "null"],
        related=[nd.RelatedLink(url="urn:newsdoc:2", title="on", date=dt.date(2026, 1, 2))],
    )
    assert md.read(md.write(article)) == article
