"""Markdown with YAML front matter: how editors write articles, read and written by newsdoc.

A Markdown article is a YAML front matter block between two ``---`` lines, then a CommonMark
body (parsed with markdown-it-py, GFM tables and block attributes enabled)::

    ---
    id: tag:news.example.org,2026:rain
    headline: Rain returns to Yerevan
    published: 2026-05-04T09:30:00+04:00
    bylines:
    - name: Ani Hakobyan
      role: Correspondent
    ---
    The drought ended on *Monday*.

    ## Reactions

    > We waited three months for this.
    >
    > — Lilit Sargsyan, Farmer

**Front matter.** Its keys are the field names of newsdoc JSON (:mod:`newsdoc.formats.json`),
with the same values: ``id``, ``headline``, ``version``, ``subheadline``, ``summary``,
``bylines`` (``name``, ``role``, ``affiliation``, ``url``), ``dateline``, ``created``,
``published``, ``updated``, ``language``, ``section``, ``genre``, ``subjects``, ``keywords``,
``lead_image``, ``key_points`` (``text``, ``topics``), ``related`` (``url``, ``title``,
``relation``, ``description``, ``date``), ``publisher``, ``source``, ``canonical_url``,
``rights``, ``corrections``, ``embargo``, ``urgency``, ``status``. Date-times are ISO 8601 with
a UTC offset; YAML's own date parsing is switched off, so ``2026-05-04`` stays the string the
JSON reader expects. Rich text in front matter (``key_points[].text``,
``lead_image.caption``) is written as inline Markdown. ``sections`` is not a key: the body is.
The keys Jekyll, Hugo and Pandoc use (``title``, ``date``, ``author``, ``tags``, ``image``...)
are mapped onto these, and TOML front matter between ``+++`` lines is read too
(:mod:`newsdoc.formats.markdown.dialects`); a key with no place in the article is left out
with an ``unmapped`` warning. Hugo shortcodes and Liquid tags in the body are handled as
:mod:`newsdoc.formats.markdown.shortcodes` says.

**Body.** The text before the first heading is the first section. ``##`` starts a new
section with that heading, ``###`` to ``######`` a sub-head (a section of that ``level``);
a thematic break (``* * *``) starts one with no heading. A leading ``# Headline`` may give
the headline when the front matter has none.
Blocks map as follows:

- a paragraph is a :class:`~newsdoc.Paragraph`;
- a ``>`` block quote is a :class:`~newsdoc.Quote`; a last paragraph starting with an em dash
  (``— Name, Role, Affiliation``, the name possibly a ``[link](url)``) names the speaker;
- ``-`` and ``1.`` lists are :class:`~newsdoc.ListBlock` (one paragraph per item, no nesting);
- a paragraph holding only an image ``![alt](src "credit")``, optionally followed on the next
  line by caption text, is a :class:`~newsdoc.Figure`;
- a GFM table is a :class:`~newsdoc.Table`, its delimiter row's ``:--``, ``:-:`` and ``--:``
  the columns' ``align``; a paragraph right after it starting ``Table:`` is its caption.
- a fenced or indented code block is :class:`~newsdoc.Preformatted` text, its info string's
  first word the ``syntax`` (:mod:`newsdoc.formats.markdown.code`).

What Markdown syntax cannot say goes in a block attribute line just before the block
(``{lang=ru dir=rtl}``; mdit-py-plugins' ``attrs_block``): a block's ``lang`` and ``dir``
(a code block's too); a
quote's ``.pull`` class, ``place``, ``date`` and ``cite`` (source URL), and its speaker as
``speaker``, ``role``, ``affiliation`` and ``speaker-url`` when the ``— Name, Role`` line
cannot carry it unambiguously (a comma in a name, say); a figure's ``width``, ``height`` and
``type``; a table's ``.headless`` class when it has no header row. Values escape ``%``, ``"``,
``\\``, ``{`` and ``}`` as ``%25``, ``%22``, ``%5C``, ``%7B`` and ``%7D``.

Inline text is CommonMark emphasis, strong emphasis, links, code spans and hard line breaks
(a backslash at the end of a line), plus ``<q lang="..">`` for inline quotations; the writer
falls back to ``<em>``, ``<strong>`` and ``<a>`` where the Markdown form would be ambiguous.

**Round trips.** :func:`write` then :func:`read` gives back an equal article, except for what
Markdown cannot carry: adjacent text runs are merged into one, so are adjacent code runs, a
code span cannot hold a line break, and a carriage return in preformatted text comes back as
a line feed (reported when written). :func:`read` then :func:`write` reproduces a file
written in the writer's own style byte for byte (``examples/article.md`` is one).
Hand-written Markdown is normalised: soft line breaks become spaces, inline images become
their alt text, HTML blocks keep the small subset :func:`~newsdoc.from_html` understands,
and template syntax (shortcodes, Liquid tags) is left out, each reported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsdoc._lazy import lazy_names

if TYPE_CHECKING:
    from newsdoc.formats.markdown.body import markdown_to_inline
    from newsdoc.formats.markdown.frontmatter import split_front_matter
    from newsdoc.formats.markdown.reader import read
    from newsdoc.formats.markdown.writer import inline_to_markdown, write

__getattr__, __dir__ = lazy_names(
    __name__,
    {
        "split_front_matter": ".frontmatter",
        "markdown_to_inline": ".body",
        "read": ".reader",
        "inline_to_markdown": ".writer",
        "write": ".writer",
    },
)

__all__ = ["inline_to_markdown", "markdown_to_inline", "read", "split_front_matter", "write"]
