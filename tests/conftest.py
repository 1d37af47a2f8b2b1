"""Shared test set-up: paths, the reference data in ../shared, and the CI rule on skips.

Under ``CI=true`` a skipped test fails the run: CI must really run every validator, so a
missing tool is a broken install step, not a reason to pass.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

import newsdoc as nd

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
_SKIPPED: list[str] = []


def shared_dir() -> Path | None:
    """The reference data folder: $NEWSDOC_SHARED, else ../shared beside the project."""
    given = os.environ.get("NEWSDOC_SHARED")
    path = Path(given) if given else ROOT.parent / "shared"
    return path if path.is_dir() else None


@pytest.fixture
def shared() -> Path:
    """The ../shared reference data; the test is skipped (with the reason) where it is absent."""
    path = shared_dir()
    if path is None:
        pytest.skip("reference data not found: set NEWSDOC_SHARED or put shared/ beside the repo")
    return path


@pytest.fixture(scope="session")
def article() -> nd.Article:
    """The example article, ``examples/article.json``."""
    loaded = nd.load(EXAMPLES / "article.json")
    assert isinstance(loaded, nd.Article)
    return loaded


@pytest.fixture(scope="session")
def collection() -> nd.Collection:
    """The example collection, ``examples/collection.json``."""
    loaded = nd.load(EXAMPLES / "collection.json")
    assert isinstance(loaded, nd.Collection)
    return loaded


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The PDFs of tests/pdfs.py, each rendered once per test process when first used."""
    os.chdir(ROOT)  # the jobs name their images relative to the project's root
    from tests.pdfs import Rendered

    return Rendered(tmp_path_factory.mktemp("pdfs"))


@pytest.fixture(autouse=True)
def _run_from_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests and doctests use paths relative to the project's root."""
    monkeypatch.chdir(ROOT)


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


# Hypothesis explores new examples on every local run; in CI it runs the same examples every
# time, so that a run's verdict depends on the change, not on the draw.
settings.register_profile("ci", derandomize=True, database=None)
if _in_ci():
    settings.load_profile("ci")


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and not hasattr(report, "wasxfail") and _in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        _SKIPPED.append(f"{report.nodeid}: {reason}")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if _SKIPPED and exitstatus == 0:
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _SKIPPED:
        terminalreporter.section("skips are failures under CI=true")
        for line in _SKIPPED:
            terminalreporter.write_line(line)
