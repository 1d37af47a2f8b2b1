"""YAML front matter: written from an article's metadata, read back safely.

See :mod:`newsdoc.formats.markdown` for the keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from newsdoc.errors import InvalidDocumentError, Problem

if TYPE_CHECKING:
    pass


def _dumper() -> Any:
    import yaml

    class Dumper(yaml.SafeDumper):
        """YAML without timestamps: ISO dates stay plain strings, as in newsdoc JSON."""

    Dumper.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeDumper.yaml_implicit_resolvers.items()
    }
    return Dumper


def _loader() -> Any:
    import yaml

    class Loader(yaml.SafeLoader):
        """YAML without timestamps: ISO dates stay plain strings, as in newsdoc JSON."""

    Loader.yaml_implicit_resolvers = {
        key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


def split_front_matter(text: str) -> tuple[str | None, str, int]:
    """Split ``text`` into its front matter (or ``None``), its body and the body's first line."""
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        return None, text, 0
    for number, line in enumerate(lines[1:], 1):
        if line.rstrip() in ("---", "..."):
            return "\n".join(lines[1:number]), "\n".join(lines[number + 1 :]), number + 1
    raise InvalidDocumentError([Problem("front matter", "no closing '---' line")])


def _load_front_matter(front: str | None, source: str | None) -> dict[str, Any]:
    if front is None:
        return {}
    import yaml

    try:
        meta = yaml.load(front, Loader=_loader())  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        at = f" at line {where.line + 2}, column {where.column + 1}" if where else ""
        detail = getattr(exc, "problem", None) or str(exc)
        raise InvalidDocumentError([Problem("front matter", f"{detail}{at}")], source) from None
    if meta is None:
        return {}
    if not isinstance(meta, dict):
        problem = Problem("front matter", f"expected key: value pairs, got {type(meta).__name__}")
        raise InvalidDocumentError([problem], source)
    for key in ("newsdoc", "kind", "sections"):
        if key in meta:
            raise InvalidDocumentError(
                [Problem(key, "not a front matter key (the body holds the sections)")], source
            )
    return meta
