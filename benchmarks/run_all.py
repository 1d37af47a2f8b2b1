"""Every speed figure of newsdoc beside its anchor, in one run, as the table of
``docs/performance.md``.

Run from the project's root (``bash scripts/bench`` does this, after installing the ``bench``
extra)::

    .venv/bin/python benchmarks/run_all.py [--quick] [--only startup,json,wire,epub,pdf,batch]

It prints one Markdown table (area, measure, newsdoc, anchor, target) and the machine it ran
on. Times are the best of several runs (min-of-N): the in-process JSON and wire figures are
CPU time of this process (``time.process_time``), so other programs on a shared machine slow
them less; EPUB, PDF and new processes (start-up, pandoc, Chromium, batches) are wall-clock
time. The whole
run takes about four minutes (``--quick``: about one).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable
from pathlib import Path
from typing import Any

import orjson

import newsdoc as nd
from newsdoc.formats import json as nd_json

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
sys.path.insert(0, str(Path(__file__).resolve().parent))

Row = tuple[str, str, str, str, str]  # area, measure, newsdoc, anchor, target
ROWS: list[Row] = []


def row(area: str, measure: str, ours: str, anchor: str = "", target: str = "") -> None:
    """Add a line to the table and say it on standard error as it comes."""
    ROWS.append((area, measure, ours, anchor, target))
    print(f"  {area}: {measure}: {ours}  |  {anchor}", file=sys.stderr, flush=True)


def cpu_best(call: Callable[[], object], number: int, repeat: int = 7) -> float:
    """Best CPU seconds of one call, over ``repeat`` rounds of ``number`` calls."""
    call()
    rounds = timeit.repeat(call, number=number, repeat=repeat, timer=time.process_time)
    return min(rounds) / number


def wall_call(call: Callable[[], object], runs: int) -> float:
    """Best wall-clock seconds of one call over ``runs`` calls, after one warm-up (for work
    that also waits, on files or other threads, which CPU time would leave out)."""
    call()
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - start)
    return best


def wall_best(command: list[str], runs: int, **kwargs: Any) -> float:
    """Best wall-clock seconds of running ``command`` in a new process, after one warm-up."""
    subprocess.run(command, check=True, capture_output=True, **kwargs)
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, **kwargs)
        best = min(best, time.perf_counter() - start)
    return best


def quiet(call: Callable[[], object]) -> Callable[[], object]:
    """``call`` with its diagnostics collected, as the conversion path does for each article
    (outside it, each one would also be a Python warning)."""
    from newsdoc.diagnostics import collect

    def run() -> object:
        with collect():
            return call()

    return run


def us(seconds: float) -> str:
    return f"{seconds * 1e6:,.0f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:,.0f} ms"


def example() -> nd.Article:
    article = nd.load(EXAMPLES / "article.json")
    assert isinstance(article, nd.Article)
    return article


# --- start-up ------------------------------------------------------------------------------


def startup(runs: int) -> None:
    """New processes: ``newsdoc --help``, ``newsdoc formats``, one article JSON to NewsML-G2."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    python = sys.executable
    script = str(Path(python).with_name("newsdoc"))
    command = [script] if Path(script).exists() else [python, "-m", "newsdoc.cli"]
    subprocess.run([python, "-m", "compileall", "-q", str(ROOT / "src")], env=env, check=False)
    floor = wall_best([python, "-c", "import click"], runs, env=env)
    bare = wall_best([python, "-c", "pass"], runs, env=env)
    anchor = f"`import click` {ms(floor)} (Python alone {ms(bare)})"
    pandoc = shutil.which("pandoc")
    if pandoc:
        anchor += f"; `pandoc --help` {ms(wall_best([pandoc, '--help'], runs))}"
    row(
        "start-up",
        "`newsdoc --help`",
        ms(wall_best([*command, "--help"], runs, env=env)),
        anchor,
        "< 100 ms",
    )
    row(
        "start-up",
        "`newsdoc formats`",
        ms(wall_best([*command, "formats"], runs, env=env)),
        f"`import click` {ms(floor)}",
        "< 100 ms",
    )
    with tempfile.TemporaryDirectory() as out:
        convert = [*command, "convert", str(EXAMPLES / "article.json"), "--to", "newsml"]
        convert += ["-o", f"{out}/article.newsml.xml", "--force", "--quiet"]
        row(
            "start-up",
            "one article JSON → NewsML-G2, new process",
            ms(wall_best(convert, runs, env=env)),
            f"`import click` {ms(floor)}",
            "< 150 ms",
        )


# --- JSON ----------------------------------------------------------------------------------


