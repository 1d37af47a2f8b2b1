"""What the Markdown writer and reader share."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

if TYPE_CHECKING:
    pass


_BREAK = "\ue000"  # stands for a hard line break while a block's text is put together
_ATTRIBUTION = ("—", "– ", "-- ")
_ATTR_ESCAPES = {
    "%": "%25",
    '"': "%22",
    "\\": "%5C",
    "{": "%7B",
    "}": "%7D",
    "\n": "%0A",
    "\r": "%0D",
}


def _evolve(instance: Any, **changes: Any) -> Any:
    return attrs.evolve(instance, **changes)
