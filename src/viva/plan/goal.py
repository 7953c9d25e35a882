"""The learner's goal from the profile, and the saved plan's key and parsing.

One place for both front ends (``viva plan`` and a job ad pasted in conversation), so a plan
made either way follows the same rules: explicit options first, then the profile
(``target_level``, ``target_role``, ``interview_in_days``, ``minutes_per_day``, strong and
weak topics), then the job ad, then the defaults.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from viva.bank.model import Level
from viva.plan.jd import level_of
from viva.plan.model import Goal, Plan, Requirements

DEFAULT_DAYS = 14
DEFAULT_MINUTES = 60
# the bounds of `viva plan --days/--minutes`: whatever the profile says, a plan stays small
DAYS = (1, 365)
MINUTES = (15, 720)


def bounded(value: int, bounds: tuple[int, int]) -> int:
    return min(max(value, bounds[0]), bounds[1])


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def goal_from(
    profile: Mapping[str, str],
    req: Requirements,
    days: int | None = None,
    minutes: int | None = None,
    level: Level | None = None,
) -> Goal:
    """The learner's goal: options first, then the profile, then the job, then defaults."""

    def topics(key: str) -> frozenset[str]:
        return frozenset(t for t in profile.get(key, "").split(",") if t)

    target = level
    if target is None and profile.get("target_level"):
        try:
            target = Level.parse(profile["target_level"])
        except KeyError:
            target = None
    target = target or level_of(profile.get("target_role", "")) or req.level or Level.INTERMEDIATE
    return Goal(
        days=bounded(days or _int(profile.get("interview_in_days")) or DEFAULT_DAYS, DAYS),
        minutes_per_day=bounded(
            minutes or _int(profile.get("minutes_per_day")) or DEFAULT_MINUTES, MINUTES
        ),
        level=target,
        strong=topics("strong"),
        weak=topics("weak"),
    )


def parse_saved(raw: str | None) -> Plan | None:
    """The saved plan, or None when there is none or it can't be read (a plan saved by an
    incompatible version, a damaged value): the learner makes a new one."""
    if not raw:
        return None
    try:
        doc: Any = json.loads(raw)
        return Plan.from_dict(doc)
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


def saved_form(plan: Plan) -> str:
    return json.dumps(plan.to_dict())
