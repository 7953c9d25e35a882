"""Utterance -> Intent: ordered rules over normalised text.

Input may be typed or transcribed from speech: it is folded, spelled letters are joined, a few
misheard or mistyped command words are corrected and filler words ("hey", "okay okay", "can
you", "please", "na") are dropped before the rules run. Rules are ordered from the most
specific (repeat the last word) to the most general (a free question); a style command that
also names a subject ("explain docker in simple words") is a question, not a command. Anything
left is UNKNOWN, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz.distance import OSA

from viva.bank.model import Bank, Level
from viva.plan.jd import MAX_JD_CHARS, looks_like_jd
from viva.plan.text import STUDY_TODAY
from viva.search.text import STOPWORDS, fold, join_spelled_letters
from viva.understand.intents import Intent, Kind

MAX_CHARS = 2_000
# Control bytes and U+FFFD (undecodable input) never come from a person typing or speaking.
JUNK = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")

FILLERS = re.compile(
    r"^(?:(?:hey|hi|hello|okay|ok|so|um+|uh+|hmm+|well|now|yeah|yes|alright|right|please|"
    r"kindly|can you|could you|would you|will you|can u|pls|viva|coach|sir|madam|just|then|and|"
    r"i said|do one thing|do the needful|actually|basically)\s+)+"
)
# Politeness and Indian-English tags at the end ("next please", "one more example na").
TRAILING = re.compile(r"(?:\s+(?:please|pls|plz|na|yaar|ya|sir|madam|maam|bro|man|kindly))+$")

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
_NUMBER = "|".join(
    [*sorted([*NUMBER_WORDS, *ORDINALS, *HEARD_AS], key=len, reverse=True), r"\d{1,3}"]
)

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

# Misheard or mistyped command words, fixed before the rules run. Short words get an explicit
# list; longer ones are corrected by one edit, but only towards words whose neighbours are not
# everyday words ("slower" is left out: "lower" is one edit away).
SOUNDS_LIKE = {"nex": "next", "nxt": "next", "necks": "next", "paws": "pause", "repit": "repeat"}
FUZZY_TARGETS = frozenset(
    """repeat example examples previous question questions another simple simpler slowly
    continue beginner beginners intermediate senior advanced answer answers explain elaborate
    interview interviews""".split()
)
NOT_TYPOS = frozenset("sample samples simply".split())

# Words that carry no subject in a command ("you're going too fast", "give me two minutes").
# A style command with any other word left is a question about that subject.
COMMAND_WORDS = frozenset(
    """youre going go goes bit little lot less slow slower slowly fast faster quick quicker
    quickly speed pace down up step speak talk keep short shorter brief briefly summary detail
    details detailed deeper depth elaborate full simpler plain english layman laymans terms
    language real world life instance case demo time times minute minutes moment second seconds
    sec min mins hold wait pause break take back right now future conversations conversation
    sessions session always every each follow interviewer ask next didnt dont couldnt clear
    confused confusing lost catch hear heard properly why reason come would na yaar
    continue start begin stop repeat nope nah later long much summarize summarise tldr code
    snippet hmm hmmm umm uhh huh""".split()
)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """Topic names and aliases (folded) -> topic id; built from the bank by the caller."""

    topics: dict[str, str] = field(default_factory=dict)
    # every word of every topic phrase: never "corrected" into a command word
    words: frozenset[str] = frozenset()

    @classmethod
    def from_bank(cls, bank: Bank) -> Vocabulary:
        """Every topic's id (also with spaces), name and aliases."""
        pairs: list[tuple[str, str]] = []
        for t in bank.topics:
            pairs += [(t.id, t.id), (t.id.replace("-", " "), t.id), (t.name, t.id)]
            pairs += [(a, t.id) for a in t.aliases]
        return cls.from_pairs(pairs)

    @classmethod
    def from_pairs(cls, pairs: list[tuple[str, str]]) -> Vocabulary:
        table: dict[str, str] = {}
        for phrase, topic in pairs:
            key = " ".join(join_spelled_letters(fold(phrase).split()))
            if key:
                table.setdefault(key, topic)
        return cls(table, frozenset(w for key in table for w in key.split()))

    def find_topic(self, text: str) -> str | None:
        """The topic named in ``text`` (longest phrase wins, then the first)."""
        words = text.split()
        for n in range(min(4, len(words)), 0, -1):
            for i in range(len(words) - n + 1):
                topic = self.topics.get(" ".join(words[i : i + n]))
                if topic:
                    return topic
        return None

    def find_topics(self, text: str) -> list[str]:
        """Every topic named in ``text``, in order, each once ("python and django")."""
        words, found, i = text.split(), [], 0
        while i < len(words):
            for n in range(min(4, len(words) - i), 0, -1):
                topic = self.topics.get(" ".join(words[i : i + n]))
                if topic:
                    found.append(topic)
                    i += n
                    break
            else:
                i += 1
        return list(dict.fromkeys(found))


