"""Converting many articles at once: folders and globs, on all cores or on a Dask cluster.

- :func:`convert_many` converts every input to every format and returns one
  :class:`ArticleResult` per input; :func:`iter_convert` yields them as they finish.
- Inputs are paths, folders (searched recursively for readable files) and glob patterns; they
  are streamed, never all read first, and only a bounded number of articles is in flight, so
  memory stays flat however large the archive.
- One bad article never stops the rest: its error is recorded and the run goes on.
- Outputs keep each input's place below its folder. An output newer than its input is skipped
  unless ``force`` is set, so a run that was interrupted resumes where it stopped. Outputs are
  written atomically; temporary files a killed run left behind are cleaned up.
- ``engine="local"`` runs a process pool (``jobs`` workers, all cores by default; one job runs
  in this process); ``engine="dask"`` sends the same work to a ``dask.distributed`` scheduler,
  whose workers must see the same paths (``pip install newsdoc[dask]``).
"""

from __future__ import annotations

import glob
import importlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import attrs

from newsdoc._files import write_atomic
from newsdoc.errors import InvalidDocumentError, NewsdocError, UnknownFormatError
from newsdoc.formats import Format, format_for_path, get_format

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = [
    "ArticleResult",
    "writer_options",
    "Job",
    "OutputResult",
    "convert_many",
    "find_inputs",
    "iter_convert",
]

Status = Literal["written", "skipped", "failed"]
_GLOB_CHARS = frozenset("*?[")


@attrs.frozen(kw_only=True)
class Job:
    """One input to convert: its path, its path below the input folder, and what to do.

    >>> from newsdoc.formats import get_format
    >>> job = Job(source="archive/2026/05/train.json", relative="2026/05/train.json",
    ...           formats=("html",), out_dir="converted")
    >>> str(job.target(get_format("html")))
    'converted/2026/05/train.html'
    """

    source: str
    relative: str
    formats: tuple[str, ...]
    out_dir: str
    reader: str | None = None
    force: bool = False
    options: tuple[tuple[str, Any], ...] = ()
    quotes: bool = False
    clash: str | None = None

    def writer_options(self, fmt: Format) -> dict[str, Any]:
        """The options for ``fmt``'s writer, with this input's folder as ``base_dir``."""
        return writer_options(fmt, dict(self.options), Path(self.source).parent)

    def target(self, fmt: Format) -> Path:
        """Where this input's output in ``fmt`` goes."""
        relative = Path(self.relative)
        stem = relative.name.split(".", 1)[0] or relative.name
        return Path(self.out_dir) / relative.parent / (stem + fmt.extension)


@attrs.frozen(kw_only=True)
class OutputResult:
    """What happened to one output: ``written``, ``skipped`` (up to date) or ``failed``.

    >>> result = OutputResult(format="html", target="out/a.html", status="written")
    >>> result.status, result.error
    ('written', None)
    """

    format: str
    target: str
    status: Status
    error: str | None = None


