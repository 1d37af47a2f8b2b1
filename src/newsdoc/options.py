"""Format options: one typed attrs class per format, from which the command line's flags come.

Every format declares what it accepts as a frozen attrs class derived from :class:`Options`,
each field made with :func:`option` (its default, its help text, and how it looks on the
command line). The same class serves three callers, as pandoc's ``WriterOptions`` does:

- the library: ``newsdoc.dumps(article, "pdf", layout="newspaper")`` or, typed,
  ``newsdoc.dumps(article, "pdf", PdfOptions(layout="newspaper"))``;
- the format's own ``write(document, options)`` / ``read(data, options, source=...)``;
- the ``newsdoc`` command, whose ``--layout`` flag and its help are derived from the field,
  so a plug-in format gets its flags too.

Values are checked when the options are built: an unknown name or a value of the wrong type
or outside the field's choices is one :class:`~newsdoc.errors.OptionError` naming the option
and the format.

>>> import attrs
>>> @attrs.frozen(kw_only=True)
... class TxtOptions(Options):
...     width: int = option(72, help="Wrap lines at this many characters.")
>>> TxtOptions.build("txt", {"width": 60}).width
60
>>> TxtOptions.build("txt", {"wdth": 60})
Traceback (most recent call last):
...
newsdoc.errors.OptionError: the txt format has no option 'wdth'; its options: width
"""

from __future__ import annotations

import datetime as dt
import os
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs

from newsdoc.errors import OptionError

__all__ = ["OptionSpec", "Options", "option", "option_specs", "resolve"]

OptionsT = TypeVar("OptionsT", bound="Options")
Side = Literal["read", "write"]
Kind = Literal["value", "file", "dir", "dirs"]


def option(
    default: Any,
    *,
    help: str,
    flag: str | None = None,
    metavar: str | None = None,
    side: Side = "write",
    cli: bool = True,
    kind: Kind = "value",
    check: Callable[[Any], object] | None = None,
    path: bool = False,
) -> Any:
    """A field of an :class:`Options` class.

    ``help`` is the flag's help text; ``flag`` its name (``--`` and the field's name with
    dashes by default); ``side`` says whether it is a reading or a writing option; ``cli=False``
    keeps it off the command line (set by the conversion path, such as ``base_dir``).
    ``kind`` marks paths (``file``, ``dir``, ``dirs``), whose contents count in
    :meth:`Options.fingerprint`; ``path`` accepts a path object for a string field without
    that. ``check`` raises :class:`ValueError` for a bad value.
    """
    metadata = {
        "help": help,
        "flag": flag,
        "metavar": metavar,
        "side": side,
        "cli": cli,
        "kind": kind,
        "check": check,
    }
    converter: Callable[[Any], Any] | None = None
    if kind == "dirs":
        converter = _to_paths
    elif kind in ("file", "dir") or path:
        converter = _to_path
    if isinstance(default, list | dict | set):
        raise TypeError("option defaults must be immutable")
    return attrs.field(default=default, metadata={"newsdoc": metadata}, converter=converter)


def _to_path(value: Any) -> Any:
    return os.fspath(value) if isinstance(value, os.PathLike) else value


def _to_paths(value: Any) -> Any:
    if isinstance(value, str | os.PathLike):
        return (os.fspath(value),)
    if isinstance(value, Iterable) and not isinstance(value, bytes | Mapping):
        return tuple(_to_path(v) for v in value)
    return value


@attrs.frozen
class OptionSpec:
    """What the command line and the checks need to know of one option field."""

    name: str
    flag: str
    help: str
    side: Side
    cli: bool
    kind: Kind
    type: Any
    default: Any
    metavar: str | None
    check: Callable[[Any], object] | None

    @property
    def choices(self) -> tuple[Any, ...] | None:
        """The values a ``Literal`` field accepts (``None`` allowed besides when optional)."""
        args = _literal_args(self.type)
        return tuple(a for a in args if a is not None) if args else None

    @property
    def is_flag(self) -> bool:
        """Whether the field is a switch (``bool`` or ``bool | None``)."""
        return _strip_none(self.type) is bool

    @property
    def repeatable(self) -> bool:
        """Whether the field holds several values (``tuple[str, ...]``)."""
        return typing.get_origin(_strip_none(self.type)) is tuple


def _strip_none(tp: Any) -> Any:
    args = typing.get_args(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0] if len(rest) == 1 else typing.Union[tuple(rest)]  # noqa: UP007
    return tp


def _literal_args(tp: Any) -> tuple[Any, ...]:
    tp = _strip_none(tp)
    if typing.get_origin(tp) is Literal:
        return typing.get_args(tp)
    return ()


_SPECS: dict[type, tuple[OptionSpec, ...]] = {}


