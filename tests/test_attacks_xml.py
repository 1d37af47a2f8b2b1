"""The XML gate and the limits counted before parsing, attacked as an attacker would.

Every reader of XML (NewsML-G2, NITF, RSS, Atom, Word) in every encoding an XML parser tells
from the first bytes (UTF-8, UTF-16 and UTF-32, little- and big-endian, with and without a
byte-order mark): a DOCTYPE that declares entities is refused, one that only names a DTD is
left out and the DTD never opened (a named pipe would be). Attribute floods are refused by
every reader of markup before its parser sees them, and a feed of too many entries before
feedparser does. Each hostile input must end within a guard of seconds (never a timing
assertion: the guard only stops a test that would otherwise run for minutes).
"""

from __future__ import annotations

import codecs
import io
import os
import signal
import threading
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

import newsdoc as nd
from newsdoc import limits
from newsdoc.diagnostics import collect
from newsdoc.errors import InvalidDocumentError, LimitError
from newsdoc.markup.attributes import check_attributes, unescaped_markup
from newsdoc.markup.xml import gate, parse

_G2 = "http://iptc.org/std/nar/2006-10-01/"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
HEADLINE = "Night ferry to Poti resumes"


# ------------------------------------------------------------------ documents of our own


def _newsml(prolog: str, text: str) -> str:
    return (
        f'{prolog}<newsItem xmlns="{_G2}" guid="urn:test:poti-1" version="1" '
        'standard="NewsML-G2" standardversion="2.35"><itemMeta><itemClass qcode="ninat:text"/>'
        "<versionCreated>2026-05-04T22:10:00Z</versionCreated></itemMeta><contentMeta>"
        f"<headline>{HEADLINE}</headline></contentMeta><contentSet>"
        '<inlineXML contenttype="application/nitf+xml"><nitf><body><body.content>'
        f"<p>{text}</p><p>The crossing takes nine hours.</p></body.content></body></nitf>"
        "</inlineXML></contentSet></newsItem>"
    )


def _nitf(prolog: str, text: str) -> str:
    return (
        f'{prolog}<nitf><head><title>{HEADLINE}</title><docdata><doc-id id-string="poti-1"/>'
        "</docdata></head><body><body.head><hedline><hl1>"
        f"{HEADLINE}</hl1></hedline></body.head><body.content><p>{text}</p>"
        "<p>The crossing takes nine hours.</p></body.content></body></nitf>"
    )


def _rss(prolog: str, text: str, *, items: int = 1, item_attributes: str = "") -> str:
    entry = (
        f"<item{item_attributes}><title>{HEADLINE}</title><link>https://news.example.org/poti"
        "</link><guid>https://news.example.org/poti</guid><description>"
        f"{text}</description></item>"
    )
    return (
        f'{prolog}<rss version="2.0"><channel><title>Harbour news</title>'
        "<link>https://news.example.org/</link><description>Boats</description>"
        f"<language>en</language>{entry * items}</channel></rss>"
    )


def _atom(prolog: str, text: str, *, entries: int = 1) -> str:
    entry = (
        f"<entry><id>https://news.example.org/poti</id><title>{HEADLINE}</title>"
        "<updated>2026-05-04T22:10:00Z</updated>"
        f'<content type="text">{text}</content></entry>'
    )
    return (
        f'{prolog}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">'
        "<id>https://news.example.org/</id><title>Harbour news</title>"
        f"<updated>2026-05-04T22:10:00Z</updated>{entry * entries}</feed>"
    )


def _word(prolog: str, text: str) -> str:
    return (
        f'{prolog}<w:document xmlns:w="{_W}"><w:body>'
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>'
        f"{HEADLINE}</w:t></w:r></w:p><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>The crossing takes nine hours.</w:t></w:r></w:p></w:body></w:document>"
    )


_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
    'ContentType="application/xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats'
    '.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def _docx(document: bytes, **others: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", document)
        for name, data in others.items():
            archive.writestr(name.replace("__", "/"), data)
    return buffer.getvalue()


