"""Generated fast hooks that turn model objects into JSON data and back.

cattrs' own generated hooks build each object through its attrs ``__init__``, which runs the
converters and validators of every field again after the hook has already looked at the
value. For newsdoc's many small objects (one per run of text) that doubled the work. The hooks
made here do it once: for each model class they generate a Python function that reads the
JSON object, applies exactly the model's checks (the same :class:`~newsdoc.model.checks.Check`
tests, a few written inline), and fills a new instance directly. They are registered on a
cattrs converter like any other hook.

Any failure raises a plain exception with no detail: the JSON module then runs its detailed
cattrs converter to report every problem with its path. The test suite proves the generated
hooks agree with cattrs' on generated articles, in both directions.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
import typing
from collections.abc import Callable
from types import UnionType
from typing import Any

import attrs

from newsdoc.model import checks as C
from newsdoc.model.inline import INLINE_TYPES, Text

__all__ = ["make_hooks"]

_MISSING = object()


class Rejected(ValueError):
    """A value the fast hooks refuse (details come from the detailed converter)."""


def _fail(*_: Any) -> Any:
    raise Rejected


def _datetime(value: Any) -> dt.datetime:
    if type(value) is not str:
        raise Rejected
    parsed = dt.datetime.fromisoformat(value)
    if not C.datetime_ok(parsed):
        raise Rejected
    return parsed


def _date(value: Any) -> dt.date:
    if type(value) is not str or len(value) != 10:
        raise Rejected
    return dt.date.fromisoformat(value)


def _float(value: Any, lo: float, hi: float) -> float:
    if (type(value) is not float and type(value) is not int) or not math.isfinite(value):
        raise Rejected
    result = float(value)
    if not lo <= result <= hi:
        raise Rejected
    return result


def _optional_member(t: Any) -> Any:
    """``X`` for ``X | None``, else ``_MISSING``."""
    if typing.get_origin(t) in (typing.Union, UnionType):
        args = [a for a in typing.get_args(t) if a is not type(None)]
        if len(args) == 1 and len(typing.get_args(t)) == 2:
            return args[0]
    return _MISSING


class _Generator:
    """Writes the structure and unstructure functions of every model class."""

    def __init__(self, tags: dict[type, str], inline_union: Any, block_union: Any) -> None:
        self.tags = tags
        self.inline_union = inline_union
        self.block_union = block_union
        self.namespace: dict[str, Any] = {
            "_new": object.__new__,
            "_Rejected": Rejected,
            "_datetime": _datetime,
            "_date": _date,
            "_float": _float,
            "_bad": C.BAD_CHARS.search,
            "_MISSING": _MISSING,
            "_Text": Text,
            "_set_text": Text.text.__set__,  # type: ignore[attr-defined]
        }
        self.counter = 0

    def name(self, value: Any, hint: str = "v") -> str:
        """Put ``value`` in the generated code's namespace and return its name there."""
        for key, existing in self.namespace.items():
            if existing is value and key.startswith("_c"):
                return key
        self.counter += 1
        key = f"_c{self.counter}_{hint}"
        self.namespace[key] = value
        return key

    # -- structure -------------------------------------------------------------------------

    def convert_code(self, t: Any, check: C.Check | None, var: str, indent: str) -> list[str]:
        """Lines that check ``var`` (of type ``t``) and replace it with its model value."""
        lines: list[str] = []
        if t is str:
            if check is not None and check.kind == "text":
                lines.append(
                    f"{indent}if type({var}) is not str or not {var} or {var}.isspace() or "
                    f"(not {var}.isprintable() and _bad({var}) is not None): raise _Rejected"
                )
                return lines
            test = self.name(check.test if check else _fail, "test")
            lines.append(f"{indent}if not {test}({var}): raise _Rejected")
            return lines
        if t is int or t is bool:
            lines.append(f"{indent}if type({var}) is not {t.__name__}: raise _Rejected")
            if check is not None:
                lines.append(
                    f"{indent}if not {self.name(check.test, 'test')}({var}): raise _Rejected"
                )
            return lines
        if t is float:
            schema = check.schema if check and check.schema else {}
            lo, hi = schema.get("minimum", -math.inf), schema.get("maximum", math.inf)
            lines.append(f"{indent}{var} = _float({var}, {lo!r}, {hi!r})")
            return lines
        if t is dt.datetime:
            lines.append(f"{indent}{var} = _datetime({var})")
            return lines
        if t is dt.date:
            lines.append(f"{indent}{var} = _date({var})")
            return lines
        if isinstance(t, type) and issubclass(t, enum.Enum):
            members = self.name({m.value: m for m in t}, t.__name__)
            lines.append(f"{indent}{var} = {members}[{var}]")
            return lines
        if isinstance(t, type) and attrs.has(t):
            lines.append(f"{indent}{var} = {self.structure_name(t)}({var})")
            return lines
        if t == self.block_union:
            lines.append(f"{indent}{var} = _structure_block({var})")
            return lines
        if typing.get_origin(t) is tuple:
            item = typing.get_args(t)[0]
            if item == self.inline_union:
                lines.append(f"{indent}{var} = _structure_inlines({var})")
            else:
                lines.append(f"{indent}if type({var}) is not list: raise _Rejected")
                inner = self.item_function(item)
                lines.append(f"{indent}{var} = tuple([{inner}(i) for i in {var}])")
            # The items were built above, so only the check's lengths are left to test.
            least, least_each = _min_items(check.schema if check else None)
            if least:
                lines.append(f"{indent}if len({var}) < {least}: raise _Rejected")
            if least_each:
                lines.append(f"{indent}for i in {var}:")
                lines.append(f"{indent}    if len(i) < {least_each}: raise _Rejected")
            return lines
        raise TypeError(f"no fast structure hook for {t!r}")  # pragma: no cover

    def item_function(self, t: Any) -> str:
        """The name of a function structuring one item of type ``t``."""
        if isinstance(t, type) and attrs.has(t):
            return self.structure_name(t)
        if t == self.block_union:
            return "_structure_block"
        if t is str:
            return self.name(_text_item, "text_item")
        key = f"item {t!r}"
        if key not in self.namespace:
            body = self.convert_code(t, None, "v", "    ")
            fname = f"_item{self.counter + 1}"
            self.counter += 1
            source = f"def {fname}(v):\n" + "\n".join(body) + "\n    return v\n"
            _run(source, f"item{self.counter}", self.namespace)
            self.namespace[key] = fname
        return str(self.namespace[key])

    def structure_name(self, cls: type) -> str:
        return f"_structure_{cls.__name__}"

    def structure_source(self, cls: type) -> str:
        attrs.resolve_types(cls)
        tag = self.tags.get(cls)
        # ``n`` counts the keys read, to refuse unknown ones; a caller that has read some keys
        # of ``d`` itself (the document's "newsdoc" and "kind") starts it above zero.
        lines = [f"def {self.structure_name(cls)}(d, n=0):"]
        lines.append("    if type(d) is not dict: raise _Rejected")
        lines.append(f"    o = _new({self.name(cls, cls.__name__)})")
        if tag is not None:
            lines.append(f"    if d.get('type') != {tag!r}: raise _Rejected")
            lines.append("    n += 1")
        for field in attrs.fields(cls):
            check = field.validator if isinstance(field.validator, C.Check) else None
            t = field.type
            member = _optional_member(t)
            key = field.name
            if field.default is attrs.NOTHING:
                lines.append(f"    v = d[{key!r}]")
                lines.append("    n += 1")
                lines.extend(self.convert_code(t, check, "v", "    "))
            else:
                default = self.name(field.default, "default")
                lines.append(f"    v = d.get({key!r}, _MISSING)")
                lines.append("    if v is _MISSING:")
                lines.append(f"        v = {default}")
                if member is not _MISSING:
                    lines.append("    elif v is None:")
                    lines.append("        n += 1")
                    lines.append(f"        v = {default}")
                    lines.append("    else:")
                    lines.append("        n += 1")
                    lines.extend(self.convert_code(member, check, "v", "        "))
                else:
                    lines.append("    else:")
                    lines.append("        n += 1")
                    lines.extend(self.convert_code(t, check, "v", "        "))
            # The slot's own descriptor sets it without looking the name up again.
            setter = self.name(getattr(cls, key).__set__, f"set_{key}")
            lines.append(f"    {setter}(o, v)")
        lines.append("    if n != len(d): raise _Rejected")
        if hasattr(cls, "__attrs_post_init__"):
            lines.append("    o.__attrs_post_init__()")
        lines.append("    return o")
        return "\n".join(lines) + "\n"

    # -- unstructure -----------------------------------------------------------------------

    def dump_expr(self, t: Any, var: str) -> str:
        """An expression giving the JSON data of ``var`` (of type ``t``)."""
        if t in (str, int, bool, float):
            return var
        if t is dt.datetime or t is dt.date:
            return f"{var}.isoformat()"
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return f"{var}.value"
        if isinstance(t, type) and attrs.has(t):
            return f"_unstructure_{t.__name__}({var})"
        if t == self.block_union:
            return f"_unstructure_block({var})"
        if typing.get_origin(t) is tuple:
            item = typing.get_args(t)[0]
            if item == self.inline_union:
                return f"_unstructure_inlines({var})"
            if item is str:
                return f"list({var})"
            return f"[{self.dump_expr(item, 'i')} for i in {var}]"
        member = _optional_member(t)
        if member is not _MISSING:
            return self.dump_expr(member, var)
        raise TypeError(f"no fast unstructure hook for {t!r}")  # pragma: no cover

    def unstructure_source(self, cls: type) -> str:
        tag = self.tags.get(cls)
        lines = [f"def _unstructure_{cls.__name__}(o):"]
        lines.append(f"    d = {{'type': {tag!r}}}" if tag is not None else "    d = {}")
        for field in attrs.fields(cls):
            key = field.name
            expr = self.dump_expr(field.type, "v")
            lines.append(f"    v = o.{key}")
            if field.default is attrs.NOTHING:
                lines.append(f"    d[{key!r}] = {expr}")
            elif field.default is None:
                lines.append(f"    if v is not None: d[{key!r}] = {expr}")
            elif field.default == ():
                lines.append(f"    if v: d[{key!r}] = {expr}")
            else:
                default = self.name(field.default, "default")
                lines.append(f"    if v != {default}: d[{key!r}] = {expr}")
        lines.append("    return d")
        return "\n".join(lines) + "\n"


