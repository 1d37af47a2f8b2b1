"""Write and read time per article of the wire formats: newsdoc JSON, NewsML-G2 and ninjs.

Run from the project's root::

    .venv/bin/python benchmarks/wire_bench.py [--articles examples/article.json] [--rounds 200]

It times ``write(article)`` and ``read(bytes)`` of each format on the same article, best of
five runs of ``--rounds`` calls each, and prints microseconds per article with the size of
the output, JSON first as the baseline.
"""

from __future__ import annotations

import argparse
import timeit
from collections.abc import Callable
from typing import Any

import newsdoc as nd
from newsdoc.formats import json as nd_json
from newsdoc.formats import newsml, ninjs

FORMATS: list[tuple[str, Callable[..., bytes], Callable[..., Any], dict[str, Any]]] = [
    ("json", nd_json.write, nd_json.read, {}),
    ("newsml-g2 (nitf)", newsml.write, newsml.read, {}),
    ("newsml-g2 (xhtml)", newsml.write, newsml.read, {"body": "xhtml"}),
    ("ninjs 3.1", ninjs.write, ninjs.read, {"version": "3.1"}),
    ("ninjs 2.2", ninjs.write, ninjs.read, {"version": "2.2"}),
]


def _best(call: Callable[[], object], rounds: int) -> float:
    """Seconds per call, the best of five runs of ``rounds`` calls."""
    return min(timeit.repeat(call, number=rounds, repeat=5)) / rounds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", default="examples/article.json")
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args()
    article = nd.load(args.article)
    if not isinstance(article, nd.Article):
        raise SystemExit(f"{args.article} is not an article")
    print(f"{args.article}: best of 5 x {args.rounds} calls, microseconds per article")
    print(f"{'format':<20}{'write µs':>10}{'read µs':>10}{'bytes':>9}{'write ×json':>13}")
    baseline = 0.0
    for name, write, read, options in FORMATS:
        data = write(article, **options)
        if read(data) is None:  # pragma: no cover - readers return a document or raise
            raise SystemExit(f"{name} read nothing")
        w = _best(lambda: write(article, **options), args.rounds)  # noqa: B023
        r = _best(lambda: read(data), args.rounds)  # noqa: B023
        baseline = baseline or w
        print(f"{name:<20}{w * 1e6:>10.1f}{r * 1e6:>10.1f}{len(data):>9}{w / baseline:>13.1f}")


if __name__ == "__main__":
    main()
