"""Batch conversion figures, in one run.

1. Articles per second per format, with 1 job and with 2 jobs (and the speed-up), on an
   archive of variations of the example article.
2. Peak memory (max RSS) of converting 1,000 and 10,000 articles to JSON and NewsML-G2, each
   measured in a fresh process: flat memory means the two are about equal.
3. Per-article PDF time in a batch beside the single-article figure (when the PDF format is
   installed).

Run: ``.venv/bin/python benchmarks/batch_bench.py [--quick]`` (``--quick`` uses smaller
archives).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import attrs

import newsdoc as nd
from newsdoc.conversion import convert_many
from newsdoc.formats import available_formats

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ["en", "hy", "ru", "el", "ar", "he"]


def make_archive(folder: Path, count: int) -> None:
    example = nd.load(ROOT / "examples" / "article.json")
    assert isinstance(example, nd.Article)
    for number in range(count):
        path = folder / f"{number // 500:03d}" / f"story-{number:05d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        article = attrs.evolve(
            example,
            id=f"urn:newsdoc:bench:{number}",
            headline=f"{example.headline} ({number})",
            language=LANGUAGES[number % len(LANGUAGES)],
            lead_image=None,
            sections=tuple(s for s in example.sections if not _has_figure(s)),
        )
        nd.dump(article, path)


def _has_figure(section: nd.Section) -> bool:
    return any(isinstance(block, nd.Figure) for block in section.blocks)


def rate(archive: Path, fmt: str, jobs: int, count: int) -> float:
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        results = convert_many([archive], [fmt], out, jobs=jobs, force=True)
        elapsed = time.perf_counter() - start
    failed = [r for r in results if not r.ok]
    if failed:
        raise SystemExit(f"{fmt}: {failed[0].source}: {failed[0].error or failed[0].outputs}")
    return count / elapsed


_MEASURE = """
import resource, sys, tempfile
from newsdoc.conversion import convert_many
with tempfile.TemporaryDirectory() as out:
    results = convert_many([sys.argv[1]], sys.argv[2].split(","), out, jobs=1)
assert all(r.ok for r in results), [r for r in results if not r.ok][:1]
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory_mib(archive: Path, formats: str) -> float:
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(archive), formats],
        capture_output=True,
        text=True,
        check=True,
    )
    return int(result.stdout.split()[-1]) / 1024


def main() -> None:
    quick = "--quick" in sys.argv
    names = [f.name for f in available_formats() if f.writable]
    small, large = (100, 1000) if quick else (1000, 10000)
    per_format = 60 if quick else 200
    print(f"newsdoc {nd.__version__}; formats: {', '.join(names)}")
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        archive = base / "rate"
        make_archive(archive, per_format)
        print(f"\n1. articles per second ({per_format} articles per run)")
        print(f"{'format':10} {'1 job':>10} {'2 jobs':>10} {'speed-up':>10}")
        single_pdf = None
        for fmt in names:
            count = min(per_format, 50) if fmt == "pdf" else per_format
            source = archive
            if count != per_format:
                source = base / f"rate-{fmt}"
                make_archive(source, count)
            one = rate(source, fmt, 1, count)
            two = rate(source, fmt, 2, count)
            print(f"{fmt:10} {one:10.1f} {two:10.1f} {two / one:9.2f}×")
            if fmt == "pdf":
                single_pdf = _single_pdf_seconds()
                print(
                    f"{'':10} pdf in a batch: {1000 / two:.0f} ms per article on 2 jobs, "
                    f"{1000 / one:.0f} ms on 1 job; single article from cold: "
                    f"{single_pdf * 1000:.0f} ms"
                )

        print(f"\n2. peak memory (max RSS, one job) for {small:,} and {large:,} articles")
        memory_formats = ",".join(f for f in ("json", "newsml") if f in names)
        for count in (small, large):
            folder = base / f"memory-{count}"
            make_archive(folder, count)
            mib = peak_memory_mib(folder, memory_formats)
            print(f"{count:>7,} articles to {memory_formats}: {mib:7.1f} MiB")
    if single_pdf is None:
        print("\n3. PDF: not installed here, no figures")


def _single_pdf_seconds() -> float:
    """One article to PDF through the CLI, from a cold start."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsdoc",
                "convert",
                str(ROOT / "examples" / "article.json"),
                "--to",
                "pdf",
                "--out",
                out,
            ],
            check=True,
            capture_output=True,
        )
        return time.perf_counter() - start


if __name__ == "__main__":
    main()
