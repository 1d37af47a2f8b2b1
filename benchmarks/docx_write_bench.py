"""Benchmark: write a Word document with newsdoc's DOCX writer, beside pandoc's DOCX writer.

Run from the project's root::

    .venv/bin/python benchmarks/docx_write_bench.py [--runs N] [--paragraphs P]

For the same Markdown (the test fixture ``tests/fixtures/docx/border-crossing.md`` with its
picture, a long story of P paragraphs with headings, quotes, lists and tables, and the
bundled example article as Markdown), it prints the median and fastest of N runs of

- newsdoc: the Markdown read and the DOCX written in-process (python-docx; warm: imports
  done), and ``newsdoc convert x.md -o x.docx`` (a new process each time, start-up included);
- pandoc: ``pandoc x.md -o x.docx`` (a new process each time: pandoc is a command).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsdoc
from docx_bench import FIXTURE, ROOT, long_story, report, timed
from newsdoc.diagnostics import collect


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
        shutil.copytree(ROOT / "examples" / "images", work / "images")
        sources = {
            "fixture (border-crossing.md)": FIXTURE.read_text(encoding="utf-8"),
            "example (examples/article.md)": (ROOT / "examples" / "article.md").read_text(
                encoding="utf-8"
            ),
            f"long story ({args.paragraphs} paragraphs)": long_story(args.paragraphs),
        }
        for number, (name, text) in enumerate(sources.items()):
            markdown = work / f"doc{number}.md"
            markdown.write_text(text, encoding="utf-8")
            target = work / f"doc{number}.docx"

            def write(path: Path = markdown, out: Path = target) -> None:
                with collect():
                    article = newsdoc.load(path)
                    out.write_bytes(newsdoc.get_format("docx").write(article, base_dir=work))

            write()  # warm up: imports
            print(f"{name}: newsdoc's document {target.stat().st_size} bytes")
            report("newsdoc: read .md, write .docx (in-process)", timed(write, args.runs))
            command = [
                sys.executable,
                "-m",
                "newsdoc",
                "convert",
                str(markdown),
                "-o",
                str(target),
                "--force",
                "--quiet",
            ]
            report(
                "newsdoc convert x.md -o x.docx (new process)",
                timed(lambda c=command: subprocess.run(c, check=True), args.runs),
            )
            theirs = work / f"doc{number}.pandoc.docx"
            pandoc_command = [pandoc, str(markdown), "-o", str(theirs)]
            report(
                "pandoc x.md -o x.docx (new process)",
                timed(lambda c=pandoc_command: subprocess.run(c, check=True, cwd=work), args.runs),
            )


if __name__ == "__main__":
    main()
