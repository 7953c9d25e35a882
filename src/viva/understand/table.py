"""The intent table: every phrasing the coach understands, in one place.

Each ``Rule`` gives an intent's ``whole`` templates (the utterance, fillers dropped, is
exactly this: a clear command, obeyed even in a mock interview) and its ``within`` phrases
(the intent said inside a longer sentence: "can you go a little slow because you're going
too fast"). The same table generates the exact matcher (``viva.understand.match``), the
examples of the nearest-neighbour classifier and the voice command grammar's phrases.
Template syntax: ``(a|b)``, ``[optional]``, ``{slot}`` (see ``template``). Order matters
for ``within``: the first rule whose phrase is found wins, so specific rules come first.
To add a phrasing, add it here; ``tests/test_intents.py`` and the dev set check it.
"""

from __future__ import annotations

from viva.bank.model import Level
from viva.understand.intents import Kind
from viva.understand.rule import Rule
from viva.understand.rules_control import CONTROL
from viva.understand.rules_teaching import TEACHING

_ONES = """one two three four five six seven eight nine ten eleven twelve thirteen fourteen
    fifteen sixteen seventeen eighteen nineteen""".split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS: dict[str, int] = {w: i for i, w in enumerate(_ONES, 1)} | {
    f"{t} {o}" if o else t: 10 * i + j
    for i, t in enumerate(_TENS, 2)
    for j, o in enumerate(["", *_ONES[:9]])
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1}
# How recognisers write numbers after "question": "go to question for" means four.
HEARD_AS = {"for": 4, "to": 2, "too": 2, "won": 1, "ate": 8}
NUMBERS = {**NUMBER_WORDS, **HEARD_AS, **{str(i): i for i in range(1, 100)}}

LEVEL_WORDS = {
    "beginner": Level.BEGINNER,
    "beginners": Level.BEGINNER,
    "basic": Level.BEGINNER,
    "basics": Level.BEGINNER,
    "easy": Level.BEGINNER,
    "junior": Level.BEGINNER,
    "fresher": Level.BEGINNER,
    "freshers": Level.BEGINNER,
    "entry": Level.BEGINNER,
    "intermediate": Level.INTERMEDIATE,
    "medium": Level.INTERMEDIATE,
    "mid": Level.INTERMEDIATE,
    "moderate": Level.INTERMEDIATE,
    "middle": Level.INTERMEDIATE,
    "senior": Level.SENIOR,
    "advanced": Level.SENIOR,
    "advance": Level.SENIOR,
    "expert": Level.SENIOR,
    "experienced": Level.SENIOR,
    "hard": Level.SENIOR,
    "difficult": Level.SENIOR,
    "lead": Level.SENIOR,
    "staff": Level.SENIOR,
}

# Words that only shape a request ("go a little slow because you're going too fast"): what
# is left of a sentence without them and its stop words is its subject, if any.
COMMAND_WORDS = frozenset(
    """youre going go goes bit little lot less slow slower slowly fast faster quick quicker
    quickly speed pace down up step speak talk keep short shorter brief briefly summary detail
    details detailed deeper depth elaborate full simpler plain english layman laymans terms
    language real world life instance case demo time times minute minutes moment second seconds
    sec min mins hold wait pause break take back right now future conversations conversation
    sessions session always every each follow interviewer ask next didnt dont couldnt clear
    confused confusing lost catch hear heard properly why reason come would na yaar
    continue start begin stop repeat nope nah later long much summarize summarise tldr code
    snippet hmm hmmm umm uhh huh told telling tell said saying many times how response
    responses okay ok onwards forward remember messy making made actually mean meaning
    explanation explain explaining""".split()
)

PERSIST = (
    "from now on",
    "from now onwards",
    "now onwards",
    "going forward",
    "always",
    "every time",
    "each time",
    "in future",
    "future conversations",
    "future sessions",
    "next time",
    "all the time",
    "remember (that|this)",
    "by default",
    "forever",
    "permanently",
    "in every session",
    "every session",
)


# The order rules are tried in: for words that two rules could claim, the earlier one wins
# ("last word" is a repeat, not "last question"; "too slow" asks for speed before "slow").
ORDER: tuple[Kind, ...] = (
    Kind.QUIT,
    Kind.HELP,
    Kind.REPEAT_WORD,
    Kind.REPEAT_SENTENCE,
    Kind.ANOTHER_EXAMPLE,
    Kind.ALWAYS_EXAMPLE,
    Kind.PAUSE,
    Kind.RESUME,
    Kind.REVIEW,
    Kind.CONTINUE,
    Kind.VOICE,
    Kind.REPEAT,
    Kind.EXAMPLE,
    Kind.FASTER,
    Kind.SLOWER,
    Kind.SIMPLER,
    Kind.QUESTIONS_ONLY,
    Kind.WITH_ANSWERS,
    Kind.SHORTER,
    Kind.MORE_DETAIL,
    Kind.FOLLOW_UP,
    Kind.WHY,
    Kind.TRY_AGAIN,
    Kind.ANSWER,
    Kind.HOW_MANY_LEFT,
    Kind.GOTO,
    Kind.PREVIOUS,
    Kind.SKIP,
    Kind.NEXT,
    Kind.MORE,
    Kind.QUIZ,
    Kind.THANKS,
    Kind.GREETING,
)
_BY_KIND = {r.kind: r for r in (*CONTROL, *TEACHING)}
RULES: tuple[Rule, ...] = tuple(_BY_KIND[k] for k in ORDER)

# Style commands: said together with a subject they are a question about it ("explain
# docker in simple words"), carried out on the answer.
STYLE = frozenset(
    {
        Kind.EXAMPLE,
        Kind.ANOTHER_EXAMPLE,
        Kind.FASTER,
        Kind.SLOWER,
        Kind.SIMPLER,
        Kind.SHORTER,
        Kind.MORE_DETAIL,
        Kind.FOLLOW_UP,
        Kind.WHY,
    }
)
# Social turns: a short human reply; they never stand in the way of another intent.
SOCIAL = frozenset({Kind.THANKS, Kind.GREETING})
