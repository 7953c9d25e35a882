"""The session engine driven by its effects: ``(state, utterance) -> (state, effects)``.

No store, no front end: each utterance is understood as the conversation would understand
it (the real table, the real bank, context from the state) and stepped through
``session.engine.step``; the tests read the effects and the new state. One row per intent
(a test checks that every intent has a row), then whole flows: a mock interview, a review
with a self-rating, a plan from a pasted job ad.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date

import pytest

from tests.conftest import DATA
from viva.app.library import Library
from viva.grade.model import AnswerVerdict
from viva.schedule.rating import Rate
from viva.session.context import Ctx
from viva.session.engine import step
from viva.session.state import (
    Effect,
    End,
    Graded,
    Pace,
    PrefKey,
    Rated,
    Remember,
    SavePref,
    Say,
    Seen,
    Show,
    Stage,
    State,
    Tone,
)
from viva.understand.intents import Kind
from viva.understand.reader import Expect, Understanding, Vocabulary, understand

GIL = "python.gil"
GIL_ANSWER = (
    "the global interpreter lock is a lock in cpython that lets only one thread run python "
    "bytecode at a time, so threads don't speed up cpu bound work but still help with io "
    "because waiting threads release it; use multiprocessing for cpu bound work"
)
WRONG_GIL = "the gil lets many threads run python bytecode in parallel on every core"


@dataclass
class Talk:
    """A conversation with no edges: the state, and everything each turn returned."""

    ctx: Ctx
    reader: Understanding
    state: State
    turns: list[tuple[Kind, list[Effect]]]

    def say(self, utterance: str) -> list[Effect]:
        expect = Expect(answer=self.state.awaits_answer)
        said: list[Effect] = []
        intents = understand(utterance, self.reader, expect)
        for intent in intents:
            self.state, effects = step(self.state, intent, self.ctx)
            self.turns.append((intent.kind, effects))
            said += effects
        return said

    @property
    def kinds(self) -> list[Kind]:
        return [k for k, _ in self.turns]


@pytest.fixture(scope="module")
def lib(tmp_path_factory: pytest.TempPathFactory) -> Library:
    return Library(data=tmp_path_factory.mktemp("home"))


def talk(
    lib: Library,
    *,
    due: Sequence[str] = (),
    plan_text: str | None = None,
    resume: dict[str, object] | None = None,
) -> Talk:
    # days for again..easy, as FSRS gives them
    previews = {Rate.AGAIN: 1 / 1440, Rate.HARD: 0.5, Rate.GOOD: 2.0, Rate.EASY: 9.0}
    ctx = Ctx(
        lib.bank,
        lib.index,
        resume=resume,
        facts=lambda: lib.facts,
        find=lib.search,
        profile={},
        mastery=lambda: {},
        today=date(2026, 12, 5),
        due=lambda: list(due),
        preview=lambda _entry: previews,
    )
    reader = Understanding(Vocabulary.from_bank(lib.bank), find=lib.search, index=lib.index)
    return Talk(ctx, reader, State(), [])


def says(effects: Sequence[Effect]) -> str:
    return " ".join(e.text for e in effects if isinstance(e, Say))


def in_set(t: Talk) -> None:
    t.say("top 5 python questions for beginners")


def on_gil(t: Talk) -> None:
    t.say("what is the GIL")


def in_quiz(t: Talk) -> None:
    t.say("quiz me on the GIL")


Setup = Callable[[Talk], None]
Check = Callable[[State, State, list[Effect]], bool]


def row(kind: Kind, setup: Setup | None, utterance: str, check: Check) -> tuple[object, ...]:
    return pytest.param(kind, setup, utterance, check, id=f"{kind.value}:{utterance}")


def said_has(*words: str) -> Check:
    return lambda _b, _a, fx: all(w.lower() in says(fx).lower() for w in words)


ROWS = [
    row(
        Kind.START_SET,
        None,
        "top 5 python questions for beginners",
        lambda b, a, fx: len(a.queue) == 5 and a.pos == 0 and any(isinstance(e, Seen) for e in fx),
    ),
    row(
        Kind.NEXT,
        in_set,
        "next",
        lambda b, a, fx: a.pos == b.pos + 1 and "Question 2 of 5" in says(fx),
    ),
    row(Kind.SKIP, in_set, "skip this one", lambda b, a, fx: a.pos == b.pos + 1),
    row(Kind.PREVIOUS, in_set, "previous", said_has("no question before")),
    row(Kind.GOTO, in_set, "go to question 3", lambda b, a, fx: a.pos == 2),
    row(Kind.HOW_MANY_LEFT, in_set, "how many left", said_has("question 1 of 5", "4 left")),
    row(Kind.MORE, on_gil, "go on", lambda b, a, fx: bool(says(fx))),
    row(Kind.REPEAT, on_gil, "repeat that", lambda b, a, fx: says(fx).startswith(b.last_turn[0])),
    row(
        Kind.REPEAT_SENTENCE,
        on_gil,
        "repeat the last sentence",
        lambda b, a, fx: says(fx) == b.last_turn[-1],
    ),
    row(
        Kind.REPEAT_WORD,
        on_gil,
        "repeat the last word",
        lambda b, a, fx: says(fx).startswith("The last word was:"),
    ),
    row(
        Kind.SLOWER,
        None,
        "slower",
        lambda b, a, fx: a.prefs.pace is Pace.SLOW and not any(isinstance(e, SavePref) for e in fx),
    ),
    row(Kind.FASTER, None, "faster", lambda b, a, fx: a.prefs.pace is Pace.FAST),
    row(Kind.SHORTER, on_gil, "shorter please", lambda b, a, fx: bool(says(fx))),
    row(
        Kind.MORE_DETAIL,
        on_gil,
        "more detail",
        lambda b, a, fx: any(isinstance(e, Show) and len(e.markdown) > 300 for e in fx),
    ),
    row(Kind.WITH_ANSWERS, None, "with answers", lambda b, a, fx: a.prefs.with_answers),
    row(Kind.QUESTIONS_ONLY, None, "questions only", lambda b, a, fx: not a.prefs.with_answers),
    row(
        Kind.EXAMPLE,
        on_gil,
        "give me an example",
        lambda b, a, fx: a.examples_given == 1 and bool(says(fx)),
    ),
    row(Kind.ANOTHER_EXAMPLE, on_gil, "another example", lambda b, a, fx: a.examples_given >= 1),
    row(Kind.SIMPLER, on_gil, "in simple words", lambda b, a, fx: bool(says(fx))),
    row(Kind.WHY, on_gil, "why", lambda b, a, fx: bool(says(fx))),
    row(
        Kind.ANSWER,
        in_set,
        "show me the answer",
        lambda b, a, fx: any(isinstance(e, Say) and e.style is Tone.ANSWER for e in fx),
    ),
    row(
        Kind.FOLLOW_UP,
        on_gil,
        "what would the interviewer ask next",
        lambda b, a, fx: bool(says(fx)),
    ),
    row(
        Kind.ASK,
        None,
        "what is the difference between a process and a thread",
        lambda b, a, fx: (
            a.focus is not None and any(isinstance(e, Say) and e.style is Tone.ANSWER for e in fx)
        ),
    ),
    row(Kind.TOPICS, None, "top 10 topics in microservices", said_has("most important")),
    row(
        Kind.CHECK,
        None,
        "so with github actions you can't deploy a container, right?",
        lambda b, a, fx: says(fx).startswith("No") and "exactly" not in says(fx).lower(),
    ),
    row(
        Kind.PROFILE,
        None,
        "I'm strong in django but weak in fastapi",
        lambda b, a, fx: Remember("strong", "django") in fx and Remember("weak", "fastapi") in fx,
    ),
    row(
        Kind.ALWAYS_EXAMPLE,
        None,
        "always give me an example",
        lambda b, a, fx: a.prefs.always_example and SavePref(PrefKey.ALWAYS_EXAMPLE, "true") in fx,
    ),
    row(Kind.QUIZ, None, "quiz me on docker", lambda b, a, fx: a.quiz and a.stage is Stage.ASKED),
    row(Kind.TRY_AGAIN, None, "try again", said_has("mock interview")),
    row(Kind.PAUSE, None, "give me two minutes", lambda b, a, fx: a.paused),
    row(Kind.RESUME, in_set, "resume", lambda b, a, fx: bool(says(fx))),
    row(Kind.CONTINUE, None, "continue", said_has("no earlier session")),
    row(Kind.HELP, None, "help", said_has("You can say")),
    row(Kind.QUIT, None, "quit", lambda b, a, fx: a.ended and isinstance(fx[-1], End)),
    row(Kind.STUDY_TODAY, None, "what should I study today", said_has("study plan")),
    row(Kind.THANKS, None, "thank you", said_has("welcome")),
    row(Kind.GREETING, None, "hello", said_has("Hello")),
    row(Kind.VOICE, None, "can you speak in an indian accent", lambda b, a, fx: bool(says(fx))),
    row(
        Kind.ATTEMPT,
        in_quiz,
        GIL_ANSWER,
        lambda b, a, fx: any(isinstance(e, Graded) and e.entry_id == GIL for e in fx),
    ),
    row(
        Kind.UNKNOWN,
        None,
        "asdf qwer",
        lambda b, a, fx: replace(a, last_turn=()) == b and bool(says(fx)),
    ),
    row(Kind.REVIEW, None, "let's do my reviews", said_has("Nothing is due")),
]


@pytest.mark.parametrize(("kind", "setup", "utterance", "check"), ROWS)
def test_each_intent_by_its_effects(
    lib: Library, kind: Kind, setup: Setup | None, utterance: str, check: Check
) -> None:
    t = talk(lib)
    if setup:
        setup(t)
    before = t.state
    effects = t.say(utterance)
    assert t.turns[-1][0] is kind, (utterance, t.kinds)
    assert check(before, t.state, effects), says(effects)


def test_every_intent_has_a_row() -> None:
    covered = {p.values[0] for p in ROWS}  # type: ignore[attr-defined]
    # PLAN_JD needs a whole job ad; it has its own flow test below
    assert set(Kind) - covered == {Kind.PLAN_JD}


def test_a_whole_mock_interview(lib: Library) -> None:
    t = talk(lib)
    fx = t.say("quiz me on the GIL")
    assert t.state.quiz and t.state.focus == GIL and t.state.stage is Stage.ASKED
    assert "mock interview" in says(fx).lower()
    # a wrong answer: graded wrong, logged, never "good"
    fx = t.say(WRONG_GIL)
    graded = [e for e in fx if isinstance(e, Graded)]
    assert len(graded) == 1 and graded[0].verdict in (AnswerVerdict.WRONG, AnswerVerdict.PARTIAL)
    first = graded[0].score
    assert t.state.stage is Stage.DONE and t.state.last_score == first
    # try again, better: the score goes up and the change is said
    t.say("try again")
    assert t.state.stage is Stage.ASKED
    fx = t.say(GIL_ANSWER)
    again = next(e for e in fx if isinstance(e, Graded))
    assert again.score > first and f"Last time {first}" in says(fx)
    # the model answer on request, then the next question of the set
    fx = t.say("answer")
    assert any(isinstance(e, Say) and e.style is Tone.ANSWER for e in fx)
    focus = t.state.focus
    fx = t.say("next")
    assert t.state.focus != focus and t.state.stage is Stage.ASKED and t.state.quiz
    # a command in the middle is obeyed, not graded
    fx = t.say("slower")
    assert t.state.prefs.pace is Pace.SLOW and not any(isinstance(e, Graded) for e in fx)
    # "top 10 python questions" ends the mock interview
    t.say("top 3 python questions")
    assert not t.state.quiz


def test_a_whole_review_answered_revealed_and_rated(lib: Library) -> None:
    t = talk(lib, due=[GIL, "python.mutable-default-arguments", "no.such.entry"])
    fx = t.say("let's do my reviews")
    assert (
        t.state.review
        and t.state.quiz
        and t.state.queue == (GIL, "python.mutable-default-arguments")
    )
    assert "Review 1 of 2" in says(fx)
    # an answer is graded (the runner logs it as a review) and the next one follows at once
    fx = t.say(GIL_ANSWER)
    assert [e.entry_id for e in fx if isinstance(e, Graded)] == [GIL]
    assert "Review 2 of 2" in says(fx) and "try again" not in says(fx)
    # "show" reveals the answer and offers the ratings with their next intervals
    fx = t.say("show")
    assert t.state.stage is Stage.RATING
    assert "again (1 min)" in says(fx) and "easy (9 days)" in says(fx)
    # not a rating: asked again, nothing recorded
    fx = t.say("banana")
    assert not any(isinstance(e, Rated) for e in fx) and t.state.stage is Stage.RATING
    fx = t.say("that was hard")
    assert Rated(
        "python.mutable-default-arguments", Rate.HARD
    ) in fx and "Next review in 720 min" in says(fx)
    assert "today's reviews done" in says(fx) and not t.state.review and not t.state.quiz


def test_reviews_with_nothing_due_change_nothing(lib: Library) -> None:
    t = talk(lib)
    fx = t.say("what's due today")
    assert t.kinds == [Kind.REVIEW] and "Nothing is due" in says(fx)
    assert replace(t.state, last_turn=()) == State()


def test_an_over_long_answer_is_refused_whole_and_the_question_stays(lib: Library) -> None:
    t = talk(lib)
    in_quiz(t)
    from viva.understand.intents import Intent

    t.state, fx = step(t.state, Intent(Kind.ATTEMPT, "x" * 2500), t.ctx)
    assert not any(isinstance(e, Graded) for e in fx) and "2500 characters" in says(fx)
    assert t.state.stage is Stage.ASKED


def test_a_pasted_job_ad_makes_a_plan_and_starts_day_one(lib: Library) -> None:
    t = talk(lib)
    ad = (DATA / "jd" / "01-django-drf.txt").read_text()
    fx = t.say(ad)
    assert t.kinds[0] is Kind.PLAN_JD
    saved = [e for e in fx if isinstance(e, SavePref)]
    assert [e.key for e in saved] == [PrefKey.PLAN] and '"days"' in saved[0].value
    assert t.state.title == "plan day 1" and t.state.queue


def test_state_survives_a_round_trip_through_json(lib: Library) -> None:
    import json

    t = talk(lib)
    in_quiz(t)
    t.say("slower")
    doc = json.loads(json.dumps(t.state.to_dict()))
    assert State.restore(doc, t.state.prefs) == t.state
    # a damaged document gives what it can, never an exception
    broken = {**doc, "stage": "nonsense", "pos": "x", "levels": ["weird"], "queue": 5}
    back = State.restore(broken, t.state.prefs)
    assert back.stage is Stage.IDLE and back.pos == -1 and back.queue == () and back.levels == ()
