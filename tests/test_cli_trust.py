"""The command line keeps users' files safe and follows pandoc's conventions.

Each test is one case a user met: an input mixed up with standard input, stale outputs kept
after the options changed, a user's own file overwritten, ``-o FILE`` made a folder, short
format names refused, options silently ignored, warnings dropped. They run the command as a
user would (a subprocess, or click's runner where a fault must be injected).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import newsdoc as nd
from newsdoc._files import clean_stale_temporaries, temporary_prefix
from newsdoc.cli import main

from .conftest import EXAMPLES

PAGE = (
    b"<html><body><article><h1>Rain returns to the valley</h1>"
    b"<p>It rained all day in town, the first rain in months, and the river rose.</p>"
    b"<p>Farmers said the rain came just in time for the harvest season this year.</p>"
    b"</article></body></html>"
)


def newsdoc(
    *args: str, cwd: Path | None = None, stdin: bytes | None = None
) -> subprocess.CompletedProcess[str]:
    """Run the installed command as a user would; text output."""
    result = subprocess.run(
        [sys.executable, "-m", "newsdoc", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A folder with a copy of the examples (images included), as a user's working folder."""
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    return tmp_path


def test_out_dash_streams_the_named_file_not_standard_input(work: Path) -> None:
    other = (work / "examples" / "collection.json").read_text(encoding="utf-8")
    result = newsdoc(
        "convert", "examples/article.json", "-t", "json", "-o", "-", cwd=work, stdin=other.encode()
    )
    assert result.returncode == 0, result.stderr
    assert nd.loads(result.stdout) == nd.load(work / "examples" / "article.json")


def test_standard_input_is_told_by_its_content(work: Path) -> None:
    item = nd.dumps(nd.load(work / "examples" / "article.json"), "ninjs")
    result = newsdoc("convert", "-", "-t", "json", cwd=work, stdin=item)
    assert result.returncode == 0, result.stderr
    assert nd.loads(result.stdout).id == nd.load(work / "examples" / "article.json").id


def test_changed_options_convert_again(work: Path) -> None:
    base = ["convert", "examples/article.json", "-t", "ninjs", "-o", "out/"]
    assert newsdoc(*base, cwd=work).returncode == 0
    target = work / "out" / "article.ninjs.json"
    first = target.stat().st_mtime_ns
    again = newsdoc(*base, cwd=work)
    assert "(up to date)" in again.stderr
    assert target.stat().st_mtime_ns == first
    other = newsdoc(*base, "--ninjs-version", "2.2", cwd=work)
    assert other.returncode == 0
    assert "(up to date)" not in other.stderr
    assert json.loads(target.read_bytes())["standard"]["version"] == "2.2"


def test_a_changed_style_sheet_converts_again(work: Path) -> None:
    sheet = work / "mine.css"
    sheet.write_text("h1 { color: navy; }", encoding="utf-8")
    base = ["convert", "examples/article.json", "-t", "html", "-o", "out/", "--css", "mine.css"]
    assert newsdoc(*base, cwd=work).returncode == 0
    assert "(up to date)" in newsdoc(*base, cwd=work).stderr
    sheet.write_text("h1 { color: maroon; }", encoding="utf-8")
    assert "(up to date)" not in newsdoc(*base, cwd=work).stderr
    assert b"maroon" in (work / "out" / "article.html").read_bytes()


def test_a_bad_option_value_is_refused_before_anything_runs(work: Path) -> None:
    for flag, value in (
        ("--pdf-variant", "pdf/z-9"),
        ("--page-size", "b52"),
        ("--bleed", "3 millimetres"),
    ):
        result = newsdoc(
            "convert", "examples/article.json", "-t", "pdf", "-o", "out/", flag, value, cwd=work
        )
        assert result.returncode == 2, (flag, result.stderr)
        assert flag in result.stderr
        assert not (work / "out").exists()


