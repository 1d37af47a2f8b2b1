"""Hypothesis strategies that generate arbitrary valid newsdoc articles and collections.

``articles()`` covers every field and block type (preformatted text with its indentation,
blank lines and stray fences too), right-to-left languages, nested inline
markup, and text in many scripts, tabs and line breaks included (other control characters
excepted, as the model refuses them; names, labels, keywords and places are on one line).
Format tests use it to prove round trips and validator cleanliness on articles nobody wrote.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

import newsdoc as nd

# Any printable character of any script, tab and line breaks; no other controls, surrogates or
# unassigned code points.
_CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co"), include_characters="\n\r\t")
_LINE_CHARS = st.characters(exclude_categories=("Cs", "Cc", "Cn", "Co"))
LANGUAGES = [
    "en",
    "en-GB",
    "hy",
    "hy-AM",
    "ru",
    "el",
    "ar",
    "ar-EG",
    "he",
    "fa",
    "uk",
    "sr-Latn",
    "zh-Hant-TW",
    "de-CH-1996",
    "ka",
]
SCRIPT_SAMPLES = ["Yerevan", "Երևան", "Гюмри", "Αθήνα", "القاهرة", "ירושלים", "Tbilisi", "東京"]


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text in any script."""
    free = st.text(_CHARS, min_size=1, max_size=max_size)
    return st.one_of(free, st.sampled_from(SCRIPT_SAMPLES)).filter(lambda s: not s.isspace())


def lines(max_size: int = 40) -> st.SearchStrategy[str]:
    """Non-blank text on one line (names, labels, keywords, places)."""
    free = st.text(_LINE_CHARS, min_size=1, max_size=max_size)
    return st.one_of(free, st.sampled_from(SCRIPT_SAMPLES)).filter(lambda s: not s.isspace())


def runs(max_size: int = 30) -> st.SearchStrategy[str]:
    """A run of text: any characters, may be only spaces."""
    return st.text(_CHARS, min_size=1, max_size=max_size)


def _slug() -> st.SearchStrategy[str]:
    return st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)


def urls() -> st.SearchStrategy[str]:
    return st.builds(
        lambda host, path: f"https://{host}.example.org/{path}",
        st.sampled_from(["news", "www", "agency", "photos"]),
        _slug(),
    )


def ids() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda s: f"urn:newsdoc:test:{s}", _slug()),
        st.builds(lambda s: f"tag:example.org,2026:{s}", _slug()),
        urls(),
    )


_OFFSETS = st.integers(-14 * 60, 14 * 60).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))


def datetimes() -> st.SearchStrategy[dt.datetime]:
    return st.datetimes(
        min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=_OFFSETS
    )


def dates() -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1))


