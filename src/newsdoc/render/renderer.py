"""The one HTML renderer: the Jinja2 environment, its filters, and :class:`Renderer`.

HTML pages, EPUB chapters (as XHTML) and the page WeasyPrint prints all come from the
package's templates through :class:`Renderer`. The filters here are the renderer's own
typography: :func:`typeset` marks URLs and e-mail addresses in running text (so print style
sheets keep them from being hyphenated, and let them break at slashes instead), and
:func:`lines` splits inline content at its hard line breaks (so a justified line before a
break is not stretched).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import orjson
from markupsafe import Markup, escape

from newsdoc.errors import ConversionError
from newsdoc.language import direction_of
from newsdoc.model import (
    Article,
    Code,
    Collection,
    Document,
    Emphasis,
    Figure,
    InlineQuote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Person,
    Preformatted,
    Quote,
    Strong,
    Table,
    Text,
    plain_text,
)
from newsdoc.model.inline import is_safe_href
from newsdoc.render.dates import date_language, date_words, html_datetime

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "ImageSource",
    "Renderer",
    "html_datetime",
    "labels_for",
    "lines",
    "safe_href",
    "section_id",
    "typeset",
]

#: Given a figure, the URL its ``<img>`` gets, or ``None`` for a figure without its picture.
ImageSource: TypeAlias = Callable[[Figure], str | None]

_TEMPLATE_PACKAGE = "newsdoc"
_TEMPLATE_FOLDER = "templates"
_XHTML_PROLOGUE = '<?xml version="1.0" encoding="utf-8"?>\n'


@cache
def labels_for(language: str) -> Mapping[str, str]:
    """The words pages show around an article's text, in ``language`` where newsdoc has them.

    They live in the package's ``templates/labels.json``, by primary language subtag; words
    missing in a language come from English. ``lang`` is ``language`` itself (templates write
    dates in its words).

    >>> labels_for("hy-AM")["key_points"], labels_for("xx")["key_points"]
    ('Հիմնական կետեր', 'Key points')
    """
    labels = _all_labels()
    primary = language.split("-", 1)[0].lower()
    return {**labels["en"], **labels.get(primary, {}), "lang": language}


@cache
def _all_labels() -> dict[str, dict[str, str]]:
    """The words of every language, from the package's ``templates/labels.json``."""
    from importlib.resources import files

    text = (files(_TEMPLATE_PACKAGE) / _TEMPLATE_FOLDER / "labels.json").read_text("utf-8")
    found: dict[str, dict[str, str]] = orjson.loads(text)
    return found


def safe_href(value: object) -> str:
    """``value`` if it is a link target newsdoc writes (http(s), ``mailto:``, ``#fragment``).

    Anything else, ``javascript:`` URLs included, gives ``""``, and templates write no link.

    >>> safe_href("https://example.org/"), safe_href("javascript:alert(1)")
    ('https://example.org/', '')
    """
    return value if isinstance(value, str) and is_safe_href(value) else ""


def section_id(index: int, prefix: str = "") -> str:
    """The ``id`` of the ``index``-th (from 1) body section with a heading: ``section-2``.

    >>> section_id(2), section_id(1, prefix="a3-")
    ('section-2', 'a3-section-1')
    """
    return f"{prefix}section-{index}"


_KINDS: dict[type, str] = {
    Text: "text",
    Code: "code",
    LineBreak: "br",
    Emphasis: "em",
    Strong: "strong",
    Link: "a",
    InlineQuote: "q",
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Table: "table",
    Preformatted: "pre",
}


def _kind(node: object) -> str:
    return _KINDS.get(type(node), "")


def _people(people: Iterable[Person], labels: Mapping[str, str]) -> list[tuple[Person, str]]:
    """Each person with the separator that follows it in a list (", ", " and ", or "")."""
    found = list(people)
    result = []
    for index, person in enumerate(found):
        if index == len(found) - 1:
            sep = ""
        elif index == len(found) - 2:
            sep = labels["and"]
        else:
            sep = labels["list_sep"]
        result.append((person, sep))
    return result


# A URL or an e-mail address inside running text (trailing punctuation stays outside).
# Each alternative starts only where a word or address cannot go on from the left, so a long
# run of letters (or of "www.") is tried once, not at each of its characters.
_ADDRESS = re.compile(
    r"(?<![\w.+\-/:@])(?:(?P<url>(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)\]'»”])"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+))",
    re.IGNORECASE,
)


