"""Safe loading of the images an article points to, for the writers that embed them.

An article's figures name their pictures by ``src``: a path relative to the article's folder or
an absolute http(s) URL. Writers that embed pictures (EPUB always, HTML by default, PDF later)
load them through one :class:`ResourceLoader`, which enforces the same rules everywhere:

- a local path is resolved against ``base_dir`` and, after following symbolic links, must lie
  inside one of the allowed folders (``base_dir`` unless the caller names others); absolute
  paths, ``..`` escapes and links out of those folders raise
  :class:`~newsdoc.errors.UnsafeResourceError`;
- an http(s) URL is fetched only when the caller passes ``allow_remote=True``; otherwise it
  raises :class:`~newsdoc.errors.UnsafeResourceError`. Every other scheme (``file:``,
  ``javascript:``, ``data:`` ...) is refused;
- the bytes must be a PNG, JPEG, GIF, WebP or SVG image (told by their content, not by the
  file name), no larger than ``max_bytes``; an SVG must hold no script, event handler,
  foreign object or reference to anything outside itself (:mod:`newsdoc.render.svg`);
- a PNG, JPEG, GIF or WebP must say its size in pixels in its header, and hold no more than
  the ``max_image_pixels`` limit (:mod:`newsdoc.limits`): read from the header, before
  anything decodes the picture (a few kilobytes of PNG can claim gigabytes of pixels);
- a missing or unreadable file, or a failed download, raises :class:`MissingResourceError`.

Each resource is loaded once per loader, however many figures use it.
"""

from __future__ import annotations

import os
import re
import urllib.parse
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from newsdoc._files import note_read, read_input
from newsdoc.errors import (
    ConversionError,
    LimitError,
    MissingResourceError,
    NewsdocError,
    UnsafeResourceError,
    excerpt,
)

if TYPE_CHECKING:
    from newsdoc.model import Figure
    from newsdoc.render.options import RenderOptions

__all__ = [
    "IMAGE_EXTENSIONS",
    "MissingResourceError",
    "Resource",
    "ResourceLoader",
    "data_uri",
    "figure_picture",
    "is_remote",
    "origin_of",
    "remember_origin",
    "check_pixels",
    "checked_svg",
    "image_size",
    "sniff_image_type",
]

#: The file extension each supported image media type is stored under.
IMAGE_EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/svg+xml": ".svg",
}
_DEFAULT_MAX_BYTES = 25 * 1024 * 1024
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_WINDOWS_DRIVE = re.compile(r"^[a-zA-Z]:[\\/]")


@attrs.frozen
class Resource:
    """A loaded image: its bytes, its media type (from its content) and the ``src`` it had."""

    data: bytes = attrs.field(repr=lambda data: f"<{len(data)} bytes>")
    media_type: str
    source: str

    @property
    def extension(self) -> str:
        """The file extension for this media type (``.png``)."""
        return IMAGE_EXTENSIONS[self.media_type]


def is_remote(src: str) -> bool:
    """Whether ``src`` is an http(s) URL (as opposed to a local path).

    >>> is_remote("https://example.org/a.png"), is_remote("images/a.png")
    (True, False)
    """
    match = _SCHEME.match(src)
    return match is not None and match.group(1).lower() in {"http", "https"}


def sniff_image_type(data: bytes) -> str | None:
    """The media type of an image told by its first bytes, or ``None`` if it is not one we take.

    >>> sniff_image_type(b"\\x89PNG\\r\\n\\x1a\\n...")
    'image/png'
    """
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<?xml", b"<svg", b"<!--", b"<!doctype svg")) and b"<svg" in head:
        return "image/svg+xml"
    return None


def image_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """The width and height in pixels a PNG, JPEG, GIF or WebP picture declares in its
    header (read without decoding it), or ``None`` if the header is damaged.

    >>> import struct
    >>> header = b"\\x89PNG\\r\\n\\x1a\\n" + struct.pack(">I4sII", 13, b"IHDR", 640, 480)
    >>> image_size(header, "image/png")
    (640, 480)
    """
    from newsdoc.render.pixels import read_size

    return read_size(data, media_type)


