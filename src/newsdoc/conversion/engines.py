"""Where jobs run: here, on this machine's cores (a process pool), or on a Dask cluster.

Every engine takes a stream of :class:`~newsdoc.conversion.job.Job` values and yields each
:class:`~newsdoc.conversion.job.ArticleResult` as soon as it is done, keeping only a bounded
number of jobs in flight, so memory stays flat however large the archive. Workers read and
write the files themselves; only small jobs and results cross between processes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from newsdoc.errors import NewsdocError
from newsdoc.formats import get_format

from .job import ArticleResult, Job, Settings, Target, run_job
from .plan import Source

if TYPE_CHECKING:
    from concurrent.futures import Future

__all__ = ["run_dask", "run_here", "run_jobs", "run_lean", "run_pool", "warm_up"]

T = TypeVar("T")
R = TypeVar("R")


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the main process, which stops the run."""
    import signal
    import threading

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


#: The settings of the run this worker process serves, given once when the pool starts: they
#: hold every input's resolved path, so sent with each chunk they would grow with the archive.
_SETTINGS: Settings | None = None

#: A job without its settings: what a chunk carries to a worker (see :func:`run_lean`).
Lean = tuple[Source, tuple[Target, ...], bytes | None]


def _worker_start(formats: tuple[str, ...], settings: Settings | None = None) -> None:
    global _SETTINGS
    _SETTINGS = settings
    _ignore_interrupts()
    warm_up(formats)


def warm_up(formats: tuple[str, ...]) -> None:
    """Import each format's module (and its set-up) once per process; done before the pool
    forks, the workers start with it."""
    for name in formats:
        module = importlib.import_module(get_format(name).module)
        for entry in ("read", "write"):  # format packages import these on first use
            getattr(module, entry, None)
        warm = getattr(module, "warm_up", None)
        if callable(warm):
            warm()


def run_here(jobs: Iterator[Job], stdout: Any = None) -> Iterator[ArticleResult]:
    """Run the jobs one after the other in this process."""
    for job in jobs:
        yield run_job(job, stdout)


def _bounded(submit: Callable[[T], Future[R]], jobs: Iterator[T], limit: int) -> Iterator[R]:
    """Keep at most ``limit`` tasks in flight; yield their results as they complete."""
    from concurrent.futures import FIRST_COMPLETED, wait

    in_flight: set[Future[R]] = set()
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


def run_jobs(jobs: list[Job]) -> list[ArticleResult]:
    """Run a chunk of jobs in one worker (one round trip between processes for all of them)."""
    return [run_job(job) for job in jobs]


def run_lean(parts: list[Lean]) -> list[ArticleResult]:
    """Run a chunk of jobs sent without their settings, with those the worker was started
    with."""
    settings = _SETTINGS
    if settings is None:
        raise NewsdocError("a worker was sent jobs without the settings of their run")
    return [
        run_job(Job(source=source, targets=targets, settings=settings, data=data))
        for source, targets, data in parts
    ]


def _chunks(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    chunk: list[Job] = []
    for job in jobs:
        chunk.append(job)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_pool(
    jobs: Iterator[Job], formats: tuple[str, ...], workers: int, *, chunk: int = 1
) -> Iterator[ArticleResult]:
    """Run the jobs on a pool of ``workers`` processes, ``chunk`` jobs to a task: cheap formats
    go in chunks, so the pool's per-task cost does not drown their work. The run's settings
    go to each worker once, when it starts; a task carries only its inputs and targets."""
    import itertools
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    first = next(jobs, None)
    if first is None:
        return
    settings = first.settings
    jobs = itertools.chain([first], jobs)
    if multiprocessing.get_start_method() == "fork":
        warm_up(formats)  # the workers inherit it
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_worker_start, initargs=(formats, settings)
    )

    def submit(part: list[Job]) -> Future[list[ArticleResult]]:
        if all(job.settings is settings for job in part):
            return pool.submit(run_lean, [(job.source, job.targets, job.data) for job in part])
        return pool.submit(run_jobs, part)

    try:
        for results in _bounded(submit, _chunks(jobs, chunk), workers * 3):
            yield from results
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


def run_dask(
    jobs: Iterator[Job], formats: tuple[str, ...], scheduler: str | Any | None
) -> Iterator[ArticleResult]:
    """Run the jobs on the ``dask.distributed`` scheduler at ``scheduler`` (an address or a
    ``Client``); its workers must see the same paths."""
    try:
        distributed: Any = importlib.import_module("distributed")  # untyped: used as Any
    except ImportError:
        raise NewsdocError(
            "the dask engine needs dask.distributed: pip install 'newsdoc[dask]'"
        ) from None
    if scheduler is None:
        raise NewsdocError("the dask engine needs a scheduler address (--scheduler tcp://...)")
    own_client = not isinstance(scheduler, distributed.Client)
    try:
        client: Any = distributed.Client(scheduler, timeout="10s") if own_client else scheduler
    except OSError as exc:
        raise NewsdocError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        client.run(_worker_start, formats)
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