def test_a_sibling_file_newsdoc_did_not_write_is_never_overwritten(work: Path) -> None:
    own = work / "examples" / "article.json"
    before = own.read_bytes()
    result = newsdoc("convert", "examples/article.md", "--to", "all", cwd=work)
    assert result.returncode == 1
    assert (
        f"{Path('examples') / 'article.json'} exists and newsdoc did not write it" in result.stderr
    )
    assert "--force" in result.stderr
    assert "would overwrite the input" in result.stderr  # markdown onto article.md itself
    assert own.read_bytes() == before
    assert (work / "examples" / "article.html").is_file()  # the other outputs were written


def test_an_input_is_never_overwritten_even_with_force(work: Path) -> None:
    (work / "a.json").write_bytes((work / "examples" / "article.json").read_bytes())
    (work / "a.md").write_bytes((work / "examples" / "article.md").read_bytes())
    before = (work / "a.json").read_bytes()
    for extra in ((), ("--force",)):
        result = newsdoc("convert", "a.json", "a.md", "--to", "json", *extra, cwd=work)
        assert (work / "a.json").read_bytes() == before
        assert result.returncode == 0, result.stderr
    assert nd.load(work / "a.md.json") == nd.load(work / "a.md")
    assert nd.load(work / "a.json.json") == nd.load(work / "a.json")


def test_a_folder_with_article_md_and_article_json_converts(work: Path) -> None:
    result = newsdoc("convert", "examples/", "--to", "json", "--out", "x", cwd=work)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (work / "x").iterdir() if not p.name.startswith("."))
    assert "article.md.json" in names
    assert "article.json.json" in names
    assert "collection.json" in names  # no clash: keeps its plain name


def test_out_file_writes_that_file_its_format_from_the_extension(work: Path) -> None:
    result = newsdoc("convert", "examples/article.json", "-o", "page.html", cwd=work)
    assert result.returncode == 0, result.stderr
    assert (work / "page.html").is_file()
    assert (work / "page.html").read_bytes().startswith(b"<!DOCTYPE html>")
    forced = newsdoc("convert", "examples/article.json", "-t", "ninjs", "-o", "page.html", cwd=work)
    assert forced.returncode == 0, forced.stderr  # -t wins over the extension, pandoc-style
    assert json.loads((work / "page.html").read_bytes())["uri"]


def test_out_naming_someone_elses_file_is_refused_without_force(work: Path) -> None:
    (work / "notes.html").write_text("my notes", encoding="utf-8")
    refused = newsdoc("convert", "examples/article.json", "-o", "notes.html", cwd=work)
    assert refused.returncode == 1
    assert "notes.html exists and newsdoc did not write it" in refused.stderr
    assert (work / "notes.html").read_text(encoding="utf-8") == "my notes"
    forced = newsdoc("convert", "examples/article.json", "-o", "notes.html", "--force", cwd=work)
    assert forced.returncode == 0
    assert (work / "notes.html").read_bytes().startswith(b"<!DOCTYPE html>")


def test_an_output_edited_since_is_not_replaced(work: Path) -> None:
    assert newsdoc("convert", "examples/article.json", "-o", "page.html", cwd=work).returncode == 0
    page = work / "page.html"
    page.write_bytes(page.read_bytes() + b"<!-- my edit -->")
    touched = time.time() + 10
    os.utime(work / "examples" / "article.json", (touched, touched))
    result = newsdoc("convert", "examples/article.json", "-o", "page.html", cwd=work)
    assert result.returncode == 1
    assert page.read_bytes().endswith(b"<!-- my edit -->")


def test_several_outputs_into_one_file_or_into_a_file_as_folder_are_usage_errors(
    work: Path,
) -> None:
    (work / "plain").write_text("x", encoding="utf-8")
    two = newsdoc("convert", "examples/article.json", "-t", "html,epub", "-o", "one.html", cwd=work)
    assert two.returncode == 2
    assert "name a folder" in two.stderr
    into_file = newsdoc("convert", "examples/", "-t", "json", "-o", "plain", cwd=work)
    assert into_file.returncode == 2
    assert "--out plain is a file" in into_file.stderr


