"""Reviews in the conversation: today's due entries, answered aloud or revealed and rated.

"Let's do my reviews" (or ``viva review``) makes today's due entries the set - weakest first,
within the daily cap, as the application layer computes them (``Ctx.due``). Each one is a
mock-interview question: an answer in the learner's words is graded and moves its card
(``Graded``); "show" reveals the short answer and asks for the learner's own rating, with
the next interval each rating would give (``Ctx.preview``, Anki's preview-then-commit),
and the rating moves the card (``Rated``). After each, the next due entry follows.
"""

from __future__ import annotations

from dataclasses import replace

from viva.bank.model import Entry
from viva.schedule.rating import Rate
from viva.session import mock
from viva.session.context import Ctx
from viva.session.state import Effect, Graded, Rated, Say, Seen, Stage, State, Tone
from viva.understand.intents import Intent, Kind

PROMPT = "Answer in your own words, or say 'show' to see the answer and rate yourself."
RATE_AGAIN = "Please say again, hard, good or easy (or 1 to 4)."
DONE = "That's today's reviews done."
SHOW_WORDS = frozenset({"", "show", "show it", "show me", "reveal", "show answer", "dont know"})
NAMES = {Rate.AGAIN: "again", Rate.HARD: "hard", Rate.GOOD: "good", Rate.EASY: "easy"}


def days(d: float) -> str:
    """An interval in words: minutes under a day, days after."""
    if d < 1:
        return f"{max(1, round(d * 24 * 60))} min"
    return f"{round(d)} day" + ("s" if round(d) != 1 else "")


def start(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]]:
    due = tuple(i for i in (ctx.due() if ctx.due else ()) if ctx.bank.get(i))
    if not due or ctx.facts is None:
        return state, [
            Say(
                "Nothing is due for review right now. Practise first: say 'quiz me "
                "on Python', and what you answer comes back here when it's due.",
                Tone.NOTE,
            )
        ]
    state = replace(state, quiz=True, review=True, queue=due, pos=-1, title="reviews")
    what = f"{len(due)} reviews" if len(due) > 1 else "one review"
    state, asked = ask_at(state, 0, ctx)
    return state, [Say(f"You have {what} for today, weakest first.", Tone.NOTE), *asked]


def ask_at(state: State, pos: int, ctx: Ctx) -> tuple[State, list[Effect]]:
    entry = ctx.bank.get(state.queue[pos])
    if entry is None:  # the bank changed since the queue was read
        return finish(state) if pos + 1 >= len(state.queue) else ask_at(state, pos + 1, ctx)
    state = replace(
        state,
        pos=pos,
        focus=entry.id,
        stage=Stage.ASKED,
        pending=(),
        examples_given=0,
        follow_ups_given=0,
        last_score=None,
    )
    head = f"Review {pos + 1} of {len(state.queue)}: "
    return state, [
        Say(head + entry.question, Tone.QUESTION),
        Seen(entry.id),
        Say(PROMPT, Tone.NOTE),
    ]


def finish(state: State) -> tuple[State, list[Effect]]:
    state = replace(state, quiz=False, review=False, stage=Stage.DONE, title="")
    return state, [Say(DONE, Tone.NOTE)]


def go_on(state: State, said: list[Effect], ctx: Ctx) -> tuple[State, list[Effect]]:
    """After a graded or rated review: the next due entry, or the end of today's reviews."""
    if state.pos + 1 >= len(state.queue):
        state, end = finish(state)
        return state, [*said, *end]
    state, asked = ask_at(state, state.pos + 1, ctx)
    return state, [*said, *asked]


def turn(state: State, intent: Intent, ctx: Ctx) -> tuple[State, list[Effect]] | None:
    """A review waiting for an answer or a rating takes the learner's words; None when the
    words are a command for the conversation instead ("quit", "pause", "next")."""
    entry = ctx.bank.get(state.focus) if state.focus else None
    if not state.review or entry is None:
        return None
    if state.stage is Stage.RATING:
        return _rated(state, entry, intent, ctx)
    if state.stage is not Stage.ASKED:
        return None
    if intent.kind is Kind.ANSWER or _plain(intent.text) in SHOW_WORDS:
        return _reveal(state, entry, ctx)
    if intent.kind in (Kind.NEXT, Kind.SKIP):
        return go_on(state, [], ctx)
    return None  # the engine grades it as a mock-interview answer, or obeys the command


def graded(state: State, effects: list[Effect], ctx: Ctx) -> tuple[State, list[Effect]]:
    """A graded review answer: the feedback without the retry menu, then the next entry.
    A turn that graded nothing (an answer refused as too long) stays on the question."""
    if not any(isinstance(e, Graded) for e in effects):
        return state, effects
    said = [e for e in effects if not (isinstance(e, Say) and e.text == mock.AFTER_GRADE)]
    return go_on(state, said, ctx)


def _reveal(state: State, entry: Entry, ctx: Ctx) -> tuple[State, list[Effect]]:
    options = ""
    if ctx.preview is not None:
        ahead = ctx.preview(entry.id)
        options = ", ".join(f"{NAMES[r]} ({days(d)})" for r, d in sorted(ahead.items()))
    ask = f"How well did you know it? {options}" if options else "How well did you know it?"
    state = replace(state, stage=Stage.RATING)
    return state, [Say(entry.short_answer.strip(), Tone.ANSWER), Say(ask, Tone.NOTE)]


def _rated(
    state: State, entry: Entry, intent: Intent, ctx: Ctx
) -> tuple[State, list[Effect]] | None:
    rating = Rate.parse(intent.text)
    if rating is None:
        if intent.kind in (Kind.QUIT, Kind.PAUSE, Kind.HELP, Kind.REPEAT):
            return None
        return state, [Say(RATE_AGAIN, Tone.NOTE)]
    ahead = ctx.preview(entry.id) if ctx.preview else {}
    when = f" Next review in {days(ahead[rating])}." if rating in ahead else ""
    said: list[Effect] = [
        Rated(entry.id, rating),
        Say(f"Noted: {NAMES[rating]}.{when}", Tone.NOTE),
    ]
    return go_on(replace(state, stage=Stage.DONE), said, ctx)


def _plain(text: str) -> str:
    return " ".join("".join(c for c in text.lower() if c.isalnum() or c.isspace()).split())
