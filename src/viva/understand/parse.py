"""Utterance -> Intent: ordered rules over normalised text.

Input may be typed or transcribed from speech: it is folded, spelled letters are joined and
filler words ("hey", "okay okay", "can you", "please") are dropped before the rules run.
Rules are ordered from the most specific (repeat the last word) to the most general (a free
question); anything left is UNKNOWN, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from viva.bank.model import Level
from viva.search.text import fold, join_spelled_letters
from viva.understand.intents import Intent, Kind

MAX_CHARS = 2_000

FILLERS = re.compile(
    r"^(?:(?:hey|hi|hello|okay|ok|so|um+|uh+|hmm+|well|now|yeah|yes|alright|right|please|"
    r"can you|could you|would you|will you|can u|pls|viva|coach|sir|madam|just|then|and)\s+)+"
)
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "twenty five": 25, "thirty": 30, "forty": 40, "fifty": 50, "first": 1, "second": 2,
    "third": 3, "fourth": 4, "fifth": 5, "last": -1,
}  # fmt: skip
LEVEL_WORDS = {
    "beginner": Level.BEGINNER, "beginners": Level.BEGINNER, "basic": Level.BEGINNER,
    "basics": Level.BEGINNER, "easy": Level.BEGINNER, "junior": Level.BEGINNER,
    "fresher": Level.BEGINNER, "freshers": Level.BEGINNER, "entry": Level.BEGINNER,
    "intermediate": Level.INTERMEDIATE, "medium": Level.INTERMEDIATE, "mid": Level.INTERMEDIATE,
    "moderate": Level.INTERMEDIATE, "middle": Level.INTERMEDIATE,
    "senior": Level.SENIOR, "advanced": Level.SENIOR, "advance": Level.SENIOR,
    "expert": Level.SENIOR, "experienced": Level.SENIOR, "hard": Level.SENIOR,
    "difficult": Level.SENIOR, "lead": Level.SENIOR, "staff": Level.SENIOR,
}  # fmt: skip
PERSIST = re.compile(
    r"\b(from now on|from now onwards|going forward|always|every time|each time|in future|"
    r"future (conversations|sessions)|next time|all the time|remember (that|this)|by default|"
    r"forever|permanently)\b"
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Topic names and aliases (folded) -> topic id; built from the bank by the caller."""

    topics: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Vocabulary:
        table: dict[str, str] = {}
        for phrase, topic in pairs:
            key = " ".join(join_spelled_letters(fold(phrase).split()))
            if key:
                table.setdefault(key, topic)
        return cls(table)

    def find_topic(self, text: str) -> str | None:
        """The topic named in ``text`` (longest phrase wins)."""
        words = text.split()
        best: tuple[int, str] | None = None
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                topic = self.topics.get(" ".join(words[i : i + n]))
                if topic and (best is None or n > best[0]):
                    best = (n, topic)
            if best:
                return best[1]
        return None


def normalise(text: str) -> str:
    folded = " ".join(join_spelled_letters(fold(text.replace("'", "")).split()))
    folded = FILLERS.sub("", folded + " ").strip()
    return folded


def _count(t: str) -> int | None:
    m = re.search(r"\b(?:top|first|give me|list|ask me|just)?\s*(\d{1,3})\b", t)
    if m:
        return int(m.group(1))
    for word, n in sorted(NUMBER_WORDS.items(), key=lambda kv: -len(kv[0])):
        if n > 0 and re.search(
            rf"\b(?:top|first) {word}\b|\b{word} (?:questions|topics|important)", t
        ):
            return n
    return None


def levels_in(t: str) -> tuple[Level, ...]:
    found = [lv for w, lv in LEVEL_WORDS.items() if re.search(rf"\b{w}\b", t)]
    if not found:
        return ()
    lo, hi = min(found), max(found)
    if re.search(r"\b(to|till|until|through|upto|up to|and)\b", t) and lo != hi:
        return tuple(Level(v) for v in range(lo, hi + 1))
    return tuple(sorted(set(found)))


_PROFILE_TOPIC = r"(?:in|at|with|to|on|of)?\s*(.+)"


