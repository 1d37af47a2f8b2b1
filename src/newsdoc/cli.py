"""The ``newsdoc`` command: convert, validate and describe news articles from the shell.

Commands: ``convert`` (files, folders or standard input to any registered formats),
``validate``, ``schema`` and ``formats``. Exit codes: 0 success, 1 a conversion failed,
2 bad usage or invalid input. Outputs are written atomically, so a failure never leaves a
half-written file. Only the click library and the format registry load at start-up; each
format's own dependencies load when that format is used.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from newsdoc import __version__
from newsdoc.errors import InvalidDocumentError, NewsdocError, UnknownFormatError
from newsdoc.formats import Format, available_formats, format_for_path, get_format

if TYPE_CHECKING:
    from newsdoc.api import Document

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_CONVERT_HELP = """Convert articles to one or more formats.

INPUT is a file, a folder (every readable file in it, recursively) or - for standard input.
Outputs keep each input's name with the new extension, in --out (by default beside the
input); folders keep their layout below --out. With --out - the one output goes to standard
output.

\b
Examples:
  newsdoc convert examples/article.json --to json --out out/
  newsdoc convert archive/ --to json --out converted/
  newsdoc convert examples/article.json --to all --out out/
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


def _inputs(paths: tuple[str, ...], reader: Format | None) -> Iterator[tuple[str, Path | None]]:
    """Yield (input, path relative to the folder it came from) for each file to convert."""
    for given in paths:
        if given == "-":
            yield given, None
            continue
        path = Path(given)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file()):
                if found.name.startswith("."):
                    continue
                if reader is None:
                    try:
                        format_for_path(found, readable=True)
                    except UnknownFormatError:
                        continue
                yield str(found), found.relative_to(path)
        else:
            yield given, Path(path.name)


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
def convert(inputs: tuple[str, ...], to: str, out: str | None, from_: str | None) -> None:
    formats = _parse_formats(to)
    try:
        reader = get_format(from_) if from_ else None
    except UnknownFormatError as exc:
        raise click.BadParameter(str(exc), param_hint="--from") from None
    to_stdout = out == "-" or (out is None and inputs == ("-",))
    if to_stdout and (len(formats) != 1 or len(inputs) != 1 or Path(inputs[0]).is_dir()):
        raise click.UsageError("standard output takes one input converted to one format")
    invalid = failed = done = 0
    for source, relative in _inputs(inputs, reader):
        document = _read(source, reader)
        if document is None:
            invalid += 1
            continue
        for fmt in formats:
            try:
                data = fmt.writer(document)
            except NewsdocError as exc:
                _fail(f"{source}: cannot write {fmt.name}: {exc}")
                failed += 1
                continue
            if to_stdout:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                target = _target(source, relative, fmt, out)
                if target is None:
                    failed += 1
                    continue
                _write(target, data)
                click.echo(f"{source} -> {target}", err=True)
            done += 1
    if done == 0 and invalid == 0 and failed == 0:
        _fail("no input files found (folders are searched for files of readable formats)")
        sys.exit(EXIT_USAGE)
    if invalid:
        sys.exit(EXIT_USAGE)
    if failed:
        sys.exit(EXIT_FAILED)


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


def _target(source: str, relative: Path | None, fmt: Format, out: str | None) -> Path | None:
    relative = relative or Path("article")
    name = relative.name.split(".", 1)[0] if not relative.name.startswith(".") else relative.name
    if out is None:
        folder = Path(source).parent if source != "-" else Path.cwd()
        target = folder / (name + fmt.extension)
    else:
        target = Path(out) / relative.parent / (name + fmt.extension)
    if source != "-" and target.exists() and os.path.samefile(target, source):
        _fail(f"{source}: writing {fmt.name} would overwrite the input; pass --out DIR")
        return None
    return target


def _write(target: Path, data: bytes) -> None:
    from newsdoc._files import write_atomic

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, data)
    except OSError as exc:
        _fail(f"cannot write {target}: {exc.strerror}")
        sys.exit(EXIT_FAILED)


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