def _correct(tokens: list[str], vocab: Vocabulary | None) -> list[str]:
    """Tokens with misheard command words fixed; topic words are left as they are."""
    keep = (vocab.words if vocab else frozenset()) | NOT_TYPOS | FUZZY_TARGETS
    out = []
    for tok in tokens:
        if tok in SOUNDS_LIKE:
            tok = SOUNDS_LIKE[tok]
        elif len(tok) >= 5 and tok not in keep:
            near = [w for w in FUZZY_TARGETS if OSA.distance(tok, w, score_cutoff=1) == 1]
            tok = near[0] if len(near) == 1 else tok  # two candidates: leave it alone
        out.append(tok)
    return out


def normalise(text: str, vocab: Vocabulary | None = None) -> str:
    """Folded, letters joined, typos fixed, fillers at either end dropped."""
    tokens = join_spelled_letters(fold(text.replace("'", "").replace("\u2019", "")).split())
    folded = " ".join(_correct(tokens, vocab))
    stripped = TRAILING.sub("", FILLERS.sub("", folded + " ").strip())
    # "yes" or "okay" said alone is an answer to the coach, not a filler
    return stripped or TRAILING.sub("", folded) or folded


_CARDINAL = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b")


def _digits(t: str) -> str:
    """Cardinal number words as digits ("ten python questions" -> "10 python questions")."""
    return _CARDINAL.sub(lambda m: str(NUMBER_WORDS[m.group(1)]), t)


COUNT = re.compile(
    r"\b(?:top|first|give me|list|ask me|only|just|want|need)\s+(\d{1,3})\b|"
    r"\b(\d{1,3})\s+(?:\w+\s+){0,3}?(?:questions?|topics|qs|concepts|areas|things)\b"
)


def _count(t: str) -> int | None:
    """How many questions or topics were asked for ("top 20", "ten python questions")."""
    m = COUNT.search(_digits(t))
    return int(m.group(1) or m.group(2)) if m else None


def levels_in(t: str) -> tuple[Level, ...]:
    """Levels named; "beginner to senior" spans a range, "beginner and senior" names two."""
    found = {lv for w, lv in LEVEL_WORDS.items() if re.search(rf"\b{w}\b", t)}
    if len(found) > 1 and re.search(r"\b(to|till|until|through|upto|up to)\b", t):
        return tuple(Level(v) for v in range(min(found), max(found) + 1))
    return tuple(sorted(found))