# (format, root element, builder of the text)
FORMATS: dict[str, tuple[str, Callable[[str, str], str]]] = {
    "newsml": ("newsItem", _newsml),
    "nitf": ("nitf", _nitf),
    "rss": ("rss", _rss),
    "atom": ("feed", _atom),
    "docx": ("w:document", _word),
}

# (name, codec, byte-order mark, encoding named in the declaration)
ENCODINGS = [
    ("utf-8", "utf-8", b"", "UTF-8"),
    ("utf-8-bom", "utf-8", codecs.BOM_UTF8, "UTF-8"),
    ("utf-16le-bom", "utf-16-le", codecs.BOM_UTF16_LE, "UTF-16"),
    ("utf-16be-bom", "utf-16-be", codecs.BOM_UTF16_BE, "UTF-16"),
    ("utf-16le", "utf-16-le", b"", "UTF-16"),
    ("utf-16be", "utf-16-be", b"", "UTF-16"),
    ("utf-32le-bom", "utf-32-le", codecs.BOM_UTF32_LE, "UTF-32"),
    ("utf-32be-bom", "utf-32-be", codecs.BOM_UTF32_BE, "UTF-32"),
    ("utf-32le", "utf-32-le", b"", "UTF-32"),
    ("utf-32be", "utf-32-be", b"", "UTF-32"),
]


def _encoded(fmt: str, doctype: str, text: str, encoding: tuple[str, str, bytes, str]) -> bytes:
    _, codec, mark, label = encoding
    root, build = FORMATS[fmt]
    prolog = f'<?xml version="1.0" encoding="{label}"?>' + doctype.replace("ROOT", root)
    data = mark + build(prolog, text).encode(codec)
    return _docx(data) if fmt == "docx" else data


def _read(data: bytes, fmt: str) -> nd.Article:
    with collect():
        document = nd.get_format(fmt).read(data)
    if isinstance(document, nd.Collection):
        (document,) = document.articles
    assert isinstance(document, nd.Article)
    return document


def _words(article: nd.Article) -> str:
    return nd.dumps(article, "json").decode()


@contextmanager
def guard(seconds: int = 60) -> Iterator[None]:
    """Stop a test that runs for minutes (a guard, not a timing assertion)."""

    def stop(*_: Any) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def never_opened(path: Path) -> Iterator[threading.Event]:
    """A named pipe at ``path``, and an event set if anything opened it for reading (a
    reader of a pipe lets a writer open it without blocking; without one, that fails)."""
    os.mkfifo(path)
    opened = threading.Event()
    stop = threading.Event()

    def watch() -> None:
        while not stop.is_set():
            try:
                descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                stop.wait(0.005)
                continue
            opened.set()
            os.close(descriptor)  # the reader gets an empty DTD and goes on
            return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield opened
    finally:
        stop.set()
        watcher.join(5)


# ------------------------------------------------------------------ DOCTYPE × encoding


