"""Answering a free question: find the entry, say it in the style asked for (simple words,
an example, the reason), say when it is the general answer to a question about the learner's
own setup, and ask back when the learner's words were lost. Pure.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from viva.bank.model import Entry
from viva.search.query import SearchResult
from viva.session import style, talk, teach
from viva.session.state import Effect, Say, Stage, State, Tone
from viva.understand.intents import Intent, Kind

if TYPE_CHECKING:
    from viva.session.context import Ctx


def ask(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    result = ctx.search(intent.text[:2000])
    entry = ctx.bank.get(result.answer_id) if result.answer_id else None
    if entry is None:
        focus = ctx.bank.get(state.focus) if state.focus else None
        said = [focus.short_answer, teach.prose(focus.answer)] if focus else []
        asked = talk.clarify(state, intent, ctx.index, said)
        if asked:
            return asked
        on = result.hits[0].entry_id if result.hits else None
        if on and on == state.focus and (intent.styles or intent.vague):
            # "I didn't get the meaning of both, give me a small example": the words fit
            # what we are on better than anything else, and the learner is still on it
            result = replace(result, answer_id=on)
    return answer(state, result, ctx, intent)


def answer(
    state: State, result: SearchResult, ctx: Ctx, intent: Intent | None = None
) -> tuple[State, list[Effect]]:
    entry = ctx.bank.get(result.answer_id) if result.answer_id else None
    if entry is None:
        near = [e.question for h in result.hits[:2] if (e := ctx.bank.get(h.entry_id))]
        return state, [talk.no_answer(near)]
    styles = intent.styles if intent else ()
    head: list[Effect] = []
    if intent and intent.own_setup:
        head.append(
            Say(
                "I can't see your setup, so here is the general answer from the "
                "closest question I have; check it against how yours is built.",
                Tone.NOTE,
            )
        )
    if entry.id == state.focus and styles:  # more about what we are already on
        return _styled(state, entry, styles, head, ctx)
    if entry.id == state.focus and state.stage is not Stage.ASKED:
        # asked again in other words: go on, or deeper, rather than repeat ourselves
        if state.pending:
            state, more = teach.more(state, entry)
            return state, [*head, *more]
        state, more = teach.why(state, entry)
        return state, [*head, Say(f"More on: {entry.question}", Tone.NOTE), *more]
    state = replace(state, focus=entry.id, examples_given=0, follow_ups_given=0)
    if styles:
        return _styled(state, entry, styles, [*head, Say(entry.question, Tone.QUESTION)], ctx)
    state, effects = teach.answer(state, entry)
    return state, [*head, Say(entry.question, Tone.QUESTION), *effects]


STYLED = {
    Kind.SIMPLER: teach.simpler,
    Kind.EXAMPLE: teach.example,
    Kind.ANOTHER_EXAMPLE: teach.example,
    Kind.WHY: teach.why,
    Kind.MORE_DETAIL: teach.detail,
    Kind.FOLLOW_UP: teach.follow_up,
}


def _styled(
    state: State, entry: Entry, styles: tuple[Kind, ...], head: list[Effect], ctx: Ctx
) -> tuple[State, list[Effect]]:
    """An answer in the style asked for: simple words, an example, the reason, ..."""
    effects = list(head)
    for kind in styles:
        if kind in (Kind.SLOWER, Kind.FASTER):
            state, more = style.pace(state, Intent(kind), ctx)
        elif kind is Kind.SHORTER:
            state, more = style.shorter(state, Intent(kind), ctx)
        elif kind in STYLED:
            state, more = STYLED[kind](state, entry)
        else:
            continue
        effects += more
    if len(effects) == len(head):
        state, more = teach.answer(state, entry)
        effects += more
    return state, effects
