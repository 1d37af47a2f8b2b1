"""The pictures of a DOCX document: written beside the input, or left out with a warning.

A figure in the model names its picture by an http(s) URL or a path relative to the article
(``data:`` URIs are no sources newsdoc keeps), so the pictures embedded in a Word document
must become files to be kept. With ``images_dir`` the reader writes each picture into that
folder, inside the input's folder, under a name made from its content (``3fa2…c1.png``: the
same picture is written once, and reading the document again writes the same files), and the
figure points at ``images_dir/name``: the HTML, EPUB and PDF writers then load it under their
usual rules (inside the input's folder, checked by content). Without ``images_dir`` nothing
is written and each picture is left out, with a warning; its caption stays as a paragraph.

Pictures are checked as the writers check them: PNG, JPEG, GIF, WebP or SVG by their bytes
(an SVG without scripts or outside references), at most
:data:`~newsdoc.formats.docx.package.MAX_PICTURE_BYTES`; other kinds (EMF, WMF, TIFF, which
browsers do not show) are left out, with a warning.
"""

from __future__ import annotations

import hashlib
import os
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from newsdoc._files import write_atomic
from newsdoc.diagnostics import warn
from newsdoc.errors import ConversionError, InvalidDocumentError, Problem, excerpt
from newsdoc.formats.docx.package import MAX_PICTURE_BYTES
from newsdoc.render.resources import IMAGE_EXTENSIONS, checked_svg, sniff_image_type

__all__ = ["Pictures"]


class Pictures:
    """mammoth's image converter: each picture to the attributes of its ``<img>``.

    ``folder`` is where pictures are written (``None``: nowhere) and ``prefix`` the relative
    path figures name it by.
    """

    def __init__(self, folder: Path | None, prefix: str | None, source: str | None) -> None:
        self.folder = folder
        self.prefix = prefix
        self.root = folder  # the input's folder: no part of images_dir below it may be a link
        if folder is not None and prefix is not None:
            for _ in PurePosixPath(prefix).parts:
                self.root = self.root.parent if self.root is not None else None
        self.source = source
        self.left_out = 0
        self.written: list[Path] = []

    def __call__(self, image: Any) -> dict[str, str]:
        alt = str(image.alt_text or "").strip()
        attributes = {"alt": alt} if alt else {}
        described = f" ({alt[:60]!r})" if alt else ""
        if self.folder is None or self.prefix is None:
            self.left_out += 1
            return attributes
        data = self._bytes(image, described)
        if data is None:
            return attributes
        media_type = sniff_image_type(data)
        if media_type is None:
            kind = str(image.content_type or "an unknown type")[:40]
            why = (
                "its bytes are not a PNG, JPEG, GIF, WebP or SVG image"
                if kind.startswith("image/") and kind in IMAGE_EXTENSIONS
                else "browsers do not show it"
            )
            warn(
                f"a picture{described} of type {kind} left out: {why}", code="dropped", where="docx"
            )
            return attributes
        if media_type == "image/svg+xml":
            try:
                checked_svg(data, "the document's SVG picture")
            except ConversionError as exc:
                warn(f"a picture{described} left out: {exc}", code="dropped", where="docx")
                return attributes
        name = hashlib.sha256(data).hexdigest()[:20] + IMAGE_EXTENSIONS[media_type]
        self._write(self.folder / name, data)
        return {**attributes, "src": str(PurePosixPath(self.prefix, name))}

    def _bytes(self, image: Any, described: str) -> bytes | None:
        """The picture's bytes, or ``None`` (with a warning) when its part is missing or
        damaged."""
        try:
            with image.open() as stream:
                data: bytes = stream.read(MAX_PICTURE_BYTES + 1)
        except KeyError as exc:  # the zip has no entry of that name
            name = str(exc.args[0]) if exc.args else ""
            found = re.search(r"named '([^']*)'", name)
            part = f" ({excerpt(found.group(1))})" if found else ""
            warn(
                f"a picture{described} left out: its part{part} is missing from the document",
                code="dropped",
                where="docx",
            )
            return None
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError, ValueError):
            warn(
                f"a picture{described} left out: its part is damaged", code="dropped", where="docx"
            )
            return None
        if len(data) > MAX_PICTURE_BYTES:
            raise InvalidDocumentError(
                [Problem("", f"a picture is larger than the limit of {MAX_PICTURE_BYTES} bytes")],
                self.source,
            )
        return data

    def _write(self, path: Path, data: bytes) -> None:
        try:  # the same name holds the same content (its digest): written once
            if write_atomic(path, data, within=self.root, keep_same=True) is None:
                return
        except OSError as exc:
            raise ConversionError(
                f"cannot write the picture {path}: {exc.strerror or type(exc).__name__}"
            ) from None
        self.written.append(path)


def pictures_folder(
    images_dir: str | None, base_dir: str | None, source: str | None
) -> tuple[Path | None, str | None]:
    """The folder pictures go to and the relative path figures name them by.

    ``images_dir`` is inside ``base_dir``, else inside the folder of ``source`` when that is
    a file, else inside the current folder.
    """
    if images_dir is None:
        return None, None
    if base_dir is not None:
        base = Path(base_dir)
    elif source is not None and os.path.isfile(source):
        base = Path(source).parent
    else:
        base = Path.cwd()
    prefix = PurePosixPath(Path(images_dir).as_posix())
    return base / images_dir, str(prefix)
