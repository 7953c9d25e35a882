"""A wrong belief said inside a longer claim is found wherever the search ranks its entry
(``FactBook.believing``), and a belief that two things are "the same" is not said by a claim
that never says so (issue 12). Dev 2 statements, real bank, lexical checker."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.model import AnswerVerdict, Verdict


@cache
def svc() -> Library:
    return Library()


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "microservices make the whole system simpler, because each service is small",
            "microservices.microservices-vs-monolith",
        ),
    ],
)
def test_a_belief_inside_a_longer_claim_is_disagreed(text: str, source: str) -> None:
    found = svc().check(text, semantic=False)
    assert found.verdict is Verdict.DISAGREE, found.explanation
    assert found.source_id == source


def test_the_belief_is_brought_in_by_the_words_it_holds() -> None:
    book = svc().facts
    tokens = book.lexicon.clause(
        "microservices make the whole system simpler, because each service is small"
    ).tokens
    assert "microservices.microservices-vs-monolith" in book.believing(tokens)
    assert book.believing(book.lexicon.clause("the weather is nice today").tokens) == []


def test_saying_how_two_commands_differ_is_not_saying_they_are_the_same() -> None:
    text = "kubectl apply is declarative and safe to re-run, while kubectl create fails if the object already exists."
    found = svc().check(text, semantic=False)
    assert found.verdict is not Verdict.DISAGREE, found.explanation


@pytest.mark.parametrize(
    ("entry", "text"),
    [
        (
            "fastapi.why-fast",
            "fastapi compiles python to C and gets around the GIL, so switching from flask "
            "will make my slow database endpoints fast",
        ),
        (
            "python.concurrent-futures",
            "ThreadPoolExecutor makes CPU-heavy code fast on all the cores, and if a task "
            "raises, the exception shows up immediately in the main thread",
        ),
    ],
)
def test_an_answer_stating_a_belief_closely_is_wrong(entry: str, text: str) -> None:
    g = svc().grade(entry, text, semantic=False)
    assert g.verdict is AnswerVerdict.WRONG, g
    assert g.wrong_claims, g


def test_saying_a_beliefs_correction_is_not_saying_the_belief() -> None:
    text = "if a class only defines repr, str falls back to it, but it doesn't work the other way round"
    found = svc().check(text, semantic=False)
    assert found.verdict is not Verdict.DISAGREE, found.explanation


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("remove returns none", False),
        ("the default is none", False),
        ("it is not none", True),
        ("none of the workers restart", True),
    ],
)
def test_pythons_none_is_a_value_not_a_negation(text: str, negated: bool) -> None:
    assert svc().facts.lexicon.clause(text).negated is negated


@pytest.mark.parametrize(
    "text",
    [
        "the root logger's default level is WARNING, that's why logger dot info prints "
        "nothing until you configure logging",
    ],
)
def test_sharing_a_beliefs_words_without_its_wrong_part_is_not_the_belief(text: str) -> None:
    found = svc().check(text, semantic=False)
    assert found.verdict is not Verdict.DISAGREE, found.explanation


def test_one_clause_of_a_belief_is_enough_to_say_it() -> None:
    found = svc().check("docker on its own is an orchestrator, right?", semantic=False)
    assert found.verdict is Verdict.DISAGREE, found.explanation


@pytest.mark.parametrize(
    "text",
    [
        "calling time dot sleep or requests dot get inside an async def blocks the whole event "
        "loop, so every other request just sits and waits",
        "fastapi is a thin layer over starlette and pydantic, and uvicorn is the ASGI server "
        "that actually runs it, fastapi itself doesn't open any port",
    ],
)
def test_the_semantic_layer_does_not_read_a_warning_or_a_denial_as_the_belief(text: str) -> None:
    found = svc().check(text, semantic=True)
    assert found.verdict is not Verdict.DISAGREE, found.explanation
