"""The HTML writer, and the one HTML renderer that EPUB and PDF render through.

:func:`write` turns an :class:`~newsdoc.Article` or :class:`~newsdoc.Collection` into one
standalone, valid HTML5 page: semantic markup (``<article>``, ``<header>``, ``<time>``,
``<figure>``, ``<blockquote>`` with ``<cite>`` ...), ``lang`` and ``dir`` on the root and on every
block that overrides them, a schema.org ``NewsArticle`` in JSON-LD in the head, and the
package's style sheet inlined. Its options:

- ``css``: extra CSS added after newsdoc's own: CSS text, or the path of a ``.css`` file
  (a :class:`~pathlib.Path`, or a string ending in ``.css`` with no ``{`` in it);
- ``template_dir``: a folder of templates that replace the package's ones of the same name
  (``article.html.j2``, ``collection.html.j2``, ``_macros.html.j2``, ``newsdoc.css`` ...);
- ``base_dir``: the folder relative image paths resolve against (the current folder if not
  given), and ``allowed_dirs``: the folders local images may come from (``base_dir`` alone);
- ``embed_images`` (default ``True``): embed local images as ``data:`` URIs, so the page stands
  alone; with ``False`` the page links to them by their relative path;
- ``allow_remote`` (default ``False``): download http(s) images and embed them too; without
  it a remote image stays a plain link for the browser, and newsdoc fetches nothing;
- ``missing_images``: ``"error"`` (default) raises for an image that cannot be loaded;
  ``"omit"`` renders such a figure without its picture (its alt text, caption and credit stay);
- ``json_ld`` (default ``True``): include the JSON-LD block.

Templates are Jinja2 with autoescaping on, so no text of an article can become markup; links
are written only for http(s), ``mailto:`` and ``#fragment`` targets. The :class:`Renderer` is
what other writers call: it renders the same templates as XHTML for EPUB, with image URLs
rewritten by the caller (:data:`ImageSource`).
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable, Iterable, Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import orjson

from newsdoc.errors import ConversionError
from newsdoc.formats._resources import ResourceLoader, is_remote
from newsdoc.formats.html.options import HtmlOptions, MissingImages
from newsdoc.language import direction_of
from newsdoc.model import (
    Article,
    Code,
    Collection,
    Document,
    Emphasis,
    Figure,
    InlineQuote,
    LineBreak,
    Link,
    ListBlock,
    Paragraph,
    Person,
    Quote,
    Strong,
    Table,
    Text,
    plain_text,
)
from newsdoc.model.inline import is_safe_href
from newsdoc.options import resolve

if TYPE_CHECKING:
    import jinja2

__all__ = [
    "ImageSource",
    "MissingImages",
    "Renderer",
    "html_datetime",
    "image_source",
    "json_ld",
    "labels_for",
    "render",
    "safe_href",
    "section_id",
    "write",
]


#: Given a figure, the URL its ``<img>`` gets, or ``None`` for a figure without its picture.
ImageSource: TypeAlias = Callable[[Figure], str | None]

_TEMPLATE_PACKAGE = "newsdoc"
_TEMPLATE_FOLDER = "templates"
_XHTML_PROLOGUE = '<?xml version="1.0" encoding="utf-8"?>\n'


@cache
def labels_for(language: str) -> Mapping[str, str]:
    """The words pages show around an article's text, in ``language`` where newsdoc has them.

    They live in the package's ``templates/labels.json``, by primary language subtag; words
    missing in a language come from English.

    >>> labels_for("hy-AM")["key_points"], labels_for("xx")["key_points"]
    ('Հիմնական կետեր', 'Key points')
    """
    labels = _all_labels()
    primary = language.split("-", 1)[0].lower()
    return {**labels["en"], **labels.get(primary, {})}


@cache
def _all_labels() -> dict[str, dict[str, str]]:
    """The words of every language, from the package's ``templates/labels.json``."""
    from importlib.resources import files

    text = (files(_TEMPLATE_PACKAGE) / _TEMPLATE_FOLDER / "labels.json").read_text("utf-8")
    found: dict[str, dict[str, str]] = orjson.loads(text)
    return found


