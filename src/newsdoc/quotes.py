"""Find quotations inside English paragraphs and who said them; an optional pass.

News copy quotes people in running text: ``"We will buy the difference," Marek said.`` This
module finds such quotes and their speakers and records them as structured
:class:`~newsdoc.Quote` objects, without touching the paragraph's own text.

- :func:`find_quotes` returns every :class:`FoundQuote`: the quote (a ``Quote`` with its
  speaker), and where it is (section and block index, and the character span of the quoted
  words in the paragraph's plain text).
- :func:`attribute_quotes` returns a new article with each found quote inserted right after
  its paragraph as a *pull quote* (``kind="pull"``: a display quote repeated from the text,
  which is what the model means by it). Paragraphs are left exactly as they were, and a quote
  the article already has as a block is not added twice.

What it recognises (English only; other languages are left alone): a quotation in straight
or curly double quotes next to a speech verb (*said*, *asserted*, *declared*, *told*...),
with the speaker named before or after it — ``"...," Name said``, ``"...," said Name``,
``Name said: "..."``. A surname alone (``Marek said``) is resolved to the full name the
article used earlier (``Pavel Marek``); an appositive after the name (``said Clara Weiss, the
environment minister``) becomes the speaker's role. Pronouns (``he said``) are not resolved:
such quotes are skipped rather than given a guessed speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from newsdoc.model import Article, Block, Paragraph, Person, Quote, QuoteKind, Section, plain_text

__all__ = ["FoundQuote", "attribute_quotes", "find_quotes"]

_VERBS = (
    "said|says|asserted|asserts|declared|declares|stated|states|added|adds|told|tells|"
    "explained|explains|noted|notes|argued|argues|warned|warns|insisted|insists|claimed|"
    "claims|wrote|writes|admitted|admits|replied|replies|recalled|recalls|continued|"
    "announced|announces|remarked|remarks|stressed|stresses|emphasised|emphasized|"
    "acknowledged|acknowledges|concluded|concludes|urged|urges|responded|responds"
)
_WORD = r"[A-Z][\w'’\-]*"
_NAME = rf"{_WORD}(?:\s+(?:(?:de|van|von|der|al|bin|ibn|la|le|da|di)\s+)?{_WORD}){{0,3}}"
_OPEN = '"“'
_CLOSE = '"”'
_QUOTED = rf"[{_OPEN}](?P<q>[^{_OPEN}{_CLOSE}]{{8,}}?)[{_CLOSE}]"
# "...," Name said / "...," said Name[, role]
_AFTER = re.compile(
    rf"{_QUOTED}\s*,?\s*(?:(?P<s1>{_NAME})\s+(?:{_VERBS})\b|(?:{_VERBS})\s+(?P<s2>{_NAME})"
    rf"(?:,\s+(?P<role>[^,.;:\"“”]{{3,80}}?)(?=[.,;]|$))?)"
)
# Name said[,:] "..."
_BEFORE = re.compile(rf"(?P<s1>{_NAME})\s+(?:{_VERBS})\s*[,:]?\s*{_QUOTED}")
_NOT_NAMES = {
    "He",
    "She",
    "They",
    "It",
    "We",
    "I",
    "You",
    "This",
    "That",
    "The",
    "A",
    "An",
    "But",
    "And",
    "Officials",
    "Police",
}
_TITLES = {
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
    "Prof",
    "President",
    "Minister",
    "Spokesperson",
    "Spokesman",
    "Spokeswoman",
    "Prime",
    "Mayor",
    "General",
    "Deputy",
}


@attrs.frozen
class FoundQuote:
    """A quote found in a paragraph: the structured ``quote`` and where its words are.

    ``section`` and ``block`` index the paragraph in ``article.sections``; ``start`` and
    ``end`` are the span of the quoted words in the paragraph's plain text.

    >>> from newsdoc import Article, Paragraph, Section
    >>> article = Article(id="urn:newsdoc:1", headline="Budget", sections=[Section(blocks=[
    ...     Paragraph(content='"We will buy the difference," said Pavel Marek, the minister.'),
    ... ])])
    >>> found = find_quotes(article)[0]
    >>> found.section, found.block, found.start
    (0, 0, 1)
    """

    quote: Quote
    section: int
    block: int
    start: int
    end: int


def _is_english(article: Article, paragraph: Paragraph) -> bool:
    language = paragraph.lang or article.language
    return language.lower().split("-")[0] == "en"


def _clean_name(name: str) -> str | None:
    words = name.split()
    while words and words[0].rstrip(".") in _TITLES:
        words = words[1:]
    if not words or words[0] in _NOT_NAMES:
        return None
    return " ".join(words)


def _full_name(name: str, text_before: str) -> str:
    """``Marek`` becomes ``Pavel Marek`` when the article named him so earlier."""
    if " " in name:
        return name
    found = None
    pattern = re.compile(rf"((?:{_WORD}\s+){{1,3}}){re.escape(name)}\b")
    for match in pattern.finditer(text_before):
        found = match
    if found is None:
        return name
    given = [w for w in found.group(1).split() if w not in _TITLES and w not in _NOT_NAMES]
    return f"{given[-1]} {name}" if given else name


def _quotes_in(text: str, before: str) -> Iterator[tuple[int, int, str, str | None]]:
    taken: list[tuple[int, int]] = []
    for pattern in (_AFTER, _BEFORE):
        for match in pattern.finditer(text):
            start, end = match.span("q")
            if any(s < end and start < e for s, e in taken):
                continue
            raw = match.group("s1") or match.groupdict().get("s2") or ""
            name = _clean_name(raw)
            if name is None:
                continue
            role = match.groupdict().get("role")
            if role:
                role = re.sub(r"^(the|a|an)\s+", "", role.strip())
            speaker = _full_name(name, before + text[: match.start()])
            taken.append((start, end))
            yield start, end, speaker, role or None


def find_quotes(article: Article) -> list[FoundQuote]:
    """Every quote with a named speaker in the article's English paragraphs, in order.

    >>> from newsdoc import Article, Paragraph, Section
    >>> article = Article(id="urn:newsdoc:1", headline="Budget", sections=[Section(blocks=[
    ...     Paragraph(content='"We will buy the difference," said Pavel Marek, the minister.'),
    ... ])])
    >>> [(f.quote.text, f.quote.speaker.name, f.quote.speaker.role) for f in find_quotes(article)]
    [((Text(text='We will buy the difference'),), 'Pavel Marek', 'minister')]
    """
    found: list[FoundQuote] = []
    before = ""
    for s_index, section in enumerate(article.sections):
        for b_index, block in enumerate(section.blocks):
            if not isinstance(block, Paragraph):
                continue
            text = plain_text(block.content)
            if _is_english(article, block):
                for start, end, name, role in sorted(_quotes_in(text, before)):
                    words = text[start:end].strip().rstrip(",")
                    if not words:
                        continue
                    quote = Quote(
                        text=words,
                        speaker=Person(name=name, role=role),
                        kind=QuoteKind.PULL,
                        lang=block.lang,
                    )
                    found.append(FoundQuote(quote, s_index, b_index, start, end))
            before += text + "\n"
    return found


def attribute_quotes(article: Article) -> Article:
    """The article with each quote :func:`find_quotes` finds added as a pull quote after its
    paragraph; paragraph text is never changed.

    >>> from newsdoc import Article, Paragraph, Section
    >>> article = Article(id="urn:newsdoc:1", headline="Budget", sections=[Section(blocks=[
    ...     Paragraph(content='"We will buy the difference," said Pavel Marek, the minister.'),
    ... ])])
    >>> [type(block).__name__ for block in attribute_quotes(article).sections[0].blocks]
    ['Paragraph', 'Quote']
    """
    existing = {
        plain_text(block.text).strip()
        for section in article.sections
        for block in section.blocks
        if isinstance(block, Quote)
    }
    by_block: dict[tuple[int, int], list[Quote]] = {}
    for item in find_quotes(article):
        if plain_text(item.quote.text) not in existing:
            by_block.setdefault((item.section, item.block), []).append(item.quote)
    if not by_block:
        return article
    sections = []
    for s_index, section in enumerate(article.sections):
        blocks: list[Block] = []
        for b_index, block in enumerate(section.blocks):
            blocks.append(block)
            blocks.extend(by_block.get((s_index, b_index), ()))
        sections.append(Section(heading=section.heading, blocks=blocks))
    result: Article = attrs.evolve(article, sections=tuple(sections))
    return result
