"""Files and folders under attack: symbolic links, shared folders, long journals, hostile names.

Each class is tried in several shapes, the way someone sharing a folder with the user would:
a symbolic link planted at an output, at a temporary file's name, at the manifest or its
compaction's temporary file, at the report, at the pictures' folder or a picture in it, at a
subfolder of the output folder; links among the inputs of a folder or a pattern (to a file or
a folder, inside or outside, leading nowhere); a manifest line longer than 64 KiB; escape
sequences and bidirectional overrides in file names, JSON keys, values and messages. The
command runs as a user runs it (click's runner in this process, so that the names of
temporary files can be foreseen and links planted at them, and a subprocess).
"""

from __future__ import annotations

import io
import json
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import newsdoc as nd
from newsdoc._files import AtomicFile, temporary_prefix, write_atomic
from newsdoc.cli import main
from newsdoc.conversion.manifest import MANIFEST
from newsdoc.errors import OverwriteError, printable

SECRET = b"the user's private notes, never to be overwritten\n"
ESC = "\x1b"


def png(width: int, height: int, shade: int = 90) -> bytes:
    """A small PNG of one colour, made here."""
    raw = b"".join(b"\x00" + bytes((shade, 40, 200 - shade % 200)) * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def article(number: int = 1, **fields: object) -> str:
    """A short article of our own, as newsdoc JSON."""
    data: dict[str, object] = {
        "newsdoc": 1,
        "kind": "article",
        "id": f"urn:newsdoc:test:files-{number}",
        "headline": f"Harbour ferry timetable changes for the winter, part {number}",
        "sections": [
            {
                "blocks": [
                    {
                        "type": "paragraph",
                        "content": "The ferry will leave the north pier every forty minutes "
                        "from November, the harbour office said, and the last boat of the "
                        "evening will wait for the late train from the city.",
                    }
                ]
            }
        ],
    }
    data.update(fields)
    return json.dumps(data)


_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def word(pictures: int) -> bytes:
    """A Word document of our own with a title, a paragraph and ``pictures`` pictures."""
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Storm closes the coast '
        "road</w:t></w:r></w:p><w:p><w:r><w:t>High waves washed gravel over the road at "
        "dawn; crews expect to reopen it by the evening.</w:t></w:r></w:p>"
    )
    rels = []
    media = {}
    for i in range(pictures):
        body += (
            f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="{i + 1}" name="p{i}" '
            f'descr="waves {i}"/><a:graphic><a:graphicData uri="http://schemas.'
            'openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:blipFill>'
            f'<a:blip r:embed="rImg{i}"/></pic:blipFill></pic:pic></a:graphicData>'
            "</a:graphic></wp:inline></w:drawing></w:r></w:p>"
        )
        rels.append(f'<Relationship Id="rImg{i}" Type="{_REL}/image" Target="media/i{i}.png"/>')
        media[f"word/media/i{i}.png"] = png(3 + i, 2, shade=i)
    package = "http://schemas.openxmlformats.org/package/2006"
    main_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="png" ContentType="image/png"/><Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{main_type}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/'
            f'relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}'
            "</w:body></w:document>",
        )
        archive.writestr(
            "word/_rels/document.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/'
            f'relationships">{"".join(rels)}</Relationships>',
        )
        for name, data in media.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def shared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder, the current one, with a private file outside the shared folders."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "private").mkdir()
    (tmp_path / "private" / "victim").write_bytes(SECRET)
    return tmp_path


