"""The plan builder: the founding learner's plan, fitting the days, mastery, what is left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from viva.app.library import Library
from viva.bank.model import Bank, Level
from viva.plan.build import MOCK_MINUTES, build_plan
from viva.plan.jd import extract
from viva.plan.model import Goal, ItemKind, Plan, Requirements
from viva.plan.render import day_index, render, today_summary

JD = Path(__file__).resolve().parent / "data" / "jd"


@pytest.fixture(scope="module")
def bank() -> Bank:
    return Library().bank


@pytest.fixture(scope="module")
def founding(bank: Bank) -> Requirements:
    return extract((JD / "founding-learner.txt").read_text(), bank)


def learner(days: int, minutes: int = 60) -> Goal:
    # "I am good at Python and Django; Flask and FastAPI I don't have much exposure to."
    return Goal(
        days,
        minutes,
        Level.SENIOR,
        frozenset({"python", "django"}),
        frozenset({"flask", "fastapi"}),
    )


def study(plan: Plan) -> list[tuple[str, ItemKind]]:
    return [(i.topic, i.kind) for d in plan.days for i in d.items if i.kind is not ItemKind.MOCK]


@pytest.mark.parametrize("days", [1, 3, 7, 14, 30])
def test_founding_learner_plan(bank: Bank, founding: Requirements, days: int) -> None:
    plan = build_plan(founding, learner(days), bank)
    items = study(plan)
    assert len(plan.days) == days
    first_new = [t for t, k in items if k is ItemKind.NEW][:2]
    assert set(first_new) <= {"fastapi", "flask"}
    assert items[0][0] in {"fastapi", "flask"}
    touched = {t for t, _ in items}
    assert {"design-patterns", "system-design", "microservices", "fastapi", "flask"} <= touched
    assert {k for t, k in items if t == "django"} == {ItemKind.REVIEW}
    assert {k for t, k in items if t in ("fastapi", "flask")} == {ItemKind.NEW}
    for d in plan.days:
        assert d.minutes <= 60, f"day {d.day} is {d.minutes} minutes"
    # a mock interview closes every block of days, on entries of that block
    mocks = [(d.day, i) for d in plan.days for i in d.items if i.kind is ItemKind.MOCK]
    assert mocks and mocks[-1][0] == days
    assert all(i.minutes == MOCK_MINUTES and i.entries for _, i in mocks)
    assert all(d.items[-1].kind is ItemKind.MOCK for d in plan.days if d.day in dict(mocks))


def test_short_time_says_what_is_left_out(bank: Bank, founding: Requirements) -> None:
    plan = build_plan(founding, learner(2), bank)
    assert any(x.reason == "time" for x in plan.left_out)
    assert "fit" in plan.notes[0] and "Left out" in plan.notes[0]
    roomy = build_plan(founding, learner(60, 120), bank)
    assert not any(x.reason == "time" for x in roomy.left_out)
    assert len(study(roomy)) > len(study(plan))


def test_strong_topic_basics_are_left_out_with_a_reason(bank: Bank, founding: Requirements) -> None:
    plan = build_plan(founding, learner(14), bank)
    basics = {x.topic for x in plan.left_out if x.reason == "basics"}
    assert "python" in basics
    chosen = {i.id for d in plan.days for i in d.items}
    assert not any(
        (e := bank.get(i)) and e.topic == "python" and e.level is Level.BEGINNER for i in chosen
    )


def test_mastery_overrides_claims(bank: Bank, founding: Requirements) -> None:
    fastapi = [e.id for e in bank.in_topic("fastapi")]
    django = [e for e in bank.in_topic("django") if e.level > Level.BEGINNER]
    mastery = {fastapi[0]: 0.95, django[0].id: 0.1}
    plan = build_plan(founding, learner(30, 90), bank, mastery)
    kinds = {i.id: i.kind for d in plan.days for i in d.items}
    assert fastapi[0] not in kinds  # already mastered
    assert kinds[django[0].id] is ItemKind.NEW  # "strong", but measured weak
    assert any(x.reason == "mastered" for x in plan.left_out)


def test_target_level_leaves_out_harder_entries(bank: Bank, founding: Requirements) -> None:
    goal = Goal(14, 60, Level.INTERMEDIATE, frozenset(), frozenset({"flask"}))
    plan = build_plan(founding, goal, bank)
    assert all(
        (e := bank.get(i)) is None or e.level <= Level.INTERMEDIATE for i in plan.entry_ids()
    )
    assert any(x.reason == "level" for x in plan.left_out)


def test_json_round_trip_and_contract(bank: Bank, founding: Requirements) -> None:
    plan = build_plan(founding, learner(5), bank)
    doc = plan.to_dict()
    assert {"requirements", "unknown_skills", "days"} <= set(doc)
    assert set(doc["requirements"][0]) >= {"topic", "subtopic", "weight"}
    assert set(doc["days"][0]) >= {"day", "items"}
    assert {k for d in doc["days"] for i in d["items"] for k in ("id", "topic", "kind") if k in i}
    assert {i["kind"] for d in doc["days"] for i in d["items"]} <= {"new", "review", "mock"}
    assert Plan.from_dict(doc).to_dict() == doc


def test_words(bank: Bank, founding: Requirements) -> None:
    from datetime import date

    plan = build_plan(founding, learner(5), bank)
    text = render(plan, today=2)
    assert "Day 2" in text and "<- today" in text
    assert "Day 1 of 5" in today_summary(plan, 1)
    assert day_index("2025-01-01", date(2025, 1, 3), 5) == 3
    assert day_index("2025-01-01", date(2025, 3, 1), 5) == 5
    assert day_index(None, date(2025, 3, 1), 5) == 1
