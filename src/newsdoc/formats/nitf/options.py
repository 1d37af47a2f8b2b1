"""The options of NITF."""

from __future__ import annotations

import attrs

from newsdoc.model import checks as C
from newsdoc.options import Options, option

__all__ = ["NitfOptions"]


def _uri(value: str) -> None:
    if not C.uri().test(value):
        raise ValueError(f"{value!r} is not an absolute URI such as 'urn:newsdoc:123'")


@attrs.frozen(kw_only=True)
class NitfOptions(Options):
    """Options of the ``nitf`` format."""

    id: str | None = option(
        None,
        help="[docx, nitf] The article's id when the input names none (default: "
        "urn:newsdoc:sha1: and the file's digest).",
        side="read",
        metavar="URI",
        check=_uri,
    )
