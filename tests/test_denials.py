"""A belief reported in order to deny it ("it's not true that ...", "a common myth is that
...", "people say ..., but that's wrong"): read by claims, and checked with the verdict
turned round - against the real bank."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.model import AnswerVerdict, Verdict
from viva.understand.claims import claims
from viva.understand.denials import denied


@cache
def svc() -> Library:
    return Library()


@pytest.mark.parametrize(
    ("said", "belief"),
    [
        (
            "it's not true that TRUNCATE can never be rolled back",
            "TRUNCATE can never be rolled back",
        ),
        ("It is not true that flask is async", "flask is async"),
        ("a common myth is that sessions are encrypted", "sessions are encrypted"),
        ("it's a misconception that docker is a VM", "docker is a VM"),
        ("people say mongo is schemaless , but that's wrong", "mongo is schemaless"),
        ("some people think Flask is async , but that is not true", "Flask is async"),
        ("I don't think threads will help IO bound work", "threads will help IO bound work"),
    ],
)
def test_a_denial_frame_gives_the_belief_it_reports(said: str, belief: str) -> None:
    cut = denied(said.split())
    assert cut is not None
    assert " ".join(cut[1]) == belief


@pytest.mark.parametrize(
    "said",
    [
        "it's true that TRUNCATE is fast",
        "people say docker is easy",  # reported, not denied
        "people say docker is easy , but that's only half of it",
        "the myth of the ten times engineer is old",
    ],
)
def test_no_denial_without_the_whole_frame(said: str) -> None:
    assert denied(said.split()) is None


def test_the_denied_belief_ends_where_the_sentence_goes_on() -> None:
    """ "it's not true that X, and Y" denies X only: Y is the learner's own claim."""
    first, second = claims(
        "it's not true that threads are useless for IO bound work, and the GIL makes python "
        "code thread safe"
    )
    assert first.denied and first.checkable == "threads are useless for IO bound work"
    assert not second.denied
    got = svc().check(
        "it's not true that threads are useless for IO bound work, and the GIL makes python "
        "code thread safe"
    )
    assert got.verdict is Verdict.DISAGREE
    ok = svc().check("it's not true that flask sessions are encrypted, they are just signed na")
    assert ok.verdict is not Verdict.DISAGREE, ok.explanation


@pytest.mark.parametrize(
    ("text", "not_verdict"),
    [
        ("it's a myth that PUT is idempotent", Verdict.AGREE),
        ("it's not true that threads can run Python bytecode in parallel", Verdict.DISAGREE),
        ("it's a myth that sets and dicts both keep insertion order", Verdict.DISAGREE),
    ],
)
def test_a_loose_verdict_is_not_turned_round(text: str, not_verdict: Verdict) -> None:
    """Second review: only a close belief match or a trusted fact is turned round."""
    assert svc().check(text).verdict is not not_verdict


def test_a_denial_of_what_only_prose_backs_is_not_turned_round() -> None:
    """The bank's prose backs loosely: a learner denying it is not told "No" on its word
    (second review: "it's not true that threads can run Python bytecode in parallel" was
    disagreed with because a prose sentence seemed to back the belief)."""
    got = svc().check("it's a myth that docker images never change once built")
    assert got.verdict is not Verdict.DISAGREE, got.explanation
    assert got.verdict is not Verdict.AGREE, got.explanation


def test_only_a_belief_or_an_opposite_is_turned_round() -> None:
    """A denial is right only when what it denies is one of the bank's wrong beliefs or the
    opposite of what the bank says; a claim wrong for another reason (an amount, an absolute)
    leaves the denial unconfirmed, and a denied red flag is answered with what is true."""
    got = svc().check(
        "it's not true that the kubelet restart back off starts at 10 seconds and caps at five minutes"
    )
    assert got.verdict is not Verdict.AGREE, got.explanation
    flag = svc().check("people say readiness and liveness are the same thing, but that's wrong")
    assert flag.explanation.strip() != "Yes, that's right."


def test_claims_quote_the_frame_and_check_the_belief() -> None:
    said = claims(
        "People say Mongo doesn't support transactions, but that's wrong na, writes to a "
        "single document are atomic"
    )
    first, second = said
    assert first.denied and first.checkable == "Mongo doesn't support transactions"
    assert first.text.startswith("People say") and "wrong" in first.text
    assert not second.denied and second.text == "writes to a single document are atomic"


@pytest.mark.parametrize(
    "text",
    [
        "it's not true that TRUNCATE can never be rolled back",
        "a common myth is that containers have their own kernel",
        "people say Kubernetes no longer supports Docker images, but that's wrong",
        "I don't think the GIL can make our code thread safe, right?",
    ],
)
def test_denying_a_wrong_belief_is_not_disagreed(text: str) -> None:
    got = svc().check(text)
    assert got.verdict in (Verdict.AGREE, Verdict.PARTLY), got.explanation


@pytest.mark.parametrize(
    "text",
    [
        "it's not true that containers share the host kernel",
        "it's a myth that the GIL lets only one thread run Python bytecode at a time",
        "I don't think Flask's session is a signed cookie",
    ],
)
def test_denying_a_fact_is_disagreed_with_the_fact(text: str) -> None:
    got = svc().check(text)
    assert got.verdict is Verdict.DISAGREE
    assert text in got.explanation  # quoted as said, frame and all


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        (
            "python.list-vs-tuple",
            "it's not true that tuples are mutable. lists are mutable and tuples are immutable",
        ),
        (
            "kubernetes.kubectl-basics",
            "people think that if you fix something with kubectl edit it stays fixed, but that's "
            "wrong. the next apply puts back whatever the manifests say",
        ),
    ],
)
def test_an_answer_that_names_a_belief_to_deny_it_is_not_wrong_for_it(
    entry: str, text: str
) -> None:
    g = svc().grade(entry, text)
    assert g.verdict is not AnswerVerdict.WRONG, g
    assert not g.wrong_claims and not g.misconceptions


def test_an_answer_stating_the_belief_is_still_wrong() -> None:
    g = svc().grade("python.list-vs-tuple", "tuples are mutable and lists are immutable")
    assert g.verdict is AnswerVerdict.WRONG