def safe_href(value: object) -> str:
    """``value`` if it is a link target newsdoc writes (http(s), ``mailto:``, ``#fragment``).

    Anything else, ``javascript:`` URLs included, gives ``""``, and templates write no link.

    >>> safe_href("https://example.org/"), safe_href("javascript:alert(1)")
    ('https://example.org/', '')
    """
    return value if isinstance(value, str) and is_safe_href(value) else ""


def html_datetime(value: dt.datetime | dt.date) -> str:
    """A date or date-time as HTML's ``<time datetime>`` wants it (whole seconds, ``±hh:mm``).

    >>> import datetime as dt
    >>> html_datetime(dt.datetime(2026, 5, 4, 9, 30, 0, 123456, tzinfo=dt.timezone.utc))
    '2026-05-04T09:30:00Z'
    """
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    offset = value.utcoffset()
    if offset is None:
        return value.replace(microsecond=0).isoformat()
    if offset.seconds % 60 or offset.microseconds:  # HTML offsets are whole minutes
        value = value.astimezone(dt.UTC)
        offset = dt.timedelta(0)
    text = value.replace(microsecond=0, tzinfo=None).isoformat()
    if offset == dt.timedelta(0):
        return text + "Z"
    sign = "+" if offset > dt.timedelta(0) else "-"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{text}{sign}{minutes // 60:02d}:{minutes % 60:02d}"


def _human_datetime(value: dt.datetime | dt.date) -> str:
    """A date-time for reading: ``2026-05-04 09:30 UTC+04:00``; a date as ``2026-05-04``."""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    machine = html_datetime(value)
    day, _, rest = machine.partition("T")
    zone = "UTC" if rest.endswith("Z") else "UTC" + rest[-6:]
    return f"{day} {rest[:5]} {zone}"


def section_id(index: int, prefix: str = "") -> str:
    """The ``id`` of the ``index``-th (from 1) body section with a heading: ``section-2``.

    >>> section_id(2), section_id(1, prefix="a3-")
    ('section-2', 'a3-section-1')
    """
    return f"{prefix}section-{index}"


_KINDS: dict[type, str] = {
    Text: "text",
    Code: "code",
    LineBreak: "br",
    Emphasis: "em",
    Strong: "strong",
    Link: "a",
    InlineQuote: "q",
    Paragraph: "paragraph",
    Quote: "quote",
    ListBlock: "list",
    Figure: "figure",
    Table: "table",
}


def _kind(node: object) -> str:
    return _KINDS.get(type(node), "")


def _people(people: Iterable[Person], labels: Mapping[str, str]) -> list[tuple[Person, str]]:
    """Each person with the separator that follows it in a list (", ", " and ", or "")."""
    found = list(people)
    result = []
    for index, person in enumerate(found):
        if index == len(found) - 1:
            sep = ""
        elif index == len(found) - 2:
            sep = labels["and"]
        else:
            sep = labels["list_sep"]
        result.append((person, sep))
    return result


def _json_script(data: Any) -> str:
    """JSON for a ``<script>`` element: ``<``, ``>`` and ``&`` escaped, so text cannot end it."""
    text = orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    return None if value is None else html_datetime(value)


def _person_ld(person: Person) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.url:
        found["url"] = person.url
    if person.role:
        found["jobTitle"] = person.role
    if person.affiliation:
        found["affiliation"] = {"@type": "Organization", "name": person.affiliation}
    return found


def _organization_ld(org: Any) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Organization", "name": org.name}
    if org.url:
        found["url"] = org.url
    if org.id:
        found["identifier"] = org.id
    return found


def _image_ld(figure: Figure) -> dict[str, Any] | None:
    if not (is_remote(figure.src) or ":" not in figure.src.split("/", 1)[0]):
        return None  # only http(s) URLs and relative paths are URLs worth naming
    found: dict[str, Any] = {"@type": "ImageObject", "url": figure.src}
    if figure.caption:
        found["caption"] = plain_text(figure.caption)
    if figure.credit:
        found["creditText"] = figure.credit
    if figure.alt:
        found["description"] = figure.alt
    if figure.width:
        found["width"] = figure.width
    if figure.height:
        found["height"] = figure.height
    return found


def dateline_text(article: Article) -> str | None:
    """The dateline as one line of text ("Yerevan, 2026-05-04"), or ``None``."""
    line = article.dateline
    if line is None:
        return None
    parts = [line.place]
    if line.date is not None:
        parts.append(line.date.isoformat())
    return ", ".join(parts)


def _article_ld(article: Article) -> dict[str, Any]:
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "identifier": article.id,
        "headline": article.headline,
        "inLanguage": article.language,
    }
    optional: dict[str, Any] = {
        "@id": article.canonical_url,
        "url": article.canonical_url,
        "mainEntityOfPage": article.canonical_url,
        "alternativeHeadline": article.subheadline,
        "description": article.summary,
        "dateCreated": _iso(article.created),
        "datePublished": _iso(article.published),
        "dateModified": _iso(article.updated),
        "articleSection": article.section,
        "genre": article.genre,
        "dateline": dateline_text(article),
        "version": str(article.version),
    }
    found.update({key: value for key, value in optional.items() if value is not None})
    if article.bylines:
        found["author"] = [_person_ld(person) for person in article.bylines]
    if article.publisher is not None:
        found["publisher"] = _organization_ld(article.publisher)
    if article.source is not None:
        found["sourceOrganization"] = _organization_ld(article.source)
    if article.lead_image is not None:
        image = _image_ld(article.lead_image)
        if image is not None:
            found["image"] = image
    if article.keywords:
        found["keywords"] = list(article.keywords)
    if article.subjects:
        found["about"] = [
            {
                "@type": "DefinedTerm",
                "termCode": subject.code,
                "inDefinedTermSet": subject.scheme,
                **({"name": subject.label} if subject.label else {}),
            }
            for subject in article.subjects
        ]
    if article.dateline is not None:
        place: dict[str, Any] = {"@type": "Place", "name": article.dateline.place}
        if article.dateline.country_code:
            place["address"] = {
                "@type": "PostalAddress",
                "addressCountry": article.dateline.country_code,
            }
        if article.dateline.geo is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": article.dateline.geo.latitude,
                "longitude": article.dateline.geo.longitude,
            }
        found["contentLocation"] = place
    if article.corrections:
        found["correction"] = [
            {
                "@type": "CorrectionComment",
                "text": correction.text,
                "datePublished": html_datetime(correction.date),
                "additionalType": str(correction.kind),
            }
            for correction in article.corrections
        ]
    if article.rights is not None:
        rights = article.rights
        if rights.holder:
            found["copyrightHolder"] = {"@type": "Organization", "name": rights.holder}
        if rights.notice:
            found["copyrightNotice"] = rights.notice
        if rights.usage_terms:
            found["usageInfo"] = rights.usage_terms
        if rights.license_url:
            found["license"] = rights.license_url
    return found