ROLE = re.compile(
    r"\b(?:i (?:have |am )?applied|applying|i am applying|im applying|interviewing) (?:for|to) "
    r"(?:a |an |the )?(.+?)(?: role| position| job| post|$)"
)
INTERVIEW_IN = re.compile(r"\bmy interview is (?:in|after) (\d+) (day|days|week|weeks)\b")
INTERVIEW_ON = re.compile(r"\bmy interview is (today|tomorrow|day after tomorrow|next week)\b")
DAYS_AWAY = {"today": 0, "tomorrow": 1, "day after tomorrow": 2, "next week": 7}
WEAK = re.compile(
    r"\bi(?: am|m)? (?:weak|not (?:so |very |that |too )?(?:good|strong|confident|comfortable)|"
    r"new|bad|struggling|rusty)\b|"
    r"\bi (?:have|got|had|ve) (?:little|no|not much|very little|less|limited|zero) "
    r"(?:exposure|experience|knowledge|idea|hands on)\b|"
    r"\bi (?:dont|do not|didnt) (?:have )?(?:much |any |a lot of )?(?:exposure|experience|knowledge)\b|"
    r"\bi (?:have |ve )?never (?:used|worked|touched|tried)\b"
)
STRONG = re.compile(
    r"\bi(?: am|m)? (?:really |very |pretty |quite )?(?:good|strong|comfortable|confident|expert|"
    r"experienced|proficient|fluent|well versed)\b|"
    r"\bi know\b.*\bwell\b|"
    r"\bi (?:have|am having|got|ve) (?:\d+|a few|few|many) (?:years?|yrs?)\b"
)


def _profile(t: str, raw: str, vocab: Vocabulary) -> Intent | None:
    """A statement about the learner: target role, interview date, strong or weak topics."""
    if m := ROLE.search(t):
        role = m.group(1).strip()
        return Intent(Kind.PROFILE, raw, levels=levels_in(role), fact=("target_role", role))
    if m := INTERVIEW_IN.search(_digits(t)):
        days = int(m.group(1)) * (7 if m.group(2).startswith("week") else 1)
        return Intent(Kind.PROFILE, raw, fact=("interview_in_days", str(days)))
    if m := INTERVIEW_ON.search(t):
        return Intent(Kind.PROFILE, raw, fact=("interview_in_days", str(DAYS_AWAY[m.group(1)])))
    # One fact per intent: "good at python but new to fastapi" keeps its first clause rather
    # than filing fastapi as a strength.
    for clause in re.split(r"\bbut\b|\bwhereas\b|\bhowever\b|\bthough\b", t):
        # weak first: "not so good at" contains "good at"
        key = "weak" if WEAK.search(clause) else "strong" if STRONG.search(clause) else None
        topics = vocab.find_topics(clause) if key else []
        if key and topics:
            return Intent(Kind.PROFILE, raw, topic=topics[0], fact=(key, ",".join(topics)))
    return None


_Q = r"(?:the )?(?:question|number|q)(?: number| no)?"
GOTO = re.compile(
    rf"\b(?:(?:go|jump|skip|move|come)(?: back)? to|back to|take me to) {_Q} ({_NUMBER})\b|"
    rf"^(?:open |show |repeat )?{_Q} ({_NUMBER})$|"
    r"^(?:go|jump|skip)(?: back)? to (\d{1,3})$|"
    r"\b(?:(?:go|jump|skip|move)(?: back)? to|take me to) the (first|second|third|fourth|fifth|last) question\b"
)

