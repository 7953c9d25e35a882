"""Runs a coaching conversation: reads utterances, steps the engine, carries out effects.

Front ends differ only in how they read a line and show a turn (``Channel``); this module
owns the order of things: every learner line and every coach turn is saved as it happens,
with the session's position, so a crash or Ctrl-C loses nothing already said.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

from viva.service import Service
from viva.session.engine import Ctx, opening, step
from viva.session.state import (
    Effect,
    End,
    Graded,
    Prefs,
    Remember,
    SavePref,
    Say,
    Seen,
    Show,
    Stage,
    State,
)  # fmt: skip
from viva.store.db import Store
from viva.understand.intents import Intent, Kind
from viva.understand.parse import Expect, Understanding, Vocabulary, understand

MAX_LINE = 10_000


class Channel(Protocol):
    """Where utterances come from and turns go to (plain text, Rich, voice)."""

    def read(self) -> str | None: ...  # None at end of input

    def show(self, effects: Sequence[Effect]) -> None: ...


@runtime_checkable
class Observer(Protocol):
    """A channel that wants the state after each turn (voice: listen for an answer or a
    command, speak at the learner's pace)."""

    def observe(self, state: State) -> None: ...


def turn_text(effects: Sequence[Effect]) -> str:
    parts = []
    for e in effects:
        if isinstance(e, Say):
            parts.append(e.text)
        elif isinstance(e, Show):
            parts.append(e.markdown)
    return "\n".join(parts)


@dataclass
class Conversation:
    svc: Service
    store: Store
    channel: Channel
    now: Callable[[], datetime]
    front_end: str = "plain"
    start: Intent | None = None  # said for the learner before the first line is read

    def run(self) -> int:
        prefs = Prefs.from_dict(self.store.prefs())
        state = State(prefs=prefs)
        session = self.store.start_session(self.front_end, self.now())
        ctx = Ctx(self.svc.bank, self.svc.index, resume=self.store.last_position(before=session),
                  facts=lambda: self.svc.facts, find=self.svc.search,
                  **plan_context(self.store, self.now()))  # fmt: skip
        reader = Understanding(Vocabulary.from_bank(self.svc.bank), find=self.svc.search,
                               index=self.svc.index)  # fmt: skip
        first = opening(state, self.store.profile(), ctx.resume is not None)
        observer = self.channel if isinstance(self.channel, Observer) else None
        if observer:
            observer.observe(state)
        self._emit(session, first)
        try:
            if self.start is not None:
                state = self._turn(session, state, [self.start], ctx, observer)
            while not state.ended:
                line = self.channel.read()
                if line is None:
                    break
                line = clean_line(line)
                if not line:
                    continue
                self.store.add_turn(session, "learner", line, self.now())
                expect = Expect(answer=state.quiz and state.stage is Stage.ASKED)
                state = self._turn(session, state, understand(line, reader, expect), ctx, observer)
                if state.ended:
                    break
        finally:
            self.store.end_session(session, self.now())
        return session

    def _turn(
        self,
        session: int,
        state: State,
        intents: list[Intent],
        ctx: Ctx,
        observer: Observer | None,
    ) -> State:
        """Every intent of one utterance acted on in order, shown as one coach turn."""
        said: list[Effect] = []
        for intent in intents:
            state, effects = step(state, intent, ctx)
            self._apply(session, effects)
            said += effects
            if intent.kind is Kind.QUIT or state.ended:
                break
        if observer:  # before the turn is shown: "slower" is itself said slower
            observer.observe(state)
        self._emit(session, said)
        self.store.save_position(session, state.position())
        return state

    def _apply(self, session: int, effects: list[Effect]) -> None:
        for e in effects:
            if isinstance(e, SavePref):
                self.store.set_pref(e.key, e.value, self.now())
            elif isinstance(e, Remember):
                self.store.remember(e.key, e.value, self.now())
            elif isinstance(e, Seen):
                self.store.mark_seen(e.entry_id, session, self.now())
            elif isinstance(e, Graded):
                from viva.app.practice import record_grade
                from viva.grade.model import AnswerVerdict

                record_grade(self.store, e.entry_id, e.score, AnswerVerdict(e.verdict), e.answer,
                             self.front_end, self.now())  # fmt: skip

    def _emit(self, session: int, effects: list[Effect]) -> None:
        shown = [e for e in effects if not isinstance(e, End)]
        if not shown:
            return
        words = turn_text(shown)
        if words:  # saved before it is shown: what the learner saw is never lost
            self.store.add_turn(session, "coach", words, self.now())
        self.channel.show(shown)


def clean_line(line: str) -> str:
    """A line fit to understand: control bytes dropped, length capped."""
    line = "".join(ch if ch.isprintable() else " " for ch in line[:MAX_LINE])
    return " ".join(line.split())


def plan_context(store: Store, now: datetime) -> dict[str, Any]:
    """What the plan turns need: the saved plan, the profile, mastery, today's date."""
    from viva.app.practice import mastery
    from viva.plan.goal import PLAN_KEY, parse_saved

    # an unreadable saved plan counts as none: pasting the job ad makes a new one
    return {"plan": parse_saved(store.prefs().get(PLAN_KEY)), "profile": store.profile(),
            "mastery": lambda: mastery(store, now), "today": now.date()}  # fmt: skip
