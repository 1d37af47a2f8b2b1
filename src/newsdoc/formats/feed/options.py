"""The options every feed format shares (Atom, RSS, JSON Feed): the feed's own addresses
and title when writing, and how entries are read. Light: nothing is rendered here."""

from __future__ import annotations

import attrs

from newsdoc.model import checks as C
from newsdoc.options import Options, option

__all__ = ["FeedOptions"]

_FEEDS = "[atom, rss, jsonfeed]"


def _http(value: str) -> None:
    if not C.http_url().test(value):
        raise ValueError(f"{value!r} is not an absolute http(s) URL")


@attrs.frozen(kw_only=True)
class FeedOptions(Options):
    """Options shared by the ``atom``, ``rss`` and ``jsonfeed`` formats."""

    feed_title: str | None = option(
        None,
        help=f"{_FEEDS} The feed's title (default: the collection's title; for one article, "
        "its publisher, else its headline).",
        metavar="TEXT",
    )
    feed_link: str | None = option(
        None,
        help=f"{_FEEDS} The site the feed belongs to (default: the publisher's address).",
        metavar="URL",
        check=_http,
    )
    self_url: str | None = option(
        None,
        help=f"{_FEEDS} The feed's own address, where it is published.",
        metavar="URL",
        check=_http,
    )
    base_url: str | None = option(
        None,
        help=f"{_FEEDS} The address relative picture paths resolve against (default: each "
        "article's canonical URL; without either, pictures are left out, with a warning).",
        metavar="URL",
        check=_http,
    )
    template_dir: str | None = option(
        None,
        help="[html, epub, pdf, feeds] Templates that replace newsdoc's of the same name.",
        metavar="DIR",
        kind="dir",
    )
    url: str | None = option(
        None,
        help=f"{_FEEDS} The feed's address, for its relative links (default: the URL it was "
        "fetched from).",
        side="read",
        metavar="URL",
    )
    fetch: bool = option(
        False,
        help=f"{_FEEDS} Download the page of an entry that carries only a link, and read it "
        "with the web-page reader (never done otherwise: such entries are read from their "
        "summary, with a warning).",
        flag="fetch-links",
        side="read",
    )
