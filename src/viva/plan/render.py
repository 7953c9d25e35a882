"""A plan in words: the text ``viva plan`` prints and the coach says for "what today?".

Pure formatting of a ``Plan``; which day is today is worked out by the edge (from the date
the plan was made) and passed in.
"""

from __future__ import annotations

import re
from datetime import date

from viva.plan.model import Day, Item, ItemKind, Plan

# on folded text: "what should I study today", "today's plan", "what's my plan"
STUDY_TODAY = re.compile(
    r"\b(?:what|which)\b.*\b(?:study|learn|practi[cs]e|revise|prepare|cover|focus on)\b.*"
    r"\b(?:today|tonight|now|next)\b|\btoday ?s plan\b|\bplan for today\b|"
    r"\b(?:show|what ?s|what is) (?:my|the) (?:study )?plan\b"
)


def day_index(created: str | None, today: date, days: int) -> int:
    """Which plan day ``today`` is (1-based), clamped to the plan; day 1 if undated."""
    try:
        start = date.fromisoformat(created) if created else today
    except ValueError:
        start = today
    return max(1, min(days, (today - start).days + 1))


def item_line(item: Item) -> str:
    if item.kind is ItemKind.MOCK:
        what = ", ".join(item.topics) or item.topic
        return (
            f"mock    {item.question}: {len(item.entries)} questions on {what} ({item.minutes} min)"
        )
    return f"{item.kind.value:<7} {item.id}: {item.question} ({item.minutes} min)"


def day_lines(day: Day) -> list[str]:
    return [f"Day {day.day} ({day.minutes} min)", *(f"  {item_line(i)}" for i in day.items)]


def render(plan: Plan, today: int | None = None) -> str:
    req, goal = plan.requirements, plan.goal
    role = req.role or "the job"
    lines = [
        f"Plan for {role}: {goal.level.label} level, {goal.days} day(s) of "
        f"{goal.minutes_per_day} minutes.",
        "Asked for: "
        + ", ".join(
            f"{r.topic}{'/' + r.subtopic if r.subtopic else ''} {r.weight:.2f}" for r in req.items
        ),
    ]
    if req.unknown_skills:
        lines.append("Not in the bank: " + ", ".join(req.unknown_skills))
    for d in plan.days:
        lines.append("")
        head, *rest = day_lines(d)
        lines.append(head + ("  <- today" if today == d.day else ""))
        lines += rest
    if plan.notes:
        lines.append("")
        lines += plan.notes
    return "\n".join(lines)


def today_summary(plan: Plan, day: int) -> str:
    """One spoken paragraph: today's topics, counts and the mock, if any."""
    d = next((x for x in plan.days if x.day == day), None)
    if d is None or not d.items:
        return f"Day {day} of your plan has nothing scheduled. Take a rest, or review freely."
    study = [i for i in d.items if i.kind is not ItemKind.MOCK]
    new = [i for i in study if i.kind is ItemKind.NEW]
    topics = list(dict.fromkeys(i.topic for i in new)) or list(
        dict.fromkeys(i.topic for i in study)
    )
    parts = [f"Day {day} of {len(plan.days)}, about {d.minutes} minutes:"]
    if new:
        parts.append(f"{len(new)} new question(s) on {', '.join(topics)}")
    reviews = len(study) - len(new)
    if reviews:
        parts.append(("and " if new else "") + f"{reviews} review(s)")
    text = " ".join(parts) + "."
    if any(i.kind is ItemKind.MOCK for i in d.items):
        text += " It ends with a mock interview on what you covered."
    return text
