"""A conversation over HTTP: each request resumes the coach from the state saved after the
last turn, takes one turn, and answers with it (the process keeps nothing between requests).

Buttons are intents, not phrasings: "next", "example", "simpler", "repeat" and the rest go
to ``Coach.act`` as the intent they name, so a button never depends on how the reader parses
a word; the learner's line for the transcript says which button it was. Typed lines go
through ``Coach.hear`` like any front end's.
"""

from __future__ import annotations

import json
from dataclasses import replace
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from viva.app.conversation import Coach
from viva.app.library import parse_level
from viva.app.ports import LearnerStore
from viva.bank.model import Level
from viva.errors import InputError, NotFoundError
from viva.session.state import Effect, Prefs
from viva.understand.intents import Intent, Kind
from viva.web.deps import Services
from viva.web.errors import WebError
from viva.web.turns import TurnOut, turn_out

FRONT_END = "web"
SESSION_PREFS = "web_session_prefs"


class Action(StrEnum):
    """The conversation's buttons."""

    NEXT = "next"
    PREVIOUS = "previous"
    EXAMPLE = "example"
    SIMPLER = "simpler"
    REPEAT = "repeat"
    MORE = "more"
    ANSWER = "answer"  # show the answer (in a mock interview: give up on this one)
    TRY_AGAIN = "try_again"
    SLOWER = "slower"
    FASTER = "faster"
    HELP = "help"
    QUIT = "quit"
    AGAIN = "again"  # a review's self-ratings
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


KINDS = {
    Action.NEXT: Kind.NEXT,
    Action.PREVIOUS: Kind.PREVIOUS,
    Action.EXAMPLE: Kind.EXAMPLE,
    Action.SIMPLER: Kind.SIMPLER,
    Action.REPEAT: Kind.REPEAT,
    Action.MORE: Kind.MORE,
    Action.ANSWER: Kind.ANSWER,
    Action.TRY_AGAIN: Kind.TRY_AGAIN,
    Action.SLOWER: Kind.SLOWER,
    Action.FASTER: Kind.FASTER,
    Action.HELP: Kind.HELP,
    Action.QUIT: Kind.QUIT,
}
RATINGS = (Action.AGAIN, Action.HARD, Action.GOOD, Action.EASY)


class StartIn(BaseModel):
    mode: Literal["chat", "set", "interview", "review"] = "chat"
    topic: str | None = Field(None, max_length=100, description="a topic id, e.g. python")
    levels: list[str] = Field(default_factory=list, max_length=3)
    count: int | None = Field(None, ge=1, le=50, description="questions in the set")


class ActionIn(BaseModel):
    action: Action


def _start_intent(svc: Services, req: StartIn) -> Intent | None:
    topic = svc.lib.topic(req.topic).id if req.topic else None
    levels: tuple[Level, ...] = tuple(sorted({parse_level(lv) for lv in req.levels}))
    if req.mode == "interview":
        said = f"quiz me on {topic or 'everything'}"
        return Intent(Kind.QUIZ, said, topic=topic, levels=levels, count=req.count or 5)
    if req.mode == "review":
        return Intent(Kind.REVIEW, "let's do my reviews")
    if req.mode == "set":
        if topic is None:
            raise InputError("a set needs a topic", "choose one of the topics")
        said = f"teach me {topic}"
        return Intent(Kind.START_SET, said, topic=topic, levels=levels, count=req.count)
    return None


def start(svc: Services, store: LearnerStore, req: StartIn) -> TurnOut:
    """A new conversation: the greeting, then the set, interview or reviews asked for."""
    first = _start_intent(svc, req)  # bad topic or level: refused before anything is saved
    coach = Coach.begin(svc.lib, store, svc.now, FRONT_END)
    with svc.lock(coach.session):
        said: list[Effect] = coach.opening() if first is None else []
        if first is not None:
            store.add_turn(coach.session, "learner", first.text, svc.now())
            said += coach.act([first])
        return _out(svc, coach, said)