def json_codec(number: int) -> None:
    """Dump + load of the example article: newsdoc beside pydantic v2 and msgspec."""
    import equivalents as eq

    article = example()
    data = nd_json.write(article, indent=False)
    m_article, p_article = eq.msgspec_load(data), eq.pydantic_load(data)
    ours_dump = cpu_best(lambda: nd_json.write(article, indent=False), number)
    ours_load = cpu_best(lambda: nd_json.read(data), number)
    p_dump = cpu_best(lambda: eq.pydantic_dump(p_article), number)
    p_load = cpu_best(lambda: eq.pydantic_load(data), number)
    m_dump = cpu_best(lambda: eq.msgspec_dump(m_article), number)
    m_load = cpu_best(lambda: eq.msgspec_load(data), number)
    ours, theirs = ours_dump + ours_load, p_dump + p_load
    row(
        "JSON",
        f"dump + load, example article ({len(data):,} bytes)",
        f"{us(ours)} ({us(ours_dump)} + {us(ours_load)})",
        f"pydantic v2 {us(theirs)} ({theirs / ours:.2f}× newsdoc's speed); "
        f"msgspec {us(m_dump + m_load)}",
        "2× pydantic: ≤ " + us(theirs / 2),
    )


# --- wire formats --------------------------------------------------------------------------


def wire(number: int) -> None:
    """NewsML-G2 and ninjs read and write of the example article."""
    from lxml import etree

    from newsdoc.formats import newsml, ninjs

    article = example()
    g2 = newsml.write(article)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    parse = cpu_best(lambda: etree.fromstring(g2, parser), number)
    anchor = f"lxml parse alone {us(parse)}"
    try:
        import NewsMLG2  # python-newsmlg2, IPTC's own (the bench extra)
    except ImportError:
        anchor += "; python-newsmlg2 not installed (pip install -e '.[bench]')"
    else:
        theirs = cpu_best(lambda: NewsMLG2.NewsMLG2Document(filename_or_string=g2), 1, 5)
        anchor += f"; python-newsmlg2 parse {us(theirs)}"
    tree = etree.fromstring(g2, parser)
    row(
        "NewsML-G2",
        "read",
        us(cpu_best(quiet(lambda: newsml.read(g2)), number)),
        anchor,
        "< 500 µs",
    )
    row(
        "NewsML-G2",
        "write",
        us(cpu_best(quiet(lambda: newsml.write(article)), number)),
        f"lxml serialise alone {us(cpu_best(lambda: etree.tostring(tree), number))}",
        "< 300 µs",
    )
    item = quiet(lambda: ninjs.write(article))()
    assert isinstance(item, bytes)
    row(
        "ninjs",
        "read",
        us(cpu_best(quiet(lambda: ninjs.read(item)), number)),
        f"orjson parse alone {us(cpu_best(lambda: orjson.loads(item), number))}",
        "< 500 µs",
    )
    row(
        "ninjs",
        "write",
        us(cpu_best(quiet(lambda: ninjs.write(article)), number)),
        f"newsdoc JSON write {us(cpu_best(lambda: nd_json.write(article), number))}",
        "< 300 µs",
    )


# --- EPUB and PDF --------------------------------------------------------------------------


def epub_figures(runs: int) -> None:
    """The example article's EPUB: newsdoc in-process beside pandoc (a process, Markdown in)."""
    import epub_bench
    from newsdoc.formats import epub

    article = example()
    ours = wall_call(lambda: epub.write(article, base_dir=EXAMPLES), runs)
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        row("EPUB", "example article", ms(ours), "pandoc not installed")
        return
    with tempfile.TemporaryDirectory() as scratch:
        out = Path(scratch)
        (out / "article.md").write_text(epub_bench.markdown(article), encoding="utf-8")
        shutil.copytree(EXAMPLES / "images", out / "images")
        command = [pandoc, "article.md", "-o", "pandoc.epub", "--resource-path", str(out)]
        theirs = wall_best(command, runs, cwd=out)
    row("EPUB", "example article, in-process", ms(ours), f"pandoc Markdown → EPUB {ms(theirs)}")


def pdf_figures(runs: int) -> None:
    """The example article's PDF: newsdoc beside bare WeasyPrint and headless Chromium."""
    try:
        import weasyprint

        import pdf_bench
        from newsdoc.formats import html, pdf
    except ImportError:
        row("PDF", "example article", "WeasyPrint not installed")
        return
    article = example()
    page = html.render(article, base_dir=EXAMPLES)
    ours = wall_call(lambda: pdf.write(article, base_dir=EXAMPLES), runs)
    bare = wall_call(lambda: weasyprint.HTML(string=page).write_pdf(), runs)
    anchor = f"bare WeasyPrint, same HTML {ms(bare)}"
    chromium = shutil.which("chromium")
    if chromium:
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "article.html"
            source.write_text(page, encoding="utf-8")
            command = [chromium, *pdf_bench.CHROMIUM_FLAGS, f"--user-data-dir={tmp}/profile"]
            command += [f"--print-to-pdf={tmp}/chromium.pdf", source.as_uri()]
            anchor += f"; headless Chromium (process) {ms(wall_best(command, max(2, runs - 1)))}"
    row("PDF", "example article, in-process", ms(ours), anchor)