RULES: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.QUIT, re.compile(r"^(quit|exit|bye|bye bye|goodbye|good bye|stop|stop the session|end|end session|thats all|that is all|thats it|im done|i am done|see you|close|enough|(lets|can we|we can) stop( here| now)?)( for (now|today))?$")),
    (Kind.HELP, re.compile(r"^(help|help me|who are you|what can you do|what can i say|commands|options|menu|how does this work|how do i use (this|you))$")),
    (Kind.PAUSE, re.compile(r"\b(give me (a |one |two |2 |few |a few )?(minute|minutes|min|mins|moment|second|sec|seconds)|hold on|wait a (minute|moment|second|sec)|pause|brb|be right back|one (minute|moment|sec|second)|take a break)\b|^wait$")),
    (Kind.RESUME, re.compile(r"^(resume|im back|i am back|i m back|back again|unpause|lets resume|ready|i am ready|im ready)$")),
    (Kind.CONTINUE, re.compile(r"^((lets |can we )?continue( from)?( where (we|i) (left|stopped)( off)?)?|continue (the )?(last|previous) session|resume (the )?last session|pick up where (we|i) left off|where were we)$")),
    (Kind.REPEAT_WORD, re.compile(r"\b(last word|final word|that word|repeat the word|the word again|which word)\b|^spell (it|that)$")),
    (Kind.REPEAT_SENTENCE, re.compile(r"\b(last sentence|last line|last part|that sentence|final sentence|last bit)\b")),
    (Kind.REPEAT, re.compile(r"^(repeat( that| it| again| the answer| the question)?|say (that|it) again|say again|again|once more|one more time|pardon|sorry|come again|what|huh|sorry what|what did you say|i didnt (catch|hear) (that|it|you)( properly)?|i couldnt (catch|hear) (that|it|you)|can you repeat( that| it)?|wait what)( again)?$|\b(louder|speak up)\b")),
    (Kind.ANOTHER_EXAMPLE, re.compile(r"\b(another|one more|different|next|second|other|more|new) (example|examples|use case|scenario)\b|\bexample again\b")),
    (Kind.ALWAYS_EXAMPLE, re.compile(r"\b(always|every time|each time|from now on).*(example|examples)\b|\b(example|examples) (every time|each time|always)\b")),
    (Kind.EXAMPLE, re.compile(r"\b(example|examples|for instance|real world|real life|use case|show me how|demo|show me (the )?code|code snippet)\b")),
    # "too slow" asks for speed, so faster is tried before slower's bare "slow"
    (Kind.FASTER, re.compile(r"\b(faster|speed up|(too|so|very|really) slow|quicker|quickly|hurry|go fast|pick up the pace)\b")),
    (Kind.SLOWER, re.compile(r"\b(slow|slower|slowly|too fast|so fast|very fast|slow down|not so fast|little slow|one at a time|one by one|step by step|one question at a time)\b")),
    (Kind.SIMPLER, re.compile(r"\b(simple (words|terms|english|language|way)|simpler|simply|simple|easy (words|way|language)|plain (english|words)|layman|laymans|eli5|like im five|didnt (get|understand)|did not (get|understand)|dont understand|do not understand|not clear|confused|confusing|lost me|what does (that|this|it) mean|what that means|i dont get it|explain (it |that |this )?again)\b")),
    (Kind.QUESTIONS_ONLY, re.compile(r"\b(questions only|only (the )?questions|without (the )?answers|no answers|just (the )?questions|dont (tell|give) (me )?the answers)\b|^(the )?questions$")),
    (Kind.WITH_ANSWERS, re.compile(r"\b(with (the )?answers?|and answers|along with answers|include (the )?answers|answers too|answers also|answers as well|(show|give) (me )?(the )?answers)\b")),
    (Kind.SHORTER, re.compile(r"\b(shorter|short|brief|briefly|in short|summary|summarize|summarise|tldr|tl dr|too long|too much|less detail|fewer details|too detailed)\b")),
    (Kind.MORE_DETAIL, re.compile(r"\b(more detail|more details|in detail|detailed|elaborate|deeper|in depth|explain more|full answer|tell me more|go deeper|detail)\b")),
    (Kind.FOLLOW_UP, re.compile(r"\b(follow up|followup|follow on|what (would|will|might) (they|the interviewer) ask next|next question (they|the interviewer))\b")),
    (Kind.WHY, re.compile(r"^(but |and )?(why|how come)\b|^(whats|what is) the reason\b|^reason$")),
    (Kind.TRY_AGAIN, re.compile(r"^(ok |okay |can i |let me |i want to |ill |i will )?(try( it| that| this)? again|retry|have another go|another (try|attempt)|one more try|answer (it |that |this )?again)( please)?$")),
    (Kind.ANSWER, re.compile(r"\b(model answer|(the )?(correct|right|ideal|best) answer)\b|^(answer|the answer|show (me )?the answer|tell me the answer|give (me )?the answer|whats the answer|what is the answer|reveal|answer please)\b|^(i dont know|no idea|i give up|i have no idea)$")),
    (Kind.HOW_MANY_LEFT, re.compile(r"\bhow many( questions?)?( are| do (we|i) have| is)?( left| remaining| more| to go)\b|\bhow much (is )?left\b|\bwhere are we\b|\bwhich question (are we|is this|am i)\b|\bwhat number\b")),
    (Kind.GOTO, GOTO),
    (Kind.PREVIOUS, re.compile(r"^((the )?previous( one| question)?|go back|back|last question|the one before|before that)$")),
    (Kind.SKIP, re.compile(r"^((ill|i will|let me|lets|i want to) )?(skip( it| this| this one| that| question| this question)?|pass)$")),
    (Kind.NEXT, re.compile(r"^((ok|okay|got it|fine|good|great|done|understood|thanks|thank you|yes|alright|cool|nice|sorry|next) )*(next( one| question| please)?|move on|go ahead|go on to the next|lets go|lets move on|go next)$|^(done|got it|understood|i understood|clear|makes sense|fine|good|great|nice|cool|perfect|thank you|thanks|im good|i am good|all good)( so much| a lot)?$")),
    (Kind.MORE, re.compile(r"^((go on|more|continue|keep going|yes|yeah|yep|sure|carry on|and then|then|and|what else|tell me|ok|okay|alright|right|uh huh) ?)+$")),
    (Kind.QUIZ, re.compile(r"^quiz$|\b(quiz me|test me|mock interview|interview me|ask me questions and grade|grade me|practice interview)\b")),
]  # fmt: skip