def check_pixels(data: bytes, media_type: str, src: str) -> None:
    """Refuse a raster picture whose header declares more pixels than ``max_image_pixels``
    (or whose size cannot be read), before anything decodes it."""
    from newsdoc.limits import current

    size = image_size(data, media_type)
    kind = media_type.split("/")[1].upper()
    if size is None:
        raise ConversionError(
            f"image {excerpt(src)} is a damaged {kind}: its size in pixels cannot be read"
        )
    width, height = size
    limit = current().max_image_pixels
    if width * height > limit:
        raise ConversionError(
            f"image {excerpt(src)} is {width}×{height} pixels, more than the limit of {limit} "
            f"(max_image_pixels): decoding it would take over {width * height * 4 // 2**20} "
            "MiB; leave it out with --missing-images omit, or raise the limit with "
            "NEWSDOC_MAX_IMAGE_PIXELS=N"
        )
    if width * height > _PILLOW_WARNS:  # a limit raised past Pillow's own: Pillow follows it
        _raise_pillow_limit(limit)


# Pillow warns (in its own words) about pictures of more pixels than this, and refuses
# those of twice as many, which WeasyPrint then leaves out of a PDF in silence.
_PILLOW_WARNS = 89_478_485


def _raise_pillow_limit(limit: int) -> None:
    """Let Pillow decode, with no warning of its own, pictures the caller allowed."""
    try:
        from PIL import Image
    except ImportError:  # pragma: no cover - Pillow comes with WeasyPrint
        return
    if Image.MAX_IMAGE_PIXELS is not None and limit > Image.MAX_IMAGE_PIXELS:
        Image.MAX_IMAGE_PIXELS = limit


def checked_svg(data: bytes, src: str) -> bytes:
    """The SVG as it may be embedded, or the error refusing it (see :mod:`._svg`)."""
    from newsdoc.render.svg import check_svg

    return check_svg(data, src)


@attrs.define
class ResourceLoader:
    """Loads figure images under the rules in this module's docstring.

    ``base_dir`` is the folder relative paths resolve against (the current folder if
    ``None``). ``allowed_dirs`` are the folders local images may come from (``base_dir`` alone
    if empty). ``allow_remote`` lets http(s) images be downloaded, with ``timeout`` seconds
    per request. ``max_bytes`` caps the size of one image.
    """

    base_dir: Path
    allowed_dirs: tuple[Path, ...] = ()
    allow_remote: bool = False
    timeout: float = 20.0
    max_bytes: int = _DEFAULT_MAX_BYTES
    _cache: dict[str, Resource] = attrs.field(factory=dict, init=False, repr=False)

    @classmethod
    def from_options(
        cls,
        base_dir: str | os.PathLike[str] | None = None,
        allowed_dirs: Iterable[str | os.PathLike[str]] = (),
        *,
        allow_remote: bool = False,
        timeout: float = 20.0,
        max_bytes: int = _DEFAULT_MAX_BYTES,
    ) -> ResourceLoader:
        """A loader from writer options, checking their types."""
        if not isinstance(allow_remote, bool):
            raise TypeError("allow_remote must be True or False")
        return cls(
            Path(base_dir) if base_dir is not None else Path.cwd(),
            tuple(Path(d) for d in allowed_dirs),
            allow_remote,
            timeout,
            max_bytes,
        )

    @classmethod
    def for_options(cls, options: RenderOptions, document: object = None) -> ResourceLoader:
        """The loader a rendering writer uses: images relative to ``options.base_dir`` (else
        the folder ``document`` was loaded from, else the current folder), from that folder
        and ``options.allowed_dirs``."""
        if options.base_dir is not None:
            base = Path(options.base_dir)
        else:
            base = origin_of(document) or Path.cwd()
        allowed = (base, *(Path(d) for d in options.allowed_dirs))
        return cls(base, allowed if options.allowed_dirs else (), options.allow_remote)

    def load(self, src: str) -> Resource:
        """The image at ``src``, loaded and checked (see the module docstring for the errors)."""
        found = self._cache.get(src)
        if found is None:
            data = self._fetch(src) if is_remote(src) else self._read(src)
            found = self._checked(data, src)
            self._cache[src] = found
        return found

    def roots(self) -> list[Path]:
        """The folders local images may come from, resolved."""
        return [d.resolve() for d in (self.allowed_dirs or (self.base_dir,))]

    def _read(self, src: str) -> bytes:
        scheme = _SCHEME.match(src)
        if scheme is not None and not _WINDOWS_DRIVE.match(src):
            raise UnsafeResourceError(
                f"image {excerpt(src)} uses the {scheme.group(1)[:30]}: scheme; "
                "newsdoc loads images only from relative file paths and, when allowed, http(s) "
                "URLs"
            )
        relative = urllib.parse.unquote(src.split("#", 1)[0].split("?", 1)[0])
        if "\x00" in relative:
            raise UnsafeResourceError(f"image {excerpt(src)} names a file with a NUL character")
        candidate = Path(relative)
        if candidate.is_absolute() or _WINDOWS_DRIVE.match(relative):
            raise UnsafeResourceError(
                f"image {excerpt(src)} is an absolute path; give it relative to the article's "
                "folder"
            )
        try:
            path = (self.base_dir / candidate).resolve()
            roots = self.roots()
            inside = any(path == root or path.is_relative_to(root) for root in roots)
            exists = inside and path.exists()
        except (OSError, ValueError, RuntimeError) as exc:  # a name too long, a link loop
            reason = getattr(exc, "strerror", None) or "not a usable file name"
            raise MissingResourceError(f"cannot read image {excerpt(src)}: {reason}") from None
        if not inside:
            allowed = ", ".join(str(r) for r in roots)
            raise UnsafeResourceError(
                f"image {excerpt(src)} resolves to {excerpt(str(path))}, outside the allowed "
                f"folders ({allowed})"
            )
        if not exists:
            raise MissingResourceError(
                f"image {excerpt(src)} not found (looked for {path}); fix the path, or render the "
                "figure without its picture with --missing-images omit "
                "(missing_images='omit' in Python)"
            )
        try:
            data = read_input(path, max_bytes=self.max_bytes)
        except LimitError:
            raise ConversionError(
                f"image {excerpt(src)} is larger than the limit of {self.max_bytes} bytes"
            ) from None
        except NewsdocError as exc:  # a folder, a named pipe, a device, unreadable
            reason = str(exc).rsplit(": ", 1)[-1]
            raise MissingResourceError(
                f"cannot read image {excerpt(src)} ({path}): {reason}"
            ) from None
        note_read(path)
        return data

    def _fetch(self, src: str) -> bytes:
        if not self.allow_remote:
            raise UnsafeResourceError(
                f"image {excerpt(src)} is remote; newsdoc downloads images only when the caller "
                "allows it (allow_remote=True)"
            )
        from newsdoc.fetch import DownloadFailed, RedirectRefused, fetch_url

        try:
            data = fetch_url(src, timeout=self.timeout, max_bytes=self.max_bytes, accept="image/*")
        except RedirectRefused as exc:
            raise UnsafeResourceError(f"image {excerpt(src)} refused: {exc.reason}") from None
        except DownloadFailed as exc:
            reason = exc.reason.replace("the server answered", "HTTP")
            raise MissingResourceError(f"cannot download image {excerpt(src)}: {reason}") from None
        except NewsdocError as exc:  # not an http(s) URL fetch_url takes
            raise MissingResourceError(f"cannot download image {excerpt(src)}: {exc}") from None
        return data

    def _checked(self, data: bytes, src: str) -> Resource:
        media_type = sniff_image_type(data)
        if media_type is None:
            raise ConversionError(
                f"{excerpt(src)} is not a PNG, JPEG, GIF, WebP or SVG image (judged by its content)"
            )
        if media_type == "image/svg+xml":
            data = checked_svg(data, src)
        else:
            check_pixels(data, media_type, src)
        return Resource(data, media_type, src)


