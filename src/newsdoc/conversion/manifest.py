"""The record of what newsdoc wrote in a folder: freshness, and never replacing others' files.

Each folder that receives outputs holds a hidden journal, ``.newsdoc-manifest.jsonl``: one JSON
line per output written, saying which input (and its size, time and digest), which format,
which options (their :meth:`~newsdoc.options.Options.fingerprint`), which newsdoc version,
and the output's own size and modification time. From it:

- an output is **up to date** only when its input, the options that shape it and the newsdoc
  version are all unchanged, and the file is still the one newsdoc wrote;
- a file is **newsdoc's** only when a record matches it on disk; anything else (a user's own
  ``article.json`` beside ``article.md``, an output edited since) is never replaced without
  ``force``.

The record of an output is appended *before* its temporary file is renamed into place (the
rename keeps the file's size and time), so a run killed at any point leaves no file of its own
that it would later mistake for someone else's. Appends and compaction take a lock file, so
several runs may share a folder.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from newsdoc._version import __version__

__all__ = ["MANIFEST", "Entry", "Manifest", "SourceState", "source_state"]

MANIFEST = ".newsdoc-manifest.jsonl"
_LOCK = ".newsdoc-manifest.lock"


@attrs.frozen
class SourceState:
    """An input as it is now: where, how large, when changed, and (when needed) its digest."""

    path: str
    size: int
    mtime_ns: int
    sha256: str | None = None

    def same_as(self, entry: Entry, folder: Path) -> bool:
        """Whether this input is the one ``entry`` was converted from, unchanged."""
        if entry.source != _relative(self.path, folder):
            return False
        if entry.source_size != self.size:
            return False
        if entry.source_mtime_ns == self.mtime_ns:
            return True
        return entry.source_sha256 == (self.sha256 or _digest(Path(self.path)))


def source_state(path: str) -> SourceState | None:
    """The state of the input at ``path``, or ``None`` when it cannot be read."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return SourceState(path, info.st_size, info.st_mtime_ns)


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _relative(path: str, folder: Path) -> str:
    if "://" in path or path == "-":
        return path
    return os.path.relpath(os.path.abspath(path), folder)


Recorded = tuple[tuple[str, str | None, str], ...]


def _triples(items: Any) -> Recorded:
    return tuple((str(a), None if b is None else str(b), str(c)) for a, b, c in items)


@attrs.frozen(kw_only=True)
class Entry:
    """One output newsdoc wrote: what it came from and what it is."""

    target: str
    format: str
    source: str
    source_size: int
    source_mtime_ns: int
    source_sha256: str | None
    settings: str
    version: str
    size: int
    mtime_ns: int
    warnings: Recorded = attrs.field(default=(), converter=_triples)

    def matches_file(self, path: Path) -> bool:
        """Whether the file at ``path`` is still the one this entry records."""
        try:
            info = path.stat()
        except OSError:
            return False
        return info.st_size == self.size and info.st_mtime_ns == self.mtime_ns

    def to_json(self) -> bytes:
        import orjson

        return orjson.dumps(attrs.asdict(self)) + b"\n"


def _entry(line: bytes) -> Entry | None:
    import orjson

    try:
        data: Any = orjson.loads(line)
        return Entry(**data) if isinstance(data, dict) else None
    except (orjson.JSONDecodeError, TypeError, ValueError):
        return None


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    descriptor = os.open(folder / _LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


class Manifest:
    """The journal of one folder, loaded once: what each file there was written from."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entries: dict[str, list[Entry]] = {}
        self.lines = 0
        try:
            raw = (folder / MANIFEST).read_bytes()
        except OSError:
            return
        for line in raw.splitlines():
            entry = _entry(line)
            if entry is not None:
                self.lines += 1
                self.entries.setdefault(entry.target, []).append(entry)

    def for_target(self, name: str) -> tuple[Entry, ...]:
        """The records of the file ``name`` in this folder, oldest first."""
        return tuple(self.entries.get(name, ()))

    def compact(self) -> None:
        """Rewrite the journal with only the records that still describe a file on disk."""
        if self.lines <= 2 * len(self.entries) + 64:
            return
        with _locked(self.folder):
            fresh = Manifest(self.folder)
            kept = [
                entry
                for name, entries in fresh.entries.items()
                for entry in entries
                if entry.matches_file(self.folder / name)
            ]
            temporary = self.folder / f".{MANIFEST}.{os.getpid()}.part"
            temporary.write_bytes(b"".join(entry.to_json() for entry in kept))
            os.replace(temporary, self.folder / MANIFEST)


def record(folder: Path, entry: Entry) -> None:
    """Append ``entry`` to the journal of ``folder`` (under the folder's lock)."""
    with _locked(folder):
        descriptor = os.open(folder / MANIFEST, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(descriptor, entry.to_json())
        finally:
            os.close(descriptor)


def is_ours(path: Path, entries: tuple[Entry, ...]) -> bool:
    """Whether the file at ``path`` is one newsdoc wrote (some record matches it)."""
    return any(entry.matches_file(path) for entry in entries)


def up_to_date(
    path: Path, entries: tuple[Entry, ...], state: SourceState, settings: str, *, strict: bool
) -> Entry | None:
    """The record that makes the output at ``path`` up to date, or ``None``.

    Up to date means: the file is the one the newest record describes, written by this newsdoc
    version from this very input (unchanged) with these settings; under ``strict``, also
    without warnings.
    """
    if not entries:
        return None
    newest = entries[-1]
    if not newest.matches_file(path):
        return None
    if newest.version != __version__ or newest.settings != settings:
        return None
    if strict and newest.warnings:
        return None
    return newest if state.same_as(newest, path.parent) else None


def new_entry(
    *,
    target: Path,
    format: str,
    state: SourceState,
    settings: str,
    size: int,
    mtime_ns: int,
    warnings: tuple[tuple[str, str | None, str], ...],
) -> Entry:
    """The record of an output about to be renamed into place at ``target``."""
    sha = state.sha256 or _digest(Path(state.path))
    return Entry(
        target=target.name,
        format=format,
        source=_relative(state.path, target.parent),
        source_size=state.size,
        source_mtime_ns=state.mtime_ns,
        source_sha256=sha,
        settings=settings,
        version=__version__,
        size=size,
        mtime_ns=mtime_ns,
        warnings=warnings,
    )
