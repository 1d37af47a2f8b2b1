"""The DOCX package, checked before anything reads it, and its document properties.

A DOCX file is a zip archive of XML parts. :func:`open_package` refuses, before mammoth sees
a byte, what a Word document never needs and an attacker would use:

- an archive of more than :data:`MAX_ENTRIES` entries, an entry over :data:`MAX_PART_BYTES`
  (:data:`MAX_PICTURE_BYTES` for a picture), more than :data:`MAX_TOTAL_BYTES` in all, or an
  entry that unpacks to more than :data:`MAX_RATIO` times its packed size (zip bombs); Python's
  zip reader never unpacks more than an entry's declared size, so these limits hold;
- encrypted entries, and two entries of one name;
- an XML part whose document type declaration declares entities (Word never writes one),
  or with more attributes than the limits allow, checked in every part by the XML gate
  (:func:`newsdoc.markup.xml.gate`) as an XML parser reads it, whatever its encoding; any
  other entry that reads as XML passes the gate too (mammoth reads the parts the
  relationships name, whatever their names). mammoth is given the parts as the gate passed
  them (UTF-8, without a DOCTYPE naming a DTD, which is never opened), and parts that are not
  well-formed XML are refused where newsdoc reads them itself;
- content linked from outside the document: a relationship of the body, its footnotes or its
  endnotes with ``TargetMode="External"`` other than a hyperlink (a linked picture, an
  external sub-document or chunk). Such targets are never opened; with
  ``linked_content="omit"`` the document is read without them, with a warning.

:class:`CoreProperties` are the document's properties (``docProps/core.xml``): title,
subject, creator, keywords, description, language, category, and the created and modified
date-times, with the time zone they carry (UTC, with a warning, when they carry none).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
import zlib
from typing import Literal

import attrs

from newsdoc.diagnostics import warn
from newsdoc.errors import InvalidDocumentError, LimitError, Problem
from newsdoc.markup.attributes import check_attributes
from newsdoc.markup.xml import Element, etree, gate, looks_like_xml, parse
from newsdoc.model import checks as C

__all__ = [
    "MAX_ENTRIES",
    "MAX_PART_BYTES",
    "MAX_PICTURE_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "CoreProperties",
    "Package",
    "open_package",
]

#: The most entries a DOCX archive may have.
MAX_ENTRIES = 10_000
#: The largest XML part, unpacked.
MAX_PART_BYTES = 64 * 1024 * 1024
#: The largest picture, unpacked (as for any picture newsdoc loads).
MAX_PICTURE_BYTES = 25 * 1024 * 1024
#: The most bytes all entries may unpack to.
MAX_TOTAL_BYTES = 256 * 1024 * 1024
#: The most an entry of over a mebibyte may unpack to, as a multiple of its packed size.
MAX_RATIO = 100

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE_TYPE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}
# The parts whose relationships hold the content mammoth reads.
_CONTENT_RELS = (
    "word/_rels/document.xml.rels",
    "word/_rels/footnotes.xml.rels",
    "word/_rels/endnotes.xml.rels",
)
_FRACTION = re.compile(r"(\.\d{6})\d+")


def _refuse(message: str, source: str | None) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


@attrs.frozen
class CoreProperties:
    """The document properties newsdoc maps (see the module docstring); ``None`` if absent."""

    title: str | None = None
    subject: str | None = None
    creator: str | None = None
    keywords: str | None = None
    description: str | None = None
    language: str | None = None
    category: str | None = None
    created: dt.datetime | None = None
    modified: dt.datetime | None = None


@attrs.frozen
class Package:
    """A checked DOCX archive: its bytes, its entries, what it counts, its properties."""

    data: bytes
    names: frozenset[str]
    core: CoreProperties
    default_language: str | None
    comments: int
    tracked_changes: bool
    external: tuple[tuple[str, str], ...]  # (relationship kind, target) left out

    @property
    def linked_pictures(self) -> int:
        """How many linked pictures were left out (``linked_content="omit"``)."""
        return sum(1 for kind, _ in self.external if kind == "image")


def open_package(
    data: bytes, *, source: str | None, linked_content: Literal["error", "omit"] = "error"
) -> Package:
    """The checked package of ``data`` (see the module docstring for what is refused)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        OSError,
        ValueError,
        EOFError,
        NotImplementedError,  # a zip version or feature the zipfile module lacks
    ):
        raise _refuse("not a DOCX file: not a zip archive newsdoc can read", source) from None
    with archive:
        _check_entries(infos, source)
        names = frozenset(info.filename for info in infos)
        if "word/document.xml" not in names:
            raise _refuse("not a Word document: the archive has no word/document.xml", source)
        parts: dict[str, bytes] = {}
        changed: dict[str, bytes] = {}
        for info in infos:
            named_xml = info.filename.lower().endswith((".xml", ".rels"))
            if not named_xml and not _starts_as_xml(archive, info, source):
                continue
            raw = _read(archive, info, source)
            checked = gate(
                raw,
                source=source,
                max_bytes=MAX_PART_BYTES,
                where=f"the DOCX part {info.filename[:80]!r}",
                count_attributes=False,
            )
            # Word writes many attributes (a long document holds hundreds of thousands), and
            # mammoth's parser takes them in linear time: one element's are counted.
            check_attributes(checked, source, f"the DOCX part {info.filename[:80]!r}", in_all=False)
            if checked != raw:
                changed[info.filename] = checked
            if named_xml:
                parts[info.filename] = checked
        if changed:  # mammoth is given the parts as they were checked: UTF-8, no DOCTYPE
            data = _rewritten(archive, infos, changed, source)
    external = _external_content(parts, source, linked_content)
    core = _core_properties(parts, source)
    document = parts["word/document.xml"]
    return Package(
        data=data,
        names=names,
        core=core,
        default_language=_default_language(parts.get("word/styles.xml"), source),
        comments=_count_comments(parts.get("word/comments.xml"), source),
        tracked_changes=b"<w:ins " in document or b"<w:del " in document,
        external=external,
    )


