"""The format registry: built-in formats, look-ups, and third-party formats by entry point."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdoc as nd
from newsdoc import formats
from newsdoc.cli import main
from tests import plugin_txt


def test_built_in_formats() -> None:
    names = [f.name for f in nd.available_formats()]
    assert names == [
        "json",
        "html",
        "epub",
        "newsml",
        "nitf",
        "ninjs",
        "markdown",
        "webpage",
        "docx",
        "atom",
        "rss",
        "jsonfeed",
        "pdf",
    ]
    readable = {f.name for f in nd.available_formats() if f.readable}
    assert readable == {
        "json",
        "newsml",
        "nitf",
        "ninjs",
        "markdown",
        "webpage",
        "docx",
        "atom",
        "rss",
        "jsonfeed",
        "pdf",
    }
    assert {f.name for f in nd.available_formats() if not f.writable} == {"webpage"}


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("a.json", "json"),
        ("a/b.ninjs.json", "ninjs"),
        ("A.NEWSML.XML", "newsml"),
        ("x.newsml", "newsml"),
        ("a.html", "html"),
        ("a.epub", "epub"),
        ("a.pdf", "pdf"),
    ],
)
def test_format_for_path_prefers_the_longest_extension(path: str, name: str) -> None:
    assert nd.format_for_path(path).name == name


def test_html_is_written_by_the_html_writer_and_read_as_a_web_page() -> None:
    assert nd.format_for_path("page.html").name == "html"
    assert nd.format_for_path("page.html", readable=True).name == "webpage"


def test_unknown_names_list_the_known_ones() -> None:
    with pytest.raises(nd.UnknownFormatError, match="unknown format 'rtf'; known formats: json"):
        nd.get_format("rtf")
    with pytest.raises(nd.UnknownFormatError, match=r"unknown file type of 'a\.epub'"):
        nd.format_for_path("a.epub", readable=True)
    assert nd.get_format("JSON").name == "json"


def test_each_format_has_typed_options() -> None:
    pdf = nd.get_format("pdf")
    assert {"layout", "css", "bleed"} <= set(pdf.option_names)
    assert "layout" not in nd.get_format("ninjs").option_names
    made = pdf.make_options({"layout": "newspaper", "bleed": None})
    assert (made.layout, made.bleed) == ("newspaper", None)  # type: ignore[attr-defined]
    with pytest.raises(nd.OptionError, match="pdf format has no option 'version'"):
        pdf.make_options(version="2.2")


class _EntryPoint:
    def __init__(self, name: str, value: object) -> None:
        self.name = name
        self.value = value

    def load(self) -> object:
        return self.value


@pytest.fixture
def plugin(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Register the plain-text format the way an installed package's entry point would."""

    def entry_points(group: str) -> list[_EntryPoint]:
        assert group == "newsdoc.formats"
        return [_EntryPoint("txt", plugin_txt.FORMAT)]

    monkeypatch.setattr(formats, "entry_points", entry_points)
    formats._registry.cache_clear()
    yield
    formats._registry.cache_clear()


@pytest.mark.usefixtures("plugin")
def test_a_third_party_format_joins_the_api_and_the_cli(tmp_path: Path) -> None:
    assert nd.get_format("txt") is plugin_txt.FORMAT
    article = nd.load("examples/article.json")
    text = nd.dumps(article, "txt").decode()
    assert text.startswith("NIGHT TRAIN BETWEEN YEREVAN")
    result = CliRunner().invoke(
        main, ["convert", "examples/article.json", "--to", "json,txt", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "article.txt").read_text(encoding="utf-8") == text
    listing = CliRunner().invoke(main, ["formats"]).output
    assert "plain text (a test plug-in)" in listing
    # Its typed options become flags, with their help, and reach its writer checked.
    assert (
        "[txt] Cut headlines at this many characters."
        in CliRunner().invoke(main, ["convert", "--help"]).output
    )
    narrow = CliRunner().invoke(
        main, ["convert", "examples/article.json", "-t", "txt", "-o", "-", "--width", "11"]
    )
    assert narrow.exit_code == 0, narrow.output
    assert narrow.output.splitlines()[0] == "NIGHT TRAIN"
    bad = CliRunner().invoke(
        main, ["convert", "examples/article.json", "-t", "txt", "-o", "-", "--width", "x"]
    )
    assert bad.exit_code == 2
    assert nd.get_format("txt").make_options(width=11) == plugin_txt.TxtOptions(width=11)
    with pytest.raises(nd.OptionError, match="txt format has no option 'colour'"):
        nd.dumps(article, "txt", colour="red")


def test_an_entry_point_that_is_not_a_format_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "entry_points", lambda group: [_EntryPoint("bad", object())])
    formats._registry.cache_clear()
    try:
        with pytest.raises(nd.NewsdocError, match=r"entry point 'bad' .* is not a newsdoc Format"):
            nd.available_formats()
    finally:
        formats._registry.cache_clear()