@attrs.frozen(kw_only=True)
class ArticleResult:
    """What happened to one input: an error reading it, or one result per output format.

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

    @property
    def ok(self) -> bool:
        """Whether the input was read and every output written or up to date."""
        return self.error is None and all(o.status != "failed" for o in self.outputs)

    def report_lines(self) -> list[dict[str, Any]]:
        """The result as JSON-ready records, one per output (or one for a read error)."""
        if self.error is not None:
            return [
                {
                    "source": self.source,
                    "format": None,
                    "target": None,
                    "status": "failed",
                    "error": self.error,
                }
            ]
        return [
            {
                "source": self.source,
                "format": o.format,
                "target": o.target,
                "status": o.status,
                "error": o.error,
            }
            for o in self.outputs
        ]


def writer_options(fmt: Format, options: dict[str, Any], folder: Path) -> dict[str, Any]:
    """The options ``fmt``'s writer takes, for an input in ``folder``.

    Relative image paths resolve against ``folder``; images may come from it and from any
    ``allowed_dirs`` the caller named.

    >>> from pathlib import Path
    >>> from newsdoc.formats import get_format
    >>> writer_options(get_format("pdf"), {"layout": "newspaper", "indent": False}, Path("news"))
    {'layout': 'newspaper', 'base_dir': 'news'}
    """
    names = set(fmt.option_names)
    given = {k: v for k, v in options.items() if k in names and v is not None}
    if "base_dir" in names:
        given.setdefault("base_dir", str(folder))
    return given


def _is_pattern(text: str) -> bool:
    return any(char in _GLOB_CHARS for char in text)


def find_inputs(
    inputs: Iterable[str | os.PathLike[str]], *, reader: str | None = None
) -> Iterator[tuple[str, str]]:
    """Yield ``(path, path below its folder)`` for every file the inputs name, lazily.

    A file stands for itself; a folder for every file in it that newsdoc can read (or every
    file, when ``reader`` names the format); a glob pattern (``archive/**/*.json``) for the
    files it matches, placed below the pattern's fixed leading folders.

    >>> list(find_inputs(["examples/"]))[:2]
    [('examples/article.json', 'article.json'), ('examples/article.md', 'article.md')]
    >>> list(find_inputs(["examples/*.json"]))
    [('examples/article.json', 'article.json'), ('examples/collection.json', 'collection.json')]
    """
    for given in inputs:
        text = os.fspath(given)
        path = Path(text)
        if path.is_dir():
            for folder, subfolders, files in os.walk(path):
                subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    found = Path(folder) / name
                    if reader is None and not _readable(found):
                        continue
                    yield str(found), str(found.relative_to(path))
        elif _is_pattern(text) and not path.exists():
            base = _fixed_prefix(text)
            for match in sorted(glob.iglob(text, recursive=True)):
                if Path(match).is_file():
                    yield match, os.path.relpath(match, base)
        else:
            yield text, path.name


def _fixed_prefix(pattern: str) -> str:
    parts = Path(pattern).parts
    fixed: list[str] = []
    for part in parts[:-1]:
        if _is_pattern(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


def _readable(path: Path) -> bool:
    try:
        format_for_path(path, readable=True)
    except UnknownFormatError:
        return False
    return True


def _up_to_date(target: Path, source_mtime: float) -> bool:
    try:
        return target.stat().st_mtime >= source_mtime
    except FileNotFoundError:
        return False


def _clean_stale_temporaries(target: Path) -> None:
    """Remove temporary files an interrupted run left beside ``target``."""
    for stale in target.parent.glob(f".{glob.escape(target.name)}.*.part"):
        stale.unlink(missing_ok=True)


def with_quotes(document: Any) -> Any:
    """The document with the quotes found inside its English paragraphs added as quotes."""
    from newsdoc.model import Article, Collection
    from newsdoc.quotes import attribute_quotes

    if isinstance(document, Article):
        return attribute_quotes(document)
    if isinstance(document, Collection):
        articles: Any = tuple(attribute_quotes(a) for a in document.articles)
        return attrs.evolve(document, articles=articles)
    return document


def run_job(job: Job) -> ArticleResult:
    """Convert one input to each of its formats. Never raises for a bad article."""
    from newsdoc.api import load

    started = time.perf_counter()
    if job.clash is not None:
        return _finish(
            job,
            started,
            error=f"its outputs would overwrite those of {job.clash}; rename one of the two",
        )
    formats = [get_format(name) for name in job.formats]
    try:
        source_mtime = os.stat(job.source).st_mtime
    except OSError as exc:
        return ArticleResult(
            source=job.source, error=f"cannot read it: {exc.strerror}", invalid=True
        )
    pending = [
        fmt for fmt in formats if job.force or not _up_to_date(job.target(fmt), source_mtime)
    ]
    outputs = {
        fmt.name: OutputResult(format=fmt.name, target=str(job.target(fmt)), status="skipped")
        for fmt in formats
        if fmt not in pending
    }
    if pending:
        try:
            document = load(job.source, job.reader)
            if job.quotes:
                document = with_quotes(document)
        except InvalidDocumentError as exc:
            count = len(exc.problems)
            lines = "".join(f"\n  {p}" for p in exc.problems)
            noun = "problem" if count == 1 else "problems"
            error = f"not a valid newsdoc document ({count} {noun}):{lines}"
            return _finish(job, started, error=error, invalid=True)
        except NewsdocError as exc:
            return _finish(job, started, error=str(exc))
        except Exception as exc:  # a reader bug must not stop the batch; report it
            return _finish(job, started, error=f"{type(exc).__name__}: {exc}")
        for fmt in pending:
            target = job.target(fmt)
            try:
                data = fmt.writer(document, **job.writer_options(fmt))
                target.parent.mkdir(parents=True, exist_ok=True)
                _clean_stale_temporaries(target)
                write_atomic(target, data)
            except Exception as exc:  # one format failing does not stop the others
                message = str(exc) if isinstance(exc, NewsdocError | OSError) else repr(exc)
                result = OutputResult(
                    format=fmt.name, target=str(target), status="failed", error=message
                )
            else:
                result = OutputResult(format=fmt.name, target=str(target), status="written")
            outputs[fmt.name] = result
    ordered = tuple(outputs[fmt.name] for fmt in formats)
    return ArticleResult(source=job.source, outputs=ordered, seconds=time.perf_counter() - started)


def _finish(job: Job, started: float, *, error: str, invalid: bool = False) -> ArticleResult:
    elapsed = time.perf_counter() - started
    return ArticleResult(source=job.source, error=error, invalid=invalid, seconds=elapsed)


def _warm_up(formats: tuple[str, ...]) -> None:
    """Worker initialiser: import each format's module (and its set-up) once per worker."""
    for name in formats:
        module = importlib.import_module(get_format(name).module)
        warm = getattr(module, "warm_up", None)
        if callable(warm):
            warm()