def test_short_names_and_inputs_told_by_content(work: Path) -> None:
    article = nd.load(work / "examples" / "article.json")
    (work / "item.xml").write_bytes(nd.dumps(article, "newsml"))
    (work / "item.json").write_bytes(nd.dumps(article, "ninjs"))
    for name in ("item.xml", "item.json"):
        result = newsdoc("convert", name, "-t", "md", "-o", "-", cwd=work)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("---\n")
    assert (
        newsdoc("convert", "examples/article.json", "-t", "htm", "-o", "out/", cwd=work).returncode
        == 0
    )
    (work / "mystery.xml").write_text("<recipe><step>Boil</step></recipe>", encoding="utf-8")
    unknown = newsdoc("convert", "mystery.xml", "-t", "json", cwd=work)
    assert unknown.returncode == 2
    assert "neither the name nor the content tells the format" in unknown.stderr
    assert "--from" in unknown.stderr


def test_an_option_for_no_requested_format_is_an_error(work: Path) -> None:
    result = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "html",
        "--layout",
        "newspaper",
        "-o",
        "out/",
        cwd=work,
    )
    assert result.returncode == 2
    assert "--layout applies to pdf, not to html" in result.stderr
    assert not (work / "out").exists()


def test_warnings_reach_stderr_and_the_report_and_strict_fails(work: Path) -> None:
    (work / "page.html").write_bytes(PAGE)
    plain = newsdoc(
        "convert", "page.html", "-t", "json", "-o", "out/", "--report", "report.jsonl", cwd=work
    )
    assert plain.returncode == 0, plain.stderr
    assert "warning: page.html: language: the page names no language; 'en' assumed" in (
        plain.stderr
    )
    [line] = [json.loads(x) for x in (work / "report.jsonl").read_text().splitlines()]
    assert [w["code"] for w in line["warnings"] if w["level"] == "warning"] == ["assumed"]
    quiet = newsdoc("convert", "page.html", "-t", "json", "-o", "q/", "-q", cwd=work)
    assert quiet.stderr == ""
    verbose = newsdoc("convert", "page.html", "-t", "json", "-o", "v/", "-v", cwd=work)
    assert "info: page.html: read as webpage" in verbose.stderr
    strict = newsdoc("convert", "page.html", "-t", "json", "-o", "s/", "--strict", cwd=work)
    assert strict.returncode == 1
    assert "an error under strict mode" in strict.stderr
    assert not (work / "s" / "page.json").exists()
    # An up-to-date output still reports the warnings it was written with.
    again = newsdoc(
        "convert", "page.html", "-t", "json", "-o", "out/", "--report", "again.jsonl", cwd=work
    )
    [line] = [json.loads(x) for x in (work / "again.jsonl").read_text().splitlines()]
    assert line["status"] == "skipped"
    assert [w["code"] for w in line["warnings"] if w["level"] == "warning"] == ["assumed"]
    assert "'en' assumed" in again.stderr


def test_the_missing_image_message_names_the_option(work: Path) -> None:
    article = nd.load(work / "examples" / "article.json")
    assert isinstance(article, nd.Article)
    broken = nd.Article(
        id="urn:newsdoc:test:1",
        headline="A picture went missing",
        lead_image=nd.Figure(src="images/absent.png", alt="Nothing"),
    )
    nd.dump(broken, work / "broken.json")
    result = newsdoc("convert", "broken.json", "-t", "html", "-o", "out/", cwd=work)
    assert result.returncode == 1
    assert "--missing-images omit" in result.stderr
    omitted = newsdoc(
        "convert", "broken.json", "-t", "html", "-o", "out/", "--missing-images", "omit", cwd=work
    )
    assert omitted.returncode == 0, omitted.stderr


