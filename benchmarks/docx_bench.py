"""Benchmark: read a Word document with newsdoc's DOCX reader, beside pandoc's DOCX reader.

Run from the project's root::

    .venv/bin/python benchmarks/docx_bench.py [--runs N] [--paragraphs P]

It makes the documents here, with pandoc, from Markdown written here (the test fixture
``tests/fixtures/docx/border-crossing.md``, and a long story of P paragraphs with headings,
quotes, lists and a table), then prints, per document, the median and fastest of N runs of

- newsdoc: ``newsdoc.load(path)`` in-process (mammoth, the shared HTML body reader, the
  model; warm: imports done), and the ``newsdoc convert --to json`` command (a new process
  each time, start-up included);
- pandoc: ``pandoc -f docx -t json`` on the same file (a new process each time: pandoc is a
  command).
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
from newsdoc.diagnostics import collect

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "docx" / "border-crossing.md"


def timed(action: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return times


def long_story(paragraphs: int) -> str:
    """A long article in Markdown: headings every ten paragraphs, a quote, a list, a table."""
    parts = ["---", "title: A long report from the border", "author: Benchmark Desk", "---", ""]
    for number in range(paragraphs):
        if number % 10 == 0:
            parts += [f"# Part {number // 10 + 1}", ""]
        parts += [
            f"Paragraph {number}: lorries waited on the bridge while officers checked "
            "papers, and the queue grew with every hour of the night shift.",
            "",
        ]
        if number % 25 == 5:
            parts += ["> The queue reached the village.", ">", "> — A. Driver, haulier", ""]
            parts += ["- one lane", "- two lanes", "- three lanes", ""]
            parts += ["| Day | Lorries |", "|---|---|", "| Monday | 400 |", "| Friday | 380 |", ""]
    return "\n".join(parts)


def report(name: str, times: list[float]) -> None:
    print(
        f"  {name:<44} median {statistics.median(times) * 1000:8.1f} ms   "
        f"fastest {min(times) * 1000:8.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--paragraphs", type=int, default=400)
    args = parser.parse_args()
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        sys.exit("pandoc is not installed (apt-get install pandoc)")
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "queue.png").write_bytes(
            (ROOT / "examples" / "images" / "night-train.png").read_bytes()
        )
        sources = {"fixture (border-crossing.md)": FIXTURE.read_text(encoding="utf-8")}
        sources[f"long story ({args.paragraphs} paragraphs)"] = long_story(args.paragraphs)
        for number, (name, text) in enumerate(sources.items()):
            markdown = work / f"doc{number}.md"
            markdown.write_text(text, encoding="utf-8")
            docx = work / f"doc{number}.docx"
            subprocess.run([pandoc, str(markdown), "-o", str(docx)], cwd=work, check=True)
            print(f"{name}: {docx.stat().st_size} bytes")

            def read(path: Path = docx) -> None:
                with collect():
                    newsdoc.load(path)

            read()  # warm up: imports, mammoth's style map
            report("newsdoc.load (in-process)", timed(read, args.runs))
            command = [
                sys.executable,
                "-m",
                "newsdoc",
                "convert",
                str(docx),
                "--to",
                "json",
                "--out",
                str(work / "out"),
                "--force",
                "--quiet",
            ]
            report(
                "newsdoc convert --to json (new process)",
                timed(lambda c=command: subprocess.run(c, check=True), args.runs),
            )
            pandoc_command = [pandoc, "-f", "docx", "-t", "json", str(docx), "-o", "/dev/null"]
            report(
                "pandoc -f docx -t json (new process)",
                timed(lambda c=pandoc_command: subprocess.run(c, check=True), args.runs),
            )


if __name__ == "__main__":
    main()
