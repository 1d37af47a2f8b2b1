"""Batch conversion: many articles, bad ones among them, interrupted runs, the Dask engine."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import attrs
import pytest

import newsdoc as nd
from newsdoc.conversion import convert_many
from newsdoc.conversion.plan import find_sources

CORRUPT = {17, 58, 99, 140, 181}
LANGUAGES = ["en", "hy", "ru", "el", "ar", "he"]


def make_archive(folder: Path, count: int = 200) -> list[Path]:
    """Write ``count`` articles (variations of the example) in dated folders; some corrupt."""
    example = nd.load("examples/article.json")
    assert isinstance(example, nd.Article)
    paths = []
    for number in range(count):
        path = folder / f"2026-05-{number % 28 + 1:02d}" / f"story-{number:03d}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        if number in CORRUPT:
            broken = {"newsdoc": 1, "id": f"urn:newsdoc:test:{number}", "headline": ""}
            text = json.dumps(broken) if number % 2 else '{"newsdoc": 1, "headline": "cut'
            path.write_text(text, encoding="utf-8")
        else:
            article = attrs.evolve(
                example,
                id=f"urn:newsdoc:test:{number}",
                headline=f"{example.headline} ({number})",
                language=LANGUAGES[number % len(LANGUAGES)],
                sections=example.sections[: number % 3 + 1],
                lead_image=None,
            )
            nd.dump(article, path)
        paths.append(path)
    return paths


def outputs(folder: Path) -> dict[str, bytes]:
    """The outputs below ``folder`` (not newsdoc's hidden manifests)."""
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in folder.rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }


def test_a_bad_article_never_stops_the_rest(tmp_path: Path) -> None:
    make_archive(tmp_path / "archive")
    results = convert_many([tmp_path / "archive"], ["json"], tmp_path / "out", jobs=2)
    assert len(results) == 200
    failed = [r for r in results if not r.ok]
    assert len(failed) == 5
    assert {Path(r.source).name for r in failed} == {f"story-{n:03d}.json" for n in CORRUPT}
    assert all(r.error and r.error.startswith(("not a valid", "not valid")) for r in failed)
    written = outputs(tmp_path / "out")
    assert len(written) == 195
    assert not any(name.endswith(".part") for name in written)
    # Outputs keep the input's relative place.
    assert "2026-05-01/story-000.json" in written
    assert nd.loads(written["2026-05-01/story-000.json"]).id == "urn:newsdoc:test:0"  # type: ignore[union-attr]


def test_cli_reports_failures_exit_1_and_json_lines(tmp_path: Path) -> None:
    make_archive(tmp_path / "archive")
    report = tmp_path / "report.jsonl"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsdoc",
            "convert",
            str(tmp_path / "archive"),
            "--to",
            "json",
            "--out",
            str(tmp_path / "out"),
            "--jobs",
            "2",
            "--report",
            str(report),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "error: 5 of 200 inputs failed:" in result.stderr
    assert "story-017.json: not valid JSON" in result.stderr or "story-017.json" in result.stderr
    assert "[200/200]" in result.stderr  # plain progress lines when not on a terminal
    lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 200
    bad = [line for line in lines if line["status"] == "failed"]
    assert len(bad) == 5
    assert all(line["error"] for line in bad)
    assert {line["status"] for line in lines} == {"written", "failed"}


def test_an_interrupted_run_resumes_without_redoing_work(tmp_path: Path) -> None:
    make_archive(tmp_path / "archive")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "newsdoc",
        "convert",
        str(tmp_path / "archive"),
        "--to",
        "json",
        "--out",
        str(out),
        "--jobs",
        "1",
    ]
    process = subprocess.Popen(command, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(out.rglob("*.json"))) < 60:
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait()
    first = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    assert 60 <= len(first) < 195, "the run was not interrupted half-way"

    report = tmp_path / "report.jsonl"
    rerun = subprocess.run([*command, "--report", str(report)], capture_output=True, check=False)
    assert rerun.returncode == 1  # the five corrupt inputs
    after = {p: p.stat().st_mtime_ns for p in out.rglob("*.json")}
    assert len(after) == 195
    assert all(after[p] == mtime for p, mtime in first.items()), "finished outputs were redone"
    statuses = [json.loads(line)["status"] for line in report.read_text().splitlines()]
    assert statuses.count("skipped") == len(first)
    assert statuses.count("written") == 195 - len(first)
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_force_rewrites_and_a_newer_input_is_redone(tmp_path: Path) -> None:
    source = tmp_path / "a.json"
    source.write_bytes(Path("examples/article.json").read_bytes())
    out = tmp_path / "out"
    assert convert_many([source], ["json"], out)[0].outputs[0].status == "written"
    assert convert_many([source], ["json"], out)[0].outputs[0].status == "skipped"
    assert convert_many([source], ["json"], out, force=True)[0].outputs[0].status == "written"
    later = time.time() + 5
    os.utime(source, (later, later))  # touched, not changed: still up to date
    assert convert_many([source], ["json"], out)[0].outputs[0].status == "skipped"
    source.write_bytes(source.read_bytes().replace(b"Night train", b"Night bus"))
    os.utime(source, (later, later))
    assert convert_many([source], ["json"], out)[0].outputs[0].status == "written"


def test_globs_and_folders_are_found_lazily(tmp_path: Path) -> None:
    make_archive(tmp_path / "archive", count=30)
    (tmp_path / "archive" / "notes.txt").write_text("x", encoding="utf-8")
    found = find_sources([tmp_path / "archive"])
    assert next(found).relative == "2026-05-01/story-000.json"
    assert len(list(find_sources([tmp_path / "archive"]))) == 30
    pattern = str(tmp_path / "archive" / "2026-05-0*" / "story-00*.json")
    matched = list(find_sources([pattern]))
    assert [source.relative for source in matched][:2] == [
        "2026-05-01/story-000.json",
        "2026-05-02/story-001.json",
    ]
    assert len(matched) == 9


def test_dask_engine_writes_the_same_files(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed", reason="pip install 'newsdoc[dask]'")
    make_archive(tmp_path / "archive", count=40)
    local = convert_many([tmp_path / "archive"], ["json"], tmp_path / "local", jobs=2)
    with (
        distributed.LocalCluster(
            n_workers=1, threads_per_worker=2, dashboard_address=None, processes=True
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        remote = convert_many(
            [tmp_path / "archive"], ["json"], tmp_path / "dask", engine="dask", scheduler=client
        )
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")
    assert sorted(r.source for r in remote) == sorted(r.source for r in local)
    assert sum(not r.ok for r in remote) == sum(n < 40 for n in CORRUPT)


def test_inputs_whose_outputs_would_collide_get_distinct_names(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.json").write_bytes(Path("examples/article.json").read_bytes())
    (folder / "story.md").write_bytes(Path("examples/article.md").read_bytes())
    (folder / "other.md").write_bytes(Path("examples/article.md").read_bytes())
    results = {Path(r.source).name: r for r in convert_many([folder], ["json"], tmp_path / "out")}
    assert all(result.ok for result in results.values())
    assert sorted(outputs(tmp_path / "out")) == ["other.json", "story.json.json", "story.md.json"]
    assert nd.load(tmp_path / "out" / "story.json.json") == nd.load(folder / "story.json")
    assert nd.load(tmp_path / "out" / "story.md.json") == nd.load(folder / "story.md")
