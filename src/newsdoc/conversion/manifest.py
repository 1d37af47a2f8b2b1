"""The record of what newsdoc wrote in a folder: freshness, and never replacing others' files.

Each folder that receives outputs holds a hidden journal, ``.newsdoc-manifest.jsonl``: one JSON
line per output written, saying which input (its size, time and digest), which format, which
options (their :meth:`~newsdoc.options.Options.fingerprint`), which newsdoc version, which
local files the writer read (images), and the output's own size and modification time. From it:

- an output is **up to date** only when its input, the files it embeds, the options that shape
  it and the newsdoc version are all unchanged, and the file is still the one newsdoc wrote (an
  edit that keeps both the size and the modification time of a file, as ``touch -r`` can, is
  not noticed: ``--force`` converts anyway);
- a file is **newsdoc's** only when a record matches it on disk; anything else (a user's own
  ``article.json`` beside ``article.md``, an output edited since) is never replaced without
  ``force``, and a folder walk never takes newsdoc's own outputs for inputs.

The record of an output is appended *before* its temporary file is renamed into place (the
rename keeps the file's size and time), so a run killed at any point leaves no file of its own
that it would later mistake for someone else's. Appends and compaction hold a lock on the
folder itself, so several runs may share a folder; the journal is never followed through a
symbolic link (nor is it ever made one: compaction writes it through
:class:`~newsdoc._files.AtomicFile`), a damaged line is skipped, and lines of any length are
read (an output with thousands of pictures records a long one).
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

from newsdoc._files import write_atomic
from newsdoc._version import __version__
from newsdoc.errors import NewsdocError

__all__ = [
    "MANIFEST",
    "Entry",
    "Manifest",
    "SourceState",
    "portable",
    "record",
    "source_state",
]

MANIFEST = ".newsdoc-manifest.jsonl"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

Recorded = tuple[tuple[str, str | None, str], ...]
Resources = tuple[tuple[str, int, int], ...]


def portable(name: str) -> str:
    """A file name as the journal stores it: undecodable bytes written as ``\\xNN``."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _relative(path: str, folder: Path) -> str:
    if "://" in path or path == "-":
        return portable(path)
    return portable(os.path.relpath(os.path.abspath(path), folder))