def _min_items(schema: dict[str, Any] | None) -> tuple[int, int]:
    """The least length of a tuple and of each of its items, as a check's schema gives them."""
    if not schema:
        return 0, 0
    non_empty = "#/$defs/InlineText"
    least = 1 if schema.get("$ref") == non_empty else int(schema.get("minItems", 0))
    items = schema.get("items", {})
    least_each = 1 if items.get("$ref") == non_empty else int(items.get("minItems", 0))
    return least, least_each


def _text_item(value: Any) -> str:
    if type(value) is not str or not value or value.isspace():
        raise Rejected
    if not value.isprintable() and C.BAD_CHARS.search(value):
        raise Rejected
    return value


_UNIONS_SOURCE = """
def _structure_inline(v):
    if type(v) is str:
        if not v or (not v.isprintable() and _bad(v) is not None): raise _Rejected
        t = _new(_Text)
        _set_text(t, v)
        return t
    if type(v) is not dict: raise _Rejected
    return _INLINE_BY_TAG[v["type"]](v)

def _structure_inlines(v):
    if type(v) is str:
        if not v: return ()
        if not v.isprintable() and _bad(v) is not None: raise _Rejected
        t = _new(_Text)
        _set_text(t, v)
        return (t,)
    if type(v) is not list: raise _Rejected
    return tuple([_structure_inline(i) for i in v])

def _structure_block(v):
    if type(v) is not dict: raise _Rejected
    return _BLOCK_BY_TAG[v["type"]](v)

def _unstructure_inline(v):
    if type(v) is _Text: return v.text
    return _INLINE_OUT[type(v)](v)

def _unstructure_inlines(v):
    if len(v) == 1 and type(v[0]) is _Text: return v[0].text
    if not v: return ""
    return [_unstructure_inline(i) for i in v]

def _unstructure_block(v):
    return _BLOCK_OUT[type(v)](v)
"""


