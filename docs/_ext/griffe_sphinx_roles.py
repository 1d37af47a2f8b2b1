"""A griffe extension for the API reference: newsdoc's reST-flavoured docstrings as Markdown.

newsdoc's docstrings use Sphinx roles (``:class:`~newsdoc.Article```), ``::`` before literal
blocks and doctest examples (``>>> ...``). This turns roles into inline code, ``::`` into
``:``, and each run of doctest lines into a fenced ``pycon`` block (without ``# doctest:``
directives), so mkdocstrings renders them as a reader expects. Docstrings in the source stay
as they are: the doctests there still run under pytest.

The model's classes are attrs classes whose fields carry no docstrings of their own; each one
gets a table of its fields (name, type, default) appended to its docstring, so the reference
lists every field a constructor takes; each enumeration gets the list of its values.
"""

from __future__ import annotations

import enum
import importlib
import re
from typing import Any

import attrs
import griffe

_ROLE = re.compile(r":(?:class|func|mod|data|attr|meth|exc|obj):`(~?)([^`]+)`")
_DIRECTIVE = re.compile(r"\s*#\s*doctest:.*$")


def _role(match: re.Match[str]) -> str:
    tilde, target = match.groups()
    return f"`{target.rsplit('.', 1)[-1] if tilde else target}`"


def to_markdown(text: str) -> str:
    """``text`` (a docstring) with roles, literal-block markers and doctests made Markdown."""
    out: list[str] = []
    in_doctest = False
    for line in _ROLE.sub(_role, text).splitlines():
        stripped = line.strip()
        if not in_doctest and stripped.startswith(">>>"):
            out.append("```pycon")
            in_doctest = True
        elif in_doctest and not stripped:
            out.append("```")
            in_doctest = False
        if in_doctest:
            out.append(_DIRECTIVE.sub("", line.strip()))
        else:
            out.append(line[:-1] if line.endswith("::") else line)
    if in_doctest:
        out.append("```")
    return "\n".join(out)


class SphinxRoles(griffe.Extension):
    """Rewrites every docstring of the loaded package for Markdown (see the module)."""

    def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = to_markdown(obj.docstring.value)

    def on_class_members(self, *, cls: griffe.Class, **kwargs: Any) -> None:
        try:
            runtime = getattr(importlib.import_module(cls.module.path), cls.name)
        except (ImportError, AttributeError):
            return
        if not isinstance(runtime, type) or cls.docstring is None:
            return
        if issubclass(runtime, enum.Enum):
            values = ", ".join(f"`{member.name}` (`{member.value!r}`)" for member in runtime)
            cls.docstring.value += f"\n\n**Values:** {values}."
            return
        if not attrs.has(runtime):
            return
        rows = ["| field | type | default |", "|---|---|---|"]
        for field in attrs.fields(runtime):
            member = cls.members.get(field.name)
            kind = member.annotation if isinstance(member, griffe.Attribute) else None
            if field.default is attrs.NOTHING:
                default = "required"
            elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
                default = "(empty)"
            elif isinstance(field.default, enum.Enum):
                default = f"`{type(field.default).__name__}.{field.default.name}`"
            else:
                default = f"`{field.default!r}`"
            rows.append(f"| `{field.name}` | `{kind}` | {default} |")
        cls.docstring.value += "\n\n**Fields** (keyword arguments of the constructor):\n\n"
        cls.docstring.value += "\n".join(rows)
