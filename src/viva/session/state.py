"""Session state, preferences and the effects the engine asks the edges to carry out.

The state round-trips through a plain dict (``to_dict``/``restore``), so a front end can keep
a conversation between requests in the store and any process can take the next turn.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from viva.bank.model import Level
from viva.grade.model import AnswerVerdict
from viva.schedule.rating import Rate


class Pace(StrEnum):
    SLOW = "slow"
    NORMAL = "normal"
    FAST = "fast"

    @property
    def sentences(self) -> int:
        """How many sentences go in one turn before the coach checks in."""
        return {"slow": 2, "normal": 4, "fast": 99}[self.value]

    def step(self, delta: int) -> Pace:
        order = [Pace.SLOW, Pace.NORMAL, Pace.FAST]
        return order[max(0, min(2, order.index(self) + delta))]


class PrefKey(StrEnum):
    """The preferences the conversation saves (``SavePref``); values are kept as text."""

    PACE = "pace"
    DETAIL = "detail"
    WITH_ANSWERS = "with_answers"
    ALWAYS_EXAMPLE = "always_example"
    MODEL_ANSWER = "model_answer"
    PLAN = "plan"  # the study plan, as JSON


class Tone(StrEnum):
    """How a ``Say`` is meant: front ends style it (Rich colours, voice pauses)."""

    PLAIN = "plain"
    QUESTION = "question"
    ANSWER = "answer"
    EXAMPLE = "example"
    NOTE = "note"  # the coach's own words: prompts, menus, notes
    LIST = "list"


class Detail(StrEnum):
    SHORT = "short"
    NORMAL = "normal"
    FULL = "full"


@dataclass(frozen=True, slots=True)
class Prefs:
    """How the learner wants to be taught; the persistent ones are saved by the store."""

    pace: Pace = Pace.NORMAL
    detail: Detail = Detail.NORMAL
    with_answers: bool = True
    always_example: bool = False
    model_answer: bool = False  # show the model answer after every graded answer

    def as_dict(self) -> dict[str, str]:
        return {
            "pace": self.pace.value,
            "detail": self.detail.value,
            "with_answers": str(self.with_answers).lower(),
            "always_example": str(self.always_example).lower(),
            "model_answer": str(self.model_answer).lower(),
        }

    @classmethod
    def from_dict(cls, data: dict[str, str]) -> Prefs:
        def flag(key: str, default: bool) -> bool:
            value = data.get(key)
            return default if value is None else value.lower() in {"true", "1", "yes", "on"}

        try:
            pace = Pace(data.get("pace", "normal"))
        except ValueError:
            pace = Pace.NORMAL
        try:
            detail = Detail(data.get("detail", "normal"))
        except ValueError:
            detail = Detail.NORMAL
        return cls(
            pace,
            detail,
            flag("with_answers", True),
            flag("always_example", False),
            flag("model_answer", False),
        )


class Stage(StrEnum):
    IDLE = "idle"  # nothing under way
    ASKED = "asked"  # a question was asked, its answer not given yet
    ANSWERING = "answering"  # part of an answer was given; more can follow
    DONE = "done"  # the answer (or all of it that was asked for) was given
    RATING = "rating"  # a review's answer was shown; the learner's own rating is awaited


@dataclass(frozen=True, slots=True)
class State:
    prefs: Prefs = field(default_factory=Prefs)
    queue: tuple[str, ...] = ()  # entry ids of the current set
    pos: int = -1
    focus: str | None = None  # the entry under discussion
    stage: Stage = Stage.IDLE
    pending: tuple[str, ...] = ()  # sentences still to say for the current answer
    examples_given: int = 0
    follow_ups_given: int = 0
    last_turn: tuple[str, ...] = ()  # the sentences just said, for "repeat"
    paused: bool = False
    title: str = ""  # what the set is, e.g. "Python, beginner to intermediate"
    levels: tuple[Level, ...] = ()
    ended: bool = False
    quiz: bool = False  # a mock interview: the learner answers, the coach grades
    last_score: int | None = None  # the last graded answer to the focused entry, for retries
    review: bool = False  # the set is today's due reviews (a quiz whose answers can be rated)

    @property
    def awaits_answer(self) -> bool:
        """A mock-interview (or review) question waits for the learner's own answer."""
        return self.quiz and self.stage is Stage.ASKED

    def position(self) -> dict[str, Any]:
        """What the store keeps to resume this session later."""
        return {
            "queue": list(self.queue),
            "pos": self.pos,
            "focus": self.focus,
            "title": self.title,
        }

    def to_dict(self) -> dict[str, Any]:
        """The whole state as JSON-ready values (prefs are the store's, kept apart)."""
        return {
            **self.position(),
            "stage": self.stage.value,
            "pending": list(self.pending),
            "examples_given": self.examples_given,
            "follow_ups_given": self.follow_ups_given,
            "last_turn": list(self.last_turn),
            "paused": self.paused,
            "levels": [lv.label for lv in self.levels],
            "ended": self.ended,
            "quiz": self.quiz,
            "last_score": self.last_score,
            "review": self.review,
        }

    @classmethod
    def restore(cls, doc: dict[str, Any], prefs: Prefs) -> State:
        """A state from ``to_dict``; a damaged or older document gives the parts it can."""

        def strings(key: str) -> tuple[str, ...]:
            got = doc.get(key)
            return tuple(str(x) for x in got) if isinstance(got, list) else ()

        def number(key: str, default: int) -> int:
            got = doc.get(key)
            return got if isinstance(got, int) and not isinstance(got, bool) else default

        levels = []
        for label in strings("levels"):
            try:
                levels.append(Level.parse(label))
            except KeyError:
                continue
        try:
            stage = Stage(doc.get("stage", "idle"))
        except ValueError:
            stage = Stage.IDLE
        focus, score = doc.get("focus"), doc.get("last_score")
        return cls(
            prefs=prefs,
            queue=strings("queue"),
            pos=number("pos", -1),
            focus=focus if isinstance(focus, str) else None,
            stage=stage,
            pending=strings("pending"),
            examples_given=number("examples_given", 0),
            follow_ups_given=number("follow_ups_given", 0),
            last_turn=strings("last_turn"),
            paused=doc.get("paused") is True,
            title=str(doc.get("title", ""))[:200],
            levels=tuple(levels),
            ended=doc.get("ended") is True,
            quiz=doc.get("quiz") is True,
            last_score=score if isinstance(score, int) and not isinstance(score, bool) else None,
            review=doc.get("review") is True,
        )


