"""The HTML page on a phone, in the dark and on paper: measured in a headless Chromium.

The long stress story (tests/stress.py: a 40-row table, code with long lines, a long URL) and
the Arabic one are written as HTML and loaded, 390 CSS pixels wide (a phone), in an iframe of
a harness page, whose script measures the page and writes the figures into the DOM that
``chromium --dump-dom`` prints:

- the page is no wider than the screen (``scrollWidth <= innerWidth``): a wide table scrolls
  in its own box instead;
- code keeps every line's indentation: a code line is never wrapped onto a line of its own;
- with ``prefers-color-scheme: dark`` the page is light text on a dark ground, links and
  tables included, with the contrast WCAG asks for;
- the print style sheet (``@media print``): nothing scrolls, the table is whole, and a link
  prints its address.

Screenshots go to artifacts/ (``phone.png``, ``phone-dark.png``) for a person to look at.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import Any

import pytest

import newsdoc as nd
from newsdoc.formats import html
from tests import stress
from tests.conftest import ROOT

ARTIFACTS = ROOT / "artifacts"
PHONE = 390  # CSS pixels: the width of a common phone

#: The harness: the page in an iframe ``PHONE`` pixels wide; its script measures the page
#: once it has loaded and puts the figures in ``data-measure`` on the harness's body.
_HARNESS = """<!DOCTYPE html>
<html><head><meta charset="utf-8"/><title>harness</title></head>
<body style="margin:0">
<iframe id="page" src="PAGE" style="width:WIDTHpx;height:900px;border:0"></iframe>
<script>
const frame = document.getElementById("page");
frame.addEventListener("load", () => {
  const win = frame.contentWindow, doc = win.document;
  if (MEDIA) {
    // Print, measured on the screen page: the print rules in force, the screen rules not.
    for (const sheet of doc.styleSheets) {
      for (let i = sheet.cssRules.length - 1; i >= 0; i--) {
        const rule = sheet.cssRules[i];
        if (!rule.media) continue;
        if (rule.media.mediaText === "screen") sheet.deleteRule(i);
        if (rule.media.mediaText === "print") {
          for (const inner of [...rule.cssRules]) {
            sheet.insertRule(inner.cssText, sheet.cssRules.length);
          }
        }
      }
    }
  }
  const target = doc.querySelector("SCROLL");
  if (target) target.scrollIntoView();
  const style = (el) => win.getComputedStyle(el);
  const out = {
    innerWidth: win.innerWidth,
    scrollWidth: doc.documentElement.scrollWidth,
    dark: win.matchMedia("(prefers-color-scheme: dark)").matches,
    body: {color: style(doc.body).color, background: style(doc.documentElement).backgroundColor},
    wide: [], tables: [], pre: [], links: [], cells: [],
  };
  for (const el of doc.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.right > win.innerWidth + 0.5 && !el.closest(".table-scroll, pre")) {
      out.wide.push(el.tagName + "." + el.className + " " + Math.round(box.right));
    }
  }
  for (const table of doc.querySelectorAll("table")) {
    const box = table.parentElement;
    out.tables.push({
      wrapper: box.className, overflowX: style(box).overflowX,
      boxWidth: box.clientWidth, tableWidth: table.scrollWidth,
      focusable: box.tabIndex >= 0,
      rows: table.rows.length,
    });
  }
  for (const pre of doc.querySelectorAll("pre")) {
    const range = doc.createRange();
    range.selectNodeContents(pre);
    const lines = pre.textContent.split("\\n");
    out.pre.push({
      whiteSpace: style(pre).whiteSpace, overflowX: style(pre).overflowX,
      clientWidth: pre.clientWidth, scrollWidth: pre.scrollWidth,
      sourceLines: lines.length, height: pre.getBoundingClientRect().height,
      lineHeight: parseFloat(style(pre).lineHeight),
      padding: parseFloat(style(pre).paddingTop) + parseFloat(style(pre).paddingBottom),
      textIndent: style(pre).textIndent,
    });
  }
  for (const a of doc.querySelectorAll("main a[href^='http']")) {
    out.links.push({
      color: style(a).color,
      background: style(a.closest("p, li, td, figcaption, div") || doc.body).backgroundColor,
      after: win.getComputedStyle(a, "::after").content,
      href: a.href,
    });
  }
  for (const cell of doc.querySelectorAll("td, th")) {
    out.cells.push({color: style(cell).color, border: style(cell).borderBottomColor});
    if (out.cells.length > 3) break;
  }
  document.body.setAttribute("data-measure", JSON.stringify(out));
});
</script>
</body></html>
"""


def _chromium() -> str:
    browser = os.environ.get("NEWSDOC_CHROMIUM") or shutil.which("chromium")
    if browser is None:
        pytest.skip("Chromium not found: apt-get install chromium (or set NEWSDOC_CHROMIUM)")
    return browser


def _browse(harness: Path, *flags: str, screenshot: Path | None = None) -> str:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=5000",
            *flags,
        ]
        if screenshot is not None:
            command += ["--window-size=500,900", f"--screenshot={screenshot}"]
        else:
            command += ["--window-size=500,900", "--dump-dom"]
        result = subprocess.run(
            [*command, harness.as_uri()], capture_output=True, timeout=120, check=True
        )
    return result.stdout.decode("utf-8")


def measure(
    folder: Path,
    document: nd.Article | nd.Collection,
    *,
    dark: bool = False,
    media_print: bool = False,
    width: int = PHONE,
    screenshot: Path | None = None,
    scroll: str = "none",
) -> dict[str, Any]:
    """The figures of ``document``'s HTML page ``width`` pixels wide (see the harness)."""
    page = folder / "page.html"
    if not page.exists():
        page.write_bytes(html.write(document, base_dir=str(stress.BASE_DIR)))
    name = f"harness-{width}-{int(media_print)}-{abs(hash(scroll))}.html"
    harness = folder / name
    harness.write_text(
        _HARNESS.replace("PAGE", page.name)
        .replace("WIDTH", str(width))
        .replace("MEDIA", "true" if media_print else "false")
        .replace("SCROLL", scroll),
        "utf-8",
    )
    flags = ["--force-dark-mode"] if dark else []
    if screenshot is not None:
        _browse(harness, *flags, screenshot=screenshot)
    dom = _browse(harness, *flags)
    start = dom.find('data-measure="')
    assert start >= 0, "the harness measured nothing: " + dom[:500]
    end = dom.index('"', start + len('data-measure="'))
    figures: dict[str, Any] = json.loads(html_lib.unescape(dom[start + 14 : end]))
    return figures


