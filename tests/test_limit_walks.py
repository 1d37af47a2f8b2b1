"""The shortcuts in checking documents against the limits decide as the full walk does.

:func:`newsdoc.model.measure.check_document` first walks a document without keeping paths and only
walks it again, naming the place, when something is over a limit; the JSON reader skips the
walk when the shape of the data proves the document within the limits. Under limits small
enough to be crossed by generated articles, each shortcut must agree with the full walk.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsdoc as nd
from newsdoc import limits
from newsdoc.errors import LimitError
from newsdoc.formats import json as J
from newsdoc.model import measure
from tests.strategies import articles, collections

SMALL = st.fixed_dictionaries(
    {
        "max_depth": st.integers(1, 6),
        "max_blocks": st.integers(1, 12),
        "max_articles": st.integers(1, 3),
        "max_text_length": st.integers(2, 60),
    }
)


def _outcome(check: Any, *args: Any) -> str | None:
    try:
        check(*args)
    except LimitError as exc:
        return str(exc)
    return None


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(articles(), collections()), small=SMALL)
def test_the_quick_walk_agrees_with_the_walk_that_keeps_paths(
    document: nd.Article | nd.Collection, small: dict[str, int]
) -> None:
    with limits.override(**small):
        # check_document gives the message of the walk with paths, whichever walk decided
        assert _outcome(limits.check_document, document) == _outcome(
            measure._check_with_paths, document
        )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=st.one_of(articles(), collections()), small=SMALL)
def test_reading_json_refuses_what_the_limits_refuse(
    document: nd.Article | nd.Collection, small: dict[str, int]
) -> None:
    data = J.write(document, indent=False)
    with limits.override(**small):
        expected = _outcome(measure._check_with_paths, document)
        got = _outcome(J.read, data)
    # the data itself may be refused first (nested deeper than the JSON may be)
    assert (got is None) == (expected is None) or (got is not None and "nested" in got)


def test_a_long_headline_read_from_json_is_refused_with_its_path() -> None:
    article = nd.Article(id="urn:newsdoc:1", headline="A headline of some length")
    with limits.override(max_text_length=10), pytest.raises(LimitError, match=r"^headline: "):
        J.read(J.write(article))
