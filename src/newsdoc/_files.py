"""Files: reading inputs safely, and writing outputs atomically.

- :func:`read_input` reads a regular file only (never a FIFO, a device or a folder, which
  could block or never end), up to a size limit.
- :class:`AtomicFile` (and :func:`write_atomic`, its one-call form) is how newsdoc creates
  every file: through a temporary file made with ``O_EXCL | O_NOFOLLOW`` in the same folder,
  then renamed, so a failure never leaves a half-written output behind and no planted
  symbolic link is ever written through. Temporary names carry this process's id
  (``.NAME.HOST-PID.RANDOM.part``), so one run never takes another's for a leftover.
"""

from __future__ import annotations

import contextvars
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from newsdoc.errors import LimitError, NewsdocError, OverwriteError

__all__ = [
    "MAX_INPUT_BYTES",
    "AtomicFile",
    "clean_stale_temporaries",
    "note_read",
    "reads",
    "read_input",
    "open_folder",
    "temporary_prefix",
    "write_atomic",
]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)

_READS: contextvars.ContextVar[list[tuple[Path, int, int]] | None] = contextvars.ContextVar(
    "newsdoc_reads", default=None
)


@contextmanager
def reads() -> Iterator[list[tuple[Path, int, int]]]:
    """Gather ``(path, size, mtime_ns)`` of every local file read inside the block (the images
    a writer embeds), so the conversion path can tell when an output needs converting again
    and never writes over a file it reads."""
    found: list[tuple[Path, int, int]] = []
    token = _READS.set(found)
    try:
        yield found
    finally:
        _READS.reset(token)


def note_read(path: Path) -> None:
    """Record that the local file ``path`` was read (see :func:`reads`)."""
    found = _READS.get()
    if found is None:
        return
    try:
        info = path.stat()
    except OSError:
        return
    entry = (path.resolve(), info.st_size, info.st_mtime_ns)
    if entry not in found:
        found.append(entry)


