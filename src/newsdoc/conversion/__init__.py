"""The one conversion path: (inputs, formats, options, destination) to outputs.

The command line (one file, standard input, URLs, folders and globs alike) and the library's
:func:`newsdoc.convert`, :func:`convert_many` and :func:`iter_convert` all go through
:func:`prepare`, which plans every output (:mod:`~newsdoc.conversion.plan`), and one
:func:`~newsdoc.conversion.job.run_job` per input, run here, on a process pool or on Dask
(:mod:`~newsdoc.conversion.engines`):

- inputs are files, folders (searched recursively for readable files), glob patterns, http(s)
  URLs (downloaded only with ``fetch``) and ``-`` (standard input);
- ``out`` follows pandoc: a file (``page.html``, its format from the extension unless given),
  a folder (``out/``), ``-`` (standard output), or nothing (beside each input);
- an output is skipped only when it is up to date: its input, the options that shape it and
  the newsdoc version all unchanged, as recorded in the folder's manifest
  (:mod:`~newsdoc.conversion.manifest`);
- a file newsdoc did not write is never replaced without ``force``, and an input never is;
- what readers and writers assume or drop comes back as warnings on each result; ``strict``
  turns them into failures;
- one bad input never stops the rest: its error is on its result.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypedDict, Unpack

import attrs

from newsdoc._files import clean_stale_temporaries
from newsdoc.diagnostics import Diagnostic, collect, warn
from newsdoc.errors import NewsdocError, UsageError
from newsdoc.formats import Format, available_formats, format_for_path, get_format
from newsdoc.options import Options, option_specs

from .engines import run_dask, run_here, run_pool
from .job import ArticleResult, Job, OutputResult, Settings, Target, run_job
from .manifest import Entry, Manifest
from .plan import (
    STDOUT,
    Destination,
    Planned,
    Resolver,
    Source,
    destination,
    find_sources,
    is_pattern,
    targets,
)

__all__ = [
    "STDOUT",
    "ArticleResult",
    "OutputResult",
    "ConvertSettings",
    "Run",
    "convert",
    "convert_many",
    "output_formats",
    "iter_convert",
    "prepare",
    "run_job",
]

Engine = Literal["local", "dask"]
#: Below this many inputs of cheap formats, a run without ``jobs`` stays in one process.
_WORTH_A_POOL = 200


@attrs.define
class Run:
    """A planned conversion: its inputs, outputs and settings, ready to :meth:`execute`;
    ``warnings`` are what planning left out (links out of a folder)."""

    sources: list[Source]
    formats: list[Format]
    destination: Destination
    settings: Settings
    plans: list[list[Planned]]
    stdin: bytes | None = None
    warnings: list[Diagnostic] = attrs.Factory(list)

    @property
    def total(self) -> int:
        """How many inputs the run converts."""
        return len(self.sources)

    def jobs(self) -> Iterator[Job]:
        """One :class:`~newsdoc.conversion.job.Job` per input, with its manifest records."""
        manifests: dict[Path, Manifest] = {}
        for source, planned in zip(self.sources, self.plans, strict=True):
            found = []
            for output in planned:
                entries: tuple[Entry, ...] = ()
                if output.path is not None:
                    folder = Path(output.path).parent
                    manifest = manifests.get(folder)
                    if manifest is None:
                        manifest = manifests[folder] = Manifest(folder)
                        manifest.compact()
                        clean_stale_temporaries(folder)
                    entries = manifest.for_target(Path(output.path).name)
                found.append(
                    Target(
                        format=output.format.name,
                        path=output.path,
                        entries=entries,
                        refusal=output.refusal,
                        root=self.destination.path if self.destination.mode == "folder" else None,
                    )
                )
            data = self.stdin if source.kind == "stdin" else None
            yield Job(source=source, targets=tuple(found), settings=self.settings, data=data)

    def execute(
        self,
        *,
        jobs: int | None = None,
        engine: Engine = "local",
        scheduler: str | Any | None = None,
        stdout: Any = None,
    ) -> Iterator[ArticleResult]:
        """Run the conversion, yielding each input's result as soon as it is done."""
        names = tuple(fmt.name for fmt in self.formats)
        if engine == "dask":
            yield from run_dask(self.jobs(), names, scheduler)
            return
        if engine != "local":
            raise UsageError(f"unknown engine {engine!r}; use 'local' or 'dask'")
        if jobs is not None and jobs < 1:
            raise UsageError(f"jobs must be at least 1, not {jobs}")
        names_set = set(names)
        slow = {"pdf", "epub"} & names_set  # seconds an article: worth a process each
        workers = jobs if jobs is not None else (os.cpu_count() or 1)
        if jobs is None and not slow and self.total < _WORTH_A_POOL:
            workers = 1  # starting a pool costs more than converting a few cheap articles
        if workers <= 1 or self.total <= 1 or self.destination.mode == "stdout":
            yield from run_here(self.jobs(), stdout)
            return
        workers = min(workers, self.total)
        chunk = 1 if slow else max(1, min(16, self.total // (workers * 8)))
        yield from run_pool(self.jobs(), names, workers, chunk=chunk)


def output_formats(
    to: str | Format | Iterable[str | Format] | None, out: str | None
) -> list[Format]:
    """The formats to write: those named in ``to`` (``"all"``, or names and aliases, comma-
    separated), else the one the extension of the output file ``out`` names."""
    if to is None:
        if out in (None, STDOUT) or out.endswith(("/", os.sep)) or Path(out).is_dir():
            raise UsageError("name the output format (--to), or an output file with its extension")
        try:
            return [format_for_path(out)]
        except NewsdocError:
            pass
        try:  # an extension that is a format's short name: page.xml is NewsML-G2
            return [get_format(Path(out).suffix.lstrip("."), reading=False)]
        except NewsdocError:
            raise UsageError(
                f"the extension of {out} names no format newsdoc writes; add --to FORMAT"
            ) from None
    items: Iterable[str | Format] = [to] if isinstance(to, str | Format) else to
    found: list[Format] = []
    for item in items:
        if isinstance(item, Format):
            names = [item]
        elif item.strip().lower() == "all":
            names = [f for f in available_formats() if f.writable]
        else:
            names = [get_format(part, reading=False) for part in item.split(",") if part.strip()]
        found.extend(f for f in names if f not in found)
    if not found:
        raise UsageError("name at least one output format")
    return found


def _split_options(
    formats: Sequence[Format],
    reader: Format | None,
    options: Mapping[str, Any],
    describe: Callable[[str], str],
) -> tuple[tuple[tuple[str, Options], ...], tuple[tuple[str, Any], ...]]:
    """Give each writer the options it has; keep reading options; refuse the rest."""
    given = {k: v for k, v in options.items() if v is not None and v != ()}
    instances = {k: v for k, v in given.items() if isinstance(v, Options)}
    values = {k: v for k, v in given.items() if k not in instances}
    readers = [reader] if reader is not None else [f for f in available_formats() if f.readable]
    reading: dict[str, Any] = {}
    for name, value in values.items():
        writers = [f.name for f in formats if name in f.option_names]
        readable = [
            f.name
            for f in readers
            if any(s.name == name and s.side == "read" for s in option_specs(f.options_class))
        ]
        if readable and not writers:
            reading[name] = value
        elif not writers:
            owners = [f.name for f in available_formats() if name in f.option_names]
            asked = ", ".join(f.name for f in formats)
            where = f"applies to {', '.join(owners)}" if owners else "is no option of any format"
            raise UsageError(f"{describe(name)} {where}, not to {asked}")
    writers_options = []
    for fmt in formats:
        if fmt.name in instances:
            writers_options.append((fmt.name, fmt.make_options(instances[fmt.name])))
            continue
        mine = {k: v for k, v in values.items() if k in fmt.option_names}
        writers_options.append((fmt.name, fmt.make_options(mine)))
    unknown = [k for k in instances if k not in {f.name for f in formats}]
    if unknown:
        raise UsageError(f"options for {unknown[0]}, which is not among the formats asked for")
    return tuple(writers_options), tuple(sorted(reading.items()))


def _expands(given: str) -> bool:
    """Whether an argument may stand for several inputs (a folder or a glob pattern)."""
    path = Path(given)
    return path.is_dir() or (is_pattern(given) and not path.exists())


def _check_url(url: str, fetch: bool) -> None:
    from urllib.parse import urlsplit

    if not fetch:
        raise UsageError(f"{url} is a URL: newsdoc downloads nothing unless you pass --fetch")
    try:
        parts = urlsplit(url)
        valid = bool(parts.hostname) and not any(c.isspace() for c in url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        valid = False
    if not valid:
        raise UsageError(f"{url!r} is not a valid http(s) URL")


def _protected(sources: Sequence[Source], writers: Sequence[tuple[str, Options]]) -> frozenset[str]:
    """The resolved paths of every file a run reads: its inputs, style sheets and templates."""
    resolve = Resolver()
    found = {resolve(s.location) for s in sources if s.kind == "file"}
    for _, options in writers:
        for spec in option_specs(type(options)):
            value = getattr(options, spec.name)
            if spec.kind == "file" and isinstance(value, str) and os.path.isfile(value):
                found.add(os.path.realpath(value))
            elif spec.kind == "dir" and isinstance(value, str) and os.path.isdir(value):
                found.update(os.path.realpath(p) for p in Path(value).rglob("*"))
    return frozenset(found)


def prepare(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    to: str | Format | Iterable[str | Format] | None = None,
    out: str | os.PathLike[str] | None = None,
    *,
    reader: str | Format | None = None,
    options: Mapping[str, Any] | None = None,
    quotes: bool = False,
    strict: bool = False,
    force: bool = False,
    fetch: bool = False,
    follow_links: bool = False,
    stdin: bytes | None = None,
    describe_option: Callable[[str], str] = lambda name: f"option {name!r}",
) -> Run:
    """Plan a conversion (see the module docstring); nothing is read or written yet.

    ``options`` maps option names to values (each format takes those it has; one that no
    requested format has is a :class:`~newsdoc.errors.UsageError`), or a format's name to an
    instance of its options class. ``stdin`` is the data of a ``-`` input. ``follow_links``
    reads the files that symbolic links inside a folder or pattern lead to outside it
    (otherwise skipped, with a warning on :attr:`Run.warnings`).
    """
    given = [inputs] if isinstance(inputs, str | os.PathLike) else list(inputs)
    out_text = os.fspath(out) if out is not None else None
    formats = output_formats(to, out_text)
    read_format = None
    if reader is not None:
        read_format = reader if isinstance(reader, Format) else get_format(reader, reading=True)
    if any(os.fspath(g) in (STDOUT, "/dev/stdin") for g in given) and stdin is None:
        raise UsageError("standard input (-) was named but no data was given for it")
    skip = [out_text] if out_text not in (None, STDOUT) else []
    with collect() as planning:
        sources = list(
            find_sources(
                given,
                reader=read_format.name if read_format else None,
                skip=skip,
                follow_links=follow_links,
            )
        )
    if not sources:
        raise UsageError("no input files found (folders are searched for files newsdoc reads)")
    for source in sources:
        if source.kind == "url":
            _check_url(source.location, fetch)
    many = any(_expands(os.fspath(g)) for g in given)
    dest = destination(out_text, sources, formats, many=many)
    writers, reading = _split_options(formats, read_format, options or {}, describe_option)
    settings = Settings(
        writers=writers,
        reader=read_format.name if read_format else None,
        reader_values=reading,
        quotes=quotes,
        strict=strict,
        force=force,
        fetch=fetch,
        protected=_protected(sources, writers),
    )
    plans = targets(sources, formats, dest)
    return Run(sources, formats, dest, settings, plans, stdin, list(planning))


class ConvertSettings(TypedDict, total=False):
    """What :func:`convert`, :func:`iter_convert` and :func:`convert_many` take besides the
    inputs, formats and destination (the command line's flags of the same names).

    ``jobs``: worker processes (all cores by default); ``engine``/``scheduler``: ``"dask"``
    and its scheduler's address or ``Client``; ``reader``: the input format when neither names
    nor contents tell it; ``options``: format options by name (``{"layout": "newspaper"}``;
    each format takes those it has, one that none has is a
    :class:`~newsdoc.errors.UsageError`) or a format's name to an instance of its options
    class; ``quotes``: the quote pass (:mod:`newsdoc.quotes`); ``strict``: outputs that carry
    warnings fail; ``force``: rewrite outputs that are up to date or that newsdoc did not
    write (never a file the run reads); ``fetch``: let URL inputs be downloaded;
    ``follow_links``: read the files that links inside a folder or pattern lead to outside it
    (otherwise left out, with a warning).
    """

    jobs: int | None
    engine: Engine
    scheduler: str | Any | None
    reader: str | Format | None
    options: Mapping[str, Any] | None
    quotes: bool
    strict: bool
    force: bool
    fetch: bool
    follow_links: bool


def iter_convert(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    to: str | Format | Iterable[str | Format] | None = None,
    out: str | os.PathLike[str] | None = None,
    **settings: Unpack[ConvertSettings],
) -> Iterator[ArticleResult]:
    """Convert every input, yielding each :class:`ArticleResult` as soon as it is done.

    The arguments are those of :func:`convert`.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> for result in iter_convert(["examples/article.json"], ["ninjs"], out + "/", jobs=1):
    ...     print(result.source, [o.status for o in result.outputs])
    examples/article.json ['written']
    """
    unknown = sorted(set(settings) - set(ConvertSettings.__annotations__))
    if unknown:
        known = ", ".join(ConvertSettings.__annotations__)
        raise UsageError(f"convert() takes no setting {unknown[0]!r}; its settings: {known}")
    run = prepare(
        inputs,
        to,
        out,
        reader=settings.get("reader"),
        options=settings.get("options"),
        quotes=settings.get("quotes", False),
        strict=settings.get("strict", False),
        force=settings.get("force", False),
        fetch=settings.get("fetch", False),
        follow_links=settings.get("follow_links", False),
    )
    for diagnostic in run.warnings:  # collected by the caller, else Python warnings
        warn(diagnostic.message, code=diagnostic.code, where=diagnostic.where)
    yield from run.execute(
        jobs=settings.get("jobs"),
        engine=settings.get("engine", "local"),
        scheduler=settings.get("scheduler"),
    )


def convert(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    to: str | Format | Iterable[str | Format] | None = None,
    out: str | os.PathLike[str] | None = None,
    **settings: Unpack[ConvertSettings],
) -> list[ArticleResult]:
    """Convert articles to formats, the way ``newsdoc convert`` does; one result per input.

    ``inputs`` are files, folders, glob patterns and (with ``fetch``) URLs; ``to`` the output
    formats (names, a comma-separated string, or ``"all"``; else the extension of ``out``);
    ``out`` a file, a folder (``out/`` or an existing one), or ``None`` for beside each input.
    The other settings are :class:`ConvertSettings`.

    >>> import tempfile, newsdoc
    >>> folder = tempfile.mkdtemp()
    >>> [result] = newsdoc.convert("examples/article.json", out=f"{folder}/train.html")
    >>> result.outputs[0].status, result.outputs[0].target.endswith("train.html")
    ('written', True)
    """
    return list(iter_convert(inputs, to, out, **settings))


def convert_many(
    inputs: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    formats: str | Format | Iterable[str | Format],
    out_dir: str | os.PathLike[str],
    **settings: Unpack[ConvertSettings],
) -> list[ArticleResult]:
    """Convert many articles into the folder ``out_dir``; one result per input.

    :func:`convert` with ``out`` always a folder, for archives.

    >>> results = convert_many(["examples/article.json"], ["json"], "/tmp/newsdoc-doctest",
    ...                        jobs=1, force=True)
    >>> [(r.source, [o.status for o in r.outputs]) for r in results]
    [('examples/article.json', ['written'])]
    """
    folder = os.fspath(out_dir)
    if not folder.endswith(("/", os.sep)):
        folder += os.sep
    return convert(inputs, formats, folder, **settings)
