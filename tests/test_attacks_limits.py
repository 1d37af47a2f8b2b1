"""Attacks on resources checked too late, and on the network: each class in several shapes.

- what one PDF may hold (``max_pdf_boxes``, ``max_pdf_characters``,
  ``max_pdf_paragraph_characters``), refused before WeasyPrint starts;
- pictures' pixels (``max_image_pixels``), read from the header before anything decodes them,
  in every writer that embeds pictures, refused or left out with newsdoc's own warning;
- downloads: one deadline for the whole download, every redirect checked before it is
  followed. The servers are local (127.0.0.1, in a thread), and every one stops by itself;
- Word documents whose parts are missing or are not what they claim.

Every picture and document here is made by the test, from our own bytes.
"""

from __future__ import annotations

import http.server
import io
import socket
import struct
import threading
import time
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

import newsdoc as nd
from newsdoc import limits
from newsdoc.diagnostics import collect
from newsdoc.fetch import FetchError, RedirectRefused, fetch_url
from newsdoc.render.resources import ResourceLoader, image_size

# ---------------------------------------------------------------------------- documents

_WORDS = [
    "ferry",
    "harbour",
    "council",
    "budget",
    "storm",
    "rail",
    "night",
    "vote",
    "crane",
    "tide",
]


def _sentence(index: int, words: int = 12) -> str:
    return " ".join(_WORDS[(index * 7 + k * 3) % len(_WORDS)] for k in range(words)) + "."


def _article(blocks: Sequence[nd.Block], index: int = 0, **fields: object) -> nd.Article:
    return nd.Article(
        id=f"urn:newsdoc:attack:{index}",
        headline=f"Story {index}",
        sections=[nd.Section(blocks=blocks)],
        **fields,  # type: ignore[arg-type]
    )


def _paragraphs(count: int, words: int = 12) -> list[nd.Block]:
    return [nd.Paragraph(content=_sentence(i, words)) for i in range(count)]


