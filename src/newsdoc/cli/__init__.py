"""The ``newsdoc`` command: convert, validate and describe news articles from the shell.

Commands: ``convert`` (files, folders, globs, URLs or standard input to any registered formats,
through the one conversion path, :mod:`newsdoc.conversion`), ``validate``, ``schema`` and
``formats``. It follows pandoc's habits: ``-o FILE.ext`` writes that file, ``-o DIR/`` a
folder, ``-o -`` standard output; ``-f``/``-t`` take short names (``md``, ``htm``, ``xml``);
``--quiet``, ``--verbose`` and ``--strict`` control what is said and what fails.

Exit codes: 0 success, 1 a conversion failed, 2 bad usage or invalid input. Every failure a
user can cause is one message, never a traceback. Only click and the format registry load at
start-up; each format's own dependencies load when that format is used.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NoReturn

import click

from newsdoc._version import __version__
from newsdoc.errors import NewsdocError, OptionError, printable

if TYPE_CHECKING:
    from newsdoc.cli._flags import FormatFlag
    from newsdoc.formats import Format

__all__ = ["main"]

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

_CONVERT_HELP = """Convert articles to one or more formats.

INPUT is a file, a folder (every readable file in it, recursively), a glob pattern such as
'archive/**/*.json', an http(s) URL (with --fetch), or - for standard input. A file's format
comes from its name and, where the name does not tell (item.xml, item.json), its content.

--out is a file (its format from the extension unless --to says), a folder (ending in /, or
existing; created if missing), or - for standard output. Without it, outputs go beside each
input; an input is never overwritten, nor a file newsdoc did not write (unless --force).

Many inputs are converted in parallel, with a progress bar on a terminal. One bad article
does not stop the rest: failures are listed at the end (and in --report), and the exit code
is 1. An output is skipped only when its input, the options that shape it and the newsdoc
version are all unchanged, so an interrupted run resumes where it stopped.

What a reader assumes or drops, and what a writer cannot carry, is printed as a warning
(--quiet hides it, --strict makes it a failure).

\b
Examples:
  newsdoc convert examples/article.json -o out/article.html
  newsdoc convert examples/article.json --to html,epub,pdf --out out/
  newsdoc convert archive/ --to json --out out/converted/ --jobs 4 --report out/report.jsonl
  newsdoc convert 'archive/**/*.json' --to all --out out/all/
  newsdoc convert wire/item.xml --to md -o -
  cat examples/article.json | newsdoc convert - --to ninjs
"""


class _Failure(Exception):
    """Stop the command with a message and an exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def echo_text(text: str, *, err: bool = True, continuation: str = "") -> None:
    """Print one message (standard error unless ``err`` is false): the one place messages
    reach the terminal, so every one is made :func:`~newsdoc.errors.printable` here (a file
    name, a JSON key or a value in it cannot move the cursor, recolour or reorder the text).
    Its own line breaks are followed by ``continuation``."""
    text = printable(text)
    if continuation:
        text = text.replace("\n", "\n" + continuation)
    click.echo(text, err=err)


def say_to_user(kind: str, message: str, colour: str) -> None:
    click.secho(f"{kind}: ", fg=colour, bold=True, err=True, nl=False)
    echo_text(message)


def _fail(message: str) -> None:
    say_to_user("error", message, "red")


def _stop(message: str, code: int = EXIT_USAGE) -> NoReturn:
    _fail(message)
    sys.exit(code)