# Teaching and style commands that, with a subject named, are really a question about it.
STYLE = frozenset(
    {Kind.PAUSE, Kind.EXAMPLE, Kind.FASTER, Kind.SLOWER, Kind.SIMPLER, Kind.SHORTER,
     Kind.MORE_DETAIL, Kind.FOLLOW_UP, Kind.WHY}
)  # fmt: skip

CHECK = re.compile(
    r"(\bright$|\bcorrect$|\bisnt it$|\bis it$|\bam i right\b|\bis (that|this|it) (right|correct|true)\b|"
    r"^is it (true|correct|right) that\b|^so\b.*\b(right|correct|yes)$|\bdoes (that|this|it) mean (that )?\w+|"
    r"\bif i understood\b|\bif i understand\b|\bmy understanding is\b)"
)
TOPICS = re.compile(
    r"\b(?:top|main|important|key|most important|core)\b.*\b(?:topics|subtopics|areas|concepts|things|parts)\b|"
    r"\bwhat (?:topics|areas) (?:should|to|do) (?:i )?(?:study|prepare|cover|learn|know)\b|"
    r"\bwhat (?:should|do) i (?:study|prepare|learn|cover|know|focus on)\b"
)
# Asking which topics there are at all: no topic named, and that is fine.
TOPIC_LIST = re.compile(
    r"\b(?:what|which) topics\b|\btopics (?:do|can) you\b|^(?:list (?:all )?(?:the )?)?topics$"
)
QUESTIONS = re.compile(
    r"\b(questions|question set|interview questions|qs|quiz|problems|go with|start with|lets do|lets start|cover|begin with|prepare|preparing|practice|practise|revise|drill)\b"
)
FREE_QUESTION = re.compile(
    r"^(what|whats|how|why|when|where|which|who|explain|define|describe|tell me about|difference|"
    r"compare|is there|can|does|do|should|give me)\b|\b(vs|versus|difference between)\b"
)


_NO_SUBJECT = STOPWORDS | COMMAND_WORDS | LEVEL_WORDS.keys() | NUMBER_WORDS.keys()


def _subject_words(t: str) -> list[str]:
    """The words of ``t`` that name something, beyond command, level and filler words."""
    return [w for w in t.split() if len(w) > 2 and not w.isdigit() and w not in _NO_SUBJECT]


def _has_subject(t: str, topic: str | None) -> bool:
    """Whether ``t`` is about something: a topic, or any word that is not a command's."""
    return bool(topic or _subject_words(t))


