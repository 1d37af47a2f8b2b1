"""The ``convert`` command's format flags, derived from the formats' typed options classes.

Every field of every registered format's options class (:mod:`newsdoc.options`) that is meant
for the command line becomes one click option: its name from the field (``page_size`` gives
``--page-size``), its help from the field's help, its type from the field's type (a
``Literal`` is a choice, a ``bool`` a ``--x/--no-x`` switch, a tuple a repeatable flag, a
file or folder a checked path). A plug-in format's options get flags the same way. A flag
that several formats share (``--css``) is one flag whose value each of them receives.

The flags are built the first time the ``convert`` command is asked for its parameters, so
``newsdoc --help`` imports no format.
"""

from __future__ import annotations

from typing import Any

import attrs
import click

from newsdoc.formats import available_formats
from newsdoc.options import OptionSpec, option_specs

__all__ = ["FormatFlag", "format_flags"]


@attrs.frozen
class FormatFlag:
    """One flag: its click parameter, and the formats and field it sets."""

    param: click.Option
    field: str
    formats: tuple[str, ...]
    side: str = "write"

    @property
    def flag(self) -> str:
        """The flag as written (``--page-size``)."""
        return self.param.opts[0]


def _click_type(spec: OptionSpec) -> Any:
    if spec.choices:
        return click.Choice([str(c) for c in spec.choices])
    if spec.kind == "file":
        return click.Path(exists=True, dir_okay=False)
    if spec.kind in ("dir", "dirs"):
        return click.Path(exists=True, file_okay=False)
    base = spec.type
    if base is int or base == (int | None):
        return click.INT
    return click.STRING


def _help(spec: OptionSpec) -> str:
    if spec.default is None or spec.default == () or "default" in spec.help:
        return spec.help
    if spec.is_flag:
        return f"{spec.help} (default: {'on' if spec.default else 'off'})"
    return f"{spec.help} (default: {spec.default})"


def _param(spec: OptionSpec, flag: str) -> click.Option:
    dest = "fmt_" + flag.replace("-", "_")
    if spec.is_flag:
        return click.Option([f"--{flag}/--no-{flag}", dest], default=None, help=_help(spec))
    return click.Option(
        [f"--{flag}", dest],
        type=_click_type(spec),
        multiple=spec.repeatable,
        default=None,
        metavar=spec.metavar,
        help=_help(spec),
    )


def _same(a: OptionSpec, b: OptionSpec) -> bool:
    return (a.type, a.kind, a.is_flag) == (b.type, b.kind, b.is_flag)


def format_flags(taken: set[str]) -> list[FormatFlag]:
    """The flags of every registered format's options, skipping the names in ``taken``
    (the command's own flags); a field whose flag clashes with another format's field of
    another type is prefixed with its format's name (``--txt-width``)."""
    chosen: dict[str, tuple[OptionSpec, list[str]]] = {}
    for fmt in available_formats():
        for spec in option_specs(fmt.options_class):
            if not spec.cli:
                continue
            flag = spec.flag
            if flag in taken or (flag in chosen and not _same(chosen[flag][0], spec)):
                flag = f"{fmt.name}-{flag}"
            entry = chosen.setdefault(flag, (spec, []))
            if fmt.name not in entry[1]:
                entry[1].append(fmt.name)
    found = []
    for flag, (spec, owners) in chosen.items():
        param = _param(spec, flag)
        found.append(
            FormatFlag(param=param, field=spec.name, formats=tuple(owners), side=spec.side)
        )
    return found