def test_allow_dir_lets_images_come_from_another_folder(work: Path) -> None:
    pictures = work / "pictures"
    pictures.mkdir()
    shutil.copy(work / "examples" / "images" / "night-train.png", pictures / "train.png")
    story = work / "story"
    story.mkdir()
    article = nd.Article(
        id="urn:newsdoc:test:2",
        headline="Pictures from a shared folder",
        lead_image=nd.Figure(src="../pictures/train.png", alt="A train"),
    )
    nd.dump(article, story / "a.json")
    refused = newsdoc("convert", "story/a.json", "-t", "html", "-o", "out/", cwd=work)
    assert refused.returncode == 1
    assert "outside the allowed folders" in refused.stderr
    allowed = newsdoc(
        "convert", "story/a.json", "-t", "html", "-o", "out/", "--allow-dir", "pictures", cwd=work
    )
    assert allowed.returncode == 0, allowed.stderr
    assert b"data:image/png;base64," in (work / "out" / "a.html").read_bytes()


def test_reports_and_outputs_that_cannot_be_written_are_messages(work: Path) -> None:
    missing = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "json",
        "-o",
        "out/",
        "--report",
        "no/such/report.jsonl",
        cwd=work,
    )
    assert missing.returncode == 2
    assert "cannot write the report no/such/report.jsonl" in missing.stderr
    if Path("/dev/full").exists():
        with open("/dev/full", "w") as full:
            result = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "newsdoc",
                    "convert",
                    "examples/article.json",
                    "-t",
                    "json",
                    "-o",
                    "-",
                ],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                cwd=work,
                check=False,
            )
        assert result.returncode == 1
        assert "cannot write to standard output" in result.stderr
        assert "Traceback" not in result.stderr


def test_missing_extras_are_a_message(work: Path) -> None:
    code = (
        "import sys\n"
        "sys.modules['distributed'] = None\n"
        "from newsdoc.cli import main\n"
        "main(['convert', 'examples/', '-t', 'json', '-o', 'out/', '--engine', 'dask',"
        " '--scheduler', 'tcp://127.0.0.1:1'])\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=work, check=False
    )
    assert result.returncode == 2
    assert "pip install 'newsdoc[dask]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_loaded_document_finds_its_images_from_any_folder(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = nd.load(work / "examples" / "article.json")
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    page = nd.dumps(article, "html")
    assert b"data:image/png;base64," in page


def test_temporary_files_of_live_runs_are_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.json"
    mine = tmp_path / f"{temporary_prefix(target)}x1.part"
    mine.write_bytes(b"in flight")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        live_prefix = temporary_prefix(target).replace(f"-{os.getpid()}.", f"-{sleeper.pid}.")
        live = tmp_path / f"{live_prefix}x2.part"
        live.write_bytes(b"another run's")
        dead = tmp_path / f"{live_prefix.replace(f'-{sleeper.pid}.', '-999999999.')}x3.part"
        dead.write_bytes(b"left by a killed run")
        clean_stale_temporaries(tmp_path)
        assert mine.exists()
        assert live.exists()
        assert not dead.exists()
    finally:
        sleeper.kill()
        sleeper.wait()
    clean_stale_temporaries(tmp_path)
    assert not live.exists()


def test_failing_writer_message_through_the_runner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import newsdoc.formats.json as json_format

    def buggy(document: nd.Document, options: object) -> bytes:
        raise KeyError("a bug")

    monkeypatch.setattr(json_format, "write", buggy)
    result = CliRunner().invoke(
        main, ["convert", "examples/article.json", "-t", "json", "-o", str(tmp_path) + "/"]
    )
    assert result.exit_code == 1
    assert "writing json failed on a bug in newsdoc (KeyError)" in result.output
    assert "a bug'" not in result.output  # never the foreign exception's own text


