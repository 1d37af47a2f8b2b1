"""Planning a conversion: which inputs, and where each output goes. Names are decided here alone.

- :func:`find_sources` turns what the user named (files, folders, glob patterns, URLs, ``-``)
  into :class:`Source` values, each with the path below its folder that names its outputs.
- :func:`destination` reads ``--out`` the way pandoc users expect: ``-o FILE.ext`` is that
  file, ``-o DIR/`` (or an existing folder, or several outputs) a folder, ``-o -`` standard
  output, and no ``-o`` the folder of each input.
- :func:`targets` gives every (input, format) its output path, with the one naming rule:
  ``NAME`` without its input extension, plus the format's extension; when several inputs of a
  folder share a name (``article.md`` and ``article.json``), each of their outputs keeps the
  input's whole name (``article.md.html``, ``article.json.html``). An output that would land on
  an input, or on another output, is refused here, before anything runs.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import NewsdocError, UnknownFormatError, UsageError
from newsdoc.formats import Format, available_formats, format_for_path

__all__ = [
    "STDOUT",
    "Destination",
    "Planned",
    "Resolver",
    "Source",
    "destination",
    "find_sources",
    "is_pattern",
    "is_url",
    "output_stem",
    "targets",
]

#: The name of standard input and standard output.
STDOUT = "-"
_GLOB_CHARS = frozenset("*?[")
SourceKind = Literal["file", "url", "stdin"]


def is_url(text: str) -> bool:
    """Whether ``text`` is an http(s) URL."""
    return text.lower().startswith(("http://", "https://"))


@attrs.frozen
class Source:
    """One input: a file (``location`` is its path), a URL, or standard input (``-``).

    ``relative`` is its path below the folder or pattern it was found through; it names the
    outputs and their place below an output folder.
    """

    location: str
    relative: str
    kind: SourceKind = "file"

    @property
    def folder(self) -> Path:
        """The folder of a file input (relative images resolve there), else the current one."""
        return Path(self.location).parent if self.kind == "file" else Path(".")


def is_pattern(text: str) -> bool:
    """Whether ``text`` holds glob characters (``*``, ``?``, ``[``)."""
    return any(char in _GLOB_CHARS for char in text)


def _readable(path: Path) -> bool:
    try:
        format_for_path(path, readable=True)
    except UnknownFormatError:
        return path.suffix.lower() in (".xml", ".json")  # told by their content
    return True


def find_sources(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    reader: str | None = None,
    skip: Iterable[str | os.PathLike[str]] = (),
    follow_links: bool = False,
) -> Iterator[Source]:
    """Every input the arguments name, lazily, each once.

    A file stands for itself; a folder for every file in it that newsdoc can read (every
    file, when ``reader`` names the format); a glob pattern (``archive/**/*.json``) for the
    files it matches, placed below the pattern's fixed leading folders; a URL and ``-`` (or
    ``/dev/stdin``) for themselves. Walking folders and patterns leaves out the files newsdoc
    itself wrote there (recorded in the folder's manifest) and the folders in ``skip`` (the
    output folder), so outputs never come back as inputs. A file named twice is taken once.

    A folder or pattern yields only files inside it: a symbolic link met on the way that
    leads outside the folder (``report.docx -> ../private/x.docx``), or nowhere, is left out
    with a warning naming it, unless ``follow_links``; a link that stays inside is followed.
    A file named itself is read wherever it leads (the user named it).

    >>> [s.location for s in find_sources(["examples/"])][:2]
    ['examples/article.json', 'examples/article.md']
    >>> [s.relative for s in find_sources(["examples/*.json"])]
    ['article.json', 'collection.json']
    """
    from .manifest import Manifest

    skipped = {os.path.realpath(os.fspath(folder)) for folder in skip}
    manifests: dict[str, Manifest] = {}
    seen: set[str] = set()
    resolve = Resolver()

    def fresh(path: str) -> bool:
        key = resolve(path)
        if key in seen:
            return False
        seen.add(key)
        return True

    def walked(found: Path) -> bool:
        """Whether a file met on a walk is an input (not newsdoc's own output)."""
        folder = str(found.parent)
        manifest = manifests.get(folder)
        if manifest is None:
            manifest = manifests[folder] = Manifest(found.parent)
        return not manifest.owns(found.name)

    for given in inputs:
        text = os.fspath(given)
        if text in (STDOUT, "/dev/stdin"):
            if fresh(STDOUT):
                yield Source(STDOUT, "stdin", "stdin")
            continue
        if is_url(text):
            try:
                name = PurePosixPath(urlsplit(text).path).name or "index"
            except ValueError:  # refused with a message when the run is prepared
                name = "index"
            if fresh(text):
                yield Source(text, name, "url")
            continue
        path = Path(text)
        if path.is_dir():
            for found, link in _walk(path, skipped, follow_links):
                if reader is None and not _readable(found):
                    continue
                if link and not _confined(found, path, os.path.realpath(found), follow_links):
                    continue
                if walked(found) and fresh(str(found)):
                    yield Source(str(found), str(found.relative_to(path)))
        elif is_pattern(text) and not path.exists():
            base = _fixed_prefix(text)
            for match in sorted(glob.iglob(text, recursive=True)):
                found = Path(match)
                if not found.is_file() and not found.is_symlink():
                    continue
                real = resolve(match)
                linked = real != os.path.normpath(os.path.abspath(match))
                if linked and not _confined(found, Path(base), real, follow_links):
                    continue  # ('..' written in the pattern is the user's own choice)
                if not found.is_file() or not walked(found) or not fresh(match):
                    continue
                relative = os.path.normpath(os.path.relpath(match, base))
                if relative.startswith("..") or os.path.isabs(relative):
                    relative = found.name  # never a place outside the output folder
                yield Source(match, relative)
        elif path.is_file():
            if fresh(text):
                yield Source(text, path.name)
        elif path.exists() or path.is_symlink():
            raise NewsdocError(f"cannot read {text}: not a regular file")
        else:
            raise NewsdocError(f"cannot read {text}: no such file or folder")


def _walk(root: Path, skipped: set[str], follow_links: bool) -> Iterator[tuple[Path, bool]]:
    """The files below ``root`` and whether each is a symbolic link, in name order, a folder's
    files before its subfolders; hidden names and the folders in ``skipped`` are left out. A
    link to a folder is walked when it stays inside ``root`` (or with ``follow_links``), each
    real folder once (no loops)."""
    top = os.path.realpath(root)
    visited: set[str] = set()

    def visit(folder: Path) -> Iterator[tuple[Path, bool]]:
        real = os.path.realpath(folder)
        if real in visited:
            return
        visited.add(real)
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError:
            return
        below: list[Path] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            found = folder / entry.name
            try:
                is_folder = entry.is_dir()
            except OSError:
                is_folder = False
            if not is_folder:
                yield found, entry.is_symlink()  # a link is checked by the caller
                continue
            target = os.path.realpath(found)
            if target in skipped:
                continue
            if entry.is_symlink() and not (follow_links or _inside(target, top)):
                warn(
                    f"{found} is a link to a folder outside {root}; not searched "
                    "(--follow-links searches it)",
                    code="dropped",
                    where="inputs",
                )
                continue
            below.append(found)
        for folder_below in below:
            yield from visit(folder_below)

    yield from visit(root)


def _inside(real: str, top: str) -> bool:
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _confined(found: Path, root: Path, real: str, follow_links: bool) -> bool:
    """Whether the file ``found`` (resolved: ``real``), met below the folder ``root``, may be
    read: a symbolic link that leads outside ``root`` (unless ``follow_links``) or nowhere is
    left out, with a warning naming it."""
    if not os.path.exists(real):
        warn(f"{found} is a link that leads nowhere; skipped", code="dropped", where="inputs")
        return False
    if follow_links or _inside(real, os.path.realpath(root)):
        return True
    warn(
        f"{found} is a link to a file outside {root}; skipped (--follow-links reads it)",
        code="dropped",
        where="inputs",
    )
    return False


def _fixed_prefix(pattern: str) -> str:
    fixed: list[str] = []
    for part in Path(pattern).parts[:-1]:
        if is_pattern(part):
            break
        fixed.append(part)
    return str(Path(*fixed)) if fixed else "."


@attrs.frozen
class Destination:
    """Where outputs go: ``beside`` each input, into a ``folder``, one ``file``, or ``stdout``."""

    mode: Literal["beside", "folder", "file", "stdout"]
    path: str | None = None


def destination(
    out: str | None, sources: Sequence[Source], formats: Sequence[Format], *, many: bool = False
) -> Destination:
    """How to read ``--out`` for these inputs and formats (pandoc's conventions).

    ``many`` says the inputs named a folder or a pattern (so there may be several outputs
    whatever was found).

    >>> from newsdoc.formats import get_format
    >>> one = [Source("a.json", "a.json")]
    >>> destination("page.html", one, [get_format("html")]).mode
    'file'
    >>> destination("site/", one, [get_format("html")]).mode
    'folder'
    """
    several_outputs = many or len(sources) != 1 or len(formats) > 1
    if out == STDOUT:
        if several_outputs:
            raise UsageError(
                f"standard output holds one output; {_count(sources, formats)} were asked for "
                "(name a folder with --out DIR/)"
            )
        return Destination("stdout")
    if out is None:
        if any(s.kind != "file" for s in sources):
            if several_outputs:
                raise UsageError(
                    "name an output folder with --out DIR/ for URLs and standard input"
                )
            return Destination("stdout")
        return Destination("beside")
    path = Path(out)
    if out.endswith(("/", os.sep)) or path.is_dir():
        return Destination("folder", out)
    named_file = (path.exists() and not path.is_dir()) or _writable_extension(path.name)
    if several_outputs and named_file:
        if path.exists():
            raise UsageError(f"--out {out} is a file; name a folder for {_count(sources, formats)}")
        raise UsageError(
            f"{_count(sources, formats)} cannot go into one file ({out}); name a folder "
            f"({path.with_suffix('')}/) or one format"
        )
    if several_outputs or not (named_file or path.suffix):
        return Destination("folder", out)
    return Destination("file", out)


def _writable_extension(name: str) -> bool:
    lower = name.lower()
    suffix = PurePosixPath(lower).suffix.lstrip(".")
    return any(
        (lower.endswith(ext) and len(lower) > len(ext)) or suffix in fmt.aliases
        for fmt in available_formats()
        if fmt.writable
        for ext in fmt.extensions
    )


def _count(sources: Sequence[Source], formats: Sequence[Format]) -> str:
    if len(formats) > 1 and len(sources) == 1:
        return f"{len(formats)} formats"
    return "several inputs"


def output_stem(name: str) -> str:
    """A file name without its input extension (the longest one a format knows, else its
    last suffix): ``a.ninjs.json`` is ``a``, ``article.v2.json`` is ``article.v2``.

    >>> output_stem("item.newsml.xml"), output_stem("notes.v2.md"), output_stem("feed.xml")
    ('item', 'notes.v2', 'feed')
    """
    lower = name.lower()
    best = ""
    for fmt in available_formats():
        for ext in fmt.extensions:
            if lower.endswith(ext) and len(ext) > len(best) and len(name) > len(ext):
                best = ext
    if best:
        return name[: -len(best)]
    stem = PurePosixPath(name).stem
    return stem or name


@attrs.frozen
class Planned:
    """One output of one input: its format, its path (``None``: standard output), or the
    reason it will not be written."""

    format: Format
    path: str | None
    refusal: str | None = None


def _place(source: Source, fmt: Format, dest: Destination, whole_name: bool) -> str:
    relative = source.relative.replace(os.sep, "/")
    _, _, filename = relative.rpartition("/")
    base = filename if whole_name else output_stem(filename)
    if dest.mode == "beside":
        return str(_folder(os.path.dirname(source.location), "") / (base + fmt.extension))
    assert dest.path is not None
    parent, _, _ = relative.rpartition("/")
    return str(_folder(dest.path, parent) / (base + fmt.extension))


@lru_cache(maxsize=4096)
def _folder(base: str, relative: str) -> Path:
    """``base`` and below it the folders of ``relative`` (made once for the many files of a
    folder)."""
    return Path(base, *PurePosixPath(relative).parts)


class Resolver:
    """:func:`os.path.realpath` for the many files of a few folders: each folder is resolved
    once, and a file only checked for being a symbolic link itself.

    >>> resolve = Resolver()
    >>> resolve("examples/article.json") == os.path.realpath("examples/article.json")
    True
    """

    def __init__(self) -> None:
        self.folders: dict[str, str] = {}

    def __call__(self, path: str) -> str:
        head, tail = os.path.split(path)
        if not tail or tail in (os.curdir, os.pardir) or os.path.islink(path):
            return os.path.realpath(path)
        real = self.folders.get(head)
        if real is None:
            real = self.folders[head] = os.path.realpath(head or os.curdir)
        return os.path.join(real, tail)


def _key(path: str, resolve: Callable[[str], str] = os.path.realpath) -> str:
    return os.path.normcase(resolve(path))


def targets(
    sources: Sequence[Source], formats: Sequence[Format], dest: Destination
) -> list[list[Planned]]:
    """The outputs of every input, in input order: see the module docstring for the rules.

    >>> from newsdoc.formats import get_format
    >>> found = [Source("news/a.md", "a.md"), Source("news/a.json", "a.json")]
    >>> plan = targets(found, [get_format("html")], Destination("folder", "out"))
    >>> [p.path for outputs in plan for p in outputs]
    ['out/a.md.html', 'out/a.json.html']
    """
    if dest.mode == "stdout":
        return [[Planned(fmt, None) for fmt in formats] for _ in sources]
    if dest.mode == "file":
        assert dest.path is not None
        return _refuse_inputs(sources, [[Planned(formats[0], dest.path)]])
    resolve = Resolver()
    whole = [False] * len(sources)
    for _ in range(2):
        by_path: dict[str, list[int]] = {}
        for index, source in enumerate(sources):
            for fmt in formats:
                place = _place(source, fmt, dest, whole[index])
                by_path.setdefault(_key(place, resolve), []).append(index)
        clashing = {i for owners in by_path.values() if len(set(owners)) > 1 for i in owners}
        if not clashing - {i for i, w in enumerate(whole) if w}:
            break
        for index in clashing:
            whole[index] = True
    plans: list[list[Planned]] = []
    taken: dict[str, str] = {}
    for index, source in enumerate(sources):
        outputs = []
        for fmt in formats:
            path = _place(source, fmt, dest, whole[index])
            owner = taken.setdefault(_key(path, resolve), source.location)
            refusal = None
            if owner != source.location:
                refusal = f"its {fmt.name} output {path} would replace that of {owner}"
            outputs.append(Planned(fmt, path, refusal))
        plans.append(outputs)
    return _refuse_inputs(sources, plans, resolve)


def _refuse_inputs(
    sources: Sequence[Source],
    plans: list[list[Planned]],
    resolve: Callable[[str], str] = os.path.realpath,
) -> list[list[Planned]]:
    inputs = {_key(s.location, resolve): s.location for s in sources if s.kind == "file"}
    checked: list[list[Planned]] = []
    for outputs in plans:
        row = []
        for planned in outputs:
            victim = inputs.get(_key(planned.path, resolve)) if planned.path is not None else None
            if victim is not None and planned.refusal is None:
                planned = attrs.evolve(
                    planned,
                    refusal=f"its {planned.format.name} output would overwrite the input "
                    f"{victim}; name another place with --out",
                )
            row.append(planned)
        checked.append(row)
    return checked
