"""Question sets: "top 10 Python questions, beginner to intermediate", then next, previous,
"go to question 3", "how many left". Pure, like the engine that dispatches to it.

A set is an ordered queue of entry ids in the state; asking one puts it in focus, as a
teaching question or, in a mock interview, as a question to answer (``mock``).
"""

from __future__ import annotations

from dataclasses import replace

from viva.bank.model import Level
from viva.session import mock, teach
from viva.session.context import Ctx
from viva.session.state import Effect, Say, State, Tone
from viva.understand.intents import Intent

DEFAULT_SET = 10
MAX_SET = 50


def level_words(levels: tuple[Level, ...]) -> str:
    if not levels:
        return "all levels"
    if len(levels) == 1:
        return levels[0].label
    return f"{levels[0].label} to {levels[-1].label}"


def start_set(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    entries = [e for e in ctx.bank.entries if intent.topic in (None, e.topic)]
    if intent.levels:
        entries = [e for e in entries if e.level in intent.levels]
    topic = ctx.bank.topic(intent.topic) if intent.topic else None
    order = {s.id: i for i, s in enumerate(topic.subtopics)} if topic else {}
    entries.sort(key=lambda e: (-e.frequency, e.level, order.get(e.subtopic, 99), e.id))
    count = min(intent.count or DEFAULT_SET, MAX_SET)
    chosen = tuple(e.id for e in entries[:count])
    name = topic.name if topic else "backend"
    if not chosen:
        return state, [
            Say(
                f"I have no {name} questions at {level_words(intent.levels)}. "
                "Say 'help' to see what I can do.",
                Tone.NOTE,
            )
        ]
    prefs = state.prefs
    if intent.with_answers is not None:
        prefs = replace(prefs, with_answers=intent.with_answers)
    title = f"{name}, {level_words(intent.levels)}"
    state = replace(state, prefs=prefs, queue=chosen, pos=0, title=title, levels=intent.levels)
    short = (
        " That's all I have at this level." if intent.count and len(chosen) < intent.count else ""
    )
    mode = "with answers" if prefs.with_answers else "questions only"
    if state.quiz:
        mode = "as a mock interview: you answer in your own words and I grade each answer"
    what = f"{len(chosen)} {name} questions" if len(chosen) > 1 else f"one {name} question"
    intro = Say(
        f"Here {'are' if len(chosen) > 1 else 'is'} {what}, {level_words(intent.levels)}, "
        f"one at a time, {mode}.{short}",
        Tone.NOTE,
    )
    state, effects = ask_at(state, 0, ctx)
    return state, [intro, *effects]


def ask_at(state: State, pos: int, ctx: Ctx) -> tuple[State, list[Effect]]:
    entry = ctx.bank.get(state.queue[pos])
    if entry is None:  # the bank changed since the set was made
        return state, [Say("That question is no longer in the bank. Say 'next'.", Tone.NOTE)]
    state = replace(state, pos=pos)
    header = f"Question {pos + 1} of {len(state.queue)}: "
    if state.quiz:
        return mock.ask(state, entry, header)
    return teach.ask_question(state, entry, header)


def next_question(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if not state.queue:
        return state, [
            Say(
                "We're not in a question set. Say, for example, 'top 10 Python questions'.",
                Tone.NOTE,
            )
        ]
    if state.pos + 1 >= len(state.queue):
        return state, [
            Say(
                "That was the last question of this set. Well done. "
                "Ask for another set, or ask me anything.",
                Tone.NOTE,
            )
        ]
    return ask_at(state, state.pos + 1, ctx)


def previous(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if not state.queue or state.pos <= 0:
        return state, [Say("There is no question before this one.", Tone.NOTE)]
    return ask_at(state, state.pos - 1, ctx)


def goto(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if not state.queue:
        return state, [Say("We're not in a question set yet.", Tone.NOTE)]
    n = len(state.queue) if intent.number == -1 else (intent.number or 0)
    if not 1 <= n <= len(state.queue):
        return state, [
            Say(
                f"There are {len(state.queue)} questions in this set; pick 1 to {len(state.queue)}.",
                Tone.NOTE,
            )
        ]
    return ask_at(state, n - 1, ctx)


def how_many(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    if not state.queue:
        return state, [Say("We're not in a question set yet.", Tone.NOTE)]
    left = len(state.queue) - state.pos - 1
    return state, [
        Say(f"You're on question {state.pos + 1} of {len(state.queue)}; {left} left.", Tone.NOTE)
    ]
