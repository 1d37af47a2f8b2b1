"""The web-page reader on hostile and broken pages: it returns an article or refuses with a
newsdoc error that says why, and whatever it assumes or leaves out is a warning with a code
and a place.

The fuzz test mutates real-shaped pages (our fixture pages, and pages built from random
parts) the way the web breaks them: elements deleted, duplicated, moved or wrapped in
others, comments, processing instructions and CDATA inserted, labels and class names the
reader looks for sprinkled about, control characters and stray bytes inserted, the charset
declaration changed, the bytes truncated or re-encoded. Its budget is short in CI
(``NEWSDOC_FUZZ_EXAMPLES``, 40 by default).
"""

from __future__ import annotations

import copy
import html
import json
import os
import random
import subprocess
import sys

import lxml.etree
import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdoc as nd
from newsdoc.diagnostics import Diagnostic, collect
from newsdoc.errors import InternalError, LimitError
from newsdoc.formats import json as nd_json
from newsdoc.formats import webpage
from newsdoc.formats.webpage.parse import MAX_ELEMENTS
from tests.conftest import ROOT

PAGES = sorted((ROOT / "tests" / "fixtures" / "pages").glob("*.html"))
PARAGRAPH = (
    "The drought ended on Monday, when rain fell for an hour over the whole valley and "
    "the farmers said it had come just in time for the second sowing of the year."
)


def page(head: str = "", body: str = "", *, lang: str = ' lang="en"', text: str = PARAGRAPH) -> str:
    """A small article page with ``head`` and ``body`` markup added."""
    return (
        f"<!DOCTYPE html><html{lang}><head><title>Rain returns | Valley Post</title>{head}"
        f"</head><body><article><h1>Rain returns</h1><p>{text}</p>{body}"
        f"<p>{text} Again.</p></article></body></html>"
    )


def read(data: bytes | str) -> tuple[nd.Article, list[Diagnostic]]:
    """The article and the diagnostics :func:`webpage.read` reports."""
    with collect() as found:
        article = webpage.read(data.encode("utf-8") if isinstance(data, str) else data)
    return article, found


def has(found: list[Diagnostic], code: str, where: str, text: str = "") -> bool:
    return any(d.code == code and d.where == where and text in d.message for d in found)


# -- hostile pages ---------------------------------------------------------------------


@pytest.mark.parametrize("label", ["idna", "punycode", "base64", "x-user-defined", "rot13"])
def test_a_charset_that_is_no_web_encoding_is_assumed_away(label: str) -> None:
    data = page(f'<meta charset="{label}">', "<p>Café owners cheered the rain.</p>")
    article, found = read(data.encode("cp1252"))
    assert "Café owners cheered the rain." in _body(article)
    assert has(found, "assumed", "page", repr(label))


def test_a_declared_legacy_charset_is_used() -> None:
    data = page('<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">')
    data = data.replace("Rain returns</h1>", "Дождь вернулся</h1>")
    article, found = read(data.encode("koi8-r"))
    assert article.headline == "Дождь вернулся"
    assert found == []


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_unicode_pages_are_read_with_or_without_a_byte_order_mark(encoding: str) -> None:
    article, found = read(page(body="<p>Ереван, café, 雨.</p>").encode(encoding))
    assert "Ереван, café, 雨." in _body(article)
    assert found == []


def test_impossible_dates_are_warnings_not_errors() -> None:
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Rain returns",
        "datePublished": "0000-00-00",
        "dateModified": "2026-13-45T25:61:00Z",
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    article, found = read(page(head))
    assert article.published is None
    assert article.updated is None
    assert has(found, "dropped", "published", "'0000-00-00'")
    assert has(found, "dropped", "updated", "2026-13-45")


def test_an_impossible_microdata_date_is_a_warning() -> None:
    body = (
        '<div itemscope itemtype="https://schema.org/NewsArticle">'
        '<meta itemprop="headline" content="Rain returns">'
        '<meta itemprop="datePublished" content="2026-02-30"></div>'
    )
    article, found = read(page(body=body))
    assert article.headline == "Rain returns"
    assert has(found, "dropped", "published", "'2026-02-30' (microdata)")


