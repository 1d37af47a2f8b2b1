"""JSON dump + load time per article: newsdoc beside msgspec and pydantic v2, in one run.

The msgspec and pydantic models in ``equivalents.py`` mirror newsdoc's model and JSON shape,
with comparable validation. Each figure is the best of several rounds, in microseconds per
article, for the example article (every field used) and for a minimal one.

Run: ``.venv/bin/python benchmarks/json_bench.py``
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import equivalents as eq
import newsdoc
from newsdoc.formats import json as nd_json

ROOT = Path(__file__).resolve().parent.parent


def best_of(function: Callable[[], object], rounds: int = 7, number: int = 2000) -> float:
    """Best mean time of one call, in microseconds."""
    function()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            function()
        best = min(best, (time.perf_counter() - start) / number)
    return best * 1e6


def measure(label: str, article: newsdoc.Article) -> None:
    data = nd_json.write(article, indent=False)
    m_article = eq.msgspec_load(data)
    p_article = eq.pydantic_load(data)
    assert nd_json.read(data) == article
    assert eq.msgspec_load(eq.msgspec_dump(m_article)) == m_article
    assert eq.pydantic_load(eq.pydantic_dump(p_article)) == p_article

    rows = {
        "newsdoc (cattrs, generated hooks)": (
            lambda: nd_json.write(article, indent=False),
            lambda: nd_json.read(data),
        ),
        "msgspec": (lambda: eq.msgspec_dump(m_article), lambda: eq.msgspec_load(data)),
        "pydantic v2": (lambda: eq.pydantic_dump(p_article), lambda: eq.pydantic_load(data)),
    }
    results = {name: (best_of(dump), best_of(load)) for name, (dump, load) in rows.items()}
    base = sum(results["msgspec"])
    print(f"\n{label} ({len(data)} bytes of JSON), microseconds per article")
    print(f"{'library':36} {'dump':>8} {'load':>8} {'total':>8} {'× msgspec':>10}")
    for name, (dump, load) in results.items():
        total = dump + load
        print(f"{name:36} {dump:8.1f} {load:8.1f} {total:8.1f} {total / base:10.2f}")
    nd_total = sum(results["newsdoc (cattrs, generated hooks)"])
    print(f"pydantic v2 / newsdoc: {sum(results['pydantic v2']) / nd_total:.2f}×")


def main() -> None:
    print(f"Python {sys.version.split()[0]}, newsdoc {newsdoc.__version__}")
    measure("example article", newsdoc.load(ROOT / "examples" / "article.json"))  # type: ignore[arg-type]
    minimal = newsdoc.Article(
        id="urn:newsdoc:bench:1",
        headline="A minimal article",
        sections=[newsdoc.Section(blocks=[newsdoc.Paragraph(content="One paragraph.")])],
    )
    measure("minimal article", minimal)


if __name__ == "__main__":
    main()