#: The largest input file newsdoc reads by default, in bytes (news articles are far smaller);
#: the ``max_input_bytes`` limit of :mod:`newsdoc.limits`, which can change it, is used.
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, or newsdoc's error saying why not.

    >>> read_input("/dev/zero")
    Traceback (most recent call last):
    ...
    newsdoc.errors.NewsdocError: cannot read /dev/zero: not a regular file
    """
    if max_bytes is None:
        from newsdoc.limits import current

        limit = current().max_input_bytes
    else:
        limit = max_bytes
    name = os.fspath(path)
    try:
        descriptor = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except IsADirectoryError:
        raise NewsdocError(f"cannot read {name}: it is a folder") from None
    except OSError as exc:
        raise NewsdocError(f"cannot read {name}: {exc.strerror}") from None
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise NewsdocError(f"cannot read {name}: it is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise NewsdocError(f"cannot read {name}: not a regular file")
        if info.st_size > limit:
            raise LimitError(
                f"the file is {info.st_size} bytes, more than the limit of {limit}", name
            )
        chunks = []
        total = 0
        while chunk := os.read(descriptor, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise LimitError(f"the file is larger than the limit of {limit} bytes", name)
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise NewsdocError(f"cannot read {name}: {exc.strerror}") from None
    finally:
        os.close(descriptor)


def _hostname() -> str:
    if hasattr(os, "uname"):  # no need for the socket module (a few ms of start-up)
        return os.uname().nodename
    import socket

    return socket.gethostname()


_HOST = re.sub(r"[^A-Za-z0-9\-]", "", _hostname())[:32] or "host"
#: A temporary file older than this is a leftover whatever its owner (seconds).
STALE_AFTER = 24 * 3600


def temporary_prefix(target: str | os.PathLike[str]) -> str:
    """The start of the names of this process's temporary files for ``target``:
    ``.NAME.HOST-PID.``, so no other run takes them for leftovers."""
    return f".{Path(target).name}.{_HOST}-{os.getpid()}."


_TEMPORARY = re.compile(r"^\..+\.(?P<host>[A-Za-z0-9\-]+)-(?P<pid>\d+)\.[^.]+\.part$")


def clean_stale_temporaries(folder: str | os.PathLike[str]) -> None:
    """Remove from ``folder`` the temporary files that runs no longer alive left behind.

    A file is left alone while the process that made it (on this machine) still runs and it
    is younger than :data:`STALE_AFTER`; others' files in flight are never touched. One look
    at the folder, however many outputs it holds.
    """
    try:
        names = os.listdir(folder)
    except OSError:
        return
    now = time.time()
    for name in names:
        found = _TEMPORARY.match(name)
        if found is None:
            continue
        candidate = Path(folder, name)
        try:
            age = now - candidate.lstat().st_mtime
        except OSError:
            continue
        if age < STALE_AFTER and (
            found["host"] != _HOST or int(found["pid"]) == os.getpid() or _alive(int(found["pid"]))
        ):
            continue
        candidate.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class AtomicFile:
    """A file written whole or not at all: the one way newsdoc creates a file.

    The folder is opened once (with ``within``, walked from that folder one part at a time,
    never through a symbolic link, creating the parts that are missing); the temporary file
    is made in it with ``O_CREAT | O_EXCL | O_NOFOLLOW`` (a link planted at its name is never
    followed), written, and renamed over the destination relative to the folder's
    descriptor. A destination that is a symbolic link, a folder or anything but a regular
    file is refused (:class:`~newsdoc.errors.OverwriteError`), before writing and again just
    before the rename; a link put there in between is replaced itself, never written through.

    Missing folders on the way are created (unless ``create`` is false); ``fsync`` makes the
    data reach the disk before the rename. ``stream`` is the binary stream to write to;
    :meth:`commit` puts the file in place, :meth:`discard` removes it.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        within: str | os.PathLike[str] | None = None,
        fsync: bool = True,
        create: bool = True,
    ) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.fsync = fsync
        self.folder = open_folder(self.path.parent, within=within, create=create)
        self.temporary: str | None = None
        try:
            self.check_destination()
            handle, self.temporary = make_temporary(
                self.folder, temporary_prefix(self.path), ".part"
            )
        except BaseException:
            os.close(self.folder)
            raise
        self.stream = os.fdopen(handle, "wb")

    def check_destination(self) -> os.stat_result | None:
        """The destination's status (``None``: there is none); refuses what is not a regular
        file, a symbolic link above all."""
        try:
            info = os.lstat(self.name, dir_fd=self.folder)
        except FileNotFoundError:
            return None
        if stat.S_ISLNK(info.st_mode):
            raise OverwriteError(
                f"{self.path} is a symbolic link; newsdoc never writes through one, nor "
                "replaces one it did not write"
            )
        if not stat.S_ISREG(info.st_mode):
            raise OverwriteError(
                f"{self.path} exists and is not a regular file; newsdoc leaves it alone"
            )
        return info

    def same_content(self, data: bytes) -> bool:
        """Whether the destination already holds ``data`` (read without following a link)."""
        info = self.check_destination()
        if info is None or info.st_size != len(data):
            return False
        flags = os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0)
        try:
            descriptor = os.open(self.name, flags, dir_fd=self.folder)
        except OSError:
            return False
        try:
            with os.fdopen(descriptor, "rb") as stream:
                return stream.read(len(data) + 1) == data
        except OSError:
            return False

    def commit(
        self, before_rename: Callable[[os.stat_result, int], None] | None = None
    ) -> os.stat_result:
        """Put the written file in place; returns its status (the rename keeps its size and
        time). ``before_rename`` gets that status and the folder's descriptor first."""
        assert self.temporary is not None
        try:
            self.stream.flush()
            if self.fsync:
                os.fsync(self.stream.fileno())
            os.fchmod(self.stream.fileno(), 0o666 & ~_umask())
            status = os.fstat(self.stream.fileno())
            self.stream.close()
            if before_rename is not None:
                before_rename(status, self.folder)
            self.check_destination()
            os.replace(self.temporary, self.name, src_dir_fd=self.folder, dst_dir_fd=self.folder)
            self.temporary = None
        finally:
            self.discard()
        return status

    def discard(self) -> None:
        """Remove the temporary file (if it is still there) and let the folder go."""
        if not self.stream.closed:
            self.stream.close()
        if self.temporary is not None:
            with suppress(OSError):
                os.unlink(os.path.basename(self.temporary), dir_fd=self.folder)
            self.temporary = None
        if self.folder >= 0:
            os.close(self.folder)
            self.folder = -1


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    before_rename: Callable[[os.stat_result, int], None] | None = None,
    within: str | os.PathLike[str] | None = None,
    keep_same: bool = False,
) -> os.stat_result | None:
    """Write ``data`` to ``path`` through :class:`AtomicFile`.

    Readers of ``path`` see either the old file or the whole new one, never a part.
    ``before_rename`` is called with the finished temporary file's status and the folder's
    descriptor before it takes the place of ``path``. ``within``: the folder the user named,
    below which no part of ``path`` may be a symbolic link. ``keep_same``: leave a file that
    already holds ``data`` as it is (``None`` is returned). Returns the written file's status.
    """
    output = AtomicFile(path, within=within)
    try:
        if keep_same and output.same_content(data):
            output.discard()
            return None
        output.stream.write(data)
    except BaseException:
        output.discard()
        raise
    return output.commit(before_rename)


