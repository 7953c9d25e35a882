"""A coaching conversation: understands each line, steps the engine, carries out effects.

``Coach`` is one conversation, turn by turn, and the one effect runner: every learner line
and every coach turn is saved as it happens, with the whole session state, so a crash or
Ctrl-C loses nothing already said and any process can take the next turn (``Coach.resume``,
for the web). ``Conversation`` drives a ``Coach`` from a channel (plain text, Rich, voice)
until the learner leaves or the input ends.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from viva.app import practice, reviews
from viva.app.library import Library
from viva.app.ports import Channel, LearnerStore, Observer
from viva.errors import NotFoundError
from viva.plan.goal import parse_saved
from viva.session.context import Ctx
from viva.session.engine import MAX_ANSWER, opening, step
from viva.session.state import (
    Effect,
    End,
    Graded,
    PrefKey,
    Prefs,
    Rated,
    Remember,
    SavePref,
    Say,
    Seen,
    Show,
    Stage,
    State,
)
from viva.understand.intents import Intent, Kind
from viva.understand.reader import Expect, Understanding, Vocabulary, understand

if TYPE_CHECKING:
    from viva.semantic import Vectors

MAX_LINE = 10_000


def turn_text(effects: Sequence[Effect]) -> str:
    """A turn as the transcript keeps it: what was said and shown, in order."""
    parts = []
    for e in effects:
        if isinstance(e, Say):
            parts.append(e.text)
        elif isinstance(e, Show):
            parts.append(e.markdown)
    return "\n".join(parts)


def _example_vectors(texts: Sequence[str], lib: Library) -> Vectors:
    """The intent table's sentences as vectors: shipped, else encoded once into the cache."""
    from viva.semantic.book import cached_vectors

    cache = lib.data / "cache" / "intent-vectors.npz"
    return cached_vectors(texts, lambda chunk: lib.model.encode(chunk), cache)


def clean_line(line: str) -> str:
    """A line fit to understand: control bytes dropped, length capped."""
    line = "".join(ch if ch.isprintable() else " " for ch in line[:MAX_LINE])
    return " ".join(line.split())


