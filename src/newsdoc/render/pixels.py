"""The size in pixels a PNG, JPEG, GIF or WebP picture declares, read from its header.

Decoding a picture costs memory in proportion to its pixels, and a few kilobytes of
compressed data can declare 20,000 × 20,000 of them. :func:`read_size` reads only the few
bytes of the header that say how large the picture is, so that
:func:`newsdoc.render.resources.check_pixels` can refuse it before Pillow (under WeasyPrint)
or any reader's picture viewer decodes it. A header that cannot be read gives ``None``:
a decoder would fail on it too.

>>> import struct
>>> read_size(b"GIF89a" + struct.pack("<HH", 300, 200) + b"\\x00\\x00\\x00;", "image/gif")
(300, 200)
"""

from __future__ import annotations

import struct

__all__ = ["read_size"]

# JPEG markers of a start of frame (they carry the size); C4, C8 and CC are not frames.
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that stand alone, with no length after them.
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD9)})


def read_size(data: bytes, media_type: str) -> tuple[int, int] | None:
    """``(width, height)`` as the header of ``data`` (of ``media_type``) declares them."""
    try:
        if media_type == "image/png":
            return _png(data)
        if media_type == "image/jpeg":
            return _jpeg(data)
        if media_type == "image/gif":
            return _gif(data)
        if media_type == "image/webp":
            return _webp(data)
    except (struct.error, IndexError):
        return None
    return None


def _png(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return (width, height) if width and height else None


def _jpeg(data: bytes) -> tuple[int, int] | None:
    at = 2  # after the start of image
    while at < len(data):
        if data[at] != 0xFF:
            return None
        while data[at] == 0xFF:  # fill bytes before a marker
            at += 1
        marker = data[at]
        at += 1
        if marker in _STANDALONE:
            continue
        if marker == 0xDA or marker == 0xD9:  # the scan starts (or the image ends): no frame
            return None
        (length,) = struct.unpack(">H", data[at : at + 2])
        if marker in _SOF:
            height, width = struct.unpack(">HH", data[at + 3 : at + 7])
            return (width, height) if width and height else None
        if length < 2:
            return None
        at += length
    return None


def _gif(data: bytes) -> tuple[int, int] | None:
    """The logical screen, grown to hold the first frame (as Pillow grows it)."""
    width, height, flags = struct.unpack("<HHB", data[6:11])
    at = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while at < len(data):
        kind = data[at]
        if kind == 0x21:  # an extension: its label, then sub-blocks up to an empty one
            at += 2
            while data[at]:
                at += data[at] + 1
            at += 1
        elif kind == 0x2C:  # the first image: where it sits and how large it is
            left, top, frame_width, frame_height = struct.unpack("<HHHH", data[at + 1 : at + 9])
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            break
        else:
            break
    return (width, height) if width and height else None


def _webp(data: bytes) -> tuple[int, int] | None:
    if len(data) < 30:
        return None
    chunk = data[12:16]
    if chunk == b"VP8 ":  # lossy: a key frame's start code, then 14-bit sizes
        if data[23:26] != b"\x9d\x01\x2a":
            return None
        width, height = struct.unpack("<HH", data[26:30])
        return (width & 0x3FFF, height & 0x3FFF) if width & 0x3FFF and height & 0x3FFF else None
    if chunk == b"VP8L":  # lossless: a signature byte, then 14-bit sizes less one
        if data[20] != 0x2F:
            return None
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":  # extended: the canvas, 24-bit sizes less one
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None