# --- batches -------------------------------------------------------------------------------


def make_archive(folder: Path, count: int) -> None:
    """``count`` variations of the example article (no images) as newsdoc JSON files."""
    article = example()
    data = nd_json.to_dict(article)
    data.pop("lead_image", None)
    data["sections"] = [
        s for s in data.get("sections", ()) if all(b.get("type") != "figure" for b in s["blocks"])
    ]
    languages = ["en", "hy", "ru", "el", "ar", "he"]
    headline = data["headline"]
    for number in range(count):
        path = folder / f"{number // 500:03d}" / f"story-{number:05d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        data["id"] = f"urn:newsdoc:bench:{number}"
        data["headline"] = f"{headline} ({number})"
        data["language"] = languages[number % len(languages)]
        path.write_bytes(orjson.dumps(data))


_MEMORY = """
import resource, sys, tempfile
from newsdoc.conversion import iter_convert
with tempfile.TemporaryDirectory() as out:
    bad = sum(not r.ok for r in iter_convert([sys.argv[1]], ["json"], out + "/", jobs=2))
assert not bad
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def batches(cheap: int, epub_count: int, pdf_count: int, sizes: tuple[int, int]) -> None:
    """Articles per second with 1 and with 2 jobs for every format; peak memory of a run of
    ``sizes[0]`` and of ``sizes[1]`` articles, each in a new process."""
    from batch_bench import rate  # the same rate the single-topic script measures
    from newsdoc.formats import available_formats

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        made: dict[int, Path] = {}
        for fmt in [f.name for f in available_formats() if f.writable]:
            count = {"pdf": pdf_count, "epub": epub_count}.get(fmt, cheap)
            if count not in made:
                made[count] = base / f"archive-{count}"
                make_archive(made[count], count)
            one = rate(made[count], fmt, 1, count)
            two = rate(made[count], fmt, 2, count)
            row(
                "batch",
                f"{fmt}, {count:,} articles, 2 jobs (articles/s)",
                f"{two:,.1f}/s",
                f"1 job {one:,.1f}/s: {two / one:.2f}×",
                "≥ 1.8×",
            )
        peaks = []
        for count in sizes:
            folder = base / f"memory-{count}"
            make_archive(folder, count)
            found = subprocess.run(
                [sys.executable, "-c", _MEMORY, str(folder)],
                capture_output=True,
                text=True,
                check=True,
            )
            peaks.append((count, int(found.stdout.split()[-1]) / 1024))
    (small, main_s), (large, main_l) = peaks
    row(
        "batch",
        f"peak memory, {small:,} → {large:,} articles to JSON, 2 jobs",
        f"{main_s:.0f} → {main_l:.0f} MiB (the main process's peak)",
        "",
        "flat",
    )


# --- the table -----------------------------------------------------------------------------


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return (
        f"{cpu}, {os.cpu_count()} cores; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; newsdoc {nd.__version__}; load average {load}"
    )


def table() -> str:
    lines = [
        "| area | measure | newsdoc | anchor | target |",
        "|---|---|---|---|---|",
    ]
    lines += [f"| {' | '.join(cells)} |" for cells in ROWS]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, smaller archives")
    parser.add_argument("--only", default="startup,json,wire,epub,pdf,batch")
    args = parser.parse_args()
    wanted = set(args.only.split(","))
    quick = args.quick
    started = time.perf_counter()
    before = machine()
    sections: list[tuple[str, Callable[[], None]]] = [
        ("startup", lambda: startup(5 if quick else 15)),
        ("json", lambda: json_codec(200 if quick else 1000)),
        ("wire", lambda: wire(100 if quick else 500)),
        ("epub", lambda: epub_figures(3 if quick else 7)),
        ("pdf", lambda: pdf_figures(2 if quick else 4)),
        (
            "batch",
            lambda: batches(
                *((100, 30, 6, (200, 1000)) if quick else (1000, 80, 16, (1000, 10000)))
            ),
        ),
    ]
    for name, section in sections:
        if name in wanted:
            print(f"{name} ...", file=sys.stderr, flush=True)
            section()
    print(table())
    print()
    load = ", ".join(f"{v:.2f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"Machine: {before} (at the start; {load} at the end).")
    print(
        f"Run: `bash scripts/bench{' --quick' if quick else ''}`, "
        f"{time.perf_counter() - started:.0f} s in all; best of N runs each."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