def test_lone_surrogates_and_control_characters_never_reach_the_model() -> None:
    ld = (
        '{"@type": "NewsArticle", "headline": "Rain\\u0001 returns", "keywords": ["fl\\u0001ood"],'
        ' "author": {"@type": "Person", "name": "Ann \\ud800Lee"}}'
    )
    head = (
        f'<script type="application/ld+json">{ld}</script><meta name="keywords" content="a\x01b">'
    )
    body = "<p>Control\x00 characters\x0b and &#1; references &#x1f; here.\ufffe</p>"
    article, found = read(page(head, body))
    assert article.bylines == (nd.Person(name="Ann Lee"),)
    assert article.headline == "Rain returns"
    assert "Control characters and references here." in _body(article)
    assert has(found, "dropped", "page", "control characters")
    # JSON-LD escapes decode after the page is cleaned: those removals are reported too
    assert has(found, "dropped", "metadata", "'Ann Lee'")
    assert has(found, "dropped", "metadata", "'Rain returns'")
    assert has(found, "dropped", "metadata", "'flood'")
    nd_json.write(article)  # and every writer's checks pass


def test_a_lone_surrogate_in_a_string_page() -> None:
    article = webpage.extract(page(body="<p>A lone \ud800 surrogate.</p>")).article
    assert "A lone ? surrogate." in _body(article)


def test_json_ld_that_is_no_json_is_reported_and_the_rest_still_read() -> None:
    head = (
        '<script type="application/ld+json">' + "[" * 100_000 + "</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rain",'
        ' "width": ' + "9" * 5000 + "}</script>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Rain",'
        ' "author": {"name": "Ann Lee"},}</script>'
    )
    article, found = read(page(head))
    assert article.bylines == (nd.Person(name="Ann Lee"),)  # a trailing comma is forgiven
    assert has(found, "dropped", "metadata", "JSON-LD block 1")
    assert has(found, "dropped", "metadata", "JSON-LD block 2")


def test_malformed_urls_are_left_out() -> None:
    head = '<link rel="canonical" href="http://[::1"><meta property="og:image" content="http://[x">'
    body = (
        '<p>See <a href="http://[broken">the report</a> and <a href="javascript:x()">this</a>.</p>'
    )
    article, _ = read(page(head, body))
    assert article.canonical_url is None
    assert article.lead_image is None
    assert "See the report and this." in _body(article)


def test_a_page_over_the_size_limit_is_refused_at_once() -> None:
    data = b"<html><body><p>" + b"x" * (50 * 2**20) + b"</p></body></html>"
    with pytest.raises(LimitError, match="20 MiB"):
        webpage.read(data, source="huge.html")


def test_a_page_with_too_many_elements_is_refused() -> None:
    data = b"<html><body>" + b"<p>a</p>" * (MAX_ELEMENTS + 1) + b"</body></html>"
    with pytest.raises(LimitError, match="elements"):
        webpage.read(data)


def test_a_page_nested_too_deeply_keeps_what_comes_before_and_says_so() -> None:
    article, found = read(page(body="<div>" * 5000 + "<p>Deep down.</p>" + "</div>" * 5000))
    assert _body(article) == PARAGRAPH
    assert has(found, "dropped", "page", "256 deep")


# -- doubt said out loud ----------------------------------------------------------------


def test_assumptions_are_warnings_with_code_and_place() -> None:
    head = '<meta property="article:published_time" content="2026-03-02 14:05">'
    _, found = read(page(head, lang=""))
    assert has(found, "assumed", "published", "UTC assumed")
    assert has(found, "assumed", "language", "'en' assumed")


def test_the_zone_of_the_page_is_an_assumption_too() -> None:
    head = (
        '<meta property="article:published_time" content="2026-03-02T14:05">'
        '<meta property="article:modified_time" content="2026-03-02T16:00+04:00">'
    )
    article, found = read(page(head))
    assert article.published is not None
    assert article.published.utcoffset() is not None
    assert has(found, "assumed", "published", "zone of its other dates")


def test_a_language_guessed_from_the_script_is_said() -> None:
    text = "Երևանում բացվեց նոր մետրոյի կայարան, առաջինը քառասուն տարում։"
    article, found = read(page(lang="", text=text))
    assert article.language == "hy"
    assert has(found, "assumed", "language", "'hy'")