def _profile(t: str, vocab: Vocabulary) -> Intent | None:
    m = re.search(
        r"\b(?:i (?:have )?applied|applying|i am applying|interviewing) for (?:a |an |the )?(.+?)(?: role| position| job|$)",
        t,
    )
    if m:
        role = m.group(1).strip()
        levels = levels_in(role)
        return Intent(Kind.PROFILE, t, levels=levels, fact=("target_role", role))
    m = re.search(r"\bmy interview is (?:in|after) (\d+|\w+) (day|days|week|weeks)\b", t)
    if m:
        n = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1), 0)
        days = n * (7 if m.group(2).startswith("week") else 1)
        return Intent(Kind.PROFILE, t, fact=("interview_in_days", str(days)))
    strong = re.search(
        r"\bi(?: am|m)? (?:good|strong|comfortable|confident|expert|experienced|fine|okay|ok)\s"
        + _PROFILE_TOPIC,
        t,
    )
    weak = re.search(
        r"\bi(?: am|m)? (?:weak|not (?:so |very |that )?(?:good|strong|confident)|new|bad|struggling)\s" + _PROFILE_TOPIC
        + r"|\bi (?:have|got|had) (?:little|no|not much|very little|less|limited|zero) (?:exposure|experience|knowledge|idea)\s" + _PROFILE_TOPIC
        + r"|\bi (?:dont|do not) (?:have|know) (?:much )?(?:exposure|experience|knowledge)?\s*" + _PROFILE_TOPIC,
        t,
    )  # fmt: skip
    for match, key in ((weak, "weak"), (strong, "strong")):
        if match:
            rest = next(g for g in match.groups() if g)
            topics = [vocab.find_topic(part) for part in re.split(r",| and | or ", rest)]
            found = [tp for tp in topics if tp]
            if found:
                return Intent(
                    Kind.PROFILE, t, topic=found[0], fact=(key, ",".join(dict.fromkeys(found)))
                )
    return None


RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.QUIT, re.compile(r"^(quit|exit|bye|bye bye|goodbye|good bye|stop|stop the session|end|end session|thats all|that is all|im done|i am done|see you|close)( for (now|today))?$")),
    (Kind.HELP, re.compile(r"^(help|what can you do|what can i say|commands|options|menu|how does this work|how do i use (this|you))\b")),
    (Kind.PAUSE, re.compile(r"\b(give me (a |one |two |2 |few |a few )?(minute|minutes|min|mins|moment|second|sec|seconds)|hold on|wait a (minute|moment|second|sec)|pause|brb|be right back|one (minute|moment|sec|second)|take a break)\b")),
    (Kind.RESUME, re.compile(r"^(resume|im back|i am back|i m back|back again|unpause|lets resume|ready|i am ready|im ready)$")),
    (Kind.CONTINUE, re.compile(r"^(continue|lets continue|continue (where|from where) (we|i) (left|stopped)( off)?|pick up where (we|i) left off|continue (the )?last session|resume (the )?last session|where were we)$")),
    (Kind.REPEAT_WORD, re.compile(r"\b(last word|final word|that word|repeat the word|the word again|which word)\b")),
    (Kind.REPEAT_SENTENCE, re.compile(r"\b(last sentence|last line|last part|that sentence|final sentence|last bit)\b")),
    (Kind.REPEAT, re.compile(r"^(repeat( that| it| again| the answer| the question)?|say (that|it) again|again|once more|one more time|pardon|sorry|come again|what|sorry what|what did you say|i didnt (catch|get|hear) (that|it|you)( properly)?|i couldnt (catch|hear) (that|it|you)|can you repeat( that| it)?)( please| again)?$")),
    (Kind.ANOTHER_EXAMPLE, re.compile(r"\b(another|one more|different|next|second|other|more|new) (example|examples|use case|scenario)\b|\bexample again\b")),
    (Kind.ALWAYS_EXAMPLE, re.compile(r"\b(always|every time|each time|from now on).*(example|examples)\b")),
    (Kind.EXAMPLE, re.compile(r"\b(example|examples|for instance|real world|real life|use case|show me how|demo)\b")),
    (Kind.SLOWER, re.compile(r"\b(slow|slower|slowly|too fast|so fast|very fast|slow down|not so fast|little slow|one at a time|one by one|step by step|one question at a time)\b")),
    (Kind.FASTER, re.compile(r"\b(faster|speed up|too slow|quicker|quickly|hurry|go fast|pick up the pace)\b")),
    (Kind.SIMPLER, re.compile(r"\b(simple (words|terms|english|language|way)|simpler|simply|simple|easy (words|way|language)|plain (english|words)|layman|eli5|like im five|didnt (get|understand)|did not (get|understand)|dont understand|do not understand|not clear|confused|confusing|lost me|what does that mean|i dont get it)\b")),
    (Kind.QUESTIONS_ONLY, re.compile(r"\b(questions only|only (the )?questions|without (the )?answers|no answers|just (the )?questions|dont (tell|give) (me )?the answers?)\b")),
    (Kind.WITH_ANSWERS, re.compile(r"\b(with (the )?answers?|and answers|along with answers|include (the )?answers|answers too|answers also|answers as well)\b")),
    (Kind.SHORTER, re.compile(r"\b(shorter|short answer|brief|briefly|in short|summary|summarize|summarise|tldr|tl dr|too long|keep it short|short and sweet)\b")),
    (Kind.MORE_DETAIL, re.compile(r"\b(more detail|more details|in detail|detailed|elaborate|deeper|in depth|explain more|full answer|tell me more|go deeper|detail)\b")),
    (Kind.FOLLOW_UP, re.compile(r"\b(follow up|followup|follow on|what (would|will|might) (they|the interviewer) ask next|next question (they|the interviewer))\b")),
    (Kind.WHY, re.compile(r"^(why|but why|why is that|why so|why does it|how come|whats the reason|what is the reason|reason)\b")),
    (Kind.ANSWER, re.compile(r"^(answer|the answer|show (me )?the answer|tell me the answer|give (me )?the answer|whats the answer|what is the answer|reveal|i dont know|no idea|i give up|answer please)\b")),
    (Kind.HOW_MANY_LEFT, re.compile(r"\b(how many (are |questions )?(left|remaining|more|to go)|where are we|which question|what number|progress so far)\b")),
    (Kind.GOTO, re.compile(r"\b(?:go (?:back )?to|jump to|back to|take me to|open|repeat) (?:question|number|q) ?(\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|first|second|third|fourth|fifth|last)\b")),
    (Kind.PREVIOUS, re.compile(r"^(previous|previous question|go back|back|last question|the one before|before that)$")),
    (Kind.SKIP, re.compile(r"^(skip|skip (it|this|this one|that)|pass|skip question)$")),
    (Kind.NEXT, re.compile(r"^(next|next one|next question|move on|go ahead|go on to the next|ok next|done|got it|understood|i understood|clear|makes sense|fine|good|great|nice|cool|perfect|thank you|thanks|yes next|lets go|lets move on|go next)( please| one| question)?$")),
    (Kind.MORE, re.compile(r"^(go on|more|continue|keep going|yes|yeah|yep|sure|carry on|and then|then|and|what else|tell me|yes please|ok go on|okay go on)$")),
    (Kind.QUIZ, re.compile(r"\b(quiz me|test me|mock interview|interview me|ask me questions and grade|grade me|practice interview)\b")),
]  # fmt: skip