def json_ld(document: Document) -> dict[str, Any]:
    """The schema.org description of a document: a ``NewsArticle``, or a ``CollectionPage``
    whose ``hasPart`` lists one ``NewsArticle`` per article.

    >>> from newsdoc import Article
    >>> found = json_ld(Article(id="urn:newsdoc:1", headline="Hi", language="hy"))
    >>> found["@type"], found["headline"], found["inLanguage"]
    ('NewsArticle', 'Hi', 'hy')
    """
    if isinstance(document, Article):
        return _article_ld(document)
    found: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "identifier": document.id,
        "name": document.title,
        "inLanguage": document.language,
    }
    if document.description:
        found["description"] = document.description
    if document.date:
        found["datePublished"] = document.date.isoformat()
    if document.publisher is not None:
        found["publisher"] = _organization_ld(document.publisher)
    parts = []
    for article in document.articles:
        part = _article_ld(article)
        del part["@context"]
        parts.append(part)
    found["hasPart"] = parts
    return found


def _template_loader(template_dir: str | os.PathLike[str] | None) -> jinja2.BaseLoader:
    import jinja2

    package = jinja2.PackageLoader(_TEMPLATE_PACKAGE, _TEMPLATE_FOLDER)
    if template_dir is None:
        return package
    folder = Path(template_dir)
    if not folder.is_dir():
        raise ConversionError(f"template folder {str(folder)!r} does not exist")
    return jinja2.ChoiceLoader([jinja2.FileSystemLoader(folder), package])


