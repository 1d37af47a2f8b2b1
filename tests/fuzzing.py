"""Mutation fuzzing of newsdoc's readers, and of every writer on what they accept.

Seeds are real-shaped inputs of every reader (:mod:`tests.fuzz_seeds`): the examples written
by newsdoc in each format, the wire fixtures as agencies send them, our web pages and
static-site posts, Word documents made by pandoc. :func:`mutate`
changes one seed a few times over, at random: bytes deleted, doubled,
flipped or spliced from another seed; hostile values (control characters, lone surrogates,
400- and 5,000-digit numbers, impossible dates, deep nesting, duplicate keys, DOCTYPEs,
YAML aliases and tags ...) put where the format has values. :func:`check` reads the result
and writes whatever is accepted in every format; the one rule is that only newsdoc's own
errors may come out, and never :class:`~newsdoc.errors.InternalError` (a bug met at the
boundary). Accepted documents must also survive newsdoc JSON unchanged.

``tests/test_fuzz.py`` runs it under Hypothesis with a small fixed budget;
``bash scripts/fuzz [seconds]`` runs it for longer (``python -m tests.fuzzing --help``).
"""

from __future__ import annotations

import io
import json
import random
import re
import tempfile
import traceback
import warnings
from collections.abc import Callable
from functools import cache
from typing import Any

import newsdoc as nd
from newsdoc.diagnostics import collect
from newsdoc.errors import InternalError, NewsdocError
from tests.fuzz_markup import attribute_flood, encoding_mutation
from tests.fuzz_seeds import seeds

READERS = (
    "json",
    "ninjs",
    "newsml",
    "nitf",
    "markdown",
    "pdf",
    "webpage",
    "atom",
    "rss",
    "jsonfeed",
    "docx",
)
#: The writers every accepted document goes through (the slow ones only now and then).
WRITERS = ("json", "newsml", "newsml-xhtml", "nitf", "ninjs", "ninjs-2.2", "markdown", "html")
SLOW_WRITERS = ("epub", "pdf")


class Found(AssertionError):
    """An exception that is not newsdoc's, or an InternalError, or a JSON round trip that
    changed the document: a bug."""

    def __init__(self, stage: str, exc: BaseException | None, detail: str = "") -> None:
        self.stage = stage
        self.exc = exc
        kind = type(exc).__name__ if exc is not None else "mismatch"
        cause = exc.__cause__ if exc is not None else None
        inner = f" <- {type(cause).__name__}: {str(cause)[:120]}" if cause is not None else ""
        text = str(exc)[:200] if exc is not None else detail
        super().__init__(f"{stage}: {kind}: {text}{inner}")

    def site(self) -> str:
        """Where it was raised: the innermost frame of newsdoc (and the raising frame)."""
        exc = self.exc.__cause__ or self.exc if self.exc is not None else None
        if exc is None:
            return "-"
        frames = traceback.extract_tb(exc.__traceback__)
        ours = [f for f in frames if "/newsdoc/" in f.filename]
        last = frames[-1] if frames else None
        parts = []
        if ours:
            parts.append(f"{ours[-1].filename.split('/src/')[-1]}:{ours[-1].lineno}")
        if last is not None and (not ours or last is not ours[-1]):
            parts.append(f"{last.filename.rsplit('/', 2)[-1]}:{last.lineno}")
        return " -> ".join(parts) or "-"


# ---------------------------------------------------------------------------- hostile values

