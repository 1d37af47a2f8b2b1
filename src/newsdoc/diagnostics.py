"""Warnings: what a reader or writer assumed, dropped or could not map, said out loud.

Nothing is lost in silence. A reader that assumes a time zone, a writer that cannot carry a
byline's role, a body part no rule maps: each calls :func:`warn`, and the message reaches the
user (pandoc's log messages play the same part):

- inside :func:`collect` (the conversion path, :func:`newsdoc.convert`, batches) the warnings
  are gathered into a list and end up on the result, on the command line's standard error and
  in ``--report``; ``strict`` turns them into a failure;
- anywhere else (a plain :func:`newsdoc.load`) they are Python warnings of the category
  :class:`NewsdocWarning`, shown once by default and filtered as usual
  (``warnings.simplefilter("error", newsdoc.NewsdocWarning)`` makes them errors).

The gathering is per context (a :mod:`contextvars` variable), so threads and asyncio tasks
each keep their own.

>>> with collect() as found:
...     warn("the page names no time zone; UTC assumed", code="assumed", where="published")
>>> [str(d) for d in found]
['published: the page names no time zone; UTC assumed (assumed)']
"""

from __future__ import annotations

import contextvars
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

import attrs

__all__ = ["Diagnostic", "NewsdocWarning", "collect", "info", "warn"]

Level = Literal["warning", "info"]


@attrs.frozen
class Diagnostic:
    """One message: what happened (``message``), its kind (``code``) and where (``where``).

    ``code`` is a short, stable word a program can filter on: ``assumed`` (a value the input
    did not give), ``dropped`` (content left out), ``unmapped`` (content no rule maps, kept as
    well as possible), ``lossy`` (a writer's format cannot carry a field), ``limit``, ``info``.
    ``level`` is ``warning`` (shown unless ``--quiet``) or ``info`` (shown with ``--verbose``).

    >>> str(Diagnostic("byline roles are not carried", code="lossy", where="bylines[0].role"))
    'bylines[0].role: byline roles are not carried (lossy)'
    """

    message: str
    code: str = "warning"
    where: str | None = None
    level: Level = "warning"

    def __str__(self) -> str:
        head = f"{self.where}: " if self.where else ""
        tail = f" ({self.code})" if self.code not in ("warning", "info") else ""
        return f"{head}{self.message}{tail}"

    def to_json(self) -> dict[str, str | None]:
        """The diagnostic as a JSON-ready record (for ``--report``)."""
        return {
            "level": self.level,
            "code": self.code,
            "where": self.where,
            "message": self.message,
        }


class NewsdocWarning(UserWarning):
    """The Python warning category of newsdoc's diagnostics outside :func:`collect`.

    ``diagnostic`` is the :class:`Diagnostic` it carries.
    """

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(str(diagnostic))
        self.diagnostic = diagnostic

    def __reduce__(self) -> tuple[type[NewsdocWarning], tuple[Diagnostic]]:
        return (type(self), (self.diagnostic,))


_CURRENT: contextvars.ContextVar[list[Diagnostic] | None] = contextvars.ContextVar(
    "newsdoc_diagnostics", default=None
)
#: The most messages of one run kept for one input; a hostile file cannot flood memory.
MAX_DIAGNOSTICS = 200


def _emit(diagnostic: Diagnostic) -> None:
    found = _CURRENT.get()
    if found is not None:
        if len(found) < MAX_DIAGNOSTICS and diagnostic not in found:
            found.append(diagnostic)
        elif len(found) == MAX_DIAGNOSTICS:
            found.append(Diagnostic("further messages left out", code="limit"))
        return
    if diagnostic.level == "warning":
        warnings.warn(NewsdocWarning(diagnostic), stacklevel=3)


def warn(message: str, *, code: str = "warning", where: str | None = None) -> None:
    """Report something assumed, dropped or not mapped (see the module's docstring)."""
    _emit(Diagnostic(message, code=code, where=where))


def info(message: str, *, where: str | None = None) -> None:
    """Report what was done, for ``--verbose`` (never a Python warning, never a failure)."""
    _emit(Diagnostic(message, code="info", where=where, level="info"))


@contextmanager
def collect() -> Iterator[list[Diagnostic]]:
    """Gather the diagnostics of the code inside the block into the list it yields.

    Blocks nest: an inner block gathers its own messages, and they are also added to the
    outer block's list when it ends.
    """
    outer = _CURRENT.get()
    found: list[Diagnostic] = []
    token = _CURRENT.set(found)
    try:
        yield found
    finally:
        _CURRENT.reset(token)
        if outer is not None:
            for diagnostic in found:
                if diagnostic not in outer:
                    outer.append(diagnostic)


def warnings_only(found: list[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics of level ``warning`` (what ``--strict`` fails on)."""
    return [d for d in found if d.level == "warning"]
