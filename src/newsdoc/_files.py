"""Files: reading inputs safely, and writing outputs atomically.

- :func:`read_input` reads a regular file only (never a FIFO, a device or a folder, which
  could block or never end), up to a size limit.
- :func:`write_atomic` writes through a temporary file in the same folder, then renames, so a
  failure never leaves a half-written output behind. Temporary names carry this process's id
  (``.NAME.PID.RANDOM.part``), so one run never takes another's for a leftover.
"""

from __future__ import annotations

import contextvars
import os
import re
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from newsdoc.errors import LimitError, NewsdocError

__all__ = [
    "MAX_INPUT_BYTES",
    "clean_stale_temporaries",
    "note_read",
    "reads",
    "read_input",
    "temporary_prefix",
    "write_atomic",
]

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


def write_atomic(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    before_rename: Callable[[os.stat_result], None] | None = None,
) -> os.stat_result:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Readers of ``path`` see either the old file or the whole new one, never a part.
    ``before_rename`` is called with the finished temporary file's status (the renamed file
    keeps its size and time) before it takes the place of ``path``. Returns that status.
    """
    target = Path(path)
    handle, temporary = make_temporary(target.parent, temporary_prefix(target), ".part")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        status = os.stat(temporary)
        if before_rename is not None:
            before_rename(status)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return status


def make_temporary(folder: str | os.PathLike[str], prefix: str, suffix: str) -> tuple[int, str]:
    """A new file ``folder/PREFIX<random>SUFFIX`` open for writing, only by its owner, as
    :func:`tempfile.mkstemp` makes (without importing :mod:`tempfile`, :mod:`shutil` and
    :mod:`random` at start-up): its descriptor and path."""
    flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        path = os.path.join(folder, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, flags, 0o600), path
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
