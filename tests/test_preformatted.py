"""Preformatted text and the slug through every writer, and back through the readers that
read them: the exact markup each writer gives, and what each cannot carry reported."""

from __future__ import annotations

import json

import pytest
from lxml import etree

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.formats import html, markdown, newsml, ninjs
from newsdoc.markup.html import read_html_body

CODE = nd.Preformatted(
    text='if fare < 30:\n\tprint("<cheap> & cheerful")\n\n    done()', syntax="python"
)
POEM = nd.Preformatted(text="Գիշերային գնացք\n  գնում է հարավ", lang="hy")
ARTICLE = nd.Article(
    id="urn:newsdoc:test:pre",
    headline="Code on the night train",
    slug="rail-code-night",
    language="ar",
    sections=[nd.Section(blocks=[nd.Paragraph(content="Before."), CODE, POEM])],
)
NITF = "{http://iptc.org/std/NITF/2006-10-18/}"
XHTML = "{http://www.w3.org/1999/xhtml}"
G2 = "{http://iptc.org/std/nar/2006-10-01/}"


def test_the_model_refuses_blank_text_and_unusable_syntax_names() -> None:
    with pytest.raises(nd.FieldError, match="text"):
        nd.Preformatted(text=" \n ")
    with pytest.raises(nd.FieldError, match="syntax"):
        nd.Preformatted(text="x", syntax="two words")
    with pytest.raises(nd.FieldError, match="slug"):
        nd.Article(id="urn:x:1", headline="H", slug="two\nlines")


def test_json_round_trips_the_block_and_the_slug() -> None:
    data = json.loads(nd.dumps(ARTICLE))
    assert data["slug"] == "rail-code-night"
    assert data["sections"][0]["blocks"][1] == {
        "type": "preformatted",
        "text": CODE.text,
        "syntax": "python",
    }
    assert nd.loads(nd.dumps(ARTICLE)) == ARTICLE


def test_html_writes_pre_code_with_the_language_class_and_the_text_exactly() -> None:
    page = html.write(ARTICLE).decode()
    assert (
        '<pre><code class="language-python" dir="ltr">if fare &lt; 30:\n\tprint('
        '"&lt;cheap&gt; &amp; cheerful")\n\n    done()</code></pre>'
    ) in page.replace("&#34;", '"')
    # No syntax: the block keeps the article's direction unless it has its own language.
    assert '<pre lang="hy" dir="ltr"><code>Գիշերային գնացք\n  գնում է հարավ</code></pre>' in page


@pytest.mark.parametrize("body", ["nitf", "xhtml"])
def test_newsml_writes_pre_and_the_slugline_and_reads_them_back(body: str) -> None:
    data = newsml.write(ARTICLE, body=body)
    root = etree.fromstring(data)
    assert root.findtext(f"{G2}contentMeta/{G2}slugline") == "rail-code-night"
    if body == "nitf":
        pre = next(root.iter(f"{NITF}pre"))
        assert (pre.get("class"), pre.text) == ("language-python", CODE.text)
    else:
        code = next(root.iter(f"{XHTML}pre")).find(f"{XHTML}code")
        assert code is not None
        assert (code.get("class"), code.text) == ("language-python", CODE.text)
    assert newsml.read(data) == ARTICLE


def test_ninjs_writes_the_slugline_and_pre_in_the_html_body() -> None:
    item = json.loads(ninjs.write(ARTICLE))
    assert item["slugline"] == "rail-code-night"
    assert '<pre><code class="language-python">if fare &lt; 30:' in item["bodies"][0]["value"]


def test_markdown_writes_fenced_code_with_an_info_string_and_the_slug() -> None:
    text = markdown.write(ARTICLE).decode()
    assert "\nslug: rail-code-night\n" in text
    assert "\n```python\n" + CODE.text + "\n```\n" in text
    assert "\n{lang=hy}\n```\n" in text
    assert markdown.read(markdown.write(ARTICLE)) == ARTICLE


def test_markdown_fences_outgrow_the_backticks_in_the_text() -> None:
    block = nd.Preformatted(text="```\nnot a fence\n````")
    article = nd.Article(id="urn:x:1", headline="H", sections=[nd.Section(blocks=[block])])
    text = markdown.write(article).decode()
    assert "\n`````\n```\nnot a fence\n````\n`````\n" in text
    assert markdown.read(text.encode()) == article


def test_a_carriage_return_is_reported_as_lost_in_markdown() -> None:
    block = nd.Preformatted(text="a\rb")
    article = nd.Article(id="urn:x:1", headline="H", sections=[nd.Section(blocks=[block])])
    with collect() as found:
        data = markdown.write(article)
    assert [(d.code, d.where) for d in found] == [("lossy", "preformatted")]
    assert markdown.read(data).sections[0].blocks == (nd.Preformatted(text="a\nb"),)


@pytest.mark.parametrize(
    ("info", "syntax"),
    [("python", "python"), ("{.json .numberLines}", "json"), ("language-go", "go"), ("", None)],
)
def test_markdown_info_strings_give_the_syntax(info: str, syntax: str | None) -> None:
    data = f"---\nid: urn:x:1\nheadline: H\n---\n```{info}\nx = 1\n```\n".encode()
    assert markdown.read(data).sections[0].blocks == (nd.Preformatted(text="x = 1", syntax=syntax),)


def test_an_unusable_info_string_is_reported_and_the_code_kept() -> None:
    data = b"---\nid: urn:x:1\nheadline: H\n---\n```{weird}name\nx = 1\n```\n"
    with collect() as found:
        blocks = markdown.read(data).sections[0].blocks
    assert blocks == (nd.Preformatted(text="x = 1"),)
    assert [(d.code, d.where) for d in found] == [("dropped", "line 5")]


def test_html_pre_from_other_tools() -> None:
    with collect() as found:
        body = read_html_body(
            '<pre class="lang-js">let a = 1;<br>let b = 2;</pre>'
            '<pre>\n  indented\n</pre><pre><code class="language-b@d">x</code></pre><pre> </pre>'
        )
    assert body.sections[0].blocks == (
        nd.Preformatted(text="let a = 1;\nlet b = 2;", syntax="js"),
        nd.Preformatted(text="  indented"),
        nd.Preformatted(text="x"),
    )
    assert [d.code for d in found] == ["dropped"]  # the unusable language name


def test_feeds_report_the_slug_they_cannot_carry() -> None:
    from newsdoc.formats import atom

    with collect() as found:
        atom.write(ARTICLE)
    assert ("lossy", "slug") in [(d.code, d.where) for d in found]
