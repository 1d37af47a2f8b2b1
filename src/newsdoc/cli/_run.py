"""Running ``newsdoc convert``: the conversion path, with progress, warnings and a report.

:func:`run_conversion` plans the run through :func:`newsdoc.conversion.prepare` (the same
call the library makes), runs it, and says what happened on standard error: a progress bar
on a terminal (plain lines elsewhere), each warning (unless ``--quiet``), what was done (with
``--verbose``), and the failures at the end. ``--report`` gets one JSON line per output.
"""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
from pathlib import Path
from typing import IO, Any

from newsdoc.cli import EXIT_FAILED, EXIT_OK, EXIT_USAGE, echo_text, say_to_user
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
    (:class:`~newsdoc._files.AtomicFile`) and renamed into place at the end (``-``: standard
    output).

    FILE may not be an input or an output of the run, nor a file any writer read (a picture),
    nor something other than a regular file (a symbolic link above all); an existing file is
    replaced only when it is empty or a report itself (or with ``--force``). Values are kept
    exactly; characters a terminal would act on are written as JSON escapes.
    """

    def __init__(self, path: str, run: Run, *, force: bool) -> None:
        from newsdoc.errors import UsageError

        self.path = path
        self.file: Any = None
        self.read: set[str] = set()
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
        from newsdoc._files import AtomicFile
        from newsdoc.errors import NewsdocError

        try:
            self.file = AtomicFile(path, fsync=False, create=False)
        except OSError as exc:
            raise UsageError(f"cannot write the report {path}: {exc.strerror}") from None
        except NewsdocError as exc:
            raise UsageError(f"--report: {exc}") from None
        self.text = io.TextIOWrapper(self.file.stream, encoding="utf-8", errors="surrogateescape")
        self.stream = self.text

    def write(self, result: ArticleResult) -> None:
        for output in result.outputs:
            self.read.update(output.read)
        try:
            for line in result.report_lines():
                self.stream.write(_terminal_safe(json.dumps(line, ensure_ascii=False)) + "\n")
            self.stream.flush()
        except OSError as exc:
            from newsdoc.errors import NewsdocError

            raise NewsdocError(f"cannot write the report {self.path}: {exc.strerror}") from None

    def close(self, *, keep: bool) -> None:
        if self.file is None:
            return
        from newsdoc.errors import NewsdocError, OverwriteError

        try:
            self.text.flush()
            self.text.detach()
            if keep and os.path.realpath(self.path) in self.read:
                raise OverwriteError(
                    f"--report {self.path} is a file this conversion read; newsdoc never "
                    "replaces it (the report was not written)"
                )
            if keep:
                self.file.commit()
        except OSError as exc:
            raise NewsdocError(f"cannot write the report {self.path}: {exc.strerror}") from None
        finally:
            self.file.discard()


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _terminal_safe(line: str) -> str:
    """A JSON line with the characters a terminal acts on (C1 controls, bidirectional
    overrides) written as ``\\uXXXX`` escapes: the same values, nothing for a terminal to
    run. (``json.dumps`` already escapes the C0 controls, ESC among them.)"""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


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
    follow_links: bool,
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
        follow_links=follow_links,
        stdin=_stdin_data(inputs),
        describe_option=lambda name: f"--{name.replace('_', '-')}",
    )
    if run.destination.mode == "stdout" and sys.stdout.isatty():
        binary = [f.name for f in run.formats if not f.media_type.startswith(_TEXT_TYPES)]
        if binary:
            raise UsageError(
                f"{binary[0]} is binary: name an output file with -o, or redirect standard output"
            )
    if not quiet:
        for diagnostic in run.warnings:
            say_to_user("warning", str(diagnostic), "yellow")
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
        say_to_user("error", f"{len({f[0] for f in failures})} of {total} {noun} failed:", "red")
        for source, fmt, message in failures:
            where = source if fmt == "-" else f"{source} [{fmt}]"
            if message.startswith(f"{source}: "):
                message = message[len(source) + 2 :]
            echo_text(f"  {where}: {message}", continuation="    ")
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
                say_to_user(kind, line, colour)

    say(result.source, result.warnings)
    for output in result.outputs:
        say(f"{result.source} [{output.format}]", output.warnings)
        if verbose:
            what = {"written": "written", "skipped": "up to date", "failed": "failed"}
            echo_text(f"  {output.target}: {what[output.status]}")


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
        echo_text(f"[{self.done}/{self.total}] {result.source} -> {status}")

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
