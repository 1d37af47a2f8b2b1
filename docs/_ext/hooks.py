"""MkDocs hooks for the newsdoc site (loaded by path from mkdocs.yml).

The command's help shows its examples in a paragraph kept as written (click's ``\\b``), an
``Examples:`` line followed by indented command lines. mkdocs-click copies the help into the
page as Markdown, where those lines would run together into one. This adds a Markdown
preprocessor, run right after mkdocs-click's, that sets each such paragraph as a text block.
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

_EXAMPLES = re.compile(r"^Examples?:$")


class _ClickExamples(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        verbatim = False
        for line in lines:
            if verbatim and not line.startswith("  "):
                out.extend(["```", ""])
                verbatim = False
            if verbatim:
                out.append(line[2:])
            elif _EXAMPLES.match(line):
                out.extend([line, "", "```text"])
                verbatim = True
            else:
                out.append(line)
        if verbatim:
            out.append("```")
        return out


class ClickExamples(Extension):
    """Registers the preprocessor to run after mkdocs-click's (priority 141)."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_ClickExamples(md), "newsdoc_click_examples", 140)


def on_config(config: Any) -> Any:
    """Add the preprocessor to the site's Markdown extensions."""
    config.markdown_extensions.append(ClickExamples())
    return config
