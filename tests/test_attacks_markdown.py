"""Attacks on the Markdown reader with tables, and on the other readers' tables.

800 KB of GFM tables, within every input limit, once took a minute to read. The shapes here:
many tables of many rows, many small tables, rows of 500 columns, cells full of inline markup,
tables among long paragraphs, one table of 20,000 rows, and a header row of 1,000 columns
over lines of one character, which markdown-it fills up to 1,000 cells a line. Each is read
whole or refused with a :class:`~newsdoc.LimitError` naming its limit (``max_table_cells``,
``max_text_length``); the same header over rows of one cell is refused in NITF and in a ninjs
body's HTML. Outcomes are asserted, never timings: an alarm of a minute turns a return to
quadratic reading into a failure rather than a hang, and the seconds each read took are
printed (``pytest -s``). Every text here is made by the test.
"""

from __future__ import annotations

import gc
import json
import random
import signal
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import newsdoc as nd
from newsdoc import limits
from newsdoc.diagnostics import collect
from newsdoc.formats import markdown as md

_FRONT = "---\nid: urn:newsdoc:attack:tables\nheadline: Tables\nlang: en\n---\n\n"
_WORDS = ["ferry", "harbour", "council", "budget", "storm", "rail", "night", "vote", "tide"]


@pytest.fixture(autouse=True)
def _alarm() -> Iterator[None]:
    """Fail (rather than hang) a read that has gone back to taking minutes."""

    def expired(signum: int, frame: Any) -> None:
        raise AssertionError("a read took more than 60 seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _table(rows: int, columns: int, cell: Callable[[int, int], str]) -> str:
    head = "| " + " | ".join(f"Col {c}" for c in range(columns)) + " |\n"
    rule = "|" + "|".join("---" for _ in range(columns)) + "|\n"
    lines = ("| " + " | ".join(cell(r, c) for c in range(columns)) + " |\n" for r in range(rows))
    return head + rule + "".join(lines)


def _body(size: int, make: Callable[[int], str]) -> str:
    parts: list[str] = [_FRONT]
    total, index = len(_FRONT), 0
    while total < size:
        part = make(index) + "\n"
        parts.append(part)
        total += len(part)
        index += 1
    return "".join(parts)


def _read(text: str, what: str) -> nd.Article:
    started = time.perf_counter()
    with collect():
        article = md.read(text.encode(), source=f"{what}.md")
    print(f"{what}: {len(text) // 1000} KB read in {time.perf_counter() - started:.2f} s")
    return article


def _refused(text: str, what: str, limit: str) -> str:
    started = time.perf_counter()
    with collect(), pytest.raises(nd.LimitError) as caught:
        md.read(text.encode(), source=f"{what}.md")
    print(f"{what}: {len(text) // 1000} KB refused in {time.perf_counter() - started:.2f} s")
    message = str(caught.value)
    assert f"({limit})" in message
    assert message.startswith(f"{what}.md: ")
    return message


def _tables(article: nd.Article) -> list[nd.Table]:
    return [b for s in article.sections for b in s.blocks if isinstance(b, nd.Table)]


def _cells(tables: list[nd.Table]) -> int:
    return sum(len(t.header) + sum(len(r) for r in t.rows) for t in tables)


# ------------------------------------------------------------------ read whole


def test_many_tables_of_many_rows_are_read_whole() -> None:
    text = _body(800_000, lambda t: _table(200, 5, lambda r, c: f"t{t}r{r}c{c}"))
    tables = _tables(_read(text, "many-tables"))
    count = text.count("| Col 0 |")
    assert len(tables) == count > 40
    assert _cells(tables) == count * 201 * 5 <= limits.current().max_table_cells
    last = tables[-1]
    assert last.rows[-1][-1] == (nd.Text(text=f"t{count - 1}r199c4"),)
    assert last.header[0] == (nd.Text(text="Col 0"),)


def test_rows_of_500_columns_are_read_whole() -> None:
    text = _body(400_000, lambda t: _table(20, 500, lambda r, c: f"{r}.{c}"))
    tables = _tables(_read(text, "wide-rows"))
    assert len(tables) == text.count("| Col 0 |")
    assert {len(t.header) for t in tables} == {500}
    assert {len(row) for t in tables for row in t.rows} == {500}
    assert tables[3].rows[19][499] == (nd.Text(text="19.499"),)


def test_cells_full_of_inline_markup_keep_it() -> None:
    def cell(r: int, c: int) -> str:
        return f"*{_WORDS[c]}* **{r}** `c{c}` [link](https://example.org/{r}) <b>bold</b> a\\|b"

    text = _body(300_000, lambda t: _table(40, 6, cell))
    tables = _tables(_read(text, "markup-cells"))
    assert len(tables) == text.count("| Col 0 |")
    first = tables[0].rows[7][2]
    assert first == (
        nd.Emphasis(children=(nd.Text(text="council"),)),
        nd.Text(text=" "),
        nd.Strong(children=(nd.Text(text="7"),)),
        nd.Text(text=" "),
        nd.Code(text="c2"),
        nd.Text(text=" "),
        nd.Link(href="https://example.org/7", children=(nd.Text(text="link"),)),
        nd.Text(text=" "),
        nd.Strong(children=(nd.Text(text="bold"),)),
        nd.Text(text=" a|b"),
    )


def test_tables_among_long_paragraphs_are_read_whole() -> None:
    sentence = " ".join(_WORDS) + ", *said* the `clerk`. "

    def part(index: int) -> str:
        table = _table(50, 6, lambda r, c: f"{index}:{r}:{c}")
        return sentence * 150 + "\n\n" + table + "\nTable: Figures " + str(index) + "\n"

    text = _body(800_000, part)
    article = _read(text, "mixed")
    tables = _tables(article)
    paragraphs = [b for b in article.sections[0].blocks if isinstance(b, nd.Paragraph)]
    assert len(tables) == len(paragraphs) == text.count("| Col 0 |")
    assert tables[-1].caption == (nd.Text(text=f"Figures {len(tables) - 1}"),)
    assert _cells(tables) == len(tables) * 51 * 6


# ------------------------------------------------------------------ refused


def test_a_header_of_1000_columns_over_one_character_lines_is_refused() -> None:
    # 4 KB make 66,000 cells: markdown-it fills each line up to the header's width
    header = "|" + "|".join("h" for _ in range(1000)) + "|\n"
    rule = "|" + "|".join("-" for _ in range(1000)) + "|\n"
    one = header + rule + "x\n" * 65 + "\n"
    text = _FRONT + one * 200  # 800 KB
    message = _refused(text, "filled-in", "max_table_cells")
    assert "132000" in message  # the second table
    assert f"line {_FRONT.count(chr(10)) + one.count(chr(10)) + 1}" in message


def test_many_small_tables_beyond_the_cells_limit_are_refused() -> None:
    text = _body(800_000, lambda t: _table(3, 4, lambda r, c: f"{r}{c}"))
    assert text.count("| Col 0 |") * 16 > limits.current().max_table_cells
    _refused(text, "small-tables", "max_table_cells")


def test_one_table_of_20000_rows_is_refused_as_one_block() -> None:
    text = _FRONT + _table(20_000, 4, lambda r, c: f"v{r}")
    message = _refused(text, "one-table", "max_text_length")
    assert "line 7 " in message  # its first line, after the front matter and a blank line


def test_the_cells_limit_is_exact_and_counts_every_table() -> None:
    def text(tables: int) -> str:
        return _FRONT + "".join(_table(4, 5, lambda r, c: "x") + "\n" for _ in range(tables))

    with limits.override(max_table_cells=250):  # 10 tables of 25 cells
        assert _cells(_tables(_read(text(10), "at-the-limit"))) == 250
        message = _refused(text(11), "over-the-limit", "max_table_cells")
        assert "275 by the end of the table at line 77" in message  # the 11th table
        # cells filled in count as cells: a header of 5 over a line of one
        short = _FRONT + "| a | b | c | d | e |\n|---|---|---|---|---|\n" + "x\n" * 50
        _refused(short, "filled-in-short", "max_table_cells")


def test_tables_in_quotes_and_lists_are_counted() -> None:
    table = _table(9, 5, lambda r, c: "q")  # 50 cells
    inside = "> " + table.replace("\n", "\n> ").rstrip("> ") + "\n"
    listed = "- item\n\n  " + table.replace("\n", "\n  ").rstrip() + "\n\n"
    for shape, block in (("quoted", inside), ("listed", listed)):
        with limits.override(max_table_cells=99):
            _refused(_FRONT + "Text.\n\n" + block + "\n" + table, shape, "max_table_cells")


# ------------------------------------------------------------------ nothing else changed


_PIECES = [
    "word",
    " ",
    "*em*",
    "**strong**",
    "`code`",
    "[a](https://example.org/)",
    "<b>x</b>",
    "<i>",
    "&amp;",
    "\\|",
    "![p](p.png)",
    "_u_",
    "~",
    "é",
    "<br>",
    "{x}",
    "\t",
    "a:b",
    "1. ",
    "# ",
    "> ",
    "|",
    "---",
    "\n",
    "\n\n",
]


def _random_markdown(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 60)))


