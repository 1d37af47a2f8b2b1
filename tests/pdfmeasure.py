"""Measuring a printed page as a layout editor looks at it, with pdfplumber.

Each helper takes a pdfplumber page (or document) and returns numbers, never a verdict, so a
test can report them and the "before and after" of a layout change can be written down:

- :func:`overprinted`: characters printed over other text lines (:func:`over_pictures`:
  over a picture);
- :func:`off_page` and :func:`outside_measure`: characters past the page (its trim box) or
  past the text area's left and right margins;
- :func:`fill`: how far down the text area a page's content reaches;
- :func:`column_holes`: the tallest empty stretch inside a column (and, on a page that is not
  the last, at a column's foot);
- :func:`has_text`: whether a phrase is on a page, hyphenation and line breaks aside;
- :func:`hyphen_run`: the most consecutive lines of a column that end in a hyphen;
- :func:`machine_dates`: dates and zones in machine form (``2026-05-04 09:30``, ``UTC+04:00``);
- :func:`stranded_headings`: headings with fewer than two lines of body text under them on
  their page and in their column;
- :func:`running_head_lines`: how many lines the running head takes;
- :func:`split_rows` and :func:`pages_without_header`: a table's rows broken across pages and
  pages of a table without its header row.

Geometry is in PDF points from the top left of the page, as pdfplumber gives it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

Char = dict[str, Any]
Line = list[Char]
Box = tuple[float, float, float, float]  # x0, top, x1, bottom

MM = 72 / 25.4
#: Characters WeasyPrint writes at the end of a hyphenated line.
HYPHENS = frozenset("-\u2010\u00ad")
#: A date, a time or a zone offset as a machine writes it.
MACHINE_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2})?|\bUTC[+\u2212-]\d{2}:\d{2}|\b\d{2}:\d{2}:\d{2}\b"
)


def baseline(char: Char) -> float:
    """The baseline of ``char``, from the top of its page."""
    return float(char.get("page_height", 0)) - float(char["matrix"][5])


def chars_of(page: Any) -> list[Char]:
    """The visible characters of ``page`` (spaces aside), each knowing its page's height."""
    height = float(page.height)
    chars = []
    for char in page.chars:
        if not char["text"].strip():
            continue
        chars.append({**char, "page_height": height})
    return chars


def lines_of(chars: Iterable[Char]) -> list[Line]:
    """``chars`` gathered into lines: one baseline and one run of x without a wide gap."""
    rows: dict[float, list[Char]] = {}
    for char in chars:
        key = round(baseline(char) * 2) / 2
        near = next((k for k in (key, key - 0.5, key + 0.5) if k in rows), key)
        rows.setdefault(near, []).append(char)
    lines: list[Line] = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        current: Line = [row[0]]
        for char in row[1:]:
            if char["x0"] - current[-1]["x1"] > 1.5 * char["size"]:
                lines.append(current)
                current = []
            current.append(char)
        lines.append(current)
    lines.sort(key=lambda line: (baseline(line[0]), line[0]["x0"]))
    return lines


def text_of(line: Sequence[Char]) -> str:
    """The text of a line, a space where the gap between two characters is wide."""
    parts = [line[0]["text"]]
    for before, char in itertools.pairwise(line):
        if char["x0"] - before["x1"] > 0.15 * char["size"]:
            parts.append(" ")
        parts.append(char["text"])
    return "".join(parts)


def bbox(line: Sequence[Char]) -> Box:
    """The box around a line's characters."""
    return (
        min(c["x0"] for c in line),
        min(c["top"] for c in line),
        max(c["x1"] for c in line),
        max(c["bottom"] for c in line),
    )


