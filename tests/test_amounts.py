"""Amounts read in words and digits, and a claim giving another amount for a setting the bank
gives one for (grade.values.wrong_amount), through the real bank."""

from __future__ import annotations

import pytest

from viva.app.library import Library
from viva.grade.amounts import amounts, same


@pytest.mark.parametrize(
    ("text", "value", "dimension"),
    [
        ("the timeout is ninety seconds", 90.0, "time"),
        ("defaulting to 30 seconds", 30.0, "time"),
        ("HEALTHCHECK --interval=30s", 30.0, "time"),
        ("two hundred and fifty ms", 0.25, "time"),
        ("five minutes", 300.0, "time"),
        ("one point five seconds", 1.5, "time"),
        ("point five seconds", 0.5, "time"),
        ("a 512 MB limit", 512e6, "size"),
        ("ten megabytes", 10e6, "size"),
        ("both 25 percent by default", 25.0, "percent"),
        ("twenty-five percent", 25.0, "percent"),
        ("25% of the pods", 25.0, "percent"),
        ("86,400 seconds in a day", 86400.0, "time"),
    ],
)
def test_amounts_read_digits_and_words(text: str, value: float, dimension: str) -> None:
    (found,) = amounts(text)
    assert found.dimension == dimension
    assert found.value == pytest.approx(value)


def test_amounts_need_a_unit_and_keep_numbers_apart() -> None:
    assert amounts("two lakh rows and version 3.12") == []
    # a range, a version, a name, a power, a rate, a status code: no amount to compare
    for text in (
        "five ten seconds",
        "2-3 seconds",
        "between 10 and 30 seconds",
        "Python 2's days",
        "k8s and B2B",
        "10^5 seconds",
        "20,000/s",
        "intermittent 502s",
        "pk=42 %}",
    ):
        assert amounts(text) == [], text
    assert same(amounts("thirty seconds")[0], amounts("30s")[0])
    assert not same(amounts("30 seconds")[0], amounts("30 MB")[0])


@pytest.fixture(scope="module")
def svc() -> Library:
    return Library()


@pytest.mark.parametrize(
    ("text", "right"),
    [
        ("gunicorn's default worker timeout is sixty seconds", "30 seconds"),
        ("in kubernetes the default termination grace period is ten seconds", "30 seconds"),
        ("the HPA scale down stabilisation window is thirty seconds by default", "300 seconds"),
        ("max surge and max unavailable both default to 50 percent", "25 percent"),
        ("docker stop waits thirty seconds before it sends SIGKILL", "10 seconds"),
    ],
)
def test_wrong_amount_is_disagreed_with_the_right_one(svc: Library, text: str, right: str) -> None:
    result = svc.check(text)
    assert result.verdict.value == "disagree"
    assert "wrong amount" in result.explanation and right in result.explanation


@pytest.mark.parametrize(
    "text",
    [
        "docker stop waits ten seconds before it sends SIGKILL",
        "the HPA scale down stabilisation window is five minutes by default",
        "max surge and max unavailable both default to twenty five percent",
        # a bound is no value: the grace period is more than ten seconds
        "in kubernetes the grace period is more than ten seconds by default",
        # a denied amount, a value of the learner's own beside the default, an instance
        "gunicorn's default worker timeout is not sixty seconds, it is thirty seconds",
        "we raised the gunicorn timeout to 120 seconds because the default of 30 seconds was killing slow workers",
        "I set the HPA stabilization window to 60 seconds instead of the default 300 seconds",
        "the kubelet restart back off starts at 10 seconds and caps at five minutes",
        "reading a 200 MB upload fully means 200 MB of RAM per request, na",
        "if a round trip costs 1 ms, 1000 queries add a second",
        # "120 seconds" is no status code, "the default is 422" no situation for 413
        "you can raise the gunicorn worker timeout from the default 30 seconds to 120 seconds",
        "nginx client_max_body_size is 1 MB by default and bigger bodies get 413",
        # second review: the bank's illustrations are no settings, "every 15 seconds" is one
        "The HPA controller runs in the controller manager, by default every 15 seconds.",
        "p99 shows the slowest 1 percent of requests",
        "an RPO of 15 minutes means you can lose up to 15 minutes of data",
        "with a 3 second budget, three attempts of 1 second each fit",
        "the HPA scale down stabilization window is 4-5 minutes by default",
        "we run gunicorn with a timeout of 120 seconds because reports are slow",
        "the docker restart delay starts at point one seconds and doubles",
    ],
)
def test_right_amount_or_a_bound_is_not_disagreed(svc: Library, text: str) -> None:
    assert svc.check(text).verdict.value != "disagree"