_TEXTS = [
    "\x00",
    "\x1b",
    "\x07",
    "\x7f",
    "\x85",
    "\ufffe",
    "\uffff",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\t",
    "\r",
    "\n",
    "\r\n",
    " ",
    "",
    "-3",
    "0",
    "9" * 40,
    "9" * 400,
    "9" * 5000,
    "NaN",
    "Infinity",
    "1e999",
    "0000-00-00",
    "2026-02-30",
    "2026-02-30T99:99",
    "2026-05-04T09:30:00+01:00:30",
    "9999-12-31T23:59:59-14:00",
    "0001-01-01T00:00:00+14:00",
    "2026-05-04T09:30:00+23:59",
    "2026-05-04",
    "javascript:alert(1)",
    "file:///etc/passwd",
    "https://",
    "https://example.org/a b",
    "https://example.org/\x1b",
    "urn:x:",
    "urn:x:1\n",
    "mailto:@",
    "#",
    "images/../../etc/passwd",
    "/etc/passwd",
    "data:image/png;base64,AAAA",
    "xx-XX-x-" + "a" * 300,
    "en\n",
    "rtl",
    "a" * 20000,
    "*" * 3000,
    "<em>" * 200,
    "&#0;&#xFFFE;&amp;&lol;",
    "]]>",
    "<![CDATA[x]]>",
    "\\",
    '"',
    "{{x}}",
    "%00%0A%ZZ",
    "Երևան",
    "القاهرة",
]
_NUMBERS: list[Any] = [
    0,
    -1,
    1,
    9,
    10,
    42,
    2**31,
    2**63,
    10**30,
    10**400,
    1.5,
    -0.0,
    1e308,
    float("nan"),
    float("inf"),
    True,
    None,
]


def _hostile_text(rng: random.Random) -> str:
    pick = rng.choice(_TEXTS)
    if rng.random() < 0.3:
        pick = rng.choice(_TEXTS) + pick + rng.choice(_TEXTS)
    return pick


