"""The ninjs reader: a text item to an article, a composite to a collection.

See :mod:`newsdoc.formats.ninjs` for the mapping. Every value is taken through
:class:`~newsdoc.formats.ninjs._access.Node`: a value of the wrong JSON type is an error
naming its path, and a value newsdoc cannot use (an impossible date, urgency 42, a
coordinate that is not a number, version ``"-3"``) is left out or replaced with a warning
that says so. An object with the same key twice is refused, as in newsdoc JSON.
"""

from __future__ import annotations

from typing import Any

from newsdoc.errors import InvalidDocumentError, Problem, excerpt
from newsdoc.formats.ninjs._access import Node
from newsdoc.formats.ninjs._article import read_article
from newsdoc.formats.ninjs._dialects import is_newsdoc, normalise
from newsdoc.formats.ninjs._parts import read_id, read_org, rel
from newsdoc.formats.ninjs.options import NinjsOptions
from newsdoc.limits import check_input
from newsdoc.markup.json_text import check_json, json_type
from newsdoc.model import checks as C
from newsdoc.model.article import Article, Collection
from newsdoc.model.measure import check_document
from newsdoc.options import resolve


def read(
    data: bytes,
    options: NinjsOptions | None = None,
    /,
    *,
    source: str | None = None,
    **given: Any,
) -> Article | Collection:
    """The registry's reader: a ninjs text item gives an Article, a composite a Collection.

    >>> item = b'{"uri": "urn:x:1", "type": "text", "headlines": [{"role": "main", "value": "Hi"}]}'
    >>> read(item).headline
    'Hi'
    """
    resolve(NinjsOptions, "ninjs", options, given)
    check_input(data, source)
    item = check_json(data, source)
    if type(item) is not dict or ("uri" not in item and "guid" not in item):
        raise _problem(
            source, "not a ninjs item: expected a JSON object with a 'uri' (or Superdesk's 'guid')"
        )
    document = from_dict(item, source=source)
    check_document(document, source)
    return document


def _problem(source: str | None, message: str) -> InvalidDocumentError:
    return InvalidDocumentError([Problem("", message)], source)


def from_dict(item: dict[str, Any], *, source: str | None = None) -> Article | Collection:
    """Build an article (or a collection, from a composite) from ninjs JSON data."""
    if type(item) is not dict:
        raise _problem(source, f"not a ninjs item: expected an object, got {json_type(item)}")
    root = Node(normalise(item, source), "", source)
    own = is_newsdoc(root.data)
    kind = root.string("type") or "text"
    if kind == "composite" and any(rel(a) == "article" for a in root.nodes("associations")):
        return _read_collection(root, own=own)
    if kind not in ("text", "composite", "preformatted"):
        root.fail(
            "type", f"the ninjs item is of type {excerpt(kind)}; newsdoc reads text items only"
        )
    return read_article(root, own=own)


def _read_collection(item: Node, *, own: bool) -> Collection:
    articles = []
    for entry in item.nodes("associations"):
        if rel(entry) == "article":
            body = {k: v for k, v in entry.data.items() if k not in ("name", "rel")}
            articles.append(read_article(Node(body, entry.path, entry.source), own=own))
    carried: Any = tuple(articles)
    title = next((h.text("value") for h in item.nodes("headlines")), None)
    description = next(
        (d.text("value") for d in item.nodes("descriptions") if d.get("role") == "summary"),
        None,
    )
    created = item.when("contentCreated")
    publisher = next((o for o in item.nodes("organisations") if o.get("rel") == "publisher"), None)
    language = item.string("language")
    if language is not None and not C.language().test(language):
        item.assume("language", f"{excerpt(language)} is not a BCP 47 language tag; 'en' assumed")
        language = None
    return item.make(
        None,
        Collection,
        id=read_id(item),
        title=title or articles[0].headline,
        articles=carried,
        date=created.date() if created is not None else None,
        publisher=read_org(publisher) if publisher else None,
        description=description,
        language=language or "en",
    )