def _ink(char: Char) -> Box:
    """Roughly where a character's ink is: from cap height to a little below the baseline."""
    base, size = baseline(char), float(char["size"])
    inset = 0.15 * (char["x1"] - char["x0"])
    return (char["x0"] + inset, base - 0.7 * size, char["x1"] - inset, base + 0.12 * size)


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def overprinted(page: Any) -> int:
    """How many characters are printed over a character of another line."""
    chars = chars_of(page)
    inks = [_ink(c) for c in chars]
    grid: dict[tuple[int, int], list[int]] = {}
    for index, box in enumerate(inks):
        for gx in range(int(box[0] // 20), int(box[2] // 20) + 1):
            for gy in range(int(box[1] // 20), int(box[3] // 20) + 1):
                grid.setdefault((gx, gy), []).append(index)
    bad: set[int] = set()
    for cell in grid.values():
        for i in cell:
            for j in cell:
                if i >= j or (i in bad and j in bad):
                    continue
                if abs(baseline(chars[i]) - baseline(chars[j])) < 0.3 * chars[i]["size"]:
                    continue  # the same line: kerning may touch, it does not overprint
                if _overlap(inks[i], inks[j]):
                    bad.update((i, j))
    return len(bad)


def over_pictures(page: Any) -> int:
    """How many characters stand over a picture.

    A picture cropped to its frame (``object-fit: cover``) is drawn whole under a clip, and
    pdfplumber sees the whole: text next to a cropped picture counts here, so this is a
    figure to look at, not a fault by itself.
    """
    found = 0
    for image in page.images:
        shrunk = (image["x0"] + 1, image["top"] + 1, image["x1"] - 1, image["bottom"] - 1)
        for box in map(_ink, chars_of(page)):
            middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            if shrunk[0] < middle[0] < shrunk[2] and shrunk[1] < middle[1] < shrunk[3]:
                found += 1
    return found


def trim_box(page: Any) -> Box:
    """The page's trim box (its media box where it has none), from the top left."""
    attrs = page.page_obj.attrs
    raw = attrs.get("TrimBox") or attrs.get("MediaBox")
    x0, y0, x1, y1 = (float(v) for v in _resolve(raw))
    height = float(page.height)
    media_y0 = float(_resolve(attrs["MediaBox"])[1])
    return (x0, height - (y1 - media_y0), x1, height - (y0 - media_y0))


def _resolve(value: Any) -> Any:
    resolve = getattr(value, "resolve", None)
    return resolve() if callable(resolve) else value


def off_page(page: Any) -> int:
    """How many characters reach past the page's trim box."""
    x0, top, x1, bottom = trim_box(page)
    return sum(
        1
        for c in chars_of(page)
        if c["x0"] < x0 - 0.5
        or c["x1"] > x1 + 0.5
        or c["top"] < top - 0.5
        or c["bottom"] > bottom + 0.5
    )


def outside_measure(page: Any, left: float, right: float, top: float, bottom: float) -> int:
    """How many characters of the text area (between ``top`` and ``bottom``) stand past its
    ``left`` and ``right`` edges, into the side margins or off the page."""
    return sum(
        1
        for c in chars_of(page)
        if top - 1 <= baseline(c) <= bottom + 1 and (c["x0"] < left - 1 or c["x1"] > right + 1)
    )


def _content(page: Any, top: float, bottom: float) -> list[Box]:
    boxes = [bbox(line) for line in lines_of(chars_of(page))]
    boxes += [(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
    # Rules across the measure (a table's row lines, a pull quote's rules) and boxes (the key
    # points' background) are content; the thin vertical rules between columns are not.
    boxes += [
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in (*page.rects, *page.lines)
        if r["width"] > 20
    ]
    return [b for b in boxes if b[1] >= top - 2 and b[3] <= bottom + 2]


def fill(page: Any, top: float, bottom: float) -> float:
    """How far down the text area (``top`` to ``bottom``) the page's text and pictures reach,
    as a share of its height."""
    boxes = _content(page, top, bottom)
    if not boxes:
        return 0.0
    return (max(b[3] for b in boxes) - top) / (bottom - top)


def column_holes(
    page: Any, columns: Sequence[tuple[float, float]], top: float, bottom: float, *, last: bool
) -> float:
    """The tallest empty stretch inside any of ``columns`` (x ranges) on the page, in points.

    A column counts what overlaps it: its own lines, and the headers, pictures and tables set
    across the columns. The stretch at a column's foot counts too unless the page is ``last``
    (the end of a document may stop anywhere). An empty column counts only below content that
    spans it (a page whose text ends before the columns start has no hole).
    """
    boxes = _content(page, top, bottom)
    tallest = 0.0
    for left, right in columns:
        mine = sorted(
            (
                b
                for b in boxes
                if min(b[2], right) - max(b[0], left) > 0.3 * min(right - left, b[2] - b[0])
            ),
            key=lambda b: b[1],
        )
        if not mine:
            continue
        reach = mine[0][3]
        for box in mine[1:]:
            tallest = max(tallest, box[1] - reach)
            reach = max(reach, box[3])
        if not last:
            tallest = max(tallest, bottom - reach)
    return tallest


def _squash(text: str) -> str:
    return re.sub(r"[\s\u2010\u00ad-]+", "", text)


def has_text(page: Any, phrase: str, columns: Sequence[tuple[float, float]] = ()) -> bool:
    """Whether ``phrase`` is printed on ``page``, line breaks, spaces and hyphens aside: across
    the page, or down one of ``columns`` (read across, the columns' lines interleave)."""
    texts = [page.extract_text() or ""]
    for left, right in columns:
        texts.append(page.crop((left - 1, 0, right + 1, page.height)).extract_text() or "")
    return any(_squash(phrase) in _squash(text) for text in texts)


def hyphen_run(page: Any, columns: Sequence[tuple[float, float]]) -> int:
    """The most consecutive lines of one column on ``page`` that end in a hyphen."""
    longest = 0
    lines = lines_of(chars_of(page))
    for left, right in columns:
        mine = [line for line in lines if left - 1 <= line[0]["x0"] and line[-1]["x1"] <= right + 1]
        run, previous = 0, None
        for line in mine:
            size = line[0]["size"]
            if previous is not None and baseline(line[0]) - previous > 2.2 * size:
                run = 0  # a gap: a new block
            run = run + 1 if line[-1]["text"] in HYPHENS else 0
            longest = max(longest, run)
            previous = baseline(line[0])
    return longest


def machine_dates(text: str) -> list[str]:
    """The dates, times and zone offsets in ``text`` written as a machine writes them."""
    return [match.group(0) for match in MACHINE_DATE.finditer(text)]


def body_size(document: Any) -> float:
    """The commonest type size of a document: its body text."""
    sizes = Counter(round(c["size"], 1) for page in document.pages for c in page.chars)
    return float(sizes.most_common(1)[0][0])


def stranded_headings(
    document: Any, headings: Iterable[str], top: float, bottom: float
) -> list[tuple[int, str]]:
    """The headings (page index, text) with fewer than two lines of body text below them on
    their page, in the columns they stand over; the last page aside."""
    size = body_size(document)
    wanted = [(h, _squash(" ".join(h.split()[:3]))) for h in headings]
    found: list[tuple[int, str]] = []
    for number, page in enumerate(document.pages[:-1]):
        lines = [line for line in lines_of(chars_of(page)) if top - 2 <= line[0]["top"] <= bottom]
        for index, line in enumerate(lines):
            squashed = _squash(text_of(line))
            match = next((h for h, key in wanted if key and squashed.startswith(key)), None)
            if match is None or abs(line[0]["size"] - size) < 0.3:
                continue
            x0, _, x1, _ = bbox(line)
            below = [
                other
                for other in lines[index + 1 :]
                if abs(other[0]["size"] - size) < 0.3
                and min(x1, bbox(other)[2]) - max(x0, bbox(other)[0]) > 0
            ]
            if len(below) < 2:
                found.append((number, match))
    return found


def running_head_lines(page: Any, top: float) -> int:
    """How many lines of text stand in the top margin (above ``top``): baselines less than
    half a line apart (boxes in different fonts, centred) are one line."""
    found = sorted((baseline(c), float(c["size"])) for c in chars_of(page) if c["bottom"] < top - 1)
    lines, previous = 0, None
    for base, size in found:
        if previous is None or base - previous > 0.6 * size:
            lines += 1
            previous = base
    return lines


def _words(page: Any) -> list[dict[str, Any]]:
    return list(page.extract_words(extra_attrs=["size"], keep_blank_chars=False))


def _find(words: list[dict[str, Any]], token: str, size: float | None = None) -> Iterator[Any]:
    for word in words:
        if word["text"].strip("()") == token.strip("()") and (
            size is None or abs(word["size"] - size) < 0.3
        ):
            yield word


def split_rows(document: Any, rows: Sequence[tuple[str, Sequence[str]]]) -> list[str]:
    """The rows of a table that are broken across pages (or lost).

    Each row is given as an anchor (a word only that row prints, such as a figure) and its
    other words; a row is whole when every word stands on the anchor's page, in the anchor's
    type size, within a few lines of it.
    """
    pages = [_words(page) for page in document.pages]
    broken: list[str] = []
    for anchor, others in rows:
        place = next(((n, w) for n, words in enumerate(pages) for w in _find(words, anchor)), None)
        if place is None:
            broken.append(anchor)
            continue
        number, word = place
        for token in others:
            near = [
                w
                for w in _find(pages[number], token, word["size"])
                if abs(w["top"] - word["top"]) < 12 * word["size"]
            ]
            if not near:
                broken.append(anchor)
                break
    return broken


def pages_without_header(document: Any, anchors: Sequence[str], header_word: str) -> list[int]:
    """The pages holding a table's rows (found by their ``anchors``) with no header row above
    them: no ``header_word`` in the rows' type size above the first row on the page."""
    missing: list[int] = []
    for number, page in enumerate(document.pages):
        words = _words(page)
        hits = [w for anchor in anchors for w in _find(words, anchor)]
        if not hits:
            continue
        first = min(hits, key=lambda w: w["top"])
        heads = [
            w
            for w in _find(words, header_word)
            if w["top"] < first["top"] and abs(w["size"] - first["size"]) < 1.5
        ]
        if not heads:
            missing.append(number)
    return missing
