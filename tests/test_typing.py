"""Users' own typed code passes ``mypy --strict`` when it builds articles and calls newsdoc."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

USER_CODE = """
import datetime as dt

import newsdoc as nd
from newsdoc.formats.pdf.options import PdfOptions

blocks: list[nd.Block] = [nd.Paragraph(content="Hi"), nd.Quote(text="Well said.")]
paragraphs: list[nd.Paragraph] = [nd.Paragraph(content="Hi")]
people = [nd.Person(name="Ani Hakobyan"), nd.Person(name="Lilit Sargsyan")]
inlines: list[nd.Inline] = [nd.Text(text="a "), nd.Emphasis(children="b")]
article = nd.Article(
    id="urn:newsdoc:typed:1",
    headline="Typed",
    bylines=people,
    sections=[
        nd.Section(blocks=blocks),
        nd.Section(blocks=paragraphs),
        nd.Section(blocks=(nd.Paragraph(content=inlines),)),
        nd.Section(blocks=[nd.ListBlock(items=[inlines, "two"])]),
        nd.Section(blocks=[nd.Table(rows=[["a", "b"], [inlines, "c"]])]),
    ],
    keywords=["rail", "travel"],
    subjects=[nd.Subject(scheme="medtop", code="20000574", label="transport")],
    published=dt.datetime(2026, 5, 4, 9, 30, tzinfo=dt.UTC),
)
collection = nd.Collection(id="urn:newsdoc:typed:c", title="T", articles=[article])
options = PdfOptions(layout="newspaper", bleed="3mm")
data: bytes = nd.dumps(article, "html", json_ld=False)
same: nd.Document = nd.loads(nd.dumps(collection))
convert: object = nd.convert
"""


def test_users_typed_code_passes_mypy_strict(tmp_path: Path) -> None:
    user = tmp_path / "user.py"
    user.write_text(USER_CODE, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(user)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