def _check_entries(infos: list[zipfile.ZipInfo], source: str | None) -> None:
    if len(infos) > MAX_ENTRIES:
        raise LimitError(
            f"the DOCX archive has {len(infos)} entries, more than the limit of {MAX_ENTRIES}",
            source,
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename
        if name in seen:
            raise _refuse(f"the DOCX archive holds two entries named {name[:80]!r}", source)
        seen.add(name)
        if info.flag_bits & 0x1:
            raise _refuse(f"the DOCX entry {name[:80]!r} is encrypted", source)
        picture = not name.lower().endswith((".xml", ".rels"))
        limit = MAX_PICTURE_BYTES if picture else MAX_PART_BYTES
        if info.file_size > limit:
            raise LimitError(
                f"the DOCX entry {name[:80]!r} unpacks to {info.file_size} bytes, more than "
                f"the limit of {limit}",
                source,
            )
        if info.file_size > 1024 * 1024 and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LimitError(
                f"the DOCX entry {name[:80]!r} unpacks to {info.file_size} bytes from "
                f"{info.compress_size}: refused as a zip bomb",
                source,
            )
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise LimitError(
            f"the DOCX archive unpacks to {total} bytes, more than the limit of {MAX_TOTAL_BYTES}",
            source,
        )


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | None) -> bytes:
    try:
        with archive.open(info) as stream:
            data = stream.read(info.file_size + 1)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise _refuse(f"the DOCX entry {info.filename[:80]!r} is damaged", source) from None
    except RuntimeError:  # an encrypted entry the flag did not announce
        raise _refuse(f"the DOCX entry {info.filename[:80]!r} is encrypted", source) from None
    return data


def _starts_as_xml(archive: zipfile.ZipFile, info: zipfile.ZipInfo, source: str | None) -> bool:
    """Whether an entry not named as XML is XML all the same (mammoth reads the parts the
    relationships name, whatever their names)."""
    try:
        with archive.open(info) as stream:
            head = stream.read(64)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise _refuse(f"the DOCX entry {info.filename[:80]!r} is damaged", source) from None
    except RuntimeError:
        raise _refuse(f"the DOCX entry {info.filename[:80]!r} is encrypted", source) from None
    return looks_like_xml(head)


