"""The seeds of the fuzz harness (:mod:`tests.fuzzing`): real-shaped inputs of every reader.

They are made from the examples by newsdoc's own writers (JSON, ninjs, NewsML-G2 with NITF and
XHTML bodies, a collection as a newsMessage and as a packageItem, NITF, Markdown, PDF, feeds),
taken from the fixtures in the shapes other tools send (wire items, web pages, static-site
posts), or made by pandoc from our Markdown fixtures (Word documents).
"""

from __future__ import annotations

import re
import tempfile
from functools import cache
from pathlib import Path

import newsdoc as nd
from newsdoc.errors import NewsdocError

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

__all__ = ["EXAMPLES", "ROOT", "seeds"]


@cache
def _documents() -> tuple[nd.Article, nd.Article, nd.Collection]:
    article = nd.load(EXAMPLES / "article.json")
    minimal = nd.load(ROOT / "tests" / "fixtures" / "rtl-article.json")
    collection = nd.load(EXAMPLES / "collection.json")
    assert isinstance(article, nd.Article)
    assert isinstance(minimal, nd.Article)
    assert isinstance(collection, nd.Collection)
    return article, minimal, collection


@cache
def seeds(reader: str) -> tuple[bytes, ...]:
    """The seed inputs of ``reader``, made from the examples by newsdoc's own writers."""
    article, other, collection = _documents()
    if reader == "json":
        return (
            (EXAMPLES / "article.json").read_bytes(),
            (EXAMPLES / "collection.json").read_bytes(),
            (ROOT / "tests" / "fixtures" / "minimal-article.json").read_bytes(),
            nd.dumps(other),
        )
    if reader == "ninjs":
        return (
            nd.dumps(article, "ninjs"),
            nd.dumps(article, "ninjs", version="2.2"),
            nd.dumps(collection, "ninjs"),
            nd.dumps(other, "ninjs"),
            *(
                path.read_bytes()
                for path in sorted((ROOT / "tests" / "fixtures" / "wire" / "ninjs").glob("*.json"))
                if not path.name.endswith(".expected.json")
            ),
        )
    if reader == "newsml":
        return (
            nd.dumps(article, "newsml"),
            nd.dumps(article, "newsml", body="xhtml"),
            nd.dumps(collection, "newsml"),
            nd.dumps(collection, "newsml", collection_as="package"),
            nd.dumps(other, "newsml"),
            *_wire("newsml"),
        )
    if reader == "nitf":
        return (
            nd.dumps(article, "nitf"),
            nd.dumps(other, "nitf"),
            _as_archives_keep_it(nd.dumps(other, "nitf")),
            *_wire("nitf"),
        )
    if reader == "markdown":
        posts = sorted((ROOT / "tests" / "fixtures" / "wire" / "markdown").iterdir())
        return (
            (EXAMPLES / "article.md").read_bytes(),
            nd.dumps(other, "markdown"),
            *(path.read_bytes() for path in posts),
        )
    if reader == "pdf":
        return (_pdf_seed(),)
    if reader == "webpage":
        pages = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
        return tuple(path.read_bytes() for path in pages)
    if reader in ("atom", "rss"):
        own = tuple(nd.dumps(d, reader) for d in (article, other, collection))
        return (*own, _as_archives_keep_it(own[1]))
    if reader == "jsonfeed":
        return tuple(nd.dumps(d, reader) for d in (article, other, collection))
    if reader == "docx":
        return _docx_seeds()
    raise ValueError(reader)


def _as_archives_keep_it(xml: bytes) -> bytes:
    """XML as archives hold it: UTF-16 with a byte-order mark and a DOCTYPE naming a DTD
    (never opened: the readers leave it out)."""
    text = xml.decode("utf-8")
    declaration, _, rest = text.partition("?>")
    root = rest.lstrip().split(None, 1)[0].strip("<>")
    doctype = f'<!DOCTYPE {root} SYSTEM "/archive/dtd/{root}.dtd">'
    declaration = re.sub(r"encoding=(['\"])[^'\"]*\1", "encoding='UTF-16'", declaration)
    return f"{declaration}?>\n{doctype}\n{rest.lstrip()}".encode("utf-16")


def _wire(name: str) -> tuple[bytes, ...]:
    """The wire fixtures of a format: items in the shapes agencies send."""
    folder = ROOT / "tests" / "fixtures" / "wire" / name
    return tuple(path.read_bytes() for path in sorted(folder.glob("*.xml")))


@cache
def _docx_seeds() -> tuple[bytes, ...]:
    """Word documents made by pandoc from the Markdown fixtures (pandoc is one of the test
    tools); cached in the temporary folder."""
    import shutil
    import subprocess

    made = []
    sources = sorted((ROOT / "tests" / "fixtures" / "docx").glob("*.md"))
    for source in sources:
        cached = Path(tempfile.gettempdir()) / f"newsdoc-fuzz-{source.stem}.docx"
        if not cached.is_file():
            pandoc = shutil.which("pandoc")
            if pandoc is None:
                raise RuntimeError("the docx seeds need pandoc (bash scripts/test installs it)")
            subprocess.run([pandoc, str(source), "-o", str(cached)], check=True, timeout=120)
        made.append(cached.read_bytes())
    return tuple(made)


@cache
def _pdf_seed() -> bytes:
    _, other, _ = _documents()
    cached = Path(tempfile.gettempdir()) / f"newsdoc-fuzz-seed-{nd.__version__}.pdf"
    if cached.is_file():
        try:
            if nd.loads(cached.read_bytes(), "pdf") == other:
                return cached.read_bytes()
        except NewsdocError:
            pass
    data = nd.dumps(other, "pdf")
    cached.write_bytes(data)
    return data
