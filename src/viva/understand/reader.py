"""Utterance -> intents: what the learner wants, in their own words. Pure.

An utterance is split at its sentence breaks; each part is read in this order: a clear
command said alone (the table's ``whole`` templates), facts about the learner, a check of
understanding ("..., right?"), a request for topics or for a set of questions, an intent
said inside a longer sentence (the table's ``within`` phrases), and last a free question.
A style command said with a subject ("explain docker in simple words") is a question about
that subject, answered in that style; whether the rest of a sentence names a subject is
asked of the bank (search), not of a word list. Parts that carry nothing are dropped, and
the intents are tidied: an interjection ("one second, ...") before a request is not a
pause, a bare complaint ("I didn't get you") before a request is not a separate one.
What the coach expects matters: while a mock-interview question waits, anything that is not
clearly a command is the learner's answer. Never raises, whatever the input.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from viva.plan.jd import MAX_JD_CHARS, looks_like_jd
from viva.plan.render import STUDY_TODAY
from viva.search.index import SearchIndex
from viva.search.query import SearchResult, search
from viva.text import STOPWORDS, stem
from viva.understand import profile
from viva.understand.intents import Intent, Kind
from viva.understand.match import Found, Matcher
from viva.understand.normalise import (
    FILLERS,
    JUNK,
    count_in,
    fold_words,
    levels_in,
    strip_fillers,
)
from viva.understand.table import (
    COMMAND_WORDS,
    LEVEL_WORDS,
    NUMBER_WORDS,
    NUMBERS,
    ORDINALS,
    STYLE,
)
from viva.understand.tidy import tidy
from viva.understand.vocab import Vocabulary

__all__ = ["MAX_CHARS", "Expect", "Understanding", "Vocabulary", "parse", "understand"]

MAX_CHARS = 2_000
SEGMENTS = re.compile(r"(?<=[.?!;])\s+")
# preference commands that "from now on" makes permanent
PERSISTABLE = frozenset(
    {
        Kind.SLOWER,
        Kind.FASTER,
        Kind.SHORTER,
        Kind.MORE_DETAIL,
        Kind.WITH_ANSWERS,
        Kind.QUESTIONS_ONLY,
    }
)

CHECK = re.compile(
    r"(\bright$|\bcorrect$|\bisnt it$|\bis it$|\bam i right\b|\bis (that|this|it) (right|correct|true)\b|"
    r"^is it (true|correct|right) that\b|^so\b.*\b(right|correct|yes)$|\bdoes (that|this|it) mean (that )?\w+|"
    r"\bif i understood\b|\bif i understand\b|\bmy understanding is\b|\bcorrect me if im wrong\b|"
    r"\bam i right that\b)"
)
TOPICS = re.compile(
    r"\b(?:top|main|important|key|most important|core)\b.*\b(?:topics|subtopics|areas)\b|"
    r"\b(?:topics|areas)\b.*\b(?:to prepare|to study|should i)\b|"
    r"\bkey concepts to prepare\b|"
    r"\bwhat (?:topics|areas) (?:should|to|do) (?:i )?(?:study|prepare|cover|learn|know)\b|"
    r"\bwhat (?:should|do) i (?:study|prepare|learn|cover|know|focus on) (?:in|for|about)\b|"
    r"^list\b.*\b(?:concepts|topics|areas)\b"
)
TOPIC_LIST = re.compile(
    r"\b(?:what|which) topics\b|\btopics (?:do|can) you\b|^(?:list (?:all )?(?:the )?)?topics$|"
    r"^what topics are there$"
)
QUESTIONS = re.compile(
    r"\b(questions|question set|interview questions|qs|problems|go with|start with|lets do|"
    r"lets start|begin with|practice|practise|revise|drill|switch to|prepare|lets prepare|"
    r"let us prepare)\b"
)
FREE_QUESTION = re.compile(
    r"^(what|whats|how|why|when|where|which|who|explain|define|describe|tell me|difference|"
    r"compare|is there|can|does|do|should|give me|is|are)\b|\b(vs|versus|difference between)\b"
)
OWN_SETUP = re.compile(
    r"\b(?:in my|my (?:app|application|project|code|company|setup|pipeline|service|team|server)|"
    r"in our|our (?:app|application|project|company|setup|pipeline|team|service))\b"
)
# In a mock interview only these openings make a sentence a request rather than an answer.
REQUEST_OPENERS = re.compile(
    r"^(?:can|could|would|please|give|show|explain|repeat|say|tell|i didnt|i dont|i did not|"
    r"i do not|what|go|slow|speak|one more|another|let me|wait|hold|how many|skip|next)\b"
)
DISCOURSE = re.compile(r"\b(?:like )?for (?:example|instance)\b(?= \w)")
ASK_TAIL = re.compile(
    r"\b(?:so )?((?:can|could) you (?:tell|explain|say)|tell me|what is|whats|how (?:do|does|is|are)|why) (.*)$"
)
QUIZ_WORDS = frozenset(
    {
        "quiz",
        "mock",
        "interview",
        "test",
        "grade",
        "answers",
        "take",
        "random",
        "mixed",
        "some",
        "few",
        "general",
        "any",
    }
)
_NO_SUBJECT = STOPWORDS | COMMAND_WORDS | LEVEL_WORDS.keys() | NUMBER_WORDS.keys() | QUIZ_WORDS


SHORT_REQUEST = 10  # words: a longer utterance in a mock interview is an answer


@functools.cache
def shared_matcher() -> Matcher:
    """The table compiled once per process (138 patterns: a few milliseconds)."""
    return Matcher()


@dataclass(frozen=True, slots=True)
class Expect:
    """What the coach is waiting for: an answer to a mock-interview question, or anything."""

    answer: bool = False


@dataclass(frozen=True, slots=True)
class Understanding:
    """What reading an utterance may consult: the topics, the compiled table and, when the
    bank is at hand, a search that says whether some words name something it knows."""

    vocab: Vocabulary
    matcher: Matcher = field(default_factory=shared_matcher)
    find: Callable[[str], SearchResult] | None = None
    index: SearchIndex | None = None
    # nearest example of the table (kind, cosine), when the sentence model is loaded
    nearest: Callable[[str], tuple[Kind, float]] | None = None


# A cosine this close to one of the table's sentences is that intent (calibrated on the dev
# split of utterances.tsv; bench/bench_understand.py prints dev, held-out and paraphrases).
NEAREST_AT = 0.53  # the highest of the thresholds with the best dev accuracy (0.45-0.53)
NEAREST_WORDS = 12  # commands are short: a longer line is never guessed from its meaning


def _subject_words(t: str, skip: tuple[Found, ...] = (), short: bool = False) -> list[str]:
    words = []
    pos = 0
    for w in t.split():
        start = t.index(w, pos)
        pos = start + len(w)
        if any(f.start <= start < f.end for f in skip):
            continue
        if (short or len(w) > 2) and not w.isdigit() and w not in _NO_SUBJECT:
            words.append(w)
    return words


def _has_subject(
    t: str, u: Understanding, skip: tuple[Found, ...] = (), question: bool = False
) -> bool:
    """Whether ``t`` (beyond the command phrases in ``skip``) is about something the bank knows."""
    words = [w for w in _subject_words(t, skip, short=True) if len(w) >= 2]
    if not words:
        return False
    rest = " ".join(words)
    if u.vocab.find_topic(rest):
        return True
    if u.find is None or u.index is None:
        # no bank to ask: any words beyond the command's count, but a lone word ("asdfgh",
        # a misheard "decorators") is left for the engine, which can search for it
        return len(words) >= 2 or question
    index = u.index
    words = [
        w
        for w in index.tokens(" ".join(_subject_words(t, skip, short=True)))
        if w not in _NO_SUBJECT
    ]
    rest = " ".join(words)
    # a word that is no everyday English word ("oauth", "kubectl"), or a term of the bank
    technical = [
        w
        for w in words
        if (w not in index.common and (stem(w) in index.idf or len(w) >= 4))
        or stem(w) in index.term_words
    ]
    if technical and question:
        return True
    if not technical and len(words) < 2:
        return False  # one everyday word ("give me this small example") names nothing
    return u.find(rest).answer_id is not None


def _number(word: str) -> int:
    return NUMBERS.get(word) or ORDINALS.get(word, 0)


def _command(found: Found, t: str, raw: str, u: Understanding) -> Intent:
    persistent = found.kind is Kind.ALWAYS_EXAMPLE or (
        found.kind in PERSISTABLE and u.matcher.persistent(t)
    )
    if found.kind is Kind.GOTO:
        word = found.groups.get("number") or found.groups.get("ordinal") or ""
        return Intent(Kind.GOTO, raw, number=_number(word))
    if found.kind is Kind.QUIZ:
        return Intent(
            Kind.QUIZ, raw, topic=u.vocab.find_topic(t), levels=levels_in(t), count=count_in(t)
        )
    return Intent(found.kind, raw, persistent=persistent)


def _start_set(t: str, raw: str, u: Understanding) -> Intent | None:
    """A request for a set of questions: a topic or level, asked for as questions."""
    topic = u.vocab.find_topic(t)
    levels = levels_in(t)
    count = count_in(t)
    if not (topic or levels):
        other_ask = re.search(r"\b(answers?|follow up|followup|how many)\b", t)
        if re.search(r"\bquestions\b", t) and not _subject_words(t) and not other_ask:
            return Intent(Kind.START_SET, raw, count=count)
        return None
    # a short phrase is a set only when nothing else is named: "beginner python" is a set,
    # "text encoding in python" is a question
    others = [w for w in _subject_words(t) if w not in u.vocab.words]
    bare = len(t.split()) <= 4 and not others
    asked = QUESTIONS.search(t) or (count and not others) or (topic and levels) or bare
    if not asked or (FREE_QUESTION.search(t) and not re.search(r"\bquestions\b", t)):
        return None
    answers = None
    if "answer" in t:
        answers = not re.search(r"without|no answers|only", t)
    return Intent(
        Kind.START_SET, raw, topic=topic, levels=levels, count=count, with_answers=answers
    )


def _segment(raw: str, u: Understanding, expect: Expect) -> list[Intent]:
    folded = fold_words(raw, u.vocab.words)
    t = strip_fillers(folded)
    if not t:
        return []
    # "no idea", "hey there", "uh huh": fillers that are the whole message
    whole = u.matcher.whole(folded) or u.matcher.whole(t)
    if expect.answer:
        if whole:
            return [_command(whole, t, raw, u)]
        within = u.matcher.within(t)
        short = len(t.split()) <= SHORT_REQUEST
        if within and REQUEST_OPENERS.match(t) and short:
            return [_command(within[0], t, raw, u)]
        # "quiz me on docker", "top 3 python questions": a new set, never an answer
        quiz = next((f for f in within if f.kind is Kind.QUIZ), None)
        if short and quiz is not None:
            return [_command(quiz, t, raw, u)]
        asked_set = _start_set(t, raw, u) if short else None
        if asked_set is not None and (asked_set.count or QUESTIONS.search(t)):
            return [asked_set]
        return [Intent(Kind.ATTEMPT, raw)]
    if whole:
        return [_command(whole, t, raw, u)]
    facts = profile.facts(raw, u.vocab, lambda s: fold_words(s, u.vocab.words))
    if facts:
        judged = [v for k, v in facts if k in ("strong", "weak")]
        role = next((v for k, v in facts if k == "target_role"), "")
        noted = Intent(
            Kind.PROFILE,
            raw,
            topic=judged[0].split(",")[0] if judged else None,
            levels=levels_in(role),
            fact=facts[0],
            facts=tuple(facts),
        )
        # "... I'm weak in Flask, so can you tell me the main difference between X and Y?"
        tail = ASK_TAIL.search(t)
        question = tail.group(0) if tail else ""
        if tail and _has_subject(tail.group(2), u):
            return [noted, Intent(Kind.ASK, question, topic=u.vocab.find_topic(question))]
        return [noted]
    if STUDY_TODAY.search(t):
        return [Intent(Kind.STUDY_TODAY, raw)]
    topic = u.vocab.find_topic(t)
    asking = re.match(r"(what|how|why|when|where|which|who)\b", t) and not re.search(
        r"\b(right|correct)$", t
    )
    if CHECK.search(t) and len(t.split()) >= 4 and not asking:
        return [Intent(Kind.CHECK, raw, topic=topic)]
    if (TOPICS.search(t) and topic) or TOPIC_LIST.search(t):
        return [Intent(Kind.TOPICS, raw, topic=topic, count=count_in(t))]
    # "like, for example, my code runs on a VM": a way of speaking, not a request
    within = u.matcher.within(DISCOURSE.sub(lambda m: " " * len(m.group()), t))
    if any(f.kind is Kind.QUIZ for f in within):
        return [_command(next(f for f in within if f.kind is Kind.QUIZ), t, raw, u)]
    started = _start_set(t, raw, u)
    if started:
        # "top 10 python questions, and go slow": the pace too ("one by one" is how sets go)
        mode = [f for f in within if f.kind is Kind.VOICE or "slow" in t[f.start : f.end]]
        return [started, *(_command(f, t, raw, u) for f in mode)]
    if within:
        styles = [f for f in within if f.kind in STYLE]
        if styles and _has_subject(t, u, tuple(within)):
            own = bool(OWN_SETUP.search(t))
            kinds = tuple(f.kind for f in styles)
            return [Intent(Kind.ASK, raw, topic=topic, styles=kinds, own_setup=own)]
        if not (within[0].kind in (Kind.WITH_ANSWERS, Kind.QUESTIONS_ONLY) and topic):
            return [_command(f, t, raw, u) for f in within]
    guess = _nearest(t, raw, u)
    if guess is not None:
        return [guess]
    if _has_subject(t, u, question=bool(FREE_QUESTION.search(t))):
        return [Intent(Kind.ASK, raw, topic=topic, own_setup=bool(OWN_SETUP.search(t)))]
    if raw.rstrip().endswith("?") and FREE_QUESTION.search(t):
        # "then how does it come with the synchronous?": a question whose subject is
        # elsewhere in the utterance (or in the conversation)
        return [Intent(Kind.ASK, raw, topic=topic, vague=True)]
    return [Intent(Kind.UNKNOWN, raw)]


def _nearest(t: str, raw: str, u: Understanding) -> Intent | None:
    """A short line no template covers, read by its closest table sentence ("can you reduce
    your speed" is near "slow down"). Not for noise (fillers only), and not when the words
    alone name an entry for certain: the model is consulted only when they don't."""
    if u.nearest is None or len(t.split()) > NEAREST_WORDS or not FILLERS.sub("", t + " "):
        return None
    if u.index is not None:
        from viva.search.hybrid import lexical_is_certain  # numpy: only on this path

        if lexical_is_certain(search(u.index, t)):
            return None
    kind, score = u.nearest(t)
    if score < NEAREST_AT:
        return None
    return Intent(kind, raw, persistent=kind in PERSISTABLE and u.matcher.persistent(t))


def understand(text: str, u: Understanding, expect: Expect | None = None) -> list[Intent]:
    """The learner's intents, in the order to act on them; never empty, never raises."""
    expect = expect or Expect()
    if not JUNK.search(text) and looks_like_jd(text):  # a pasted job ad is long on purpose
        return [Intent(Kind.PLAN_JD, text[:MAX_JD_CHARS])]
    if len(text) > MAX_CHARS or JUNK.search(text):
        # no spoken or typed turn is this long or holds control bytes: a paste or binary
        # data, and acting on part of it would be a guess
        return [Intent(Kind.UNKNOWN, text[:MAX_CHARS])]
    if expect.answer:
        return _segment(text, u, expect) or [Intent(Kind.UNKNOWN, text)]
    intents: list[Intent] = []
    for part in SEGMENTS.split(text.strip()):
        intents += _segment(part, u, expect)
    return tidy(intents) or [Intent(Kind.UNKNOWN, text)]


def parse(text: str, vocab: Vocabulary) -> Intent:
    """The first intent of ``text`` without consulting the bank (grammar checks, tools)."""
    return understand(text, Understanding(vocab))[0]