# ---------------------------------------------------------------------------------------------
# Many generated argument lists: whatever a user types, a message and an exit code, never a
# traceback.
# ---------------------------------------------------------------------------------------------

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_INPUTS = [
    "examples/article.json",
    "examples/article.md",
    "examples/collection.json",
    "examples/",
    "examples/*.json",
    "-",
    "missing.json",
    "garbage.xml",
    "empty.json",
    "fifo",
    "https://news.example.org/story",
    "",
]
_FORMATS = [
    "json",
    "html",
    "md",
    "ninjs",
    "newsml",
    "xml",
    "htm",
    "webpage",
    "all",
    "docx",
    "",
    ",",
    "json,ninjs",
]
_OUTS = [
    "out/",
    "out",
    "page.html",
    "item.ninjs.json",
    "-",
    "notes.txt",
    "examples/",
    "empty.json",
    "deep/er/x.json",
]
_VALUES = {
    "--from": ["json", "md", "ninjs", "html", "pdf", "nope"],
    "--jobs": ["1", "2", "0", "-3", "many"],
    "--report": ["report.jsonl", "no/such/r.jsonl", "examples/", "-"],
    "--engine": ["local", "dask", "spark"],
    "--scheduler": ["tcp://127.0.0.1:1", ""],
    "--layout": ["report", "newspaper", "magazine"],
    "--page-size": ["a4", "b52", "200mm 280mm", ""],
    "--bleed": ["3mm", "three"],
    "--css": ["mine.css", "absent.css"],
    "--allow-dir": ["examples", "absent"],
    "--ninjs-version": ["3.1", "2.2", "9"],
    "--missing-images": ["omit", "error", "skip"],
    "--body": ["nitf", "xhtml", "html"],
    "--url": ["https://news.example.org/a", "not a url"],
}
_SWITCHES = [
    "--force",
    "--strict",
    "-q",
    "-v",
    "--fetch",
    "--quotes",
    "--indent",
    "--no-indent",
    "--marks",
    "--no-json-ld",
    "--bogus",
]


_GOOD_INPUTS = ["examples/article.json", "examples/article.md", "examples/collection.json", "-"]
_GOOD_FORMATS = ["json", "html", "md", "ninjs", "newsml", "xml", "htm", "json,ninjs", "html,md"]
_GOOD_OUTS = ["out/", "page.html", "item.ninjs.json", "-", "notes.txt", "examples/"]


@st.composite
def _plausible(draw: st.DrawFn) -> list[str]:
    """What a user means to type, with the odd slip."""
    args = ["convert", *draw(st.lists(st.sampled_from(_GOOD_INPUTS), min_size=1, max_size=2))]
    args += ["-t", draw(st.sampled_from(_GOOD_FORMATS))]
    if draw(st.integers(0, 3)):
        args += ["-o", draw(st.sampled_from(_GOOD_OUTS))]
    for flag in draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=2, unique=True)):
        args += [flag, draw(st.sampled_from(_VALUES[flag]))]
    args += draw(st.lists(st.sampled_from(_SWITCHES[:-1]), max_size=2, unique=True))
    return args


@st.composite
def _chaotic(draw: st.DrawFn) -> list[str]:
    """Anything at all from the vocabulary, in any order."""
    command = draw(st.sampled_from(["convert"] * 6 + ["validate", "formats", "schema", "x"]))
    args = [command, *draw(st.lists(st.sampled_from(_INPUTS), max_size=3))]
    if draw(st.booleans()):
        args += ["-t", draw(st.sampled_from(_FORMATS))]
    if draw(st.booleans()):
        args += ["-o", draw(st.sampled_from(_OUTS))]
    for flag in draw(st.lists(st.sampled_from(sorted(_VALUES)), max_size=3, unique=True)):
        args += [flag, draw(st.sampled_from(_VALUES[flag]))]
    args += draw(st.lists(st.sampled_from(_SWITCHES), max_size=3, unique=True))
    return draw(st.permutations(args)) if draw(st.booleans()) else args


def _argument_lists() -> st.SearchStrategy[list[str]]:
    return st.one_of(_plausible(), _plausible(), _plausible(), _chaotic())