def _rgb(css: str) -> tuple[float, ...]:
    """The channels of an ``rgb()``/``rgba()`` colour as Chromium computes it."""
    inside = css[css.index("(") + 1 : css.rindex(")")].replace(",", " ").replace("/", " ")
    return tuple(float(part) for part in inside.split()[:3])


def contrast(foreground: str, background: str) -> float:
    """The WCAG contrast ratio of two computed colours."""

    def luminance(color: tuple[float, ...]) -> float:
        channels = []
        for value in color:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(_rgb(foreground)), luminance(_rgb(background))), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture(scope="module")
def long_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("long")


def test_a_phone_page_is_no_wider_than_the_screen(long_page: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    found = measure(long_page, stress.LONG_STORY, screenshot=ARTIFACTS / "phone.png")
    assert found["innerWidth"] == PHONE
    assert found["scrollWidth"] <= found["innerWidth"], found["wide"][:10]
    assert found["wide"] == []
    # The 40-row table is wider than the phone and scrolls in its own box, which a keyboard
    # can reach (a scrolling region must be focusable).
    (table,) = found["tables"]
    assert table["rows"] == 41
    assert table["tableWidth"] > table["boxWidth"]
    assert table["overflowX"] == "auto"
    assert table["focusable"]


def test_code_keeps_its_indentation_on_a_phone(long_page: Path) -> None:
    found = measure(long_page, stress.LONG_STORY)
    assert found["pre"], "the long story has code"
    for pre in found["pre"]:
        # Wrapped lines hang under their own line's start: no wrapped part of a line starts
        # at the left edge as if it were a line of its own.
        assert pre["whiteSpace"] in ("pre-wrap", "break-spaces")
        assert pre["scrollWidth"] <= pre["clientWidth"]  # nothing cut off or scrolled
        lines = round((pre["height"] - pre["padding"]) / pre["lineHeight"])
        if lines > pre["sourceLines"]:  # some line wraps: its continuation is indented
            assert pre["textIndent"].startswith("-") or "hanging" in pre["textIndent"]


def test_the_dark_scheme_is_light_on_dark_with_enough_contrast(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("dark")
    ARTIFACTS.mkdir(exist_ok=True)
    light = measure(folder, stress.LONG_STORY)
    dark = measure(folder, stress.LONG_STORY, dark=True, screenshot=ARTIFACTS / "phone-dark.png")
    assert dark["dark"]
    assert not light["dark"]
    assert sum(_rgb(dark["body"]["background"])) < 3 * 60  # a dark ground
    assert sum(_rgb(light["body"]["background"])) > 3 * 200
    for found in (light, dark):
        assert contrast(found["body"]["color"], found["body"]["background"]) >= 7
        for link in found["links"]:
            ground = link["background"]
            if _rgb(ground) == (0.0, 0.0, 0.0) and "rgba" in ground:  # transparent
                ground = found["body"]["background"]
            assert contrast(link["color"], ground) >= 4.5, link
        for cell in found["cells"]:
            assert contrast(cell["color"], found["body"]["background"]) >= 4.5
    assert dark["scrollWidth"] <= dark["innerWidth"]


def test_the_print_style_sheet_shows_link_addresses_and_whole_tables(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    folder = tmp_path_factory.mktemp("print")
    found = measure(folder, stress.LONG_STORY, media_print=True, width=700)
    (table,) = found["tables"]
    assert table["overflowX"] == "visible"  # a table on paper does not scroll
    addresses = [link for link in found["links"] if link["href"] in link["after"]]
    assert addresses, found["links"][:3]
    for pre in found["pre"]:
        assert pre["overflowX"] == "visible"
        assert pre["scrollWidth"] <= pre["clientWidth"]


def test_a_right_to_left_page_on_a_phone(tmp_path_factory: pytest.TempPathFactory) -> None:
    folder = tmp_path_factory.mktemp("rtl")
    found = measure(folder, stress.ARABIC_STORY)
    assert found["scrollWidth"] <= found["innerWidth"], found["wide"][:10]


def test_the_long_story_as_an_epub_passes_epubcheck_and_ace(tmp_path: Path) -> None:
    """The EPUB shares the style sheet and the table's scroll box: EPUBCheck and DAISY Ace
    find nothing in the long story's book (its wide table, code and dark scheme)."""
    from newsdoc.formats import epub
    from tests.test_epub import _problems, _run_ace, _violations, run_epubcheck

    book = tmp_path / "long.epub"
    book.write_bytes(epub.write(stress.LONG_STORY, base_dir=str(stress.BASE_DIR)))
    with zipfile.ZipFile(book) as archive:
        chapter = next(n for n in archive.namelist() if "text/article-" in n)
        assert 'class="table-scroll"' in archive.read(chapter).decode("utf-8")
    report = run_epubcheck([book])[book]
    assert _problems(report) == []
    assert report["checker"]["nFatal"] == report["checker"]["nError"] == 0
    assert _violations(_run_ace(book, tmp_path / "ace")) == []
