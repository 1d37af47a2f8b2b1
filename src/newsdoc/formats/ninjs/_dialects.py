"""ninjs as providers write it: 1.x, 2.x, 3.x and Superdesk's dialect, brought to one shape.

The reader reads ninjs 3.x. :func:`normalise` gives it any other spelling in that shape:

- **2.x** spells property names in lower case (``versioncreated``, ``contenttype``); they
  get their 3.x names (a name given both ways in one object is refused).
- **1.x** has single values where 3.x has lists: ``headline`` (and ``headline_*``),
  ``byline``, ``body_*`` (``body_text``, ``body_html``, ``body_xhtml``, ``body_nitf``...),
  ``description_*``; singular lists ``subject``, ``person``, ``organisation``, ``place``,
  ``event``, ``object``, ``genre``, ``infosource`` of ``{name, rel, scheme, code}``; and
  objects keyed by name where 3.x has lists: ``associations``, ``renditions``, ``altids``.
  Each becomes its 3.x form (``body_html`` a body of role ``html`` and type ``text/html``).
- **Superdesk** (the newsroom system whose ninjs output many agencies and publishers
  deliver) is 1.x with ``guid`` instead of ``uri``, ``authors``, ``keywords`` (a list of
  strings), ``service`` or ``anpa_category`` (its desks' categories, read as the section),
  ``source`` (the provider's name), ``firstpublished`` and an ``extra`` object of custom
  fields. ``guid`` serves as the ``uri`` when there is none; the others are mapped likewise.

Every value converted is type-checked first, so a wrong type is an error naming the key as
the input spells it (``headline: expected a string, got a list``).
"""

from __future__ import annotations

import re
from typing import Any

from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.formats.ninjs._access import Node
from newsdoc.formats.ninjs.common import FROM_2X, SCHEMA_URIS
from newsdoc.markup.json_text import json_type

__all__ = ["BODY_TYPES", "is_newsdoc", "normalise"]

#: The content type a 1.x ``body_<suffix>`` holds, by its suffix.
BODY_TYPES = {
    "text": "text/plain",
    "html": "text/html",
    "xhtml": "application/xhtml+xml",
    "nitf": "application/nitf+xml",
    "richtext": "text/html",
}
# 1.x list names (singular) and their 3.x names; 1.x spells these in lower case.
_PLURALS = {
    "subject": "subjects",
    "person": "people",
    "organisation": "organisations",
    "place": "places",
    "event": "events",
    "object": "objects",
    "genre": "genres",
    "infosource": "infoSources",
    "trustindicator": "trustIndicators",
}
_SUFFIX = re.compile(r"(body|description|headline)_([A-Za-z0-9_]+)")
_WRITERS = frozenset({"writer", "author", "creator", "reporter", "correspondent"})


def _to_3x(value: Any, path: str, source: str | None) -> Any:
    """2.x property names to 3.x ones; a name given both ways in one object is refused."""
    if type(value) is dict:
        found: dict[str, Any] = {}
        for key, item in value.items():
            name: str = FROM_2X.get(key) or key
            where = f"{path}.{name}" if path else name
            if name in found:
                raise InvalidDocumentError(
                    [Problem(where, f"given twice, as {name!r} and as {excerpt(key)}")], source
                )
            found[name] = _to_3x(item, where, source)
        return found
    if type(value) is list:
        return [_to_3x(v, f"{path}[{i}]", source) for i, v in enumerate(value)]
    return value


def normalise(item: dict[str, Any], source: str | None) -> dict[str, Any]:
    """``item`` (ninjs of any version, or Superdesk's) in the shape of ninjs 3.x.

    >>> old = {"guid": "urn:x:1", "headline": "Hi", "body_html": "<p>Hello</p>",
    ...        "subject": [{"code": "04000000", "name": "economy"}]}
    >>> new = normalise(old, None)
    >>> new["uri"], new["headlines"], new["bodies"][0]["contentType"], new["subjects"][0]["code"]
    ('urn:x:1', [{'role': 'main', 'value': 'Hi'}], 'text/html', '04000000')
    """
    return _from_1x(Node(_to_3x(item, "", source), "", source))


def _list_of(node: Node, key: str) -> list[Any]:
    value = node.get(key)
    if type(value) is not list:
        node.fail(key, f"expected a list, got {json_type(value)}")
    return list(value)


