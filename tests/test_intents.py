"""What learners type or say, and the intent the coach must understand from it.

One table, one row per utterance: the founding conversation, navigation, pace, teaching, free
questions, profile statements, speech-recognition errors and typos, fillers, Indian-English
phrasing, and junk that must never crash. Every row asserts the kind and ``persistent``; rows
where a field drives the session (topic, levels, count, number, fact) assert it too. Where a
reading is a judgement call, the row's comment says what a patient tutor would do.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from viva.bank.loader import load
from viva.bank.model import Level
from viva.understand.intents import Kind
from viva.understand.reader import MAX_CHARS, Understanding, Vocabulary, parse, understand

ROOT = Path(__file__).resolve().parents[1]
B, M, S = Level.BEGINNER, Level.INTERMEDIATE, Level.SENIOR  # M: intermediate ("medium")
ALL = (B, M, S)
K = Kind

# The fields a row of this kind must state, because the session acts on them.
REQUIRED: dict[Kind, tuple[str, ...]] = {
    K.START_SET: ("topic", "levels", "count"),
    K.TOPICS: ("topic", "count"),
    K.GOTO: ("number",),
    K.PROFILE: ("fact",),
    K.QUIZ: ("topic",),
    K.ASK: ("topic",),  # stated even when None, so a topic misread from a question shows up
    K.CHECK: ("topic",),
}


def row(text: str, kind: Kind, **fields: Any) -> Any:
    """One table row; the id is the utterance, shortened and made printable."""
    shown = text if len(text) <= 50 else f"{text[:20]}...({len(text)} chars)"
    return pytest.param(text, kind, fields, id=repr(shown))


TABLE = [
    # --- the founding conversation ---------------------------------------------------------
    row(
        "top 20 python questions for beginner to intermediate",
        K.START_SET,
        topic="python",
        levels=(B, M),
        count=20,
    ),
    row(
        "microservices from beginner to medium level",
        K.START_SET,
        topic="microservices",
        levels=(B, M),
        count=None,
    ),
    row(
        "senior backend microservices questions",
        K.START_SET,
        topic="microservices",
        levels=(S,),
        count=None,
    ),
    row("I need the questions with answers", K.WITH_ANSWERS),
    row("go slow", K.SLOWER),
    # one question at a time is about pace: the tutor slows down and waits after each one
    row("one question at a time", K.SLOWER),
    row("give an example", K.EXAMPLE),
    row("another example", K.ANOTHER_EXAMPLE),
    row("tell me in simple words", K.SIMPLER),
    row("repeat the last word", K.REPEAT_WORD),
    row("I didn't catch the last word", K.REPEAT_WORD),
    row("explain slowly from now on, in future conversations also", K.SLOWER, persistent=True),
    row(
        "what is the difference between Jenkins and Kubernetes, and how does Docker help?",
        K.ASK,
        topic="kubernetes",
    ),
    row("top 10 important topics in microservices", K.TOPICS, topic="microservices", count=10),
    row(
        "so with GitHub Actions you can't deploy a container, only Jenkins can, right?",
        K.CHECK,
        topic="deployment",
    ),
    row("so orchestration is on top of CI CD right", K.CHECK, topic="cicd"),
    row(
        "I applied for a senior backend developer role",
        K.PROFILE,
        fact=("target_role", "senior backend developer"),
        levels=(S,),
    ),
    row(
        "I'm good at Python and Django", K.PROFILE, fact=("strong", "python,django"), topic="python"
    ),
    row(
        "Flask and FastAPI I don't have much exposure to", K.PROFILE, fact=("weak", "flask,fastapi")
    ),
    row("I have little exposure to FastAPI", K.PROFILE, fact=("weak", "fastapi"), topic="fastapi"),
    row("always give an example", K.ALWAYS_EXAMPLE, persistent=True),
    row("give me two minutes", K.PAUSE),
    row("quit", K.QUIT),
    # --- starting a set ----------------------------------------------------------------------
    row("python questions", K.START_SET, topic="python", levels=(), count=None),
    row("give me django questions", K.START_SET, topic="django", levels=(), count=None),
    row("kubernetes", K.START_SET, topic="kubernetes", levels=(), count=None),
    row("let's do docker", K.START_SET, topic="docker", levels=(), count=None),
    row("start with CI/CD", K.START_SET, topic="cicd", levels=(), count=None),
    row("interview questions on databases", K.START_SET, topic="databases", levels=(), count=None),
    row("Docker questions for freshers", K.START_SET, topic="docker", levels=(B,), count=None),
    row(
        "advanced system design questions",
        K.START_SET,
        topic="system-design",
        levels=(S,),
        count=None,
    ),
    row("20 flask questions", K.START_SET, topic="flask", levels=(), count=20),
    row("give me ten python questions", K.START_SET, topic="python", levels=(), count=10),
    row("I want 15 questions on docker", K.START_SET, topic="docker", levels=(), count=15),
    row(
        "top five design patterns questions",
        K.START_SET,
        topic="design-patterns",
        levels=(),
        count=5,
    ),
    row("beginner python", K.START_SET, topic="python", levels=(B,), count=None),
    row(
        "intermediate to senior kubernetes questions",
        K.START_SET,
        topic="kubernetes",
        levels=(M, S),
        count=None,
    ),
    row(
        "beginner to senior FastAPI questions", K.START_SET, topic="fastapi", levels=ALL, count=None
    ),
    # "and" names two levels; only "to" spans a range
    row(
        "beginner and senior docker questions",
        K.START_SET,
        topic="docker",
        levels=(B, S),
        count=None,
    ),
    row(
        "mid-level microservices questions",
        K.START_SET,
        topic="microservices",
        levels=(M,),
        count=None,
    ),
    row("basic SQL questions", K.START_SET, topic="databases", levels=(B,), count=None),
    row(
        "python questions with answers",
        K.START_SET,
        topic="python",
        levels=(),
        count=None,
        with_answers=True,
    ),
    row(
        "django questions without answers",
        K.START_SET,
        topic="django",
        levels=(),
        count=None,
        with_answers=False,
    ),
    row(
        "questions on deployment for an experienced developer",
        K.START_SET,
        topic="deployment",
        levels=(S,),
        count=None,
    ),
    row("can you go with microservices", K.START_SET, topic="microservices", levels=(), count=None),
    row(
        "do one thing, give me python questions", K.START_SET, topic="python", levels=(), count=None
    ),
    row(
        "shall we start with system design",
        K.START_SET,
        topic="system-design",
        levels=(),
        count=None,
    ),
    row("let us prepare Flask", K.START_SET, topic="flask", levels=(), count=None),
    row(
        "5 senior kubernetes questions with answers",
        K.START_SET,
        topic="kubernetes",
        levels=(S,),
        count=5,
        with_answers=True,
    ),
    row("ask me 3 docker questions", K.START_SET, topic="docker", levels=(), count=3),
    # --- topics ------------------------------------------------------------------------------
    row("what are the main topics in kubernetes", K.TOPICS, topic="kubernetes", count=None),
    row("important topics for docker", K.TOPICS, topic="docker", count=None),
    row("list the key concepts of system design", K.TOPICS, topic="system-design", count=None),
    row("top five topics in python", K.TOPICS, topic="python", count=5),
    row("what should I study for CI/CD", K.TOPICS, topic="cicd", count=None),
    row("what topics do you cover", K.TOPICS, topic=None, count=None),
    # --- navigation --------------------------------------------------------------------------
    row("next", K.NEXT),
    row("Next question", K.NEXT),
    row("next please", K.NEXT),
    row("move on", K.NEXT),
    row("let's move on", K.NEXT),
    row("got it, next", K.NEXT),
    row("previous", K.PREVIOUS),
    row("previous question", K.PREVIOUS),
    row("go back", K.PREVIOUS),
    row("the previous one please", K.PREVIOUS),
    row("skip", K.SKIP),
    row("skip this one", K.SKIP),
    row("I'll skip this", K.SKIP),
    row("pass", K.SKIP),
    row("go back to question 5", K.GOTO, number=5),
    row("go to question five", K.GOTO, number=5),
    row("jump to question twelve", K.GOTO, number=12),
    row("question 3", K.GOTO, number=3),
    row("take me to question number 7", K.GOTO, number=7),
    row("go to question twenty five", K.GOTO, number=25),
    # speech recognisers often write "four" as "for"
    row("go to question for", K.GOTO, number=4),
    row("go to the first question", K.GOTO, number=1),
    # "the last question" inside "go to" is the final one; alone it means the previous one
    row("go to the last question", K.GOTO, number=-1),
    row("how many left", K.HOW_MANY_LEFT),
    row("how many questions are left?", K.HOW_MANY_LEFT),
    row("how many more", K.HOW_MANY_LEFT),
    row("which question are we on", K.HOW_MANY_LEFT),
    # --- repeat ------------------------------------------------------------------------------
    row("repeat", K.REPEAT),
    row("please repeat", K.REPEAT),
    row("say that again", K.REPEAT),
    row("can you repeat that please", K.REPEAT),
    row("come again?", K.REPEAT),
    row("pardon", K.REPEAT),
    row("sorry, what?", K.REPEAT),
    row("I didn't catch that", K.REPEAT),
    row("once more", K.REPEAT),
    row("repeat the question", K.REPEAT),
    row("repeat the last sentence", K.REPEAT_SENTENCE),
    row("what was the last line", K.REPEAT_SENTENCE),
    row("say the last part again", K.REPEAT_SENTENCE),
    row("what was that word", K.REPEAT_WORD),
    row("I didn't hear the last word properly", K.REPEAT_WORD),
    # --- pace and depth ----------------------------------------------------------------------
    row("slower", K.SLOWER),
    row("slow down please", K.SLOWER),
    row("you're going too fast", K.SLOWER),
    row("tell me slowly", K.SLOWER),
    row("a little slower", K.SLOWER),
    row("not so fast", K.SLOWER),
    row("step by step", K.SLOWER),
    row("speak slowly from now on", K.SLOWER, persistent=True),
    row("faster", K.FASTER),
    row("speed up", K.FASTER),
    row("you can go a bit faster", K.FASTER),
    row("this is too slow", K.FASTER),
    row("always go faster", K.FASTER, persistent=True),
    row("shorter", K.SHORTER),
    row("keep it short", K.SHORTER),
    row("in short please", K.SHORTER),
    row("give me a brief answer", K.SHORTER),
    row("from now on keep the answers short", K.SHORTER, persistent=True),
    row("more detail", K.MORE_DETAIL),
    row("explain in detail", K.MORE_DETAIL),
    row("elaborate", K.MORE_DETAIL),
    row("go deeper", K.MORE_DETAIL),
    row("tell me more", K.MORE_DETAIL),
    row("with answers", K.WITH_ANSWERS),
    row("show the answers too", K.WITH_ANSWERS),
    row("always include the answers", K.WITH_ANSWERS, persistent=True),
    row("questions only", K.QUESTIONS_ONLY),
    row("just the questions", K.QUESTIONS_ONLY),
    row("without answers", K.QUESTIONS_ONLY),
    row("don't give me the answers", K.QUESTIONS_ONLY),
    # --- teaching ----------------------------------------------------------------------------
    row("example", K.EXAMPLE),
    row("give me an example", K.EXAMPLE),
    row("for example?", K.EXAMPLE),
    row("can you give a real world example", K.EXAMPLE),
    row("show me a demo", K.EXAMPLE),
    row("one more example", K.ANOTHER_EXAMPLE),
    row("give one more example na", K.ANOTHER_EXAMPLE),
    row("a different example please", K.ANOTHER_EXAMPLE),
    row("from now on give examples every time", K.ALWAYS_EXAMPLE, persistent=True),
    row("simpler", K.SIMPLER),
    row("I didn't get it", K.SIMPLER),
    row("I don't understand", K.SIMPLER),
    row("explain me in simple way", K.SIMPLER),
    row("in layman terms", K.SIMPLER),
    row("what does that mean", K.SIMPLER),
    row("can you explain me in simple words what that means", K.SIMPLER),
    row("why", K.WHY),
    row("why is that", K.WHY),
    row("but why?", K.WHY),
    row("how come", K.WHY),
    row("why would you do that", K.WHY),
    row("the answer", K.ANSWER),
    row("show me the answer", K.ANSWER),
    row("just tell me the answer", K.ANSWER),
    row("what is the answer", K.ANSWER),
    row("I don't know", K.ANSWER),
    row("I give up", K.ANSWER),
    row("follow up", K.FOLLOW_UP),
    row("any follow up questions?", K.FOLLOW_UP),
    row("what would the interviewer ask next", K.FOLLOW_UP),
    row("go on", K.MORE),
    row("keep going", K.MORE),
    row("and then?", K.MORE),
    # "yes" and "okay" after a turn mean "go on"; they are not fillers when said alone
    row("yes", K.MORE),
    row("okay", K.MORE),
    row("quiz me", K.QUIZ, topic=None),
    row("quiz me on python", K.QUIZ, topic="python"),
    row("mock interview for django", K.QUIZ, topic="django"),
    # --- free questions ----------------------------------------------------------------------
    row("what is docker", K.ASK, topic="docker"),
    row("what is a pod in kubernetes", K.ASK, topic="kubernetes"),
    row("what is CI CD", K.ASK, topic="cicd"),
    row("difference between process and thread", K.ASK, topic=None),
    row("docker vs kubernetes", K.ASK, topic="docker"),
    row("Flask vs Django?", K.ASK, topic="flask"),
    row("flask versus fastapi", K.ASK, topic="flask"),
    row("how does docker help jenkins and kubernetes", K.ASK, topic="docker"),
    row("what that Jenkins and the Kubernetes", K.ASK, topic="kubernetes"),
    row("explain the GIL", K.ASK, topic=None),
    row("what are python decorators", K.ASK, topic="python"),
    row("how does garbage collection work in python", K.ASK, topic="python"),
    row("why do we need an API gateway", K.ASK, topic=None),
    row("why is my django app slow", K.ASK, topic="django"),
    row("tell me about kubernetes", K.ASK, topic="kubernetes"),
    row("can you explain the CAP theorem", K.ASK, topic=None),
    row("explain docker in simple words", K.ASK, topic="docker"),
    row("explain kubernetes with an example", K.ASK, topic="kubernetes"),
    row("give me an example of a docker volume", K.ASK, topic="docker"),
    row("explain database indexes in detail", K.ASK, topic="databases"),
    row("how do I pause a docker container", K.ASK, topic="docker"),
    row("help me understand django signals", K.ASK, topic="django"),
    row(
        "what is the difference between a list and a tuple, explain with a simple example",
        K.ASK,
        topic=None,
    ),
    row("is docker always faster than a virtual machine", K.ASK, topic="docker"),
    row("when should I use celery", K.ASK, topic=None),
    row("master node", K.ASK, topic=None),
    # --- checking an understanding -----------------------------------------------------------
    row("is it true that a docker container is a virtual machine", K.CHECK, topic="docker"),
    row("kubernetes replaces docker, isn't it?", K.CHECK, topic="kubernetes"),
    row("a pod can hold many containers, correct?", K.CHECK, topic="docker"),
    row("am I right that flask is synchronous", K.CHECK, topic="flask"),
    row(
        "so the GIL means only one thread runs python code at a time, right",
        K.CHECK,
        topic="python",
    ),
    row("does that mean every service has its own database", K.CHECK, topic="databases"),
    # --- profile -----------------------------------------------------------------------------
    row(
        "I'm interviewing for a python developer position",
        K.PROFILE,
        fact=("target_role", "python developer"),
    ),
    row("my interview is in 2 weeks", K.PROFILE, fact=("interview_in_days", "14")),
    row("my interview is in five days", K.PROFILE, fact=("interview_in_days", "5")),
    row("I am weak in databases", K.PROFILE, fact=("weak", "databases")),
    row("I'm new to kubernetes", K.PROFILE, fact=("weak", "kubernetes")),
    row("I have never used docker", K.PROFILE, fact=("weak", "docker")),
    row(
        "I am comfortable with docker and kubernetes",
        K.PROFILE,
        fact=("strong", "docker,kubernetes"),
    ),
    row("I know Flask very well", K.PROFILE, fact=("strong", "flask")),
    row("I have 5 years of experience in python", K.PROFILE, fact=("strong", "python")),
    row("I am not so good at system design", K.PROFILE, fact=("weak", "system-design")),
    # --- pause, resume, continue, help, quit -------------------------------------------------
    row("give me a minute", K.PAUSE),
    row("hold on", K.PAUSE),
    row("wait a second", K.PAUSE),
    row("pause", K.PAUSE),
    row("one moment please", K.PAUSE),
    row("let's take a break", K.PAUSE),
    row("resume", K.RESUME),
    row("ok I'm back", K.RESUME),
    row("continue", K.CONTINUE),
    row("let's continue where we left off", K.CONTINUE),
    row("continue the last session", K.CONTINUE),
    row("help", K.HELP),
    row("what can you do", K.HELP),
    row("what can I say?", K.HELP),
    row("exit", K.QUIT),
    row("bye", K.QUIT),
    row("I'm done for today", K.QUIT),
    row("that's all for now", K.QUIT),
    # --- speech errors and typos -------------------------------------------------------------
    row("nex", K.NEXT),
    row("necks", K.NEXT),
    row("next questin", K.NEXT),
    row("repeet", K.REPEAT),
    row("repeet that", K.REPEAT),
    row("exampel", K.EXAMPLE),
    row("another exampel", K.ANOTHER_EXAMPLE),
    row("previus question", K.PREVIOUS),
    row("simpel words please", K.SIMPLER),
    row("paws", K.PAUSE),
    row("see I see D questions", K.START_SET, topic="cicd", levels=(), count=None),
    row("cooper netties questions", K.START_SET, topic="kubernetes", levels=(), count=None),
    row("jango questions", K.START_SET, topic="django", levels=(), count=None),
    row("fast a p i questions", K.START_SET, topic="fastapi", levels=(), count=None),
    row("intermidiate pyton questions", K.START_SET, topic="python", levels=(M,), count=None),
    row("k 8 s questions for beginers", K.START_SET, topic="kubernetes", levels=(B,), count=None),
    # "service discovery" misheard: no topic alias says "discourse", so it goes to search
    row("service discourse", K.ASK, topic=None),
    row("what is service discourse", K.ASK, topic=None),
    # --- mixed case, fillers, Indian-English phrasing ----------------------------------------
    row("NEXT", K.NEXT),
    row("Go Back To Question 5", K.GOTO, number=5),
    row("PYTHON Questions For BEGINNERS", K.START_SET, topic="python", levels=(B,), count=None),
    row("Top 20 Python Questions", K.START_SET, topic="python", levels=(), count=20),
    row("hey, next", K.NEXT),
    row("okay okay next", K.NEXT),
    row("um, repeat", K.REPEAT),
    row("can you give an example", K.EXAMPLE),
    row("please give me an example", K.EXAMPLE),
    row("hey um can you please go slower", K.SLOWER),
    row("hmm okay, what is docker", K.ASK, topic="docker"),
    row("explain me slowly yaar", K.SLOWER),
    row("tell me one more example na", K.ANOTHER_EXAMPLE),
    row("what is the use of kubernetes only?", K.ASK, topic="kubernetes"),
    row("I am having 3 years experience in django", K.PROFILE, fact=("strong", "django")),
    row("kindly repeat the question", K.REPEAT),
    row(
        "do the needful and give python questions",
        K.START_SET,
        topic="python",
        levels=(),
        count=None,
    ),
    # --- found while probing: each once read wrongly ----------------------------------------
    # one fact per intent: the first clause wins, and fastapi is never filed as a strength
    row("I am good at Python but new to FastAPI", K.PROFILE, fact=("strong", "python")),
    row("my interview is tomorrow", K.PROFILE, fact=("interview_in_days", "1")),
    row("text encoding in python", K.ASK, topic="python"),
    row("test my flask app", K.ASK, topic="flask"),
    # a lone unknown word may be noise or a mishearing: the coach says what it can do
    row("decorators", K.UNKNOWN),
    row("GIL", K.UNKNOWN),
    row("asdfgh", K.UNKNOWN),
    row("what is GIL", K.ASK, topic=None),
    row("go to 5", K.GOTO, number=5),
    row(
        "I want to practice microservices",
        K.START_SET,
        topic="microservices",
        levels=(),
        count=None,
    ),
    # no topic named: a mixed set from the whole bank
    row("10 questions", K.START_SET, topic=None, levels=(), count=10),
    # "explain it again" means it did not land: say it differently, not word for word
    row("explain it again", K.SIMPLER),
    row("repeat slowly", K.SLOWER),
    row("yes please", K.MORE),
    row("let's stop here", K.QUIT),
    row("too much detail", K.SHORTER),
    row("less detail", K.SHORTER),
    row("next next", K.NEXT),
    row("I said next", K.NEXT),
    row("wait what", K.REPEAT),
    row("spell it", K.REPEAT_WORD),
    # the coach cannot turn the volume up; saying it again is what it can do
    row("please speak a bit louder", K.REPEAT),
    row("code example", K.EXAMPLE),
    row("thank you so much", K.THANKS),  # a short "you're welcome", and the set goes on
    # "I'm good" with no topic is "I'm fine, go on", not a profile statement
    row("I'm good", K.NEXT),
    row("how much memory does a docker container use", K.ASK, topic="docker"),
    row("is there too much overhead in kubernetes", K.ASK, topic="kubernetes"),
    row("quiz", K.QUIZ, topic=None),
    # --- junk: never crash, nothing acted on -------------------------------------------------
    row("", K.UNKNOWN),
    row("   ", K.UNKNOWN),
    row("???", K.UNKNOWN),
    row("um", K.UNKNOWN),
    row("hmm", K.UNKNOWN),
    # a bare "no" answers nothing the coach can act on; it says what it can do
    row("no", K.UNKNOWN),
    row("\x00\xff\x01", K.UNKNOWN),
    row("\x00\x01\x02\ufffd binary", K.UNKNOWN),
    row("x" * 1_000_000, K.UNKNOWN),
    # a megabyte of words is a paste, not a turn: acting on its first part would be a guess
    row("next python questions " * 50_000, K.UNKNOWN),
    # words it cannot place go to search, which says plainly that it has nothing
    row("asdf qwerty", K.ASK, topic=None),
]

FIELDS = ("topic", "levels", "count", "number", "fact")


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    """The vocabulary the product builds: every topic's id, name and aliases."""
    return Vocabulary.from_bank(load(ROOT / "content", content_rules=False).bank)


