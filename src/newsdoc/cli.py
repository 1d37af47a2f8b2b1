"""The ``newsdoc`` command: convert, validate and describe news articles from the shell.

Commands: ``convert`` (files, folders, globs or standard input to any registered formats, in
parallel for many inputs; see :mod:`newsdoc.batch`),
``validate``, ``schema`` and ``formats``. Exit codes: 0 success, 1 a conversion failed,
2 bad usage or invalid input. Outputs are written atomically, so a failure never leaves a
half-written file. Only the click library and the format registry load at start-up; each
format's own dependencies load when that format is used.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from newsdoc import __version__
from newsdoc.errors import InvalidDocumentError, NewsdocError, UnknownFormatError
from newsdoc.formats import Format, available_formats, get_format

if TYPE_CHECKING:
    from newsdoc.api import Document

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_CONVERT_HELP = """Convert articles to one or more formats.

INPUT is a file, a folder (every readable file in it, recursively), a glob pattern such as
'archive/**/*.json', or - for standard input. Outputs keep each input's name with the new
extension, in --out (by default beside the input); folders keep their layout below --out.
With --out - the one output goes to standard output.

Many inputs are converted in parallel, with a progress bar on a terminal. One bad article
does not stop the rest: failures are listed at the end (and in --report), and the exit code
is 1. Outputs newer than their input are skipped unless --force, so an interrupted run
resumes where it stopped.

\b
Examples:
  newsdoc convert examples/article.json --to json --out out/
  newsdoc convert archive/ --to json --out converted/ --jobs 4 --report errors.jsonl
  newsdoc convert 'archive/**/*.json' --to all --out out/
  newsdoc convert archive/ --to json --out out/ --engine dask --scheduler tcp://host:8786
  cat article.json | newsdoc convert - --to json --out -
