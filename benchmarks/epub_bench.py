"""Benchmark: build an EPUB of the example article in-process, through the CLI, and with pandoc.

Run from the project's root::

    .venv/bin/python benchmarks/epub_bench.py [--runs N]

It prints, in one run, the time newsdoc takes to build the EPUB of ``examples/article.json``
in-process (warm: imports and templates already loaded; and cold: in a new interpreter),
through the ``newsdoc convert`` command (a new process each time, start-up included), and the
time Debian's pandoc takes to convert an equivalent Markdown article (written here from the same
article: title block, sections, quotes, list, table, figures) to EPUB. Each figure is the
median of N runs, with the fastest beside it.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import newsdoc
from newsdoc.formats import epub, get_format
from newsdoc.model import (
    Article,
    Code,
    Emphasis,
    Figure,
    Inline,
    InlineQuote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Quote,
    Strong,
    Table,
    Text,
)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def markdown_inlines(nodes: tuple[Inline, ...]) -> str:
    parts = []
    for node in nodes:
        if isinstance(node, Text):
            parts.append(node.text)
        elif isinstance(node, Code):
            parts.append(f"`{node.text}`")
        elif isinstance(node, LineBreak):
            parts.append("\\\n")
        elif isinstance(node, Emphasis):
            parts.append(f"*{markdown_inlines(node.children)}*")
        elif isinstance(node, Strong):
            parts.append(f"**{markdown_inlines(node.children)}**")
        elif isinstance(node, Link):
            parts.append(f"[{markdown_inlines(node.children)}]({node.href})")
        elif isinstance(node, InlineQuote):
            lang = f"{{lang={node.lang}}}" if node.lang else ""
            parts.append(f"“[{markdown_inlines(node.children)}]{lang}”")
    return "".join(parts)


def markdown_figure(figure: Figure) -> str:
    caption = markdown_inlines(figure.caption) if figure.caption else figure.alt
    credit = f" {figure.credit}" if figure.credit else ""
    return f"![{caption}{credit}]({figure.src})\n"


def markdown(article: Article) -> str:
    """The article as pandoc Markdown, with the same content the EPUB writer gets."""
    authors = "\n".join(f"- {person.name}" for person in article.bylines)
    lines = [
        "---",
        f'title: "{article.headline}"',
        f'subtitle: "{article.subheadline or ""}"',
        f"author:\n{authors}" if authors else "",
        f"date: {article.published.isoformat() if article.published else ''}",
        f"lang: {article.language}",
        f'identifier: "{article.id}"',
        "---",
        "",
        f"**{article.summary}**\n" if article.summary else "",
    ]
    if article.lead_image:
        lines.append(markdown_figure(article.lead_image))
    if article.key_points:
        lines.append("## Key points\n")
        lines.extend(f"- {markdown_inlines(point.text)}" for point in article.key_points)
        lines.append("")
    for section in article.sections:
        if section.heading:
            lines.append(f"## {section.heading}\n")
        for block in section.blocks:
            if isinstance(block, Paragraph):
                lines.append(markdown_inlines(block.content) + "\n")
            elif isinstance(block, Quote):
                lines.append(f"> {markdown_inlines(block.text)}")
                if block.speaker:
                    lines.append(f">\n> — {block.speaker.name}")
                lines.append("")
            elif isinstance(block, ListBlock):
                mark = "1." if block.ordered else "-"
                lines.extend(f"{mark} {markdown_inlines(item)}" for item in block.items)
                lines.append("")
            elif isinstance(block, Table):
                header = block.header or block.rows[0]
                lines.append("| " + " | ".join(markdown_inlines(c) for c in header) + " |")
                lines.append("|" + "---|" * len(header))
                for row in block.rows:
                    lines.append("| " + " | ".join(markdown_inlines(c) for c in row) + " |")
                if block.caption:
                    lines.append(f"\n: {markdown_inlines(block.caption)}")
                lines.append("")
            elif isinstance(block, Figure):
                lines.append(markdown_figure(block))
    if article.related:
        lines.append("## Related\n")
        lines.extend(f"- [{link.title}]({link.url})" for link in article.related)
        lines.append("")
    if article.corrections:
        lines.append("## Corrections\n")
        lines.extend(f"- {c.date.isoformat()}: {c.text}" for c in article.corrections)
    return "\n".join(lines) + "\n"


def report(name: str, times: list[float]) -> None:
    median = statistics.median(times) * 1000
    fastest = min(times) * 1000
    print(f"  {name:<44} {median:9.1f} ms   (fastest {fastest:.1f} ms, {len(times)} runs)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each measurement")
    runs = parser.parse_args().runs
    article = newsdoc.load(EXAMPLES / "article.json")
    assert isinstance(article, Article)
    print(f"EPUB of {EXAMPLES / 'article.json'} ({runs} runs each)")
    size = len(epub.write(article, base_dir=EXAMPLES))  # warm-up: imports, templates
    warm = timed(lambda: epub.write(article, base_dir=EXAMPLES), runs)
    report(f"newsdoc in-process, warm ({size} bytes)", warm)
    cold_code = (
        "import newsdoc; from newsdoc.formats import epub; "
        f"epub.write(newsdoc.load({str(EXAMPLES / 'article.json')!r}), base_dir={str(EXAMPLES)!r})"
    )
    cold = timed(lambda: subprocess.run([sys.executable, "-c", cold_code], check=True), runs)
    report("newsdoc in a new interpreter (imports included)", cold)

    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        try:
            get_format("epub")
        except newsdoc.errors.UnknownFormatError:
            print("  newsdoc convert: the epub format is not registered; add it to the registry")
        else:
            command = [sys.executable, "-m", "newsdoc.cli", "convert", "article.json"]
            command += ["--to", "epub", "--out", str(out / "cli")]
            cli = timed(
                lambda: subprocess.run(command, cwd=EXAMPLES, check=True, capture_output=True),
                runs,
            )
            report("newsdoc convert --to epub (CLI, new process)", cli)

        pandoc = shutil.which("pandoc")
        if pandoc is None:
            print("  pandoc: not installed (apt-get install pandoc)")
            return 0
        source = out / "article.md"
        source.write_text(markdown(article), encoding="utf-8")
        shutil.copytree(EXAMPLES / "images", out / "images")
        version = subprocess.run([pandoc, "--version"], capture_output=True, text=True)
        command = [pandoc, str(source), "-o", str(out / "pandoc.epub")]
        command += ["--resource-path", str(out)]
        times = timed(lambda: subprocess.run(command, cwd=out, check=True), runs)
        report(f"{version.stdout.splitlines()[0]}, Markdown to EPUB", times)
    return 0


if __name__ == "__main__":
    sys.exit(main())
