"""Front matter: YAML written from an article's metadata; YAML and TOML read back safely.

See :mod:`newsdoc.formats.markdown` for the keys. The front matter is read with a YAML safe
loader that newsdoc restricts further:

- aliases (``*name``) are refused: front matter never needs them, and an alias of an alias of
  an alias ... expands a few hundred bytes into gigabytes;
- collections nested deeper than the limits allow (:func:`newsdoc.limits.data_depth`), and
  front matter larger than ``max_front_matter_bytes``, are refused with a
  :class:`~newsdoc.errors.LimitError`;
- keys must be text; dates and times stay the strings they are written as (YAML's own date
  parsing is off, ``!!timestamp`` included), so the JSON reader checks them; a whole number of
  more than 40 characters is refused before Python converts it;
- every message quotes at most a short excerpt of a value.

TOML front matter (between ``+++`` lines, as Hugo writes it) is read with :mod:`tomllib`,
within the same size and depth limits; its dates and times become ISO 8601 strings.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache
from typing import Any

from newsdoc.errors import InvalidDocumentError, LimitError, Problem, excerpt
from newsdoc.limits import current, data_depth, too_deep


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        """YAML without timestamps or aliases: ISO dates stay plain strings, as in newsdoc
        JSON, and a value used twice is written twice."""

        def ignore_aliases(self, data: Any) -> bool:
            return True

    Dumper.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }
    return Dumper


_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_INT = "tag:yaml.org,2002:int"
_LONGEST_NUMBER = 40


@cache
def _loader() -> Any:
    import yaml
    from yaml.constructor import ConstructorError

    class Loader(yaml.SafeLoader):
        """A YAML safe loader with no aliases, no timestamps, bounded depth and numbers."""

        max_depth = 64
        depth = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                event = self.peek_event()  # type: ignore[no-untyped-call]
                raise ConstructorError(
                    None,
                    None,
                    f"YAML aliases (*{str(event.anchor)[:30]}) are not accepted in front "
                    "matter; write the value out",
                    event.start_mark,
                )
            self.depth += 1
            try:
                if self.depth > self.max_depth:
                    raise too_deep("the front matter", limit=self.max_depth)
                return super().compose_node(parent, index)
            finally:
                self.depth -= 1

        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            mapping = super().construct_mapping(node, deep=deep)
            for key in mapping:
                if type(key) is not str:
                    raise ConstructorError(
                        None,
                        None,
                        f"a key that is not text ({excerpt(key)}); quote it",
                        node.start_mark,
                    )
            return mapping

    def as_written(loader: Any, node: Any) -> Any:
        return loader.construct_scalar(node)

    def whole_number(loader: Any, node: Any) -> Any:
        value = loader.construct_scalar(node)
        if len(value) > _LONGEST_NUMBER:
            raise ConstructorError(
                None,
                None,
                f"a number of {len(value)} characters; no field takes one that long",
                node.start_mark,
            )
        return yaml.SafeLoader.construct_yaml_int(loader, node)

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    Loader.add_constructor(_TIMESTAMP, as_written)
    Loader.add_constructor(_INT, whole_number)
    return Loader


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into its front matter (or ``None``), its body and the body's first line.

    The front matter is YAML between ``---`` lines (Pandoc may end it with ``...``), or TOML
    between ``+++`` lines, as Hugo writes it (see :func:`front_matter_kind`).
    """
    lines = text.split("\n")
    first = lines[0].rstrip() if lines else ""
    if first not in ("---", "+++"):
        return None, text, 0
    ends = ("---", "...") if first == "---" else ("+++",)
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() in ends:
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 1
    raise InvalidDocumentError([Problem("front matter", f"no closing '{first}' line")])


def front_matter_kind(text: str) -> str:
    """``"toml"`` if ``text`` opens with a ``+++`` line, else ``"yaml"``.

    >>> front_matter_kind("+++\\ntitle = 'Hi'\\n+++\\n"), front_matter_kind("---\\n")
    ('toml', 'yaml')
    """
    return "toml" if text.split("\n", 1)[0].rstrip() == "+++" else "yaml"


def _load_toml(front: str, source: str | None) -> dict[str, Any]:
    """TOML front matter as plain data: dates and times as ISO 8601 strings (a local one has
    no zone, which the reader then reports), depth within the limits."""
    import tomllib

    try:
        meta = tomllib.loads(front)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        at = f" at line {int(where.group(1)) + 1}, column {where.group(2)}" if where else ""
        raise InvalidDocumentError(
            [Problem("front matter", f"not valid TOML{at}")], source
        ) from None
    except (ValueError, RecursionError):  # a number too long to convert, nesting too deep
        raise InvalidDocumentError(
            [Problem("front matter", "not TOML newsdoc can read")], source
        ) from None
    if not _within_depth(meta, data_depth()):
        raise too_deep("the front matter", limit=data_depth())
    return _iso_times(meta)  # type: ignore[no-any-return]


def _iso_times(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _iso_times(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_iso_times(item) for item in value]
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    return value


def _within_depth(value: Any, depth: int) -> bool:
    if isinstance(value, dict | list):
        if depth <= 0:
            return False
        items = value.values() if isinstance(value, dict) else value
        return all(_within_depth(item, depth - 1) for item in items)
    return True


def _load_front_matter(front: str | None, source: str | None, kind: str = "yaml") -> dict[str, Any]:
    if front is None:
        return {}
    import yaml

    limits = current()
    size = len(front.encode("utf-8", "surrogatepass"))
    if size > limits.max_front_matter_bytes:
        raise LimitError(
            f"the front matter is {size} bytes, more than the limit of "
            f"{limits.max_front_matter_bytes} (max_front_matter_bytes)",
            source,
            "front matter",
        )
    if kind == "toml":
        return _checked_keys(_load_toml(front, source), source)
    loader = None
    try:
        loader = _loader()(front)  # its reader refuses characters YAML does not allow
        loader.max_depth = data_depth()
        meta = loader.get_single_data()
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}, column {where.column + 1}" if where else ""
        detail = str(getattr(exc, "problem", None) or "not valid YAML")
        if len(detail) > 200:
            detail = detail[:197] + "..."
        raise InvalidDocumentError([Problem("front matter", f"{detail}{at}")], source) from None
    except LimitError as exc:
        raise LimitError(exc.message, source, "front matter") from None
    finally:
        if loader is not None:
            loader.dispose()
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problem = Problem("front matter", f"expected key: value pairs, got {type(meta).__name__}")
        raise InvalidDocumentError([problem], source)
    return _checked_keys(meta, source)


def _checked_keys(meta: dict[str, Any], source: str | None) -> dict[str, Any]:
    for key in ("newsdoc", "kind", "sections"):
        if key in meta:
            raise InvalidDocumentError(
                [Problem(key, "not a front matter key (the body holds the sections)")], source
            )
    return meta
