"""The `compare` list of an entry that isn't `type: compare` (issue 12): its terms are read
for traded roles, but its everyday words ("job", "step") stay out of the bank-wide entity
lexicon that decides every clause's subject."""

from __future__ import annotations

from functools import cache

import pytest

from viva.app.library import Library
from viva.bank.model import EntryType
from viva.grade.model import Verdict


@cache
def svc() -> Library:
    return Library()


def test_a_concept_entrys_compared_terms_are_pairs_but_not_entities() -> None:
    svc_ = svc()
    entry = svc_.bank.get("cicd.pipeline-stages")
    assert entry.type is EntryType.CONCEPT and len(entry.compare) >= 2
    book = svc_.facts
    assert len(book.pairs[str(entry.id)]) == len(entry.compare)
    assert {"job", "step"}.isdisjoint(book.lexicon.entities)


def test_a_compare_entrys_terms_are_entities() -> None:
    entry = svc().bank.get("python.list-vs-tuple")
    assert entry.type is EntryType.COMPARE
    assert {"list", "tupl"} <= svc().facts.lexicon.entities


@pytest.mark.parametrize(
    "text",
    [
        "in choreography a central coordinator tells each service what to do",
        "select_related runs a separate query per relation and joins the rows in Python",
        "a 504 means the upstream gave no valid response and a 502 means it was too slow",
        "makemigrations applies the migrations to the database",
    ],
)
def test_roles_traded_in_a_concept_entry_are_disagreed(text: str) -> None:
    assert svc().check(text).verdict is Verdict.DISAGREE


@pytest.mark.parametrize(
    "text",
    [
        "in choreography services react to each other's events with no central coordinator",
        "select_related uses a SQL join in the same query",
        "a 502 means the upstream gave no valid response and a 504 means it was too slow",
        "migrate applies the migrations to the database",
    ],
)
def test_the_same_roles_the_right_way_round_are_not_disagreed(text: str) -> None:
    assert svc().check(text).verdict is not Verdict.DISAGREE


def test_a_concept_entrys_compare_list_does_not_make_it_the_comparison_answer() -> None:
    """The Docker-flow entry lists [Jenkins, Kubernetes] for roles; "the difference between
    Jenkins and Kubernetes" is still answered by the comparison entry (seed line 21)."""
    flow = svc().bank.get("docker.docker-with-jenkins-and-kubernetes")
    assert flow.compare and flow.compared == ()
    for text in (
        "what is the difference between Jenkins and Kubernetes, and how does Docker help?",
        "Jenkins vs Kubernetes",
    ):
        assert svc().search(text).answer_id == "cicd.jenkins-vs-kubernetes", text


def test_a_stopword_an_entry_compares_is_kept_where_it_is_a_name() -> None:
    lex = svc().facts.lexicon
    assert "where" in lex.names
    named = [t for c in lex.clauses("where filters the groups") for t in c.tokens]
    plain = [t for c in lex.clauses("where it runs") for t in c.tokens]
    assert any(t.startswith("wher") for t in named)
    assert not any(t.startswith("wher") for t in plain)


def test_where_and_having_traded_is_disagreed_and_the_right_way_round_is_not() -> None:
    wrong = (
        "where filters the groups after aggregation, and having filters the rows before grouping"
    )
    right = (
        "where filters the rows before grouping, and having filters the groups after aggregation"
    )
    assert svc().check(wrong).verdict is Verdict.DISAGREE
    assert svc().check(right).verdict is Verdict.AGREE