def _hostile_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if roll < 0.45:
        return _hostile_text(rng)
    if roll < 0.7:
        return rng.choice(_NUMBERS)
    if roll < 0.8 and depth < 3:
        return [_hostile_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    if roll < 0.9 and depth < 3:
        return {_hostile_text(rng)[:20]: _hostile_value(rng, depth + 1)}
    if roll < 0.93:
        value: Any = "x"
        for _ in range(rng.choice((10, 70, 200))):
            value = [value] if rng.random() < 0.5 else {"a": value}
        return value
    if roll < 0.95:
        return _DEEP  # written out as 3,000 or 100,000 nested lists
    return [{"type": "emphasis", "children": "x"}] * rng.choice((1, 1000))


# ------------------------------------------------------------------------------- mutations


def _bytes_mutation(data: bytes, rng: random.Random, pool: tuple[bytes, ...]) -> bytes:
    if not data:
        return rng.choice(pool)[: rng.randint(0, 200)]
    size = len(data)
    a = rng.randrange(size)
    b = min(size, a + rng.choice((1, 2, 8, 64, 512)))
    roll = rng.random()
    if roll < 0.15:
        return data[:a] + data[b:]
    if roll < 0.25:
        return data[:b] + data[a:b] * rng.choice((1, 2, 50)) + data[b:]
    if roll < 0.4:
        snippet = _hostile_text(rng).encode("utf-8", "surrogatepass")
        return data[:a] + snippet + data[a:]
    if roll < 0.5:
        flipped = bytearray(data)
        flipped[a] ^= 1 << rng.randrange(8)
        return bytes(flipped)
    if roll < 0.6:
        return data[:a] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 8))) + data[b:]
    if roll < 0.7:
        other = rng.choice(pool)
        c = rng.randrange(len(other) or 1)
        return data[:a] + other[c : c + rng.randint(1, 400)] + data[b:]
    if roll < 0.8:
        return data[: rng.randrange(size + 1)]
    if roll < 0.9:  # a number made long
        digits = list(re.finditer(rb"\d+", data))
        if digits:
            hit = rng.choice(digits)
            long = rng.choice((b"9" * 20, b"9" * 400, b"9" * 5000, b"-3", b"0"))
            return data[: hit.start()] + long + data[hit.end() :]
    bad = rng.choice((b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbf\xbe"))
    return data[:a] + bad + data[a:]


def _json_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found.extend(_json_paths(item, (*path, key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(_json_paths(item, (*path, index)))
    return found


_DEEP = "@@deep@@"


def _json_text(tree: Any, rng: random.Random) -> bytes:
    try:
        text = json.dumps(tree, ensure_ascii=rng.random() < 0.5, allow_nan=True)
    except RecursionError:
        return b"[]"
    depth = rng.choice((3000, 100_000))
    text = text.replace(f'"{_DEEP}"', "[" * depth + "1" + "]" * depth)
    return text.encode("utf-8", "surrogatepass")


def _json_mutation(data: bytes, rng: random.Random) -> bytes:
    try:
        tree = json.loads(data)
        paths = _json_paths(tree)
    except (ValueError, RecursionError):
        return data
    path = rng.choice(paths)
    if not path:
        return data
    parent = tree
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    roll = rng.random()
    if roll < 0.55:
        parent[last] = _hostile_value(rng)
    elif roll < 0.65 and isinstance(parent, dict):
        del parent[last]
    elif roll < 0.7 and isinstance(parent, list):
        parent.append(parent[last])
    elif roll < 0.8 and isinstance(parent, dict):
        parent[_hostile_text(rng)[:30] or "x"] = parent[last]
    elif roll < 0.9:
        parent[last] = type(parent[last])() if isinstance(parent[last], list | dict) else None
    else:  # the same key twice, written by hand
        text = _json_text(tree, rng).decode("utf-8", "surrogatepass")
        keys = list(re.finditer(r'"([A-Za-z_]+)": ', text))
        if keys:
            hit = rng.choice(keys)
            extra = f'"{hit.group(1)}": {json.dumps(_hostile_value(rng), allow_nan=True)}, '
            return (text[: hit.start()] + extra + text[hit.start() :]).encode(
                "utf-8", "surrogatepass"
            )
    return _json_text(tree, rng)


_XML_SNIPPETS = [
    b'<!DOCTYPE newsItem SYSTEM "/etc/passwd">',
    b'<!DOCTYPE newsItem PUBLIC "-//x//y" "http://example.invalid/x.dtd">',
    b'<!DOCTYPE newsItem [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>',
    b"<!DOCTYPE newsItem>",
    b'<?xml-stylesheet href="http://example.invalid/x.css"?>',
    b"&b;",
    b"&#0;",
    b"&#xFFFE;",
    b"&#x1B;",
    b"<![CDATA[\x1b]]>",
    b"<!-- x -->",
    b"<x:y xmlns:x='urn:x'/>",
    b"<em>" * 100,
    b"<em>" * 300,
]


def _xml_mutation(data: bytes, rng: random.Random) -> bytes:
    from lxml import etree

    if rng.random() < 0.2:  # something before the root element, or anywhere
        snippet = rng.choice(_XML_SNIPPETS)
        start = data.find(b"?>") + 2 if rng.random() < 0.6 else rng.randrange(len(data) + 1)
        return data[:start] + snippet + data[start:]
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return data
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    element = rng.choice(elements)
    roll = rng.random()
    text = _hostile_text(rng)
    clean = "".join(c for c in text if c in "\t\n\r" or (c >= " " and c not in "\ufffe\uffff"))
    clean = clean.encode("utf-8", "ignore").decode("utf-8")
    if roll < 0.3:
        element.text = clean
    elif roll < 0.55:
        names = list(element.attrib) or ["version", "guid", "qcode", "href", "width", "role"]
        element.set(rng.choice(names), clean)
    elif roll < 0.65 and element.getparent() is not None:
        element.getparent().remove(element)
    elif roll < 0.75 and element.getparent() is not None:
        element.addnext(etree.fromstring(etree.tostring(element, with_tail=False)))
    elif roll < 0.85:
        other = rng.choice(elements)
        if other is not element and element not in other.iterancestors():
            other.append(element)
    else:
        inner = element
        for _ in range(rng.choice((5, 40, 80))):
            inner = etree.SubElement(inner, element.tag)
        inner.text = clean or "x"
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


_YAML_VALUES = [
    "!!timestamp 2026-02-30",
    "!!timestamp 2026-05-04T09:30:00Z",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "!!omap [a: 1]",
    "!!python/object:os.system x",
    "!!int 0x" + "f" * 60,
    "9" * 5000,
    "&a [x, y]",
    "*a",
    "[" * 200 + "]" * 200,
    "{a: " * 120 + "x" + "}" * 120,
    "yes",
    "~",
    '"\\e\\0\\x07"',
    "'it''s'",
    "|\n  line one\n  line two",
    "[1, 2]",
    "{name: }",
    "2026-05-04",
    "9999-12-31T23:59:59-14:00",
]
_MARKDOWN_SNIPPETS = [
    "\n\n" + "*a " * 200 + "\n\n",
    "\n\n" + "<em>" * 100 + "x\n\n",
    "\n\n[link](javascript:alert(1))\n\n",
    "\n\n![x](file:///etc/passwd)\n\n",
    "\n\n![x](images/a.png){width=99999999999}\n\n",
    "\n{lang=xx dir=up width=-3}\n",
    '\n{speaker="\\x1b" date=2026-02-30 cite="javascript:x"}\n> quote\n',
    "\n\n| a | b |\n|---|\n| 1 | 2 | 3 |\n\n",
    "\n\n| a |\n|---|\n| &#10; |\n\n",
    "\n\n> — \n\n",
    "\n\n> text\n>\n> — Name, , , ,\n\n",
    "\n\n- a\n  - b\n    - c\n\n",
    "\n\n```\ncode\n```\n\n",
    "&#0; &#x1B; &#xFFFE; &#13;",
    "<code>a\nb</code>",
    "<script>x</script>",
    "\n\n<div>\n<p>html</p>\n</div>\n\n",
    "\n# second headline\n",
    "\n## \n",
    "\n* * *\n\n* * *\n",
    "\\\n",
    "\x1b[1m",
    "\n---\nid: x\n---\n",
]


def _markdown_mutation(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "surrogatepass")
    lines = text.split("\n")
    try:
        closing = lines.index("---", 1)
    except ValueError:
        closing = 0
    roll = rng.random()
    if roll < 0.4 and closing > 1:
        index = rng.randrange(1, closing)
        key = lines[index].split(":", 1)[0] if ":" in lines[index] else "headline"
        if rng.random() < 0.3:
            key = rng.choice(["version", "published", "urgency", "id", "canonical_url", "x"])
        lines[index] = f"{key}: {rng.choice(_YAML_VALUES)}"
        if rng.random() < 0.2:
            lines.insert(index, f"{key}: duplicate")
        return "\n".join(lines).encode("utf-8", "surrogatepass")
    position = rng.randrange(len(text) + 1)
    snippet = rng.choice(_MARKDOWN_SNIPPETS) if roll < 0.8 else _hostile_text(rng)
    return (text[:position] + snippet + text[position:]).encode("utf-8", "surrogatepass")


def _pdf_mutation(data: bytes, rng: random.Random) -> bytes:
    import pikepdf

    if rng.random() < 0.3:
        return _bytes_mutation(data, rng, seeds("pdf"))
    with pikepdf.open(io.BytesIO(data)) as pdf:
        embedded = pdf.attachments["newsdoc.json"].get_file().read_bytes()
        changed = _json_mutation(embedded, rng)
        if rng.random() < 0.3:
            changed = _bytes_mutation(changed, rng, seeds("json"))
        del pdf.attachments["newsdoc.json"]
        pdf.attachments["newsdoc.json"] = pikepdf.AttachedFileSpec(pdf, changed)
        out = io.BytesIO()
        pdf.save(out)
        return out.getvalue()


_HTML_SNIPPETS = [
    "<x:y>t</x:y>",
    "<uy<>x</uy<>",
    "</body></html><p>after the page</p>",
    "<html><body><p>a second page</p></body></html>",
    '<meta charset="idna">',
    "<!doctype html>",
    "<div>" * 300,
    '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": '
    '"0000-00-00", "author": {"name": "A\\ud800B"}, "keywords": ["a\\u0001b"]}</script>',
    '<script type="application/ld+json">{"@type": [1, {"x": null}], "headline": 5}</script>',
    '<meta property="article:published_time" content="2026-02-30T99:99">',
    '<img src="file:///etc/passwd" alt="x">',
    '<svg><use href="file:///etc/passwd#x"/></svg>',
    '<a href="javascript:alert(1)">link</a>',
    "<table>" + "<tr><td>x" * 200,
    "&#0;&#xFFFE;&#x1B;&lol;",
    "<blockquote>loose <p>quoted</p><ul><li>item</li></ul></blockquote>",
]


def _html_mutation(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "surrogatepass")
    position = rng.randrange(len(text) + 1)
    snippet = rng.choice(_HTML_SNIPPETS) if rng.random() < 0.7 else _hostile_text(rng)
    return (text[:position] + snippet + text[position:]).encode("utf-8", "surrogatepass")


def _docx_mutation(data: bytes, rng: random.Random) -> bytes:
    """One part of the package changed: the document's XML mutated as XML, or its bytes."""
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    name = "word/document.xml" if rng.random() < 0.7 else rng.choice(sorted(parts))
    roll = rng.random()
    if name.endswith(".xml") and roll < 0.1:
        parts[name] = encoding_mutation(parts[name], rng)
    elif name.endswith(".xml") and roll < 0.2:
        parts[name] = attribute_flood(parts[name], rng)
    elif name.endswith(".xml") and roll < 0.7:
        parts[name] = _xml_mutation(parts[name], rng)
    else:
        parts[name] = _bytes_mutation(parts[name], rng, (parts[name],))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for part, content in parts.items():
            target.writestr(part, content)
    return out.getvalue()


_STRUCTURED: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "json": _json_mutation,
    "ninjs": _json_mutation,
    "newsml": _xml_mutation,
    "nitf": _xml_mutation,
    "markdown": _markdown_mutation,
    "webpage": _html_mutation,
    "atom": _xml_mutation,
    "rss": _xml_mutation,
    "jsonfeed": _json_mutation,
    "docx": _docx_mutation,
}


_XML_READERS = ("newsml", "nitf", "atom", "rss")


def mutate(reader: str, rng: random.Random) -> bytes:
    """A seed of ``reader`` changed one to four times over."""
    pool = seeds(reader)
    data = rng.choice(pool)
    if reader == "pdf":
        return _pdf_mutation(data, rng)
    for _ in range(rng.choice((1, 1, 2, 4))):
        roll = rng.random()
        if reader in _XML_READERS and roll < 0.1:
            try:
                data = encoding_mutation(data, rng)
            except UnicodeDecodeError:  # no longer UTF-8: the bytes as they are
                data = _bytes_mutation(data, rng, pool)
        elif reader in (*_XML_READERS, "webpage") and roll < 0.2:
            data = attribute_flood(data, rng)
        elif rng.random() < 0.65:
            try:
                data = _STRUCTURED[reader](data, rng)
            except Exception:  # the data is no longer of the format's shape: bytes then
                data = _bytes_mutation(data, rng, pool)
        else:
            data = _bytes_mutation(data, rng, pool)
    return data


# ---------------------------------------------------------------------------------- checks


@cache
def _empty_folder() -> str:
    """A folder with nothing in it, where the writers look for images (and find none)."""
    return tempfile.mkdtemp(prefix="newsdoc-fuzz-")


def _write(document: nd.Document, writer: str) -> None:
    render = {"base_dir": _empty_folder(), "missing_images": "omit"}
    options: dict[str, Any] = {
        "newsml-xhtml": {"body": "xhtml"},
        "ninjs-2.2": {"version": "2.2"},
        "html": render,
        "epub": render,
        "pdf": render,
    }.get(writer, {})
    name = writer.split("-")[0]
    nd.dumps(document, name, **options)


def check(reader: str, data: bytes, writers: tuple[str, ...] = WRITERS) -> bool:
    """Read ``data``; write what is accepted with ``writers``. ``True`` when accepted,
    ``False`` when refused with newsdoc's error; :class:`Found` for a bug."""
    with warnings.catch_warnings(), collect():
        warnings.simplefilter("ignore")
        try:
            document = nd.loads(data, reader)
        except InternalError as exc:
            raise Found("read", exc) from exc
        except NewsdocError:
            return False
        except Exception as exc:
            raise Found("read", exc) from exc
        try:
            again = nd.loads(nd.dumps(document), "json")
        except Exception as exc:
            raise Found("write json", exc) from exc
        if again != document:
            raise Found("json round trip", None, "the document changed through newsdoc JSON")
        for writer in writers:
            try:
                _write(document, writer)
            except InternalError as exc:
                raise Found(f"write {writer}", exc) from exc
            except NewsdocError:
                continue
            except Exception as exc:
                raise Found(f"write {writer}", exc) from exc
    return True


def main(argv: list[str] | None = None) -> int:
    from tests.fuzz_run import run

    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
