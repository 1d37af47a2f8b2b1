"""Hostile inputs that once took minutes, timed, and what the defences cost a plain read.

Each line is one case with newsdoc's time in seconds; the cases were quadratic or unbounded
before (figures measured then are in the right column). The last lines compare reading a
collection of the example article with newsdoc's JSON reader (duplicate keys and depth
checked) with parsing the same bytes with orjson alone.

Run: ``.venv/bin/python benchmarks/hostile_bench.py``
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import orjson

import newsdoc
from newsdoc.errors import NewsdocError
from newsdoc.model import checks as C

ROOT = Path(__file__).resolve().parent.parent


def seconds(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    with contextlib.suppress(NewsdocError):  # a refusal is the expected answer for some
        function()
    return time.perf_counter() - start


def main() -> None:
    url = "https://" + "a" * 40_000 + " x"
    wrapped = "".join(f"word{n} ![img](a.png) and *more*\n" for n in range(2500))
    markdown = f"---\nid: urn:x:1\nheadline: H\n---\n{wrapped}".encode()
    dense = b"---\nid: urn:x:1\nheadline: H\n---\n" + b"*harbour* " * 5_000_000
    aliases = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"] + [
        f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 9) + "]" for n in range(1, 8)
    ]
    bomb = (
        "---\nid: urn:x:1\nheadline: H\n" + "\n".join(aliases) + "\nstatus: *a7\n---\n"
    ).encode()
    headline = newsdoc.Article(id="urn:x:1", headline="harbour " * 1_250_000)
    cases: list[tuple[str, Callable[[], object], str]] = [
        ("40 KB URL that fails the check", lambda: C.http_url().test(url), "34 s"),
        (
            "one paragraph of 2,500 soft-wrapped lines",
            lambda: newsdoc.loads(markdown, "md"),
            "0.8 s",
        ),
        ("50 MB paragraph of dense Markdown", lambda: newsdoc.loads(dense, "md"), "> 60 s"),
        ("YAML aliases seven deep", lambda: newsdoc.loads(bomb, "md"), "out of memory"),
        ("10 MB headline to PDF", lambda: newsdoc.dumps(headline, "pdf"), "> 60 s"),
    ]
    print(f"{'case':<46}{'newsdoc s':>10}  before")
    for label, function, before in cases:
        print(f"{label:<46}{seconds(function):>10.3f}  {before}")

    article = newsdoc.load(ROOT / "examples" / "article.json")
    data = newsdoc.dumps(newsdoc.Collection(id="urn:x:c", title="T", articles=[article] * 200))
    read = min(seconds(lambda: newsdoc.loads(data)) for _ in range(5))
    parse = min(seconds(lambda: orjson.loads(data)) for _ in range(5))
    print(f"\nreading {len(data) // 1024} KB of newsdoc JSON (200 articles):")
    print(f"{'  newsdoc (parse, checks, model)':<46}{read:>10.3f}")
    print(f"{'  orjson.loads alone':<46}{parse:>10.3f}")


if __name__ == "__main__":
    main()
