"""Names a package re-exports from its modules, imported on first use (PEP 562).

A format package's ``__init__`` is imported whenever anything under it is, even its light
``options`` module, which the command line loads to build its flags. Re-exporting the
reader and the writer lazily keeps that cheap::

    __getattr__, __dir__ = lazy_names(__name__, {"read": ".reader", "write": ".writer"})

with the same names imported under ``typing.TYPE_CHECKING`` for type checkers and readers.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    package: str, homes: Mapping[str, str], *, rest: str | None = None
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """A module ``__getattr__`` and ``__dir__`` giving each name of ``homes`` from its module
    (relative to ``package`` when it starts with a dot), imported on first use and then kept
    in the package's namespace. Any other name is looked up in ``rest`` when given (the
    module that holds the package's code, whose helpers tests and plug-ins may use).

    >>> getattr_, dir_ = lazy_names("newsdoc", {"dedent": "textwrap"})
    >>> getattr_("dedent")("  x")
    'x'
    """

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None and rest is not None and not name.startswith("__"):
            if importlib.util.find_spec(f"{package}.{name}") is not None:
                # ``from package import options``: the submodule, not the package's code
                return importlib.import_module(f"{package}.{name}")
            home = rest
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(home, package)
        if not hasattr(module, name):
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(module, name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(homes))

    return __getattr__, __dir__
