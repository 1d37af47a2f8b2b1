"""Tagged PDF: a language on every structure element, and logical text for right-to-left runs.

WeasyPrint builds the structure tree of a tagged PDF (``pdf_tags=True``) but gives only the
document its language, and writes right-to-left text as glyphs in visual order, so an
extractor that reads glyphs (``pdftotext``, pdfminer) gets Arabic and Hebrew reversed, with
ligatures such as lam-alef turned around. :func:`install` adds, once per process and only to
tagged output:

- ``/Lang`` on every structure element, from the language WeasyPrint computed for its box
  (the ``lang`` attribute of the element or of its nearest ancestor);
- ``/ActualText`` with the box's text in logical order on the structure element of each
  right-to-left text run (read by structure-aware extractors and screen readers).

The ActualText goes on the structure element only, not into the content stream's marked
content: poppler's ``pdftotext`` reorders right-to-left glyphs into logical order itself
(ligatures included) and would turn an ActualText written there around a second time.

It wraps one internal of WeasyPrint, the structure-tree builder; where a WeasyPrint release
lacks it, :func:`install` changes nothing and returns ``False``, and the PDF is tagged as
WeasyPrint tags it (the tests then fail, which is how a change of WeasyPrint shows).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Any

__all__ = ["RIGHT_TO_LEFT", "install"]

#: Letters of the right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, Samaritan ...),
#: with their presentation forms.
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def _lang_of(box: Any) -> str | None:
    style = getattr(box, "style", None)
    if style is None:
        return None
    try:
        lang = style["lang"]
    except (KeyError, TypeError):
        return None
    return lang if isinstance(lang, str) and lang else None


def _object_number(reference: Any) -> int | None:
    """The object number of a pydyf reference (``b"12 0 R"``)."""
    text = reference.decode("ascii") if isinstance(reference, bytes) else str(reference)
    head = text.split(" ", 1)[0]
    return int(head) if head.isdigit() else None


@cache
def install() -> bool:
    """Teach WeasyPrint's tagging per-element languages and logical right-to-left text.

    Returns whether it could (``False`` when this WeasyPrint has other internals).

    >>> install() in (True, False)
    True
    """
    try:
        import pydyf
        from weasyprint.formatting_structure import boxes
        from weasyprint.pdf import tags as weasy_tags
    except ImportError:  # pragma: no cover - WeasyPrint is a dependency
        return False
    build_box_tree = getattr(weasy_tags, "_build_box_tree", None)
    if build_box_tree is None:
        return False

    def build(
        box: Any, parent: Any, pdf: Any, page_number: Any, nums: Any, annotations: Any, tags: Any
    ) -> Iterator[Any]:
        # The right-to-left runs among this box's text (in its lines, or its own for an
        # inline box such as a link), by their marked-content id.
        logical: dict[int, str] = {}
        for child in getattr(box, "children", ()):
            runs = child.children if isinstance(child, boxes.LineBox) else [child]
            for run in runs:
                if isinstance(run, boxes.TextBox) and run in tags:
                    text = run.text
                    if RIGHT_TO_LEFT.search(text):
                        logical[tags[run]["mcid"]] = text
        lang = _lang_of(box)
        for element in build_box_tree(box, parent, pdf, page_number, nums, annotations, tags):
            if lang and "Lang" not in element:
                element["Lang"] = pydyf.String(lang)
            if element.get("S") == "/Link":
                # A link's runs are its own marked content: its text, if all of it is
                # right-to-left, is the link's ActualText.
                mcids = [kid for kid in element["K"] if isinstance(kid, int)]
                if mcids and all(mcid in logical for mcid in mcids):
                    element["ActualText"] = pydyf.String(" ".join(logical[m] for m in mcids))
                logical.clear()
            for mcid, text in logical.items():
                number = _object_number(nums.get(mcid, b""))
                if number is None or number >= len(pdf.objects):
                    continue
                kid = pdf.objects[number]
                if kid is not element and kid.get("S") != "/Link":
                    kid["ActualText"] = pydyf.String(text)
            logical.clear()
            yield element

    weasy_tags._build_box_tree = build
    return True