def iter_convert(
    inputs: Iterable[str | os.PathLike[str]],
    formats: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    force: bool = False,
    reader: str | None = None,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | Any | None = None,
    options: dict[str, Any] | None = None,
    quotes: bool = False,
) -> Iterator[ArticleResult]:
    """Convert every input, yielding each :class:`ArticleResult` as soon as it is done.

    See :func:`convert_many` for the arguments.

    >>> import tempfile
    >>> out = tempfile.mkdtemp()
    >>> for result in iter_convert(["examples/article.json"], ["ninjs"], out, jobs=1):
    ...     print(result.source, [o.status for o in result.outputs])
    examples/article.json ['written']
    """
    names = tuple(get_format(name).name for name in formats)
    if reader is not None:
        reader = get_format(reader).name
    settings = tuple(sorted((options or {}).items()))

    def job_stream() -> Iterator[Job]:
        # Inputs whose outputs would have the same names (a.json and a.md in one folder):
        # the first is converted, the others are reported.
        first_by_stem: dict[str, str] = {}
        for source, relative in find_inputs(inputs, reader=reader):
            stem = str(Path(relative).parent / Path(relative).name.split(".", 1)[0])
            clash = first_by_stem.setdefault(stem, source)
            yield Job(
                source=source,
                relative=relative,
                formats=names,
                out_dir=os.fspath(out_dir),
                reader=reader,
                force=force,
                options=settings,
                quotes=quotes,
                clash=None if clash == source else clash,
            )

    if engine == "dask":
        yield from _run_dask(job_stream(), names, scheduler)
        return
    if engine != "local":
        raise ValueError(f"unknown engine {engine!r}; use 'local' or 'dask'")
    workers = jobs if jobs is not None else (os.cpu_count() or 1)
    if workers <= 1:
        for job in job_stream():
            yield run_job(job)
        return
    yield from _run_pool(job_stream(), names, workers)


def _bounded(
    submit: Callable[[Job], Future[ArticleResult]], jobs: Iterator[Job], limit: int
) -> Iterator[ArticleResult]:
    """Keep at most ``limit`` jobs in flight; yield results as they complete."""
    from concurrent.futures import FIRST_COMPLETED, wait

    in_flight: set[Future[ArticleResult]] = set()
    for job in jobs:
        in_flight.add(submit(job))
        if len(in_flight) >= limit:
            done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                yield future.result()
    while in_flight:
        done, in_flight = wait(in_flight, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()


def _run_pool(jobs: Iterator[Job], names: tuple[str, ...], workers: int) -> Iterator[ArticleResult]:
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up, initargs=(names,)) as pool:
        yield from _bounded(lambda job: pool.submit(run_job, job), jobs, workers * 4)


def _run_dask(
    jobs: Iterator[Job], names: tuple[str, ...], scheduler: str | Any | None
) -> Iterator[ArticleResult]:
    try:
        distributed: Any = importlib.import_module("distributed")  # untyped: used as Any
    except ImportError as exc:
        raise NewsdocError(
            "the dask engine needs dask.distributed: pip install 'newsdoc[dask]'"
        ) from exc
    if scheduler is None:
        raise NewsdocError("the dask engine needs a scheduler address (--scheduler tcp://...)")
    own_client = not isinstance(scheduler, distributed.Client)
    client: Any = distributed.Client(scheduler) if own_client else scheduler
    try:
        client.run(_warm_up, names)
        limit = max(4, 4 * sum(client.nthreads().values()))
        pending = distributed.as_completed()
        count = 0
        for job in jobs:
            pending.add(client.submit(run_job, job, pure=False))
            count += 1
            if count >= limit:
                yield next(pending).result()
                count -= 1
        for future in pending:
            yield future.result()
    finally:
        if own_client:
            client.close()


def convert_many(
    inputs: Iterable[str | os.PathLike[str]],
    formats: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    force: bool = False,
    reader: str | None = None,
    engine: Literal["local", "dask"] = "local",
    scheduler: str | Any | None = None,
    options: dict[str, Any] | None = None,
    quotes: bool = False,
) -> list[ArticleResult]:
    """Convert many articles to many formats; return one result per input.

    ``inputs`` are files, folders and glob patterns; ``formats`` are format names;
    outputs go below ``out_dir`` in each input's relative place. ``jobs`` worker processes
    (all cores by default); ``force`` rewrites outputs that are up to date; ``reader`` names
    the input format when file names do not tell it. ``engine="dask"`` runs on the
    ``dask.distributed`` scheduler at ``scheduler`` (an address or a ``Client``).
    ``options`` are writer options (``{"layout": "newspaper", "bleed": "3mm"}``); each format
    gets those it accepts, and relative image paths resolve against each input's folder.
    ``quotes`` runs the quote-attribution pass (:mod:`newsdoc.quotes`) on every article read.

    >>> results = convert_many(["examples/article.json"], ["json"], "/tmp/newsdoc-doctest",
    ...                        jobs=1, force=True)
    >>> [(r.source, [o.status for o in r.outputs]) for r in results]
    [('examples/article.json', ['written'])]
    """
    return list(
        iter_convert(
            inputs,
            formats,
            out_dir,
            jobs=jobs,
            force=force,
            reader=reader,
            engine=engine,
            scheduler=scheduler,
            options=options,
            quotes=quotes,
        )
    )
