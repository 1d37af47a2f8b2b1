"""The ``newsdoc`` command: conversion, validation, exit codes, atomic output, start-up cost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdoc as nd
from newsdoc._files import write_atomic
from newsdoc.cli import main
from newsdoc.schema import json_schema

ARTICLE = "examples/article.json"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run the installed command as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "newsdoc", *args], input=stdin, capture_output=True, check=False
    )


def test_help_lists_commands_with_examples() -> None:
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout.decode()
    for command in ("convert", "validate", "schema", "formats", "Examples:"):
        assert command in out
    convert_help = run("convert", "--help").stdout.decode()
    assert "--to" in convert_help
    assert "newsdoc convert examples/article.json" in convert_help


def test_version() -> None:
    result = run("--version")
    assert result.returncode == 0
    assert nd.__version__ in result.stdout.decode()


def test_start_up_imports_nothing_heavy() -> None:
    code = (
        "import sys\n"
        "from newsdoc.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({m.split('.')[0] for m in sys.modules}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True)
    loaded = set(json.loads(result.stdout.decode().splitlines()[-1].replace("'", '"')))
    heavy = {"cattrs", "orjson", "lxml", "jinja2", "weasyprint", "ebooklib", "jsonschema"}
    assert loaded & heavy == set()


def test_convert_to_json_folder(tmp_path: Path) -> None:
    result = run("convert", ARTICLE, "--to", "json", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    written = tmp_path / "article.json"
    assert nd.load(written) == nd.load(ARTICLE)
    assert f"-> {written}" in result.stderr.decode()


def test_stdin_to_stdout() -> None:
    result = run("convert", "-", "--to", "json", stdin=Path(ARTICLE).read_bytes())
    assert result.returncode == 0, result.stderr
    assert nd.loads(result.stdout) == nd.load(ARTICLE)


def test_invalid_input_exits_2_with_every_problem_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"newsdoc": 1, "headline": "", "urgency": 12}', encoding="utf-8")
    out = tmp_path / "out"
    result = run("convert", str(bad), "--to", "json", "--out", str(out))
    assert result.returncode == 2
    err = result.stderr.decode()
    assert f"{bad}: not a valid newsdoc document (3 problems)" in err
    assert "id: required" in err
    assert "urgency: expected a whole number from 1 to 9, got 12" in err
    assert "Traceback" not in err
    assert not out.exists() or list(out.iterdir()) == []


def test_truncated_json_exits_2_naming_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "cut.json"
    bad.write_bytes(Path(ARTICLE).read_bytes()[:300])
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "not valid JSON" in result.stderr.decode()
    assert "line" in result.stderr.decode()


def test_folder_conversion_keeps_the_layout_and_reports_bad_files(tmp_path: Path) -> None:
    source = tmp_path / "archive"
    (source / "2026" / "05").mkdir(parents=True)
    (source / "2026" / "05" / "night-train.json").write_bytes(Path(ARTICLE).read_bytes())
    (source / "digest.json").write_bytes(Path("examples/collection.json").read_bytes())
    (source / "notes.txt").write_text("not an article", encoding="utf-8")
    (source / "broken.json").write_text("{", encoding="utf-8")
    out = tmp_path / "out"
    result = run("convert", str(source), "--to", "json", "--out", str(out))
    assert result.returncode == 1  # one input was invalid; the others were still converted
    assert (out / "2026" / "05" / "night-train.json").is_file()
    assert (out / "digest.json").is_file()
    assert not (out / "broken.json").exists()
    assert "broken.json" in result.stderr.decode()


def test_unknown_format_is_a_usage_error() -> None:
    result = run("convert", ARTICLE, "--to", "rtf")
    assert result.returncode == 2
    assert "unknown format 'rtf'; known formats: json" in result.stderr.decode()


def test_converting_onto_the_input_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "article.json"
    copy.write_bytes(Path(ARTICLE).read_bytes())
    before = copy.read_bytes()
    result = run("convert", str(copy), "--to", "json")
    assert result.returncode == 1
    assert "would overwrite the input" in result.stderr.decode()
    assert copy.read_bytes() == before


def test_missing_file() -> None:
    result = run("convert", "no/such/article.json", "--to", "json")
    assert result.returncode == 2
    assert "cannot read no/such/article.json" in result.stderr.decode()


def test_validate_reports_each_file() -> None:
    result = run("validate", ARTICLE, "examples/collection.json")
    assert result.returncode == 0
    assert result.stdout.decode().splitlines() == [
        f"{ARTICLE}: valid article",
        "examples/collection.json: valid collection",
    ]


def test_schema_prints_the_json_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == json_schema()


def test_formats_lists_json() -> None:
    result = run("formats")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0].split() == ["FORMAT", "EXTENSIONS", "READ", "WRITE", "DESCRIPTION"]
    assert any(line.split()[:4] == ["json", ".json", "yes", "yes"] for line in lines)


def test_a_failing_writer_exits_1_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdoc.formats.json as json_format

    def broken_writer(document: nd.Document, options: object) -> bytes:
        raise nd.ConversionError("the disk of the printer is full")

    monkeypatch.setattr(json_format, "write", broken_writer)
    result = CliRunner().invoke(main, ["convert", ARTICLE, "--to", "json", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "examples/article.json [json]: the disk of the printer is full" in result.output
    assert list(tmp_path.iterdir()) == []


def test_atomic_write_leaves_the_old_file_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "article.json"
    target.write_bytes(b"old")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("simulated crash")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="simulated crash"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["article.json"]


def test_dump_and_load_through_the_api(tmp_path: Path) -> None:
    article = nd.load(ARTICLE)
    nd.dump(article, tmp_path / "copy.json")
    assert nd.load(tmp_path / "copy.json") == article
    with open(tmp_path / "copy.json", "rb") as stream:
        assert nd.load(stream) == article
    with pytest.raises(nd.UnknownFormatError, match="unknown file type of"):
        nd.dump(article, tmp_path / "copy.unknown")
    (tmp_path / "broken.json").write_text("{}", encoding="utf-8")
    with pytest.raises(nd.InvalidDocumentError, match=r"broken\.json is not a valid"):
        nd.load(tmp_path / "broken.json")


def test_urls_need_fetch() -> None:
    result = run("convert", "https://news.example.org/story", "--to", "json", "--out", "x")
    assert result.returncode == 2
    assert "newsdoc downloads nothing unless you pass --fetch" in result.stderr.decode()


def test_quotes_pass_from_the_command_line(tmp_path: Path) -> None:
    page = "tests/fixtures/pages/water-talks-seed-shape.html"
    plain = run("convert", page, "--to", "json", "--out", str(tmp_path / "plain"))
    quoted = run("convert", page, "--to", "json", "--out", str(tmp_path / "quoted"), "--quotes")
    assert plain.returncode == quoted.returncode == 0
    before = nd.load(tmp_path / "plain" / "water-talks-seed-shape.json")
    after = nd.load(tmp_path / "quoted" / "water-talks-seed-shape.json")
    assert isinstance(before, nd.Article)
    assert isinstance(after, nd.Article)

    def quotes(article: nd.Article) -> list[nd.Quote]:
        return [b for s in article.sections for b in s.blocks if isinstance(b, nd.Quote)]

    added = quotes(after)[len(quotes(before)) :]
    assert added
    assert all(q.speaker is not None for q in added)
