"""Running ``newsdoc convert``: the conversion path, with progress, warnings and a report.

:func:`run_conversion` plans the run through :func:`newsdoc.conversion.prepare` (the same
call the library makes), runs it, and says what happened on standard error: a progress bar
on a terminal (plain lines elsewhere), each warning (unless ``--quiet``), what was done (with
``--verbose``), and the failures at the end. ``--report`` gets one JSON line per output.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import IO, Any

import click

from newsdoc.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, _say
from newsdoc.conversion import STDOUT, ArticleResult, Run, prepare

__all__ = ["run_conversion"]

_TEXT_TYPES = ("text/", "application/json", "application/xml")


def _stdin_data(inputs: tuple[str, ...]) -> bytes | None:
    if STDOUT not in inputs and "/dev/stdin" not in inputs:
        return None
    from newsdoc._files import MAX_INPUT_BYTES

    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        from newsdoc.errors import LimitError

        raise LimitError(f"standard input is larger than the limit of {MAX_INPUT_BYTES} bytes")
    return data


class _Report:
    """``--report FILE``: one JSON line per output, written to a temporary file beside FILE
    and renamed into place at the end (``-``: standard output).

    FILE may not be an input or an output of the run, nor something other than a regular
    file; an existing file is replaced only when it is empty or a report itself (or with
    ``--force``).
    """

    def __init__(self, path: str, run: Run, *, force: bool) -> None:
        from newsdoc.errors import UsageError

        self.path = path
        self.temporary: Path | None = None
        if path == STDOUT:
            if run.destination.mode == "stdout":
                raise UsageError("--report - and --out - would share standard output")
            self.stream: IO[str] = sys.stdout
            return
        target = Path(path)
        resolved = os.path.realpath(path)
        outputs = {os.path.realpath(p.path) for plan in run.plans for p in plan if p.path}
        if resolved in run.settings.protected or resolved in outputs:
            raise UsageError(f"--report {path} is an input or an output of this conversion")
        if target.exists() or target.is_symlink():
            if not target.is_file() or target.is_symlink():
                raise UsageError(f"--report {path} exists and is not a regular file")
            if not force and not _is_report(target):
                raise UsageError(
                    f"--report {path} exists and is not a newsdoc report; pass --force to "
                    "replace it"
                )
        from newsdoc._files import make_temporary, temporary_prefix

        try:
            handle, name = make_temporary(target.parent or ".", temporary_prefix(target), ".part")
        except OSError as exc:
            raise UsageError(f"cannot write the report {path}: {exc.strerror}") from None
        self.temporary = Path(name)
        self.stream = os.fdopen(handle, "w", encoding="utf-8", errors="surrogateescape")

    def write(self, result: ArticleResult) -> None:
        try:
            for line in result.report_lines():
                self.stream.write(json.dumps(line, ensure_ascii=False) + "\n")
            self.stream.flush()
        except OSError as exc:
            from newsdoc.errors import NewsdocError

            raise NewsdocError(f"cannot write the report {self.path}: {exc.strerror}") from None

    def close(self, *, keep: bool) -> None:
        if self.temporary is None:
            return
        try:
            self.stream.close()
            if keep:
                os.replace(self.temporary, self.path)
        except OSError as exc:
            from newsdoc.errors import NewsdocError

            raise NewsdocError(f"cannot write the report {self.path}: {exc.strerror}") from None
        finally:
            self.temporary.unlink(missing_ok=True)


def _is_report(path: Path) -> bool:
    """Whether ``path`` is empty or starts with a line of a newsdoc report."""
    try:
        with open(path, "rb") as stream:
            first = stream.readline(65536)
    except OSError:
        return False
    if not first.strip():
        return True
    try:
        record = json.loads(first)
    except ValueError:
        return False
    return isinstance(record, dict) and {"source", "status", "target"} <= set(record)


def run_conversion(
    inputs: tuple[str, ...],
    *,
    to: str | None,
    out: str | None,
    reader: str | None,
    options: dict[str, Any],
    jobs: int | None,
    force: bool,
    strict: bool,
    quiet: bool,
    verbose: bool,
    fetch: bool,
    quotes: bool,
    report: str | None,
    engine: str,
    scheduler: str | None,
) -> int:
    """Convert as the command line asked; return the exit code."""
    from newsdoc.errors import UsageError

    run = prepare(
        inputs,
        to,
        out,
        reader=reader,
        options=options,
        quotes=quotes,
        strict=strict,
        force=force,
        fetch=fetch,
        stdin=_stdin_data(inputs),
        describe_option=lambda name: f"--{name.replace('_', '-')}",
    )
    if run.destination.mode == "stdout" and sys.stdout.isatty():
        binary = [f.name for f in run.formats if not f.media_type.startswith(_TEXT_TYPES)]
        if binary:
            raise UsageError(
                f"{binary[0]} is binary: name an output file with -o, or redirect standard output"
            )
    report_file = _Report(report, run, force=force) if report is not None else None
    total = run.total
    failures: list[tuple[str, str, str]] = []
    invalid = 0
    finished = False
    try:
        with _Progress(total, quiet=quiet or run.destination.mode == "stdout") as progress:
            for result in run.execute(
                jobs=jobs if total > 1 else 1,
                engine="dask" if engine == "dask" else "local",
                scheduler=scheduler,
            ):
                progress.advance(result)
                _tell(result, quiet=quiet, verbose=verbose)
                if result.error is not None:
                    failures.append((result.source, "-", result.error))
                    invalid += result.invalid
                for output in result.outputs:
                    if output.status == "failed":
                        failures.append((result.source, output.format, output.error or ""))
                if report_file is not None:
                    report_file.write(result)
        finished = True
    finally:
        if report_file is not None:
            report_file.close(keep=finished)
    if failures:
        noun = "input" if total == 1 else "inputs"
        _say("error", f"{len({f[0] for f in failures})} of {total} {noun} failed:", "red")
        for source, fmt, message in failures:
            where = source if fmt == "-" else f"{source} [{fmt}]"
            if message.startswith(f"{source}: "):
                message = message[len(source) + 2 :]
            click.echo(f"  {where}: " + message.replace("\n", "\n    "), err=True)
    if total == 1 and invalid == 1:
        return EXIT_USAGE
    return EXIT_FAILED if failures else EXIT_OK


def _tell(result: ArticleResult, *, quiet: bool, verbose: bool) -> None:
    """Print the warnings (and with ``verbose`` the notes) of one input's conversion."""
    if quiet:
        return
    said: set[str] = set()

    def say(where: str, diagnostics: Any) -> None:
        for diagnostic in diagnostics:
            if diagnostic.level == "info" and not verbose:
                continue
            line = f"{where}: {diagnostic}"
            if line not in said:
                said.add(line)
                kind, colour = (
                    ("warning", "yellow")
                    if diagnostic.level == "warning"
                    else (
                        "info",
                        "blue",
                    )
                )
                _say(kind, line, colour)

    say(result.source, result.warnings)
    for output in result.outputs:
        say(f"{result.source} [{output.format}]", output.warnings)
        if verbose:
            what = {"written": "written", "skipped": "up to date", "failed": "failed"}
            click.echo(f"  {output.target}: {what[output.status]}", err=True)