@pytest.mark.parametrize(("text", "kind", "fields"), TABLE)
def test_utterance_means(text: str, kind: Kind, fields: dict[str, Any], vocab: Vocabulary) -> None:
    intent = parse(text, vocab)
    assert intent.kind is kind
    assert intent.persistent is fields.get("persistent", False)
    for name in FIELDS:
        if name in fields:
            assert getattr(intent, name) == fields[name], name
    assert intent.text == text[:MAX_CHARS]  # the engine searches the learner's own words


@pytest.mark.parametrize(("text", "kind", "fields"), TABLE)
def test_row_states_the_fields_its_kind_acts_on(
    text: str, kind: Kind, fields: dict[str, Any]
) -> None:
    missing = [f for f in REQUIRED.get(kind, ()) if f not in fields]
    assert not missing, f"row {text[:40]!r} must state {missing}"


def test_random_input_never_crashes(vocab: Vocabulary) -> None:
    rng = random.Random(20240601)
    alphabet = "abcdefghijklmnopqrstuvwxyz  0123456789?!.,'-/\x00\xff\u00e9\u0928\U0001f600\ufffd"
    words = ["next", "python", "see", "i", "d", "to", "question", "always", "right", "so", "k", "8"]
    for n in range(2_000):
        if n % 2:
            text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 80)))
        else:
            text = " ".join(rng.choice(words) for _ in range(rng.randint(0, 12)))
        intents = understand(text, Understanding(vocab))
        assert intents and all(i.kind in Kind for i in intents)
        # each intent carries the words it came from (an utterance may be split at "?" or ".")
        said = set(text[:MAX_CHARS].split())
        assert (
            all(set(i.text.split()) <= said for i in intents) or intents[0].text == text[:MAX_CHARS]
        )


def test_the_table_is_big_enough() -> None:
    assert len(TABLE) >= 170
    assert len({p.values[0] for p in TABLE}) == len(TABLE), "duplicate utterance"
