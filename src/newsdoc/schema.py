"""The JSON Schema (draft 2020-12) of newsdoc JSON, generated from the model itself.

The schema is derived from the attrs classes' field types and from the checks that validate
them (see :mod:`newsdoc.model.checks`), so the model and the schema cannot disagree. A copy
ships with the package as ``newsdoc/newsdoc.schema.json``; the test suite proves it equal to
what :func:`json_schema` generates. ``newsdoc schema`` prints it; after a model change,
``newsdoc schema > src/newsdoc/newsdoc.schema.json`` brings the shipped copy up to date.

A few rules live only in the model, since JSON Schema cannot say them: every row of a table
has as many cells as its header, and an extension singleton appears once in a language tag.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
import typing
from functools import cache
from importlib.resources import files
from typing import Any

import attrs

from newsdoc.model import checks as C
from newsdoc.model.article import Article, Collection
from newsdoc.model.blocks import BLOCK_TYPES
from newsdoc.model.inline import INLINE_TYPES, Text

__all__ = ["SCHEMA_ID", "json_schema", "schema_text", "shipped_schema"]

#: The ``$id`` of the schema: a URN, since the schema is used offline.
SCHEMA_ID = "urn:newsdoc:schema:1"
_TAGS = {
    "Paragraph": "paragraph",
    "Quote": "quote",
    "ListBlock": "list",
    "Figure": "figure",
    "Table": "table",
    "Preformatted": "preformatted",
    "Text": "text",
    "Emphasis": "emphasis",
    "Strong": "strong",
    "Link": "link",
    "LineBreak": "line_break",
    "InlineQuote": "inline_quote",
    "Code": "code",
}
_SIMPLE = {
    str: {"type": "string"},
    int: {"type": "integer"},
    float: {"type": "number"},
    bool: {"type": "boolean"},
}


class _Builder:
    def __init__(self) -> None:
        self.defs: dict[str, Any] = {}

    def ref(self, name: str) -> dict[str, str]:
        return {"$ref": f"#/$defs/{name}"}

    def for_type(self, t: Any) -> dict[str, Any]:
        if t in _SIMPLE:
            return dict(_SIMPLE[t])
        if t is dt.datetime:
            return dict(C.aware_datetime().schema or {})
        if t is dt.date:
            return dict(C.date().schema or {})
        if isinstance(t, type) and issubclass(t, enum.Enum):
            return {"enum": [member.value for member in t]}
        if isinstance(t, type) and attrs.has(t):
            self.define(t)
            return self.ref(t.__name__)
        origin = typing.get_origin(t)
        args = typing.get_args(t)
        if origin is tuple:
            if args[0] == _inline_union():
                self.define_inlines()
                return self.ref("InlineContent")
            return {"type": "array", "items": self.for_type(args[0])}
        if origin in (typing.Union, types.UnionType):
            members = [a for a in args if a is not type(None)]
            if set(members) == set(BLOCK_TYPES):
                self.define_union("Block", BLOCK_TYPES)
                return self.ref("Block")
            if set(members) == set(INLINE_TYPES):
                self.define_inlines()
                return self.ref("Inline")
            if len(members) == 1:
                return self.for_type(members[0])
        raise TypeError(f"no JSON Schema for {t!r}")  # pragma: no cover

    def field(self, field: attrs.Attribute[Any]) -> dict[str, Any]:
        t = field.type
        optional = typing.get_origin(t) in (typing.Union, types.UnionType) and type(
            None
        ) in typing.get_args(t)
        schema = self.for_type(t)
        check = field.validator if isinstance(field.validator, C.Check) else None
        extra = check.schema if check is not None else None
        if extra:
            schema = dict(extra) if "type" in extra else _merge(schema, extra)
        if optional:
            schema = {"anyOf": [schema, {"type": "null"}]}
        return schema

    def define(self, cls: type) -> None:
        name = cls.__name__
        if name in self.defs:
            return
        self.defs[name] = {}  # placeholder against recursion
        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        tag = _TAGS.get(name)
        if tag is not None:
            properties["type"] = {"const": tag}
            required.append("type")
        for field in attrs.fields(cls):
            properties[field.name] = self.field(field)
            if field.default is attrs.NOTHING:
                required.append(field.name)
        definition: dict[str, Any] = {"type": "object"}
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        if doc:
            definition["description"] = " ".join(doc.split())
        definition.update(
            {"properties": properties, "required": required, "additionalProperties": False}
        )
        self.defs[name] = definition

    def define_union(self, name: str, members: tuple[type, ...]) -> None:
        if name in self.defs:
            return
        self.defs[name] = {"oneOf": [self.for_type(cls) for cls in members]}

    def define_inlines(self) -> None:
        if "Inline" in self.defs:
            return
        self.defs["Inline"] = {}
        text_run = {"type": "string", "minLength": 1, "pattern": C.BAD_CHARS_SCHEMA}
        nodes = [self.for_type(cls) for cls in INLINE_TYPES if cls is not Text]
        self.defs["Inline"] = {
            "description": "An inline node; a plain string is a run of text.",
            "oneOf": [text_run, *nodes],
        }
        self.defs["InlineContent"] = {
            "description": "Inline content: a list of inline nodes, or one plain run as a string.",
            "anyOf": [
                {"type": "string", "pattern": C.BAD_CHARS_SCHEMA},
                {"type": "array", "items": self.ref("Inline")},
            ],
        }
        self.defs["InlineText"] = {
            "description": "Inline content that is not empty.",
            "anyOf": [text_run, {"type": "array", "items": self.ref("Inline"), "minItems": 1}],
        }


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """``base`` with the keywords of ``extra`` laid over it, nested objects merged too."""
    merged = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _inline_union() -> Any:
    union: Any = INLINE_TYPES[0]
    for cls in INLINE_TYPES[1:]:
        union = union | cls
    return union


def _document(builder: _Builder, cls: type, kind: str) -> dict[str, Any]:
    builder.define(cls)
    body = builder.defs[cls.__name__]
    properties = {
        "newsdoc": {"const": 1, "description": "The newsdoc JSON format version."},
        "kind": {"const": kind},
        **body["properties"],
    }
    required = ["newsdoc", *(["kind"] if kind == "collection" else []), *body["required"]]
    return {
        "type": "object",
        "description": f"A newsdoc JSON document holding one {kind}.",
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


@cache
def _generate() -> dict[str, Any]:
    builder = _Builder()
    article = _document(builder, Article, "article")
    collection = _document(builder, Collection, "collection")
    defs = {"ArticleDocument": article, "CollectionDocument": collection}
    defs.update(sorted(builder.defs.items()))
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "newsdoc document",
        "description": "A news article or a collection of articles in newsdoc JSON, format 1.",
        "oneOf": [{"$ref": "#/$defs/ArticleDocument"}, {"$ref": "#/$defs/CollectionDocument"}],
        "$defs": defs,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema of newsdoc JSON documents (articles and collections), as a dict.

    >>> schema = json_schema()
    >>> schema["$schema"], sorted(schema["$defs"])[:2]
    ('https://json-schema.org/draft/2020-12/schema', ['Article', 'ArticleDocument'])
    """
    import copy

    return copy.deepcopy(_generate())


def schema_text() -> str:
    """The schema as the JSON text that ships in the package (and ``newsdoc schema`` prints).

    >>> schema_text() == shipped_schema()
    True
    """
    import json

    return json.dumps(_generate(), indent=2, ensure_ascii=False) + "\n"


def shipped_schema() -> str:
    """The text of the schema file shipped in the package (``newsdoc/newsdoc.schema.json``).

    >>> import json
    >>> json.loads(shipped_schema())["title"]
    'newsdoc document'
    """
    return (files("newsdoc") / "newsdoc.schema.json").read_text(encoding="utf-8")