def _opt(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.none() | strategy


def _children(inner: st.SearchStrategy[nd.Inline]) -> st.SearchStrategy[tuple[nd.Inline, ...]]:
    return st.lists(inner, min_size=1, max_size=3).map(tuple)


def inline_nodes() -> st.SearchStrategy[nd.Inline]:
    leaves = st.one_of(
        st.builds(nd.Text, text=runs()),
        st.builds(nd.Code, text=runs(12)),
        st.just(nd.LineBreak()),
    )
    return st.recursive(
        leaves,
        lambda inner: st.one_of(
            st.builds(nd.Emphasis, children=_children(inner)),
            st.builds(nd.Strong, children=_children(inner)),
            st.builds(nd.Link, href=urls(), children=_children(inner), title=_opt(texts())),
            st.builds(
                nd.InlineQuote, children=_children(inner), lang=_opt(st.sampled_from(LANGUAGES))
            ),
        ),
        max_leaves=6,
    )


def inlines(min_size: int = 1) -> st.SearchStrategy[tuple[nd.Inline, ...]]:
    return st.lists(inline_nodes(), min_size=min_size, max_size=4).map(tuple)


def people() -> st.SearchStrategy[nd.Person]:
    return st.builds(
        nd.Person, name=lines(), role=_opt(lines()), affiliation=_opt(lines()), url=_opt(urls())
    )


_LANG = _opt(st.sampled_from(LANGUAGES))
_DIR = _opt(st.sampled_from(list(nd.Direction)))


def figures() -> st.SearchStrategy[nd.Figure]:
    return st.builds(
        nd.Figure,
        src=st.one_of(urls(), st.builds(lambda s: f"images/{s}.png", _slug())),
        alt=st.text(_CHARS, max_size=30),
        caption=_opt(inlines()),
        credit=_opt(texts()),
        width=_opt(st.integers(1, 4000)),
        height=_opt(st.integers(1, 4000)),
        media_type=_opt(st.sampled_from(["image/png", "image/jpeg", "image/svg+xml"])),
        lang=_LANG,
        dir=_DIR,
    )


@st.composite
def tables(draw: st.DrawFn) -> nd.Table:
    width = draw(st.integers(1, 4))
    cell = inlines(min_size=0)
    header = draw(st.one_of(st.just(()), st.lists(cell, min_size=width, max_size=width)))
    rows = draw(
        st.lists(st.lists(cell, min_size=width, max_size=width).map(tuple), min_size=1, max_size=4)
    )
    return nd.Table(
        header=tuple(header),
        rows=tuple(rows),
        caption=draw(_opt(inlines())),
        align=draw(
            st.one_of(
                st.just(()),
                st.lists(st.sampled_from(nd.Align), min_size=width, max_size=width),
            )
        ),
        lang=draw(_LANG),
        dir=draw(_DIR),
    )


_SYNTAXES = st.one_of(
    st.sampled_from(["python", "json", "shell", "c++", "objective-c", "f#"]),
    st.from_regex(r"\A[A-Za-z0-9][A-Za-z0-9_+#.\-]{0,12}\Z"),
)


def preformatted() -> st.SearchStrategy[nd.Preformatted]:
    """Preformatted text: code lines with indentation, tabs, blank lines and any script."""
    line = st.one_of(
        st.text(_LINE_CHARS, max_size=20),
        st.builds(lambda n, t: " " * n + t, st.integers(0, 8), st.text(_LINE_CHARS, max_size=12)),
        st.sampled_from(["", "\tindented()", "```", "~~~", "<b>&amp;</b>", "    x = 1"]),
    )
    return st.builds(
        nd.Preformatted,
        text=st.one_of(
            texts(),
            st.lists(line, min_size=1, max_size=6).map("\n".join),
        ).filter(lambda s: s.strip() != ""),
        syntax=_opt(_SYNTAXES),
        lang=_LANG,
        dir=_DIR,
    )


def blocks() -> st.SearchStrategy[nd.Block]:
    return st.one_of(
        st.builds(nd.Paragraph, content=inlines(), lang=_LANG, dir=_DIR),
        st.builds(
            nd.Quote,
            text=inlines(),
            speaker=_opt(people()),
            place=_opt(texts()),
            date=_opt(dates()),
            source_url=_opt(urls()),
            kind=st.sampled_from(list(nd.QuoteKind)),
            lang=_LANG,
            dir=_DIR,
        ),
        st.builds(
            nd.ListBlock,
            items=st.lists(inlines(), min_size=1, max_size=4).map(tuple),
            ordered=st.booleans(),
            lang=_LANG,
            dir=_DIR,
        ),
        figures(),
        tables(),
        preformatted(),
    )


def sections() -> st.SearchStrategy[nd.Section]:
    return st.builds(
        nd.Section,
        blocks=st.lists(blocks(), min_size=1, max_size=4).map(tuple),
        heading=_opt(texts()),
    )


def organizations() -> st.SearchStrategy[nd.Organization]:
    return st.builds(nd.Organization, name=lines(), url=_opt(urls()), id=_opt(ids()))


def _tuple(strategy: st.SearchStrategy[object], max_size: int = 3) -> st.SearchStrategy[tuple]:  # type: ignore[type-arg]
    return st.lists(strategy, max_size=max_size).map(tuple)


def articles(language: str | None = None) -> st.SearchStrategy[nd.Article]:
    """Arbitrary valid articles (in ``language``, if given)."""
    return st.builds(
        nd.Article,
        id=ids(),
        headline=texts(),
        version=st.integers(1, 50),
        subheadline=_opt(texts()),
        slug=_opt(st.one_of(_slug(), lines(30))),
        summary=_opt(texts(80)),
        bylines=_tuple(people()),
        dateline=_opt(
            st.builds(
                nd.Dateline,
                place=lines(),
                country_code=_opt(st.sampled_from(["AM", "GE", "RU", "EG", "IL", "GR"])),
                geo=_opt(
                    st.builds(
                        nd.GeoPoint, latitude=st.floats(-90, 90), longitude=st.floats(-180, 180)
                    )
                ),
                date=_opt(dates()),
            )
        ),
        created=_opt(datetimes()),
        published=_opt(datetimes()),
        updated=_opt(datetimes()),
        language=st.just(language) if language else st.sampled_from(LANGUAGES),
        section=_opt(lines()),
        genre=_opt(lines()),
        subjects=_tuple(
            st.builds(
                nd.Subject,
                scheme=st.sampled_from(["medtop", "subj"]),
                code=st.from_regex(r"\A[0-9]{8}\Z"),
                label=_opt(lines()),
            )
        ),
        keywords=_tuple(lines(20), 4),
        lead_image=_opt(figures()),
        sections=_tuple(sections(), 3),
        key_points=_tuple(st.builds(nd.KeyPoint, text=inlines(), topics=_tuple(lines(15)))),
        related=_tuple(
            st.builds(
                nd.RelatedLink,
                url=st.one_of(urls(), ids().filter(lambda i: i.startswith("urn"))),
                title=texts(),
                relation=st.sampled_from(list(nd.Relation)),
                description=_opt(texts()),
                date=_opt(dates()),
            )
        ),
        publisher=_opt(organizations()),
        source=_opt(organizations()),
        canonical_url=_opt(urls()),
        rights=_opt(
            st.builds(
                nd.Rights,
                holder=_opt(lines()),
                notice=_opt(texts()),
                usage_terms=_opt(texts()),
                license_url=_opt(urls()),
            )
        ),
        corrections=_tuple(
            st.builds(
                nd.Correction,
                date=datetimes(),
                text=texts(),
                kind=st.sampled_from(list(nd.CorrectionKind)),
            )
        ),
        embargo=_opt(datetimes()),
        urgency=_opt(st.integers(1, 9)),
        status=st.sampled_from(list(nd.PubStatus)),
    )


def collections() -> st.SearchStrategy[nd.Collection]:
    return st.builds(
        nd.Collection,
        id=ids(),
        title=texts(),
        articles=st.lists(articles(), min_size=1, max_size=3).map(tuple),
        date=_opt(dates()),
        publisher=_opt(organizations()),
        description=_opt(texts()),
        language=st.sampled_from(LANGUAGES),
    )
