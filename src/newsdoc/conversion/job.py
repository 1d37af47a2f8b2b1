"""One input to its outputs: read, pass, write, each step's warnings kept. Never raises.

A :class:`Job` is everything a worker process needs for one input (it pickles small): the
:class:`~newsdoc.conversion.plan.Source`, its planned :class:`Target` outputs with the
manifest's records of them, and the run's :class:`Settings`. :func:`run_job` turns it into an
:class:`ArticleResult`, the same whether it ran here, in a process pool or on a Dask worker:

1. skip the outputs that are up to date (input, settings and version unchanged, file ours);
2. read the input (its format from ``--from``, else its name and content), collecting the
   reader's warnings; run the quote pass if asked;
3. write each output: refuse to replace a file newsdoc did not write (unless ``force``) or an
   input (never); with ``strict``, warnings fail it; else write atomically, recording it in
   the folder's manifest just before the rename.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import IO, Any, Literal

import attrs

from newsdoc._files import read_input, reads, write_atomic
from newsdoc.diagnostics import Diagnostic, collect, info, warn, warnings_only
from newsdoc.errors import (
    FetchError,
    InternalError,
    InvalidDocumentError,
    LimitError,
    NewsdocError,
    OverwriteError,
    StrictError,
)
from newsdoc.formats import Format, detect_format, get_format
from newsdoc.model import Document
from newsdoc.options import Options
from newsdoc.render.resources import remember_origin

from .manifest import Entry, Manifest, SourceState, is_ours, new_entry, record, up_to_date
from .plan import Source

__all__ = ["ArticleResult", "Job", "OutputResult", "Settings", "Target", "run_job"]

Status = Literal["written", "skipped", "failed"]


@attrs.frozen(kw_only=True)
class Settings:
    """What is the same for every input of a run.

    ``writers`` maps each output format to its checked options; ``reader`` names the input
    format (``None``: told by each input's name and content) and ``reader_values`` the reading
    options given; ``quotes`` runs the quote pass; ``strict`` makes warnings failures;
    ``force`` replaces outputs that are up to date or that newsdoc did not write (never an
    input); ``fetch`` lets URL inputs be downloaded; ``protected`` are the resolved paths of
    the files the run reads (inputs, style sheets, templates), never written.
    """

    writers: tuple[tuple[str, Options], ...]
    reader: str | None = None
    reader_values: tuple[tuple[str, Any], ...] = ()
    quotes: bool = False
    strict: bool = False
    force: bool = False
    fetch: bool = False
    protected: frozenset[str] = frozenset()

    def options_for(self, name: str) -> Options:
        return dict(self.writers)[name]

    def fingerprint(self, name: str) -> str:
        """The digest of everything in these settings that shapes the ``name`` output."""
        digest = hashlib.sha256(self.options_for(name).fingerprint().encode())
        digest.update(repr((self.reader, self.reader_values, self.quotes)).encode())
        return digest.hexdigest()


@attrs.frozen(kw_only=True)
class Target:
    """One planned output: its format, its path (``None``: standard output), the manifest's
    records of that path, a refusal decided when planning, and the folder the user named for
    it (``root``: no part of ``path`` below it may be a symbolic link)."""

    format: str
    path: str | None
    entries: tuple[Entry, ...] = ()
    refusal: str | None = None
    root: str | None = None


@attrs.frozen(kw_only=True)
class Job:
    """One input and its outputs (``data``: the bytes of standard input, read beforehand)."""

    source: Source
    targets: tuple[Target, ...]
    settings: Settings
    data: bytes | None = None


@attrs.frozen(kw_only=True)
class OutputResult:
    """What happened to one output: ``written``, ``skipped`` (up to date) or ``failed``;
    ``read`` are the resolved paths of the local files its writer read (its pictures).

    >>> result = OutputResult(format="html", target="out/a.html", status="written")
    >>> result.status, result.error
    ('written', None)
    """

    format: str
    target: str
    status: Status
    error: str | None = None
    warnings: tuple[Diagnostic, ...] = ()
    read: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ArticleResult:
    """What happened to one input: an error reading it, or one result per output.

    ``warnings`` are the reader's (what it assumed or dropped); each output has its writer's.

    >>> done = ArticleResult(source="a.json", outputs=(
    ...     OutputResult(format="html", target="out/a.html", status="written"),
    ...     OutputResult(format="pdf", target="out/a.pdf", status="failed", error="no fonts"),
    ... ))
    >>> done.ok, [line["status"] for line in done.report_lines()]
    (False, ['written', 'failed'])
    """

    source: str
    outputs: tuple[OutputResult, ...] = ()
    error: str | None = None
    invalid: bool = False
    seconds: float = 0.0
    warnings: tuple[Diagnostic, ...] = ()
    format: str | None = None

    @property
    def ok(self) -> bool:
        """Whether the input was read and every output written or up to date."""
        return self.error is None and all(o.status != "failed" for o in self.outputs)

    def report_lines(self) -> list[dict[str, Any]]:
        """The result as JSON-ready records, one per output (or one for a read error)."""
        read = list(self.warnings)
        if self.error is not None:
            return [
                {
                    "source": self.source,
                    "format": None,
                    "target": None,
                    "status": "failed",
                    "error": self.error,
                    **_said(read),
                }
            ]
        return [
            {
                "source": self.source,
                "format": o.format,
                "target": o.target,
                "status": o.status,
                "error": o.error,
                **_said([*read, *o.warnings]),
            }
            for o in self.outputs
        ]


def _said(diagnostics: list[Diagnostic]) -> dict[str, list[dict[str, str | None]]]:
    """Report fields: the ``warnings``, and the ``notes`` of what was done."""
    return {
        "warnings": [d.to_json() for d in diagnostics if d.level == "warning"],
        "notes": [d.to_json() for d in diagnostics if d.level != "warning"],
    }


def _failure_text(exc: NewsdocError) -> str:
    if isinstance(exc, InvalidDocumentError) and not isinstance(exc, LimitError):
        count = len(exc.problems)
        noun = "problem" if count == 1 else "problems"
        lines = "".join(f"\n  {p}" for p in exc.problems)
        return f"not a valid newsdoc document ({count} {noun}):{lines}"
    return str(exc)


def _read(job: Job) -> tuple[bytes, SourceState]:
    source = job.source
    mtime_ns = 0
    if source.kind == "stdin":
        data = job.data or b""
    elif source.kind == "url":
        if not job.settings.fetch:
            raise NewsdocError(
                f"{source.location} is a URL: newsdoc downloads nothing without --fetch"
            )
        from newsdoc.fetch import fetch_url

        data = fetch_url(source.location, timeout=30)
    else:
        data = read_input(source.location)
        mtime_ns = Path(source.location).stat().st_mtime_ns
    digest = hashlib.sha256(data).hexdigest()
    return data, SourceState(source.location, len(data), mtime_ns, digest)


def _reader(job: Job, data: bytes) -> Format:
    if job.settings.reader is not None:
        return get_format(job.settings.reader, reading=True)
    name = None if job.source.kind == "stdin" else job.source.relative
    fmt = detect_format(name, data)
    info(f"read as {fmt.name}")
    return fmt


def _reader_options(fmt: Format, job: Job) -> Mapping[str, Any]:
    names = set(fmt.option_names)
    given = {k: v for k, v in job.settings.reader_values if k in names}
    for name, _ in job.settings.reader_values:
        if name not in names:
            warn(f"option {name!r} is not one of the {fmt.name} reader's; ignored", code="unused")
    if job.source.kind == "url" and "url" in names:
        given.setdefault("url", job.source.location)
    return given


def _with_quotes(document: Document) -> Document:
    from newsdoc.model import Article, Collection
    from newsdoc.quotes import attribute_quotes

    if isinstance(document, Article):
        return attribute_quotes(document)
    if isinstance(document, Collection):
        articles: Any = tuple(attribute_quotes(a) for a in document.articles)
        return attrs.evolve(document, articles=articles)
    return document


def run_job(job: Job, stdout: IO[bytes] | None = None) -> ArticleResult:
    """Convert one input to each of its outputs (see the module docstring). Never raises for
    anything an input, an option or a file system can do; a bug is reported as an error."""
    started = time.perf_counter()
    source = job.source.location
    try:
        return _run(job, stdout, started)
    except NewsdocError as exc:
        return ArticleResult(source=source, error=str(exc), seconds=time.perf_counter() - started)
    except Exception as exc:  # the boundary of a worker: a bug must not stop the batch
        return ArticleResult(
            source=source,
            error=f"newsdoc failed on a bug ({type(exc).__name__}); please report it with "
            "the input",
            seconds=time.perf_counter() - started,
        )


def _run(job: Job, stdout: IO[bytes] | None, started: float) -> ArticleResult:
    settings = job.settings
    source = job.source
    outputs: dict[int, OutputResult] = {}
    pending: list[int] = []
    state = None
    if source.kind == "file":
        from .manifest import source_state

        state = source_state(source.location)
    for index, target in enumerate(job.targets):
        if target.refusal is not None:
            outputs[index] = OutputResult(
                format=target.format,
                target=target.path or "-",
                status="failed",
                error=target.refusal,
            )
            continue
        fresh = None
        if target.path is not None and state is not None and not settings.force:
            fresh = up_to_date(
                Path(target.path),
                target.entries,
                state,
                settings.fingerprint(target.format),
                strict=settings.strict,
            )
        if fresh is not None:
            recorded = tuple(
                Diagnostic(message, code=code, where=where)
                for code, where, message in fresh.warnings
            )
            folder = Path(target.path or ".").parent
            outputs[index] = OutputResult(
                format=target.format,
                target=target.path or "-",
                status="skipped",
                warnings=recorded,
                read=tuple(str((folder / name).resolve()) for name, _, _ in fresh.resources),
            )
        else:
            pending.append(index)
    if not pending:
        return _finish(job, outputs, started)

    with collect() as found:
        try:
            data, state = _read(job)
            fmt = _reader(job, data)
            document = fmt.read(data, None, source=_display(source), **_reader_options(fmt, job))
            if source.kind == "file":
                remember_origin(document, source.folder)
            if settings.quotes:
                document = _with_quotes(document)
        except NewsdocError as exc:
            return ArticleResult(
                source=source.location,
                error=_failure_text(exc),
                invalid=not isinstance(exc, FetchError | InternalError),
                seconds=time.perf_counter() - started,
                warnings=tuple(found),
            )
    read_warnings = tuple(found)
    for index in pending:
        outputs[index] = _write_one(job, job.targets[index], document, state, read_warnings, stdout)
    return _finish(job, outputs, started, read_warnings, fmt.name)


def _display(source: Source) -> str:
    return "<stdin>" if source.kind == "stdin" else source.location


def _finish(
    job: Job,
    outputs: dict[int, OutputResult],
    started: float,
    warnings: tuple[Diagnostic, ...] = (),
    fmt: str | None = None,
) -> ArticleResult:
    return ArticleResult(
        source=job.source.location,
        outputs=tuple(outputs[i] for i in range(len(job.targets))),
        seconds=time.perf_counter() - started,
        warnings=warnings,
        format=fmt,
    )


def _write_one(
    job: Job,
    target: Target,
    document: Document,
    state: SourceState | None,
    read_warnings: tuple[Diagnostic, ...],
    stdout: IO[bytes] | None,
) -> OutputResult:
    settings = job.settings
    where = target.path or "-"
    fmt = get_format(target.format)
    with collect() as found, reads() as used:
        try:
            options = settings.options_for(fmt.name)
            if target.path is not None and "base_dir" in fmt.option_names:
                options = options.replace(base_dir=_base_dir(job, options))
            data = fmt.write(document, options)
            problems = warnings_only([*read_warnings, *found])
            if settings.strict and problems:
                raise StrictError(problems)
            if target.path is None:
                _to_stdout(data, stdout)
            else:
                recorded = tuple((d.code, d.where, d.message) for d in problems)
                _to_file(job, target, data, state, recorded, tuple(used))
        except NewsdocError as exc:
            return OutputResult(
                format=fmt.name,
                target=where,
                status="failed",
                error=str(exc),
                warnings=tuple(found),
                read=tuple(str(p) for p, _, _ in used),
            )
    return OutputResult(
        format=fmt.name,
        target=where,
        status="written",
        warnings=tuple(found),
        read=tuple(str(p) for p, _, _ in used),
    )


def _base_dir(job: Job, options: Options) -> str:
    given = getattr(options, "base_dir", None)
    return str(given) if given is not None else str(job.source.folder)


def _to_stdout(data: bytes, stdout: IO[bytes] | None) -> None:
    stream = stdout if stdout is not None else sys.stdout.buffer
    try:
        stream.write(data)
        stream.flush()
    except OSError as exc:
        raise NewsdocError(f"cannot write to standard output: {exc.strerror or exc}") from None


def _check_target(
    job: Job, target: Target, path: Path, used: tuple[tuple[Path, int, int], ...]
) -> bool:
    """Whether ``path`` may be written; ``False`` for a device to write straight to.

    Raises :class:`~newsdoc.errors.OverwriteError` for a file the run reads (an input, a
    style sheet, an image; never, even with ``force``), a file that is not a regular file, or
    one newsdoc did not write (unless ``force``).
    """
    import stat as stat_module

    resolved = path.resolve()
    if resolved in {p for p, _, _ in used} or str(resolved) in job.settings.protected:
        raise OverwriteError(f"{path} is a file this conversion reads; newsdoc never replaces it")
    try:
        info = path.lstat()
    except FileNotFoundError:
        return True
    except OSError as exc:
        raise NewsdocError(f"cannot use {path}: {exc.strerror}") from None
    if stat_module.S_ISCHR(info.st_mode) and not path.is_symlink():
        return False  # /dev/null and the like: written to, not replaced
    if not stat_module.S_ISREG(info.st_mode):
        raise OverwriteError(f"{path} exists and is not a regular file; newsdoc leaves it alone")
    if job.settings.force or is_ours(path, target.entries):
        return True
    if Manifest(path.parent).owns(path.name):  # another run may have written it since
        return True
    raise OverwriteError(
        f"{path} exists and newsdoc did not write it (or it was changed since); "
        "pass --force to replace it"
    )


def _to_file(
    job: Job,
    target: Target,
    data: bytes,
    state: SourceState | None,
    warnings: tuple[tuple[str, str | None, str], ...],
    used: tuple[tuple[Path, int, int], ...],
) -> None:
    path = Path(target.path or "")
    settings = job.settings
    if not _check_target(job, target, path, used):
        try:  # never through a link put there since it was checked
            flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NOCTTY", 0)
            with os.fdopen(os.open(path, flags), "wb") as device:
                device.write(data)
        except OSError as exc:
            raise NewsdocError(f"cannot write {path}: {exc.strerror}") from None
        return

    def remember(status: Any, folder: int) -> None:
        if state is None:
            return
        entry = new_entry(
            target=path,
            format=target.format,
            state=state,
            settings=settings.fingerprint(target.format),
            size=status.st_size,
            mtime_ns=status.st_mtime_ns,
            warnings=warnings,
            resources=used,
        )
        record(path.parent, entry, dir_fd=folder)

    try:
        write_atomic(path, data, before_rename=remember, within=target.root)
    except OSError as exc:
        raise NewsdocError(f"cannot write {path}: {exc.strerror or exc}") from None
