"""The one way a study plan is made, from the CLI, the conversation or the web.

The goal comes from explicit options, then the profile, then the job ad (``goal``); the plan
is built on measured mastery (``build``) and dated today, so "what should I study today?"
finds the right day later.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from viva.bank.model import Bank, Level
from viva.plan.build import build_plan
from viva.plan.goal import goal_from
from viva.plan.model import Goal, Plan, Requirements


def make_plan(
    req: Requirements,
    profile: Mapping[str, str],
    bank: Bank,
    mastery: Mapping[str, float],
    today: date | None,
    days: int | None = None,
    minutes: int | None = None,
    level: Level | None = None,
) -> tuple[Goal, Plan]:
    """The learner's goal and the plan for it."""
    goal = goal_from(profile, req, days, minutes, level)
    made = build_plan(req, goal, bank, mastery)
    return goal, replace(made, created=today.isoformat() if today else None)