@pytest.mark.parametrize("encoding", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_declared_entity_is_refused_in_every_format_and_encoding(
    fmt: str, encoding: tuple[str, str, bytes, str]
) -> None:
    data = _encoded(fmt, '<!DOCTYPE ROOT [<!ENTITY boat "EXPANDED-BOAT">]>', "&boat;", encoding)
    with guard(), pytest.raises(InvalidDocumentError, match="declares entities") as caught:
        _read(data, fmt)
    assert "EXPANDED-BOAT" not in str(caught.value)


@pytest.mark.parametrize("encoding", ENCODINGS, ids=[e[0] for e in ENCODINGS])
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_a_doctype_naming_a_dtd_is_left_out_and_the_dtd_never_opened(
    fmt: str, encoding: tuple[str, str, bytes, str], tmp_path: Path
) -> None:
    pipe = tmp_path / "nitf-3-6.dtd"
    missing = tmp_path / "missing" / "news.dtd"
    doctypes = [
        f'<!DOCTYPE ROOT SYSTEM "{pipe}">',
        f'<!DOCTYPE ROOT PUBLIC "-//Harbour//DTD News//EN" "file://{pipe}">',
        f"<!DOCTYPE ROOT SYSTEM '{missing}'>",
        '<!DOCTYPE ROOT SYSTEM "file:///etc/passwd">',
    ]
    with never_opened(pipe) as opened, guard():
        for doctype in doctypes:
            article = _read(_encoded(fmt, doctype, "Boats sail at ten.", encoding), fmt)
            assert article.headline == HEADLINE
            assert "Boats sail at ten." in _words(article)
            assert "root:" not in _words(article)  # nothing of /etc/passwd
    assert not opened.is_set()


@pytest.mark.parametrize("encoding", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_the_gate_hands_on_utf8_without_the_doctype(
    encoding: tuple[str, str, bytes, str],
) -> None:
    data = _encoded("nitf", '<!DOCTYPE ROOT SYSTEM "nitf.dtd">', "Größe", encoding)
    passed = gate(data)
    assert b"DOCTYPE" not in passed
    assert "Größe".encode() in passed
    assert passed.lstrip(codecs.BOM_UTF8).startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    assert parse(data).findtext("head/title") == HEADLINE


def test_expat_s_reading_of_zero_bytes_is_the_gate_s() -> None:
    # expat reads a first byte pair with a zero as UTF-16 (here a space before "<"), so a
    # DOCTYPE hidden after it is seen; a Word part in it is read as UTF-16 too.
    hidden = ' <!DOCTYPE w:document [<!ENTITY e "EXPANDED">]>' + _word("", "&e;")
    for codec in ("utf-16-le", "utf-16-be"):
        with pytest.raises(InvalidDocumentError, match="declares entities"):
            nd.get_format("docx").read(_docx(hidden.encode(codec)))
    plain = (" " + _word("", "Boats sail at ten.")).encode("utf-16-le")
    assert _read(_docx(plain), "docx").headline == HEADLINE


def test_a_word_part_not_named_as_xml_passes_the_gate_too() -> None:
    # mammoth reads the parts the relationships name, whatever their names
    rels = _RELS.replace("word/document.xml", "word/body.bin")
    bomb = _word('<!DOCTYPE w:document [<!ENTITY e "EXPANDED">]>', "&e;").encode("utf-16")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", rels)
        archive.writestr("word/document.xml", _word("", "Decoy."))
        archive.writestr("word/body.bin", bomb)
    with pytest.raises(InvalidDocumentError, match=r"body\.bin.*declares entities"):
        nd.get_format("docx").read(buffer.getvalue())


def test_entities_declared_after_junk_are_refused_in_feeds() -> None:
    # feedparser's lenient parser reads declarations wherever they stand
    feed = _rss("", "&boat;").replace("<rss", '<!DOCTYPE rss [<!ENTITY boat "EXPANDED">]><rss')
    with pytest.raises(InvalidDocumentError, match="entit"):
        nd.loads(("<?xml version='1.0'?><junk/>" + feed).encode(), "rss")


def test_other_encodings_and_contradictions_are_refused() -> None:
    utf7 = _nitf('<?xml version="1.0" encoding="UTF-7"?>', "x").encode()
    with pytest.raises(InvalidDocumentError, match="UTF-7"):
        parse(utf7)
    ebcdic = _nitf("", "x").encode("cp500")
    with pytest.raises(InvalidDocumentError, match="does not start with '<'"):
        parse(ebcdic)
    liar = _nitf('<?xml version="1.0" encoding="ISO-8859-1"?>', "x").encode("utf-16-le")
    with pytest.raises(InvalidDocumentError, match="UTF-16-LE but declares"):
        parse(liar)
    broken = codecs.BOM_UTF16_LE + _nitf("", "x").encode("utf-16-le")[:-1]
    with pytest.raises(InvalidDocumentError, match="not valid UTF-16"):
        parse(broken)


# ------------------------------------------------------------------ attribute floods

_FLOOD = 100_000


def _attributes(count: int, *, quoted: bool = True) -> str:
    value = '"v"' if quoted else "v"
    return "".join(f" a{i}={value}" for i in range(count))


def _html_page(attributes: str) -> bytes:
    paragraph = "The night ferry to Poti resumes after the winter storms. " * 20
    return (
        "<!DOCTYPE html><html><head><title>Ferry</title></head><body><article>"
        f"<h1>{HEADLINE}</h1><p{attributes}>{paragraph}</p></article></body></html>"
    ).encode()


def _escaped_paragraph(attributes: str) -> str:
    quoted = attributes.replace('"', "&quot;")
    return f"&lt;p{quoted}&gt;Boats.&lt;/p&gt;"


def _ninjs(attributes: str) -> bytes:
    body = "<p" + attributes.replace('"', "'") + ">Boats.</p>"
    own = nd.dumps(nd.Article(id="urn:test:poti", headline=HEADLINE), "ninjs").decode()
    bodies = f'"bodies": [{{"role": "main", "contentType": "text/html", "value": "{body}"}}], '
    return own.replace('"headlines"', bodies + '"headlines"', 1).encode()


FLOODS: dict[str, Callable[[str], tuple[bytes, str]]] = {
    "webpage": lambda a: (_html_page(a), "webpage"),
    "rss-item": lambda a: (_rss("", "Boats.", item_attributes=a).encode(), "rss"),
    "rss-escaped-html": lambda a: (_rss("", _escaped_paragraph(a)).encode(), "rss"),
    "rss-cdata-html": lambda a: (_rss("", f"<![CDATA[<p{a}>Boats.</p>]]>").encode(), "rss"),
    "atom-utf16": lambda a: (
        _atom('<?xml version="1.0" encoding="UTF-16"?>', "Boats.")
        .replace("<entry>", f"<entry{a}>")
        .encode("utf-16"),
        "atom",
    ),
    "newsml": lambda a: (_newsml("", "Boats.").replace("<p>", f"<p{a}>", 1).encode(), "newsml"),
    "nitf": lambda a: (_nitf("", "Boats.").replace("<p>", f"<p{a}>", 1).encode(), "nitf"),
    "docx": lambda a: (
        _docx(_word("", "Boats.").replace("<w:p>", f"<w:p{a}>", 1).encode("utf-16")),
        "docx",
    ),
    "ninjs-html": lambda a: (_ninjs(a), "ninjs"),
}


@pytest.mark.parametrize("flood", list(FLOODS))
def test_an_attribute_flood_is_refused_before_parsing(flood: str) -> None:
    data, fmt = FLOODS[flood](_attributes(_FLOOD))
    refusal = pytest.raises(LimitError, match=r"more than 128 attributes \(max_attributes\)")
    with guard(), refusal, collect():
        nd.get_format(fmt).read(data)


@pytest.mark.parametrize("flood", ["webpage", "rss-item", "nitf", "newsml"])
def test_many_elements_of_many_attributes_meet_the_total_limit(flood: str) -> None:
    data, fmt = FLOODS[flood](_attributes(100))
    refusal = pytest.raises(LimitError, match="max_total_attributes")
    with limits.override(max_total_attributes=60), guard(), refusal, collect():
        nd.get_format(fmt).read(data)


def test_a_word_document_is_held_to_the_limit_on_one_element_only() -> None:
    # Word writes many attributes, and mammoth takes them in linear time
    data, fmt = FLOODS["docx"](_attributes(100))
    with limits.override(max_total_attributes=60), collect():
        assert nd.get_format(fmt).read(data).headline == HEADLINE
    with limits.override(max_attributes=60), pytest.raises(LimitError, match="max_attributes"):
        nd.get_format(fmt).read(data)


@pytest.mark.parametrize("flood", list(FLOODS))
def test_elements_within_the_limit_are_read(flood: str) -> None:
    data, fmt = FLOODS[flood](_attributes(40))
    with collect():
        document = nd.get_format(fmt).read(data)
    assert "Boats" in nd.dumps(document, "json").decode() or flood == "webpage"


def test_the_attribute_count_is_an_upper_bound_whatever_the_syntax() -> None:
    with limits.override(max_attributes=3):
        for tag in (
            b"<p a b c d>",  # HTML without values
            b"<p a/b/c/d>",  # HTML5 reads "/" between names as a separator
            b'<p a="1"b="2"c="3"d="4">',  # no space between attributes
            b"<p a=1 b=2 c=3 d=4",  # never closed
            b"<p\na='>'\nb='>'\nc='>'\nd='>'>",  # ">" inside quoted values
            b'<p a"x b"y c d>',  # quotes inside names are names
        ):
            with pytest.raises(LimitError, match="max_attributes"):
                check_attributes(b"<body>" + tag + b"text</p></body>")
        check_attributes(b"<p a=\"1 2 3 4 5 6\" b='x y z w' c>text</p>")
        # text that only looks like tags: scripts and styles in HTML, comments everywhere
        script = b"<script>if (a<b.length && c > d) {}</script><!-- <p a b c d> -->"
        check_attributes(b"<body>" + script + b"<style>p{}</style><p a b>x</p></body>")
        check_attributes(b"<item><![CDATA[<p a>" + script + b"]]></item>", html=False)
        # but the script's own start tag counts, and XML has no scripts
        with pytest.raises(LimitError, match="<script>"):
            check_attributes(b"<body><script a b c d>x</script></body>")
        with pytest.raises(LimitError, match="max_attributes"):
            check_attributes(b"<item><script><p a b c d/></script></item>", html=False)
    assert unescaped_markup(b"&#60;p a=&#x22;1&#34;&#x3E;") == b'<p a="1">'


# ------------------------------------------------------------------ feed entries


@pytest.mark.parametrize(
    ("name", "build"),
    [
        ("rss", lambda: _rss("", "Boats.", items=20_001).encode()),
        ("atom", lambda: _atom("", "Boats.", entries=20_001).encode()),
        (
            "atom-prefixed-utf16",
            lambda: (
                _atom('<?xml version="1.0" encoding="UTF-16"?>', "Boats.", entries=20_001)
                .replace(
                    'xmlns="http://www.w3.org/2005/Atom"', 'xmlns:a="http://www.w3.org/2005/Atom"'
                )
                .replace("<entry>", "<a:entry>")
                .replace("</entry>", "</a:entry>")
                .encode("utf-16-be")
            ),
        ),
    ],
)
def test_a_feed_of_too_many_entries_is_refused_before_feedparser(
    name: str, build: Callable[[], bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import feedparser

    def never(*_: Any, **__: Any) -> Any:
        raise AssertionError("feedparser was given a feed over the entry limit")

    monkeypatch.setattr(feedparser, "parse", never)
    fmt = "rss" if name == "rss" else "atom"
    with guard(), pytest.raises(LimitError, match="more than 10000 entries"):
        nd.get_format(fmt).read(build())


def test_a_feed_at_the_entry_limit_reaches_feedparser(monkeypatch: pytest.MonkeyPatch) -> None:
    import feedparser

    seen: list[int] = []
    original = feedparser.parse

    def counting(*args: Any, **kwargs: Any) -> Any:
        result = original(*args, **kwargs)
        seen.append(len(result.entries))
        return result

    monkeypatch.setattr(feedparser, "parse", counting)
    with collect():
        read = nd.get_format("rss").read(_rss("", "Boats.", items=50).encode())
    assert seen == [50]
    assert isinstance(read, nd.Collection)


@pytest.mark.parametrize("codec", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_an_xhtml_page_s_entities_are_never_expanded(codec: str, tmp_path: Path) -> None:
    # the web-page reader parses HTML, which reads no DTD: its subset stays text-less
    pipe = tmp_path / "page.dtd"
    page = (
        f'<!DOCTYPE html [<!ENTITY e "EXPANDED"><!ENTITY x SYSTEM "{pipe}">]>'
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Ferry</title></head><body>'
        f"<article><h1>{HEADLINE}</h1><p>The ferry sails &e; &x; again after the winter, "
        "nine hours from the harbour to Poti.</p><p>Passengers wait on the quay with their "
        "bags and bicycles for the night crossing.</p></article></body></html>"
    )
    with never_opened(pipe) as opened, guard():
        article = _read(page.encode(codec), "webpage")
    assert "EXPANDED" not in _words(article)
    assert "Passengers wait" in _words(article)
    assert not opened.is_set()