@pytest.fixture(scope="module")
def playground(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli-playground")
    shutil.copytree(EXAMPLES, folder / "examples")
    (folder / "garbage.xml").write_bytes(b"<?xml version='1.0'?><nope>\x00</nope")
    (folder / "empty.json").write_bytes(b"")
    (folder / "mine.css").write_text("h1 { color: navy; }", encoding="utf-8")
    (folder / "notes.txt").write_text("my own notes", encoding="utf-8")
    os.mkfifo(folder / "fifo")
    return folder


@settings(
    max_examples=int(os.environ.get("NEWSDOC_CLI_EXAMPLES", "120")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=_argument_lists())
def test_generated_argument_lists_never_end_in_a_traceback(
    playground: Path, args: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(playground)
    notes = (playground / "notes.txt").read_bytes()
    inputs = {
        path: path.read_bytes()
        for path in (playground / "examples" / p.relative_to(EXAMPLES) for p in EXAMPLES.rglob("*"))
        if path.is_file()
    }
    result = CliRunner().invoke(main, args, input=b"{not json")
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        result.output,
        result.exc_info,
    )
    assert result.exit_code in (0, 1, 2), (args, result.output)
    assert "Traceback" not in result.output
    if "--force" in args:
        return  # --force may replace files newsdoc did not write (never the run's inputs)
    assert (playground / "notes.txt").read_bytes() == notes, args
    for path, data in inputs.items():
        assert path.read_bytes() == data, (args, path)  # nobody's file is overwritten


# ---------------------------------------------------------------------------------------------
# Found by trying the command as a hostile user would.
# ---------------------------------------------------------------------------------------------


def test_the_report_never_replaces_an_input_or_someone_elses_file(work: Path) -> None:
    article = work / "examples" / "article.json"
    before = article.read_bytes()
    onto_input = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "html",
        "-o",
        "o/",
        "--report",
        "examples/article.json",
        cwd=work,
    )
    assert onto_input.returncode == 2
    assert article.read_bytes() == before
    (work / "notes.txt").write_text("mine", encoding="utf-8")
    onto_notes = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "html",
        "-o",
        "o/",
        "--report",
        "notes.txt",
        cwd=work,
    )
    assert onto_notes.returncode == 2
    assert "is not a newsdoc report" in onto_notes.stderr
    assert (work / "notes.txt").read_text(encoding="utf-8") == "mine"
    for _ in range(2):  # a report replaces a report
        again = newsdoc(
            "convert",
            "examples/article.json",
            "-t",
            "html",
            "-o",
            "o/",
            "--report",
            "r.jsonl",
            cwd=work,
        )
        assert again.returncode == 0, again.stderr
    assert json.loads((work / "r.jsonl").read_text().splitlines()[0])["status"] == "skipped"
    os.mkfifo(work / "pipe")
    fifo = newsdoc(
        "convert", "examples/article.json", "-t", "md", "-o", "o.md", "--report", "pipe", cwd=work
    )
    assert fifo.returncode == 2
    assert "not a regular file" in fifo.stderr


def test_outputs_never_come_back_as_inputs(work: Path) -> None:
    for _ in range(3):
        result = newsdoc(
            "convert", "examples/", "-t", "html,json", "-o", "examples/out/", "-q", cwd=work
        )
        assert result.returncode == 0, result.stderr
    out = work / "examples" / "out"
    assert not (out / "out").exists()
    assert not list(out.glob("*.html.*"))
    beside = work / "beside"
    beside.mkdir()
    shutil.copy(work / "examples" / "article.md", beside / "story.md")
    for _ in range(3):
        newsdoc("convert", "beside", "-t", "html,json", "-q", "--missing-images", "omit", cwd=work)
    assert sorted(p.name for p in beside.iterdir() if not p.name.startswith(".")) == [
        "story.html",
        "story.json",
        "story.md",
    ]


