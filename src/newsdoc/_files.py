"""Files: reading inputs safely, and writing outputs atomically.

- :func:`read_input` reads a regular file only (never a FIFO, a device or a folder, which
  could block or never end), up to a size limit.
- :func:`write_atomic` writes through a temporary file in the same folder, then renames, so a
  failure never leaves a half-written output behind. Temporary names carry this process's id
  (``.NAME.PID.RANDOM.part``), so one run never takes another's for a leftover.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from newsdoc.errors import LimitError, NewsdocError

__all__ = ["MAX_INPUT_BYTES", "read_input", "temporary_prefix", "write_atomic"]

#: The largest input file newsdoc reads, in bytes (news articles are far smaller).
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_input(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> bytes:
    """The bytes of the regular file at ``path``, or newsdoc's error saying why not.

    >>> read_input("/dev/zero")
    Traceback (most recent call last):
    ...
    newsdoc.errors.NewsdocError: cannot read /dev/zero: not a regular file
    """
    limit = MAX_INPUT_BYTES if max_bytes is None else max_bytes
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


def temporary_prefix(target: str | os.PathLike[str]) -> str:
    """The start of the names of this process's temporary files for ``target``."""
    return f".{Path(target).name}.{os.getpid()}."


def write_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then rename.

    Readers of ``path`` see either the old file or the whole new one, never a part.
    """
    target = Path(path)
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=temporary_prefix(target), suffix=".part"
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
