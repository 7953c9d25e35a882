"""Negation in the grader's clauses: a negation within another's reach cancels it ("doesn't
mean it never agrees" says they agree) when no content word comes between; "neither ... nor"
stays one negation, and two negated predicates stay negated (issue 12)."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.grade.model import Verdict
from viva.grade.words import Lexicon


@cache
def svc() -> Library:
    return Library()


def lex() -> Lexicon:
    return svc().facts.lexicon


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


def test_a_facts_leading_it_is_the_thing_its_entry_is_about() -> None:
    # "It can build and push container images and deploy them": denied of GitHub, said in
    # fewer words than the fact, it is still the opposite
    lib = svc()
    for semantic in (False, True):
        c = lib.check("with github you can't deploy a container", semantic=semantic)
        assert c.verdict is Verdict.DISAGREE, semantic


def test_not_meaning_something_is_not_denying_an_ability() -> None:
    lib = svc()
    said = "ci cd is a practice, installing jenkins alone doesn't mean we are doing ci cd"
    assert lib.check(said).verdict is not Verdict.DISAGREE
    assert lib.check("jenkins doesn't run pipelines").verdict is not Verdict.AGREE


def test_a_list_that_ends_after_a_comma_is_one_clause() -> None:
    first = lex().clauses("Jenkins runs build, test and deploy pipelines when code changes")[0]
    assert {"run", "pipelin"} <= set(first.tokens)
    # a part with a verb of its own is a clause: "lists and sets are not"
    assert len(lex().clauses("tuples are immutable, lists and sets are not")) == 2
