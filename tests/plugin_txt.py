"""A third-party format for the registry tests: the article as plain text, with one option."""

from __future__ import annotations

import attrs

import newsdoc as nd
from newsdoc.formats import Format
from newsdoc.options import Options, option


@attrs.frozen(kw_only=True)
class TxtOptions(Options):
    """The plain-text format's options."""

    width: int = option(72, help="[txt] Cut headlines at this many characters.")


FORMAT = Format(
    name="txt",
    extensions=(".txt",),
    media_type="text/plain",
    description="plain text (a test plug-in)",
    module="tests.plugin_txt",
    options=TxtOptions,
)


def write(document: nd.Document, options: TxtOptions) -> bytes:
    articles = document.articles if isinstance(document, nd.Collection) else (document,)
    lines = []
    for article in articles:
        lines.append(article.headline.upper()[: options.width])
        for section in article.sections:
            for block in section.blocks:
                if isinstance(block, nd.Paragraph):
                    lines.append(nd.plain_text(block.content))
    return ("\n".join(lines) + "\n").encode("utf-8")
