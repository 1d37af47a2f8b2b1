"""The documentation site builds without a warning, and every example in it runs.

- :func:`test_site_builds` runs ``mkdocs build --strict`` (MkDocs Material, mkdocstrings for
  the API reference, mkdocs-click for the command line reference) into a temporary folder; any
  warning, a broken link or a docstring mkdocstrings cannot render included, fails it.
- :func:`test_page_examples` runs the code blocks of each page of ``docs/`` (and the Python
  blocks of ``README.md``) in page order, in a temporary folder that holds a copy of
  ``examples/``, as a reader working in a checkout of the repository would:

  - a block with a ``title="NAME"`` attribute is a file the page asks the reader to save: it
    is written to NAME before the blocks after it run;
  - ``python`` blocks run in one namespace per page, so later blocks see what earlier ones
    defined;
  - ``sh`` blocks run with ``bash -euo pipefail``, where ``newsdoc`` is this interpreter's
    ``python -m newsdoc``;
  - a block right after a ``<!-- docs-test: skip (reason) -->`` line is not run: it installs
    software, opens a desktop program or needs a server. The reason is required, and any other
    ``sh`` or ``python`` block that is not run fails the test, so no example goes unchecked
    by accident.

  The README's fresh-machine block is skipped (it runs this suite); its other blocks run.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

DOCS = ROOT / "docs"
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<ticks>```+)(?P<lang>[\w+-]*)\s*(?P<attrs>.*)$")
_TITLE = re.compile(r'title="(?P<name>[^"]+)"')
_SKIP = re.compile(r"^<!-- docs-test: skip \((?P<reason>[^)]+)\) -->$")
_RUNNABLE = {"python", "sh"}


class Block:
    """One fenced code block of a page."""

    def __init__(self, lang: str, code: str, line: int, title: str | None, skip: str | None):
        self.lang, self.code, self.line, self.title, self.skip = lang, code, line, title, skip


def blocks(path: Path) -> list[Block]:
    """The fenced code blocks of a Markdown page, in order."""
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").splitlines()
    index = 0
    previous = ""
    while index < len(lines):
        match = _FENCE.match(lines[index])
        if match is None:
            if lines[index].strip():
                previous = lines[index].strip()
            index += 1
            continue
        indent, ticks = match["indent"], match["ticks"]
        start = index + 1
        index = start
        while index < len(lines) and lines[index].strip() != ticks:
            index += 1
        code = "\n".join(line[len(indent) :] for line in lines[start:index]) + "\n"
        title = _TITLE.search(match["attrs"])
        skip = _SKIP.match(previous)
        found.append(
            Block(
                match["lang"],
                code,
                start,
                title["name"] if title else None,
                skip["reason"] if skip else None,
            )
        )
        previous = ""
        index += 1
    return found


def _pages() -> list[Path]:
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


def _shim(folder: Path) -> Path:
    """A ``newsdoc`` command that runs this interpreter's newsdoc."""
    bin_dir = folder / ".bin"
    bin_dir.mkdir()
    command = bin_dir / "newsdoc"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m newsdoc "$@"\n')
    command.chmod(0o755)
    return bin_dir


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(p.relative_to(ROOT)))
def test_page_examples(
    page: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "work"
    shutil.copytree(EXAMPLES, work / "examples")
    env = dict(os.environ, PATH=f"{_shim(tmp_path)}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.chdir(work)
    monkeypatch.syspath_prepend(str(work))
    modules_before = set(sys.modules)
    namespace: dict[str, object] = {"__name__": "__docs__"}
    ran = 0
    try:
        for block in blocks(page):
            where = f"{page.relative_to(ROOT)}:{block.line}"
            if block.title is not None:
                target = work / block.title
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(block.code, encoding="utf-8")
            if block.lang not in _RUNNABLE or block.title is not None:
                continue
            if block.skip is not None:
                continue
            if block.lang == "python":
                exec(compile(block.code, where, "exec"), namespace)
            else:
                done = subprocess.run(
                    ["bash", "-euo", "pipefail", "-c", block.code],
                    cwd=work,
                    env=env,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                assert done.returncode == 0, (
                    f"{where}: exit {done.returncode}\n{block.code}\n{done.stdout}{done.stderr}"
                )
            ran += 1
    finally:
        for name in set(sys.modules) - modules_before:
            file = getattr(sys.modules[name], "__file__", None) or ""
            if file.startswith(str(work)):
                del sys.modules[name]
    capsys.readouterr()
    if page.parent == DOCS / "reference" / "api" or page.name == "cli.md":
        assert ran == 0  # generated pages: their examples are the doctests in the source
    elif page.name != "index.md":
        assert ran > 0, f"{page.relative_to(ROOT)} has no example that runs"


def test_blocks_finds_fences_titles_and_skips(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text(
        "Text\n\n```python\nx = 1\n```\n\n<!-- docs-test: skip (needs a server) -->\n"
        '```sh\nnewsdoc serve\n```\n\n```markdown title="a.md"\n# A\n```\n'
    )
    found = blocks(page)
    assert [(b.lang, b.code, b.title, b.skip) for b in found] == [
        ("python", "x = 1\n", None, None),
        ("sh", "newsdoc serve\n", None, "needs a server"),
        ("markdown", "# A\n", "a.md", None),
    ]


def test_site_builds(tmp_path: Path) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "WARNING" not in output, output
    cli = (tmp_path / "reference" / "cli" / "index.html").read_text(encoding="utf-8")
    assert "--pdf-variant" in cli
    assert "newsdoc convert" in cli
    api = (tmp_path / "reference" / "api" / "conversion" / "index.html").read_text(encoding="utf-8")
    assert "convert_many" in api
    assert '<span class="gp">&gt;&gt;&gt;' in api
    for picture in ("pipeline.svg", "html-page.png", "epub-pages.png", "pdf-report.png"):
        assert (tmp_path / "images" / picture).stat().st_size > 1000
