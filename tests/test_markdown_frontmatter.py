"""Markdown as static-site generators write it: Jekyll, Hugo (TOML front matter, shortcodes)
and Pandoc posts read into the article each means, with every assumption and loss reported.

The fixtures in tests/fixtures/wire/markdown/ are our own writing, one per kind of post.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.errors import InvalidDocumentError, LimitError
from newsdoc.formats import markdown as md
from newsdoc.formats.markdown.dialects import parse_loose_datetime

FIXTURES = Path(__file__).parent / "fixtures" / "wire" / "markdown"
UTC = dt.UTC
PLUS4 = dt.timezone(dt.timedelta(hours=4))


def _read(name: str) -> tuple[nd.Article, list[tuple[str, str | None]]]:
    path = FIXTURES / name
    with collect() as found:
        article = md.read(path.read_bytes(), source=str(path))
    return article, [(d.code, d.where) for d in found]


def test_a_jekyll_post_reads_with_liquid_tags_reported() -> None:
    article, found = _read("2026-06-14-border-crossing.md")
    expected = nd.Article(
        id="urn:newsdoc:markdown:border-crossing",
        headline="Border checks move on board the night train",
        summary="Passport control for the Yerevan–Tbilisi sleeper now happens in the carriages.",
        bylines=[nd.Person(name="Ani Hakobyan")],
        published=dt.datetime(2026, 6, 14, 18, 30, tzinfo=PLUS4),
        section="transport",
        keywords=["rail", "night-train", "transport"],
        lead_image=nd.Figure(
            src="/assets/img/border-post.jpg",
            alt="A border guard checks a passport in a sleeper compartment",
        ),
        sections=[
            nd.Section(
                blocks=[
                    nd.Paragraph(
                        content="Travellers on the night train no longer leave their berths at "
                        "the border. Officers from both countries board at and check passports "
                        "on the move."
                    ),
                    nd.Paragraph(
                        content="The railway published the new timetable as a small script:"
                    ),
                    nd.Preformatted(
                        text="trains.each do |train|\n"
                        '  puts "#{train.number} leaves at {{ train.departs }}"\n'
                        "end",
                        syntax="ruby",
                    ),
                    nd.Paragraph(
                        content=[
                            nd.Text(text="Write "),
                            nd.Code(text="{{ page.title }}"),
                            nd.Text(text=" in a template to show the title."),
                        ]
                    ),
                    nd.Paragraph(content="The check takes about minutes per carriage."),
                ]
            )
        ],
    )
    assert article == expected
    assert found == [
        ("dropped", "excerpt"),
        ("unmapped", "layout"),
        ("unmapped", "comments"),
        ("assumed", "lang"),  # a post names no language: English assumed
        ("dropped", "line 17"),
        ("dropped", "line 19"),
        ("dropped", "line 33"),
        ("assumed", "id"),
    ]


def test_a_hugo_post_with_toml_front_matter_and_shortcodes() -> None:
    article, found = _read("hugo-night-train.md")
    expected = nd.Article(
        id="urn:newsdoc:markdown:fifth-night-train",
        headline="A fifth night train to Tbilisi",
        slug="fifth-night-train",
        summary="The sleeper adds a Tuesday departure from 14 July.",
        bylines=[nd.Person(name="Nino Kapanadze"), nd.Person(name="Ani Hakobyan")],
        published=dt.datetime(2026, 7, 1, 9, 0, tzinfo=PLUS4),
        updated=dt.datetime(2026, 7, 2, tzinfo=UTC),
        section="Transport",
        keywords=["rail", "timetable", "Transport"],
        lead_image=nd.Figure(src="img/sleeper.jpg", alt=""),
        sections=[
            nd.Section(
                blocks=[
                    nd.Paragraph(
                        content=[
                            nd.Text(text="The extra departure leaves Yerevan on "),
                            nd.Strong(children="Tuesdays"),
                            nd.Text(text=" at 21:40."),
                        ]
                    ),
                    nd.Figure(
                        src="img/sleeper.jpg",
                        alt="The sleeper train at a platform",
                        caption=[nd.Text(text="The sleeper at "), nd.Emphasis(children="Gyumri")],
                        credit="Photo: newsdoc example",
                    ),
                    nd.Paragraph(content="Bring a passport: the border check is on board."),
                ]
            ),
            nd.Section(
                heading="For developers",
                blocks=[
                    nd.Paragraph(content="The open data feed gives each departure:"),
                    nd.Preformatted(
                        text="type Departure struct {\n"
                        '\tTrain   int    `json:"train"`\n'
                        '\tDeparts string `json:"departs"`\n'
                        "}",
                        syntax="go",
                    ),
                    nd.Preformatted(
                        text='for stop in ["Yerevan", "Gyumri", "Tbilisi"]:\n    print(stop)',
                        syntax="python",
                    ),
                ],
            ),
        ],
    )
    assert article == expected
    assert found == [
        ("assumed", "lastmod"),
        ("dropped", "images[1]"),
        ("assumed", "images[0]"),
        ("unmapped", "weight"),
        ("unmapped", "params"),
        ("assumed", "lang"),
        ("unmapped", "line 20"),  # the figure's class
        ("dropped", "line 22"),  # {{% note %}}
        ("dropped", "line 22"),  # {{% /note %}}
        ("assumed", "id"),
    ]


def test_pandoc_metadata_with_authors_abstract_and_code_blocks() -> None:
    article, found = _read("pandoc-report.md")
    expected = nd.Article(
        id="urn:newsdoc:markdown:pandoc-report",
        headline="Sleeper occupancy in June",
        subheadline="A short data note",
        summary="Four berths in five were sold on the Yerevan–Tbilisi sleeper in June.",
        bylines=[
            nd.Person(name="Nino Kapanadze", affiliation="Caucasus Daily Wire"),
            nd.Person(name="Aram Vardanyan"),
        ],
        published=dt.datetime(2026, 7, 2, tzinfo=UTC),
        language="en-GB",
        keywords=["rail", "occupancy", "data"],
        sections=[
            nd.Section(
                blocks=[
                    nd.Paragraph(content="The figures come from the railway's ticket data."),
                    nd.Preformatted(text="berths sold   2,544\nberths total  3,140"),
                    nd.Preformatted(text='{"month": "2026-06", "share": 0.81}', syntax="json"),
                ]
            )
        ],
    )
    assert article == expected
    assert found == [("assumed", "date"), ("unmapped", "header-includes"), ("assumed", "id")]


@pytest.mark.parametrize(
    ("written", "expected", "assumed"),
    [
        ("2026-05-04T09:30:00+04:00", dt.datetime(2026, 5, 4, 9, 30, tzinfo=PLUS4), False),
        ("2026-05-04 09:30:00 +0400", dt.datetime(2026, 5, 4, 9, 30, tzinfo=PLUS4), False),
        ("2026-05-04 09:30:00Z", dt.datetime(2026, 5, 4, 9, 30, tzinfo=UTC), False),
        ("2026-05-04T09:30", dt.datetime(2026, 5, 4, 9, 30, tzinfo=UTC), True),
        ("2026-05-04", dt.datetime(2026, 5, 4, tzinfo=UTC), True),
        ("4 May 2026", dt.datetime(2026, 5, 4, tzinfo=UTC), True),
        ("May 4, 2026", dt.datetime(2026, 5, 4, tzinfo=UTC), True),
        ("2026/05/04", dt.datetime(2026, 5, 4, tzinfo=UTC), True),
        (dt.date(2026, 5, 4), dt.datetime(2026, 5, 4, tzinfo=UTC), True),
    ],
)
def test_dates_in_the_forms_people_write(
    written: object, expected: dt.datetime, assumed: bool
) -> None:
    with collect() as found:
        iso = parse_loose_datetime(written, "date")
    assert iso is not None
    assert dt.datetime.fromisoformat(iso) == expected
    assert [(d.code, d.where) for d in found] == ([("assumed", "date")] if assumed else [])


@pytest.mark.parametrize("written", ["next Tuesday", "2026-02-30", "", 12, ["2026-05-04"]])
def test_dates_no_one_can_read_are_left_out_with_a_warning(written: object) -> None:
    with collect() as found:
        assert parse_loose_datetime(written, "date") is None
    assert [(d.code, d.where) for d in found] == [("dropped", "date")]


def test_unknown_keys_in_newsdoc_front_matter_are_warnings_not_refusals() -> None:
    data = b"---\nid: urn:newsdoc:test:1\nheadline: Hi\ntoc: true\nweight: 3\n---\nText.\n"
    with collect() as found:
        article = md.read(data)
    assert article.headline == "Hi"
    assert [(d.code, d.where) for d in found] == [("unmapped", "toc"), ("unmapped", "weight")]
    assert "'toc'" in found[0].message


def test_newsdoc_keys_win_over_other_tools_and_the_loss_is_reported() -> None:
    data = (
        b"---\nid: urn:newsdoc:test:1\nheadline: Own\ntitle: Other\nsummary: S\n"
        b"description: D\nbylines:\n- name: A\nauthor: B\n---\nText.\n"
    )
    with collect() as found:
        article = md.read(data)
    assert (article.headline, article.summary, article.bylines) == (
        "Own",
        "S",
        (nd.Person(name="A"),),
    )
    assert sorted(d.where or "" for d in found if d.code == "dropped") == [
        "author",
        "description",
        "title",
    ]


def test_authors_as_maps_keep_what_the_model_holds() -> None:
    data = (
        b"---\ntitle: T\nid: urn:x:1\nlang: en\n"
        b"authors:\n- name: Ani Hakobyan\n  role: Correspondent\n"
        b"  website: https://news.example.org/ani\n  email: ani@example.org\n- display_name: Nino\n"
        b"- {email: nobody@example.org}\n---\nText.\n"
    )
    with collect() as found:
        article = md.read(data)
    assert article.bylines == (
        nd.Person(name="Ani Hakobyan", role="Correspondent", url="https://news.example.org/ani"),
        nd.Person(name="Nino"),
    )
    assert [(d.code, d.where) for d in found] == [
        ("unmapped", "authors[0].email"),
        ("unmapped", "authors[2].email"),
    ]


def test_a_draft_is_withheld_and_lang_tags_with_underscores_are_read() -> None:
    data = b"---\ntitle: T\nid: urn:x:1\nlang: en\ndraft: true\nlang: pt_BR\n---\nTexto.\n"
    article = md.read(data)
    assert article.status is nd.PubStatus.WITHHELD
    assert article.language == "pt-BR"


def test_an_image_map_with_size_and_caption() -> None:
    data = (
        b"---\ntitle: T\nid: urn:x:1\nlang: en\ncover:\n  image: img/a.jpg\n  alt: A train\n"
        b"  caption: The *night* train\n  width: 800\n  relative: true\n---\nText.\n"
    )
    with collect() as found:
        article = md.read(data)
    assert article.lead_image == nd.Figure(
        src="img/a.jpg",
        alt="A train",
        caption=[nd.Text(text="The "), nd.Emphasis(children="night"), nd.Text(text=" train")],
        width=800,
    )
    assert [(d.code, d.where) for d in found] == [("unmapped", "cover.relative")]


def test_shortcodes_in_fenced_code_and_code_spans_stay_as_written() -> None:
    data = (
        b"---\ntitle: T\nid: urn:x:1\nlang: en\n---\nUse `{{< ref >}}` here.\n\n"
        b"```\n{{< figure src=x >}}\n{% include a.html %}\n```\n"
    )
    with collect() as found:
        article = md.read(data)
    blocks = article.sections[0].blocks
    assert blocks[1] == nd.Preformatted(text="{{< figure src=x >}}\n{% include a.html %}")
    assert blocks[0] == nd.Paragraph(
        content=[nd.Text(text="Use "), nd.Code(text="{{< ref >}}"), nd.Text(text=" here.")]
    )
    assert found == []


def test_an_unclosed_highlight_runs_to_the_end() -> None:
    data = b"---\ntitle: T\nid: urn:x:1\nlang: en\n---\n{% highlight sh %}\nls -l\n"
    assert md.read(data).sections[0].blocks == (nd.Preformatted(text="ls -l\n", syntax="sh"),)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (b"+++\ntitle = 'T'\nid = = 3\n+++\nText.\n", "not valid TOML at line 3"),
        (b"+++\ntitle = 'T'\nText.\n", "no closing '+++' line"),
        (b"+++\nsections = []\n+++\nText.\n", "body holds the sections"),
    ],
)
def test_bad_toml_front_matter_is_a_clear_error(text: bytes, problem: str) -> None:
    with pytest.raises(InvalidDocumentError) as caught:
        md.read(text, source="post.md")
    assert problem in str(caught.value)


def test_deep_toml_is_a_limit_error() -> None:
    deep = "x = " + "[" * 400 + "]" * 400
    with pytest.raises((LimitError, InvalidDocumentError)):
        md.read(f"+++\ntitle = 'T'\n{deep}\n+++\nText.\n".encode())


def test_toml_dates_with_zones_need_no_assumption() -> None:
    data = (
        b"+++\ntitle = 'T'\nid = 'urn:x:1'\nlang = 'en'\n"
        b"published = 2026-05-04T09:30:00+04:00\n+++\nText.\n"
    )
    with collect() as found:
        article = md.read(data)
    assert article.published == dt.datetime(2026, 5, 4, 9, 30, tzinfo=PLUS4)
    assert found == []


def test_a_figure_shortcode_inside_a_paragraph_is_left_out_with_a_warning() -> None:
    data = b'---\ntitle: T\nid: urn:x:1\nlang: en\n---\nText before\n{{< figure src="a.jpg" >}}\n'
    with collect() as found:
        article = md.read(data)
    assert article.sections[0].blocks == (nd.Paragraph(content="Text before"),)
    assert [(d.code, d.where) for d in found] == [("dropped", "line 7")]


# A post's body with what the model has no place for (our own text). newsdoc's own Markdown
# refuses each of these (tests/test_markdown.py); other tools' posts are read with warnings.
_POST_BODY = """\
# Cranes are back at the harbour