CHECK = re.compile(
    r"(\bright$|\bcorrect$|\bisnt it$|\bis it$|\bam i right\b|\bis (that|this|it) (right|correct|true)\b|"
    r"^is it (true|correct|right) that\b|^so\b.*\b(right|correct|yes)$|\bdoes that mean\b|^does (that|this) mean\b|"
    r"\bif i understood\b|\bif i understand\b|\bmy understanding is\b)"
)
TOPICS = re.compile(
    r"\b(?:top|main|important|key|most important|core)\b.*\b(?:topics|subtopics|areas|concepts|things|parts)\b|"
    r"\bwhat (?:topics|areas) (?:should|to|do) (?:i )?(?:study|prepare|cover|learn|know)\b"
)
QUESTIONS = re.compile(
    r"\b(questions|question set|interview questions|qs|quiz|problems|go with|start with|lets do|cover|begin with|prepare)\b"
)
FREE_QUESTION = re.compile(
    r"^(what|whats|how|why|when|where|which|who|explain|define|describe|tell me about|difference|"
    r"compare|is there|can|does|do|should|give me)\b|\b(vs|versus|difference between)\b"
)


def parse(text: str, vocab: Vocabulary) -> Intent:
    """The learner's intent; never raises, whatever the input."""
    raw = text[:MAX_CHARS]
    t = normalise(raw)
    if not t:
        return Intent(Kind.UNKNOWN, raw)
    persistent = bool(PERSIST.search(t))
    profile = _profile(t, vocab)
    if profile:
        return profile
    topic = vocab.find_topic(t)
    levels = levels_in(t)
    if CHECK.search(t) and len(t.split()) >= 4:
        return Intent(Kind.CHECK, raw, topic=topic)
    if TOPICS.search(t) and topic:
        return Intent(Kind.TOPICS, raw, topic=topic, count=_count(t))
    for kind, pattern in RULES:
        m = pattern.search(t)
        if not m:
            continue
        if kind is Kind.GOTO:
            word = m.group(1)
            number = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            return Intent(kind, raw, number=number)
        if kind in (Kind.WITH_ANSWERS, Kind.QUESTIONS_ONLY) and (topic or levels):
            break  # "python questions with answers" starts a set
        if kind in (Kind.SIMPLER, Kind.EXAMPLE) and FREE_QUESTION.search(t) and len(t.split()) > 6:
            break  # "what is docker, explain with a simple example" is a question
        return Intent(kind, raw, topic=topic, levels=levels, persistent=persistent)
    if (
        (topic or levels)
        and (QUESTIONS.search(t) or _count(t) or (topic and levels) or len(t.split()) <= 4)
        and (not FREE_QUESTION.search(t) or re.search(r"\bquestions\b", t))
    ):
        with_answers = (
            None if not re.search(r"answer", t) else not re.search(r"without|no answers|only", t)
        )
        kind = Kind.START_SET
        fact = ("with_answers", str(with_answers)) if with_answers is not None else None
        return Intent(kind, raw, topic=topic, levels=levels, count=_count(t), fact=fact)
    if FREE_QUESTION.search(t) or len(t.split()) >= 2:
        return Intent(Kind.ASK, raw, topic=topic)
    return Intent(Kind.UNKNOWN, raw)
