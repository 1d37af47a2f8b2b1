"""The long fuzzing run: ``bash scripts/fuzz [seconds]`` (or ``python -m tests.fuzzing``).

Each reader gets its share of the time (or ``--inputs`` inputs), spread over ``--workers``
processes. Every input is mutated from a seed (:mod:`tests.fuzzing`), read, and written in
every format when accepted (EPUB for 2 % of them, PDF for 0.2 %). The run prints, per reader,
how many inputs it tried, accepted and refused, the bugs found (an exception that is not
newsdoc's, an InternalError, a document changed by newsdoc JSON) grouped by where they were
raised, and the inputs that took longer than ``--slow`` seconds. One input of each group is
saved under ``--out``. The exit status is 1 when anything was found.
"""

from __future__ import annotations

import argparse
import hashlib
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.fuzzing import READERS, SLOW_WRITERS, WRITERS, Found, check, mutate, seeds


class _Slow(BaseException):
    """Raised by the alarm; a BaseException, so newsdoc's boundary lets it through."""


def _alarm(signum: int, frame: Any) -> None:
    raise _Slow


def _worker(job: tuple[str, int, float, int, float, str]) -> dict[str, Any]:
    reader, count, seconds, seed, slow, out = job
    rng = random.Random(seed)
    seeds(reader)  # made before the clock starts
    signal.signal(signal.SIGALRM, _alarm)
    stats: dict[str, Any] = {"inputs": 0, "accepted": 0, "refused": 0, "slow": 0, "found": {}}
    started = time.monotonic()
    while stats["inputs"] < count and time.monotonic() - started < seconds:
        data = b""
        try:
            data = mutate(reader, rng)
        except Exception as exc:  # the mutator's own trouble: say so, and go on
            stats.setdefault("mutator", {}).setdefault(type(exc).__name__, 0)
            stats["mutator"][type(exc).__name__] += 1
            continue
        try:
            writers = WRITERS
            roll = rng.random()
            if roll < 0.002:
                writers = (*WRITERS, *SLOW_WRITERS)
            elif roll < 0.02:
                writers = (*WRITERS, "epub")
            signal.setitimer(signal.ITIMER_REAL, slow)
            try:
                accepted = check(reader, data, writers)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            stats["accepted" if accepted else "refused"] += 1
        except _Slow:
            stats["slow"] += 1
            _save(out, reader, "slow", data)
        except Found as found:
            key = f"{found.stage} | {type(found.exc).__name__} | {found.site()}"
            entry = stats["found"].setdefault(key, {"count": 0, "example": str(found)[:300]})
            entry["count"] += 1
            if entry["count"] == 1:
                entry["file"] = _save(out, reader, "found", data)
        stats["inputs"] += 1
    return stats


def _save(out: str, reader: str, kind: str, data: bytes) -> str:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{reader}-{kind}-{hashlib.sha1(data).hexdigest()[:12]}.bin"
    (folder / name).write_bytes(data)
    return str(folder / name)


def run(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scripts/fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("seconds", nargs="?", type=float, default=300.0, help="total time")
    parser.add_argument("--inputs", type=int, default=0, help="stop each reader after N inputs")
    parser.add_argument("--readers", default=",".join(READERS))
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--slow", type=float, default=10.0, help="seconds before 'slow'")
    parser.add_argument("--out", default=str(Path(tempfile.gettempdir()) / "newsdoc-fuzz"))
    args = parser.parse_args(argv)
    readers = [r.strip() for r in args.readers.split(",") if r.strip()]
    share = args.seconds / len(readers) if not args.inputs else float("inf")
    count = args.inputs or 10**12
    print(
        f"fuzzing {', '.join(readers)}: "
        + (f"{args.inputs} inputs each" if args.inputs else f"{share:.0f} s each")
        + f", {args.workers} workers, seed {args.seed}; findings in {args.out}",
        flush=True,
    )
    totals: dict[str, dict[str, Any]] = {}
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers, maxtasksperchild=1) as pool:
        for reader in readers:
            each = -(-count // args.workers)
            jobs = [
                (reader, each, share, args.seed * 1000 + n, args.slow, args.out)
                for n in range(args.workers)
            ]
            started = time.monotonic()
            results = pool.map(_worker, jobs)
            elapsed = time.monotonic() - started
            total: dict[str, Any] = {"inputs": 0, "accepted": 0, "refused": 0, "slow": 0}
            found: dict[str, Any] = {}
            for result in results:
                for key in total:
                    total[key] += result[key]
                for key, entry in result["found"].items():
                    into = found.setdefault(key, {**entry, "count": 0})
                    into["count"] += entry["count"]
            total["found"] = found
            total["seconds"] = elapsed
            totals[reader] = total
            bugs = sum(e["count"] for e in found.values())
            print(
                f"{reader:<9} {total['inputs']:>8} inputs  {total['accepted']:>7} accepted  "
                f"{total['refused']:>7} refused  {bugs:>4} foreign/internal  "
                f"{total['slow']:>3} slow  ({total['inputs'] / max(elapsed, 1e-9):.0f}/s)",
                flush=True,
            )
            for key, entry in sorted(found.items(), key=lambda kv: -kv[1]["count"]):
                print(f"    {entry['count']:>6}  {key}\n            {entry['example']}")
                print(f"            saved: {entry.get('file', '-')}")
    inputs = sum(t["inputs"] for t in totals.values())
    bugs = sum(e["count"] for t in totals.values() for e in t["found"].values())
    slow = sum(t["slow"] for t in totals.values())
    print(f"total     {inputs:>8} inputs, {bugs} foreign or internal errors, {slow} slow")
    return 1 if bugs or slow else 0


if __name__ == "__main__":
    sys.exit(run())