class _ConvertCommand(click.Command):
    """``convert``, whose format flags come from the formats' options classes on first use."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._flags: list[FormatFlag] | None = None
        self._registered: tuple[str, ...] = ()
        super().__init__(*args, **kwargs)

    def get_params(self, ctx: click.Context) -> list[click.Parameter]:
        self.format_flags()
        return super().get_params(ctx)

    def format_flags(self) -> list[FormatFlag]:
        """The format flags, added to the command's parameters the first time (and again when
        the registered formats change)."""
        from newsdoc.formats import available_formats

        registered = tuple(fmt.name for fmt in available_formats())
        if self._flags is None or self._registered != registered:
            from newsdoc.cli._flags import format_flags

            old = {id(flag.param) for flag in self._flags or ()}
            self.params[:] = [p for p in self.params if id(p) not in old]
            taken = {opt.lstrip("-") for p in self.params for opt in getattr(p, "opts", ())}
            self._flags = format_flags(taken)
            self._registered = registered
            self.params.extend(flag.param for flag in self._flags)
        return self._flags


class _Newsdoc(click.Group):
    """The command group: a full disk, a closed pipe or Ctrl-C end in a message, not a
    traceback."""

    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise _printable_click(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise _printable_click(exc) from None

    def main(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().main(*args, **kwargs)
        except KeyboardInterrupt:
            _stop("interrupted; run the command again to resume", EXIT_FAILED)
        except OSError as exc:
            import errno

            if exc.errno == errno.EPIPE:
                sys.exit(EXIT_FAILED)
            _stop(f"cannot write the output: {exc.strerror or exc}", EXIT_FAILED)


def _printable_click(exc: click.ClickException) -> click.ClickException:
    """click's own message about an argument (``No such option``, a path that does not
    exist), made :func:`~newsdoc.errors.printable` as newsdoc's own are."""
    vars(exc)["message"] = printable(exc.message)  # a Final attribute in click's types
    if isinstance(exc, click.BadParameter) and exc.param_hint is not None:
        hint = exc.param_hint
        exc.param_hint = printable(hint) if isinstance(hint, str) else [printable(h) for h in hint]
    return exc


def _flush_stdout() -> None:
    """Flush standard output now, so a full disk is met here rather than at exit."""
    sys.stdout.flush()


@click.group(
    cls=_Newsdoc,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Run 'newsdoc COMMAND --help' for a command's options and examples.",
)
@click.version_option(__version__, "--version", "-V", prog_name="newsdoc")
def main() -> None:
    """newsdoc: convert news articles between JSON, HTML, EPUB, PDF, NewsML-G2, ninjs and
    Markdown, and read news web pages.

    \b
    Examples:
      newsdoc formats
      newsdoc convert examples/article.json --to html,pdf --out out/
      newsdoc validate examples/*.json
      newsdoc schema > out/newsdoc.schema.json
    """


@main.command("convert", cls=_ConvertCommand, help=_CONVERT_HELP)
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--to",
    "-t",
    "to",
    metavar="FORMAT[,FORMAT...]",
    help="Output formats (names or short names such as md, htm), comma-separated, or 'all' "
    "(see 'newsdoc formats'). Default: from the --out file's extension.",
)
@click.option(
    "--out",
    "-o",
    "out",
    metavar="FILE|DIR/|-",
    help="An output file, a folder (created if missing), or - for standard output. "
    "Default: beside each input.",
)
@click.option(
    "--from",
    "-f",
    "from_",
    metavar="FORMAT",
    help="Input format, when neither the name nor the content tells it.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    metavar="N",
    help="Worker processes for many inputs (default: all cores).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Convert again even when up to date, and replace files newsdoc did not write "
    "(never an input).",
)
@click.option("--strict", is_flag=True, help="Fail an output when there is any warning.")
@click.option("--quiet", "-q", is_flag=True, help="Print errors only (no warnings or progress).")
@click.option(
    "--verbose", "-v", is_flag=True, help="Also print what was done (formats told, skips)."
)
@click.option(
    "--fetch",
    is_flag=True,
    help="Let http(s) URLs among the inputs be downloaded (web pages, read into articles).",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Read the files that symbolic links inside a folder or pattern lead to outside it "
    "(by default they are skipped, with a warning).",
)
@click.option(
    "--quotes",
    is_flag=True,
    help="Find quotes inside English paragraphs and add them, with their speakers, as quotes.",
)
@click.option(
    "--report",
    type=click.Path(dir_okay=False, writable=True),
    metavar="FILE",
    help="Write one JSON line per output (source, format, target, status, error, warnings).",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Run on this machine's cores, or on a Dask cluster (pip install 'newsdoc[dask]').",
)
@click.option("--scheduler", metavar="ADDRESS", help="The Dask scheduler, e.g. tcp://host:8786.")
@click.pass_context
def convert(
    context: click.Context,
    /,
    inputs: tuple[str, ...],
    to: str | None,
    out: str | None,
    from_: str | None,
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
    **flags: Any,
) -> None:
    from newsdoc.cli._run import run_conversion

    command = context.command
    assert isinstance(command, _ConvertCommand)
    try:
        options = _format_options(command.format_flags(), flags, to, out, from_)
        if engine == "dask" and not scheduler:
            raise _Failure("--engine dask needs --scheduler ADDRESS")
        code = run_conversion(
            inputs,
            to=to,
            out=out,
            reader=from_,
            options=options,
            jobs=jobs,
            force=force,
            strict=strict,
            quiet=quiet,
            verbose=verbose,
            fetch=fetch,
            follow_links=follow_links,
            quotes=quotes,
            report=report,
            engine=engine,
            scheduler=scheduler,
        )
    except _Failure as exc:
        _stop(str(exc), exc.code)
    except NewsdocError as exc:
        _stop(str(exc))
    sys.exit(code)


