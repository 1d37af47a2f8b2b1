"""A third-party format for the registry tests: the article as plain text."""

from __future__ import annotations

from typing import Any

import newsdoc as nd
from newsdoc.formats import Format

FORMAT = Format(
    name="txt",
    extensions=(".txt",),
    media_type="text/plain",
    description="plain text (a test plug-in)",
    module="tests.plugin_txt",
    options=("width",),
)


def write(document: nd.Article | nd.Collection, *, width: int = 72, **_: Any) -> bytes:
    articles = document.articles if isinstance(document, nd.Collection) else (document,)
    lines = []
    for article in articles:
        lines.append(article.headline.upper()[:width])
        for section in article.sections:
            for block in section.blocks:
                if isinstance(block, nd.Paragraph):
                    lines.append(nd.plain_text(block.content))
    return ("\n".join(lines) + "\n").encode("utf-8")