def open_folder(
    folder: str | os.PathLike[str],
    *,
    within: str | os.PathLike[str] | None = None,
    create: bool = False,
) -> int:
    """A descriptor of ``folder`` (created when missing with ``create``).

    Without ``within`` the path is taken as the user gave it. With it, ``folder`` must be
    ``within`` or below it, and each part below ``within`` is opened from its parent with
    ``O_NOFOLLOW``: a part that is a symbolic link is refused
    (:class:`~newsdoc.errors.OverwriteError`), so nothing is written outside ``within``.
    """
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    name = os.fspath(folder) or "."
    if within is None:
        if create:
            with suppress(FileExistsError):  # not a folder: said below
                os.makedirs(name, exist_ok=True)
        return _open_dir(name, flags)
    base = os.fspath(within) or "."
    relative = os.path.relpath(os.path.abspath(name), os.path.abspath(base))
    parts = [] if relative == os.curdir else relative.split(os.sep)
    if parts and parts[0] == os.pardir:
        raise OverwriteError(f"{name} is outside {base}; newsdoc writes nothing there")
    if create:
        os.makedirs(base, exist_ok=True)
    descriptor = _open_dir(base, flags)
    where = Path(base)
    try:
        for part in parts:
            where = where / part
            try:
                inner = os.open(part, flags | _NOFOLLOW, dir_fd=descriptor)
            except FileNotFoundError:
                if not create:
                    raise
                with suppress(FileExistsError):
                    os.mkdir(part, 0o777, dir_fd=descriptor)
                inner = os.open(part, flags | _NOFOLLOW, dir_fd=descriptor)
            except OSError as exc:
                if _is_link(part, descriptor):
                    raise OverwriteError(
                        f"{where} is a symbolic link; newsdoc writes nothing through one"
                    ) from None
                raise NewsdocError(f"cannot use the folder {where}: {exc.strerror}") from None
            os.close(descriptor)
            descriptor = inner
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _open_dir(name: str, flags: int) -> int:
    try:
        return os.open(name, flags)
    except NotADirectoryError:
        raise NewsdocError(f"cannot use the folder {name}: it is not a folder") from None


def _is_link(name: str, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.lstat(name, dir_fd=folder).st_mode)
    except OSError:
        return False


def make_temporary(folder: int, prefix: str, suffix: str) -> tuple[int, str]:
    """A new file ``PREFIX<random>SUFFIX`` in the open folder ``folder``, open for writing,
    only by its owner, as :func:`tempfile.mkstemp` makes (without importing :mod:`tempfile`,
    :mod:`shutil` and :mod:`random` at start-up): its descriptor and name. ``O_EXCL`` and
    ``O_NOFOLLOW``: a name taken, by a file or a planted link, is never opened."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = f"{prefix}{os.urandom(6).hex()}{suffix}"
        try:
            return os.open(path, flags, 0o600, dir_fd=folder), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
