"""The intents the coach understands, as typed values."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from viva.bank.model import Level


class Kind(StrEnum):
    START_SET = "start_set"
    NEXT = "next"
    PREVIOUS = "previous"
    SKIP = "skip"
    GOTO = "goto"
    HOW_MANY_LEFT = "how_many_left"
    MORE = "more"  # go on with the current answer
    REPEAT = "repeat"
    REPEAT_SENTENCE = "repeat_sentence"
    REPEAT_WORD = "repeat_word"
    SLOWER = "slower"
    FASTER = "faster"
    SHORTER = "shorter"
    MORE_DETAIL = "more_detail"
    WITH_ANSWERS = "with_answers"
    QUESTIONS_ONLY = "questions_only"
    EXAMPLE = "example"
    ANOTHER_EXAMPLE = "another_example"
    SIMPLER = "simpler"
    WHY = "why"
    ANSWER = "answer"
    FOLLOW_UP = "follow_up"
    ASK = "ask"
    TOPICS = "topics"
    CHECK = "check"
    PROFILE = "profile"
    ALWAYS_EXAMPLE = "always_example"
    QUIZ = "quiz"
    TRY_AGAIN = "try_again"
    PAUSE = "pause"
    RESUME = "resume"
    CONTINUE = "continue"  # pick up the last session
    HELP = "help"
    QUIT = "quit"
    REVIEW = "review"  # today's due reviews (spaced repetition)
    STUDY_TODAY = "study_today"  # "what should I study today?" (the saved plan)
    PLAN_JD = "plan_jd"  # a pasted job description: make a plan
    THANKS = "thanks"  # a short "you're welcome"; the conversation goes on
    GREETING = "greeting"  # hello: greet back and say where we are
    VOICE = "voice"  # asks for another voice or accent
    ATTEMPT = "attempt"  # an answer to a mock-interview question, to be graded
    UNKNOWN = "unknown"  # noise or nothing understood: "sorry, say that again?"


@dataclass(frozen=True, slots=True)
class Intent:
    """What the learner wants. ``persistent`` marks "from now on" preferences; an
    utterance may carry several intents, each acted on in order."""

    kind: Kind
    text: str = ""
    topic: str | None = None
    levels: tuple[Level, ...] = ()
    count: int | None = None
    number: int | None = None
    persistent: bool = False
    fact: tuple[str, str] | None = None  # profile statement: (key, value)
    with_answers: bool | None = None  # for START_SET: "with answers" / "questions only"
    facts: tuple[tuple[str, str], ...] = ()  # every fact of a profile statement
    styles: tuple[Kind, ...] = ()  # for ASK: how to answer (EXAMPLE, SIMPLER, ...)
    own_setup: bool = False  # for ASK: about the learner's own app ("in my project ...")
    vague: bool = False  # for ASK: question-shaped but naming nothing ("how does it come?")