"""


def _fail(message: str) -> None:
    click.secho("error: ", fg="red", bold=True, err=True, nl=False)
    click.echo(message, err=True)


@click.group(
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'newsdoc COMMAND --help' for a command's options and examples.",
)
@click.version_option(__version__, "--version", "-V", prog_name="newsdoc")
def main() -> None:
    """newsdoc: convert news articles between JSON, HTML, EPUB, PDF and NewsML-G2.

    \b
    Examples:
      newsdoc formats
      newsdoc convert examples/article.json --to json --out out/
      newsdoc validate examples/*.json
      newsdoc schema > newsdoc.schema.json
    """


def _parse_formats(value: str) -> list[Format]:
    if value.strip().lower() == "all":
        return [fmt for fmt in available_formats() if fmt.writable]
    formats: list[Format] = []
    for name in (part.strip() for part in value.split(",")):
        if not name:
            continue
        try:
            fmt = get_format(name)
        except UnknownFormatError as exc:
            raise click.BadParameter(str(exc), param_hint="--to") from None
        if not fmt.writable:
            raise click.BadParameter(f"newsdoc cannot write {name}", param_hint="--to")
        if fmt not in formats:
            formats.append(fmt)
    if not formats:
        raise click.BadParameter("name at least one format", param_hint="--to")
    return formats


@main.command("convert", help=_CONVERT_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--to",
    "-t",
    "to",
    required=True,
    metavar="FORMAT[,FORMAT...]",
    help="Output formats, comma-separated, or 'all' (see 'newsdoc formats').",
)
@click.option(
    "--out",
    "-o",
    "out",
    metavar="DIR",
    help="Folder for the outputs (created if missing), or - for standard output.",
)
@click.option(
    "--from",
    "-f",
    "from_",
    metavar="FORMAT",
    help="Input format, when the file name does not tell (standard input is JSON by default).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes for many inputs (default: all cores).",
)
@click.option("--force", is_flag=True, help="Rewrite outputs that are newer than their input.")
@click.option(
    "--fetch",
    is_flag=True,
    help="Let http(s) URLs among the inputs be downloaded (web pages, read into articles).",
)
@click.option(
    "--quotes",
    is_flag=True,
    help="Find quotes inside English paragraphs and add them, with their speakers, as quotes.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False),
    metavar="FILE",
    help="Write one JSON line per output (source, format, target, status, error) to FILE.",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run on this machine's cores, or on a Dask cluster (pip install 'newsdoc[dask]').",
)
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://host:8786.")
@click.option(
    "--css",
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="[html, epub, pdf] Your CSS, added after newsdoc's.",
)
@click.option(
    "--template-dir",
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help="[html, epub, pdf] Templates that replace newsdoc's of the same name.",
)
@click.option(
    "--allow-dir",
    "allow_dirs",
    multiple=True,
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="[html, epub, pdf] Also load local images from DIR "
    "(besides the input's folder). Repeatable.",
)
@click.option(
    "--allow-remote",
    is_flag=True,
    default=None,
    help="[html, epub, pdf] Download http(s) images (never done otherwise).",
)
@click.option(
    "--missing-images",
    type=click.Choice(["error", "omit"]),
    help="[html, epub, pdf] An image that cannot be loaded: fail (default) or "
    "render the figure without it.",
)
@click.option(
    "--layout",
    type=click.Choice(["report", "newspaper"]),
    help="[pdf] Page layout (default: report).",
)
@click.option(
    "--page-size",
    metavar="SIZE",
    help="[pdf] a4 (default), a5, letter, tabloid, or e.g. '200mm 280mm'.",
)
@click.option("--margin", metavar="LENGTHS", help="[pdf] Page margins, e.g. 18mm or '20mm 15mm'.")
@click.option("--bleed", metavar="LENGTH", help="[pdf] Bleed around the trim box, e.g. 3mm.")
@click.option(
    "--marks/--no-marks",
    default=None,
    help="[pdf] Crop and cross marks (default: on when there is a bleed).",
)
@click.option(
    "--pdf-variant",
    metavar="VARIANT",
    help="[pdf] pdf/a-3b, pdf/a-3a, pdf/ua-1, pdf/x-4 ... (default: plain PDF).",
)
@click.option(
    "--body",
    type=click.Choice(["nitf", "xhtml"]),
    help="[newsml] The body's markup inside inlineXML (default: nitf).",
)
@click.option(
    "--collection-as",
    type=click.Choice(["message", "package"]),
    help="[newsml] A collection as a newsMessage (default) or a packageItem.",
)
@click.option(
    "--ninjs-version",
    "version",
    type=click.Choice(["3.1", "2.2"]),
    help="[ninjs] The ninjs version to write (default: 3.1).",
)
def convert(
    inputs: tuple[str, ...],
    to: str,
    out: str | None,
    from_: str | None,
    jobs: int | None,
    force: bool,
    report: str | None,
    engine: str,
    scheduler: str | None,
    fetch: bool,
    quotes: bool,
    **writer_settings: Any,
) -> None:
    formats = _parse_formats(to)
    options = {k: v for k, v in writer_settings.items() if v not in (None, ())}
    try:
        reader = get_format(from_) if from_ else None
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    urls = [given for given in inputs if _is_url(given)]
    if urls:
        if not fetch:
            raise click.UsageError(
                f"{urls[0]} is a URL: newsdoc downloads nothing unless you pass --fetch"
            )
        if out is None or out == "-" or len(urls) != len(inputs):
            raise click.UsageError("convert URLs on their own, with --out DIR")
        _convert_urls(urls, formats, out, options, quotes)
        return
    to_stdout = out == "-" or (out is None and inputs == ("-",))
    if to_stdout or "-" in inputs:
        if not to_stdout or len(formats) != 1 or len(inputs) != 1:
            raise click.UsageError("standard input converts one article to one format, to -")
        _convert_stdin(formats[0], reader, options, quotes)
        return
    if out is None:
        _convert_beside_inputs(inputs, formats, reader, options, quotes)
        return
    _convert_batch(
        inputs, formats, out, reader, jobs, force, report, engine, scheduler, options, quotes
    )


def _is_url(text: str) -> bool:
    return text.lower().startswith(("http://", "https://"))


def _convert_urls(
    urls: list[str], formats: list[Format], out: str, options: dict[str, Any], quotes: bool
) -> None:
    """Download each page (the user passed --fetch), read it as an article, write it."""
    from urllib.parse import urlsplit

    from newsdoc.batch import with_quotes, writer_options
    from newsdoc.fetch import fetch_url

    failed = 0
    for url in urls:
        try:
            page = fetch_url(url, timeout=30)
            document = get_format("webpage").reader(page, source=url, url=url)
        except NewsdocError as exc:
            _fail(f"{url}: {exc}")
            failed += 1
            continue
        if quotes:
            document = with_quotes(document)
        name = Path(urlsplit(url).path).name.split(".", 1)[0] or "page"
        for fmt in formats:
            target = Path(out) / (name + fmt.extension)
            try:
                data = fmt.writer(document, **writer_options(fmt, options, Path(out)))
            except NewsdocError as exc:
                _fail(f"{url}: cannot write {fmt.name}: {exc}")
                failed += 1
                continue
            _write(target, data)
            click.echo(f"{url} -> {target}", err=True)
    _exit_for(len(urls), 0, failed)


def _convert_stdin(
    fmt: Format, reader: Format | None, options: dict[str, Any], quotes: bool
) -> None:
    from newsdoc.batch import with_quotes, writer_options

    document = _read("-", reader)
    if document is None:
        sys.exit(EXIT_USAGE)
    if quotes:
        document = with_quotes(document)
    try:
        data = fmt.writer(document, **writer_options(fmt, options, Path.cwd()))
    except NewsdocError as exc:
        _fail(f"<stdin>: cannot write {fmt.name}: {exc}")
        sys.exit(EXIT_FAILED)
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()


def _convert_beside_inputs(
    inputs: tuple[str, ...],
    formats: list[Format],
    reader: Format | None,
    options: dict[str, Any],
    quotes: bool,
) -> None:
    """Without --out each file's outputs go beside it (folders need --out)."""
    from newsdoc.batch import with_quotes, writer_options

    for given in inputs:
        if Path(given).is_dir():
            raise click.UsageError(f"{given} is a folder: name an output folder with --out")
    failed = invalid = 0
    for given in inputs:
        document = _read(given, reader)
        if document is None:
            invalid += 1
            continue
        if quotes:
            document = with_quotes(document)
        for fmt in formats:
            stem = Path(given).name.split(".", 1)[0]
            target = Path(given).parent / (stem + fmt.extension)
            if target.exists() and os.path.samefile(target, given):
                _fail(f"{given}: writing {fmt.name} would overwrite the input; pass --out DIR")
                failed += 1
                continue
            try:
                data = fmt.writer(document, **writer_options(fmt, options, Path(given).parent))
            except NewsdocError as exc:
                _fail(f"{given}: cannot write {fmt.name}: {exc}")
                failed += 1
                continue
            _write(target, data)
            click.echo(f"{given} -> {target}", err=True)
    _exit_for(len(inputs), invalid, failed)


def _exit_for(total: int, invalid: int, failed: int) -> None:
    """Exit 2 when the only input was invalid, 1 when anything failed, else 0."""
    if total == 1 and invalid == 1:
        sys.exit(EXIT_USAGE)
    if invalid or failed:
        sys.exit(EXIT_FAILED)


def _convert_batch(
    inputs: tuple[str, ...],
    formats: list[Format],
    out: str,
    reader: Format | None,
    jobs: int | None,
    force: bool,
    report: str | None,
    engine: str,
    scheduler: str | None,
    options: dict[str, Any],
    quotes: bool,
) -> None:
    import json

    from newsdoc.batch import find_inputs, iter_convert

    reader_name = reader.name if reader else None
    total = sum(1 for _ in find_inputs(inputs, reader=reader_name))
    if total == 0:
        _fail("no input files found (folders are searched for files of readable formats)")
        sys.exit(EXIT_USAGE)
    if total == 1:
        jobs = 1
    results = iter_convert(
        inputs,
        [f.name for f in formats],
        out,
        jobs=jobs,
        force=force,
        reader=reader_name,
        engine="dask" if engine == "dask" else "local",
        scheduler=scheduler,
        options=options,
        quotes=quotes,
    )
    failures: list[tuple[str, str, str]] = []
    invalid = 0
    report_file = open(report, "w", encoding="utf-8") if report else None  # noqa: SIM115
    try:
        with _Progress(total) as progress:
            for result in results:
                progress.advance(result)
                if result.error is not None:
                    failures.append((result.source, "-", result.error))
                    invalid += result.invalid
                for output in result.outputs:
                    if output.status == "failed":
                        failures.append((result.source, output.format, output.error or ""))
                if report_file is not None:
                    for line in result.report_lines():
                        report_file.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if report_file is not None:
            report_file.close()
    if failures:
        noun = "input" if total == 1 else "inputs"
        _fail(f"{len({f[0] for f in failures})} of {total} {noun} failed:")
        for source, fmt, message in failures:
            where = source if fmt == "-" else f"{source} [{fmt}]"
            click.echo(f"  {where}: " + message.replace("\n", "\n    "), err=True)
    _exit_for(total, invalid, len(failures) - invalid)


def _read(source: str, reader: Format | None) -> Document | None:
    from newsdoc.api import load

    try:
        if source == "-":
            fmt = reader or get_format("json")
            return fmt.reader(sys.stdin.buffer.read(), source="<stdin>")
        return load(source, reader)
    except InvalidDocumentError as exc:
        _fail(str(exc) if exc.source else f"{source}: {exc}")
    except NewsdocError as exc:
        _fail(f"{source}: {exc}")
    return None


def _write(target: Path, data: bytes) -> None:
    from newsdoc._files import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror}")
        sys.exit(EXIT_FAILED)


class _Progress:
    """A progress bar with counts, rate and ETA on a terminal; plain lines elsewhere."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.done = 0
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> _Progress:
        if sys.stderr.isatty() and self.total > 1:
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

    def advance(self, result: Any) -> None:
        self.done += 1
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        rate = f"{self.done / elapsed:.1f} articles/s"
        if self.bar is not None:
            self.bar.update(self.task, advance=1, rate=rate)
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


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--from", "-f", "from_", metavar="FORMAT", help="Input format if not from the name.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
def validate(files: tuple[str, ...], from_: str | None, quiet: bool) -> None:
    """Check that files are valid newsdoc documents; list every problem of those that are not.

    \b
    Example:
      newsdoc validate examples/article.json examples/collection.json
    """
    try:
        reader = get_format(from_) if from_ else None
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    bad = 0
    for name in files:
        document = _read(name, reader)
        if document is None:
            bad += 1
        elif not quiet:
            kind = type(document).__name__.lower()
            click.echo(f"{name}: valid {kind}")
    sys.exit(EXIT_USAGE if bad else EXIT_OK)


@main.command("schema")
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of newsdoc JSON documents.

    \b
    Example:
      newsdoc schema > newsdoc.schema.json
    """
    from newsdoc.schema import schema_text

    click.echo(schema_text(), nl=False)


@main.command("formats")
def formats() -> None:
    """List the formats newsdoc can write and read, with their file extensions."""
    rows = [("FORMAT", "EXTENSIONS", "READ", "WRITE", "DESCRIPTION")]
    for fmt in available_formats():
        rows.append(
            (
                fmt.name,
                " ".join(fmt.extensions),
                "yes" if fmt.readable else "-",
                "yes" if fmt.writable else "-",
                fmt.description,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        )


if __name__ == "__main__":  # pragma: no cover
    main()
