"""How the learner wants to be taught, changed in conversation: pace, answers on or off,
short or full answers, an example every time. Each is remembered for later sessions when
said with "from now on". Pure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from viva.bank.model import Entry
from viva.session import teach
from viva.session.state import Detail, Effect, Pace, PrefKey, SavePref, Say, Stage, State, Tone
from viva.understand.intents import Intent, Kind

if TYPE_CHECKING:
    from viva.session.context import Ctx


def _focus(state: State, ctx: Ctx) -> Entry | None:
    return ctx.bank.get(state.focus) if state.focus else None


def pace(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    delta = -1 if intent.kind is Kind.SLOWER else 1
    pace = state.prefs.pace.step(delta)
    effects: list[Effect] = []
    if intent.persistent:
        effects.append(SavePref(PrefKey.PACE, pace.value))
    when = " From now on, in every session." if intent.persistent else ""
    if pace is state.prefs.pace and not intent.persistent:
        word = "slowest" if delta < 0 else "fastest"
        return state, [Say(f"I'm already at my {word} pace.", Tone.NOTE)]
    what = {
        Pace.SLOW: "I'll go slowly: two sentences at a time, and I'll check in before moving on.",
        Pace.NORMAL: "Normal pace: a few sentences at a time.",
        Pace.FAST: "I'll go faster: whole answers at once.",
    }[pace]
    state = replace(state, prefs=replace(state.prefs, pace=pace))
    return state, [*effects, Say(what + when, Tone.NOTE)]


def answers_mode(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    on = intent.kind is Kind.WITH_ANSWERS
    state = replace(state, prefs=replace(state.prefs, with_answers=on))
    effects: list[Effect] = (
        [SavePref(PrefKey.WITH_ANSWERS, str(on).lower())] if intent.persistent else []
    )
    if on:
        entry = _focus(state, ctx)
        if entry and state.stage is Stage.ASKED:
            state, more = teach.answer(state, entry)
            return state, [*effects, Say("Okay, with answers.", Tone.NOTE), *more]
        return state, [*effects, Say("Okay, I'll give the answer after each question.", Tone.NOTE)]
    return state, [
        *effects,
        Say("Okay, questions only. Say 'answer' whenever you want it.", Tone.NOTE),
    ]


def shorter(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    entry = _focus(state, ctx)
    state = replace(state, prefs=replace(state.prefs, detail=Detail.SHORT))
    effects: list[Effect] = [SavePref(PrefKey.DETAIL, "short")] if intent.persistent else []
    if entry is None:
        return state, [*effects, Say("Okay, I'll keep answers short.", Tone.NOTE)]
    first = teach.sentences(entry.short_answer)[0]
    state = replace(state, pending=(), stage=Stage.DONE)
    return state, [
        *effects,
        Say(f"In short: {first}", Tone.ANSWER),
        Say(teach.prompt(state), Tone.NOTE),
    ]


def more_detail(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    effects: list[Effect] = []
    if intent.persistent:
        state = replace(state, prefs=replace(state.prefs, detail=Detail.FULL))
        effects.append(SavePref(PrefKey.DETAIL, "full"))
    entry = _focus(state, ctx)
    if entry is None:
        return state, [*effects, Say("Okay. Ask me a question and I'll go into detail.", Tone.NOTE)]
    state, more = teach.detail(state, entry)
    return state, effects + more


def always_example(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    state = replace(state, prefs=replace(state.prefs, always_example=True))
    effects: list[Effect] = [
        SavePref(PrefKey.ALWAYS_EXAMPLE, "true"),
        Say("Okay: from now on I'll always give an example after an answer.", Tone.NOTE),
    ]
    entry = _focus(state, ctx)
    if entry and state.examples_given == 0:
        state, more = teach.example(state, entry)
        effects += more
    return state, effects