def _resume_any(svc: Services, store: LearnerStore, conversation: int) -> Coach:
    """The conversation as it was after its last turn, with this session's own pace."""
    coach = Coach.resume(svc.lib, store, svc.now, conversation, FRONT_END)
    try:
        doc = json.loads(store.load_state(conversation) or "{}")
    except ValueError:  # Coach.resume already started a damaged state afresh
        doc = {}
    changed = doc.get(SESSION_PREFS) if isinstance(doc, dict) else None
    if isinstance(changed, dict) and changed:
        kept = {**coach.state.prefs.as_dict(), **{str(k): str(v) for k, v in changed.items()}}
        coach.state = replace(coach.state, prefs=Prefs.from_dict(kept))
    return coach


def _resume(svc: Services, store: LearnerStore, conversation: int) -> Coach:
    coach = _resume_any(svc, store, conversation)
    if coach.state.ended:
        raise WebError(
            409, "ended", f"conversation {conversation} has ended", "start a new conversation"
        )
    return coach


def line(svc: Services, store: LearnerStore, conversation: int, text: str) -> TurnOut:
    """The learner typed (or said) ``text``."""
    with svc.lock(conversation):
        coach = _resume(svc, store, conversation)
        return _out(svc, coach, coach.hear(text))


def heard(svc: Services, store: LearnerStore, conversation: int, audio: bytes) -> TurnOut:
    """The learner spoke: transcribed in the conversation's context, then taken as typed."""
    with svc.lock(conversation):
        coach = _resume(svc, store, conversation)
        text = svc.speech.hear(audio, coach.state)
        if not text:
            raise InputError(
                "nothing was heard in that recording", "speak a little louder, or type it"
            )
        return _out(svc, coach, coach.hear(text), heard=text)


def act(svc: Services, store: LearnerStore, conversation: int, action: Action) -> TurnOut:
    """A button: the intent it names, taken as one turn."""
    with svc.lock(conversation):
        coach = _resume(svc, store, conversation)
        if action in RATINGS:  # said as a word: the review's own reading of ratings applies
            if not coach.state.review:
                raise InputError("there is no review to rate", "start your reviews first")
            return _out(svc, coach, coach.hear(action.value))
        store.add_turn(conversation, "learner", f"[{action.value.replace('_', ' ')}]", svc.now())
        return _out(svc, coach, coach.act([Intent(KINDS[action], action.value)]))


def _out(svc: Services, coach: Coach, said: list[Effect], heard: str | None = None) -> TurnOut:
    def points(entry_id: str, answer: str) -> tuple[list[str], list[str]]:
        # the same grader and facts the engine used, so the same points
        try:
            got = svc.lib.grade(entry_id, answer)
        except (InputError, NotFoundError):
            return [], []
        return list(got.covered), list(got.missed)

    _keep_session_prefs(coach)
    if coach.state.ended:
        coach.end()
    return turn_out(coach.session, said, coach.state, points, heard)


def _keep_session_prefs(coach: Coach) -> None:
    """A "slower" for this session only changes the state's preferences, which the saved
    state leaves to the store; kept beside the state here so the next request, in any
    process, resumes at the same pace."""
    saved = Prefs.from_dict(coach.store.prefs()).as_dict()
    changed = {k: v for k, v in coach.state.prefs.as_dict().items() if saved.get(k) != v}
    if changed:
        doc = {**coach.state.to_dict(), SESSION_PREFS: changed}
        coach.store.save_state(coach.session, json.dumps(doc))


class TranscriptOut(BaseModel):
    conversation: int
    turns: list[dict[str, str]]
    ended: bool
    state: dict[str, object]


def transcript(svc: Services, store: LearnerStore, conversation: int) -> TranscriptOut:
    """A conversation so far, to show it again after a reload."""
    from viva.web.turns import state_out

    coach = _resume_any(svc, store, conversation)
    turns = [{"role": r, "text": t} for r, t in store.transcript(conversation)]
    state = state_out(coach.state)
    return TranscriptOut(
        conversation=conversation, turns=turns, ended=state.ended, state=state.model_dump()
    )
