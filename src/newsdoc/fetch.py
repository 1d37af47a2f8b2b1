"""Download a web page or a picture, only when the user asks for it (``--fetch``,
``--allow-remote``).

newsdoc never touches the network on its own; this is the one place that does, and the
command line calls it only behind an explicit flag. :func:`fetch_url` gets an http(s) URL
and returns the body's bytes, or raises :class:`FetchError` saying what went wrong (bad URL,
HTTP status, time-out, too large, a redirect refused). What it guarantees:

- ``timeout`` is a deadline for the whole download: connecting, every redirect, the headers
  and the body. A server that answers one byte at a time is cut off when it passes, however
  often it sends (only the name lookup is the system's, before the first connection);
- every redirect is checked before it is followed: its target must be an http(s) URL (never
  ``ftp:``, ``file:``, ``data:`` ...), on a host of ``allowed_hosts`` when that is given;
  at most ``max_redirects`` are followed, and a redirect back to a URL already visited is
  refused as a loop. A refused redirect is :class:`RedirectRefused`, and nothing is opened
  at its target;
- at most ``max_bytes`` are read: a larger ``Content-Length`` is refused before the body,
  and the body is read no further than the limit.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Collection
from typing import Any

from newsdoc.errors import ConversionError, FetchError, excerpt

__all__ = [
    "MAX_BYTES",
    "MAX_REDIRECTS",
    "DownloadFailed",
    "FetchError",
    "PageReader",
    "RedirectRefused",
    "fetch_url",
    "read_page",
    "set_page_reader",
]

#: The largest page :func:`fetch_url` accepts (news pages are well under this).
MAX_BYTES = 20 * 1024 * 1024
#: The most redirects :func:`fetch_url` follows for one download.
MAX_REDIRECTS = 5
_USER_AGENT = "newsdoc (+https://pypi.org/project/newsdoc/)"
_CHUNK = 64 * 1024


class DownloadFailed(FetchError):
    """A download that failed; ``reason`` says why without the URL (for other messages)."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot fetch {url}: {reason}")
        self.reason = reason


class RedirectRefused(DownloadFailed):
    """A redirect newsdoc does not follow: another scheme than http(s), a host outside the
    allowed ones, a loop, or too many redirects."""


def _failure(url: str, reason: str, kind: type[DownloadFailed] = DownloadFailed) -> FetchError:
    return kind(url, reason)


def fetch_url(
    url: str,
    *,
    timeout: float,
    max_bytes: int = MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    allowed_hosts: Collection[str] | None = None,
    accept: str = "text/html,*/*;q=0.5",
) -> bytes:
    """The body at ``url`` (http or https), downloaded whole within ``timeout`` seconds.

    >>> fetch_url("file:///etc/passwd", timeout=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.FetchError: cannot fetch 'file:///etc/passwd': only http:// and https:// ...
    """
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"cannot fetch {url!r}: only http:// and https:// URLs can be fetched")
    if timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds")
    hosts = None if allowed_hosts is None else {h.lower().rstrip(".") for h in allowed_hosts}
    _check_host(url, url, hosts)
    import http.client
    import urllib.error
    import urllib.request

    deadline = _Deadline(timeout)
    opener = _opener(url, deadline, max_redirects, hosts)
    request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT, "Accept": accept})
    deadline.start()
    try:
        with opener.open(request, timeout=deadline.socket_timeout()) as response:
            declared = response.headers.get("Content-Length", "")
            if declared.strip().isdigit() and int(declared) > max_bytes:
                raise _failure(url, f"the answer is {int(declared)} bytes, larger than {max_bytes}")
            data = _body(response, url, deadline, max_bytes)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        raise _failure(url, f"the server answered {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
        if deadline.expired:
            raise _failure(url, deadline.message()) from None
        raise _failure(url, _reason(exc)) from None
    finally:
        deadline.cancel()
    return data


def _reason(exc: BaseException) -> str:
    reason: Any = getattr(exc, "reason", None) or exc
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    if isinstance(reason, OSError) and reason.strerror:
        return str(reason.strerror)
    if isinstance(reason, str):
        return reason
    if isinstance(exc, ValueError):
        return "not a valid URL"
    return type(reason).__name__


def _body(response: Any, url: str, deadline: _Deadline, max_bytes: int) -> bytes:
    """The body, read in chunks until the end, the size limit or the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if deadline.expired:
            raise _failure(url, deadline.message())
        chunk: bytes = response.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise _failure(url, f"the page is larger than {max_bytes} bytes")
        chunks.append(chunk)
    if deadline.expired:  # the connection was cut: what came is not the whole body
        raise _failure(url, deadline.message())
    return b"".join(chunks)


def _check_host(url: str, target: str, hosts: set[str] | None) -> None:
    if hosts is None:
        return
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(target).hostname or "").rstrip(".")
    except ValueError:
        host = ""
    if host not in hosts:
        raise _failure(
            url,
            f"{excerpt(target)} is on a host outside the allowed ones ({', '.join(sorted(hosts))})",
            RedirectRefused if target != url else DownloadFailed,
        )


class _Deadline:
    """One download's deadline: past it, every socket of the download is shut down, which
    ends any read waiting on it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def start(self) -> None:
        self._timer.start()

    def cancel(self) -> None:
        self._timer.cancel()

    def message(self) -> str:
        return f"no complete answer within {self.seconds:g} seconds"

    def socket_timeout(self) -> float:
        """The time left, for the sockets' own timeouts (each read, the connection)."""
        left = self.end - time.monotonic()
        if left <= 0 or self.expired:
            self.expired = True
            raise TimeoutError(self.message())
        return left

    def watch(self, sock: Any) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: Any) -> None:
        import contextlib
        import socket

        with contextlib.suppress(OSError):  # the plain socket's, under any TLS layer
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