class _Progress:
    """A progress bar with counts, rate and ETA on a terminal; plain lines elsewhere."""

    def __init__(self, total: int, *, quiet: bool) -> None:
        self.total = total
        self.quiet = quiet
        self.done = 0
        self.bar: Any = None
        self.task: Any = None
        self.started = time.perf_counter()

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty() and self.total > 1 and not self.quiet:
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TaskProgressColumn,
                TextColumn,
                TimeRemainingColumn,
            )

            self.bar = Progress(
                TextColumn("converting"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                transient=False,
            )
            self.bar.__enter__()
            self.task = self.bar.add_task("convert", total=self.total, rate="")
        self.started = time.perf_counter()
        return self

    def advance(self, result: ArticleResult) -> None:
        self.done += 1
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        if self.bar is not None:
            rate = f"{self.done / elapsed:.1f} articles/s"
            self.bar.update(self.task, advance=1, rate=rate)
            return
        if self.quiet:
            return
        if result.error is not None:
            status = "failed"
        else:
            parts = [
                f"{o.target}" + (" (up to date)" if o.status == "skipped" else "")
                for o in result.outputs
                if o.status != "failed"
            ]
            status = ", ".join(parts) if parts else "failed"
        click.echo(f"[{self.done}/{self.total}] {result.source} -> {status}", err=True)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
