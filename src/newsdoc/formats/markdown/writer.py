"""The Markdown writer: an article as CommonMark with YAML front matter.

See :mod:`newsdoc.formats.markdown` for the mapping.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from newsdoc.errors import NewsdocError
from newsdoc.formats.markdown.options import MarkdownOptions
from newsdoc.model import (
    Align,
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
    Preformatted,
    Quote,
    QuoteKind,
    Strong,
    Table,
    Text,
)
from newsdoc.options import resolve

if TYPE_CHECKING:
    pass

from newsdoc.formats.markdown._common import (
    _ATTR_ESCAPES,
    _ATTRIBUTION,
    _BREAK,
    _evolve,
)
from newsdoc.formats.markdown.code import fenced
from newsdoc.formats.markdown.frontmatter import _dumper

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

    from newsdoc.wire.data import to_dict

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
            marks = "#" * section.level
            chunks.append(f"{marks} " + _finish(_escape_text(section.heading, hashes=True)))
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
    if isinstance(block, Preformatted):
        return fenced(block, _attr_line(_lang_dir(block)))
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
    return '"' + _line_ends(_escape_entities(re.sub(r'(["\\])', r"\\\1", title))) + '"'


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


#: The delimiter row's cell of each column alignment.
_RULES = {Align.DEFAULT: "---", Align.LEFT: ":--", Align.CENTER: ":-:", Align.RIGHT: "--:"}


def _table(table: Table) -> str:
    header = table.header or table.rows[0]
    rows = table.rows if table.header else table.rows[1:]

    def row(cells: Sequence[Sequence[Inline]]) -> str:
        return "| " + " | ".join(inline_to_markdown(cell, table=True) for cell in cells) + " |"

    aligns = table.align or [Align.DEFAULT] * len(header)
    lines = [row(header), "|" + "|".join(_RULES[a] for a in aligns) + "|"]
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


def _line_ends(text: str) -> str:
    """Line feeds and carriage returns as character references: Markdown would read them as
    the end of a line (a space, or the end of a table row), the references as themselves."""
    return text.replace("\n", "&#10;").replace("\r", "&#13;")


def _escape_text(text: str, *, table: bool = False, hashes: bool = False) -> str:
    text = re.sub(r"([\\`*_\[\]<])", r"\\\1", text)
    text = re.sub(r"!(?=\[|$)", r"\\!", text)
    if hashes:  # in a heading, where a closing run of # would be dropped
        text = text.replace("#", "\\#")
    text = _line_ends(_escape_entities(text))
    if table:
        text = text.replace("|", "\\|")
    return text


def _code(text: str) -> str:
    if "\n" in text or "\r" in text:  # a code span turns them into spaces; <code> keeps them
        return f"<code>{_escape_text(text)}</code>"
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = text.startswith("`") or text.endswith("`")
    pad = pad or (text.startswith(" ") and text.endswith(" ") and text.strip(" ") != "")
    return f"{fence} {text} {fence}" if pad else f"{fence}{text}{fence}"


def _html_attr(value: str) -> str:
    return _line_ends(html.escape(value, quote=True).replace("|", "&#124;"))


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