def _run(source: str, name: str, namespace: dict[str, Any]) -> None:
    """Compile and run generated ``source`` under a file name registered with :mod:`linecache`,
    so tracebacks through the generated hooks show their lines (as cattrs does)."""
    import linecache

    filename = f"<newsdoc generated {name}>"
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    exec(compile(source, filename, "exec"), namespace)


def make_hooks(
    classes: list[type],
    tags: dict[type, str],
    inline_union: Any,
    block_union: Any,
    block_types: tuple[type, ...],
) -> tuple[dict[type, Callable[[Any], Any]], dict[type, Callable[[Any], Any]]]:
    """Generate the fast hooks: ``(structure by class, unstructure by class)``.

    A structure hook takes the JSON object (and optionally how many of its keys the caller
    has already read) and returns the instance; an unstructure hook
    takes the instance and returns the JSON object, leaving out fields at their defaults.
    """
    gen = _Generator(tags, inline_union, block_union)
    sources = [_UNIONS_SOURCE]
    for cls in classes:
        sources.append(gen.structure_source(cls))
        sources.append(gen.unstructure_source(cls))
    _run("\n".join(sources), "hooks", gen.namespace)
    ns = gen.namespace
    ns["_INLINE_BY_TAG"] = {tags[c]: ns[f"_structure_{c.__name__}"] for c in INLINE_TYPES}
    ns["_BLOCK_BY_TAG"] = {tags[c]: ns[f"_structure_{c.__name__}"] for c in block_types}
    ns["_INLINE_OUT"] = {c: ns[f"_unstructure_{c.__name__}"] for c in INLINE_TYPES}
    ns["_BLOCK_OUT"] = {c: ns[f"_unstructure_{c.__name__}"] for c in block_types}
    structure = {cls: ns[f"_structure_{cls.__name__}"] for cls in classes}
    unstructure = {cls: ns[f"_unstructure_{cls.__name__}"] for cls in classes}
    return structure, unstructure
