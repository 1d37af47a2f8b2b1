"""Body-text recall and precision of newsdoc's web page reader against plain trafilatura.

For every page in ``tests/fixtures/pages`` the expected article (``*.expected.json``) gives
the true body text: section headings, paragraphs, quotes and list items. Each extractor's
body text is compared with it word by word (a bag of words: a word counts as found as many
times as it appears in both), giving:

- **recall**: the share of the true body's words the extractor found;
- **precision**: the share of the extractor's words that belong to the true body.

"trafilatura" is ``trafilatura.extract(html)`` with its defaults; "newsdoc" is
``newsdoc.formats.webpage.read``. Run it from the project root::

    .venv/bin/python benchmarks/extract_bench.py
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
_WORDS = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORDS.findall(text))


def body_text(article: object) -> str:
    import newsdoc as nd

    assert isinstance(article, nd.Article)
    parts: list[str] = []
    for section in article.sections:
        parts.append(section.heading or "")
        for block in section.blocks:
            if isinstance(block, nd.Paragraph):
                parts.append(nd.plain_text(block.content))
            elif isinstance(block, nd.Quote):
                parts.append(nd.plain_text(block.text))
            elif isinstance(block, nd.ListBlock):
                parts.extend(nd.plain_text(item) for item in block.items)
            elif isinstance(block, nd.Table):
                rows = [*([block.header] if block.header else []), *block.rows]
                parts.extend(nd.plain_text(cell) for row in rows for cell in row)
    return "\n".join(parts)


def score(found: str, truth: str) -> tuple[float, float]:
    got, want = words(found), words(truth)
    common = sum((got & want).values())
    recall = common / sum(want.values()) if want else 1.0
    precision = common / sum(got.values()) if got else 0.0
    return recall, precision


def main() -> int:
    import trafilatura

    from newsdoc.formats import json as nd_json
    from newsdoc.formats import webpage

    pages = sorted(PAGES.glob("*.html"))
    header = f"{'page':<26} {'newsdoc R':>9} {'P':>6} {'trafilatura R':>13} {'P':>6}"
    print(header)
    print("-" * len(header))
    totals = [0.0, 0.0, 0.0, 0.0]
    times = [0.0, 0.0]
    for page in pages:
        data = page.read_bytes()
        truth = body_text(nd_json.loads(page.with_suffix(".expected.json").read_bytes()))
        start = time.perf_counter()
        ours = body_text(webpage.read(data))
        times[0] += time.perf_counter() - start
        start = time.perf_counter()
        plain = trafilatura.extract(data.decode("utf-8")) or ""
        times[1] += time.perf_counter() - start
        row = (*score(ours, truth), *score(plain, truth))
        totals = [t + r for t, r in zip(totals, row, strict=True)]
        print(f"{page.stem:<26} {row[0]:>9.3f} {row[1]:>6.3f} {row[2]:>13.3f} {row[3]:>6.3f}")
    n = len(pages)
    print("-" * len(header))
    mean = [t / n for t in totals]
    print(f"{'mean':<26} {mean[0]:>9.3f} {mean[1]:>6.3f} {mean[2]:>13.3f} {mean[3]:>6.3f}")
    print(
        f"time per page: newsdoc {times[0] / n * 1000:.0f} ms, "
        f"trafilatura {times[1] / n * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