def option_specs(cls: type[Options]) -> tuple[OptionSpec, ...]:
    """The :class:`OptionSpec` of every field of ``cls``, in declaration order (cached)."""
    found = _SPECS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        specs = []
        for field in attrs.fields(cls):
            meta = field.metadata.get("newsdoc", {})
            specs.append(
                OptionSpec(
                    name=field.name,
                    flag=meta.get("flag") or field.name.replace("_", "-"),
                    help=meta.get("help", ""),
                    side=meta.get("side", "write"),
                    cli=meta.get("cli", True),
                    kind=meta.get("kind", "value"),
                    type=hints.get(field.name, Any),
                    default=field.default,
                    metavar=meta.get("metavar"),
                    check=meta.get("check"),
                )
            )
        found = _SPECS[cls] = tuple(specs)
    return found


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _type_ok(value: Any, tp: Any) -> bool:
    if tp is Any:
        return True
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return any(_type_ok(value, arg) for arg in typing.get_args(tp))
    if origin is Literal:
        return value in typing.get_args(tp)
    if origin is tuple:
        item = typing.get_args(tp)[0] if typing.get_args(tp) else Any
        return isinstance(value, tuple) and all(_type_ok(v, item) for v in value)
    if tp is type(None):
        return value is None
    if tp is bool:
        return type(value) is bool
    if tp is int:
        return type(value) is int
    if tp is float:
        return type(value) in (int, float)
    if tp is dt.datetime:
        return isinstance(value, dt.datetime)
    if isinstance(tp, type):
        return isinstance(value, tp)
    return True


def _expected(spec: OptionSpec) -> str:
    if spec.choices:
        return "one of " + ", ".join(repr(c) for c in spec.choices)
    base = _strip_none(spec.type)
    names = {bool: "true or false", int: "a whole number", str: "a string"}
    if base in names:
        return names[base]
    if spec.repeatable:
        return "a list of strings"
    return getattr(base, "__name__", str(base))


@attrs.frozen(kw_only=True)
class Options:
    """The base of every format's options: checks values when built.

    Subclasses are ``@attrs.frozen(kw_only=True)`` classes whose fields come from
    :func:`option`.
    """

    def __attrs_post_init__(self) -> None:
        for spec in option_specs(type(self)):
            value = getattr(self, spec.name)
            if not _type_ok(value, spec.type):
                raise OptionError(
                    f"option {spec.name!r}: expected {_expected(spec)}, got {_describe(value)}"
                )
            if spec.check is not None and value is not None:
                try:
                    spec.check(value)
                except ValueError as exc:
                    raise OptionError(f"option {spec.name!r}: {exc}") from None

    @classmethod
    def build(cls: type[OptionsT], format_name: str, values: Mapping[str, Any]) -> OptionsT:
        """The options of format ``format_name`` from a mapping of names to values.

        ``None`` values stand for "the default". Unknown names raise :class:`OptionError`.
        """
        specs = {spec.name: spec for spec in option_specs(cls)}
        unknown = [name for name in values if name not in specs]
        if unknown:
            known = ", ".join(specs) or "none"
            raise OptionError(
                f"the {format_name} format has no option {unknown[0]!r}; its options: {known}"
            )
        given = {k: v for k, v in values.items() if v is not None}
        try:
            return cls(**given)
        except OptionError as exc:
            raise OptionError(f"{format_name}: {exc}") from None

    def replace(self: OptionsT, **changes: Any) -> OptionsT:
        """A copy with some values changed (checked again)."""
        return attrs.evolve(self, **changes)

    def fingerprint(self) -> str:
        """A digest of every value that can change the output, files' contents included.

        Two conversions with equal fingerprints, the same input and the same newsdoc version
        produce the same output; the batch manifest uses it to tell when to convert again.
        """
        import hashlib  # OpenSSL: loaded when a fingerprint is first wanted

        digest = hashlib.sha256(type(self).__qualname__.encode())
        for spec in option_specs(type(self)):
            value = getattr(self, spec.name)
            digest.update(f"\0{spec.name}={value!r}".encode("utf-8", "surrogatepass"))
            if spec.kind == "file" and isinstance(value, str):
                _digest_file(digest, Path(value))
            elif spec.kind == "dir" and isinstance(value, str):
                _digest_folder(digest, Path(value))
        return digest.hexdigest()


def _digest_file(digest: Any, path: Path) -> None:
    try:
        if path.is_file():
            digest.update(path.read_bytes())
    except OSError:
        digest.update(b"\0unreadable")


def _digest_folder(digest: Any, folder: Path) -> None:
    try:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode("utf-8", "surrogatepass"))
                _digest_file(digest, path)
    except OSError:
        digest.update(b"\0unreadable")


def resolve(
    cls: type[OptionsT], format_name: str, options: OptionsT | None, extra: Mapping[str, Any]
) -> OptionsT:
    """The options a format's ``write``/``read`` was called with: an instance, keywords, or both.

    >>> import attrs
    >>> @attrs.frozen(kw_only=True)
    ... class TxtOptions(Options):
    ...     width: int = option(72, help="Wrap lines at this many characters.")
    >>> resolve(TxtOptions, "txt", TxtOptions(width=60), {}).width
    60
    >>> resolve(TxtOptions, "txt", None, {"width": 50}).width
    50
    """
    if options is None:
        return cls.build(format_name, extra)
    if not isinstance(options, cls):
        raise OptionError(
            f"the {format_name} format takes {cls.__name__}, not {type(options).__name__}"
        )
    if extra:
        specs = {spec.name for spec in option_specs(cls)}
        unknown = [name for name in extra if name not in specs]
        if unknown:
            raise OptionError(f"the {format_name} format has no option {unknown[0]!r}")
        return attrs.evolve(options, **{k: v for k, v in extra.items() if v is not None})
    return options
