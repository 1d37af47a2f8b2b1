"""A short, fixed fuzzing budget in every test run: mutated inputs for each reader.

Each example is a seed of the reader's format mutated by :func:`tests.fuzzing.mutate` with
a random generator seeded by a number Hypothesis draws (a failure names it, and replays), read
with the reader, and,
when accepted, written with every writer. Only newsdoc's own errors may come out, never an
:class:`~newsdoc.errors.InternalError`; an accepted document must survive newsdoc JSON.
The long run is ``bash scripts/fuzz [seconds]``.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzzing import READERS, check, mutate, seeds

# Examples per reader: about 45 seconds in all on one core (the PDF seed takes a few more).
BUDGET = {
    "json": 800,
    "ninjs": 500,
    "newsml": 400,
    "nitf": 300,
    "markdown": 300,
    "pdf": 200,
    "webpage": 150,
    "atom": 150,
    "rss": 150,
    "jsonfeed": 300,
    "docx": 100,
}


@pytest.mark.parametrize("reader", READERS)
def test_mutated_inputs_give_only_newsdoc_errors(reader: str) -> None:
    seeds(reader)  # made once, outside the examples

    @settings(
        max_examples=BUDGET[reader],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.integers(0, 2**64))
    def run(seed: int) -> None:
        check(reader, mutate(reader, random.Random(seed)))

    run()


def test_the_seeds_are_read_and_written_cleanly() -> None:
    """The unmutated seeds are accepted: the mutations start from valid inputs."""
    for reader in READERS:
        for data in seeds(reader):
            assert check(reader, data, ("json", "newsml", "ninjs", "html")) is True


def test_a_foreign_exception_is_reported() -> None:
    """The check itself can fail: an exception that is not newsdoc's is a finding."""
    from tests import fuzzing

    original = fuzzing._write

    def broken(document: object, writer: str) -> None:
        raise KeyError("a bug")

    fuzzing._write = broken  # type: ignore[assignment]
    try:
        with pytest.raises(fuzzing.Found, match="write json: KeyError"):
            check("json", seeds("json")[0], ("json",))
    finally:
        fuzzing._write = original


def test_encodings_and_attribute_floods_are_among_the_mutations() -> None:
    """Re-encoded XML is read (or refused) as the UTF-8 it came from; a flood of attributes
    is refused with newsdoc's error, never a parser's minutes."""
    from tests.fuzz_markup import attribute_flood, encoding_mutation

    rng = random.Random(29)
    for reader in ("newsml", "nitf", "atom", "rss"):
        seed = seeds(reader)[0]
        outcomes = {check(reader, encoding_mutation(seed, rng), ("json",)) for _ in range(8)}
        assert True in outcomes  # most re-encoded seeds read
        floods = [attribute_flood(seed, rng) for _ in range(12)]
        refused = [check(reader, flood, ("json",)) is False for flood in floods]
        assert any(refused)