def test_related_links_without_an_address_are_reported() -> None:
    body = (
        '<div class="read-also"><a href="javascript:void(0)">A story</a>'
        '<a href="/2026/other">Another story</a></div>'
    )
    head = '<link rel="canonical" href="https://valley.example.org/2026/rain">'
    article, found = read(page(head, body))
    assert [link.title for link in article.related] == ["Another story"]
    assert has(found, "dropped", "related", "1 related links")


def test_extract_returns_the_warnings_it_would_report() -> None:
    data = page('<meta name="date" content="2026-03-02 14:05">', lang="").encode()
    found = webpage.extract(data)
    assert [d.code for d in found.diagnostics] == ["assumed", "assumed"]
    assert found.warnings == tuple(str(d) for d in found.diagnostics)


def test_a_missing_web_extra_names_the_install_command() -> None:
    script = (
        "import sys; sys.modules['trafilatura'] = None\n"
        "import newsdoc\n"
        "try:\n"
        "    newsdoc.loads(b'<html><body><p>x</p></body></html>', format='webpage')\n"
        "except newsdoc.NewsdocError as error:\n"
        "    print(error)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "pip install 'newsdoc[web]'" in done.stdout
    assert "trafilatura" in done.stdout


# -- the fuzz test ----------------------------------------------------------------------

_TAGS = ["div", "figure", "blockquote", "article", "section", "li", "a", "p", "h2", "td", "nav"]
_CLASSES = ["related", "read-also", "key-points", "byline", "standfirst", "latest", "share", ""]
_LABELS = ["Read also:", "Latest", "Key points", "Related", "Most read", "По теме", "Главное"]
_CHARSETS = ["utf-8", "idna", "utf-16", "koi8-r", "bogus", "cp1252", "shift_jis", ""]


def _synthetic(rng: random.Random, text: str) -> str:
    """A page built from random parts of the kinds news pages have; ``text`` is any string
    (lone surrogates, control characters...) put into its metadata and markup."""
    parts = [f"<h1>{rng.choice(['Rain', 'Дождь', 'מטר', '雨'])} returns</h1>"]
    for _ in range(rng.randint(0, 8)):
        kind = rng.randint(0, 7)
        if kind == 0:
            parts.append(f"<h2>{rng.choice([*_LABELS, 'Background'])}</h2>")
        elif kind == 1:
            items = "".join(f"<li><a href='/n/{i}'>Item {i}</a></li>" for i in range(3))
            parts.append(f"<ul class='{rng.choice(_CLASSES)}'>{items}</ul>")
        elif kind == 2:
            parts.append(
                f"<blockquote><p>{PARAGRAPH}</p><footer>— Ann Lee, Mayor</footer></blockquote>"
            )
        elif kind == 3:
            parts.append(
                "<figure><img src='/i.jpg' alt='x'><figcaption>Caption <span class='credit'>"
                "Photo: B</span></figcaption></figure>"
            )
        elif kind == 4:
            parts.append("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td></tr></table>")
        elif kind == 5:
            when = rng.choice(["2026-02-30", "0000", "x", "2026-01-01T10:00"])
            parts.append(f"<time datetime='{when}'>t</time>")
        else:
            parts.append(f"<p class='{rng.choice(_CLASSES)}'>{PARAGRAPH}</p>")
    ld = {
        "@type": rng.choice(["NewsArticle", "LiveBlogPosting", "WebPage", ["Article"]]),
        "headline": rng.choice(["Rain", "", None, 5, ["x"], text]),
        "datePublished": rng.choice(["2026-02-30", "0000-00-00", "2026-01-01", 12, None, text]),
        "author": rng.choice(
            [{"name": text}, [{"name": None}], "https://x/a", {"@type": "Organization"}]
        ),
        "keywords": rng.choice([text, [text, 3], None]),
        "image": rng.choice(["/i.jpg", {"url": "http://[x"}, [], None]),
        "articleBody": rng.choice([PARAGRAPH * 3, None, 7]),
    }
    quoted = html.escape(text.encode("utf-8", "surrogatepass").decode("utf-8", "replace"))
    head = (
        f"<script type='application/ld+json'>{json.dumps(ld)}</script>"
        f"<meta name='author' content='{quoted}'><meta property='og:image' content='{quoted}'>"
    )
    parts.append(f"<p class='{rng.choice(_CLASSES)}'>{quoted} {PARAGRAPH}</p>")
    return page(head, "".join(parts))


def _mutate_tree(data: bytes, rng: random.Random, steps: int) -> bytes:
    tree = lxml.html.document_fromstring(data)
    for _ in range(steps):
        nodes = [e for e in tree.iter() if isinstance(e.tag, str) and e.getparent() is not None]
        if not nodes:
            break
        node = rng.choice(nodes)
        op = rng.randint(0, 7)
        parent = node.getparent()
        if op == 0 and parent is not None:
            parent.remove(node)  # delete (the test's own page, not the reader's tree)
        elif op == 1 and parent is not None:
            node.addnext(copy.deepcopy(node))  # duplicate
        elif op == 2 and parent is not None:
            wrapper = lxml.etree.Element(rng.choice(_TAGS))
            node.addprevious(wrapper)
            wrapper.append(node)  # nest
        elif op == 3:
            target = rng.choice(nodes)
            if node not in target.iterancestors() and target is not node:
                target.append(node)  # move
        elif op == 4:
            node.set("class", rng.choice(_CLASSES))
        elif op == 5:
            label = lxml.etree.SubElement(node, rng.choice(["h3", "strong", "p"]))
            label.text = rng.choice(_LABELS)
        elif op == 6:
            node.append(lxml.etree.Comment(" x "))
            node.append(lxml.etree.ProcessingInstruction("php", "echo 1"))
        else:
            node.text = (node.text or "") + rng.choice(["\u00a0", "  ", "— Ann Lee", "&", "<"])
    return lxml.html.tostring(tree, encoding="utf-8")


def _mutate_bytes(data: bytes, rng: random.Random, steps: int) -> bytes:
    for _ in range(steps):
        op = rng.randint(0, 5)
        at = rng.randint(0, max(0, len(data) - 1))
        if op == 0:
            data = data[:at] + bytes([rng.randint(0, 31)]) + data[at:]
        elif op == 1:
            data = data[:at] + bytes(rng.randint(128, 255) for _ in range(3)) + data[at:]
        elif op == 2:
            data = data[:at]
        elif op == 3:
            charset = rng.choice(_CHARSETS).encode()
            data = data.replace(b"<head>", b'<head><meta charset="' + charset + b'">', 1)
        elif op == 4:
            data = (
                data[:at]
                + rng.choice([b"<!--", b"<![CDATA[", b"<?x ", b"&#0;", b"&#xD800;"])
                + data[at:]
            )
        else:
            text = data.decode("utf-8", errors="replace")
            data = text.encode(
                rng.choice(["utf-16", "cp1252", "koi8-r", "utf-8"]), errors="replace"
            )
    return data


@settings(
    max_examples=int(os.environ.get("NEWSDOC_FUZZ_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=os.environ.get("CI", "").lower() in {"1", "true", "yes"},
)
@given(
    source=st.integers(min_value=-1, max_value=len(PAGES) - 1),
    rng=st.randoms(use_true_random=False),
    tree_steps=st.integers(min_value=0, max_value=6),
    byte_steps=st.integers(min_value=0, max_value=3),
    text=st.text(max_size=30),
)
def test_mutated_pages_give_an_article_or_a_clear_refusal(
    source: int, rng: random.Random, tree_steps: int, byte_steps: int, text: str
) -> None:
    page = _synthetic(rng, text).encode() if source < 0 else PAGES[source].read_bytes()
    data = _mutate_bytes(_mutate_tree(page, rng, tree_steps), rng, byte_steps)
    refusal: nd.NewsdocError | None = None
    try:
        with collect():
            article = webpage.read(data, source="fuzzed.html")
    except nd.NewsdocError as error:
        refusal = error
    if refusal is not None:  # a refusal says why, and is never a bug met at the boundary
        assert not isinstance(refusal, InternalError)
        assert "fuzzed.html" in str(refusal)
        return
    assert article.headline
    assert article.sections
    nd_json.write(article)


def _body(article: nd.Article) -> str:
    return "\n".join(
        nd.plain_text(block.content)
        for section in article.sections
        for block in section.blocks
        if isinstance(block, nd.Paragraph)
    )
