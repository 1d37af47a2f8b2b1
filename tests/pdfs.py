"""The PDFs the PDF tests look at, each rendered once per test process, when first asked for.

PDF rendering is the slow part of the suite, so tests/test_pdf.py and tests/test_pdf_layout.py
share one session-wide :class:`Rendered` (the ``pdfs`` fixture in tests/conftest.py).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import attrs

import newsdoc as nd
from newsdoc.formats import pdf

ARTICLE = nd.load("examples/article.json")
COLLECTION = nd.load("examples/collection.json")
RTL = nd.load("tests/fixtures/rtl-article.json")
assert isinstance(ARTICLE, nd.Article)
assert isinstance(COLLECTION, nd.Collection)
# An edition with a lead story of some length: the example article, then the collection's.
EDITION = attrs.evolve(COLLECTION, articles=[ARTICLE, *COLLECTION.articles])
MULTILINGUAL = nd.Article(
    id="urn:newsdoc:test:scripts",
    headline="Five scripts on one page",
    sections=[
        nd.Section(
            heading="Scripts",
            blocks=[
                nd.Paragraph(content="Yerevan is Երևան in Armenian; Gyumri is Гюмри in Russian."),
                nd.Paragraph(content="Athens is Αθήνα.", lang="el"),
                nd.Paragraph(content="افتتاح مكتبة جديدة في المدينة", lang="ar"),
                nd.Paragraph(content="נפתחה ספרייה חדשה בעיר", lang="he"),
            ],
        )
    ],
)
_EXAMPLES = {"base_dir": "examples"}

#: Every PDF by name: the document and the writer's options.
JOBS: dict[str, tuple[nd.Article | nd.Collection, dict[str, Any]]] = {
    "report": (ARTICLE, _EXAMPLES),
    "newspaper": (ARTICLE, {**_EXAMPLES, "layout": "newspaper"}),
    "article-edition": (ARTICLE, {**_EXAMPLES, "layout": "edition"}),
    "pdfa": (ARTICLE, {**_EXAMPLES, "pdf_variant": "pdf/a-3b"}),
    "pdfua": (ARTICLE, {**_EXAMPLES, "pdf_variant": "pdf/ua-1"}),
    "print": (
        ARTICLE,
        {
            **_EXAMPLES,
            "pdf_variant": "pdf/x-4",
            "bleed": "3mm",
            "page_size": "tabloid",
            "layout": "newspaper",
        },
    ),
    "collection": (COLLECTION, {}),
    "collection-newspaper": (COLLECTION, {"layout": "newspaper"}),
    "collection-edition": (COLLECTION, {"layout": "edition"}),
    "edition": (EDITION, {**_EXAMPLES, "layout": "edition"}),
    "edition-report": (EDITION, _EXAMPLES),
    "edition-newspaper": (EDITION, {**_EXAMPLES, "layout": "newspaper"}),
    "rtl": (RTL, {"base_dir": "tests/fixtures"}),
    "rtl-newspaper": (RTL, {"base_dir": "tests/fixtures", "layout": "newspaper"}),
    "scripts": (MULTILINGUAL, {"page_size": "a5"}),
    "untagged": (MULTILINGUAL, {"page_size": "a5", "tagged": False}),
}


class Rendered:
    """The PDF files of :data:`JOBS` in ``folder``, each written on first access."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._paths: dict[str, Path] = {}

    def __getitem__(self, name: str) -> Path:
        if name not in self._paths:
            document, options = JOBS[name]
            path = self.folder / f"{name}.pdf"
            path.write_bytes(pdf.write(document, **options))
            self._paths[name] = path
        return self._paths[name]