# A short compound with hard hyphens ("four-bed", "Yerevan-bound").
_COMPOUND = re.compile(r"(?<![\w-])[^\W\d_]+(?:-[^\W\d_]+)+(?![\w-])")
_COMPOUND_MAX = 20


def _compounds(text: str) -> str:
    """Escaped ``text``, its short hyphenated compounds in ``<span class="compound">``."""
    parts: list[str] = []
    position = 0
    for match in _COMPOUND.finditer(text):
        if len(match.group(0)) > _COMPOUND_MAX:
            continue
        parts.append(escape(text[position : match.start()]))
        parts.append(f'<span class="compound">{escape(match.group(0))}</span>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts)


# A number that bidi could reorder in right-to-left text: with a sign, a unit or separators.
_NUMBER = re.compile(
    r"(?<![\w.,\-])[+\-\u2212\u00b1$\u20ac\u00a3]?\d+(?:[.,:/]\d+)*(?:\s?[%\u2030\u00b0])?"
)
# The last word of a block, with what follows it ("station." or "it».").
_LAST_WORD = re.compile(r" ?\S+\s*$")


@lru_cache(maxsize=64)
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern for the proper names of an article, each with up to five letters of an
    ending ("Hakobyan's", "Акопяном")."""
    if not names:
        return None
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})\w{{0,5}}(?![\w-])")


def _print_words(text: str, names: tuple[str, ...]) -> str:
    """Escaped ``text`` for print: compounds kept whole, names never hyphenated, numbers
    with signs or units isolated left to right (see :func:`typeset`)."""
    pattern = _names_pattern(names)
    parts: list[str] = []
    position = 0
    for match in pattern.finditer(text) if pattern else ():
        start = _with_space(text, match.start())
        parts.append(_numbers(text[position:start]))
        parts.append(f'<span class="name">{escape(text[start : match.end()])}</span>')
        position = match.end()
    parts.append(_numbers(text[position:]))
    return "".join(parts)


def _with_space(text: str, start: int) -> int:
    """Where a span that starts at ``start`` opens: before the space that precedes it.

    With the space inside the span, WeasyPrint breaks a line there itself instead of going
    back into the text before the span, which can strand a word on a line of its own.
    """
    return start - 1 if start > 0 and text[start - 1] == " " else start


def _numbers(text: str) -> str:
    parts: list[str] = []
    position = 0
    for match in _NUMBER.finditer(text):
        if match.group(0).isdigit():
            continue
        # The space before stays outside: inside a left-to-right span, right-to-left text
        # would set it on the number's other side.
        parts.append(_compounds(text[position : match.start()]))
        parts.append(f'<span class="num" dir="ltr">{escape(match.group(0))}</span>')
        position = match.end()
    parts.append(_compounds(text[position:]))
    return "".join(parts)


# A hyphen in a URL (with the character after it), or a dot between two of its words.
_URL_BREAK = re.compile(r"-(.?)|(?<=\w)\.(?=\w)")


def _url_break(match: re.Match[str]) -> str:
    if match.group(0).startswith("-"):
        return f'<wbr><span class="nb">-{match.group(1)}</span>'
    return "<wbr>."


def print_url(url: str) -> Markup:
    """A URL as print sets it: left to right in any text, broken after a slash or before a
    dot or a hyphen (each of its own hyphens kept with the character after it, so no line
    ends in a hyphen that reads as a hyphenation).

    >>> str(print_url("https://a.example/x-y/"))
    '<span class="url" dir="ltr">https://a<wbr>.example/x<wbr><span class="nb">-y</span>/</span>'
    """
    kept = _URL_BREAK.sub(_url_break, str(escape(url)))
    return Markup(f'<span class="url" dir="ltr">{kept}</span>')


def typeset(
    text: str, for_print: bool = False, names: Sequence[str] = (), last: bool = False
) -> Markup:
    """``text`` escaped, its URLs and e-mail addresses in ``<span class="url">`` /
    ``<span class="email">`` (which print style sheets never hyphenate).

    ``for_print`` also marks what print must keep whole or in order: short hyphenated
    compounds (``<span class="compound">``, kept on one line: WeasyPrint, breaking a line at
    such a hyphen before an inline element, can leave a lone word on a line of its own), the
    proper ``names`` the article gives (``<span class="name">``, never hyphenated), numbers
    with a sign or a unit and URLs (``dir="ltr"``, so right-to-left text does not turn "40%"
    into "%40"); with ``last``, the last word (``<span class="last-word">``, never
    hyphenated, so no paragraph ends on a fragment of a word).

    >>> str(typeset("See https://example.org/a/b."))
    'See <span class="url">https://example.org/a/b</span>.'
    >>> str(typeset("Write to desk@example.org!"))
    'Write to <span class="email">desk@example.org</span>!'
    >>> str(typeset("<b>"))
    '&lt;b&gt;'
    >>> str(typeset("a four-bed berth", for_print=True))
    'a <span class="compound">four-bed</span> berth'
    >>> str(typeset("Gyumri's share rose 40%", for_print=True, names=("Gyumri",)))
    '<span class="name">Gyumri</span>&#39;s share rose <span class="num" dir="ltr">40%</span>'
    """
    parts: list[str] = []
    position = 0
    words = tuple(names)

    def plain(chunk: str) -> str:
        return _print_words(chunk, words) if for_print else str(escape(chunk))

    for match in _ADDRESS.finditer(text):
        parts.append(plain(text[position : match.start()]))
        if for_print and match.group("url"):
            parts.append(print_url(match.group(0)))
        else:
            kind = "url" if match.group("url") else "email"
            direction = ' dir="ltr"' if for_print else ""
            parts.append(f'<span class="{kind}"{direction}>{escape(match.group(0))}</span>')
        position = match.end()
    rest = text[position:]
    end = _LAST_WORD.search(rest) if for_print and last else None
    if end is not None and end.start() > 0:
        parts.append(plain(rest[: end.start()]))
        parts.append(f'<span class="last-word">{plain(end.group(0))}</span>')
    else:
        parts.append(plain(rest))
    return Markup("".join(parts))


# Where print may break a line of code besides its spaces: after an opening bracket or a
# separator, never inside a name.
_CODE_BREAK = re.compile(r"(?<=[(\[{.,;:=/&|+*<>])(?=\S)")


def print_code(text: str) -> Markup:
    """Preformatted text as print sets it: each line its own block, with a hanging indent two
    characters deeper than the line's own indent, and break opportunities (``<wbr>``) only
    after punctuation, so a wrapped line never splits a name.

    >>> str(print_code("f(x)"))
    '<span class="code-line" style="padding-inline-start: 2ch; text-indent: -2ch">f(<wbr>x)</span>'
    """
    parts: list[str] = []
    for line in text.split("\n"):
        hang = len(line) - len(line.lstrip(" ")) + 2
        pieces = _CODE_BREAK.split(line)
        body = "<wbr>".join(str(escape(piece)) for piece in pieces) if line else "\u200b"
        style = f"padding-inline-start: {hang}ch; text-indent: -{hang}ch"
        parts.append(f'<span class="code-line" style="{style}">{body}</span>')
    if len(parts) > 1 and text.endswith("\n"):
        parts.pop()
    return Markup("".join(parts))


def isolate(text: str) -> str:
    """``text`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE: set in its own
    direction wherever it goes (an Arabic headline in an English running head).

    >>> isolate("Hi") == "\u2068Hi\u2069"
    True
    """
    return f"\u2068{text}\u2069"


def print_names(document: Document) -> tuple[str, ...]:
    """The proper names a document marks as such (bylines, speakers, datelines, quotes'
    places, credits), word by word: print never hyphenates them where they recur in the text.

    >>> from newsdoc import Article, Dateline, Person
    >>> print_names(Article(id="urn:x:1", headline="H", bylines=[Person(name="Anahit Hakobyan")],
    ...                     dateline=Dateline(place="Gyumri")))
    ('Anahit', 'Gyumri', 'Hakobyan')
    """
    found: set[str] = set()
    articles = document.articles if isinstance(document, Collection) else (document,)
    for article in articles:
        marked: list[str] = [p.name for p in article.bylines]
        if article.dateline is not None:
            marked.append(article.dateline.place)
        for section in article.sections:
            for block in section.blocks:
                if isinstance(block, Quote):
                    marked.extend(p.name for p in (block.speaker,) if p is not None)
                    marked.extend(place for place in (block.place,) if place)
        found.update(w for name in marked for w in re.findall(r"[^\W\d_]{5,}", name))
    return tuple(sorted(found))


def lines(nodes: Sequence[object]) -> list[list[object]]:
    """Inline content split at its top-level hard line breaks: one list per line.

    >>> from newsdoc.model import LineBreak, Text
    >>> [len(line) for line in lines([Text(text="a"), LineBreak(), Text(text="b")])]
    [1, 1]
    """
    found: list[list[object]] = [[]]
    for node in nodes:
        if isinstance(node, LineBreak):
            found.append([])
        else:
            found[-1].append(node)
    return found


def _template_loader(template_dir: str | os.PathLike[str] | None) -> jinja2.BaseLoader:
    import jinja2

    package = jinja2.PackageLoader(_TEMPLATE_PACKAGE, _TEMPLATE_FOLDER)
    if template_dir is None:
        return package
    folder = Path(template_dir)
    if not folder.is_dir():
        raise ConversionError(f"template folder {str(folder)!r} does not exist")
    return jinja2.ChoiceLoader([_RegularFileLoader(folder), package])


def _regular_file_loader() -> type[Any]:
    import jinja2

    class RegularFileLoader(jinja2.FileSystemLoader):
        """Templates from a folder, regular files only (a named pipe would never end)."""

        def get_source(self, environment: Any, template: str) -> Any:
            for folder in self.searchpath:
                candidate = Path(folder, *jinja2.loaders.split_template_path(template))
                if candidate.exists() and not candidate.is_file():
                    raise ConversionError(f"template {str(candidate)!r} is not a regular file")
            return super().get_source(environment, template)

    return RegularFileLoader


def _RegularFileLoader(folder: Path) -> Any:
    return _regular_file_loader()(folder)


def _read_css(css: str | os.PathLike[str] | None) -> str:
    """Extra CSS from text or a file: a path object, or a string naming an existing file or
    ending in ``.css`` (with no ``{`` in it), is a file (a regular one, never a pipe); any
    other string is CSS text."""
    if css is None:
        return ""
    if isinstance(css, str) and ("{" in css or "\n" in css):
        return css
    path = Path(css)
    if not (isinstance(css, os.PathLike) or path.exists() or path.suffix.lower() == ".css"):
        return str(css)
    from newsdoc._files import read_input
    from newsdoc.errors import NewsdocError

    try:
        return read_input(path, max_bytes=4 * 1024 * 1024).decode("utf-8")
    except UnicodeDecodeError:
        raise ConversionError(f"style sheet {str(path)!r} is not UTF-8 text") from None
    except NewsdocError as exc:
        reason = str(exc).rsplit(": ", 1)[-1]
        raise ConversionError(f"cannot read the style sheet {str(path)!r}: {reason}") from None


@lru_cache(maxsize=16)
def _environment(template_dir: str | None) -> jinja2.Environment:
    """The Jinja2 environment for a template folder, made once: templates compile on first use
    and stay compiled (those of a ``template_dir`` are reloaded when their files change)."""
    import jinja2

    environment = jinja2.Environment(
        loader=_template_loader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        safe_href=safe_href,
        kind=_kind,
        iso=html_datetime,
        human=date_words,
        date_language=date_language,
        direction=direction_of,
        plain=plain_text,
        typeset=typeset,
        print_url=print_url,
        print_code=print_code,
        isolate=isolate,
    )
    environment.globals.update(section_id=section_id, people=_people, lines=lines)
    return environment


class Renderer:
    """Renders documents to HTML or XHTML pages through the package's Jinja2 templates.

    One renderer serves every writer: HTML pages, EPUB chapters and pages (``xhtml=True``),
    and PDF. ``template_dir`` overrides templates by name; ``css`` adds CSS after the
    package's style sheet (text or a ``.css`` path).

    >>> from newsdoc import Article
    >>> renderer = Renderer(css="h1 { color: navy; }")
    >>> page = renderer.page(Article(id="urn:newsdoc:1", headline="Hi"),
    ...                              image_src=lambda figure: figure.src)
    >>> "<h1" in page and "color: navy" in page
    True
    """

    def __init__(
        self,
        *,
        template_dir: str | os.PathLike[str] | None = None,
        css: str | os.PathLike[str] | None = None,
    ) -> None:
        folder = None if template_dir is None else str(Path(template_dir).resolve())
        self.environment = _environment(folder)
        self.extra_css = _read_css(css)

    def stylesheet(self) -> str:
        """newsdoc's style sheet (the ``newsdoc.css`` template) followed by the extra CSS."""
        assert self.environment.loader is not None
        base, _, _ = self.environment.loader.get_source(self.environment, "newsdoc.css")
        return base + ("\n/* Caller's style sheet */\n" + self.extra_css if self.extra_css else "")

    def render_template(self, name: str, **context: Any) -> str:
        """Render the template ``name`` with ``context`` (for pages such as an EPUB cover)."""
        import jinja2

        try:
            return self.environment.get_template(name).render(**context)
        except jinja2.TemplateError as exc:
            raise ConversionError(f"template {name!r} failed: {exc}") from exc

    def _base_context(
        self,
        *,
        xhtml: bool,
        image_src: ImageSource,
        stylesheets: Iterable[str],
        inline_css: bool,
        print_layout: str | None = None,
    ) -> dict[str, Any]:
        css = self.stylesheet() if inline_css else ""
        if xhtml and css and ("<" in css or "&" in css):
            raise ConversionError("a style sheet inlined in XHTML may not contain '<' or '&'")
        if not xhtml and re.search(r"</style", css, re.IGNORECASE):
            raise ConversionError("the style sheet may not contain '</style'")
        return {
            "xhtml": xhtml,
            "image_src": image_src,
            "stylesheets": list(stylesheets),
            "inline_css": css,
            "for_print": print_layout is not None,
            "print_layout": print_layout,
            "print_names": (),
        }

    def page(
        self,
        document: Document,
        *,
        image_src: ImageSource,
        xhtml: bool = False,
        stylesheets: Iterable[str] = (),
        inline_css: bool = True,
        include_json_ld: bool = True,
        linked_images: bool = False,
        print_layout: str | None = None,
    ) -> str:
        """A whole page: for an article its ``<h1>`` headline and sections in ``<h2>``; for a
        collection its title in ``<h1>`` and each article's headline in ``<h2>``.

        ``linked_images``: the page links its pictures by their paths (see
        :func:`~newsdoc.render.jsonld.json_ld`); ``print_layout``: the page is for
        the PDF writer, in that layout (see :func:`typeset`; in the ``"edition"`` layout a
        collection's lead story jumps from the front page to its continuation).
        """
        from newsdoc.render.jsonld import json_ld, json_script

        own: dict[str, Any]
        if isinstance(document, Article):
            template, own = "article.html.j2", {"article": document}
        elif isinstance(document, Collection):
            template, own = "collection.html.j2", {"collection": document, "labels_for": labels_for}
        else:
            raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")
        context = self._base_context(
            xhtml=xhtml,
            image_src=image_src,
            stylesheets=stylesheets,
            inline_css=inline_css,
            print_layout=print_layout,
        )
        linked = json_ld(document, linked_images=linked_images) if include_json_ld else None
        if print_layout is not None:
            context["print_names"] = print_names(document)
        context.update(
            own,
            labels=labels_for(document.language),
            json_ld=json_script(linked) if linked is not None else "",
        )
        return self._page(template, context, xhtml)

    def content(self, article: Article, *, image_src: ImageSource) -> str:
        """The content of ``article`` as a feed entry carries it: an HTML fragment of its
        lead picture, key points, sections, related links, corrections, source and rights,
        without the page around it or the header (the ``entry.html.j2`` template).

        >>> from newsdoc import Article, Paragraph, Section
        >>> article = Article(id="urn:newsdoc:1", headline="Hi",
        ...                   sections=[Section(blocks=[Paragraph(content="Words.")])])
        >>> "<p>Words.</p>" in Renderer().content(article, image_src=lambda f: f.src)
        True
        """
        context = self._base_context(
            xhtml=False, image_src=image_src, stylesheets=(), inline_css=False
        )
        context.update(article=article, labels=labels_for(article.language))
        return self.render_template("entry.html.j2", **context).strip()

    def _page(self, name: str, context: dict[str, Any], xhtml: bool) -> str:
        page = self.render_template(name, **context)
        return _XHTML_PROLOGUE + page if xhtml else page