def test_a_pattern_with_dot_dot_never_writes_outside_the_output_folder(work: Path) -> None:
    shutil.copy(work / "examples" / "article.json", work / "top.json")
    inner = work / "w"
    shutil.copytree(work / "examples", inner / "examples")
    result = newsdoc("convert", "*/../../*.json", "-t", "md", "-o", "out/", cwd=inner)
    assert result.returncode == 0, result.stderr
    assert (inner / "out" / "top.md").is_file()
    assert not (work / "top.md").exists()


def test_the_manifest_is_never_followed_through_a_link_and_survives_damage(work: Path) -> None:
    out = work / "out"
    out.mkdir()
    (work / "diary.txt").write_text("diary\n", encoding="utf-8")
    (out / ".newsdoc-manifest.jsonl").symlink_to(work / "diary.txt")
    linked = newsdoc("convert", "examples/article.json", "-t", "json", "-o", "out/", cwd=work)
    assert linked.returncode == 1
    assert (work / "diary.txt").read_text(encoding="utf-8") == "diary\n"
    args = ["convert", "examples/article.json", "-t", "json,ninjs", "-o", "o5/", "-q"]
    assert newsdoc(*args, cwd=work).returncode == 0
    journal = work / "o5" / ".newsdoc-manifest.jsonl"
    journal.write_bytes(journal.read_bytes()[:-20])  # a line cut short
    with journal.open("ab") as stream:  # and a hand-edited one of the wrong shape
        stream.write(b'{"target": ["x"], "format": "json"}\n')
    assert newsdoc(*args, "--force", cwd=work).returncode == 0
    after = newsdoc("convert", "examples/article.json", "-t", "json,ninjs", "-o", "o5/", cwd=work)
    assert after.returncode == 0, after.stderr
    assert after.stderr.count("(up to date)") == 2


def test_an_input_named_twice_is_converted_once(work: Path) -> None:
    result = newsdoc(
        "convert",
        "examples/article.json",
        "examples/article.json",
        "examples/*.json",
        "-t",
        "html",
        "-o",
        "o/",
        cwd=work,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (work / "o").iterdir() if not p.name.startswith(".")) == [
        "article.html",
        "collection.html",
    ]


def test_two_runs_into_one_folder_at_once(work: Path) -> None:
    folder = work / "many"
    folder.mkdir()
    for number in range(12):
        shutil.copy(work / "examples" / "article.md", folder / f"story-{number:02d}.md")
    command = [
        sys.executable,
        "-m",
        "newsdoc",
        "convert",
        "many",
        "-t",
        "json,ninjs",
        "-o",
        "out/",
        "-q",
    ]
    runs = [
        subprocess.Popen(command, cwd=work, stderr=subprocess.PIPE, text=True) for _ in range(2)
    ]
    codes = [(run.wait(), run.stderr.read() if run.stderr else "") for run in runs]
    assert all(code == 0 for code, _ in codes), codes


def test_a_changed_image_converts_again(work: Path) -> None:
    args = ["convert", "examples/article.json", "-t", "html", "-o", "o/"]
    assert newsdoc(*args, cwd=work).returncode == 0
    assert "(up to date)" in newsdoc(*args, cwd=work).stderr
    picture = work / "examples" / "images" / "night-train.png"
    picture.write_bytes(picture.read_bytes() + b"\0")
    assert "(up to date)" not in newsdoc(*args, cwd=work).stderr


def test_files_the_run_reads_are_never_replaced_even_with_force(work: Path) -> None:
    (work / "style.css").write_text("h1 { color: red; }", encoding="utf-8")
    result = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "html",
        "-o",
        "style.css",
        "--css",
        "style.css",
        "--force",
        cwd=work,
    )
    assert result.returncode == 1
    assert (work / "style.css").read_text(encoding="utf-8") == "h1 { color: red; }"
    picture = work / "examples" / "images" / "night-train.png"
    before = picture.read_bytes()
    image = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "html",
        "-o",
        "examples/images/night-train.png",
        "--force",
        cwd=work,
    )
    assert image.returncode == 1
    assert picture.read_bytes() == before