def run(*args: str) -> Result:
    """``newsdoc ARGS`` in this process; nothing of what is printed is stripped (color)."""
    result = CliRunner().invoke(main, list(args), color=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def untouched(folder: Path) -> None:
    assert (folder / "private" / "victim").read_bytes() == SECRET
    assert sorted(p.name for p in (folder / "private").iterdir()) == ["victim"]


@pytest.fixture
def foreseen(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Random parts of temporary names that can be foreseen: the first tries are the same
    bytes (as a guess would be), then they count up."""
    given: list[bytes] = []
    real = os.urandom

    def guessable(count: int) -> bytes:
        if count != 6:
            return real(count)
        value = bytes(6) if len(given) < 3 else len(given).to_bytes(6, "big")
        given.append(value)
        return value

    monkeypatch.setattr(os, "urandom", guessable)
    return given


def plant_temporaries(target: Path, victim: Path) -> list[Path]:
    """Links at every name the next temporary files for ``target`` could take, old (the
    process id alone) and new (process id and foreseen random part)."""
    links = [
        target.parent / f".{target.name}.{os.getpid()}.part",
        target.parent / f"{temporary_prefix(target)}{bytes(6).hex()}.part",
    ]
    for link in links:
        link.symlink_to(victim)
    return links


# --- every file newsdoc creates -------------------------------------------------------------


def test_an_output_that_is_a_link_is_refused_with_or_without_force(shared: Path) -> None:
    Path("a.json").write_text(article())
    Path("out").mkdir()
    Path("out/a.html").symlink_to(shared / "private" / "victim")
    for extra in ([], ["--force"]):
        result = run("convert", "a.json", "-t", "html", "-o", "out/", *extra)
        assert result.exit_code == 1, result.output
        assert "out/a.html exists and is not a regular file" in result.output
        assert Path("out/a.html").is_symlink()
    untouched(shared)


def test_a_link_planted_at_a_temporary_name_is_never_written_through(
    shared: Path, foreseen: list[bytes]
) -> None:
    Path("a.json").write_text(article())
    Path("out").mkdir()
    links = plant_temporaries(shared / "out" / "a.html", shared / "private" / "victim")
    result = run("convert", "a.json", "-t", "html", "-o", "out/")
    assert result.exit_code == 0, result.output
    assert len(foreseen) > 1  # the foreseen name was taken: another was tried
    assert Path("out/a.html").is_file()
    assert not Path("out/a.html").is_symlink()
    assert all(link.is_symlink() for link in links)
    untouched(shared)


def test_the_helper_refuses_links_at_the_destination_and_in_the_folders_below_the_root(
    shared: Path,
) -> None:
    victim = shared / "private" / "victim"
    Path("root").mkdir()
    Path("root/link").symlink_to(victim)
    with pytest.raises(OverwriteError, match="is a symbolic link"):
        write_atomic("root/link", b"new")
    Path("root/away").symlink_to(shared / "private")
    with pytest.raises(OverwriteError, match="root/away is a symbolic link"):
        write_atomic("root/away/new.txt", b"new", within="root")
    Path("root/nowhere").symlink_to(shared / "missing")
    with pytest.raises(OverwriteError, match="root/nowhere is a symbolic link"):
        write_atomic("root/nowhere/deeper/new.txt", b"new", within="root")
    assert not (shared / "missing").exists()
    with pytest.raises(OverwriteError, match="outside"):
        write_atomic("elsewhere.txt", b"new", within="root")
    # a link put at the destination while the file is written is replaced, not followed
    output = AtomicFile("root/late.txt")
    output.stream.write(b"whole")
    Path("root/late.txt").symlink_to(victim)
    with pytest.raises(OverwriteError, match="is a symbolic link"):
        output.commit()
    assert sorted(p.name for p in Path("root").iterdir()) == ["away", "late.txt", "link", "nowhere"]
    # folders below the root are made, and the file lands whole
    write_atomic("root/a/b/c.txt", b"whole", within="root")
    assert Path("root/a/b/c.txt").read_bytes() == b"whole"
    untouched(shared)


def test_the_manifest_as_a_link_is_neither_followed_nor_replaced(shared: Path) -> None:
    Path("a.json").write_text(article())
    Path("out").mkdir()
    Path("out", MANIFEST).symlink_to(shared / "private" / "victim")
    result = run("convert", "a.json", "-t", "json", "-o", "out/")
    assert result.exit_code == 1
    assert "cannot record the output" in result.output
    assert Path("out", MANIFEST).is_symlink()
    assert not Path("out/a.json").exists()
    untouched(shared)


def test_manifest_compaction_never_writes_through_a_planted_link(
    shared: Path, foreseen: list[bytes]
) -> None:
    Path("a.json").write_text(article())
    assert run("convert", "a.json", "-t", "json", "-o", "out/").exit_code == 0
    journal = Path("out", MANIFEST)
    line = journal.read_bytes()
    old = json.dumps({**json.loads(line), "size": 1}).encode() + b"\n"
    journal.write_bytes(old * 80 + line)  # many superseded records: the next run compacts
    links = plant_temporaries(shared / "out" / MANIFEST, shared / "private" / "victim")
    result = run("convert", "a.json", "-t", "json", "-o", "out/")
    assert result.exit_code == 0, result.output
    assert not journal.is_symlink()
    assert journal.is_file()
    assert journal.read_bytes() == line  # compacted, by a file of its own
    assert all(link.is_symlink() for link in links)
    untouched(shared)


def test_an_output_subfolder_that_is_a_link_is_refused(shared: Path) -> None:
    Path("archive/2024").mkdir(parents=True)
    Path("archive/2024/a.json").write_text(article())
    Path("site").mkdir()
    Path("site/2024").symlink_to(shared / "private")
    result = run("convert", "archive/", "-t", "html", "-o", "site/")
    assert result.exit_code == 1
    assert "site/2024 is a symbolic link; newsdoc writes nothing through one" in result.output
    untouched(shared)


def test_report_at_a_link_or_at_a_file_the_conversion_read_is_refused(shared: Path) -> None:
    Path("images").mkdir()
    picture = png(12, 8)
    Path("images/pier.png").write_bytes(picture)
    figure = {"type": "figure", "src": "images/pier.png", "alt": "The north pier at dusk"}
    Path("a.json").write_text(article(lead_image=figure))
    Path("report.jsonl").symlink_to(shared / "private" / "victim")
    for extra in ([], ["--force"]):
        result = run(
            "convert", "a.json", "-t", "html", "-o", "out/", "--report", "report.jsonl", *extra
        )
        assert result.exit_code == 2
        assert "exists and is not a regular file" in result.output
    result = run(
        "convert", "a.json", "-t", "html", "-o", "out/", "--report", "images/pier.png", "--force"
    )
    assert result.exit_code == 2
    assert "images/pier.png is a file this conversion read" in result.output
    assert Path("images/pier.png").read_bytes() == picture
    assert sorted(os.listdir("images")) == ["pier.png"]  # no temporary file left
    untouched(shared)


# --- pictures written from Word documents ---------------------------------------------------


@pytest.mark.parametrize(
    ("images_dir", "plant"),
    [
        ("pictures", lambda s: Path("in/pictures").symlink_to(s / "private")),
        ("media/pictures", lambda s: Path("in/media").symlink_to(s / "private")),
        ("pictures", lambda s: Path("in/pictures").symlink_to(s / "private" / "new")),
    ],
    ids=["folder-link", "parent-link", "dangling-link"],
)
def test_images_dir_through_a_link_is_refused(shared: Path, images_dir: str, plant: object) -> None:
    Path("in").mkdir()
    Path("in/storm.docx").write_bytes(word(2))
    plant(shared)  # type: ignore[operator]
    result = run("convert", "in/storm.docx", "-t", "json", "-o", "out/", "--images-dir", images_dir)
    assert result.exit_code != 0
    assert "is a symbolic link; newsdoc writes nothing through one" in result.output
    assert not Path("out/storm.json").exists()
    untouched(shared)


def test_a_picture_name_planted_as_a_link_is_refused(shared: Path) -> None:
    Path("in/pictures").mkdir(parents=True)
    Path("in/storm.docx").write_bytes(word(1))
    assert (
        run(
            "convert", "in/storm.docx", "-t", "json", "-o", "first/", "--images-dir", "pictures"
        ).exit_code
        == 0
    )
    [written] = list(Path("in/pictures").iterdir())
    written.unlink()
    written.symlink_to(shared / "private" / "victim")  # the name is foreseen: the digest
    result = run("convert", "in/storm.docx", "-t", "json", "-o", "out/", "--images-dir", "pictures")
    assert result.exit_code != 0
    assert f"{written.name} is a symbolic link" in result.output
    untouched(shared)


def test_pictures_land_in_a_real_images_dir_and_are_written_once(shared: Path) -> None:
    Path("in").mkdir()
    Path("in/storm.docx").write_bytes(word(3))
    args = ["convert", "in/storm.docx", "-t", "html", "-o", "out/", "--images-dir", "a/b"]
    assert run(*args).exit_code == 0
    files = sorted(Path("in/a/b").iterdir())
    times = [p.stat().st_mtime_ns for p in files]
    assert len(files) == 3
    assert run(*args, "--force").exit_code == 0
    assert [p.stat().st_mtime_ns for p in sorted(Path("in/a/b").iterdir())] == times


# --- inputs found through folders and patterns ----------------------------------------------


def walk_tree(shared: Path) -> None:
    """archive/ with an input of its own, links to a private file and a private folder, a
    link to a file and a folder inside, and a link leading nowhere."""
    Path("private/x.json").write_text(article(9))
    Path("private/more").mkdir()
    Path("private/more/y.json").write_text(article(8))
    Path("archive/local").mkdir(parents=True)
    Path("archive/own.json").write_text(article(1))
    Path("archive/local/kept.json").write_text(article(2))
    Path("archive/report.json").symlink_to("../private/x.json")
    Path("archive/absolute.json").symlink_to(shared / "private" / "x.json")
    Path("archive/away").symlink_to("../private/more")
    Path("archive/alias.json").symlink_to("local/kept.json")
    Path("archive/again").symlink_to("local")
    Path("archive/gone.json").symlink_to("../private/none.json")


def test_a_folder_walk_leaves_links_out_of_the_folder_out_with_a_warning(shared: Path) -> None:
    walk_tree(shared)
    result = run("convert", "archive/", "-t", "html", "-o", "site/")
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to("site")) for p in Path("site").rglob("*.html"))
    assert written == ["alias.html", "own.html"]  # kept.json once, through its first name
    for link in ("report.json", "absolute.json"):
        assert f"archive/{link} is a link to a file outside archive; skipped" in result.output
    assert "archive/away is a link to a folder outside archive; not searched" in result.output
    assert "archive/gone.json is a link that leads nowhere; skipped" in result.output
    published = "".join(p.read_text(encoding="utf-8") for p in Path("site").rglob("*.html"))
    assert "part 9" not in published  # the private article is nowhere
    assert "part 1" in published


def test_follow_links_reads_them(shared: Path) -> None:
    walk_tree(shared)
    result = run("convert", "archive/", "-t", "json", "-o", "site/", "--follow-links")
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to("site")) for p in Path("site").rglob("*.json"))
    # report.json is the same file as absolute.json: taken once
    assert written == ["absolute.json", "alias.json", "away/y.json", "own.json"]
    assert "leads nowhere" in result.output


def test_a_pattern_leaves_links_out_of_its_folder_out(shared: Path) -> None:
    walk_tree(shared)
    result = run("convert", "archive/**/*.json", "-t", "json", "-o", "site/")
    assert result.exit_code == 0, result.output
    written = sorted(str(p.relative_to("site")) for p in Path("site").rglob("*.json"))
    assert "report.json" not in written
    assert "absolute.json" not in written
    assert not any(name.startswith("away") for name in written)
    assert "own.json" in written
    assert "archive/report.json is a link to a file outside archive" in result.output
    with_links = run("convert", "archive/*.json", "-t", "json", "-o", "all/", "--follow-links")
    assert with_links.exit_code == 0
    assert Path("all/absolute.json").is_file()


def test_the_library_says_the_same(shared: Path) -> None:
    walk_tree(shared)
    with pytest.warns(nd.NewsdocWarning, match="archive/report.json is a link"):
        results = nd.convert("archive/", "json", "lib/")
    assert sorted(r.source for r in results) == [
        "archive/alias.json",
        "archive/own.json",
    ]


# --- the manifest ---------------------------------------------------------------------------


def test_a_manifest_line_of_more_than_64_kib_is_read(shared: Path) -> None:
    Path("images").mkdir()
    blocks = []
    for i in range(1500):
        Path(f"images/picture-{i:04d}.png").write_bytes(png(2 + i % 40, 2 + i // 40))
        blocks.append({"type": "figure", "src": f"images/picture-{i:04d}.png", "alt": f"{i}"})
    Path("many.json").write_text(article(sections=[{"blocks": blocks}]))
    first = run("convert", "many.json", "-t", "html", "-o", "out/")
    assert first.exit_code == 0, first.output[-500:]
    longest = max(len(line) for line in Path("out", MANIFEST).read_bytes().splitlines())
    assert longest > 64 * 1024
    again = run("convert", "many.json", "-t", "html", "-o", "out/", "--verbose")
    assert again.exit_code == 0, again.output[-500:]
    assert "out/many.html: up to date" in again.output


# --- what reaches the terminal --------------------------------------------------------------

HOSTILE = (f"{ESC}[2J", f"{ESC}]0;", f"{ESC}[31m", "\u202e", "\u2066", "\x9b", "\r")


def no_hostile_text(output: str) -> None:
    """Nothing in ``output`` a terminal would act on but newsdoc's own colours."""
    own = output
    for colour in (f"{ESC}[31m{ESC}[1merror: {ESC}[0m", f"{ESC}[33m{ESC}[1mwarning: {ESC}[0m"):
        own = own.replace(colour, "")
    for sequence in HOSTILE:
        assert sequence not in own, (sequence, output)


def test_escapes_in_file_names_keys_values_and_warnings_are_shown_escaped(shared: Path) -> None:
    folder = Path("drop")
    folder.mkdir()
    (folder / f"n{ESC}[2Jame.json").write_text(article(1))
    (folder / f"bad{ESC}[31m\u202eegap.json").write_text("not json at all")
    key = f"bogus{ESC}]0;title\x07\u2066KEY"
    (folder / "key.json").write_text(article(2).replace('"kind"', json.dumps(key) + ': 1, "kind"'))
    (folder / "value.json").write_text(article(3, published=f"2024{ESC}[2J\x9b1m"))
    (folder / f"links{ESC}[2J.json").symlink_to(Path("..", "private", "victim"))
    result = run("convert", "drop/", "-t", "json", "-o", "out/", "--report", "report.jsonl")
    assert result.exit_code == 1
    no_hostile_text(result.output)
    assert "n\\x1b[2Jame.json" in result.output  # shown, escaped
    assert "bad\\x1b[31m\\u202eegap.json" in result.output
    assert "bogus\\x1b]0;title\\x07\\u2066KEY" in result.output
    assert "links\\x1b[2J.json is a link to a file outside" in result.output
    assert Path("out", f"n{ESC}[2Jame.json").is_file()  # the name itself is kept
    # the report keeps the exact values, as JSON escapes
    report = Path("report.jsonl").read_text(encoding="utf-8")
    no_hostile_text(report)
    sources = {json.loads(line)["source"] for line in report.splitlines()}
    assert f"drop/bad{ESC}[31m\u202eegap.json" in sources
    assert any(key in (json.loads(line)["error"] or "") for line in report.splitlines())


def test_a_name_cannot_forge_a_line_of_its_own(shared: Path) -> None:
    Path("a\nerror: all inputs converted\r.json").write_text("[1, 2")
    result = run("convert", "a\nerror: all inputs converted\r.json", "-t", "json", "-o", "out/")
    assert result.exit_code == 2
    assert not any(line.startswith("error: all inputs") for line in result.output.splitlines())
    assert "a\\nerror: all inputs converted\\r.json" in result.output


def test_clicks_own_messages_are_escaped_too(shared: Path) -> None:
    result = run("convert", "a.json", f"--no-such{ESC}[2J\u202e", "-t", "json")
    assert result.exit_code == 2
    no_hostile_text(result.output)
    assert "\\x1b[2J\\u202e" in result.output


def test_printable_escapes_every_control_and_keeps_plain_text() -> None:
    text = "Zürich — «Hafen» 東京 ok\tcolumn\n  continued"
    assert printable(text) == text
    for code in [*range(0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)]:
        assert chr(code) not in printable(f"x{chr(code)}y")
    for char in "\u061c\u200e\u200f\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2069":
        assert printable(char) == f"\\u{ord(char):04x}"
    undecodable = b"caf\xe9.json".decode("utf-8", "surrogateescape")
    assert printable(undecodable) == "caf\\xe9.json"


def test_a_user_on_a_terminal_sees_escaped_names(shared: Path) -> None:
    """As a subprocess: the real command, its real streams."""
    name = f"wire{ESC}[2J{ESC}]0;owned\x07.json"
    Path(name).write_text("{broken")
    result = subprocess.run(
        [sys.executable, "-m", "newsdoc", "convert", name, "-t", "json", "-o", "out/"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert ESC not in result.stderr
    assert "wire\\x1b[2J\\x1b]0;owned\\x07.json" in result.stderr
