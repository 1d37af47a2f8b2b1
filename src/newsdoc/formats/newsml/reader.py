"""NewsML-G2 read: the registry's reader, which hands a ``newsItem`` to the item reader
(:mod:`newsdoc.formats.newsml.item`) and a ``newsMessage`` or ``packageItem`` to the message
reader (:mod:`newsdoc.formats.newsml.message`).
"""

from __future__ import annotations

from typing import Any

from newsdoc.errors import FieldError, InvalidDocumentError, Problem, excerpt
from newsdoc.formats.newsml.common import g2_tag
from newsdoc.formats.newsml.item import read_news_item
from newsdoc.formats.newsml.message import read_message, read_package
from newsdoc.formats.newsml.options import NewsmlOptions
from newsdoc.limits import check_input
from newsdoc.markup.xml import Element, parse, refuse
from newsdoc.model.article import Article, Collection
from newsdoc.model.measure import check_document
from newsdoc.options import resolve

__all__ = ["read", "read_element"]


def read(
    data: bytes,
    options: NewsmlOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article | Collection:
    """The registry's reader: a newsItem gives an Article; a newsMessage or packageItem a
    Collection. Raises :class:`~newsdoc.errors.InvalidDocumentError` for what it cannot read.

    >>> import newsdoc
    >>> article = read(newsdoc.dumps(newsdoc.load("examples/article.json"), "newsml"))
    >>> article.headline
    'Night train between Yerevan and Tbilisi returns after a decade'
    """
    resolve(NewsmlOptions, "newsml", options, given)
    check_input(data, source)
    root = parse(data, source=source)
    document = read_element(root, source=source)
    check_document(document, source)
    return document


def read_element(root: Element, *, source: str | None = None) -> Article | Collection:
    """Read a parsed NewsML-G2 ``newsItem``, ``packageItem`` or ``newsMessage``."""
    if root.tag == g2_tag("newsItem"):
        return read_news_item(root, source)
    try:
        if root.tag == g2_tag("newsMessage"):
            return read_message(root, source)
        if root.tag == g2_tag("packageItem"):
            return read_package(root, {}, {}, source)
    except FieldError as exc:  # a value the model refuses, named by its field
        problem = Problem(exc.field, f"the collection cannot be read: {exc.detail}")
        raise InvalidDocumentError([problem], source) from None
    raise refuse(
        "not a NewsML-G2 newsItem, packageItem or newsMessage: the root element is "
        + excerpt(root.tag),
        source,
    )
