"""Benchmark: a feed of 1,000 articles in each feed format: time, size and peak memory.

Run from the project's root::

    .venv/bin/python benchmarks/feed_bench.py [--articles N] [--runs R]

The collection is made here from the example article (``examples/article.json``): N copies,
each with its own id, address and dates. For Atom, RSS and JSON Feed it prints, in one run,
the median time of R runs to write the feed, its size, the peak memory Python allocated while
writing it (tracemalloc), and the same for reading it back into a collection; beside them,
the time feedparser (a real consumer) takes to parse the Atom and RSS feeds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import attrs
import feedparser

import newsdoc
from newsdoc.diagnostics import collect

ROOT = Path(__file__).resolve().parent.parent


def collection_of(count: int) -> newsdoc.Collection:
    article = newsdoc.load(ROOT / "examples" / "article.json")
    assert isinstance(article, newsdoc.Article)
    start = dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=4)))
    articles = [
        attrs.evolve(
            article,
            id=f"https://newsdoc.example.org/2026/05/story-{number}",
            canonical_url=f"https://newsdoc.example.org/2026/05/story-{number}",
            published=start + dt.timedelta(minutes=number),
            updated=start + dt.timedelta(minutes=number, hours=2),
        )
        for number in range(count)
    ]
    return newsdoc.Collection(
        id="https://newsdoc.example.org/feeds/all",
        title="Caucasus Daily Wire: all stories",
        articles=articles,
        publisher=article.publisher,
    )


def measure(action: Callable[[], object], runs: int) -> tuple[float, int, object]:
    """The median time of ``runs`` calls, the peak memory of one, and its result."""
    times = []
    result: object = None
    for _ in range(runs):
        started = time.perf_counter()
        with collect():
            result = action()
        times.append(time.perf_counter() - started)
    tracemalloc.start()
    with collect():
        action()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return statistics.median(times), peak, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    collection = collection_of(args.articles)
    print(f"{args.articles} articles (the example article, {len(collection.articles)} times)")
    print(
        f"{'format':<10}{'write':>10}{'peak':>10}{'size':>10}{'read':>10}{'peak':>10}"
        f"{'feedparser':>12}"
    )
    for fmt in ("atom", "rss", "jsonfeed"):
        write_time, write_peak, data = measure(
            lambda f=fmt: newsdoc.dumps(collection, f), args.runs
        )
        assert isinstance(data, bytes)
        read_time, read_peak, back = measure(lambda f=fmt, d=data: newsdoc.loads(d, f), args.runs)
        assert isinstance(back, newsdoc.Collection)
        assert len(back.articles) == args.articles
        consumer = "-"
        if fmt != "jsonfeed":
            started = time.perf_counter()
            parsed = feedparser.parse(data)
            consumer = f"{time.perf_counter() - started:.2f} s"
            assert not parsed.bozo
            assert len(parsed.entries) == args.articles
        print(
            f"{fmt:<10}{write_time:>8.2f} s{write_peak / 2**20:>7.1f} MiB"
            f"{len(data) / 2**20:>7.1f} MiB{read_time:>8.2f} s{read_peak / 2**20:>7.1f} MiB"
            f"{consumer:>12}"
        )


if __name__ == "__main__":
    main()