@pytest.fixture
def no_weasyprint(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any layout fail the test: the refusals must come before WeasyPrint starts."""
    import weasyprint

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("WeasyPrint started laying out a document over the limits")

    monkeypatch.setattr(weasyprint.HTML, "render", never)


def _refused_quickly(document: nd.Document, limit: str, seconds: float = 5.0) -> str:
    started = time.monotonic()
    with pytest.raises(nd.LimitError) as caught:
        nd.dumps(document, "pdf")
    assert time.monotonic() - started < seconds
    message = str(caught.value)
    assert f"({limit})" in message
    assert f"NEWSDOC_{limit.upper()}=" in message  # how to raise it
    return message


# ------------------------------------------------------------------ what one PDF may hold


@pytest.mark.usefixtures("no_weasyprint")
def test_a_flood_of_paragraphs_is_refused_before_layout() -> None:
    message = _refused_quickly(_article(_paragraphs(30_000, words=3)), "max_pdf_boxes")
    assert "30002 boxes" in message  # the paragraphs, the article and its section


@pytest.mark.usefixtures("no_weasyprint")
def test_a_flood_of_table_cells_is_refused_before_layout() -> None:
    rows = [[f"r{r}c{c}" for c in range(5)] for r in range(5_200)]
    table = nd.Table(header=["a", "b", "c", "d", "e"], rows=rows)
    _refused_quickly(_article([table]), "max_pdf_boxes")
    # the same cells as Markdown tables, read then written
    lines = ["---", "id: urn:newsdoc:md-tables", "headline: Tables", "---", ""]
    for block in range(60):
        lines += ["| a | b | c | d |", "|---|---|---|---|"]
        lines += [f"| {block} | {r} | x{r} | y |" for r in range(110)]
        lines.append("")
    document = nd.loads("\n".join(lines).encode(), "markdown")
    _refused_quickly(document, "max_pdf_boxes")


@pytest.mark.usefixtures("no_weasyprint")
def test_a_flood_of_inline_markup_or_list_items_counts_too() -> None:
    runs = [nd.Paragraph(content=[nd.Emphasis(children=f"w{i} ")] * 30) for i in range(100)]
    with limits.override(max_pdf_boxes=2_000):
        _refused_quickly(_article(runs), "max_pdf_boxes")  # 100 blocks, 3,000 inline
        items = [f"item {i}" for i in range(2_500)]
        _refused_quickly(_article([nd.ListBlock(items=items)]), "max_pdf_boxes")
        # and a collection of many small articles
        edition = nd.Collection(
            id="urn:newsdoc:attack:edition",
            title="Many briefs",
            articles=[_article(_paragraphs(1), i) for i in range(700)],  # 2,101 boxes
        )
        _refused_quickly(edition, "max_pdf_boxes")


@pytest.mark.usefixtures("no_weasyprint")
def test_one_paragraph_too_long_for_line_breaking_is_named() -> None:
    long = " ".join(_sentence(i) for i in range(250))  # about 19,000 characters
    message = _refused_quickly(
        _article([*_paragraphs(3), nd.Paragraph(content=long)]), "max_pdf_paragraph_characters"
    )
    assert message.startswith("sections[0].blocks[3].content: ")
    # a headline, a table cell and a code block are runs of text too
    with limits.override(max_pdf_paragraph_characters=500):
        _refused_quickly(
            nd.Article(id="urn:newsdoc:attack:h", headline="Long " * 200),
            "max_pdf_paragraph_characters",
        )
        cell = nd.Table(header=["a"], rows=[["x" * 600]])
        _refused_quickly(_article([cell]), "max_pdf_paragraph_characters")
        code = nd.Preformatted(text="print(1)\n" * 100)
        _refused_quickly(_article([code]), "max_pdf_paragraph_characters")


@pytest.mark.usefixtures("no_weasyprint")
def test_text_is_counted_with_long_paragraphs_weighing_more() -> None:
    short = _article([nd.Paragraph(content="a" * 300) for _ in range(10)])  # 3,000
    long = _article([nd.Paragraph(content="a" * 3_000)])  # 3,000 characters, 8 times
    with limits.override(max_pdf_characters=10_000):
        limits.check_pdf(short)
        message = _refused_quickly(long, "max_pdf_characters")
    counted = int(message.split(" characters")[0].rsplit(" ", 1)[1])
    assert 24_000 <= counted < 24_100  # 3,000 × 8, and the headline and id


def test_a_long_edition_is_well_within_the_defaults() -> None:
    articles = []
    for index in range(100):  # 100 articles of 3,000 words, each with a 20-row table
        table = nd.Table(
            header=["place", "before", "after", "change", "note"],
            rows=[[f"p{r}", str(r), str(r + 1), "+1", _sentence(r, 3)] for r in range(20)],
        )
        articles.append(_article([*_paragraphs(50, words=60), table], index))
    edition = nd.Collection(id="urn:newsdoc:attack:big", title="Edition", articles=articles)
    limits.check_pdf(edition)  # no error
    with limits.override(max_pdf_boxes=15_000), pytest.raises(nd.LimitError):
        limits.check_pdf(edition)  # yet it is counted: about 15,800 boxes


def test_the_pdf_limits_are_set_from_the_environment(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    source = tmp_path / "a.json"
    source.write_bytes(nd.dumps(_article(_paragraphs(5)), "json"))
    env = {**os.environ, "NEWSDOC_MAX_PDF_BOXES": "4"}
    result = subprocess.run(
        [sys.executable, "-m", "newsdoc", "convert", str(source), "-t", "pdf", "-o", "-"],
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr  # the conversion failed
    assert b"(max_pdf_boxes)" in result.stderr


# ------------------------------------------------------------------------- pictures


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int, height: int) -> bytes:
    """A grey PNG of ``width`` × ``height`` zero pixels: small, whatever it claims."""
    # Raw deflate of a hundred rows at a time, each batch ending on a full flush, so that
    # every batch after the first is the same bytes: compressed once, repeated.
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    rows = b"\x00" * (width + 1) * 100
    batches, rest = divmod(height, 100)
    first = compressor.compress(rows) + compressor.flush(zlib.Z_FULL_FLUSH)
    again = compressor.compress(rows) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.compress(b"\x00" * (width + 1) * rest) + compressor.flush()
    checksum = 1
    for _ in range(batches):
        checksum = zlib.adler32(rows, checksum)
    checksum = zlib.adler32(b"\x00" * (width + 1) * rest, checksum)
    deflated = first + again * (batches - 1) if batches else b""
    body = b"\x78\xda" + deflated + tail + struct.pack(">I", checksum)
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", body)
        + _chunk(b"IEND", b"")
    )


def gif_header(width: int, height: int, frame: tuple[int, int, int, int] | None = None) -> bytes:
    data = b"GIF89a" + struct.pack("<HHBBB", width, height, 0, 0, 0)
    data += b"\x21\xf9\x04\x00\x00\x00\x00\x00"  # a graphic control extension
    if frame is not None:
        data += b"\x2c" + struct.pack("<HHHHB", *frame, 0) + b"\x02\x02\x44\x01\x00"
    return data + b";"


def jpeg_header(width: int, height: int, progressive: bool = False) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc2" if progressive else b"\xff\xc0"
    frame = sof + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + b"\xff\xff" + frame + b"\xff\xda\x00\x08" + b"\x00" * 10


def webp_header(kind: bytes, width: int, height: int) -> bytes:
    if kind == b"VP8X":
        body = b"\x00" * 4 + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    elif kind == b"VP8L":
        body = b"\x2f" + struct.pack("<I", (width - 1) | ((height - 1) << 14))
    else:
        body = b"\x00\x00\x00\x9d\x01\x2a" + struct.pack("<HH", width, height)
    body += b"\x00" * 8
    chunk = kind + struct.pack("<I", len(body)) + body
    return b"RIFF" + struct.pack("<I", 4 + len(chunk)) + b"WEBP" + chunk


@pytest.mark.parametrize(
    ("data", "media_type", "size"),
    [
        (png_bomb(300, 20), "image/png", (300, 20)),
        (gif_header(40, 30), "image/gif", (40, 30)),
        (gif_header(40, 30, (10, 5, 60000, 50000)), "image/gif", (60010, 50005)),
        (jpeg_header(6000, 4000), "image/jpeg", (6000, 4000)),
        (jpeg_header(65000, 65000, progressive=True), "image/jpeg", (65000, 65000)),
        (webp_header(b"VP8 ", 1024, 768), "image/webp", (1024, 768)),
        (webp_header(b"VP8L", 16384, 16384), "image/webp", (16384, 16384)),
        (webp_header(b"VP8X", 200000, 90000), "image/webp", (200000, 90000)),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png", None),
        (b"\xff\xd8\xff\xda\x00\x08", "image/jpeg", None),
        (b"RIFF\x00\x00\x00\x00WEBPVP8X", "image/webp", None),
    ],
)
def test_sizes_are_read_from_headers(
    data: bytes, media_type: str, size: tuple[int, int] | None
) -> None:
    assert image_size(data, media_type) == size


def test_sizes_agree_with_pillow_on_real_pictures(tmp_path: Path) -> None:
    from PIL import Image

    shapes: list[tuple[str, dict[str, object]]] = [
        ("PNG", {}),
        ("GIF", {}),
        ("JPEG", {}),
        ("JPEG", {"progressive": True}),
        ("WEBP", {"lossless": True}),
        ("WEBP", {"quality": 50}),
    ]
    for fmt, options in shapes:
        picture = Image.new("RGB", (123, 45), (20, 120, 200))
        buffer = io.BytesIO()
        picture.save(buffer, fmt, **options)
        media_type = f"image/{fmt.lower()}"
        assert image_size(buffer.getvalue(), media_type) == (123, 45), (fmt, options)


@pytest.fixture(scope="module")
def bombs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bombs") / "story"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "huge.png").write_bytes(png_bomb(20_000, 20_000))
    (folder / "images" / "big.png").write_bytes(png_bomb(13_000, 13_000))
    (folder / "images" / "fine.png").write_bytes(png_bomb(64, 48))
    (folder / "images" / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 30)
    return folder


def _with_picture(src: str) -> nd.Article:
    return _article(_paragraphs(2), lead_image=nd.Figure(src=src, alt="A picture"))


@pytest.mark.parametrize("name", ["huge", "big"])
@pytest.mark.parametrize("fmt", ["pdf", "html", "epub"])
def test_a_picture_over_the_pixel_limit_is_refused_before_decoding(
    bombs: Path, name: str, fmt: str
) -> None:
    started = time.monotonic()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no foreign warning (Pillow's DecompressionBomb...)
        with pytest.raises(nd.ConversionError, match=r"max_image_pixels") as caught:
            nd.dumps(_with_picture(f"images/{name}.png"), fmt, base_dir=bombs)
    assert "pixels" in str(caught.value)
    assert "--missing-images omit" in str(caught.value)
    assert time.monotonic() - started < 15


def test_with_missing_images_omit_the_picture_is_left_out_with_our_warning(bombs: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with collect() as found:
            data = nd.dumps(
                _with_picture("images/huge.png"), "pdf", base_dir=bombs, missing_images="omit"
            )
    assert data.startswith(b"%PDF-")
    [dropped] = [d for d in found if d.code == "dropped"]
    assert "20000×20000 pixels" in str(dropped)
    assert "left out" in str(dropped)


def test_a_picture_whose_size_cannot_be_read_is_not_dropped_in_silence(bombs: Path) -> None:
    with pytest.raises(nd.ConversionError, match="damaged PNG"):
        nd.dumps(_with_picture("images/broken.png"), "pdf", base_dir=bombs)
    with collect() as found:
        nd.dumps(_with_picture("images/broken.png"), "html", base_dir=bombs, missing_images="omit")
    assert any("damaged PNG" in str(d) for d in found)


def test_the_pixel_limit_can_be_lowered_and_raised(bombs: Path) -> None:
    nd.dumps(_with_picture("images/fine.png"), "html", base_dir=bombs)
    with limits.override(max_image_pixels=64 * 48 - 1), pytest.raises(nd.ConversionError):
        nd.dumps(_with_picture("images/fine.png"), "html", base_dir=bombs)
    # raised past Pillow's own threshold, Pillow follows, with no warning of its own
    from PIL import Image

    before = Image.MAX_IMAGE_PIXELS
    try:
        with limits.override(max_image_pixels=170_000_000), warnings.catch_warnings():
            warnings.simplefilter("error")
            page = nd.dumps(_with_picture("images/big.png"), "html", base_dir=bombs)
        assert b"data:image/png;base64," in page
        assert Image.MAX_IMAGE_PIXELS == 170_000_000
    finally:
        Image.MAX_IMAGE_PIXELS = before


# -------------------------------------------------------------------------- network


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, routes: dict[str, Callable[[http.server.BaseHTTPRequestHandler], None]]):
        self.routes = routes
        self.seen: list[str] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.seen.append(self.path)
        route = self.server.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
        else:
            route(self)

    def log_message(self, *args: object) -> None:
        pass


def _ok(body: bytes) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _redirect(target: str, code: int = 302) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(code)
        handler.send_header("Location", target)
        handler.send_header("Content-Length", "0")
        handler.end_headers()

    return answer


def _drip(
    head: bytes, dripped: bytes, every: float = 0.25
) -> Callable[[http.server.BaseHTTPRequestHandler], None]:
    """Send ``head`` at once, then ``dripped`` one byte every ``every`` seconds (at most
    about 15 seconds in all; stops as soon as the client has gone)."""

    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.close_connection = True
        try:
            handler.wfile.write(head)
            handler.wfile.flush()
            for byte in dripped[: int(15 / every)]:
                time.sleep(every)
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
        except OSError:
            return

    return answer


PAGE = b"<html><head><title>Tide tables</title></head><body><p>High water at six.</p></body></html>"


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server({"/page": _ok(PAGE)})
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1})
    thread.daemon = True
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A listening socket, to tell whether anything connected to it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(4)
    sock.settimeout(0.3)
    try:
        yield sock
    finally:
        sock.close()


def _nobody_came(sock: socket.socket) -> bool:
    try:
        connection, _ = sock.accept()
    except TimeoutError:
        return True
    connection.close()
    return False


def _times_out(url: str, deadline: float) -> str:
    started = time.monotonic()
    with pytest.raises(FetchError) as caught:
        fetch_url(url, timeout=deadline)
    elapsed = time.monotonic() - started
    assert elapsed < deadline + 1.5, elapsed
    assert f"within {deadline:g} seconds" in str(caught.value)
    return str(caught.value)


def test_a_body_sent_one_byte_at_a_time_meets_the_deadline(server: _Server) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"
    server.routes["/drip"] = _drip(head, b"x" * 5000)
    _times_out(f"{server.url}/drip", 1.0)


def test_headers_sent_one_byte_at_a_time_meet_the_deadline(server: _Server) -> None:
    server.routes["/drip-head"] = _drip(b"HTTP/1.1 200 OK\r\n", b"X-Slow: " + b"a" * 500)
    _times_out(f"{server.url}/drip-head", 1.0)


def test_chunks_sent_one_at_a_time_meet_the_deadline(server: _Server) -> None:
    head = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
    server.routes["/drip-chunks"] = _drip(head, b"1\r\nx\r\n" * 400, every=0.05)
    _times_out(f"{server.url}/drip-chunks", 1.5)


def test_the_deadline_covers_redirects_too(server: _Server) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n"
    server.routes["/slow"] = _drip(head, b"y" * 100, every=0.2)
    server.routes["/go"] = _redirect("/slow")
    _times_out(f"{server.url}/go", 1.0)


def test_a_prompt_answer_within_the_deadline_is_read_whole(server: _Server) -> None:
    assert fetch_url(f"{server.url}/page", timeout=2) == PAGE
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\n"
    server.routes["/brief-drip"] = _drip(head, b"tide", every=0.05)
    assert fetch_url(f"{server.url}/brief-drip", timeout=3) == b"tide"


def test_a_redirect_to_ftp_is_never_followed(server: _Server, listener: socket.socket) -> None:
    port = listener.getsockname()[1]
    server.routes["/to-ftp"] = _redirect(f"ftp://127.0.0.1:{port}/story.html")
    with pytest.raises(RedirectRefused, match="follows only http"):
        fetch_url(f"{server.url}/to-ftp", timeout=3)
    assert _nobody_came(listener)
    # nor as a picture, whatever the policy on missing pictures
    loader = ResourceLoader(Path.cwd(), allow_remote=True, timeout=3)
    with pytest.raises(nd.UnsafeResourceError, match="follows only http"):
        loader.load(f"{server.url}/to-ftp")
    assert _nobody_came(listener)


@pytest.mark.parametrize(
    "target",
    ["file:///etc/passwd", "data:text/html,<p>hi</p>", "javascript:alert(1)", "gopher://h/x"],
)
@pytest.mark.parametrize("code", [301, 302, 303, 307, 308])
def test_redirects_to_other_schemes_are_refused(server: _Server, target: str, code: int) -> None:
    server.routes["/elsewhere"] = _redirect(target, code)
    with pytest.raises(RedirectRefused, match="follows only http"):
        fetch_url(f"{server.url}/elsewhere", timeout=3)


def test_redirect_loops_and_chains_are_bounded(server: _Server) -> None:
    server.routes["/a"] = _redirect("/b")
    server.routes["/b"] = _redirect("/a")
    with pytest.raises(RedirectRefused, match="loop"):
        fetch_url(f"{server.url}/a", timeout=3)
    assert server.seen == ["/a", "/b"]
    for hop in range(1, 12):
        server.routes[f"/hop/{hop}"] = _redirect(f"/hop/{hop - 1}")
    server.routes["/hop/0"] = _ok(PAGE)
    assert fetch_url(f"{server.url}/hop/5", timeout=3) == PAGE  # five redirects: followed
    server.seen.clear()
    with pytest.raises(RedirectRefused, match="more than 5 redirects"):
        fetch_url(f"{server.url}/hop/11", timeout=3)
    assert len(server.seen) == 6
    with pytest.raises(RedirectRefused, match="more than 2 redirects"):
        fetch_url(f"{server.url}/hop/3", timeout=3, max_redirects=2)


def test_a_host_policy_is_checked_on_every_redirect(server: _Server) -> None:
    port = server.server_address[1]
    server.routes["/to-localhost"] = _redirect(f"http://localhost:{port}/page", 307)
    assert fetch_url(f"{server.url}/to-localhost", timeout=3) == PAGE  # no policy: followed
    server.seen.clear()
    with pytest.raises(RedirectRefused, match="outside the allowed ones"):
        fetch_url(f"{server.url}/to-localhost", timeout=3, allowed_hosts=["127.0.0.1"])
    assert server.seen == ["/to-localhost"]
    with pytest.raises(FetchError, match="outside the allowed ones"):
        fetch_url(f"{server.url}/page", timeout=3, allowed_hosts=["example.org"])


def test_sizes_are_checked_before_and_while_reading(server: _Server) -> None:
    server.routes["/big"] = _ok(b"z" * 5000)
    with pytest.raises(FetchError, match="5000 bytes, larger than 100"):
        fetch_url(f"{server.url}/big", timeout=3, max_bytes=100)
    head = b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n"  # no length: read up to the limit
    server.routes["/unsized"] = _drip(head, b"z" * 300, every=0.001)
    with pytest.raises(FetchError, match="larger than 100 bytes"):
        fetch_url(f"{server.url}/unsized", timeout=5, max_bytes=100)


def test_a_slow_picture_meets_the_loader_deadline(server: _Server) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
    server.routes["/slow.png"] = _drip(head, b"\x89PNG" + b"\x00" * 996)
    loader = ResourceLoader(Path.cwd(), allow_remote=True, timeout=1)
    started = time.monotonic()
    with pytest.raises(nd.MissingResourceError, match="within 1 seconds"):
        loader.load(f"{server.url}/slow.png")
    assert time.monotonic() - started < 2.5


# ---------------------------------------------------------------- Word, missing parts

_NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    b'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="png" ContentType="image/png"/>'
    b'<Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _drawing(rid: str, alt: str) -> str:
    return (
        f'<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Picture" descr="{alt}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
        f'picture"><pic:pic><pic:blipFill><a:blip r:embed="{rid}"/></pic:blipFill></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def _word(
    body: str,
    relationships: list[tuple[str, str, str]] | None,
    parts: dict[str, bytes] | None = None,
) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>'
        "<w:p><w:r><w:t>Cranes return to the harbour</w:t></w:r></w:p>"
        f"{body}<w:p><w:r><w:t>The port reopened on Monday.</w:t></w:r></w:p>"
        "</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{_REL}/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document)
        if relationships is not None:
            inner = "".join(
                f'<Relationship Id="{rid}" Type="{_REL}/{kind}" Target="{target}"/>'
                for rid, kind, target in relationships
            )
            archive.writestr(
                "word/_rels/document.xml.rels",
                '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                f'relationships">{inner}</Relationships>',
            )
        for name, data in (parts or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _read_word(data: bytes, tmp_path: Path) -> tuple[nd.Article, list[str]]:
    with collect() as found:
        article = nd.get_format("docx").read(data, images_dir="pictures", base_dir=str(tmp_path))
    assert isinstance(article, nd.Article)
    return article, [str(d) for d in found]


def test_a_missing_picture_part_leaves_the_picture_out_naming_it(tmp_path: Path) -> None:
    body = _drawing("rId5", "A crane at dawn") + _drawing("rId6", "The quay")
    data = _word(
        body,
        [("rId5", "image", "media/gone.png"), ("rId6", "image", "media/quay.png")],
        {"word/media/quay.png": png_bomb(8, 6)},
    )
    article, found = _read_word(data, tmp_path)
    assert any(
        "'A crane at dawn'" in w and "'word/media/gone.png'" in w and "missing" in w for w in found
    ), found
    figures = [b for s in article.sections for b in s.blocks if isinstance(b, nd.Figure)]
    assert [f.alt for f in figures] == ["The quay"]  # the other picture is kept
    assert "KeyError" not in " ".join(found)


def test_a_relationship_to_a_folder_or_a_non_picture_is_left_out(tmp_path: Path) -> None:
    folder = _word(_drawing("rId5", "Nets"), [("rId5", "image", "media/")])
    article, found = _read_word(folder, tmp_path)
    assert any("'Nets'" in w and "missing" in w for w in found), found
    text = _word(
        _drawing("rId5", "Boats"),
        [("rId5", "image", "media/boats.png")],
        {"word/media/boats.png": b"these bytes describe boats in words, not in pixels"},
    )
    article, found = _read_word(text, tmp_path)
    assert any("'Boats'" in w and "are not a PNG, JPEG" in w for w in found), found
    assert not any(isinstance(b, nd.Figure) for s in article.sections for b in s.blocks)
    assert not (tmp_path / "pictures").exists() or not any((tmp_path / "pictures").iterdir())


@pytest.mark.parametrize(
    ("body", "relationships"),
    [
        (_drawing("rId7", "Unlisted"), [("rId5", "image", "media/a.png")]),  # no such id
        (_drawing("rId5", "No relationships at all"), None),  # no relationships part
        ('<w:p><w:hyperlink r:id="rId9"><w:r><w:t>a link</w:t></w:r></w:hyperlink></w:p>', []),
    ],
)
def test_a_reference_to_a_missing_relationship_is_refused_in_our_words(
    body: str, relationships: list[tuple[str, str, str]] | None, tmp_path: Path
) -> None:
    with pytest.raises(nd.InvalidDocumentError, match="refers to 'rId") as caught:
        _read_word(_word(body, relationships), tmp_path)
    assert "KeyError" not in str(caught.value)


@pytest.mark.parametrize("kind", ["styles", "numbering", "footnotes", "endnotes", "comments"])
def test_other_missing_parts_are_read_without_them(kind: str, tmp_path: Path) -> None:
    data = _word("", [("rId3", kind, f"{kind}.xml")])
    article, _ = _read_word(data, tmp_path)
    last = article.sections[-1].blocks[-1]
    assert isinstance(last, nd.Paragraph)
    assert nd.plain_text(last.content) == "The port reopened on Monday."
