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

**Body.** The text before the first heading is the first section. ``##`` (or any level from
2 to 6) starts a new section with that heading; a thematic break (``* * *``) starts one with
no heading. A leading ``# Headline`` may give the headline when the front matter has none.
Blocks map as follows:

- a paragraph is a :class:`~newsdoc.Paragraph`;
- a ``>`` block quote is a :class:`~newsdoc.Quote`; a last paragraph starting with an em dash
  (``— Name, Role, Affiliation``, the name possibly a ``[link](url)``) names the speaker;
- ``-`` and ``1.`` lists are :class:`~newsdoc.ListBlock` (one paragraph per item, no nesting);
- a paragraph holding only an image ``![alt](src "credit")``, optionally followed on the next
  line by caption text, is a :class:`~newsdoc.Figure`;
- a GFM table is a :class:`~newsdoc.Table`; a paragraph right after it starting ``Table:`` is
  its caption.

What Markdown syntax cannot say goes in a block attribute line just before the block
(``{lang=ru dir=rtl}``; mdit-py-plugins' ``attrs_block``): a block's ``lang`` and ``dir``; a
quote's ``.pull`` class, ``place``, ``date`` and ``cite`` (source URL), and its speaker as
``speaker``, ``role``, ``affiliation`` and ``speaker-url`` when the ``— Name, Role`` line
cannot carry it unambiguously (a comma in a name, say); a figure's ``width``, ``height`` and
``type``; a table's ``.headless`` class when it has no header row. Values escape ``%``, ``"``,
``\\``, ``{`` and ``}`` as ``%25``, ``%22``, ``%5C``, ``%7B`` and ``%7D``.

Inline text is CommonMark emphasis, strong emphasis, links, code spans and hard line breaks
(a backslash at the end of a line), plus ``<q lang="..">`` for inline quotations; the writer
falls back to ``<em>``, ``<strong>`` and ``<a>`` where the Markdown form would be ambiguous.

**Round trips.** :func:`write` then :func:`read` gives back an equal article, except for what
Markdown cannot carry: adjacent text runs are merged into one, so are adjacent code runs, and
a code span cannot hold a line break. :func:`read` then :func:`write` reproduces a file
written in the writer's own style byte for byte (``examples/article.md`` is one).
Hand-written Markdown is normalised: soft line breaks become spaces, inline images become
their alt text, HTML blocks keep the small subset :func:`~newsdoc.from_html` understands,
and a fenced code block becomes a code run in a paragraph.
"""

from __future__ import annotations

import html
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import attrs

from newsdoc.errors import FieldError, InvalidDocumentError, NewsdocError, Problem
from newsdoc.formats.markdown.options import MarkdownOptions
from newsdoc.model import (
    Article,
    Block,
    Code,
    Collection,
    Emphasis,
    Figure,
    Inline,
    InlineQuote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Person,
    Quote,
    QuoteKind,
    Section,
    Strong,
    Table,
    Text,
    from_html,
    plain_text,
)
from newsdoc.model.inline import InlineBuilder, InlineHtmlParser
from newsdoc.options import resolve

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

__all__ = ["inline_to_markdown", "markdown_to_inline", "read", "write"]

_BREAK = "\ue000"  # stands for a hard line break while a block's text is put together
_ATTRIBUTION = ("—", "– ", "-- ")
_ATTR_ESCAPES = {"%": "%25", '"': "%22", "\\": "%5C", "{": "%7B", "}": "%7D"}


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def write(
    document: Article | Collection, options: MarkdownOptions | None = None, /, **given: Any
) -> bytes:
    """The registry's writer: an article as UTF-8 Markdown with YAML front matter.

    >>> from newsdoc import Article, Paragraph, Section
    >>> article = Article(id="urn:newsdoc:1", headline="Hi",
    ...                   sections=[Section(blocks=[Paragraph(content="It rained.")])])
    >>> print(write(article).decode())
    ---
    id: urn:newsdoc:1
    headline: Hi
    ---
    <BLANKLINE>
    It rained.
    <BLANKLINE>
    """
    resolve(MarkdownOptions, "markdown", options, given)
    if not isinstance(document, Article):
        raise NewsdocError("Markdown holds one article; write a collection's articles one by one")
    return _front_matter(document).encode("utf-8") + _body(document).encode("utf-8")


def _front_matter(article: Article) -> str:
    import yaml

    from newsdoc.formats.json import to_dict

    data = to_dict(_evolve(article, sections=()))
    del data["newsdoc"], data["kind"]
    if article.lead_image is not None:
        image = data["lead_image"]
        del image["type"]
        if article.lead_image.caption is not None:
            image["caption"] = inline_to_markdown(article.lead_image.caption)
    for point, model in zip(data.get("key_points", ()), article.key_points, strict=True):
        point["text"] = inline_to_markdown(model.text)
    dumped = yaml.dump(
        data,
        Dumper=_dumper(),
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
    )
    return f"---\n{dumped}---\n"


def _body(article: Article) -> str:
    chunks: list[str] = []
    previous: Block | None = None
    for number, section in enumerate(article.sections):
        if section.heading is not None:
            chunks.append("## " + _finish(_escape_text(section.heading).replace("#", "\\#")))
        elif number:
            chunks.append("* * *")
        previous = None
        run = 0  # how many lists of the same kind came right before this block
        for block in section.blocks:
            same_kind = (
                isinstance(block, ListBlock)
                and isinstance(previous, ListBlock)
                and previous.ordered == block.ordered
            )
            run = run + 1 if same_kind else 0
            chunks.append(_block(block, previous, alternate=run % 2 == 1))
            previous = block
    return "".join(f"\n{chunk}\n" for chunk in chunks)


def _attr_line(attributes: Sequence[tuple[str, str | None]], classes: Iterable[str] = ()) -> str:
    parts = [f".{name}" for name in classes]
    for key, value in attributes:
        if value is None:
            continue
        escaped = "".join(_ATTR_ESCAPES.get(ch, ch) for ch in value)
        simple = re.fullmatch(r"[A-Za-z0-9_\-]+", escaped) is not None
        parts.append(f"{key}={escaped}" if simple else f'{key}="{escaped}"')
    return "{" + " ".join(parts) + "}\n" if parts else ""


def _lang_dir(block: Any) -> list[tuple[str, str | None]]:
    return [("lang", block.lang), ("dir", None if block.dir is None else str(block.dir))]


def _block(block: Block, previous: Block | None, *, alternate: bool = False) -> str:
    if isinstance(block, Paragraph):
        text = inline_to_markdown(block.content)
        if isinstance(previous, Table) and text.startswith("Table:"):
            text = "Table\\:" + text[6:]
        return _attr_line(_lang_dir(block)) + text
    if isinstance(block, Quote):
        return _quote(block)
    if isinstance(block, ListBlock):
        return _list(block, alternate)
    if isinstance(block, Figure):
        return _figure(block)
    return _table(block)


def _quote(quote: Quote) -> str:
    text = inline_to_markdown(quote.text)
    if text.startswith(_ATTRIBUTION) or (text.startswith("-") and quote.speaker is None):
        text = f"&#x{ord(text[0]):X};" + text[1:]
    attributes = [
        ("place", quote.place),
        ("date", None if quote.date is None else quote.date.isoformat()),
        ("cite", quote.source_url),
        *_lang_dir(quote),
    ]
    lines = text.split("\n")
    speaker = quote.speaker
    if speaker is not None:
        fields = [speaker.name, speaker.role, speaker.affiliation]
        compact = not any(f is not None and (", " in f or f != f.strip()) for f in fields) and not (
            speaker.affiliation is not None and speaker.role is None
        )
        name = inline_to_markdown(speaker.name)
        if speaker.url is not None and compact:
            name = inline_to_markdown(
                (Link(href=speaker.url, children=(Text(text=speaker.name),)),)
            )
        if compact:
            extra = [inline_to_markdown(f) for f in fields[1:] if f is not None]
            lines += ["", "— " + ", ".join([name, *extra])]
        else:
            attributes += [
                ("speaker", speaker.name),
                ("role", speaker.role),
                ("affiliation", speaker.affiliation),
                ("speaker-url", speaker.url),
            ]
            lines += ["", "— " + name]
    classes = ["pull"] if quote.kind is QuoteKind.PULL else []
    return _attr_line(attributes, classes) + "\n".join(f"> {line}".rstrip() for line in lines)


def _list(block: ListBlock, alternate: bool) -> str:
    # Lists of one kind in a row would merge; every other one takes the other marker.
    lines = []
    for number, item in enumerate(block.items, 1):
        if block.ordered:
            marker = f"{number}{')' if alternate else '.'} "
        else:
            marker = "* " if alternate else "- "
        text = inline_to_markdown(item).split("\n")
        lines.append(marker + text[0])
        lines.extend(" " * len(marker) + line for line in text[1:])
    return _attr_line(_lang_dir(block)) + "\n".join(lines)


def _destination(url: str) -> str:
    escaped = re.sub(r"([\\<>()])", r"\\\1", url)
    return f"<{escaped}>" if " " in url else escaped


def _title(title: str) -> str:
    return '"' + _escape_entities(re.sub(r'(["\\])', r"\\\1", title)) + '"'


def _figure(figure: Figure) -> str:
    attributes = [
        ("width", None if figure.width is None else str(figure.width)),
        ("height", None if figure.height is None else str(figure.height)),
        ("type", figure.media_type),
        *_lang_dir(figure),
    ]
    alt = _finish(_escape_text(figure.alt)) if figure.alt else ""
    credit = "" if figure.credit is None else " " + _title(figure.credit)
    text = f"![{alt}]({_destination(figure.src)}{credit})"
    if figure.caption is not None:
        text += "\n" + inline_to_markdown(figure.caption)
    return _attr_line(attributes) + text


def _table(table: Table) -> str:
    header = table.header or table.rows[0]
    rows = table.rows if table.header else table.rows[1:]

    def row(cells: Sequence[Sequence[Inline]]) -> str:
        return "| " + " | ".join(inline_to_markdown(cell, table=True) for cell in cells) + " |"

    lines = [row(header), "|" + "|".join("---" for _ in header) + "|"]
    lines += [row(cells) for cells in rows]
    classes = [] if table.header else ["headless"]
    text = _attr_line(_lang_dir(table), classes) + "\n".join(lines)
    if table.caption is not None:
        text += "\n\nTable: " + inline_to_markdown(table.caption)
    return text


def inline_to_markdown(content: str | Sequence[Inline], *, table: bool = False) -> str:
    """Inline nodes (or plain text) as CommonMark inline text; line breaks as ``\\`` + newline.

    >>> inline_to_markdown([Text(text="A "), Emphasis(children="bold"), Text(text=" move*")])
    'A *bold* move\\\\*'
    """
    nodes: Sequence[Inline] = [Text(text=content)] if isinstance(content, str) else content
    rendered = _inlines(_merge(nodes), table=table)
    return _finish(rendered, table=table)


def _finish(rendered: str, *, table: bool = False) -> str:
    """Encode edge spaces, escape block syntax at line starts, turn breaks into real ones."""
    if table:
        rendered = rendered.replace(_BREAK, "<br>")
    elif rendered.endswith(_BREAK) or rendered.startswith(_BREAK):
        # A hard break cannot end or start a paragraph; the HTML one can.
        rendered = rendered.replace(_BREAK, "<br>")
    lines = []
    for line in rendered.split(_BREAK):
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        if lead == len(line):
            line = "".join(f"&#x{ord(c):X};" for c in line)
        else:
            end = len(line) - trail
            line = (
                "".join(f"&#x{ord(c):X};" for c in line[:lead])
                + line[lead:end]
                + "".join(f"&#x{ord(c):X};" for c in line[end:])
            )
        line = re.sub(r"^([#>+=\-{|~:])", r"\\\1", line)
        line = re.sub(r"^(\d+)([.)])", r"\1\\\2", line)
        lines.append(line)
    if lines[0] == "<br>":  # a lone tag would open an HTML block; the end tag keeps it inline
        lines[0] = "<br></br>"
    return "\\\n".join(lines)


def _merge(nodes: Iterable[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for node in nodes:
        if merged and isinstance(node, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + node.text)
        elif merged and isinstance(node, Code) and isinstance(merged[-1], Code):
            merged[-1] = Code(text=merged[-1].text + node.text)
        else:
            merged.append(node)
    return merged


def _is_word(ch: str) -> bool:
    return not ch.isspace() and unicodedata.category(ch)[0] not in "PSZC"


def _plain_edges(children: Sequence[Inline]) -> bool:
    """Can ``*...*`` wrap these children without CommonMark reading them differently?"""
    first, last = children[0], children[-1]
    return (
        isinstance(first, Text)
        and isinstance(last, Text)
        and _is_word(first.text[0])
        and _is_word(last.text[-1])
    )


def _escape_entities(text: str) -> str:
    return re.sub(r"&(?=#?[A-Za-z0-9]+;)", r"\\&", text)


def _escape_text(text: str, *, table: bool = False) -> str:
    text = re.sub(r"([\\`*_\[\]<])", r"\\\1", text)
    text = re.sub(r"!(?=\[|$)", r"\\!", text)
    text = _escape_entities(text)
    if table:
        text = text.replace("|", "\\|")
    return text


def _code(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = text.startswith("`") or text.endswith("`")
    pad = pad or (text.startswith(" ") and text.endswith(" ") and text.strip(" ") != "")
    return f"{fence} {text} {fence}" if pad else f"{fence}{text}{fence}"


def _html_attr(value: str) -> str:
    return html.escape(value, quote=True).replace("|", "&#124;")


def _inlines(
    nodes: Sequence[Inline], *, table: bool, in_link: bool = False, in_star: bool = False
) -> str:
    out: list[str] = []
    for index, node in enumerate(nodes):
        before = nodes[index - 1] if index else None
        after = nodes[index + 1] if index + 1 < len(nodes) else None
        neighbours_plain = not isinstance(before, Emphasis | Strong) and not isinstance(
            after, Emphasis | Strong
        )
        if isinstance(node, Text):
            out.append(_escape_text(node.text, table=table))
        elif isinstance(node, Code):
            code = _code(node.text)
            out.append(code.replace("|", "\\|") if table else code)
        elif isinstance(node, LineBreak):
            out.append(_BREAK)
        elif isinstance(node, Emphasis | Strong):
            children = _merge(node.children)
            star = _plain_edges(children) and neighbours_plain and not in_star
            inner = _inlines(children, table=table, in_link=in_link, in_star=in_star or star)
            tag = "em" if isinstance(node, Emphasis) else "strong"
            if star:
                mark = "*" if tag == "em" else "**"
                out.append(f"{mark}{inner}{mark}")
            else:
                out.append(f"<{tag}>{inner}</{tag}>")
        elif isinstance(node, InlineQuote):
            inner = _inlines(_merge(node.children), table=table, in_link=in_link, in_star=in_star)
            lang = "" if node.lang is None else f' lang="{_html_attr(node.lang)}"'
            out.append(f"<q{lang}>{inner}</q>")
        else:
            out.append(_link(node, table=table, in_link=in_link, in_star=in_star))
    return "".join(out)


def _contains_link(nodes: Iterable[Inline]) -> bool:
    return any(
        isinstance(n, Link)
        or (not isinstance(n, Text | Code | LineBreak) and _contains_link(n.children))
        for n in nodes
    )


def _link(node: Link, *, table: bool, in_link: bool, in_star: bool) -> str:
    children = _merge(node.children)
    inner = _inlines(children, table=table, in_link=True, in_star=in_star)
    if in_link or _contains_link(children):
        title = "" if node.title is None else f' title="{_html_attr(node.title)}"'
        return f'<a href="{_html_attr(node.href)}"{title}>{inner}</a>'
    title = "" if node.title is None else " " + _title(node.title)
    destination = _destination(node.href)
    if table:
        destination, title = destination.replace("|", "\\|"), title.replace("|", "\\|")
    return f"[{inner}]({destination}{title})"


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_block_plugin

    md = MarkdownIt("commonmark").enable("table").use(attrs_block_plugin)
    # Keep link targets exactly as written: newsdoc checks them itself.
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        """YAML without timestamps: ISO dates stay plain strings, as in newsdoc JSON."""

    Dumper.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }
    return Dumper


def _loader() -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without timestamps: ISO dates stay plain strings, as in newsdoc JSON."""

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into its front matter (or ``None``), its body and the body's first line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 0
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 1
    raise InvalidDocumentError([Problem("front matter", "no closing '---' line")])


def read(
    data: bytes,
    options: MarkdownOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article:
    """The registry's reader: UTF-8 Markdown with YAML front matter to an article.

    >>> article = read(b"---\\nid: urn:newsdoc:1\\nheadline: Hi\\n---\\nIt *rained*.\\n")
    >>> article.headline, article.sections[0].blocks[0].content
    ('Hi', (Text(text='It '), Emphasis(children=(Text(text='rained'),)), Text(text='.')))
    """
    resolve(MarkdownOptions, "markdown", options, given)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problem = Problem("", f"not UTF-8 text (byte {exc.start}: {exc.reason})")
        raise InvalidDocumentError([problem], source) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        front, body, offset = split_front_matter(text)
    except InvalidDocumentError as exc:
        raise exc.with_source(source) if source else exc from None
    meta = _load_front_matter(front, source)
    reader = _BodyReader(offset)
    tokens = _parser().parse(body)
    headline, sections = reader.sections(tokens)
    problems = list(reader.problems)
    if headline is not None:
        named = meta.get("headline")
        if named is None:
            meta["headline"] = headline
        elif named != headline:
            problems.append(
                Problem("body", f"the '# {headline}' heading differs from the front matter's")
            )
    _inline_fields(meta, problems)
    from newsdoc.formats.json import from_dict

    document: Any = None
    try:
        document = from_dict({"newsdoc": 1, "kind": "article", **meta}, source)
    except InvalidDocumentError as exc:
        problems = [*exc.problems, *problems]
    if problems:
        raise InvalidDocumentError(problems, source)
    article: Article = document
    result: Article = _evolve(article, sections=sections)
    return result


def _load_front_matter(front: str | None, source: str | None) -> dict[str, Any]:
    if front is None:
        return {}
    import yaml

    try:
        meta = yaml.load(front, Loader=_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}, column {where.column + 1}" if where else ""
        detail = getattr(exc, "problem", None) or str(exc)
        raise InvalidDocumentError([Problem("front matter", f"{detail}{at}")], source) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problem = Problem("front matter", f"expected key: value pairs, got {type(meta).__name__}")
        raise InvalidDocumentError([problem], source)
    for key in ("newsdoc", "kind", "sections"):
        if key in meta:
            raise InvalidDocumentError(
                [Problem(key, "not a front matter key (the body holds the sections)")], source
            )
    return meta


def _inline_fields(meta: dict[str, Any], problems: list[Problem]) -> None:
    """Front matter rich text is inline Markdown; turn it into newsdoc JSON's inline form."""
    image = meta.get("lead_image")
    if isinstance(image, dict):
        meta["lead_image"] = {"type": "figure", **image}
        caption = image.get("caption")
        if isinstance(caption, str):
            meta["lead_image"]["caption"] = _inline_json(markdown_to_inline(caption))
    points = meta.get("key_points")
    if isinstance(points, list):
        for index, point in enumerate(points):
            if isinstance(point, dict) and isinstance(point.get("text"), str):
                nodes = markdown_to_inline(point["text"])
                if not nodes:
                    problems.append(Problem(f"key_points[{index}].text", "empty"))
                point["text"] = _inline_json(nodes)


def _inline_json(nodes: Sequence[Inline]) -> list[Any]:
    from newsdoc.formats.json import to_dict

    probe = Article(id="urn:newsdoc:probe", headline="probe", keywords=())
    if not nodes:
        return []
    from newsdoc.model import KeyPoint

    data = to_dict(_evolve(probe, key_points=(KeyPoint(text=tuple(nodes)),)))
    text = data["key_points"][0]["text"]
    return [text] if isinstance(text, str) else list(text)


def markdown_to_inline(text: str) -> tuple[Inline, ...]:
    """Parse CommonMark inline text (one paragraph) into inline nodes.

    >>> markdown_to_inline("A *bold* move")
    (Text(text='A '), Emphasis(children=(Text(text='bold'),)), Text(text=' move'))
    """
    tokens = _parser().parseInline(text.strip("\n"))
    children: list[Token] = []
    for token in tokens:
        children.extend(token.children or [])
    return _InlineBuilder().build(children)


class _InlineBuilder:
    """Turns markdown-it inline tokens into inline nodes, through the model's
    :class:`~newsdoc.model.inline.InlineBuilder` (its raw HTML tags through the model's one
    inline-HTML parser), so Markdown follows the same rules as every other reader."""

    def __init__(self) -> None:
        self.nodes = InlineBuilder(collapse=False)
        self.html = InlineHtmlParser(self.nodes)

    def build(self, tokens: Sequence[Token]) -> tuple[Inline, ...]:
        nodes = self.nodes
        for token in tokens:
            kind = token.type
            if kind == "text":
                nodes.text(token.content)
            elif kind == "softbreak":
                nodes.text(" ")
            elif kind == "hardbreak":
                nodes.line_break()
            elif kind == "code_inline":
                nodes.code(token.content)
            elif kind in ("em_open", "strong_open"):
                nodes.open("strong" if kind == "strong_open" else "em")
            elif kind in ("em_close", "strong_close"):
                nodes.close("em" if kind == "em_close" else "strong")
            elif kind == "link_open":
                found: dict[str, str | None] = {"href": str(token.attrs.get("href", ""))}
                if token.attrs.get("title"):
                    found["title"] = str(token.attrs["title"])
                nodes.open("a", found)
            elif kind == "link_close":
                nodes.close("a")
            elif kind == "image":
                nodes.text(_alt(token))
            elif kind == "html_inline":
                self.html.feed(token.content)
        return nodes.build()


def _alt(image: Token) -> str:
    return plain_text(_InlineBuilder().build(image.children or []))


def _attribute(token: Token, name: str) -> str | None:
    value = token.attrs.get(name)
    return None if value is None else urllib.parse.unquote(str(value))


def _classes(token: Token) -> set[str]:
    return set(str(token.attrs.get("class", "")).split())


class _BodyReader:
    """Walks markdown-it's block tokens and builds sections, collecting problems by line."""

    def __init__(self, offset: int) -> None:
        self.offset = offset
        self.problems: list[Problem] = []

    def _where(self, token: Token) -> str:
        line = (token.map[0] if token.map else 0) + self.offset + 1
        return f"line {line}"

    def _make(self, token: Token, build: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return build(*args, **kwargs)
        except (FieldError, ValueError, TypeError) as exc:
            self.problems.append(Problem(self._where(token), str(exc)))
            return None

    def sections(self, tokens: list[Token]) -> tuple[str | None, tuple[Section, ...]]:
        headline: str | None = None
        sections: list[Section] = []
        heading: str | None = None
        heading_token: Token | None = None
        blocks: list[Block] = []
        started = False

        def close() -> None:
            if blocks:
                content: Any = tuple(blocks)
                sections.append(Section(heading=heading, blocks=content))
            elif heading_token is not None:
                self.problems.append(
                    Problem(self._where(heading_token), f"section {heading!r} has no content")
                )

        index = 0
        previous: Block | None = None
        while index < len(tokens):
            token = tokens[index]
            end = _matching(tokens, index)
            if token.type == "heading_open":
                text = plain_text(self._inline(tokens[index + 1]))
                if token.tag == "h1" and not started and headline is None:
                    headline = text or None
                else:
                    close()
                    blocks, heading, heading_token = [], text or None, token
                    previous = None
                started = True
            elif token.type == "hr":
                close()
                blocks, heading, heading_token, previous = [], None, None, None
                started = True
            else:
                block = self._block(tokens, index, end, previous)
                started = True
                if block is _CAPTION:
                    blocks[-1] = previous = _evolve(blocks[-1], caption=self._caption)
                elif block is not None:
                    blocks.append(block)
                    previous = block
            index = end + 1
        close()
        return headline, tuple(sections)

    def _inline(self, token: Token) -> tuple[Inline, ...]:
        return _InlineBuilder().build(token.children or [])

    def _block(self, tokens: list[Token], start: int, end: int, previous: Block | None) -> Any:
        token = tokens[start]
        lang = _attribute(token, "lang")
        direction = _attribute(token, "dir")
        if token.type == "paragraph_open":
            inline = tokens[start + 1]
            children = inline.children or []
            if children and children[0].type == "image":
                return self._figure(token, inline)
            if (
                isinstance(previous, Table)
                and previous.caption is None
                and inline.content.startswith("Table:")
                and not token.attrs
            ):
                caption = self._inline(inline)
                caption = _strip_prefix(caption, "Table:")
                if caption:
                    # The caption belongs to the table just read.
                    self._caption = caption
                    return _CAPTION
            content = self._inline(inline)
            if not content:
                return None
            return self._make(token, Paragraph, content=content, lang=lang, dir=direction)
        if token.type == "blockquote_open":
            return self._quote(tokens, start, end)
        if token.type in ("bullet_list_open", "ordered_list_open"):
            return self._list(tokens, start, end)
        if token.type == "table_open":
            return self._table(tokens, start, end)
        if token.type in ("fence", "code_block"):
            code = token.content.rstrip("\n")
            return self._make(token, Paragraph, content=[Code(text=code)]) if code else None
        if token.type == "html_block":
            content = from_html(token.content)
            return self._make(token, Paragraph, content=content) if content else None
        self.problems.append(Problem(self._where(token), f"unsupported Markdown: {token.type}"))
        return None

    def _figure(self, token: Token, inline: Token) -> Figure | None:
        children = inline.children or []
        image = children[0]
        rest = children[1:]
        if rest and rest[0].type in ("softbreak", "hardbreak"):
            rest = rest[1:]
        elif rest:
            self.problems.append(
                Problem(
                    self._where(token),
                    "an image shares its line with text; put the caption on the next line",
                )
            )
            return None
        caption = _InlineBuilder().build(rest) or None
        width, height = _attribute(token, "width"), _attribute(token, "height")
        try:
            size = [None if v is None else int(v) for v in (width, height)]
        except ValueError:
            self.problems.append(Problem(self._where(token), "width and height must be numbers"))
            return None
        title = image.attrs.get("title")
        result: Figure | None = self._make(
            token,
            Figure,
            src=str(image.attrs.get("src", "")),
            alt=_alt(image),
            caption=caption,
            credit=str(title) if title else None,
            width=size[0],
            height=size[1],
            media_type=_attribute(token, "type"),
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _quote(self, tokens: list[Token], start: int, end: int) -> Quote | None:
        token = tokens[start]
        paragraphs: list[Token] = []
        index = start + 1
        while index < end:
            inner = tokens[index]
            if inner.type == "paragraph_open":
                paragraphs.append(tokens[index + 1])
            elif inner.level == token.level + 1 and inner.nesting >= 0:
                self.problems.append(
                    Problem(self._where(inner), "a block quote holds only paragraphs")
                )
                return None
            index = _matching(tokens, index) + 1
        speaker: Person | None = None
        if len(paragraphs) > 1 and paragraphs[-1].content.startswith(_ATTRIBUTION):
            speaker = self._speaker(token, paragraphs.pop())
        named = _attribute(token, "speaker")
        if named is not None:
            speaker = self._make(
                token,
                Person,
                name=named,
                role=_attribute(token, "role"),
                affiliation=_attribute(token, "affiliation"),
                url=_attribute(token, "speaker-url"),
            )
        text: list[Inline] = []
        for number, paragraph in enumerate(paragraphs):
            if number:
                text += [LineBreak(), LineBreak()]
            text += self._inline(paragraph)
        date = _attribute(token, "date")
        try:
            import datetime as dt

            day = None if date is None else dt.date.fromisoformat(date)
        except ValueError:
            self.problems.append(Problem(self._where(token), f"date {date!r} is not YYYY-MM-DD"))
            return None
        result: Quote | None = self._make(
            token,
            Quote,
            text=tuple(text),
            speaker=speaker,
            place=_attribute(token, "place"),
            date=day,
            source_url=_attribute(token, "cite"),
            kind=QuoteKind.PULL if "pull" in _classes(token) else QuoteKind.BLOCK,
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _speaker(self, token: Token, paragraph: Token) -> Person | None:
        nodes = list(self._inline(paragraph))
        url = None
        first = nodes[0] if nodes else None
        if isinstance(first, Text):
            stripped = first.text.lstrip("—–-").lstrip()
            nodes[0:1] = [Text(text=stripped)] if stripped else []
        if nodes and isinstance(nodes[0], Link):
            url = nodes[0].href
        parts = [p.strip() for p in plain_text(nodes).split(", ")]
        parts += [""] * (3 - len(parts))
        role = parts[1] or None
        affiliation = ", ".join(p for p in parts[2:] if p) or None
        result: Person | None = self._make(
            token, Person, name=parts[0], role=role, affiliation=affiliation, url=url
        )
        return result

    def _list(self, tokens: list[Token], start: int, end: int) -> ListBlock | None:
        token = tokens[start]
        items: list[tuple[Inline, ...]] = []
        index = start + 1
        while index < end:
            item_end = _matching(tokens, index)
            parts: list[Inline] = []
            inner = index + 1
            while inner < item_end:
                child = tokens[inner]
                if child.type == "paragraph_open":
                    if parts:
                        parts += [LineBreak(), LineBreak()]
                    parts += self._inline(tokens[inner + 1])
                else:
                    self.problems.append(
                        Problem(self._where(child), "a list item holds only text (no nesting)")
                    )
                    return None
                inner = _matching(tokens, inner) + 1
            if not parts:
                self.problems.append(Problem(self._where(tokens[index]), "empty list item"))
                return None
            items.append(tuple(parts))
            index = item_end + 1
        result: ListBlock | None = self._make(
            token,
            ListBlock,
            items=items,
            ordered=token.type == "ordered_list_open",
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    def _table(self, tokens: list[Token], start: int, end: int) -> Table | None:
        token = tokens[start]
        header: list[tuple[Inline, ...]] = []
        rows: list[list[tuple[Inline, ...]]] = []
        for inner in tokens[start:end]:
            if inner.type == "tr_open":
                rows.append([])
            elif inner.type == "inline":
                rows[-1].append(self._inline(inner))
        if "headless" not in _classes(token):
            header = rows.pop(0)
        if not rows:
            self.problems.append(Problem(self._where(token), "a table needs at least one row"))
            return None
        result: Table | None = self._make(
            token,
            Table,
            header=tuple(header),
            rows=tuple(tuple(r) for r in rows),
            lang=_attribute(token, "lang"),
            dir=_attribute(token, "dir"),
        )
        return result

    _caption: tuple[Inline, ...] = ()


_CAPTION = object()


def _strip_prefix(nodes: tuple[Inline, ...], prefix: str) -> tuple[Inline, ...]:
    first = nodes[0]
    assert isinstance(first, Text)
    rest = first.text[len(prefix) :].lstrip(" ")
    return ((Text(text=rest),) if rest else ()) + nodes[1:]


def _evolve(instance: Any, **changes: Any) -> Any:
    return attrs.evolve(instance, **changes)


def _matching(tokens: list[Token], index: int) -> int:
    """The index of the token that closes the one at ``index`` (itself if it closes nothing)."""
    token = tokens[index]
    if token.nesting != 1:
        return index
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1