def _format_options(
    known: Sequence[FormatFlag],
    values: dict[str, Any],
    to: str | None,
    out: str | None,
    from_: str | None,
) -> dict[str, Any]:
    """The format options the flags give: each writer's checked options by format name, and
    reading options by field. A flag for none of the formats asked for is refused."""
    from newsdoc.conversion import output_formats

    given = [
        (flag, values[flag.param.name or ""])
        for flag in known
        if values.get(flag.param.name or "") not in (None, ())
    ]
    writers = output_formats(to, out)
    from newsdoc.formats import available_formats, get_format

    reader = get_format(from_, reading=True) if from_ else None
    readable = [reader] if reader is not None else [f for f in available_formats() if f.readable]
    per_format: dict[str, dict[str, Any]] = {f.name: {} for f in writers}
    reading: dict[str, Any] = {}
    for flag, value in given:
        mine = [f for f in writers if f.name in flag.formats]
        for fmt in mine:
            per_format[fmt.name][flag.field] = value
        if flag.side == "read" and any(f.name in flag.formats for f in readable):
            reading[flag.field] = value
        elif not mine:
            asked = ", ".join(f.name for f in writers)
            raise _Failure(f"{flag.flag} applies to {', '.join(flag.formats)}, not to {asked}")
    options: dict[str, Any] = dict(reading)
    for fmt in writers:
        options[fmt.name] = _checked_options(fmt, per_format[fmt.name], known)
    return options


def _checked_options(fmt: Format, values: dict[str, Any], known: Sequence[FormatFlag]) -> Any:
    try:
        return fmt.make_options(values)
    except OptionError as exc:
        message = str(exc)
        for flag in known:
            message = message.replace(f"option {flag.field!r}", flag.flag)
        raise _Failure(message) from None


@main.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--from", "-f", "from_", metavar="FORMAT", help="Input format if not from the name.")
@click.option("--strict", is_flag=True, help="Count a file with warnings as invalid.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
def validate(files: tuple[str, ...], from_: str | None, strict: bool, quiet: bool) -> None:
    """Check that files are valid newsdoc documents; list every problem of those that are not.

    \b
    Example:
      newsdoc validate examples/article.json examples/collection.json
    """
    from newsdoc.api import load
    from newsdoc.diagnostics import collect, warnings_only

    try:
        from newsdoc.formats import get_format

        reader = get_format(from_, reading=True) if from_ else None
    except NewsdocError as exc:
        _stop(str(exc))
    bad = 0
    for name in files:
        with collect() as found:
            try:
                document = load(name, reader)
            except NewsdocError as exc:
                text = str(exc)
                _fail(text if text.startswith(name) else f"{name}: {text}")
                bad += 1
                continue
        problems = warnings_only(found)
        for diagnostic in problems:
            if not quiet or strict:
                say_to_user("warning", f"{name}: {diagnostic}", "yellow")
        if strict and problems:
            bad += 1
        elif not quiet:
            echo_text(f"{name}: valid {type(document).__name__.lower()}", err=False)
    sys.exit(EXIT_USAGE if bad else EXIT_OK)


@main.command("schema")
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of newsdoc JSON documents.

    \b
    Example:
      newsdoc schema > out/newsdoc.schema.json
    """
    from newsdoc.schema import schema_text

    click.echo(schema_text(), nl=False)
    _flush_stdout()


@main.command("formats")
def formats() -> None:
    """List the formats newsdoc can write and read, with their extensions and short names."""
    rows = [("FORMAT", "EXTENSIONS", "READ", "WRITE", "DESCRIPTION")]
    from newsdoc.formats import available_formats

    for fmt in available_formats():
        also = f" (also: {', '.join(fmt.aliases)})" if fmt.aliases else ""
        rows.append(
            (
                fmt.name,
                " ".join(fmt.extensions),
                "yes" if fmt.readable else "-",
                "yes" if fmt.writable else "-",
                fmt.description + also,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    for row in rows:
        click.echo(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:4])) + "  " + row[4]
        )
    _flush_stdout()


if __name__ == "__main__":  # pragma: no cover
    main()
