"""markdown-it as newsdoc sets it up: CommonMark with GFM tables and block attributes, link
targets kept as written (newsdoc checks them itself), and a core rule that makes a run of
plain text (most table cells) its one text token without the inline parser's set-up.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

__all__ = ["markdown_parser"]


def markdown_parser() -> MarkdownIt:
    """markdown-it as newsdoc reads Markdown: CommonMark with GFM tables and block attributes,
    link targets kept exactly as written, and plain runs of text made text tokens directly."""
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin

    md = MarkdownIt("commonmark").enable("table").use(attrs_block_plugin)
    md.core.ruler.at("inline", _parse_inlines)
    # Keep link targets exactly as written: newsdoc checks them itself.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# The characters at which markdown-it's text rule stops for another rule to look (CommonMark's
# and the extensions' markers); a run with none of them is one text token.
_TERMINATORS = re.compile(r"[\n!#$%&*+\-:<=>@\[\\\]^_`{}~]")


def _parse_inlines(state: StateCore) -> None:
    """markdown-it's core rule that parses each run of inline text, except that a run with no
    character any inline rule starts at (most table cells) becomes its one text token
    directly, as the inline parser would make it, without that parser's setup for each run."""
    from markdown_it.token import Token

    md = state.md
    found = getattr(md.inline, "terminator_re", _TERMINATORS).search
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            content = token.content
            if found(content) is not None:
                md.inline.parse(content, md, state.env, token.children)
            elif content:
                token.children.append(Token("text", "", 0, content=content))
