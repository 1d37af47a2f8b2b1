"""Mutations of markup for the fuzzer: XML re-encoded in UTF-16 or UTF-32, and attribute
floods (see :mod:`tests.fuzzing`)."""

from __future__ import annotations

import codecs
import random
import re

__all__ = ["attribute_flood", "encoding_mutation"]

# UTF-16 and UTF-32 in both byte orders: (codec, byte-order mark, name in a declaration).
_WIDE = (
    ("utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
    ("utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
    ("utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
    ("utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
)
_DECLARED_ENCODING = re.compile(r"""encoding=(["'])[^"']*\1""")


def encoding_mutation(data: bytes, rng: random.Random) -> bytes:
    """XML re-encoded in UTF-16 or UTF-32, either byte order, with or without a byte-order
    mark; its declaration says so (or, now and then, still names the old encoding)."""
    text = data.decode("utf-8", "surrogatepass")
    codec, mark, name = rng.choice(_WIDE)
    if rng.random() < 0.85:
        text = _DECLARED_ENCODING.sub(f'encoding="{name}"', text, count=1)
        if not text.startswith("<?xml"):
            text = f'<?xml version="1.0" encoding="{name}"?>' + text
    return (mark if rng.random() < 0.5 else b"") + text.encode(codec, "surrogatepass")


_START_TAG = re.compile(rb"<([A-Za-z][\w:.-]*)")


def attribute_flood(data: bytes, rng: random.Random) -> bytes:
    """Many attributes on one element (quoted, bare, or escaped in text as a feed carries
    HTML), or on many: parsers compare an element's attributes pairwise."""
    count = rng.choice((30, 300, 3_000, 30_000))
    quoted = rng.random() < 0.7
    one = b' f%d="v"' if quoted else b" f%d"
    flood = b"".join(one % i for i in range(count))
    tags = [found.end(1) for found in _START_TAG.finditer(data)]
    roll = rng.random()
    if not tags or roll < 0.2:  # escaped, where text goes
        at = data.rfind(b">", 0, rng.randrange(len(data) + 1)) + 1
        escaped = b"&lt;p" + flood.replace(b'"', b"&quot;") + b"&gt;x&lt;/p&gt;"
        return data[:at] + escaped + data[at:]
    if roll < 0.35:  # a few attributes on each of many elements
        at = rng.choice(tags)
        return data[:at] + b' f1="v" f2="v" f3="v"' * (count // 3) + data[at:]
    at = rng.choice(tags)
    return data[:at] + flood + data[at:]