def _opener(url: str, deadline: _Deadline, max_redirects: int, hosts: set[str] | None) -> Any:
    """An opener with only http(s), each connection watched by ``deadline`` and each
    redirect checked before it is followed."""
    import http.client
    import socket
    import urllib.request
    from urllib.parse import urljoin, urlsplit

    def create_connection(address: Any, timeout: Any = None, *args: Any, **kwargs: Any) -> Any:
        sock = socket.create_connection(address, deadline.socket_timeout(), *args, **kwargs)
        deadline.watch(sock)
        return sock

    class Http(http.client.HTTPConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = create_connection

    class Https(http.client.HTTPSConnection):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = create_connection

    class HttpHandler(urllib.request.HTTPHandler):
        def http_open(self, req: Any) -> Any:
            return self.do_open(Http, req)

    class HttpsHandler(urllib.request.HTTPSHandler):
        def https_open(self, req: Any) -> Any:
            return self.do_open(Https, req, context=getattr(self, "_context", None))

    visited = [url]

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = max_redirects

        def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
            location = headers.get("Location") or headers.get("URI")
            if location:
                try:
                    target = urljoin(req.full_url, location.strip())
                    scheme = urlsplit(target).scheme.lower()
                except ValueError:
                    target, scheme = location, ""
                refusal = None
                if scheme not in {"http", "https"}:
                    refusal = f"redirected to {excerpt(target)}; newsdoc follows only http(s)"
                elif target in visited:
                    refusal = f"the redirects loop back to {excerpt(target)}"
                elif len(visited) > max_redirects:
                    refusal = f"more than {max_redirects} redirects"
                if refusal is not None:
                    fp.close()
                    raise _failure(url, refusal, RedirectRefused)
                try:
                    _check_host(url, target, hosts)
                except FetchError:
                    fp.close()
                    raise
                visited.append(target)
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        HttpHandler(),
        HttpsHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        Redirects(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


#: Reads a downloaded page: ``(page bytes, its URL) -> document``.
PageReader = Callable[[bytes, str], object]
_PAGE_READERS: list[PageReader] = []


def set_page_reader(reader: PageReader) -> None:
    """Name the reader :func:`read_page` reads downloaded pages with. The format registry
    (:mod:`newsdoc.formats`) hands in the web-page reader, so that a format that reads
    the pages its input links to (a feed's entries) need not import another format."""
    _PAGE_READERS[:] = [reader]


def read_page(url: str, *, timeout: float = 30) -> object:
    """Download the page at ``url`` (:func:`fetch_url`) and read it with the page reader
    handed in (:func:`set_page_reader`): an article, or whatever that reader makes of it.

    >>> read_page("file:///etc/passwd")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.FetchError: ...
    """
    page = fetch_url(url, timeout=timeout)
    if not _PAGE_READERS:
        raise ConversionError("no page reader: import newsdoc.formats to read downloaded pages")
    return _PAGE_READERS[0](page, url)
