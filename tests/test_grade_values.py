"""A status code said wrong is disagreed with, and the bank's code is given (issue 12)."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.model import Verdict


@cache
def svc() -> Library:
    return Library()


def test_another_code_for_the_same_situation_is_wrong() -> None:
    found = svc().check(
        "when a client goes over the rate limit the API should return 503 service "
        "unavailable with a Retry-After header",
        semantic=False,
    )
    assert found.verdict is Verdict.DISAGREE, found.explanation
    assert "wrong status code" in found.explanation and "429" in (found.correction or "")


@pytest.mark.parametrize(
    "text",
    [
        "over the rate limit the API returns 429 too many requests with a Retry-After header",
        "FastAPI returns 422 when the request body fails validation",
    ],
)
def test_the_banks_code_is_not_disagreed(text: str) -> None:
    found = svc().check(text, semantic=False)
    assert found.verdict is not Verdict.DISAGREE, found.explanation


@pytest.mark.parametrize(
    "said",
    [
        "on revalidation the server answers 200 when the ETag still matches",
        "after the sunset date the deprecated endpoint returns 404 Gone",
    ],
)
def test_a_code_named_by_one_weighty_word_is_still_checked(said: str) -> None:
    """ "304 ... revalidation", "410 Gone": one word of weight is a situation (second review)."""
    from viva.app.library import Library

    assert Library().check(said).verdict.value == "disagree"