@dataclass
class Coach:
    """One conversation with one learner; each method is one step of it, already saved."""

    lib: Library
    store: LearnerStore
    now: Callable[[], datetime]
    front_end: str = "plain"
    review_cap: int = reviews.DAILY_CAP
    session: int = 0
    state: State = field(default_factory=State)
    _ctx: Ctx | None = None
    _reader: Understanding | None = None

    @classmethod
    def begin(
        cls,
        lib: Library,
        store: LearnerStore,
        now: Callable[[], datetime],
        front_end: str = "plain",
        review_cap: int = reviews.DAILY_CAP,
    ) -> Coach:
        """A new session, started in the store (nothing is said yet: see ``opening``)."""
        coach = cls(lib, store, now, front_end, review_cap)
        coach.state = State(prefs=Prefs.from_dict(store.prefs()))
        coach.session = store.start_session(front_end, now())
        return coach

    @classmethod
    def resume(
        cls,
        lib: Library,
        store: LearnerStore,
        now: Callable[[], datetime],
        session: int,
        front_end: str = "plain",
    ) -> Coach:
        """The session ``session`` as it was after its last turn, in any process."""
        saved = store.load_state(session)
        if saved is None:
            raise NotFoundError(f"no conversation {session}", "start a new one")
        try:
            doc = json.loads(saved)
        except ValueError:  # a damaged state starts the session afresh, keeping its history
            doc = {}
        coach = cls(lib, store, now, front_end, session=session)
        coach.state = State.restore(
            doc if isinstance(doc, dict) else {}, Prefs.from_dict(store.prefs())
        )
        return coach

    @property
    def ctx(self) -> Ctx:
        if self._ctx is None:
            store, now, lib = self.store, self.now, self.lib
            self._ctx = Ctx(
                lib.bank,
                lib.index,
                resume=store.last_position(before=self.session),
                facts=lambda: lib.facts,
                find=lib.search,
                plan=parse_saved(store.prefs().get(PrefKey.PLAN)),
                profile=store.profile(),
                mastery=lambda: practice.mastery(store, now()),
                today=now().date(),
                due=lambda: reviews.today(store, now(), self.review_cap).todays,
                preview=lambda entry_id: practice.preview(store, entry_id, now()),
            )
        return self._ctx

    @property
    def reader(self) -> Understanding:
        if self._reader is None:
            from viva.understand.nearest import Nearest

            lib = self.lib
            # the table's sentences ship encoded; the model loads only for a short line that
            # no template matched and the words alone did not place
            nearest = Nearest(
                lambda texts: _example_vectors(texts, lib),
                lambda texts: lib.model.encode(texts),
            )
            self._reader = Understanding(
                Vocabulary.from_bank(lib.bank), find=lib.search, index=lib.index, nearest=nearest
            )
        return self._reader

    def opening(self) -> list[Effect]:
        """The coach's first turn, shaped by what it remembers; saved like any turn."""
        said = opening(self.state, self.store.profile(), self.ctx.resume is not None)
        self._save_turn(said)
        return said

    def hear(self, line: str) -> list[Effect]:
        """One line from the learner: saved, understood in context, acted on."""
        line = clean_line(line)
        blank_means_show = self.state.review and self.state.stage is Stage.ASKED
        if not line and not blank_means_show:  # Enter on a review reveals the answer
            return []
        self.store.add_turn(self.session, "learner", line, self.now())
        if not line:
            return self.act([Intent(Kind.ANSWER, "")])
        expect = Expect(answer=self.state.awaits_answer)
        if expect.answer and len(line) > MAX_ANSWER:  # the engine refuses it whole, not cut
            return self.act([Intent(Kind.ATTEMPT, line)])
        return self.act(understand(line, self.reader, expect))

    def act(self, intents: list[Intent]) -> list[Effect]:
        """Every intent of one utterance acted on in order, carried out, saved as one turn."""
        said: list[Effect] = []
        for intent in intents:
            reviewing = self.state.review
            self.state, effects = step(self.state, intent, self.ctx)
            self._apply(effects, reviewing)
            said += effects
            if intent.kind is Kind.QUIT or self.state.ended:
                break
        self._save_turn(said)
        return said

    def end(self) -> None:
        self.store.end_session(self.session, self.now())

    def _apply(self, effects: list[Effect], reviewing: bool) -> None:
        source = "review" if reviewing else self.front_end
        for e in effects:
            if isinstance(e, SavePref):
                self.store.set_pref(e.key, e.value, self.now())
            elif isinstance(e, Remember):
                self.store.remember(e.key, e.value, self.now())
            elif isinstance(e, Seen):
                self.store.mark_seen(e.entry_id, self.session, self.now())
            elif isinstance(e, Graded):
                practice.record_grade(
                    self.store, e.entry_id, e.score, e.verdict, e.answer, source, self.now()
                )
            elif isinstance(e, Rated):
                practice.rate(self.store, e.entry_id, e.rating, source, self.now())

    def _save_turn(self, effects: list[Effect]) -> None:
        words = turn_text([e for e in effects if not isinstance(e, End)])
        if words:  # saved before it is shown: what the learner saw is never lost
            self.store.add_turn(self.session, "coach", words, self.now())
        self.store.save_position(self.session, self.state.position())
        self.store.save_state(self.session, json.dumps(self.state.to_dict()))


@dataclass
class Conversation:
    """A coach driven by a channel until the learner leaves, the input ends or ``until``."""

    lib: Library
    store: LearnerStore
    channel: Channel
    now: Callable[[], datetime]
    front_end: str = "plain"
    start: Intent | None = None  # said for the learner before the first line is read
    greet: bool = True
    until: Callable[[State], bool] | None = None  # e.g. "today's reviews are done"
    review_cap: int = reviews.DAILY_CAP

    def run(self) -> int:
        coach = Coach.begin(self.lib, self.store, self.now, self.front_end, self.review_cap)
        observer = self.channel if isinstance(self.channel, Observer) else None
        try:
            self._show(observer, coach, coach.opening() if self.greet else [])
            if self.start is not None:
                self._show(observer, coach, coach.act([self.start]))
            while not coach.state.ended and not self._done(coach.state):
                line = self.channel.read()
                if line is None:
                    break
                self._show(observer, coach, coach.hear(line))
        finally:
            coach.end()
        return coach.session

    def _done(self, state: State) -> bool:
        return self.until is not None and self.until(state)

    def _show(self, observer: Observer | None, coach: Coach, effects: list[Effect]) -> None:
        if observer:  # before the turn is shown: "slower" is itself said slower
            observer.observe(coach.state)
        shown = [e for e in effects if not isinstance(e, End)]
        if shown:
            self.channel.show(shown)
