"""The study plan in conversation: "what should I study today?" and a pasted job description.

Pure like the engine: the saved plan, the profile, measured mastery and today's date come
in through the context; a new plan goes out as a ``SavePref("plan", json)`` effect, the
same place ``viva plan`` keeps it. Today's entries become the current question set, so
"next", "example" and "quiz me" work on them as on any set.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from viva.plan.goal import saved_form
from viva.plan.jd import extract
from viva.plan.make import make_plan
from viva.plan.model import ItemKind, Plan
from viva.plan.render import day_index, today_summary
from viva.session import teach
from viva.session.state import Effect, PrefKey, SavePref, Say, State, Tone
from viva.understand.intents import Intent

if TYPE_CHECKING:
    from viva.session.context import Ctx


def _start_day(state: State, plan: Plan, day: int, ctx: Ctx) -> tuple[State, list[Effect]]:
    items = next((d.items for d in plan.days if d.day == day), ())
    queue = tuple(i.id for i in items if i.kind is not ItemKind.MOCK and ctx.bank.get(i.id))
    said: list[Effect] = [Say(today_summary(plan, day), Tone.NOTE)]
    if not queue:
        return state, said
    state = replace(state, queue=queue, pos=0, title=f"plan day {day}")
    entry = ctx.bank.get(queue[0])
    assert entry is not None
    state, asked = teach.ask_question(state, entry, f"Question 1 of {len(queue)}: ")
    return state, [*said, *asked]


def study_today(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    plan = ctx.plan
    if plan is None:
        return state, [
            Say(
                "You don't have a study plan yet (or it couldn't be read). Paste the "
                "job description here, or run: viva plan --jd job.txt",
                Tone.NOTE,
            )
        ]
    day = 1 if ctx.today is None else day_index(plan.created, ctx.today, len(plan.days))
    return _start_day(state, plan, day, ctx)


def plan_from_jd(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    req = extract(intent.text, ctx.bank)
    if not req.items:
        named = (
            f" It names {', '.join(req.unknown_skills[:5])}, which I don't cover."
            if req.unknown_skills
            else ""
        )
        return state, [
            Say(
                "I read that as a job description, but found no backend skills I "
                f"cover in it.{named}",
                Tone.NOTE,
            )
        ]
    mastery = ctx.mastery() if ctx.mastery else {}
    goal, plan = make_plan(req, ctx.profile or {}, ctx.bank, mastery, ctx.today)
    asked = ", ".join(t for t in req.topics()[:6])
    intro = (
        f"Here is a {goal.days}-day plan, {goal.minutes_per_day} minutes a day, for this "
        f"job. It asks most for: {asked}."
    )
    effects: list[Effect] = [SavePref(PrefKey.PLAN, saved_form(plan)), Say(intro, Tone.NOTE)]
    effects += [Say(n, Tone.NOTE) for n in plan.notes[:2]]
    state, more = _start_day(state, plan, 1, ctx)
    return state, [*effects, *more]