_ORIGINS: dict[int, Path] = {}


def remember_origin(document: object, folder: str | os.PathLike[str]) -> None:
    """Record the folder ``document`` was loaded from, against which its images resolve.

    :func:`newsdoc.load` calls it, so ``dumps(load("news/a.json"), "html")`` finds
    ``news/images/...`` from any working folder. The record lives as long as the document.
    """
    key = id(document)
    if key not in _ORIGINS:
        weakref.finalize(document, _ORIGINS.pop, key, None)
    _ORIGINS[key] = Path(folder).resolve()


def origin_of(document: object) -> Path | None:
    """The folder ``document`` was loaded from, if :func:`remember_origin` recorded one."""
    return _ORIGINS.get(id(document)) if document is not None else None


def figure_picture(
    loader: ResourceLoader, figure: Figure, missing_images: str = "error"
) -> Resource | None:
    """The picture of ``figure`` through ``loader``, for every writer that embeds pictures.

    With ``missing_images="omit"`` a picture that cannot be had (missing, unreadable, refused,
    not an image) gives ``None`` and a warning, and the figure keeps its alt text, caption and
    credit; with ``"error"`` the loader's error stands.
    """
    try:
        return loader.load(figure.src)
    except ConversionError as exc:
        if missing_images != "omit":
            raise
        from newsdoc.diagnostics import warn

        warn(f"picture {figure.src!r} left out: {exc}", code="dropped", where="figure")
        return None


def data_uri(resource: Resource) -> str:
    """``resource`` as a ``data:`` URI."""
    import base64

    return f"data:{resource.media_type};base64,{base64.b64encode(resource.data).decode('ascii')}"