The cranes came back on **Monday**.

## What changed

### The new arms

They are longer.

- one
  - nested a
  - nested b
-

> A quote
>
> - holding a list

![a crane](crane.jpg){: .wide}

![the quay](quay.jpg) Photo: the port authority

## Empty at the end
"""


def _post(front: str) -> bytes:
    return f"---\n{front}---\n\n{_POST_BODY}".encode()


def test_a_post_body_the_model_cannot_hold_is_read_with_a_warning_per_line() -> None:
    data = _post("title: Harbour cranes return\ndate: 2026-06-14T09:30:00+02:00\n")
    with collect() as found:
        article = md.read(data, source="post.md")
    assert [(d.code, d.where) for d in found] == [
        ("assumed", "lang"),
        ("assumed", "line 12"),  # ### right under ##: a bold paragraph of that section
        ("assumed", "line 17"),  # the nested list flattened
        ("dropped", "line 19"),  # the empty item
        ("assumed", "line 23"),  # the list in the quote kept as text
        ("dropped", "line 25"),  # kramdown's {: .wide}
        ("assumed", "line 27"),  # text beside the picture: its caption
        ("dropped", "line 29"),  # a heading with nothing under it
        ("assumed", "body"),  # '# Cranes...' differs from the title: a section heading
        ("assumed", "id"),
    ]
    first, second = article.sections
    assert first.heading == "Cranes are back at the harbour"
    assert second.heading == "What changed"
    lead, text, items, quote, crane, quay = second.blocks
    assert lead == nd.Paragraph(content=(nd.Strong(children=(nd.Text(text="The new arms"),)),))
    assert nd.plain_text(text.content) == "They are longer."
    assert [nd.plain_text(i) for i in items.items] == ["one", "nested a", "nested b"]
    assert nd.plain_text(quote.text).endswith("holding a list")
    assert (crane.src, crane.caption) == ("crane.jpg", None)
    assert nd.plain_text(quay.caption or ()) == "Photo: the port authority"


def test_a_post_body_warning_is_an_error_under_strict() -> None:
    data = _post("title: Harbour cranes return\ndate: 2026-06-14T09:30:00+02:00\n")
    with pytest.raises(nd.NewsdocError, match="the nested list is flattened"):
        nd.loads(data, "markdown", strict=True)


def test_newsdocs_own_markdown_still_refuses_that_body() -> None:
    data = _post("id: urn:newsdoc:1\nheadline: Harbour cranes return\n")
    with pytest.raises(InvalidDocumentError) as caught:
        md.read(data, source="own.md")
    message = str(caught.value)
    assert "line 17: a list item holds only text (no nesting)" in message
    assert "caption" in message


_FRONT = b"---\ntitle: Post\nid: urn:x:1\nlang: en\n---\n"


@pytest.mark.parametrize(
    ("body", "texts", "warnings"),
    [
        (b"> text\n>\n> ```\n> fenced code\n> ```\n", ["text\n\nfenced code"], ["assumed"]),
        (b"> <div>hello</div>\n", ["hello"], ["assumed"]),
        (b"Intro.\n\n> ***\n", ["Intro."], ["assumed", "dropped"]),
        (b"- a\n  - b\n\n    ```\n    code here\n    ```\n", ["a", "b", "code here"], ["assumed"]),
        (b"- <div>hello there</div>\n", ["hello there"], ["assumed"]),
        (b"![a](x.png) ![b](y.png)\n", ["x.png"], ["dropped"]),
        (b"![a](x.png) {: .wide}\nCaption\n", ["x.png", "Caption"], ["dropped"]),
        (b"# Other\n\n## Sub\n\ntext\n", ["Other", "text"], ["assumed"]),
    ],
)
def test_lenient_reading_keeps_the_text_or_says_what_it_left_out(
    body: bytes, texts: list[str], warnings: list[str]
) -> None:
    with collect() as found:
        article = md.read(_FRONT + body)
    kept = []
    for block in (b for s in article.sections for b in s.blocks):
        if isinstance(block, nd.ListBlock):
            kept += [nd.plain_text(item) for item in block.items]
        elif isinstance(block, nd.Figure):
            kept += [block.src] + ([nd.plain_text(block.caption)] if block.caption else [])
        else:
            kept.append(nd.plain_text(block.text if isinstance(block, nd.Quote) else block.content))
    assert kept == texts
    assert [d.code for d in found] == warnings


def test_a_differing_heading_with_no_text_under_it_is_reported_as_left_out() -> None:
    with collect() as found:
        article = md.read(_FRONT + b"# Different\n")
    assert article.sections == ()
    assert [(d.code, d.where) for d in found] == [("dropped", "body")]
