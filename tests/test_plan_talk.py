"""The plan in conversation: a pasted job description makes and saves a plan; "what should I
study today?" starts today's entries."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import run_viva
from viva.app.library import Library
from viva.understand.intents import Kind
from viva.understand.reader import Vocabulary, parse

JD = Path(__file__).resolve().parent / "data" / "jd"


def test_intents() -> None:
    vocab = Vocabulary.from_bank(Library().bank)
    for line in [
        "what should I study today?",
        "What should i learn now",
        "today's plan",
        "what's my plan",
    ]:
        assert parse(line, vocab).kind is Kind.STUDY_TODAY, line
    pasted = " ".join((JD / "founding-learner.txt").read_text().split())
    assert parse(pasted, vocab).kind is Kind.PLAN_JD
    assert parse("what is the GIL", vocab).kind is not Kind.STUDY_TODAY


def test_paste_then_ask_today() -> None:
    for key, value in [
        ("strong", "python,django"),
        ("weak", "flask,fastapi"),
        ("interview_in_days", "5"),
    ]:
        run_viva("profile", "set", key, value)
    none_yet = run_viva("chat", "--plain", stdin="what should I study today?\nquit\n")
    assert "don't have a study plan yet" in none_yet.stdout
    pasted = " ".join((JD / "founding-learner.txt").read_text().split())
    done = run_viva("chat", "--plain", stdin=f"{pasted}\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Here is a 5-day plan" in done.stdout
    assert "Question 1 of" in done.stdout
    shown = json.loads(run_viva("plan", "show", "--json").stdout)
    assert len(shown["days"]) == 5
    assert shown["days"][0]["items"][0]["topic"] in {"flask", "fastapi"}
    today = run_viva("chat", "--plain", stdin="what should I study today?\nnext\nquit\n")
    assert "Day 1 of 5" in today.stdout
    first = shown["days"][0]["items"]
    assert first[0]["question"] in today.stdout and first[1]["question"] in today.stdout


def test_pasted_ad_without_backend_skills() -> None:
    pasted = " ".join((JD / "06-frontend-react.txt").read_text().split())
    pasted = "Job description: " + pasted + " We are looking for someone great."
    done = run_viva("chat", "--plain", stdin=f"{pasted}\nquit\n")
    assert "found no backend skills I cover" in done.stdout
    assert run_viva("plan", "show").returncode == 2