def _digest(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@attrs.frozen
class SourceState:
    """An input as it is now: where, how large, when changed, and (when needed) its digest."""

    path: str
    size: int
    mtime_ns: int
    sha256: str | None = None

    def same_as(self, entry: Entry, folder: Path) -> bool:
        """Whether this input is the one ``entry`` was converted from, unchanged."""
        if entry.source != _relative(self.path, folder) or entry.source_size != self.size:
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


def _triples(items: Any) -> Recorded:
    return tuple((str(a), None if b is None else str(b), str(c)) for a, b, c in items)


def _files(items: Any) -> Resources:
    return tuple((str(a), int(b), int(c)) for a, b, c in items)


@attrs.frozen(kw_only=True)
class Entry:
    """One output newsdoc wrote: what it came from, what it embeds, and what it is."""

    target: str = attrs.field(validator=attrs.validators.instance_of(str))
    format: str = attrs.field(validator=attrs.validators.instance_of(str))
    source: str = attrs.field(validator=attrs.validators.instance_of(str))
    source_size: int = attrs.field(validator=attrs.validators.instance_of(int))
    source_mtime_ns: int = attrs.field(validator=attrs.validators.instance_of(int))
    source_sha256: str | None
    settings: str = attrs.field(validator=attrs.validators.instance_of(str))
    version: str = attrs.field(validator=attrs.validators.instance_of(str))
    size: int = attrs.field(validator=attrs.validators.instance_of(int))
    mtime_ns: int = attrs.field(validator=attrs.validators.instance_of(int))
    warnings: Recorded = attrs.field(default=(), converter=_triples)
    resources: Resources = attrs.field(default=(), converter=_files)

    def matches_file(self, path: Path) -> bool:
        """Whether the file at ``path`` is still the one this entry records."""
        try:
            info = path.lstat()
        except OSError:
            return False
        return info.st_size == self.size and info.st_mtime_ns == self.mtime_ns

    def resources_unchanged(self, folder: Path) -> bool:
        """Whether every local file the writer read is as it was then."""
        for name, size, mtime_ns in self.resources:
            try:
                info = (folder / name).stat()
            except OSError:
                return False
            if (info.st_size, info.st_mtime_ns) != (size, mtime_ns):
                return False
        return True

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


def _open_journal(folder: Path, flags: int, dir_fd: int | None = None) -> int:
    if dir_fd is not None:
        return os.open(MANIFEST, flags | _NOFOLLOW, 0o644, dir_fd=dir_fd)
    return os.open(folder / MANIFEST, flags | _NOFOLLOW, 0o644)


def _lines(descriptor: int) -> Iterator[bytes]:
    """The journal's lines, whatever their length."""
    with os.fdopen(os.dup(descriptor), "rb") as stream:
        yield from stream


@contextmanager
def _locked(folder: Path, dir_fd: int | None = None) -> Iterator[None]:
    """Hold an exclusive lock on the folder itself (no lock file is left behind); ``dir_fd``
    is the folder already open."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        if dir_fd is not None:
            descriptor = os.open(".", flags, dir_fd=dir_fd)  # a lock of its own
        else:
            descriptor = os.open(folder, flags)
    except OSError as exc:
        raise NewsdocError(f"cannot use the folder {folder}: {exc.strerror}") from None
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
            descriptor = _open_journal(folder, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except OSError:
            return  # no journal (or one that is not a regular file: never followed)
        try:
            if not _is_regular(descriptor):
                return
            for line in _lines(descriptor):
                entry = _entry(line)
                if entry is not None:
                    self.lines += 1
                    self.entries.setdefault(entry.target, []).append(entry)
        except OSError:
            return
        finally:
            os.close(descriptor)

    def for_target(self, name: str) -> tuple[Entry, ...]:
        """The records of the file ``name`` in this folder, oldest first."""
        return tuple(self.entries.get(portable(name), ()))

    def owns(self, name: str) -> bool:
        """Whether the file ``name`` in this folder is one newsdoc wrote."""
        return is_ours(self.folder / name, self.for_target(name))

    def compact(self) -> None:
        """Rewrite the journal with only the records that still describe a file on disk.

        Done only when most lines are superseded; a folder newsdoc may not lock or write is
        left as it is.
        """
        if self.lines <= 2 * len(self.entries) + 64:
            return
        try:
            with _locked(self.folder):
                fresh = Manifest(self.folder)
                kept = [
                    entry
                    for name, entries in fresh.entries.items()
                    for entry in entries
                    if entry.matches_file(self.folder / name)
                ]
                write_atomic(self.folder / MANIFEST, b"".join(entry.to_json() for entry in kept))
        except (OSError, NewsdocError):
            return


def _is_regular(descriptor: int) -> bool:
    import stat

    return stat.S_ISREG(os.fstat(descriptor).st_mode)


def record(folder: Path, entry: Entry, *, dir_fd: int | None = None) -> None:
    """Append ``entry`` to the journal of ``folder``, on a line of its own (under the lock);
    ``dir_fd``: the folder already open (the one the output is written in)."""
    where = folder / MANIFEST
    try:
        with _locked(folder, dir_fd):
            descriptor = _open_journal(folder, os.O_RDWR | os.O_APPEND | os.O_CREAT, dir_fd)
            try:
                if not _is_regular(descriptor):
                    raise NewsdocError(f"{where} is not a regular file; newsdoc leaves it alone")
                size = os.fstat(descriptor).st_size
                line = entry.to_json()
                if size and os.pread(descriptor, 1, size - 1) != b"\n":
                    line = b"\n" + line  # a line cut short before: start on a new one
                os.write(descriptor, line)
            finally:
                os.close(descriptor)
    except OSError as exc:
        raise NewsdocError(f"cannot record the output in {where}: {exc.strerror}") from None


def is_ours(path: Path, entries: tuple[Entry, ...]) -> bool:
    """Whether the file at ``path`` is one newsdoc wrote (some record matches it)."""
    return any(entry.matches_file(path) for entry in entries)


def up_to_date(
    path: Path, entries: tuple[Entry, ...], state: SourceState, settings: str, *, strict: bool
) -> Entry | None:
    """The record that makes the output at ``path`` up to date, or ``None``.

    Up to date means: the file is the one the newest record describes, written by this newsdoc
    version from this very input (unchanged), with these settings, embedding local files that
    have not changed since; under ``strict``, also written without warnings.
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
    if not newest.resources_unchanged(path.parent):
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
    warnings: Recorded,
    resources: tuple[tuple[Path, int, int], ...] = (),
) -> Entry:
    """The record of an output about to be renamed into place at ``target``."""
    sha = state.sha256 or _digest(Path(state.path))
    return Entry(
        target=portable(target.name),
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
        resources=tuple((_relative(str(p), target.parent), s, m) for p, s, m in resources),
    )
