"""The DOCX writer's styles, languages and fonts.

Every paragraph the writer makes has a named style, so an editor restyles the whole document
from the style gallery and newsdoc's reader (:data:`~newsdoc.formats.docx.reader.STYLE_MAP`)
knows each part again:

- Word's own: **Title** (the headline), **Subtitle** (the subheadline), **Heading 1** and
  **Heading 2** (sections; an article's headline in a collection), **Quote** and **Intense
  Quote** (a block and a pull quote), **List Bullet** and **List Number**, **Caption** (of a
  figure or a table), **Table Grid**, **TOC Heading** and **TOC 1**;
- pandoc's, which its reader and ours both know: **Abstract** (the summary), **Author** (a
  byline), **Date** (the dates in words), **Source Code** and **Verbatim Char** (preformatted
  text and inline code, in a monospace font);
- newsdoc's own: **Kicker** (section and genre above the headline), **Dateline**, **Picture**
  (the paragraph holding a figure's picture), **Credit**, **Attribution** (a quote's "— Name,
  role"), **Panel Heading** (over key points, corrections and related links), **Key Point**,
  **Correction**, **Related Link** and **Rights**.

A style the reference document already has is used as it is (its look is the house's); a
missing one is added with newsdoc's look. Fonts: a run's text is split by script, and each
script gets a font that covers it (:func:`font_for`): Armenian, Georgian, Hebrew, Arabic,
Devanagari, Thai and CJK have their Noto fonts; right-to-left scripts go in the complex-script
slot with ``w:rtl``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

import attrs
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

if TYPE_CHECKING:
    from docx.document import Document as WordDocument

__all__ = [
    "BODY_FONT",
    "MONO_FONT",
    "PPR_ORDER",
    "RPR_ORDER",
    "Font",
    "ensure_styles",
    "font_for",
    "language_parts",
    "set_child",
    "set_defaults",
    "split_scripts",
]

PPR_ORDER = (
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
)
RPR_ORDER = (
    "rStyle",
    "rFonts",
    "b",
    "bCs",
    "i",
    "iCs",
    "caps",
    "smallCaps",
    "strike",
    "dstrike",
    "outline",
    "shadow",
    "emboss",
    "imprint",
    "noProof",
    "snapToGrid",
    "vanish",
    "webHidden",
    "color",
    "spacing",
    "w",
    "kern",
    "position",
    "sz",
    "szCs",
    "highlight",
    "u",
    "effect",
    "bdr",
    "shd",
    "fitText",
    "vertAlign",
    "rtl",
    "cs",
    "em",
    "lang",
    "eastAsianLayout",
    "specVanish",
    "oMath",
)
BODY_FONT = "Noto Serif"
MONO_FONT = "DejaVu Sans Mono"


def set_child(parent: Any, tag: str, order: Sequence[str], **values: str) -> Any:
    """The ``w:tag`` child of ``parent`` (made, in schema order, if missing) with ``values``
    set as ``w:`` attributes."""
    name, later = _names(tag, tuple(order))
    found = parent.find(name)
    if found is None:
        found = OxmlElement(f"w:{tag}")
        for existing in parent:
            if existing.tag in later:
                existing.addprevious(found)
                break
        else:
            parent.append(found)
    for key, value in values.items():
        found.set(qn(f"w:{key}"), value)
    return found


@cache
def _names(tag: str, order: tuple[str, ...]) -> tuple[str, frozenset[str]]:
    """The qualified name of ``w:tag`` and those of the elements after it in ``order``."""
    later = frozenset(qn(f"w:{t}") for t in order[order.index(tag) + 1 :])
    return qn(f"w:{tag}"), later


@attrs.frozen
class Font:
    """A font for a script, and the slot of ``w:rFonts`` it goes in."""

    name: str
    slot: str  # "latin" (ascii and hAnsi), "cs" (complex scripts) or "eastAsia"
    rtl: bool = False


_ARABIC = Font("Noto Naskh Arabic", "cs", rtl=True)
_HEBREW = Font("Noto Serif Hebrew", "cs", rtl=True)
_CJK = Font("Noto Serif CJK SC", "eastAsia")
_RANGES: tuple[tuple[int, int, Font], ...] = (
    (0x0530, 0x058F, Font("Noto Serif Armenian", "latin")),
    (0xFB13, 0xFB17, Font("Noto Serif Armenian", "latin")),
    (0x0590, 0x05FF, _HEBREW),
    (0xFB1D, 0xFB4F, _HEBREW),
    (0x0600, 0x06FF, _ARABIC),
    (0x0750, 0x077F, _ARABIC),
    (0x08A0, 0x08FF, _ARABIC),
    (0xFB50, 0xFDFF, _ARABIC),
    (0xFE70, 0xFEFF, _ARABIC),
    (0x0900, 0x097F, Font("Noto Serif Devanagari", "cs")),
    (0x0E00, 0x0E7F, Font("Noto Serif Thai", "cs")),
    (0x10A0, 0x10FF, Font("Noto Serif Georgian", "latin")),
    (0x1C90, 0x1CBF, Font("Noto Serif Georgian", "latin")),
    (0x3040, 0x30FF, _CJK),
    (0x3400, 0x4DBF, _CJK),
    (0x4E00, 0x9FFF, _CJK),
    (0xAC00, 0xD7AF, _CJK),
)


#: The font of the script a language is written in, for the document's default.
_LANGUAGE_FONTS = {
    "ar": _ARABIC,
    "fa": _ARABIC,
    "ur": _ARABIC,
    "he": _HEBREW,
    "yi": _HEBREW,
    "zh": _CJK,
    "ja": _CJK,
    "ko": _CJK,
}


def font_for(char: str) -> Font | None:
    """The font of a character's script, ``None`` for Latin, Greek, Cyrillic and neutral
    characters (the body font has them).

    >>> font_for("Ա").name, font_for("ع").rtl, font_for("a")
    ('Noto Serif Armenian', True, None)
    """
    code = ord(char)
    if code < 0x0530:
        return None
    for first, last, font in _RANGES:
        if first <= code <= last:
            return font
    return None


def _neutral(char: str) -> bool:
    return not char.isalpha()


def split_scripts(text: str) -> Iterator[tuple[str, Font | None]]:
    """``text`` in pieces of one script each; spaces, digits and punctuation stay with the
    piece they are in.

    >>> [(piece, font and font.name) for piece, font in split_scripts("Gyumri (Գյումրի)")]
    [('Gyumri (', None), ('Գյումրի)', 'Noto Serif Armenian')]
    """
    if not text or max(text) < "\u0530":  # Latin, Greek and Cyrillic only: one piece
        yield text, None
        return
    piece: list[str] = []
    current: Font | None = None
    started = False
    for char in text:
        if _neutral(char) or not started:
            font = current if _neutral(char) else font_for(char)
            if not _neutral(char):
                started = True
                current = font
            piece.append(char)
            continue
        font = font_for(char)
        if font != current:
            yield "".join(piece), current
            piece, current = [], font
        piece.append(char)
    if piece:
        yield "".join(piece), current


def language_parts(lang: str, rtl: bool) -> dict[str, str]:
    """The ``w:lang`` attributes of a language: ``bidi`` for a right-to-left one, ``eastAsia``
    for Chinese, Japanese and Korean, else ``val``."""
    primary = lang.split("-", 1)[0].lower()
    if rtl:
        return {"bidi": lang}
    if primary in {"zh", "ja", "ko"}:
        return {"eastAsia": lang}
    return {"val": lang}


@attrs.frozen
class _Spec:
    name: str
    base: str = "Normal"
    character: bool = False
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    caps: bool = False
    color: str | None = None
    align: WD_ALIGN_PARAGRAPH | None = None
    before: float | None = None
    after: float | None = None
    keep_next: bool = False
    indent: float | None = None
    mono: bool = False
    underline: bool = False
    page_break: bool = False


_STYLE_ORDER = (
    "name",
    "aliases",
    "basedOn",
    "next",
    "link",
    "autoRedefine",
    "hidden",
    "uiPriority",
    "semiHidden",
    "unhideWhenUsed",
    "qFormat",
    "locked",
    "personal",
    "personalCompose",
    "personalReply",
    "rsid",
    "pPr",
    "rPr",
    "tblPr",
    "trPr",
    "tcPr",
    "tblStylePr",
)
_GREY = "595959"
_BUILT_IN = frozenset({"Title", "Subtitle", "Quote", "Intense Quote", "TOC Heading", "TOC 1"})
_SPECS = (
    # Word's own, in case a reference document lacks them
    _Spec("Title", size=26, bold=True, after=6, keep_next=True),
    _Spec("Subtitle", size=14, color=_GREY, after=8, keep_next=True),
    _Spec("Heading 1", size=16, bold=True, before=18, after=6, keep_next=True),
    _Spec("Heading 2", size=13, bold=True, before=14, after=4, keep_next=True),
    _Spec("Heading 3", size=12, bold=True, before=12, after=4, keep_next=True),
    _Spec("Heading 4", size=11, bold=True, italic=True, before=10, after=2, keep_next=True),
    _Spec("Heading 5", size=11, italic=True, before=10, after=2, keep_next=True),
    _Spec("Heading 6", size=10, italic=True, before=8, after=2, keep_next=True),
    _Spec("Quote", italic=True, indent=36, before=6, after=6),
    _Spec("Intense Quote", size=14, italic=True, bold=True, indent=36, before=12, after=12),
    _Spec("List Bullet", after=2),
    _Spec("List Number", after=2),
    _Spec("Caption", size=9, italic=True, after=10),
    _Spec("TOC Heading", size=14, bold=True, after=6, keep_next=True),
    _Spec("TOC 1", after=2),
    # pandoc's
    _Spec("Abstract", size=12.5, after=10, keep_next=True),
    _Spec("Author", size=10, bold=True, after=0, keep_next=True),
    _Spec("Date", size=9, color=_GREY, after=10, keep_next=True),
    _Spec("Source Code", size=9, mono=True, before=4, after=8),
    _Spec("Verbatim Char", base="Default Paragraph Font", character=True, mono=True),
    _Spec(
        "Hyperlink",
        base="Default Paragraph Font",
        character=True,
        color="0563C1",
        underline=True,
    ),
    # newsdoc's
    _Spec("Kicker", size=9, bold=True, caps=True, color="8A1C1C", after=2, keep_next=True),
    _Spec("Dateline", size=9, caps=True, after=0, keep_next=True),
    _Spec("Picture", align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=0, keep_next=True),
    _Spec("Credit", size=8, color=_GREY, align=WD_ALIGN_PARAGRAPH.RIGHT, after=2, keep_next=True),
    _Spec("Attribution", size=10, align=WD_ALIGN_PARAGRAPH.RIGHT, after=8),
    _Spec("Panel Heading", size=11, bold=True, before=16, after=4, keep_next=True),
    _Spec("Key Point", after=2),
    _Spec("Correction", size=9, italic=True, after=4),
    _Spec("Related Link", after=2),
    _Spec("Rights", size=8, color=_GREY, before=12),
)


def ensure_styles(document: WordDocument, *, own_look: bool) -> None:
    """Add the styles the writer uses that ``document`` lacks; with ``own_look`` (no
    reference document) give Word's own styles newsdoc's look as well."""
    from docx.styles import BabelFish
    from docx.styles.style import StyleFactory

    styles = document.styles
    # python-docx finds a style by name with a walk over all of them: once, here
    known: dict[str, Any] = {str(style.name): style for style in styles}
    for spec in _SPECS:
        style = known.get(spec.name)
        if style is not None and not own_look:
            continue
        if style is None:
            kind = WD_STYLE_TYPE.CHARACTER if spec.character else WD_STYLE_TYPE.PARAGRAPH
            internal = BabelFish.ui2internal(spec.name)
            builtin = internal != spec.name or spec.name in _BUILT_IN
            element = styles.element.add_style_of_type(internal, kind, builtin)
            style = known[spec.name] = StyleFactory(element)
            if spec.base in known:
                element.get_or_add_basedOn().val = known[spec.base].style_id
        style.hidden = False
        style.quick_style = True
        _look(style, spec)
    names = set(known)
    if "Table Grid" not in names:
        table = styles.add_style("Table Grid", WD_STYLE_TYPE.TABLE)
        properties = set_child(table.element, "tblPr", _STYLE_ORDER)
        borders = set_child(properties, "tblBorders", ("tblStyle", "tblBorders"))
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
            element = OxmlElement(f"w:{edge}")
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "auto")):
                element.set(qn(f"w:{key}"), value)
            borders.append(element)


def _look(style: Any, spec: _Spec) -> None:
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
        set_child(style.element.get_or_add_rPr(), "szCs", RPR_ORDER, val=str(int(spec.size * 2)))
    if spec.bold is not None:
        font.bold = spec.bold
        font.cs_bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
        font.cs_italic = spec.italic
    if spec.caps:
        font.all_caps = True
    if spec.color is not None:
        font.color.rgb = RGBColor.from_string(spec.color)
    if spec.underline:
        font.underline = True
    if spec.mono:
        set_child(
            style.element.get_or_add_rPr(), "rFonts", RPR_ORDER, ascii=MONO_FONT, hAnsi=MONO_FONT
        )
    if spec.character:
        return
    paragraph = style.paragraph_format
    if spec.align is not None:
        paragraph.alignment = spec.align
    if spec.before is not None:
        paragraph.space_before = Pt(spec.before)
    if spec.after is not None:
        paragraph.space_after = Pt(spec.after)
    if spec.keep_next:
        paragraph.keep_with_next = True
    if spec.indent is not None:
        paragraph.left_indent = Pt(spec.indent)
        paragraph.right_indent = Pt(spec.indent)


def set_defaults(
    document: WordDocument, language: str, rtl: bool, fonts: set[Font], *, own_look: bool
) -> None:
    """The document's language and fonts, on its default run properties (the ``Normal``
    style inherits them): the language in ``w:lang`` (``bidi`` for a right-to-left one), a
    font for each script the document uses; newsdoc's body font unless the reference
    document has its own."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    holder = set_child(defaults, "rPrDefault", ("rPrDefault", "pPrDefault"))
    rpr = set_child(holder, "rPr", ("rPr",))
    lang = language_parts(language, rtl)
    if rtl:
        lang["val"] = "en-GB"  # the language of any Latin text in it
    set_child(rpr, "lang", RPR_ORDER, **lang)
    slots: dict[str, str] = {}
    if own_look:
        slots.update(ascii=BODY_FONT, hAnsi=BODY_FONT)
    own = _LANGUAGE_FONTS.get(language.split("-", 1)[0].lower())
    for font in sorted(fonts, key=lambda f: (f == own, f.rtl, f.name)):  # the language's last
        if font.slot in ("cs", "eastAsia"):
            slots[font.slot] = font.name
    if slots:
        rfonts = set_child(rpr, "rFonts", RPR_ORDER)
        for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
            if theme.lower().removesuffix("theme") in {s.lower() for s in slots}:
                rfonts.attrib.pop(qn(f"w:{theme}"), None)
        for key, value in slots.items():
            rfonts.set(qn(f"w:{key}"), value)