def _from_1x(node: Node) -> dict[str, Any]:
    """One item (or association) of 1.x or Superdesk spelling in 3.x spelling."""
    data = node.data
    found: dict[str, Any] = {}
    headlines: list[dict[str, Any]] = []
    bodies: list[dict[str, Any]] = []
    descriptions: list[dict[str, Any]] = []
    more_subjects: list[dict[str, Any]] = []
    authors: list[dict[str, Any]] = []
    for key, value in data.items():
        if value is None:
            continue
        single = _SUFFIX.fullmatch(key)
        if key == "headline":
            headlines.insert(0, {"role": "main", "value": node.string(key)})
        elif key == "byline":
            found.setdefault("by", node.string(key))
        elif key == "guid":
            found["guid"] = node.string(key)
        elif single is not None:
            kind, suffix = single.groups()
            text = node.string(key)
            if kind == "headline":
                headlines.append({"role": suffix, "value": text})
            elif kind == "body":
                entry = {"role": suffix, "value": text}
                if suffix in BODY_TYPES:
                    entry["contentType"] = BODY_TYPES[suffix]
                bodies.append(entry)
            else:
                html = suffix == "html"
                role = "summary" if suffix in ("text", "html") else suffix
                entry = {"role": role, "value": text}
                entry["contentType"] = "text/html" if html else "text/plain"
                descriptions.append(entry)
        elif key in _PLURALS and type(value) is list:
            found.setdefault(_PLURALS[key], value)
        elif key in ("associations", "renditions") and type(value) is dict:
            found[key] = _keyed_list(node, key)
        elif key == "altIds" and type(value) is dict:
            found[key] = [
                {"role": role, "value": node.node(key).string(role)}  # type: ignore[union-attr]
                for role in value
            ]
        elif key == "authors":
            authors = _authors(node)
        elif key == "keywords":
            more_subjects += [
                {"name": _keyword(node, i, k), "rel": "keyword"}
                for i, k in enumerate(_list_of(node, key))
            ]
        elif key in ("service", "anpa_category"):
            found.setdefault("service", value)
        elif key == "source" and type(value) is str:
            found["source"] = value
        elif key == "firstpublished":
            found["firstPublished"] = value
        else:
            found[key] = value
    if more_subjects:
        found["subjects"] = _given_list(node, found, "subjects") + more_subjects
    if authors:
        found["people"] = _given_list(node, found, "people") + authors
    if "uri" not in found and found.get("guid") is not None:
        found["uri"] = found.pop("guid")
    if headlines and "headlines" not in found:
        found["headlines"] = headlines
    elif headlines:
        found["headline"] = data.get("headline")  # both forms: reported as not read
    if bodies:
        found["bodies"] = _given_list(node, found, "bodies") + bodies
    if descriptions:
        descriptions.sort(key=lambda d: d["contentType"] != "text/plain")
        found["descriptions"] = _given_list(node, found, "descriptions") + descriptions
    return found


def _given_list(node: Node, found: dict[str, Any], key: str) -> list[Any]:
    """The list ``key`` the item gives in 3.x spelling (empty when it gives none)."""
    value = found.get(key)
    if value is None:
        return []
    if type(value) is not list:
        node.fail(key, f"expected a list, got {json_type(value)}")
    return list(value)


def _keyword(node: Node, index: int, value: Any) -> str:
    if type(value) is not str:
        node.fail(f"keywords[{index}]", f"expected a string, got {json_type(value)}")
    return value


def _keyed_list(node: Node, key: str) -> list[dict[str, Any]]:
    """1.x ``associations`` and ``renditions``: an object of named objects, as a list."""
    holder = node.node(key)
    assert holder is not None
    found = []
    for name in holder.data:
        entry = holder.node(name)
        if entry is None:
            continue
        converted = _from_1x(entry) if key == "associations" else dict(entry.data)
        if "mimetype" in converted and "contentType" not in converted:
            converted["contentType"] = converted.pop("mimetype")
        found.append({"name": name, **converted})
    return found


def _authors(node: Node) -> list[dict[str, Any]]:
    """Superdesk's ``authors``: writers are bylines (``rel`` author), others keep their role."""
    found = []
    for author in node.nodes("authors"):
        name = author.string("name") or author.string("sub_label")
        role = author.string("role")
        rel = "author" if role is None or role.lower() in _WRITERS else role
        found.append({"name": name, "rel": rel})
    return found


def is_newsdoc(item: dict[str, Any]) -> bool:
    """Whether ``item`` has the shape newsdoc's writer gives: a ``standard`` naming ninjs 3.1
    or 2.2 and its schema, and (for an article) ``representationType`` ``full``.

    Such items map their dates one to one, as written (see :func:`read_dates
    <newsdoc.formats.ninjs.reader>`).
    """
    standard = item.get("standard")
    if type(standard) is not dict or standard.get("name") != "ninjs":
        return False
    version = standard.get("version")
    if type(version) is not str or version not in SCHEMA_URIS:
        return False
    if standard.get("schema") != SCHEMA_URIS[version]:
        return False
    return item.get("type") == "composite" or item.get("representationType") == "full"