def _rewritten(
    archive: zipfile.ZipFile,
    infos: list[zipfile.ZipInfo],
    changed: dict[str, bytes],
    source: str | None,
) -> bytes:
    """The archive with the ``changed`` entries in place of the originals."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for info in infos:
            data = changed.get(info.filename)
            if data is None:
                data = _read(archive, info, source)
            out.writestr(info.filename, data)
    return buffer.getvalue()


def _xml(parts: dict[str, bytes], name: str, source: str | None) -> Element | None:
    raw = parts.get(name)
    if raw is None:
        return None
    try:
        return parse(raw, source=source)
    except InvalidDocumentError:
        raise _refuse(f"the DOCX part {name!r} is not well-formed XML", source) from None


def _external_content(
    parts: dict[str, bytes], source: str | None, linked_content: str
) -> tuple[tuple[str, str], ...]:
    found: list[tuple[str, str]] = []
    for name in _CONTENT_RELS:
        root = _xml(parts, name, source)
        if root is None:
            continue
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("TargetMode", "").lower() != "external":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind == "hyperlink":
                continue
            target = rel.get("Target", "")
            what = "a linked picture" if kind == "image" else f"linked content ({kind[:40]})"
            if linked_content != "omit":
                raise _refuse(
                    f"the document links {what} from outside itself ({target[:80]!r}); "
                    "newsdoc never opens external targets (linked_content='omit', "
                    "--linked-content omit, reads the document without it)",
                    source,
                )
            warn(
                f"{what} from outside the document ({target[:80]!r}) left out, never opened",
                code="dropped",
                where="docx",
            )
            found.append((kind, target))
    return tuple(found)


def _core_properties(parts: dict[str, bytes], source: str | None) -> CoreProperties:
    name = "docProps/core.xml"
    rels = _xml(parts, "_rels/.rels", source)
    if rels is not None:
        for rel in rels.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == _CORE_TYPE and rel.get("TargetMode") != "External":
                name = rel.get("Target", name).lstrip("/")
    root = _xml(parts, name, source)
    if root is None:
        return CoreProperties()

    def text(path: str) -> str | None:
        element = root.find(path, _CORE_NS)
        if element is None:
            return None
        value = C.strip_bad_chars("".join(element.itertext())).strip()
        return value or None

    return CoreProperties(
        title=text("dc:title"),
        subject=text("dc:subject"),
        creator=text("dc:creator"),
        keywords=text("cp:keywords"),
        description=text("dc:description"),
        language=text("dc:language"),
        category=text("cp:category"),
        created=_when(text("dcterms:created"), "created"),
        modified=_when(text("dcterms:modified"), "updated"),
    )


def _when(value: str | None, where: str) -> dt.datetime | None:
    """A W3CDTF date-time of the properties; without a zone, UTC, with a warning."""
    if value is None:
        return None
    try:
        parsed = dt.datetime.fromisoformat(_FRACTION.sub(r"\1", value.replace("z", "Z")))
    except ValueError:
        warn(f"the document's {where} date {value[:40]!r} is not a date; left out", code="dropped")
        return None
    if parsed.year < 1900:  # LibreOffice and Word write 1601 or 0001 for "never"
        return None
    if parsed.tzinfo is None:
        warn(
            f"the document's {where} date names no time zone; UTC assumed",
            code="assumed",
            where=where,
        )
        parsed = parsed.replace(tzinfo=dt.UTC)
    return parsed


def _default_language(raw: bytes | None, source: str | None) -> str | None:
    """The language of the document's default run properties (``w:docDefaults``)."""
    if raw is None:
        return None
    try:
        root = parse(raw, source=source)
    except InvalidDocumentError:
        return None
    found = root.find(f".//{{{_W_NS}}}docDefaults//{{{_W_NS}}}lang")
    value = found.get(f"{{{_W_NS}}}val") if found is not None else None
    return value if C.language().test(value) else None


def _count_comments(raw: bytes | None, source: str | None) -> int:
    if raw is None:
        return 0
    try:
        root = parse(raw, source=source)
    except InvalidDocumentError:
        return 0
    return sum(1 for _ in root.iter(f"{{{_W_NS}}}comment"))


def local_name(element: Element) -> str:
    """The local name of an element (for the reader's own walks)."""
    return str(etree.QName(element).localname)
