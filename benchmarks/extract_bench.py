"""Article-body extraction on real news pages: newsdoc's web-page reader beside trafilatura.

The pages and their true article bodies come in the layout of the public Scrapinghub
article-extraction benchmark (https://github.com/scrapinghub/article-extraction-benchmark,
MIT licence): ``html/<id>.html.gz`` (gzip, UTF-8) and ``ground-truth.json``
(``{"<id>": {"articleBody": "...", "url": "..."}}``). Half of that set is kept in
``../shared/extraction-benchmark`` beside the project (not in it). Run from the project's root::

    .venv/bin/python benchmarks/extract_bench.py [FOLDER] [--repeat 3] [--per-page]

FOLDER defaults to ``$NEWSDOC_SHARED/extraction-benchmark``, else
``../shared/extraction-benchmark``. Both extractors run in this process, page by page, on the
same bytes: newsdoc through its registry (``newsdoc.loads(data, format="webpage")``, the path a
user takes) and bare ``trafilatura.extract(html, include_comments=False)``. The score is the
benchmark's published measure: both texts split into ``\\w+`` tokens, 4-token shingles
counted, per page precision = shared / predicted and recall = shared / true (1, 1 when both
are empty), precision and recall averaged over pages, F1 of the averages. newsdoc's text is
its body: section headings, paragraphs, quotes, list items and every table cell (header row
included); headline, byline and captions are not scored, as in the benchmark.

Time is the mean over pages of each page's best of ``--repeat`` runs. A page where newsdoc
raises anything but a :class:`~newsdoc.errors.NewsdocError`, or an
:class:`~newsdoc.errors.InternalError` (a bug caught at the reader's boundary), is a crash; a
clear refusal (no article on the page) scores as an empty body. Exit status 1 when newsdoc
crashed or scored below trafilatura.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"\w+", re.UNICODE)


def default_folder() -> Path:
    """``$NEWSDOC_SHARED/extraction-benchmark``, else ``../shared/extraction-benchmark``."""
    shared = os.environ.get("NEWSDOC_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "extraction-benchmark"


def shingles(text: str, size: int = 4) -> Counter[tuple[str, ...]]:
    """The text's ``size``-token shingles, counted (a text shorter than ``size`` is one)."""
    tokens = _TOKEN.findall(text or "")
    spans = (tokens[i : i + size] for i in range(max(1, len(tokens) - size + 1)))
    return Counter(tuple(span) for span in spans if span)


def page_score(truth: str, found: str) -> tuple[float | None, float | None]:
    """Precision and recall of one page (``None`` where the measure is undefined)."""
    want, got = shingles(truth), shingles(found)
    shared = sum((want & got).values())
    extra = sum((got - want).values())
    missed = sum((want - got).values())
    if extra == missed == 0:
        return 1.0, 1.0
    precision = shared / (shared + extra) if shared + extra else None
    recall = shared / (shared + missed) if shared + missed else None
    return precision, recall


def f1(scores: Iterable[tuple[float | None, float | None]]) -> tuple[float, float, float]:
    """F1, precision and recall over pages: the averages first, then their F1."""
    rows = list(scores)
    precision = statistics.fmean([p for p, _ in rows if p is not None] or [0.0])
    recall = statistics.fmean([r for _, r in rows if r is not None] or [0.0])
    both = precision + recall
    return (2 * precision * recall / both if both else 0.0), precision, recall


def body_text(article: Any) -> str:
    """An article's body as the benchmark scores it: headings, paragraphs, quotes, list
    items and table cells (the header row as a row of its own), one per line."""
    import newsdoc as nd

    parts: list[str] = []
    for section in article.sections:
        if section.heading:
            parts.append(section.heading)
        for block in section.blocks:
            if isinstance(block, nd.Paragraph):
                parts.append(nd.plain_text(block.content))
            elif isinstance(block, nd.Quote):
                parts.append(nd.plain_text(block.text))
            elif isinstance(block, nd.ListBlock):
                parts.extend(nd.plain_text(item) for item in block.items)
            elif isinstance(block, nd.Table):
                rows = ((block.header,) if block.header else ()) + block.rows
                parts.extend(nd.plain_text(cell) for row in rows for cell in row)
    return "\n".join(parts)


@attrs.frozen
class Page:
    """One benchmark page: its id, the page's bytes and the true article body."""

    key: str
    data: bytes
    truth: str


def pages(folder: Path) -> Iterator[Page]:
    """The pages of a folder in the benchmark's layout, in the order of their ids."""
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth):
        data = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes())
        yield Page(key, data, truth[key].get("articleBody") or "")


@attrs.frozen
class Outcome:
    """What newsdoc made of one page: its body text, or why there is none."""

    text: str
    status: str  # "ok", "refused" (a clear NewsdocError) or "crash"
    detail: str = ""
    warnings: int = 0