def _goto(m: re.Match[str], raw: str) -> Intent:
    word = next(g for g in m.groups() if g)
    number = int(word) if word.isdigit() else {**NUMBER_WORDS, **ORDINALS, **HEARD_AS}[word]
    return Intent(Kind.GOTO, raw, number=number)


def _command(t: str, raw: str, topic: str | None, levels: tuple[Level, ...]) -> Intent | None:
    """The first command rule that fits, or None to let the set and question rules decide."""
    for kind, pattern in RULES:
        m = pattern.search(t)
        if not m:
            continue
        if kind is Kind.GOTO:
            return _goto(m, raw)
        if kind in (Kind.WITH_ANSWERS, Kind.QUESTIONS_ONLY) and (topic or levels):
            return None  # "python questions with answers" starts a set
        if kind in STYLE and _has_subject(t, topic):
            return Intent(Kind.ASK, raw, topic=topic)  # "explain docker in simple words"
        persistent = bool(PERSIST.search(t))
        count = _count(t) if kind is Kind.QUIZ else None
        return Intent(kind, raw, topic=topic, levels=levels, count=count, persistent=persistent)
    return None


def _start_set(t: str, raw: str, vocab: Vocabulary, levels: tuple[Level, ...]) -> Intent | None:
    """A request for a set of questions: a topic or level, asked for as questions."""
    topic = vocab.find_topic(t)
    if not (topic or levels):
        # "10 questions", "give me some questions": a mixed set, when nothing else is named
        if re.search(r"\bquestions\b", t) and not _subject_words(t):
            return Intent(Kind.START_SET, raw, count=_count(t))
        return None
    count = _count(t)
    # a short phrase is a set only when nothing else is named: "beginner python" is a set,
    # "text encoding in python" is a question
    bare = len(t.split()) <= 4 and not [w for w in _subject_words(t) if w not in vocab.words]
    asked = QUESTIONS.search(t) or count or (topic and levels) or bare
    if not asked or (FREE_QUESTION.search(t) and not re.search(r"\bquestions\b", t)):
        return None
    fact = None
    if "answer" in t:
        with_answers = not re.search(r"without|no answers|only", t)
        fact = ("with_answers", str(with_answers))
    return Intent(Kind.START_SET, raw, topic=topic, levels=levels, count=count, fact=fact)


def parse(text: str, vocab: Vocabulary) -> Intent:
    """The learner's intent; never raises, whatever the input."""
    if not JUNK.search(text) and looks_like_jd(text):  # a pasted job ad is long on purpose
        return Intent(Kind.PLAN_JD, text[:MAX_JD_CHARS])
    if len(text) > MAX_CHARS or JUNK.search(text):
        # no spoken or typed turn is this long or holds control bytes: a paste or binary data,
        # and acting on part of it would be a guess
        return Intent(Kind.UNKNOWN, text[:MAX_CHARS])
    t = normalise(text, vocab)
    if not t:
        return Intent(Kind.UNKNOWN, text)
    profile = _profile(t, text, vocab)
    if profile:
        return profile
    if STUDY_TODAY.search(t):
        return Intent(Kind.STUDY_TODAY, text)
    topic = vocab.find_topic(t)
    levels = levels_in(t)
    if CHECK.search(t) and len(t.split()) >= 4:
        return Intent(Kind.CHECK, text, topic=topic)
    if (TOPICS.search(t) and topic) or TOPIC_LIST.search(t):
        return Intent(Kind.TOPICS, text, topic=topic, count=_count(t))
    intent = _command(t, text, topic, levels) or _start_set(t, text, vocab, levels)
    if intent:
        return intent
    # A lone word that is no command or topic ("asdfgh", or a misheard "decorators") is left
    # UNKNOWN: only search knows whether it names anything, and guessing reads as nonsense.
    if FREE_QUESTION.search(t) or (len(t.split()) >= 2 and _has_subject(t, topic)):
        return Intent(Kind.ASK, text, topic=topic)
    return Intent(Kind.UNKNOWN, text)