def test_the_parser_makes_markdown_its_own_tokens() -> None:
    """Plain runs skip markdown-it's inline parser; the tokens must be the same."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin

    from newsdoc.formats.markdown.parser import markdown_parser

    own = MarkdownIt("commonmark").enable("table").use(attrs_block_plugin)
    own.normalizeLink = lambda url: url  # type: ignore[method-assign]
    own.validateLink = lambda url: True  # type: ignore[method-assign]
    ours = markdown_parser()
    rng = random.Random(29)
    texts = [_random_markdown(rng) for _ in range(3000)]
    texts += [_table(3, 3, lambda r, c: rng.choice(_PIECES).strip() or "x") for _ in range(200)]
    texts.append("".join(chr(n) for n in range(32, 127)))
    for text in texts:
        assert [t.as_dict() for t in ours.parse(text)] == [t.as_dict() for t in own.parse(text)]
        expected = [t.as_dict() for t in own.parseInline(text)]
        assert [t.as_dict() for t in ours.parseInline(text)] == expected


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_cycle_collector_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        _read(_FRONT + _table(3, 3, lambda r, c: "x"), "collector")
        assert gc.isenabled() is enabled
        with limits.override(max_table_cells=5):
            _refused(
                _FRONT + _table(3, 3, lambda r, c: "x"), "collector-refused", "max_table_cells"
            )
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


# ------------------------------------------------------------------ the other readers

_WIDE_HEAD = "<tr>" + "".join(f"<th>h{c}</th>" for c in range(1000)) + "</tr>"
_ONE_CELL_ROWS = "<tr><td>x</td></tr>" * 5000  # with the header: 5 million cells evened out


def _nitf(table: str) -> bytes:
    return (
        "<nitf><head><title>Tables</title></head><body><body.head><hedline><hl1>Tables</hl1>"
        f"</hedline></body.head><body.content><p>Text.</p>{table}</body.content></body></nitf>"
    ).encode()


def _ninjs(table: str) -> bytes:
    item = {
        "uri": "urn:newsdoc:attack:ninjs",
        "type": "text",
        "language": "en",
        "headlines": [{"role": "main", "value": "Tables"}],
        "bodies": [{"role": "main", "contentType": "text/html", "value": f"<p>Text.</p>{table}"}],
        "standard": {"name": "ninjs", "version": "3.1"},
    }
    return json.dumps(item).encode()


@pytest.mark.parametrize(("fmt", "make"), [("nitf", _nitf), ("ninjs", _ninjs)])
def test_rows_evened_out_to_a_wide_header_are_refused(
    fmt: str, make: Callable[[str], bytes]
) -> None:
    started = time.perf_counter()
    with collect(), pytest.raises(nd.LimitError, match=r"\(max_table_cells\)"):
        nd.loads(make(f"<table>{_WIDE_HEAD}{_ONE_CELL_ROWS}</table>"), fmt)
    seconds = time.perf_counter() - started
    print(f"{fmt}: a 1,000-column header over 5,000 rows refused in {seconds:.2f} s")
    # the same table within the limit is read, its rows evened out
    with limits.override(max_table_cells=5_000_000), collect() as found:
        article = nd.loads(make(f"<table>{_WIDE_HEAD}{'<tr><td>x</td></tr>' * 3}</table>"), fmt)
    (table,) = _tables(article)
    cells = [*table.rows, table.header] if table.header else table.rows
    assert {len(row) for row in cells} == {1000}
    assert any("evened out" in str(d) for d in found)


@pytest.mark.parametrize(("fmt", "make"), [("nitf", _nitf), ("ninjs", _ninjs)])
def test_the_cells_of_every_table_of_a_body_are_counted(
    fmt: str, make: Callable[[str], bytes]
) -> None:
    table = (
        "<table><tr><th>a</th><th>b</th></tr>" + "<tr><td>1</td><td>2</td></tr>" * 9 + "</table>"
    )
    with limits.override(max_table_cells=60), collect():
        assert len(_tables(nd.loads(make(table * 3), fmt))) == 3  # 60 cells
        with pytest.raises(nd.LimitError, match=r"\(max_table_cells\)"):
            nd.loads(make(table * 4), fmt)


def _page(table: str) -> bytes:
    words = "The council met on Tuesday to weigh the water plan for the valley towns. " * 6
    return (
        "<!doctype html><html lang=en><head><title>Tables</title></head><body><article>"
        f"<h1>Tables of the week</h1>{f'<p>{words}</p>' * 4}<table>{table}</table>"
        f"{f'<p>{words}</p>' * 3}</article></body></html>"
    ).encode()


def test_a_web_page_of_rows_evened_out_to_a_wide_header_is_refused() -> None:
    started = time.perf_counter()
    with collect(), pytest.raises(nd.LimitError, match=r"\(max_table_cells\)"):
        nd.loads(_page(f"{_WIDE_HEAD}{_ONE_CELL_ROWS}"), "webpage")
    seconds = time.perf_counter() - started
    print(f"webpage: a 1,000-column header over 5,000 rows refused in {seconds:.2f} s")
    with limits.override(max_table_cells=5_000_000), collect():
        article = nd.loads(_page(f"{_WIDE_HEAD}{'<tr><td>x</td></tr>' * 3}"), "webpage")
    (table,) = _tables(article)
    assert (len(table.header), len(table.rows)) == (1000, 3)