def read_newsdoc(data: bytes) -> Outcome:
    """newsdoc's body text of a page, the way a user reads it (through the registry)."""
    import newsdoc as nd
    from newsdoc.diagnostics import collect

    try:
        with collect() as found:
            article = nd.loads(data, format="webpage")
    except nd.InternalError as exc:
        return Outcome("", "crash", f"InternalError: {exc}")
    except nd.NewsdocError as exc:
        return Outcome("", "refused", str(exc).splitlines()[-1].strip())
    except Exception as exc:  # anything else is a crash, which is what is being counted
        return Outcome("", "crash", f"{type(exc).__name__}")
    return Outcome(body_text(article), "ok", warnings=len(found))


def read_trafilatura(data: bytes) -> str:
    """Bare ``trafilatura.extract`` with its defaults (comments left out)."""
    import trafilatura

    return trafilatura.extract(data.decode("utf-8"), include_comments=False) or ""


def timed(function: Callable[[bytes], Any], data: bytes, repeat: int) -> tuple[Any, float]:
    """The function's result on ``data`` and its best time over ``repeat`` runs."""
    best = float("inf")
    result = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = function(data)
        best = min(best, time.perf_counter() - start)
    return result, best


@attrs.frozen
class Result:
    """The run's figures for one extractor."""

    f1: float
    precision: float
    recall: float
    ms_per_page: float


@attrs.frozen
class Run:
    """Both extractors on every page of a folder."""

    newsdoc: Result
    trafilatura: Result
    outcomes: dict[str, Outcome]
    scores: dict[str, tuple[tuple[float | None, float | None], tuple[float | None, float | None]]]

    @property
    def crashes(self) -> list[str]:
        """The pages where newsdoc failed on a bug (not a clear refusal)."""
        return [key for key, out in self.outcomes.items() if out.status == "crash"]

    @property
    def refused(self) -> list[str]:
        """The pages newsdoc refused with a reason."""
        return [key for key, out in self.outcomes.items() if out.status == "refused"]


def run(folder: Path, *, repeat: int = 1, limit: int | None = None) -> Run:
    """Read every page of ``folder`` with both extractors and score them."""
    outcomes: dict[str, Outcome] = {}
    scores: dict[str, Any] = {}
    ours: list[float] = []
    theirs: list[float] = []
    for number, page in enumerate(pages(folder)):
        if limit is not None and number >= limit:
            break
        outcome, secs = timed(read_newsdoc, page.data, repeat)
        plain, base_secs = timed(read_trafilatura, page.data, repeat)
        outcomes[page.key] = outcome
        scores[page.key] = (page_score(page.truth, outcome.text), page_score(page.truth, plain))
        ours.append(secs)
        theirs.append(base_secs)

    def result(index: int, times: list[float]) -> Result:
        score = f1(pair[index] for pair in scores.values())
        return Result(*score, 1000 * statistics.fmean(times or [0.0]))

    return Run(result(0, ours), result(1, theirs), outcomes, scores)


def _show(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=default_folder())
    parser.add_argument("--repeat", type=int, default=1, help="runs per page; the best counts")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument("--per-page", action="store_true", help="a line per page")
    args = parser.parse_args(argv)
    if not (args.folder / "ground-truth.json").is_file():
        print(f"no benchmark pages in {args.folder} (ground-truth.json missing)", file=sys.stderr)
        return 2
    found = run(args.folder, repeat=args.repeat, limit=args.limit)
    if args.per_page:
        print(
            f"{'page':<14} {'status':<8} {'newsdoc P':>9} {'R':>6} {'trafilatura P':>13} {'R':>6}"
        )
        for key, ((p, r), (tp, tr)) in found.scores.items():
            status = found.outcomes[key].status
            ours = f"{_show(p):>9} {_show(r):>6}"
            print(f"{key[:12]:<14} {status:<8} {ours} {_show(tp):>13} {_show(tr):>6}")
    for key in found.refused + found.crashes:
        outcome = found.outcomes[key]
        print(f"  {key[:12]}: {outcome.status}: {outcome.detail[:150]}")
    for name, result in (("newsdoc", found.newsdoc), ("trafilatura", found.trafilatura)):
        print(
            f"{name:<12} F1 {result.f1:.3f}  precision {result.precision:.3f}  "
            f"recall {result.recall:.3f}  {result.ms_per_page:.1f} ms/page"
        )
    ratio = found.newsdoc.ms_per_page / found.trafilatura.ms_per_page
    print(
        f"{len(found.outcomes)} pages: {len(found.crashes)} crashes, {len(found.refused)} refused, "
        f"F1 {found.newsdoc.f1:.3f} vs {found.trafilatura.f1:.3f}, time {ratio:.2f}x trafilatura"
    )
    return 0 if not found.crashes and found.newsdoc.f1 >= found.trafilatura.f1 else 1


if __name__ == "__main__":
    sys.exit(main())
