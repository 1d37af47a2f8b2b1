"""Download a web page, only when the user asks for it (``newsdoc convert URL --fetch``).

newsdoc never touches the network on its own; this is the one place that does, and the
command line calls it only behind an explicit flag. :func:`fetch_url` gets an http(s) URL
with a time limit and a size limit and returns the body's bytes, or raises
:class:`FetchError` saying what went wrong (bad URL, HTTP status, time-out, too large).
"""

from __future__ import annotations

import urllib.error
import urllib.request

from newsdoc.errors import FetchError

__all__ = ["MAX_BYTES", "FetchError", "fetch_url"]

#: The largest page :func:`fetch_url` accepts (news pages are well under this).
MAX_BYTES = 20 * 1024 * 1024
_USER_AGENT = "newsdoc (+https://pypi.org/project/newsdoc/)"


def fetch_url(url: str, *, timeout: float, max_bytes: int = MAX_BYTES) -> bytes:
    """The body of the page at ``url`` (http or https), within ``timeout`` seconds.

    >>> fetch_url("file:///etc/passwd", timeout=1)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    newsdoc.errors.FetchError: cannot fetch 'file:///etc/passwd': only http:// and https:// ...
    """
    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"cannot fetch {url!r}: only http:// and https:// URLs can be fetched")
    if timeout <= 0:
        raise ValueError("timeout must be a positive number of seconds")
    request = urllib.request.Request(
        url, headers={"User-Agent": _USER_AGENT, "Accept": "text/html,*/*;q=0.5"}
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            data: bytes = response.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise FetchError(
            f"cannot fetch {url}: the server answered {exc.code} {exc.reason}"
        ) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        text = reason.strerror if isinstance(reason, OSError) and reason.strerror else reason
        raise FetchError(f"cannot fetch {url}: {text}") from None
    except TimeoutError:
        raise FetchError(f"cannot fetch {url}: no answer within {timeout:g} seconds") from None
    except OSError as exc:
        raise FetchError(f"cannot fetch {url}: {exc.strerror or type(exc).__name__}") from None
    except ValueError:
        raise FetchError(f"cannot fetch {url!r}: not a valid URL") from None
    if len(data) > max_bytes:
        raise FetchError(f"cannot fetch {url}: the page is larger than {max_bytes} bytes")
    return data
