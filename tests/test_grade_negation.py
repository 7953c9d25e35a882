"""Negation in the grader's clauses: a negation within another's reach cancels it ("doesn't
mean it never agrees" says they agree) when no content word comes between; "neither ... nor"
stays one negation, and two negated predicates stay negated (issue 12)."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.words import Lexicon


@cache
def lex() -> Lexicon:
    return Library().facts.lexicon


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("eventual consistency doesn't mean it never agrees", False),
        ("it is not that nothing is cached", False),
        ("the replicas never agree", True),
        ("neither the pod nor the node restarts", True),
        ("it never agrees, and it is not consistent", True),
    ],
)
def test_a_second_negation_in_reach_cancels_the_first(text: str, negated: bool) -> None:
    assert lex().clause(text).negated is negated


def test_not_there_negates_nothing_after_it() -> None:
    clause = lex().clause("if it's not there you get a value error")
    assert not clause.negated and "absent" in clause.tokens


def test_british_and_american_spellings_meet() -> None:
    from viva.grade.words import gstem

    assert gstem("materialised") == gstem("materialized")
    assert gstem("normalisation") == gstem("normalization")


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("my container exited zero", "a container that exits with code 0"),
        ("with four members", "4 members"),
        ("one thread", "1 thread"),
    ],
)
def test_numbers_said_and_written_are_one_token(said: str, written: str) -> None:
    number = [t for t in lex().clause(said).tokens if t not in {"container", "exit", "thread"}]
    assert number and number[0] in lex().clause(written).tokens


def test_no_difference_between_two_things_says_they_are_the_same() -> None:
    tokens = lex().clause("there's no real difference between apply and create").tokens
    assert "same" in tokens and not lex().clause("apply and create").negated


@pytest.mark.parametrize(
    ("heard", "term"),
    [("pie thon is dynamically typed", "python"), ("cube control apply", "kubectl")],
)
def test_common_mishearings_of_tool_names_are_the_tool(heard: str, term: str) -> None:
    assert lex().clause(heard).tokens[0] == term