def _read_css(css: str | os.PathLike[str] | None) -> str:
    """Extra CSS from text or a file (see the module docstring for how they are told apart)."""
    if css is None:
        return ""
    is_path = isinstance(css, os.PathLike) or (
        isinstance(css, str) and css.strip().lower().endswith(".css") and "{" not in css
    )
    if is_path:
        path = Path(css)
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ConversionError(f"cannot read the style sheet {str(path)!r}: {exc}") from None
        except UnicodeDecodeError:
            raise ConversionError(f"style sheet {str(path)!r} is not UTF-8 text") from None
    if not isinstance(css, str):
        raise TypeError("css must be CSS text or the path of a .css file")
    return css


@lru_cache(maxsize=16)
def _environment(template_dir: str | None) -> jinja2.Environment:
    """The Jinja2 environment for a template folder, made once: templates compile on first use
    and stay compiled (those of a ``template_dir`` are reloaded when their files change)."""
    import jinja2

    environment = jinja2.Environment(
        loader=_template_loader(template_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    environment.filters.update(
        safe_href=safe_href,
        kind=_kind,
        iso=html_datetime,
        human=_human_datetime,
        direction=direction_of,
        plain=plain_text,
    )
    environment.globals.update(section_id=section_id, people=_people)
    return environment


class Renderer:
    """Renders documents to HTML or XHTML pages through the package's Jinja2 templates.

    One renderer serves every writer: HTML pages, EPUB chapters and pages (``xhtml=True``),
    and later PDF. ``template_dir`` overrides templates by name; ``css`` adds CSS after the
    package's style sheet (text or a ``.css`` path).

    >>> from newsdoc import Article
    >>> renderer = Renderer(css="h1 { color: navy; }")
    >>> page = renderer.article_page(Article(id="urn:newsdoc:1", headline="Hi"),
    ...                              image_src=lambda figure: figure.src)
    >>> "<h1" in page and "color: navy" in page
    True
    """

    def __init__(
        self,
        *,
        template_dir: str | os.PathLike[str] | None = None,
        css: str | os.PathLike[str] | None = None,
    ) -> None:
        folder = None if template_dir is None else str(Path(template_dir).resolve())
        self.environment = _environment(folder)
        self.extra_css = _read_css(css)

    def stylesheet(self) -> str:
        """newsdoc's style sheet (the ``newsdoc.css`` template) followed by the extra CSS."""
        assert self.environment.loader is not None
        base, _, _ = self.environment.loader.get_source(self.environment, "newsdoc.css")
        return base + ("\n/* Caller's style sheet */\n" + self.extra_css if self.extra_css else "")

    def render_template(self, name: str, **context: Any) -> str:
        """Render the template ``name`` with ``context`` (for pages such as an EPUB cover)."""
        import jinja2

        try:
            return self.environment.get_template(name).render(**context)
        except jinja2.TemplateError as exc:
            raise ConversionError(f"template {name!r} failed: {exc}") from exc

    def _base_context(
        self, *, xhtml: bool, image_src: ImageSource, stylesheets: Iterable[str], inline_css: bool
    ) -> dict[str, Any]:
        css = self.stylesheet() if inline_css else ""
        if xhtml and css and ("<" in css or "&" in css):
            raise ConversionError("a style sheet inlined in XHTML may not contain '<' or '&'")
        if not xhtml and re.search(r"</style", css, re.IGNORECASE):
            raise ConversionError("the style sheet may not contain '</style'")
        return {
            "xhtml": xhtml,
            "image_src": image_src,
            "stylesheets": list(stylesheets),
            "inline_css": css,
        }

    def article_page(
        self,
        article: Article,
        *,
        image_src: ImageSource,
        xhtml: bool = False,
        stylesheets: Iterable[str] = (),
        inline_css: bool = True,
        include_json_ld: bool = True,
    ) -> str:
        """A whole page for one article: ``<h1>`` headline, sections in ``<h2>``."""
        context = self._base_context(
            xhtml=xhtml, image_src=image_src, stylesheets=stylesheets, inline_css=inline_css
        )
        context.update(
            article=article,
            labels=labels_for(article.language),
            json_ld=_json_script(json_ld(article)) if include_json_ld else "",
        )
        return self._page("article.html.j2", context, xhtml)

    def collection_page(
        self,
        collection: Collection,
        *,
        image_src: ImageSource,
        xhtml: bool = False,
        stylesheets: Iterable[str] = (),
        inline_css: bool = True,
        include_json_ld: bool = True,
    ) -> str:
        """A whole page for a collection: its title in ``<h1>``, each article's in ``<h2>``."""
        context = self._base_context(
            xhtml=xhtml, image_src=image_src, stylesheets=stylesheets, inline_css=inline_css
        )
        context.update(
            collection=collection,
            labels=labels_for(collection.language),
            labels_for=labels_for,
            json_ld=_json_script(json_ld(collection)) if include_json_ld else "",
        )
        return self._page("collection.html.j2", context, xhtml)

    def page(
        self,
        document: Document,
        *,
        image_src: ImageSource,
        xhtml: bool = False,
        stylesheets: Iterable[str] = (),
        inline_css: bool = True,
        include_json_ld: bool = True,
    ) -> str:
        """The page of an article or a collection (see :meth:`article_page`)."""
        options: dict[str, Any] = {
            "image_src": image_src,
            "xhtml": xhtml,
            "stylesheets": stylesheets,
            "inline_css": inline_css,
            "include_json_ld": include_json_ld,
        }
        if isinstance(document, Article):
            return self.article_page(document, **options)
        if isinstance(document, Collection):
            return self.collection_page(document, **options)
        raise TypeError(f"expected an Article or a Collection, got {type(document).__name__}")

    def _page(self, name: str, context: dict[str, Any], xhtml: bool) -> str:
        page = self.render_template(name, **context)
        return _XHTML_PROLOGUE + page if xhtml else page


def image_source(
    loader: ResourceLoader,
    *,
    embed: bool = True,
    missing_images: MissingImages = "error",
) -> ImageSource:
    """The :data:`ImageSource` of the HTML writer.

    Local images are checked and loaded through ``loader`` and embedded as ``data:`` URIs
    (``embed``) or linked by their path; remote ones are embedded when ``loader`` may download
    them, else linked as they are. With ``missing_images="omit"`` an image that cannot be had
    gives a figure without its picture instead of an error.

    >>> from newsdoc import Figure
    >>> from newsdoc.formats._resources import ResourceLoader
    >>> loader = ResourceLoader.from_options("examples", (), allow_remote=False)
    >>> source = image_source(loader, embed=False)
    >>> source(Figure(src="images/night-train.png", alt="A train"))
    'images/night-train.png'
    """
    import base64

    if missing_images not in ("error", "omit"):
        raise ConversionError(f"missing_images must be 'error' or 'omit', not {missing_images!r}")

    def source(figure: Figure) -> str | None:
        if is_remote(figure.src) and not loader.allow_remote:
            return figure.src
        try:
            resource = loader.load(figure.src)
        except ConversionError:
            if missing_images == "omit":
                return None
            raise
        if not embed:
            return figure.src
        encoded = base64.b64encode(resource.data).decode("ascii")
        return f"data:{resource.media_type};base64,{encoded}"

    return source


def render(document: Document, options: HtmlOptions | None = None, /, **given: Any) -> str:
    """The HTML page of ``document`` as text; the options are those of :func:`write`.

    >>> from newsdoc import Article
    >>> page = render(Article(id="urn:newsdoc:1", headline="Hi"), json_ld=False)
    >>> page.startswith("<!DOCTYPE html>"), "application/ld+json" in page
    (True, False)
    """
    settings = resolve(HtmlOptions, "html", options, given)
    renderer = Renderer(template_dir=settings.template_dir, css=settings.css)
    loader = ResourceLoader.for_options(settings, document)
    source = image_source(
        loader, embed=settings.embed_images, missing_images=settings.missing_images
    )
    return renderer.page(document, image_src=source, include_json_ld=settings.json_ld)


def write(document: Document, options: HtmlOptions | None = None, /, **given: Any) -> bytes:
    """The registry's writer: the UTF-8 HTML5 page of an article or a collection.

    See :class:`~newsdoc.formats.html.options.HtmlOptions` for the options.

    >>> import newsdoc
    >>> article = newsdoc.load("examples/article.json")
    >>> page = write(article, css="h1 { color: navy; }")  # images beside the loaded file
    >>> b'<html lang="en"' in page, b"data:image/png;base64," in page
    (True, True)
    """
    return render(document, options, **given).encode("utf-8")
