"""PDF time per article: newsdoc beside plain WeasyPrint and headless Chromium, in one run.

1. newsdoc's PDF writer on the example article (warm, in-process).
2. Plain WeasyPrint rendering the same HTML page newsdoc renders (newsdoc's overhead is the
   difference: the print style sheets, the safe URL fetcher, metadata).
3. Headless Chromium's print-to-pdf of the same HTML page (one process per page, as a user
   of Chromium would run it).
4. What tagging costs: the same article tagged (the default: structure tree, a language on
   every block, logical text on right-to-left runs) and untagged (``tagged=False``), in the
   report and newspaper layouts and for the right-to-left fixture.
5. Pages per second for a batch of 50 articles on both cores (``convert_many(jobs=2)``).

Run: ``.venv/bin/python benchmarks/pdf_bench.py``
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import attrs
import weasyprint

import newsdoc as nd
from newsdoc.conversion import convert_many
from newsdoc.formats import html, pdf

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-pdf-header-footer",
]


def timed(function: Callable[[], object], runs: int = 5) -> float:
    """Median seconds of ``runs`` calls, after one warm-up call."""
    function()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def paired(
    first: Callable[[], object], second: Callable[[], object], runs: int = 10
) -> tuple[float, float]:
    """Median CPU seconds of ``first`` and of ``second``, called in turn (so a busy moment of
    the machine weighs on both alike), after one warm-up call each. CPU time, not wall time:
    the two differ by a few percent, which other processes on a shared machine would drown."""
    first()
    second()
    samples: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for function, found in ((first, samples[0]), (second, samples[1])):
            start = time.process_time()
            function()
            found.append(time.process_time() - start)
    return statistics.median(samples[0]), statistics.median(samples[1])


def structure_tree_share(function: Callable[[], object], runs: int = 3) -> tuple[float, float]:
    """Milliseconds per call that WeasyPrint spends building the structure tree (its
    ``add_tags``), and their share of the whole call, from a profile (which slows every
    function alike, so the share holds where the absolute time does not)."""
    import cProfile
    import pstats

    function()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(runs):
        function()
    profile.disable()
    stats = pstats.Stats(profile)
    spent = sum(row[3] for key, row in stats.stats.items() if key[2] == "add_tags")
    total = stats.total_tt
    return spent / runs * 1000, spent / total


def pages(data: bytes) -> int:
    import pikepdf

    with pikepdf.open(__import__("io").BytesIO(data)) as document:
        return len(document.pages)


def main() -> None:
    article = nd.load(EXAMPLES / "article.json")
    assert isinstance(article, nd.Article)
    page = html.render(article, base_dir=EXAMPLES)
    ours = timed(lambda: pdf.write(article, base_dir=EXAMPLES))
    plain = timed(lambda: weasyprint.HTML(string=page).write_pdf())
    print(f"example article: {pages(pdf.write(article, base_dir=EXAMPLES))} pages")
    print(f"{'renderer':44} {'ms per article':>15}")
    print(f"{'newsdoc PDF writer (report layout)':44} {ours * 1000:15.0f}")
    print(f"{'plain WeasyPrint, same HTML':44} {plain * 1000:15.0f}")
    print(f"{'  newsdoc overhead':44} {(ours - plain) * 1000:15.0f}")
    print(f"\n{'what tagging costs (CPU ms, bytes)':44} {'tagged':>9} {'untagged':>9} {'cost':>7}")
    rtl = nd.load(ROOT / "tests" / "fixtures" / "rtl-article.json")
    for label, document, options in (
        ("example article, report", article, {"base_dir": EXAMPLES}),
        ("example article, newspaper", article, {"base_dir": EXAMPLES, "layout": "newspaper"}),
        ("right-to-left fixture, report", rtl, {"base_dir": ROOT / "tests" / "fixtures"}),
    ):
        tagged, untagged = paired(
            lambda d=document, o=options: pdf.write(d, **o),
            lambda d=document, o=options: pdf.write(d, tagged=False, **o),
        )
        size = len(pdf.write(document, **options))
        bare = len(pdf.write(document, tagged=False, **options))
        print(
            f"{label:44} {tagged * 1000:7.0f}ms {untagged * 1000:7.0f}ms "
            f"{(tagged / untagged - 1) * 100:+6.0f}%"
        )
        print(f"{'  file size':44} {size:9,d} {bare:9,d} {(size / bare - 1) * 100:+6.0f}%")
        spent, share = structure_tree_share(lambda d=document, o=options: pdf.write(d, **o))
        print(f"{'  building the structure tree (profiled)':44} {spent:7.1f}ms {share:18.1%}")
    print()
    chromium = shutil.which("chromium")
    if chromium:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "article.html"
            source.write_text(page, encoding="utf-8")
            target = Path(tmp) / "chromium.pdf"

            def chromium_print() -> None:
                subprocess.run(
                    [
                        chromium,
                        *CHROMIUM_FLAGS,
                        f"--user-data-dir={tmp}/profile",
                        f"--print-to-pdf={target}",
                        source.as_uri(),
                    ],
                    check=True,
                    capture_output=True,
                )

            seconds = timed(chromium_print, runs=3)
        print(f"{'headless Chromium print-to-pdf (process)':44} {seconds * 1000:15.0f}")
    else:
        print("headless Chromium: not installed (apt-get install chromium)")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "batch"
        folder.mkdir()
        for number in range(50):
            variant = attrs.evolve(
                article, id=f"urn:newsdoc:bench:{number}", headline=f"{article.headline} {number}"
            )
            nd.dump(variant, folder / f"story-{number:02d}.json")
        shutil.copytree(EXAMPLES / "images", folder / "images")
        start = time.perf_counter()
        results = convert_many([folder], ["pdf"], Path(tmp) / "out", jobs=2, force=True)
        elapsed = time.perf_counter() - start
        assert all(r.ok for r in results), [r for r in results if not r.ok][:1]
        total_pages = sum(pages(p.read_bytes()) for p in (Path(tmp) / "out").glob("*.pdf"))
    print(
        f"\nbatch of 50 articles on 2 cores: {elapsed:.1f} s, {total_pages} pages, "
        f"{total_pages / elapsed:.1f} pages/s, {elapsed / 50 * 1000:.0f} ms per article"
    )


if __name__ == "__main__":
    sys.exit(main())