# Effects: what should happen. The engine returns them; the edges carry them out.


@dataclass(frozen=True, slots=True)
class Say:
    """Words for the learner (printed, or spoken by the voice edge)."""

    text: str
    style: Tone = Tone.PLAIN


@dataclass(frozen=True, slots=True)
class Show:
    """Something to show but not read aloud: markdown with code."""

    markdown: str


@dataclass(frozen=True, slots=True)
class SavePref:
    key: PrefKey
    value: str


@dataclass(frozen=True, slots=True)
class Remember:
    """A profile fact ("strong": "django")."""

    key: str
    value: str


@dataclass(frozen=True, slots=True)
class Seen:
    """The learner was shown this entry (kept for history and plans)."""

    entry_id: str


@dataclass(frozen=True, slots=True)
class Graded:
    """An answer was graded (or given up on): the edge logs it and updates the FSRS card."""

    entry_id: str
    score: int
    verdict: AnswerVerdict
    answer: str


@dataclass(frozen=True, slots=True)
class Rated:
    """The learner rated their own recall of a revealed answer (FSRS 1-4: again..easy)."""

    entry_id: str
    rating: Rate


@dataclass(frozen=True, slots=True)
class End:
    pass


Effect = Say | Show | SavePref | Remember | Seen | Graded | Rated | End
