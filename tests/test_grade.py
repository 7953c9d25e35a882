"""The grader against its labelled dev set, and its behaviour on the cases that matter most.

The dev set (tests/data/grading) was written from the bank by someone who never read the
grader. Floors here are the issue's: false statements agreed with at most 2% (sycophancy),
true statements accepted at least 85%, answer verdicts matching at least 80%, and a wrong
answer never graded good. `bench/bench_grade.py` prints the full figures.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import numpy as np
import pytest
import yaml

from tests.conftest import DATA, run_viva
from viva.grade import devset
from viva.grade.model import AnswerVerdict, Verdict
from viva.service import Service

GRADING = DATA / "grading"


@cache
def svc() -> Service:
    return Service()


def _rows(name: str) -> list[dict[str, Any]]:
    rows = yaml.safe_load((GRADING / name).read_text())
    assert isinstance(rows, list)
    return rows


def test_dev_set_is_big_enough_and_balanced() -> None:
    rows = _rows("statements.yaml")
    assert len(rows) >= 80
    true = sum(1 for r in rows if r["label"])
    assert abs(true - (len(rows) - true)) <= 2
    assert {r["topic"] for r in rows} >= {t.id for t in svc().bank.topics}
    answers = _rows("answers.yaml")
    assert len(answers) >= 20
    assert sum(len(q["answers"]) for q in answers) >= 60
    for q in answers:
        assert {"good", "partial", "wrong"} <= {a["label"] for a in q["answers"]}, q["id"]
        assert svc().bank.get(q["id"]) is not None, q["id"]


def test_statement_floors() -> None:
    figures = devset.statements(_rows("statements.yaml"), svc().check)
    assert figures.sycophancy_rate <= 0.02, figures.misses
    assert figures.true_rate >= 0.85, figures.misses


def test_answer_floors() -> None:
    figures = devset.answers(_rows("answers.yaml"), svc().grade)
    assert figures.wrong_as_good == 0, figures.misses
    assert figures.accuracy >= 0.80, figures.misses


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (
            "with github actions you cannot deploy a container, only jenkins can, right?",
            Verdict.DISAGREE,
        ),
        ("tuples are mutable, lists are immutable", Verdict.DISAGREE),  # reversed roles
        ("a list is mutable and a tuple is immutable, right?", Verdict.AGREE),
        ("a tuple cannot be changed", Verdict.AGREE),  # true, with a negation
        ("each container boots its own kernel", Verdict.DISAGREE),
        (
            "the gil lets only one process run python bytecode at a time",
            Verdict.PARTLY,
        ),  # one word off
        ("the moon is made of green cheese", Verdict.UNSURE),
    ],
)
def test_verdicts_on_hard_cases(text: str, verdict: Verdict) -> None:
    assert svc().check(text).verdict is verdict


def test_orchestration_on_top_of_cicd_is_not_agreed() -> None:
    assert svc().check("so orchestration is on top of ci cd right").verdict is not Verdict.AGREE


def test_a_disagreement_names_the_correction_and_its_source() -> None:
    result = svc().check("so github actions jobs always run on github's own machines, right?")
    assert result.verdict is Verdict.DISAGREE
    assert result.source_id == "cicd.github-actions-vs-jenkins"
    assert result.correction and "self-hosted" in result.correction


def test_unsure_offers_the_nearest_entries_and_never_guesses() -> None:
    result = svc().check("kafka consumers love pineapple on pizza")
    assert result.verdict is Verdict.UNSURE
    assert "won't guess" in result.explanation


def test_no_verdict_ever_says_exactly() -> None:
    for row in _rows("statements.yaml"):
        assert "exactly" not in svc().check(row["text"]).explanation.lower()


def test_a_vague_answer_scores_low_and_a_wrong_claim_caps_the_score() -> None:
    fine = svc().grade("python.list-vs-tuple", "fine")
    assert fine.score <= 10 and fine.verdict is not AnswerVerdict.GOOD
    wrong = svc().grade(
        "python.list-vs-tuple",
        "lists are immutable and tuples are mutable, so you can append to a tuple and a list "
        "can be a dict key, and tuples are hashable",
    )
    assert wrong.verdict is AnswerVerdict.WRONG
    assert wrong.score <= 40
    assert wrong.misconceptions


def test_try_again_scores_higher_when_the_answer_improves() -> None:
    first = svc().grade("python.gil", "um the gil is like a lock basically")
    second = svc().grade(
        "python.gil",
        "the gil is a lock in cpython that lets only one thread run python bytecode at a time, "
        "so threads don't speed up cpu bound code, but it is released during io so threads are "
        "fine for io bound work, and for cpu work you use multiprocessing",
    )
    assert second.score > first.score
    assert second.verdict is AnswerVerdict.GOOD


def test_delivery_insights_count_fillers_and_repeats() -> None:
    g = svc().grade(
        "python.gil",
        "um basically the gil is basically a lock, you know, a lock that, like, locks the "
        "interpreter so one thread at a time, actually one thread",
    )
    assert g.insights.fillers["basically"] == 2
    assert g.insights.fillers["you know"] == 1
    assert ("lock", 2) not in g.insights.repeated  # three times or more only
    assert g.insights.words == 26


def test_check_and_grade_json_contract() -> None:
    out = run_viva("check", "so orchestration is on top of ci cd right", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) >= {"verdict", "explanation", "correction", "source_id"}
    assert doc["verdict"] in {"partly", "disagree", "unsure"}
    out = run_viva(
        "grade", "python.list-vs-tuple", "--answer", "lists change, tuples don't", "--json"
    )
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert set(doc) >= {"score", "verdict", "covered", "missed", "misconceptions", "insights"}
    assert 0 <= doc["score"] <= 100 and doc["verdict"] in {"good", "partial", "wrong", "off-topic"}


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("check", ""), "empty"),
        (("check", "x" * 3000), "characters long"),
        (("grade", "python.nope", "--answer", "x"), "no entry"),
        (("grade", "python.gil", "--answer", "  "), "empty"),
    ],
)
def test_bad_input_is_one_line_and_non_zero(args: tuple[str, ...], needle: str) -> None:
    out = run_viva(*args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr


def test_binary_answer_on_stdin_is_refused() -> None:
    out = run_viva("grade", "python.gil", stdin="a\x00b")
    assert out.returncode == 2 and "binary" in out.stderr


class ScriptedEmbedder:
    """Says every text is about the same thing: the worst case for similarity alone."""

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.tile(np.array([1.0, 0.0], dtype=np.float32), (len(texts), 1))


def test_similarity_never_overrules_polarity() -> None:
    from viva.grade.answer import grade_answer
    from viva.grade.semantic import similar_with

    similar = similar_with(ScriptedEmbedder())
    entry = svc().bank.get("python.list-vs-tuple")
    assert entry is not None
    inverted = "tuples can be modified but lists cannot, you append to tuples"
    graded = grade_answer(entry, inverted, svc().facts, similar)
    assert graded.verdict is not AnswerVerdict.GOOD
    assert "Lists are mutable, tuples are immutable" not in graded.covered


@pytest.mark.slow
def test_semantic_check_runs_the_real_model() -> None:
    """The real sentence model (viva.semantic) behind `viva check --semantic`."""
    out = run_viva("check", "so orchestration is on top of ci cd right", "--semantic", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["verdict"] == "disagree"