def test_more_pandoc_conventions(work: Path) -> None:
    shutil.copy(work / "examples" / "article.json", work / "examples" / "a[1].json")
    literal = newsdoc("convert", "examples/a[1].json", "-o", "x.html", cwd=work)
    assert literal.returncode == 0, literal.stderr
    assert (
        newsdoc(
            "convert", "examples/article.json", "-t", "html", "-o", "/dev/null", cwd=work
        ).returncode
        == 0
    )
    assert newsdoc("convert", "examples/article.json", "-o", "page.xml", cwd=work).returncode == 0
    assert b"<newsItem" in (work / "page.xml").read_bytes()
    data = (work / "examples" / "article.json").read_bytes()
    piped = newsdoc("convert", "/dev/stdin", "-t", "md", "-o", "-", cwd=work, stdin=data)
    assert piped.stdout.startswith("---\n"), piped.stderr


def test_bad_urls_are_usage_errors_and_fetch_failures_are_messages(work: Path) -> None:
    for url in ("http://[::1", "http://exa mple.com/a b"):
        result = newsdoc("convert", url, "-t", "md", "--fetch", cwd=work)
        assert result.returncode == 2, result.stderr
        assert "not a valid http(s) URL" in result.stderr
    refused = newsdoc("convert", "http://127.0.0.1:9/story", "-t", "md", "--fetch", cwd=work)
    assert refused.returncode == 1
    assert "cannot fetch http://127.0.0.1:9/story" in refused.stderr
    assert "Errno" not in refused.stderr


def test_the_library_takes_single_names_and_refuses_zero_jobs(tmp_path: Path) -> None:
    [result] = nd.convert_many("examples/article.json", "ninjs", tmp_path)
    assert result.ok
    with pytest.raises(nd.UsageError, match="jobs must be at least 1"):
        nd.convert("examples/article.json", to="json", out=tmp_path / "x/", jobs=0)


def test_writers_say_what_they_leave_out(work: Path) -> None:
    (work / "noimg").mkdir()
    shutil.copy(work / "examples" / "article.json", work / "noimg" / "article.json")
    args = ["convert", "noimg/article.json", "-t", "html", "-o", "ni/", "--missing-images", "omit"]
    omitted = newsdoc(*args, cwd=work)
    assert omitted.returncode == 0, omitted.stderr
    assert "picture 'images/night-train.png' left out" in omitted.stderr
    strict = newsdoc(*args, "--strict", "--force", cwd=work)
    assert strict.returncode == 1
    lossy = newsdoc("convert", "examples/article.json", "-t", "ninjs", "-o", "n/", cwd=work)
    assert lossy.returncode == 0
    assert "bylines[0].role: ninjs has no place for it; left out (lossy)" in lossy.stderr


def test_style_sheets_are_files_and_never_pipes(work: Path) -> None:
    (work / "red.txt").write_text("h1 { color: #c00000; }", encoding="utf-8")
    named = newsdoc(
        "convert", "examples/article.json", "-o", "page.html", "--css", "red.txt", cwd=work
    )
    assert named.returncode == 0, named.stderr
    assert b"#c00000" in (work / "page.html").read_bytes()
    os.mkfifo(work / "pipe.css")
    piped = newsdoc(
        "convert", "examples/article.json", "-o", "other.html", "--css", "pipe.css", cwd=work
    )
    assert piped.returncode == 1
    assert "not a regular file" in piped.stderr


def test_pdf_options_that_cannot_go_together_are_usage_errors(work: Path) -> None:
    both = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "pdf",
        "-o",
        "o/",
        "--pdf-variant",
        "pdf/x-4",
        "--embed-source",
        cwd=work,
    )
    assert both.returncode == 2
    assert "does not allow embedding" in both.stderr
    flat = newsdoc(
        "convert",
        "examples/article.json",
        "-t",
        "pdf",
        "-o",
        "o/",
        "--page-size",
        "0mm 0mm",
        cwd=work,
    )
    assert flat.returncode == 2
    assert "more than zero" in flat.stderr
