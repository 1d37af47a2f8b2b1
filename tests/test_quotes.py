"""Tests of the English quote-attribution pass: what it finds, what it refuses to guess, and
that paragraphs are never changed."""

from __future__ import annotations

from pathlib import Path

import newsdoc as nd
from newsdoc.quotes import attribute_quotes, find_quotes


def _article(*paragraphs: str, language: str = "en") -> nd.Article:
    return nd.Article(
        id="urn:newsdoc:test:quotes",
        headline="Quotes",
        language=language,
        sections=[nd.Section(blocks=[nd.Paragraph(content=p) for p in paragraphs])],
    )


def test_quote_then_surname_resolves_to_the_full_name() -> None:
    article = _article(
        "The harbour master, Anahit Sahakyan, met the fishermen on Tuesday.",
        "“We cannot dredge the channel before the autumn,” Sahakyan told them.",
    )
    (found,) = find_quotes(article)
    assert nd.plain_text(found.quote.text) == "We cannot dredge the channel before the autumn"
    assert found.quote.speaker == nd.Person(name="Anahit Sahakyan")
    assert found.quote.kind is nd.QuoteKind.PULL
    assert (found.section, found.block) == (0, 1)
    text = nd.plain_text(article.sections[0].blocks[1].content)  # type: ignore[union-attr]
    assert text[found.start : found.end] == "We cannot dredge the channel before the autumn,"


def test_said_name_with_a_role() -> None:
    article = _article(
        '"The bridge will reopen on Friday," said Karen Dallakyan, the city engineer. '
        "Drivers should expect delays until then."
    )
    (found,) = find_quotes(article)
    assert found.quote.speaker == nd.Person(name="Karen Dallakyan", role="city engineer")


def test_name_said_colon_quote() -> None:
    article = _article(
        'Minister Ruben Hakobyan declared: "The budget is balanced for the first time."'
    )
    (found,) = find_quotes(article)
    assert found.quote.speaker == nd.Person(name="Ruben Hakobyan")
    assert nd.plain_text(found.quote.text) == "The budget is balanced for the first time."


def test_pronouns_and_other_languages_are_left_alone() -> None:
    assert find_quotes(_article('"We will not give up on this village," he said.')) == []
    russian = _article("«Мы не сдадимся», — сказал Арам Петросян.", language="ru")
    assert find_quotes(russian) == []
    english_in_russian = nd.Article(
        id="urn:newsdoc:test:mixed",
        headline="Mixed",
        language="ru",
        sections=[
            nd.Section(blocks=[nd.Paragraph(content='"Roads first," said Lena Marr.', lang="en")])
        ],
    )
    assert [q.quote.speaker for q in find_quotes(english_in_russian)] == [
        nd.Person(name="Lena Marr")
    ]


def test_attribute_quotes_adds_pull_quotes_and_keeps_paragraphs() -> None:
    article = _article(
        "Gohar Vardanyan runs the only bakery in the village.",
        '"Bread is the last thing people stop buying," Vardanyan said.',
        "The bakery opens at six.",
    )
    result = attribute_quotes(article)
    blocks = result.sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "Paragraph", "Quote", "Paragraph"]
    assert [b for b in blocks if isinstance(b, nd.Paragraph)] == list(article.sections[0].blocks)
    quote = blocks[2]
    assert isinstance(quote, nd.Quote)
    assert quote.speaker == nd.Person(name="Gohar Vardanyan")
    assert attribute_quotes(result) == result  # a quote already present is not added again
    assert attribute_quotes(_article("No quotes here at all.")) == _article(
        "No quotes here at all."
    )


def test_seed_article_quotes_and_speakers(shared: Path) -> None:
    text = (shared / "seeds" / "000_fb0d9f57f16703eb.txt").read_text(encoding="utf-8")
    paragraphs = [p.strip() for p in text.split("\n\n") if len(p.strip()) > 120]
    found = find_quotes(_article(*paragraphs))
    speakers = [f.quote.speaker.name for f in found if f.quote.speaker]
    assert speakers == ["Maria Zakharova", "Nikol Pashinyan"]
    for item in found:
        paragraph = nd.plain_text(_article(*paragraphs).sections[0].blocks[item.block].content)  # type: ignore[union-attr]
        assert nd.plain_text(item.quote.text) in paragraph
