"""Reporting bad newsdoc JSON: a cattrs converter that finds every problem with its path.

The JSON reader builds documents through the generated hooks of
:mod:`newsdoc.wire.fast`, which say only *that* something is wrong. When they do,
:func:`problems_in` runs the detailed converter made here over the document and flattens
cattrs' exception groups into :class:`~newsdoc.errors.Problem` values
(``sections[2].blocks[0].speaker.name: required``). This module, and cattrs with it, is
imported only then (and for :data:`converter`, the fast hooks as a cattrs converter).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
from cattrs.errors import (
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override

from newsdoc.errors import FieldError, Problem, excerpt
from newsdoc.markup.json_text import json_type
from newsdoc.model import checks as C
from newsdoc.model.article import CorrectionKind, PubStatus, Relation
from newsdoc.model.blocks import BLOCK_TYPES, Align, Direction, QuoteKind
from newsdoc.model.inline import INLINE_TYPES, Text
from newsdoc.wire.tags import (
    BLOCK_UNION,
    CLASSES,
    FAST_STRUCTURE,
    FAST_UNSTRUCTURE,
    INLINE_UNION,
    TAGS,
    model_classes,
)

__all__ = ["converter", "detailed_converter", "make_converter", "problems_in"]


def _strict(expected: type, name: str) -> Callable[[Any, Any], Any]:
    """A structure hook that accepts only values of exactly the JSON type ``expected``."""

    def hook(value: Any, _: Any) -> Any:
        if type(value) is expected:
            return value
        raise TypeError(f"expected {name}, got {json_type(value)}")

    return hook


def _structure_float(value: Any, _: Any) -> float:
    if type(value) is float or type(value) is int:
        return float(value)
    raise TypeError(f"expected a number, got {json_type(value)}")


def _structure_datetime(value: Any, _: Any) -> dt.datetime:
    if type(value) is not str:
        raise TypeError(f"expected an ISO 8601 date-time string, got {json_type(value)}")
    try:
        parsed = dt.datetime.fromisoformat(value) if len(value) <= 64 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise ValueError(f"expected an ISO 8601 date-time, got {excerpt(value)}")
    if parsed.tzinfo is None:
        raise ValueError(
            f"date-time {excerpt(value)} has no time zone; add one, e.g. {value}Z or {value}+04:00"
        )
    return parsed


def _structure_date(value: Any, _: Any) -> dt.date:
    if type(value) is not str or len(value) != 10:
        raise TypeError(f"expected an ISO 8601 date (YYYY-MM-DD), got {excerpt(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"expected an ISO 8601 date (YYYY-MM-DD), got {excerpt(value)}") from None


def _structure_enum(value: Any, cls: type[enum.Enum]) -> enum.Enum:
    try:
        return cls(value)
    except (ValueError, TypeError):
        choices = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"expected one of {choices}, got {excerpt(value)}") from None


def _unstructure_datetime(value: dt.datetime) -> str:
    return value.isoformat()


def _unstructure_date(value: dt.date) -> str:
    return value.isoformat()


def make_converter(*, detailed: bool) -> cattrs.Converter:
    """Build a plain cattrs converter, error-reporting when ``detailed``.

    The detailed one is what reports bad input; the plain one is the reference the generated
    fast hooks are tested against.
    """
    conv = cattrs.Converter(
        omit_if_default=True, forbid_extra_keys=True, detailed_validation=detailed
    )
    conv.register_structure_hook(str, _strict(str, "a string"))
    conv.register_structure_hook(bool, _strict(bool, "true or false"))
    conv.register_structure_hook(int, _strict(int, "a whole number"))
    conv.register_structure_hook(float, _structure_float)
    conv.register_structure_hook(dt.datetime, _structure_datetime)
    conv.register_structure_hook(dt.date, _structure_date)
    conv.register_unstructure_hook(dt.datetime, _unstructure_datetime)
    conv.register_unstructure_hook(dt.date, _unstructure_date)
    for enum_class in (QuoteKind, Direction, Align, Relation, CorrectionKind, PubStatus):
        conv.register_structure_hook(enum_class, _structure_enum)
    _register_sequences(conv, detailed=detailed)
    _register_union(conv, INLINE_UNION, INLINE_TYPES, "inline", text_as_string=True)
    _register_union(conv, BLOCK_UNION, BLOCK_TYPES, "block", text_as_string=False)
    _register_inline_runs(conv)
    _register_classes(conv, detailed=detailed)
    return conv


def _is_homogeneous_tuple(t: Any) -> bool:
    return (
        getattr(t, "__origin__", None) is tuple
        and len(t.__args__) == 2
        and (t.__args__[1] is Ellipsis)
    )


def _register_sequences(conv: cattrs.Converter, *, detailed: bool) -> None:
    """Tuples come from JSON lists only (never from a string's characters)."""

    def factory(t: Any) -> Callable[[Any, Any], tuple[Any, ...]]:
        item_type = t.__args__[0]
        item_hook = conv.get_structure_hook(item_type)

        if not detailed:

            def fast(value: Any, _: Any) -> tuple[Any, ...]:
                if type(value) is not list:
                    raise TypeError(f"expected a list, got {json_type(value)}")
                return tuple([item_hook(item, item_type) for item in value])

            return fast

        def checked(value: Any, _: Any) -> tuple[Any, ...]:
            if type(value) is not list:
                raise TypeError(f"expected a list, got {json_type(value)}")
            errors: list[Exception] = []
            items = []
            for index, item in enumerate(value):
                try:
                    items.append(item_hook(item, item_type))
                except Exception as exc:  # collected with its index, re-raised as a group
                    exc.__notes__ = [
                        *getattr(exc, "__notes__", []),
                        cattrs.IterableValidationNote(f"@ index {index}", index, item_type),
                    ]
                    errors.append(exc)
            if errors:
                raise IterableValidationError(f"while structuring {t!r}", errors, t)
            return tuple(items)

        return checked

    conv.register_structure_hook_factory(_is_homogeneous_tuple, factory)


def _register_inline_runs(conv: cattrs.Converter) -> None:
    """Inline content is a list of nodes, or a plain string when it is a single text run."""
    runs: Any = tuple[INLINE_UNION, ...]
    as_list = conv.get_structure_hook(runs)
    node_to_json = conv.get_unstructure_hook(INLINE_UNION)

    def structure(value: Any, t: Any) -> tuple[Any, ...]:
        if type(value) is str:
            return (Text(text=value),) if value else ()
        return as_list(value, t)  # type: ignore[no-any-return]

    def unstructure(value: tuple[Any, ...]) -> Any:
        if not value:
            return ""
        if len(value) == 1 and type(value[0]) is Text:
            return value[0].text
        return [node_to_json(node) for node in value]

    conv.register_structure_hook_func(lambda t: t == runs, structure)
    conv.register_unstructure_hook_func(lambda t: t == runs, unstructure)


def _register_classes(conv: cattrs.Converter, *, detailed: bool) -> None:
    for cls in model_classes():
        tag = TAGS.get(cls)
        unstructure: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(
            cls, conv, _cattrs_omit_if_default=True
        )
        if tag is not None:
            conv.register_unstructure_hook(cls, _tagged(unstructure, tag))
        else:
            conv.register_unstructure_hook(cls, unstructure)
        if not detailed:
            conv.register_structure_hook(cls, _object_only(make_dict_structure_fn(cls, conv), tag))
            continue
        # The detailed converter also runs each field's check, so every bad value is reported
        # with its own path instead of only the first one the class constructor meets.
        overrides: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if isinstance(field.validator, C.Check):
                base = conv.get_structure_hook(field.type)
                overrides[field.name] = override(
                    struct_hook=_checked(base, field.validator, field.converter)
                )
        structure: Callable[[Any, Any], Any] = make_dict_structure_fn(cls, conv, **overrides)
        conv.register_structure_hook(cls, _object_only(structure, tag))


def _tagged(unstructure: Callable[[Any], dict[str, Any]], tag: str) -> Callable[[Any], Any]:
    def hook(value: Any) -> dict[str, Any]:
        return {"type": tag, **unstructure(value)}

    return hook


def _checked(
    base: Callable[[Any, Any], Any], check: C.Check, converter: Any
) -> Callable[[Any, Any], Any]:
    def hook(value: Any, t: Any) -> Any:
        result = base(value, t)
        check.validate(converter(result) if callable(converter) else result)
        return result

    return hook


def _object_only(
    structure: Callable[[Any, Any], Any], tag: str | None
) -> Callable[[Any, Any], Any]:
    """Refuse anything but a JSON object; check and remove the ``"type"`` of tagged classes."""
    if tag is None:

        def plain(value: Any, t: Any) -> Any:
            if type(value) is not dict:
                raise TypeError(f"expected an object, got {json_type(value)}")
            return structure(value, t)

        return plain

    def tagged(value: Any, t: Any) -> Any:
        if type(value) is not dict:
            raise TypeError(f"expected an object, got {json_type(value)}")
        if value.get("type") != tag:
            raise ValueError(f'expected "type": {tag!r}, got {excerpt(value.get("type"))}')
        body = dict(value)
        del body["type"]
        return structure(body, t)

    return tagged


def _register_union(
    conv: cattrs.Converter,
    union: Any,
    members: tuple[type, ...],
    what: str,
    *,
    text_as_string: bool,
) -> None:
    """Tagged-union hooks on ``"type"``; with ``text_as_string`` a bare string is a Text.

    The members' own hooks are looked up on first use, since they are made after these.
    """
    by_tag: dict[str, tuple[type, Callable[[Any, Any], Any]]] = {}
    unstructure_by_class: dict[type, Callable[[Any], Any]] = {}
    known = ", ".join(repr(TAGS[cls]) for cls in members)

    def resolve() -> None:
        for cls in members:
            by_tag[TAGS[cls]] = (cls, conv.get_structure_hook(cls))
            unstructure_by_class[cls] = conv.get_unstructure_hook(cls)

    def structure(value: Any, _: Any) -> Any:
        if text_as_string and type(value) is str:
            return Text(text=value)
        if type(value) is not dict:
            expected = "a string or an object" if text_as_string else "an object"
            raise TypeError(f"expected {expected} ({what}), got {json_type(value)}")
        if not by_tag:
            resolve()
        tag = value.get("type")
        entry = by_tag.get(tag) if type(tag) is str else None
        if entry is None:
            if tag is None:
                raise ValueError(f"{what} has no 'type'; expected one of {known}")
            raise ValueError(f"unknown {what} type {excerpt(tag)}; expected one of {known}")
        cls, hook = entry
        return hook(value, cls)

    def unstructure(value: Any) -> Any:
        if text_as_string and type(value) is Text:
            return value.text
        if not unstructure_by_class:
            resolve()
        return unstructure_by_class[type(value)](value)

    conv.register_structure_hook_func(lambda t: t == union, structure)
    conv.register_unstructure_hook_func(lambda t: t == union, unstructure)


def _make_fast_converter() -> cattrs.Converter:
    """A cattrs converter whose hooks are the generated fast ones of :mod:`._fastjson`."""
    conv = cattrs.Converter(omit_if_default=True, forbid_extra_keys=True)
    for cls in CLASSES:
        conv.register_structure_hook(cls, _ignore_type(FAST_STRUCTURE[cls]))
        conv.register_unstructure_hook(cls, FAST_UNSTRUCTURE[cls])
    return conv


def _ignore_type(hook: Callable[[Any], Any]) -> Callable[[Any, Any], Any]:
    def structure(value: Any, _: Any) -> Any:
        return hook(value)

    return structure


#: The fast converter: cattrs with generated hooks; see :mod:`newsdoc.wire.fast`.
converter = _make_fast_converter()
_DETAILED: cattrs.Converter | None = None


def detailed_converter() -> cattrs.Converter:
    """The converter that reports every problem (made on first need)."""
    global _DETAILED
    if _DETAILED is None:
        _DETAILED = make_converter(detailed=True)
    return _DETAILED


def problems_in(body: dict[str, Any], cls: type) -> list[Problem]:
    try:
        detailed_converter().structure(body, cls)
    except Exception as exc:
        found: list[Problem] = []
        _walk(exc, "", found)
        return found
    return []


def _join(path: str, name: str | int) -> str:
    if isinstance(name, int):
        return f"{path}[{name}]"
    return f"{path}.{name}" if path else name


def _walk(exc: BaseException, path: str, found: list[Problem]) -> None:
    """Flatten cattrs' exception groups into problems with dotted paths."""
    if isinstance(exc, ClassValidationError):
        with_notes, others = exc.group_exceptions()
        for sub, note in with_notes:
            _walk(sub, _join(path, note.name), found)
        for sub in others:
            _walk(sub, path, found)
    elif isinstance(exc, IterableValidationError):
        with_index, rest = exc.group_exceptions()
        for sub, index_note in with_index:
            _walk(sub, _join(path, index_note.index), found)
        for sub in rest:
            _walk(sub, path, found)
    elif isinstance(exc, BaseValidationError):
        for sub in exc.exceptions:
            _walk(sub, path, found)
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(str(k) for k in exc.extra_fields):
            found.append(Problem(_join(path, key[:60]), "unknown field"))
    elif isinstance(exc, KeyError):
        found.append(Problem(path, "required"))
    elif isinstance(exc, FieldError):
        field_path = f"{path}.{exc.field}" if path else exc.field
        found.append(Problem(field_path, exc.detail))
    elif isinstance(exc, TypeError | ValueError):  # the hooks' own messages
        message = str(exc)
        found.append(Problem(path, message if len(message) <= 300 else message[:297] + "..."))
    else:
        found.append(Problem(path, f"cannot be read ({type(exc).__name__})"))
