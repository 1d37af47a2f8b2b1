"""The web-page reader on the public extraction benchmark's pages (in ../shared, not in the
project): no page may crash it, and its article bodies must score at least as well as bare
trafilatura's on the same pages, by the benchmark's own measure
(``benchmarks/extract_bench.py`` holds the measure and the run; timings are its business,
not a test's).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ROOT


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_bench", ROOT / "benchmarks" / "extract_bench.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("extract_bench", module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


@pytest.fixture
def folder(shared: Path) -> Path:
    found = shared / "extraction-benchmark"
    if not (found / "ground-truth.json").is_file():
        pytest.skip(f"the extraction benchmark's pages are not in {found}")
    return found


def test_the_measure_is_the_benchmarks_own(bench: ModuleType) -> None:
    assert bench.page_score("", "") == (1.0, 1.0)
    assert bench.page_score("one two three four five", "one two three four five") == (1.0, 1.0)
    precision, recall = bench.page_score("a b c d e f", "a b c d")
    assert (precision, recall) == (1.0, pytest.approx(1 / 3))
    assert bench.page_score("a b c d", "") == (None, 0.0)
    assert bench.f1([(1.0, 0.5), (None, 0.5)]) == (pytest.approx(2 / 3), 1.0, 0.5)


def test_tables_are_scored_with_their_header_row(bench: ModuleType) -> None:
    import newsdoc as nd

    table = nd.Table(header=["City", "Rain"], rows=[["Yerevan", "12 mm"]])
    article = nd.Article(
        id="urn:newsdoc:t",
        headline="Rain",
        sections=[nd.Section(heading="Totals", blocks=[nd.Paragraph(content="Rain fell."), table])],
    )
    assert bench.body_text(article).split("\n") == [
        "Totals",
        "Rain fell.",
        "City",
        "Rain",
        "Yerevan",
        "12 mm",
    ]


def test_no_page_crashes_and_the_body_beats_bare_trafilatura(
    bench: ModuleType, folder: Path
) -> None:
    found = bench.run(folder)
    crashes = {key: found.outcomes[key].detail for key in found.crashes}
    assert crashes == {}
    assert len(found.outcomes) >= 50
    assert found.newsdoc.f1 >= found.trafilatura.f1, (found.newsdoc, found.trafilatura)
    assert found.newsdoc.precision >= found.trafilatura.precision
